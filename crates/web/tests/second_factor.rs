//! Signing in with a code (TOTP) through HTTP, as a browser does: the second step after the
//! password, its limits and expiry, forced set-up for roles that require it, and switching
//! it on and off on the account page.

use chrono::Duration;
use domain::access::Role;
use services::ManualClock;
use services::demo::{DEMO_PASSWORD, DEMO_TOTP_SECRET};
use testkit::{TestApp, csrf_of, setup_key_of};

const ADMIN: &str = "beheer@demo.buurtagenda.nl";
const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let location = location(&response);
    (status, location, response.text().await.unwrap())
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let response = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = location(&response);
    (status, location, response.text().await.unwrap())
}

/// Enters the password on `/inloggen?next=...`; returns the client and where it was sent.
async fn password(app: &TestApp, email: &str, next: &str) -> (reqwest::Client, u16, String) {
    let client = app.session_client();
    let (_, _, form) = get(app, &client, &format!("/inloggen?next={next}")).await;
    let (status, location, _) = post(
        app,
        &client,
        "/inloggen",
        &[
            ("csrf", &csrf_of(&form)),
            ("email", email),
            ("password", DEMO_PASSWORD),
            ("next", next),
        ],
    )
    .await;
    (client, status, location)
}

async fn sign_ins(app: &TestApp) -> usize {
    store::repo::audit::latest_by_action(app.store().conn(), "account.sign-in", 100)
        .await
        .unwrap()
        .len()
}

fn code(secret: &str, app: &TestApp, offset_secs: i64) -> String {
    services::totp::code_at(secret, app.ctx.clock.now() + Duration::seconds(offset_secs)).unwrap()
}

