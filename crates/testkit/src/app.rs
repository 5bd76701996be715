//! `TestApp`: the real router on a real port (127.0.0.1:0), on a fresh database.

use std::time::Duration;

use axum::Router;
use services::{Clock, Ctx};
use store::Store;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use web::{AppState, WebConfig};

use crate::db::TestDb;

/// A running application for one test.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base_url: String,
    /// A client that does not follow redirects, so tests see them.
    pub client: reqwest::Client,
    /// The services' context the app runs on.
    pub ctx: Ctx,
    /// The web state the app runs on (its background jobs, say).
    pub state: AppState,
    /// The database.
    pub db: TestDb,
    /// What loading the demo reported, when the app has it.
    pub demo: Option<services::demo::DemoSummary>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

/// A second server on a `TestApp`'s database (`TestApp::another_server`).
pub struct OtherServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base_url: String,
    /// Its services' context: its own pool on the same database.
    pub ctx: Ctx,
    _shutdown: oneshot::Sender<()>,
}

impl OtherServer {
    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// Options for a `TestApp`.
pub struct TestAppBuilder {
    clock: Option<services::ManualClock>,
    totp_required_roles: Option<Vec<domain::access::Role>>,
    demo: bool,
    config: WebConfig,
    extra: Router<AppState>,
}

impl TestApp {
    /// A builder with an empty, migrated database.
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            clock: None,
            totp_required_roles: None,
            demo: false,
            config: WebConfig::default(),
            extra: Router::new(),
        }
    }

    /// An app with the demo data loaded.
    pub async fn with_demo() -> TestApp {
        TestApp::builder().demo().spawn().await
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// `GET path` with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("GET")
    }

    /// A client that keeps cookies (a browser's session) and does not follow redirects.
    pub fn session_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTP client")
    }

    /// Signs in with a new session, as a browser does; returns the session's client and the
    /// status of the sign-in answer (303 on success).
    ///
    /// When the account needs a code (`/inloggen/code`), the code is computed as an
    /// authenticator app would: from the key on the page when the app is being set up, else
    /// from the demo secret (`services::demo::DEMO_TOTP_SECRET`). A code whose time step was
    /// already used (a second sign-in within 30 s) is followed by the next step's code, which
    /// the server accepts as clock skew.
    pub async fn sign_in(&self, email: &str, password: &str) -> (reqwest::Client, u16) {
        let client = self.session_client();
        let form = client
            .get(self.url("/inloggen"))
            .send()
            .await
            .expect("GET /inloggen")
            .text()
            .await
            .expect("the sign-in form");
        let token = csrf_of(&form);
        let response = client
            .post(self.url("/inloggen"))
            .form(&[
                ("csrf", token.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .expect("POST /inloggen");
        let status = response.status().as_u16();
        let to_code_step = response
            .headers()
            .get("location")
            .is_some_and(|l| l == "/inloggen/code");
        if !to_code_step {
            return (client, status);
        }
        let status = self.enter_code(&client).await;
        (client, status)
    }

    /// Completes `/inloggen/code` for the session of `client`; returns the answer's status.
    pub async fn enter_code(&self, client: &reqwest::Client) -> u16 {
        let page = client
            .get(self.url("/inloggen/code"))
            .send()
            .await
            .expect("GET /inloggen/code")
            .text()
            .await
            .expect("the code page");
        let token = csrf_of(&page);
        let secret =
            setup_key_of(&page).unwrap_or_else(|| services::demo::DEMO_TOTP_SECRET.to_owned());
        let now = self.ctx.clock.now();
        let mut status = 0;
        for at in [now, now + chrono::Duration::seconds(30)] {
            let code = services::totp::code_at(&secret, at).expect("a code");
            status = client
                .post(self.url("/inloggen/code"))
                .form(&[("csrf", token.as_str()), ("code", code.as_str())])
                .send()
                .await
                .expect("POST /inloggen/code")
                .status()
                .as_u16();
            if status != 422 {
                break;
            }
        }
        status
    }

    /// The demo municipality.
    ///
    /// # Panics
    /// When the app was built without the demo.
    pub fn demo_municipality(&self) -> domain::MunicipalityId {
        self.demo
            .as_ref()
            .expect("an app with the demo")
            .municipality
    }

    /// Another server on the same database, as production runs several behind one address:
    /// its own pool and its own web state (nothing shared in memory), the same clock and
    /// settings. It stops when dropped.
    pub async fn another_server(&self) -> OtherServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a port");
        let addr = listener.local_addr().expect("local address");
        let mut ctx = self.ctx.clone().with_public_url(&format!("http://{addr}"));
        ctx.store = self.db.store().await;
        let config = WebConfig::clone(&self.state.config);
        let app = web::router(AppState::new(ctx.clone(), config.clone()));
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            web::serve(listener, app, &config, async {
                let _ = rx.await;
            })
            .await
        });
        OtherServer {
            base_url: format!("http://{addr}"),
            ctx,
            _shutdown: tx,
        }
    }

    /// The store of the app.
    pub fn store(&self) -> &Store {
        &self.ctx.store
    }

    /// Asks the server to stop and waits until requests in flight have finished.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        self.begin_shutdown();
        let server = self.server.take().expect("server handle");
        let result = server.await.expect("server task");
        self.db.cleanup().await;
        result
    }

    /// Sends the stop signal without waiting.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl TestAppBuilder {
    /// Load the demo data set first.
    #[must_use]
    pub fn demo(mut self) -> Self {
        self.demo = true;
        self
    }

    /// Run on a clock the test moves by hand.
    #[must_use]
    pub fn clock(mut self, clock: services::ManualClock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Require a second factor of these roles (by default: the administrator).
    #[must_use]
    pub fn totp_required_roles(mut self, roles: &[domain::access::Role]) -> Self {
        self.totp_required_roles = Some(roles.to_vec());
        self
    }

    /// Use these HTTP settings.
    #[must_use]
    pub fn config(mut self, config: WebConfig) -> Self {
        self.config = config;
        self
    }

    /// Add routes under the standard layers (e.g. one that fails on purpose).
    #[must_use]
    pub fn routes(mut self, extra: Router<AppState>) -> Self {
        self.extra = extra;
        self
    }

    /// Starts the app.
    pub async fn spawn(self) -> TestApp {
        let now = self
            .clock
            .as_ref()
            .map_or_else(chrono::Utc::now, Clock::now);
        let (db, demo) = if self.demo {
            let spec = crate::DemoSpec {
                now,
                totp_required_roles: self.totp_required_roles.clone(),
            };
            let (db, summary) = crate::template::demo_db(&spec).await;
            (db, Some(summary))
        } else {
            (TestDb::new().await, None)
        };
        let store = db.store().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a port");
        let addr = listener.local_addr().expect("local address");
        let ctx = match self.clock {
            Some(clock) => Ctx::with_clock(store, clock),
            None => Ctx::new(store),
        }
        .with_public_url(&format!("http://{addr}"));
        let ctx = match &self.totp_required_roles {
            Some(roles) => ctx.with_totp_required_roles(roles),
            None => ctx,
        };
        let state = AppState::new(ctx.clone(), self.config);
        let app = web::router_with(state.clone(), self.extra);
        let (tx, rx) = oneshot::channel::<()>();
        // The same `web::serve` as the binary: its connection limits apply in every test.
        let config = state.config.clone();
        let server = tokio::spawn(async move {
            web::serve(listener, app, &config, async {
                let _ = rx.await;
            })
            .await
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTP client");
        TestApp {
            base_url: format!("http://{addr}"),
            client,
            ctx,
            state,
            db,
            demo,
            shutdown: Some(tx),
            server: Some(server),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.begin_shutdown();
    }
}

/// The hidden CSRF token of the first form in a page.
///
/// # Panics
/// When the page has no CSRF field.
pub fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The key shown for setting up an authenticator app (`<code translate="no">ABCD EFGH`), with
/// the spaces taken out; `None` when the page shows none.
pub fn setup_key_of(html: &str) -> Option<String> {
    let start = html.find("<code translate=\"no\">")? + 21;
    let end = start + html[start..].find("</code>")?;
    Some(html[start..end].split_whitespace().collect())
}
