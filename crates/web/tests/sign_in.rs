//! Signing in and out through HTTP, as a browser does: CSRF, the same answer for unknown and
//! known addresses, rate limits, session renewal, sign-out and the 12-hour limit.

use services::ManualClock;
use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

const EMAIL: &str = "projectleider@demo.buurtagenda.nl";

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("buurtagenda_session="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

async fn form(app: &TestApp, client: &reqwest::Client) -> String {
    let response = client.get(app.url("/inloggen")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url("/inloggen"))
        .form(fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn sign_in_renews_the_session_and_sign_out_ends_it() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    let html = form(&app, &client).await;
    for needle in [
        "name=\"email\"",
        "name=\"password\"",
        "type=\"hidden\" name=\"csrf\"",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    let token = csrf_of(&html);
    let before = client.get(app.url("/inloggen")).send().await.unwrap();
    let before = session_cookie(&before);

    let response = post(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("email", EMAIL),
            ("password", DEMO_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");
    let cookie = session_cookie(&response).expect("a session cookie");
    assert_ne!(
        Some(cookie.clone()),
        before,
        "the session id changes at sign-in"
    );
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );

    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Sanne Coenen"),
        "the header names the signed-in person"
    );
    let token = csrf_of(&home);
    assert_ne!(token, csrf_of(&html), "a fresh token after sign-in");
    let response = client
        .post(app.url("/uitloggen"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Sanne Coenen") && home.contains("href=\"/inloggen\""));
}

#[tokio::test]
async fn state_changes_without_a_valid_token_or_from_another_site_get_403() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    let token = csrf_of(&form(&app, &client).await);
    let fields = [("email", EMAIL), ("password", DEMO_PASSWORD)];
    for (case, extra, origin) in [
        ("no token", None, None),
        ("wrong token", Some("0".repeat(64)), None),
        (
            "other site",
            Some(token.clone()),
            Some("https://evil.example"),
        ),
    ] {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        if let Some(t) = &extra {
            all.push(("csrf", t));
        }
        let mut request = client.post(app.url("/inloggen")).form(&all);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 403, "{case}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Dit formulier is verlopen"),
            "{case}"
        );
    }
    let fresh = reqwest::Client::new();
    let response = fresh.post(app.url("/uitloggen")).send().await.unwrap();
    assert_eq!(response.status(), 403, "no session, no token");
}

#[tokio::test]
async fn unknown_and_known_addresses_get_the_same_answer() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    let token = csrf_of(&form(&app, &client).await);
    let mut answers = Vec::new();
    for email in [EMAIL, "niemand@demo.buurtagenda.nl"] {
        let response = post(
            &app,
            &client,
            &[
                ("csrf", &token),
                ("email", "X"),
                ("password", "wrong password!"),
            ],
        )
        .await;
        drop(response);
        let response = post(
            &app,
            &client,
            &[
                ("csrf", &token),
                ("email", email),
                ("password", "wrong password!"),
            ],
        )
        .await;
        let status = response.status();
        let body = response.text().await.unwrap().replace(email, "EMAIL");
        answers.push((status, body));
    }
    assert_eq!(answers[0].0, 422);
    assert!(
        answers[0].1.contains("horen niet bij elkaar"),
        "a message next to the field"
    );
    assert!(
        answers[0].1.contains("value=\"EMAIL\""),
        "what was typed is kept"
    );
    assert_eq!(answers[0], answers[1], "same status and body");
}

#[tokio::test]
async fn five_failures_for_one_account_give_429_with_retry_after() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    let token = csrf_of(&form(&app, &client).await);
    for _ in 0..5 {
        let response = post(
            &app,
            &client,
            &[
                ("csrf", &token),
                ("email", EMAIL),
                ("password", "not the password"),
            ],
        )
        .await;
        assert_eq!(response.status(), 422);
    }
    let response = post(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("email", EMAIL),
            ("password", DEMO_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 429, "even the right password waits");
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Te veel mislukte pogingen")
    );
    let other = post(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("email", "wijkagent@demo.buurtagenda.nl"),
            ("password", DEMO_PASSWORD),
        ],
    )
    .await;
    assert_eq!(
        other.status(),
        303,
        "another account from the same address still signs in"
    );
}

/// Thirty failed sign-ins of different accounts, each claiming `forwarded_for`; then what
/// the right password of `EMAIL` gets, claiming `then_from`.
async fn thirty_failures_then(
    app: &TestApp,
    forwarded_for: &str,
    then_from: &str,
) -> reqwest::Response {
    let client = app.session_client();
    let token = csrf_of(&form(app, &client).await);
    for i in 0..30 {
        let email = format!("iemand{i}@demo.buurtagenda.nl");
        let response = client
            .post(app.url("/inloggen"))
            .header("x-forwarded-for", forwarded_for)
            .form(&[
                ("csrf", token.as_str()),
                ("email", email.as_str()),
                ("password", "not the password"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "attempt {i}");
    }
    client
        .post(app.url("/inloggen"))
        .header("x-forwarded-for", then_from)
        .form(&[
            ("csrf", token.as_str()),
            ("email", EMAIL),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn thirty_failures_from_one_address_give_429() {
    // Without trusted proxies the header is ignored: writing another address does not help.
    let app = TestApp::with_demo().await;
    let response = thirty_failures_then(&app, "203.0.113.1", "203.0.113.2").await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_limit_is_per_visitor() {
    let config = web::WebConfig {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..web::WebConfig::default()
    };
    let app = TestApp::builder().demo().config(config).spawn().await;
    // Another visitor behind the same proxy is not locked out by the first one's failures.
    let response = thirty_failures_then(&app, "203.0.113.1", "203.0.113.2").await;
    assert_eq!(response.status(), 303);
    // The first visitor is.
    let client = app.session_client();
    let token = csrf_of(&form(&app, &client).await);
    let response = client
        .post(app.url("/inloggen"))
        .header("x-forwarded-for", "203.0.113.1")
        .form(&[
            ("csrf", token.as_str()),
            ("email", EMAIL),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
}

#[tokio::test]
async fn a_sign_in_lasts_twelve_hours_at_most() {
    let clock = ManualClock::new(chrono::Utc::now());
    let app = TestApp::builder().demo().clock(clock.clone()).spawn().await;
    let client = app.session_client();
    let token = csrf_of(&form(&app, &client).await);
    let response = post(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("email", EMAIL),
            ("password", DEMO_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    // Idle expiry (30 minutes) runs on the real clock; the 12-hour limit on the product's.
    clock.advance(chrono::Duration::hours(11));
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Sanne Coenen"),
        "still signed in after 11 hours"
    );
    clock.advance(chrono::Duration::hours(2));
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Sanne Coenen"), "signed out after 13 hours");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_sent_together_to_two_servers_are_checked_five_times() {
    let app = TestApp::with_demo().await;
    let other = app.another_server().await;
    let client = app.session_client();
    let token = csrf_of(&form(&app, &client).await);
    let urls = [app.url("/inloggen"), other.url("/inloggen")];
    let statuses = testkit::together(40, |i| {
        let request = client.post(&urls[i % 2]).form(&[
            ("csrf", token.as_str()),
            ("email", EMAIL),
            ("password", "not the password"),
        ]);
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
}
