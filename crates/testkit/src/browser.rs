//! A real browser for tests: Debian's Chromium, driven through chromedriver with thirtyfour,
//! and axe-core run inside the page to find WCAG 2.1 A and AA violations.
//!
//! Paths come from `CHROMEDRIVER`, `CHROMIUM` and `AXE_JS`, defaulting to the Debian packages
//! and the `node_modules` that `.ci/run` installs.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;
use thirtyfour::prelude::*;
use tokio::process::{Child, Command};

/// The axe rule tags that make up WCAG 2.1 levels A and AA.
const WCAG_21_AA_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// A headless Chromium session with its own chromedriver and profile.
pub struct Browser {
    /// The WebDriver session.
    pub driver: WebDriver,
    chromedriver: Child,
    profile: tempfile::TempDir,
}

fn env_path(name: &str, default: &str) -> PathBuf {
    std::env::var_os(name).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

fn axe_path() -> PathBuf {
    std::env::var_os("AXE_JS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts chromedriver and a headless Chromium at 1280x900.
    pub async fn start() -> Browser {
        let chromedriver_bin = env_path("CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium_bin = env_path("CHROMIUM", "/usr/bin/chromium");
        assert!(
            chromedriver_bin.exists() && chromium_bin.exists(),
            "browser tests need {} and {}: run .ci/run (it installs chromium and chromium-driver)",
            chromedriver_bin.display(),
            chromium_bin.display()
        );
        let port = free_port();
        let chromedriver = Command::new(&chromedriver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("starting chromedriver");
        let server = format!("http://127.0.0.1:{port}");
        wait_until_up(&format!("{server}/status")).await;

        let profile = tempfile::tempdir().expect("profile folder");
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&chromium_bin.to_string_lossy())
            .expect("binary");
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            &format!("--user-data-dir={}", profile.path().display()),
        ] {
            caps.add_arg(arg).expect("argument");
        }
        let driver = WebDriver::new(&server, caps)
            .await
            .expect("starting a Chromium session");
        Browser {
            driver,
            chromedriver,
            profile,
        }
    }

    /// Opens `url`.
    pub async fn goto(&self, url: &str) {
        self.driver.goto(url).await.expect("navigating");
    }

    /// Resizes the window (CSS pixels).
    pub async fn resize(&self, width: u32, height: u32) {
        self.driver
            .set_window_rect(0, 0, width, height)
            .await
            .expect("resizing");
    }

    /// Runs a script and returns its JSON result.
    pub async fn eval(&self, script: &str) -> Value {
        self.driver
            .execute(script, Vec::<Value>::new())
            .await
            .expect("running a script")
            .json()
            .clone()
    }

    /// Runs axe-core on the current page; returns one line per WCAG 2.1 A/AA violation.
    pub async fn axe_violations(&self) -> Vec<String> {
        let path = axe_path();
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core at {}: {e}; run `npm ci` (or .ci/run)",
                path.display()
            )
        });
        let tags = serde_json::to_string(WCAG_21_AA_TAGS).expect("tags");
        let script = format!(
            "{source}\n;return axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, \
             resultTypes: ['violations'] }}).then(r => r.violations.map(v => v.id + ' (' + v.impact \
             + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')));"
        );
        let result = self.eval(&script).await;
        serde_json::from_value(result).expect("axe result")
    }

    /// Fails the test if the current page has any WCAG 2.1 A or AA violation.
    pub async fn assert_accessible(&self, what: &str) {
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "{what}: {} accessibility violation(s):\n{}",
            violations.len(),
            violations.join("\n")
        );
    }

    /// Waits for a form's error summary, then checks the page with axe-core: every form's
    /// error state must be as accessible as the form itself.
    pub async fn assert_form_errors(&self, what: &str) {
        // `query` waits for the element: the click that sent the form may return before the
        // answer is shown.
        self.driver
            .query(By::Css(".error-summary"))
            .first()
            .await
            .unwrap_or_else(|e| panic!("{what}: no error summary: {e}"));
        self.assert_accessible(what).await;
    }

    /// Signs in through the form at `base_url/inloggen` and waits until signed in. When the
    /// code step follows, it enters the code an authenticator app with the demo key
    /// (`services::demo::DEMO_TOTP_SECRET`) shows now.
    pub async fn sign_in(&self, base_url: &str, email: &str, password: &str) {
        self.goto(&format!("{base_url}/inloggen")).await;
        self.type_into("email", email).await;
        self.type_into("password", password)
            .await
            .send_keys(Key::Enter)
            .await
            .expect("sending the form");
        self.driver
            .query(By::Css(".who, #code"))
            .first()
            .await
            .expect("signed in, or the code step");
        let url = self.driver.current_url().await.expect("the page's address");
        if url.path() == "/inloggen/code" {
            self.enter_code(services::demo::DEMO_TOTP_SECRET).await;
        }
        self.driver
            .query(By::Css(".who"))
            .first()
            .await
            .expect("signed in");
    }

    /// On a page with a `code` field, types the code an app with `secret` (base32) shows
    /// now and sends the form with Enter.
    pub async fn enter_code(&self, secret: &str) {
        let code = services::totp::code_at(secret, chrono::Utc::now()).expect("a code");
        self.type_into("code", &code)
            .await
            .send_keys(Key::Enter)
            .await
            .expect("sending the code");
    }

    /// Waits (up to 20 s) until the page's path starts with `prefix`: after a click that
    /// navigates, so that nothing of the old page is read while it goes.
    pub async fn wait_for_path(&self, prefix: &str) {
        let script = format!("return location.pathname.startsWith({prefix:?})");
        self.wait_until(&script, &format!("the page at {prefix}"))
            .await;
    }

    /// Switches the network off (`true`) or on again, as the offline switch of Chromium's developer tools does:
    /// requests fail at once and the page gets the `offline` and `online` events.
    pub async fn set_offline(&self, offline: bool) {
        let conditions = thirtyfour::cdp::domains::network::NetworkConditions {
            offline,
            ..Default::default()
        };
        self.driver
            .cdp()
            .network()
            .emulate_network_conditions(conditions)
            .await
            .expect("setting the network conditions");
    }

    /// Waits (up to 20 s) until `script` returns `true`; panics with `what` otherwise.
    pub async fn wait_until(&self, script: &str, what: &str) {
        for _ in 0..200 {
            if self.eval(script).await == Value::Bool(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("waited in vain for {what}");
    }

    /// Waits (up to 20 s) until the first element `css` points at contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let script = format!(
            "const e = document.querySelector({css:?}); return !!e && e.textContent.includes({text:?})"
        );
        self.wait_until(&script, &format!("{text:?} in {css}"))
            .await;
    }

    /// Clicks the element `css` points at (the first, when several match).
    pub async fn click(&self, css: &str) {
        self.driver
            .find(By::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Empties the field with id `id`, types `text` into it, and returns it.
    pub async fn type_into(&self, id: &str, text: &str) -> WebElement {
        let field = self.driver.find(By::Id(id)).await.expect("the field");
        field.clear().await.expect("clearing the field");
        field.send_keys(text).await.expect("typing");
        field
    }

    /// Signs out with the header's button and waits for the sign-in link to show.
    pub async fn sign_out(&self) {
        self.driver
            .find(By::Css(".sign-out button"))
            .await
            .expect("a sign-out button")
            .click()
            .await
            .expect("clicking sign out");
        self.driver
            .query(By::Css("a[href='/inloggen']"))
            .first()
            .await
            .expect("the sign-in link after signing out");
    }

    /// Ends the session and stops chromedriver.
    pub async fn quit(mut self) {
        let _ = self.driver.clone().quit().await;
        let _ = self.chromedriver.kill().await;
    }
}

impl Drop for Browser {
    /// A browser that was not quit (its test failed) is torn down here without waiting:
    /// thirtyfour's own fallback would block on a request whose connection belongs to the
    /// test's runtime, which is what is blocked, and hang until the test times out.
    fn drop(&mut self) {
        let _ = self.driver.clone().leak();
        let _ = self.chromedriver.start_kill();
        // Chromium outlives a killed chromedriver; its profile folder names it.
        let _ = std::process::Command::new("pkill")
            .arg("-f")
            .arg(self.profile.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

async fn wait_until_up(status_url: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if client.get(status_url).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("chromedriver did not start within 15 s");
}
