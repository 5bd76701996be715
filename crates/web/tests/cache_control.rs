//! `Cache-Control`, generated from the router: a browser or proxy may keep nothing that
//! carries personal data or credentials. Every answer is `no-store` unless its handler
//! says otherwise; only the assets (`immutable`; the worker and manifest `no-cache`) and, for
//! anonymous visitors, the public pages of neighbourhoods (`no-cache`) do.

use axum::http::Method;
use services::demo::DEMO_PASSWORD;
use testkit::TestApp;

/// Routes identical for every visitor that carry nothing personal: assets, the service
/// worker and the manifest.
const ASSETS: [&str; 3] = ["/assets/{file}", "/sw.js", "/manifest.webmanifest"];

/// Public pages that anonymous visitors may have kept (revalidated each time).
const PUBLIC_PAGES: [&str; 5] = [
    "/",
    "/buurten/{slug}",
    "/buurten/{slug}/prioriteiten",
    "/buurten/{slug}/kaart",
    "/buurten/{slug}/bijeenkomst",
];

fn concrete(pattern: &str) -> String {
    pattern
        .replace("{tag}", "nl")
        .replace("{file}", "nope.css")
        .replace("{slug}", "wyckerpoort")
        .replace("{team}", "wyckerpoort")
        .replace("{reference}", "VB-2345-6789")
        // Concern 3 is a public concern of Wyckerpoort; account 3 the demo team member.
        .replace("{id}", "3")
        .replace("{token}", "0123456789abcdef")
        .replace("{job}", "0b6f3f0e9d8a4c52a1e27f1c2b3d4e5f")
}

async fn cache_control(client: &reqwest::Client, url: String) -> (u16, String) {
    let response = client.get(url).send().await.unwrap();
    let value = response
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), value)
}

#[tokio::test]
async fn nothing_said_to_a_signed_in_visitor_is_kept() {
    let app = TestApp::with_demo().await;
    let (client, status) = app
        .sign_in("projectleider@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    assert_eq!(status, 303);

    // The pages named in the report, each with personal data or a credential.
    for path in [
        "/werk/wyckerpoort/zorg/3",
        "/werk/wyckerpoort/zorgen.csv",
        "/beheer/berichten",
        "/beheer/accounts",
        "/account",
        "/beheer/logboek",
    ] {
        let (status, value) = cache_control(&client, app.url(path)).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(value, "no-store", "{path}");
    }

    // Every GET route, whatever it answers (pages, redirects, 404s), public pages included:
    // to a signed-in visitor they show the name and the sign-out form's token.
    let mut checked = 0;
    for route in web::route_table() {
        if !route.methods.contains(&Method::GET) || ASSETS.contains(&route.path) {
            continue;
        }
        let path = concrete(route.path);
        let (status, value) = cache_control(&client, app.url(&path)).await;
        assert_eq!(value, "no-store", "GET {path} ({status})");
        checked += 1;
    }
    assert!(checked >= 45, "{checked} routes");
}

#[tokio::test]
async fn anonymous_visitors_may_keep_only_the_public_pages() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    for route in web::route_table() {
        if !route.methods.contains(&Method::GET) || ASSETS.contains(&route.path) {
            continue;
        }
        let path = concrete(route.path);
        let (status, value) = cache_control(&client, app.url(&path)).await;
        if PUBLIC_PAGES.contains(&route.path) {
            assert_eq!(status, 200, "{path}");
            assert_eq!(value, "no-cache", "{path}");
        } else {
            assert_eq!(value, "no-store", "GET {path} ({status})");
        }
    }
    let response = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.headers()["vary"], "Cookie, Accept-Language");

    // A refused form shows what was typed (the e-mail address): not kept either.
    let form = client
        .get(app.url("/inloggen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = testkit::csrf_of(&form);
    let response = client
        .post(app.url("/inloggen"))
        .form(&[
            ("csrf", token.as_str()),
            ("email", "projectleider@demo.buurtagenda.nl"),
            ("password", "wrong"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()["cache-control"], "no-store");
}
