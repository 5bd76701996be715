//! HTTP: the router, middleware (request ids, security headers, limits, error pages),
//! extractors and the handlers. A handler extracts, calls one service, and renders or
//! redirects; `error.rs` is the only place errors become responses.

pub mod assets;
pub mod auth;
pub mod client_ip;
pub mod conditional;
pub mod csrf;
pub mod error;
pub mod html;
pub mod jobs;
pub mod layers;
pub mod locale;
pub mod ops;
pub mod server;
pub mod session;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;
use services::Ctx;
use tokio::net::TcpListener;

/// Settings of the HTTP layer.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Served over HTTPS (directly or behind a proxy): send HSTS and mark cookies `Secure`.
    pub https: bool,
    /// Longest time a request may take before it is answered with a timeout page.
    pub request_timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the visitor (see `client_ip`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Longest time a client may take to send a request's head (against slow clients that
    /// hold connections open).
    pub header_read_timeout: Duration,
    /// A connection without a request in hand and without traffic this long is closed.
    pub idle_timeout: Duration,
    /// Most connections served at once; beyond it a connection gets a short 503 answer.
    /// Keep it well below the open-file limit (`ulimit -n`), which also covers the database
    /// pool and files.
    pub max_connections: usize,
    /// Most bytes of rendered public pages kept in memory (`html::cache`).
    pub page_cache_bytes: usize,
}

/// Default of `WebConfig::max_connections`: well below the usual open-file limit of 1,024.
pub const DEFAULT_MAX_CONNECTIONS: usize = 768;

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            https: false,
            request_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
            trusted_proxies: Vec::new(),
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_mins(1),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            page_cache_bytes: html::cache::DEFAULT_PAGE_CACHE_BYTES,
        }
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The services' context.
    pub ctx: Ctx,
    /// HTTP settings.
    pub config: Arc<WebConfig>,
    /// Import jobs running in the background, and their outcomes.
    pub jobs: jobs::Jobs,
    /// Invitation letters being made.
    pub letters: html::meeting::print::LetterJobs,
    /// Rendered public pages (anonymous visitors).
    pub pages: html::cache::PageCache,
}

impl AppState {
    /// State for `ctx` with `config`.
    pub fn new(ctx: Ctx, config: WebConfig) -> Self {
        AppState {
            ctx,
            pages: html::cache::PageCache::new(config.page_cache_bytes),
            config: Arc::new(config),
            jobs: jobs::Jobs::default(),
            letters: html::meeting::print::LetterJobs::default(),
        }
    }
}

/// One route of the application: its path and the methods it answers. The router is built
/// from `route_table`, and the security tests walk the same table, so no route escapes them.
pub struct Route {
    /// The path pattern, e.g. `/lang/{tag}`.
    pub path: &'static str,
    /// The methods it answers (HEAD comes with GET).
    pub methods: Vec<Method>,
    router: MethodRouter<AppState>,
}

impl Route {
    fn get<H, T>(path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route {
            path,
            methods: vec![Method::GET],
            router: axum::routing::get(handler),
        }
    }

    fn post<H, T>(path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route {
            path,
            methods: vec![Method::POST],
            router: axum::routing::post(handler),
        }
    }

    fn and_post<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.methods.push(Method::POST);
        self.router = self.router.post(handler);
        self
    }
}

impl Route {
    /// An upload route: the body may be up to `UPLOAD_LIMIT` (enforced by the body-limit
    /// layer, which knows these paths), so axum's own default limit is lifted here.
    fn uploads(mut self) -> Self {
        self.router = self
            .router
            .layer(axum::extract::DefaultBodyLimit::disable());
        self
    }
}

/// Largest upload accepted on the import routes, in bytes (50 MB).
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

/// The paths that accept uploads up to `UPLOAD_LIMIT`.
pub const UPLOAD_PATHS: [&str; 2] = ["/beheer/import/adressen", "/beheer/import/grenzen"];

impl WebConfig {
    /// The largest body accepted on `path`: `UPLOAD_LIMIT` on the upload routes (at least
    /// the general limit), else `body_limit`.
    pub fn body_limit_for(&self, path: &str) -> usize {
        if UPLOAD_PATHS.contains(&path) {
            UPLOAD_LIMIT.max(self.body_limit)
        } else {
            self.body_limit
        }
    }
}