#[tokio::test]
async fn an_administrator_needs_the_code_after_the_password() {
    let app = TestApp::with_demo().await;
    let (client, status, to) = password(&app, ADMIN, "/beheer/accounts").await;
    assert_eq!((status, to.as_str()), (303, "/inloggen/code"));
    assert_eq!(
        sign_ins(&app).await,
        0,
        "not signed in by the password alone"
    );
    let (status, to, _) = get(&app, &client, "/beheer/accounts").await;
    assert_eq!(status, 303);
    assert!(to.starts_with("/inloggen?next="), "{to}");

    let (status, _, page) = get(&app, &client, "/inloggen/code").await;
    assert_eq!(status, 200);
    for needle in [
        "name=\"code\"",
        "autocomplete=\"one-time-code\"",
        "inputmode=\"numeric\"",
        "Inlogcode",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(setup_key_of(&page).is_none(), "no set-up: the app exists");
    let token = csrf_of(&page);

    // A wrong code: the form again, with the typed code kept and a message by the field.
    let wrong = code(DEMO_TOTP_SECRET, &app, 3600);
    let (status, _, page) = post(
        &app,
        &client,
        "/inloggen/code",
        &[("csrf", &token), ("code", &wrong)],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Deze code klopt niet"));
    assert!(page.contains(&format!("value=\"{wrong}\"")));
    assert!(page.contains("aria-invalid=\"true\""));

    // Without the CSRF token: refused.
    let right = code(DEMO_TOTP_SECRET, &app, 0);
    let (status, _, _) = post(&app, &client, "/inloggen/code", &[("code", &right)]).await;
    assert_eq!(status, 403);

    // The right code, with spaces as apps show it: signed in, on to where the visitor was going.
    let spaced = format!("{} {}", &right[..3], &right[3..]);
    let (status, to, _) = post(
        &app,
        &client,
        "/inloggen/code",
        &[("csrf", &token), ("code", &spaced)],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/beheer/accounts"));
    assert_eq!(sign_ins(&app).await, 1);
    let (status, _, page) = get(&app, &client, "/beheer/accounts").await;
    assert_eq!(status, 200);
    assert!(page.contains("Mieke Beheerder"));
    // The step is over: its page sends the visitor to sign in, which sends them home.
    let (status, to, _) = get(&app, &client, "/inloggen/code").await;
    assert_eq!((status, to.as_str()), (303, "/inloggen"));

    // The same code again, in a new session: refused, as a replay.
    let (other, _, _) = password(&app, ADMIN, "/").await;
    let (_, _, page) = get(&app, &other, "/inloggen/code").await;
    let (status, _, _) = post(
        &app,
        &other,
        "/inloggen/code",
        &[("csrf", &csrf_of(&page)), ("code", &right)],
    )
    .await;
    assert_eq!(status, 422, "a code counts once");
}

#[tokio::test]
async fn the_code_step_has_the_sign_in_limit_and_expires() {
    let clock = ManualClock::new(chrono::Utc::now());
    let app = TestApp::builder().demo().clock(clock.clone()).spawn().await;
    let (client, _, _) = password(&app, ADMIN, "/").await;
    let (_, _, page) = get(&app, &client, "/inloggen/code").await;
    let token = csrf_of(&page);
    let wrong = code(DEMO_TOTP_SECRET, &app, 7200);
    for _ in 0..services::auth::MAX_FAILURES_PER_ACCOUNT {
        let (status, _, _) = post(
            &app,
            &client,
            "/inloggen/code",
            &[("csrf", &token), ("code", &wrong)],
        )
        .await;
        assert_eq!(status, 422);
    }
    let right = code(DEMO_TOTP_SECRET, &app, 0);
    let response = client
        .post(app.url("/inloggen/code"))
        .form(&[("csrf", token.as_str()), ("code", right.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Te veel verkeerde codes"),
        "a message, not an error page"
    );
    assert!(page.contains(&format!("value=\"{right}\"")));

    // After the window the limit is gone, but so is the half-finished sign-in: start again.
    clock.advance(Duration::minutes(services::auth::WINDOW_MINUTES + 1));
    let (status, to, _) = get(&app, &client, "/inloggen/code").await;
    assert_eq!((status, to.as_str()), (303, "/inloggen"));
    let (client, status) = app.sign_in(ADMIN, DEMO_PASSWORD).await;
    assert_eq!(status, 303);
    let (status, _, _) = get(&app, &client, "/beheer/accounts").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_role_that_requires_a_code_sets_up_the_app_before_signing_in() {
    let app = TestApp::builder()
        .demo()
        .totp_required_roles(&[Role::Administrator, Role::Coordinator])
        .spawn()
        .await;
    // The demo gives every account whose role requires a code the demo key; this one has
    // none yet, as a coordinator would when the policy changes.
    let email: domain::credentials::Email = COORDINATOR.parse().unwrap();
    let account = store::repo::accounts::find_by_email(app.store().conn(), &email)
        .await
        .unwrap()
        .unwrap();
    store::repo::totp::disable(app.store().conn(), account.id)
        .await
        .unwrap();
    let (client, status, to) = password(&app, COORDINATOR, "/beheer/structuur").await;
    assert_eq!((status, to.as_str()), (303, "/inloggen/code"));
    let (_, _, page) = get(&app, &client, "/inloggen/code").await;
    assert!(page.contains("Inloggen met een code instellen"));
    assert!(page.contains("<svg class=\"qr\""), "a QR code to scan");
    let key = setup_key_of(&page).expect("the key to type");
    assert!(key.len() >= 26, "at least 128 bits: {key}");
    // Showing the page again offers the same key (a phone may already have it).
    let (_, _, again) = get(&app, &client, "/inloggen/code").await;
    assert_eq!(setup_key_of(&again).as_deref(), Some(key.as_str()));

    let token = csrf_of(&page);
    let (status, _, page) = post(
        &app,
        &client,
        "/inloggen/code",
        &[("csrf", &token), ("code", "123")],
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(setup_key_of(&page).as_deref(), Some(key.as_str()));
    assert_eq!(sign_ins(&app).await, 0);

    let (status, to, _) = post(
        &app,
        &client,
        "/inloggen/code",
        &[("csrf", &token), ("code", &code(&key, &app, 0))],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/beheer/structuur"));
    assert_eq!(sign_ins(&app).await, 1);
    let (status, _, page) = get(&app, &client, "/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("Aan sinds"));
    assert!(
        page.contains("verplicht"),
        "required: no button to switch it off"
    );
    assert!(!page.contains("/account/inlogcode/uitzetten"));
    let (_, _, home) = get(&app, &client, "/").await;
    let (status, _, _) = post(
        &app,
        &client,
        "/account/inlogcode/uitzetten",
        &[("csrf", &csrf_of(&home))],
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn anyone_can_switch_the_code_on_and_off_on_the_account_page() {
    let app = TestApp::with_demo().await;
    let (client, status) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    assert_eq!(status, 303, "the coordinator needs no code by default");
    let (status, _, page) = get(&app, &client, "/account").await;
    assert_eq!(status, 200);
    for needle in [
        "Mijn account",
        COORDINATOR,
        "Coördinator",
        "Uit.",
        "<svg class=\"qr\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    let key = setup_key_of(&page).expect("a key to set up");
    let token = csrf_of(&page);
    let (status, _, page) = post(
        &app,
        &client,
        "/account/inlogcode",
        &[("csrf", &token), ("code", "000000x")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Deze code klopt niet"));
    assert!(page.contains("value=\"000000x\""));
    assert_eq!(setup_key_of(&page).as_deref(), Some(key.as_str()));

    let (status, to, _) = post(
        &app,
        &client,
        "/account/inlogcode",
        &[("csrf", &token), ("code", &code(&key, &app, 0))],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/account?code=aan"));
    let (_, _, page) = get(&app, &client, "/account?code=aan").await;
    assert!(page.contains("staat nu aan"));
    assert!(page.contains("/account/inlogcode/uitzetten"));

    // From now on the password alone is not enough.
    let (_, status, to) = password(&app, COORDINATOR, "/").await;
    assert_eq!((status, to.as_str()), (303, "/inloggen/code"));

    let (status, to, _) = post(
        &app,
        &client,
        "/account/inlogcode/uitzetten",
        &[("csrf", &token)],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/account?code=uit"));
    let (_, status, to) = password(&app, COORDINATOR, "/").await;
    assert_eq!((status, to.as_str()), (303, "/"));
    let log = store::repo::audit::latest_by_action(app.store().conn(), "account.totp.disable", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
}

#[tokio::test]
async fn the_account_page_speaks_english_too() {
    let app = TestApp::with_demo().await;
    let (client, _) = app.sign_in(ADMIN, DEMO_PASSWORD).await;
    let response = client
        .get(app.url("/account"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let page = response.text().await.unwrap();
    assert!(page.contains("My account"), "{page}");
    assert!(page.contains("On since"));
    assert!(page.contains("Your role requires this"));
}

#[tokio::test]
async fn an_administrator_resets_the_code_of_someone_who_lost_their_phone() {
    let app = TestApp::with_demo().await;
    // The coordinator switches the code on, then loses the phone.
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (_, _, page) = get(&app, &coordinator, "/account").await;
    let key = setup_key_of(&page).unwrap();
    let (status, _, _) = post(
        &app,
        &coordinator,
        "/account/inlogcode",
        &[("csrf", &csrf_of(&page)), ("code", &code(&key, &app, 0))],
    )
    .await;
    assert_eq!(status, 303);
    let email: domain::credentials::Email = COORDINATOR.parse().unwrap();
    let id = store::repo::accounts::find_by_email(app.store().conn(), &email)
        .await
        .unwrap()
        .unwrap()
        .id;
    let reset = format!("/beheer/accounts/{id}/inlogcode-wissen");

    // The coordinator cannot reset the administrator's code (a role it cannot grant).
    let (_, _, page) = get(&app, &coordinator, "/beheer/accounts").await;
    assert!(page.contains(&reset), "its own code it may reset");
    assert!(
        !page.contains("/beheer/accounts/1/inlogcode-wissen"),
        "not the administrator's"
    );
    let (status, _, _) = post(
        &app,
        &coordinator,
        "/beheer/accounts/1/inlogcode-wissen",
        &[("csrf", &csrf_of(&page))],
    )
    .await;
    assert_eq!(status, 403);

    let (admin, _) = app.sign_in(ADMIN, DEMO_PASSWORD).await;
    let (_, _, page) = get(&app, &admin, "/beheer/accounts").await;
    assert!(page.contains(&reset));
    let (status, to, _) = post(&app, &admin, &reset, &[("csrf", &csrf_of(&page))]).await;
    assert_eq!(
        (status, to.as_str()),
        (303, &*format!("/beheer/accounts?inlogcode_gewist={id}"))
    );
    let (_, _, page) = get(&app, &admin, &to).await;
    assert!(page.contains("De inlogcode van Sanne Coenen is gewist"));
    assert!(!page.contains(&reset), "nothing left to reset");
    let log = store::repo::audit::latest_by_action(app.store().conn(), "account.totp.reset", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    // Whoever has the lost phone's session is signed out.
    let (status, to, _) = get(&app, &coordinator, "/account").await;
    assert_eq!(status, 303);
    assert!(to.starts_with("/inloggen"), "{to}");
    // The password alone is enough again (the coordinator's role does not require a code).
    let (_, status, to) = password(&app, COORDINATOR, "/").await;
    assert_eq!((status, to.as_str()), (303, "/"));
    // An unknown or malformed account: 404.
    for path in [
        "/beheer/accounts/999999/inlogcode-wissen",
        "/beheer/accounts/x/inlogcode-wissen",
    ] {
        let (status, _, _) = post(&app, &admin, path, &[("csrf", &csrf_of(&page))]).await;
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_codes_sent_together_in_one_session_are_checked_five_times() {
    let app = TestApp::with_demo().await;
    let other = app.another_server().await;
    let (client, _, _) = password(&app, ADMIN, "/").await;
    let (_, _, page) = get(&app, &client, "/inloggen/code").await;
    let token = csrf_of(&page);
    let wrong = code(DEMO_TOTP_SECRET, &app, 7200);
    let urls = [app.url("/inloggen/code"), other.url("/inloggen/code")];
    let statuses = testkit::together(40, |i| {
        let request = client
            .post(&urls[i % 2])
            .form(&[("csrf", token.as_str()), ("code", wrong.as_str())]);
        async move { request.send().await.unwrap().status().as_u16() }
    })
    .await;
    let most = usize::try_from(services::auth::MAX_FAILURES_PER_ACCOUNT).unwrap();
    assert_eq!(
        testkit::together::count(&statuses, 422),
        most,
        "{statuses:?}"
    );
    assert_eq!(testkit::together::count(&statuses, 429), 40 - most);
    assert_eq!(sign_ins(&app).await, 0);
}