/// Every route of the application.
#[expect(
    clippy::too_many_lines,
    reason = "the table of every route reads best as one list"
)]
pub fn route_table() -> Vec<Route> {
    use html::admin::{import, structure, team};
    use html::{account, action, home, inventory, lang, meeting, teams};
    vec![
        Route::get("/", home::index::handler),
        Route::get("/lang/{tag}", lang::switch::handler),
        Route::get("/inloggen", account::sign_in::show).and_post(account::sign_in::submit),
        Route::get(account::second_factor::PATH, account::second_factor::show)
            .and_post(account::second_factor::submit),
        Route::post("/uitloggen", account::sign_out::handler),
        Route::get(account::me::PATH, account::me::show),
        Route::post("/account/inlogcode", account::me::enable),
        Route::post("/account/inlogcode/uitzetten", account::me::disable),
        Route::get("/wachtwoord-vergeten", account::forgot_password::show)
            .and_post(account::forgot_password::submit),
        Route::get(
            "/wachtwoord-herstellen/{token}",
            account::reset_password::show,
        )
        .and_post(account::reset_password::submit),
        Route::get("/wachtwoord-gewijzigd", account::reset_password::done),
        Route::get("/uitnodiging/{token}", account::invitation::show)
            .and_post(account::invitation::submit),
        Route::get("/beheer/berichten", account::outbox::handler),
        Route::get("/teams/{id}", teams::show::handler),
        Route::get("/beheer/structuur", structure::show),
        Route::get("/beheer/logboek", html::admin::audit::show),
        Route::get("/beheer/accounts", html::admin::accounts::show),
        Route::post("/beheer/accounts/uitnodigen", html::admin::accounts::invite),
        Route::post(
            "/beheer/accounts/{id}/uitnodiging-opnieuw",
            html::admin::accounts::resend_invitation,
        ),
        Route::post(
            "/beheer/accounts/{id}/inlogcode-wissen",
            html::admin::accounts::reset_code,
        ),
        Route::get("/beheer/import", import::show),
        Route::post("/beheer/import/adressen", import::upload_addresses).uploads(),
        Route::post("/beheer/import/grenzen", import::upload_boundaries).uploads(),
        Route::get("/beheer/import/{job}", import::job),
        Route::post("/beheer/structuur/wijk", structure::add_district),
        Route::post("/beheer/structuur/buurt", structure::add_neighbourhood),
        Route::post("/beheer/structuur/organisatie", structure::add_organisation),
        Route::post("/beheer/structuur/afdeling", structure::add_department),
        Route::post("/beheer/structuur/persoon", structure::add_person),
        Route::post("/beheer/structuur/team", structure::add_team),
        Route::post("/beheer/structuur/groep", structure::add_group),
        Route::post("/beheer/structuur/groepslid", structure::add_group_member),
        Route::get("/beheer/teams/{slug}", team::show),
        Route::post("/beheer/teams/{slug}/lid", team::set_member),
        Route::post("/beheer/teams/{slug}/lid-verwijderen", team::remove_member),
        Route::post("/beheer/teams/{slug}/contact", team::set_contact),
        Route::get("/beheer/onderwerpen", inventory::categories::show)
            .and_post(inventory::categories::add),
        Route::post("/beheer/onderwerpen/{id}", inventory::categories::offer),
        Route::get("/beheer/routering", inventory::routing::show)
            .and_post(inventory::routing::save),
        Route::post(
            "/beheer/routering/{id}/verwijderen",
            inventory::routing::remove,
        ),
        Route::get("/werk", inventory::work::my_teams),
        Route::get("/werk/{team}", inventory::work::list),
        Route::get("/werk/{team}/zorgen.csv", inventory::work::export),
        Route::get("/werk/{team}/kaart", inventory::map::team_map),
        Route::get("/werk/{team}/zorg/{id}", inventory::work::concern)
            .and_post(inventory::work::concern_update),
        Route::get("/werk/{team}/agenda", inventory::agenda::show)
            .and_post(inventory::agenda::change),
        Route::get("/werk/{team}/bereik", inventory::coverage::show)
            .and_post(inventory::coverage::record),
        Route::get("/werk/{team}/nieuw", inventory::work::capture_form)
            .and_post(inventory::work::capture_submit),
        // action (staff)
        Route::get("/afspraken", action::mine::show),
        Route::get("/werk/{team}/afspraken", action::board::show).and_post(action::board::create),
        Route::post(
            "/werk/{team}/afspraken/{id}/escaleren",
            action::escalation::raise,
        ),
        Route::post(
            "/werk/{team}/escalaties/{id}",
            action::escalation::team_step,
        ),
        Route::get("/groepen/{group}", action::escalation::queue),
        Route::get("/verzoeken", action::requests::inbox),
        Route::get("/verzoeken/{id}", action::requests::show).and_post(action::requests::answer),
        Route::get("/groepen/{group}/escalaties/{id}", action::escalation::show)
            .and_post(action::escalation::group_step),
        Route::get("/werk/{team}/afspraken/{id}", action::agreement::show)
            .and_post(action::agreement::change),
        // meeting (staff)
        Route::get("/werk/{team}/bijeenkomst", meeting::page::show),
        Route::get(
            "/werk/{team}/bijeenkomst/instellingen",
            meeting::forms::settings,
        )
        .and_post(meeting::forms::save_settings),
        Route::get("/werk/{team}/bijeenkomst/plan", meeting::forms::plan_form)
            .and_post(meeting::forms::save_plan),
        Route::post("/werk/{team}/bijeenkomst/open", meeting::steps::open),
        Route::post("/werk/{team}/bijeenkomst/codes", meeting::steps::codes),
        Route::get(
            "/werk/{team}/bijeenkomst/affiche.pdf",
            meeting::print::poster,
        ),
        Route::get(
            "/werk/{team}/bijeenkomst/stembiljet.pdf",
            meeting::print::ballot_sheet,
        ),
        Route::post(
            "/werk/{team}/bijeenkomst/brieven",
            meeting::print::start_letters,
        ),
        Route::get(
            "/werk/{team}/bijeenkomst/brieven/{job}",
            meeting::print::letters_status,
        ),
        Route::get(
            "/werk/{team}/bijeenkomst/brieven/{job}/brieven.pdf",
            meeting::print::letters_pdf,
        ),
        Route::post("/werk/{team}/bijeenkomst/papier", meeting::paper::enter),
        Route::post(
            "/werk/{team}/bijeenkomst/papier/bevestig",
            meeting::paper::confirm,
        ),
        Route::post("/werk/{team}/bijeenkomst/sluiten", meeting::steps::close),
        Route::post(
            "/werk/{team}/bijeenkomst/publiceren",
            meeting::publish::publish,
        ),
        Route::get("/buurten/{slug}", inventory::public::neighbourhood),
        Route::get("/buurten/{slug}/kaart", inventory::map::public_map),
        Route::get("/buurten/{slug}/melden", inventory::public::report_form)
            .and_post(inventory::public::report_submit),
        Route::get("/melding", inventory::public::lookup),
        Route::get("/melding/{reference}", inventory::public::status),
        Route::get("/healthz", ops::health::live),
        Route::get("/readyz", ops::health::ready),
        Route::get("/assets/{file}", assets::handler),
        Route::get("/sw.js", assets::service_worker),
        Route::get("/manifest.webmanifest", assets::manifest),
    ]
    .into_iter()
    // meeting (public)
    .chain(html::vote::routes())
    .collect()
}

/// The application: every route with every layer.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The application with `extra` routes merged in under the same layers (tests add routes
/// that fail or stall on purpose).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    let routes = route_table()
        .into_iter()
        .fold(Router::new(), |router, route| {
            router.route(route.path, route.router)
        })
        .merge(extra)
        .fallback(error::not_found);
    layers::apply(routes, &state).with_state(state)
}

/// Serves `app` on `listener` within the connection limits of `config` (`server`) until
/// `shutdown` resolves, then lets requests in flight finish.
///
/// # Errors
/// As `server::serve`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: &WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = server::Limits {
        header_read_timeout: config.header_read_timeout.max(Duration::from_millis(1)),
        idle_timeout: config.idle_timeout.max(Duration::from_millis(1)),
        max_connections: config.max_connections.max(1),
    };
    server::serve(listener, app, limits, shutdown).await
}
