//! The HTTP layer in process, through the real router on a real port: pages, languages,
//! error pages, security headers, assets, health, limits and graceful shutdown.

use std::time::Duration;

use testkit::TestApp;
use web::WebConfig;

async fn body(response: reqwest::Response) -> String {
    response.text().await.unwrap()
}

#[tokio::test]
async fn home_lists_the_demo_neighbourhoods_in_dutch_by_default() {
    let app = TestApp::with_demo().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = body(response).await;
    assert!(html.contains("<html lang=\"nl\">"));
    for (name, slug) in [
        ("Limmel", "limmel"),
        ("Nazareth", "nazareth"),
        ("Wittevrouwenveld", "wittevrouwenveld"),
        ("Wyckerpoort", "wyckerpoort"),
    ] {
        assert!(
            html.contains(&format!(
                "<th scope=\"row\"><a href=\"/buurten/{slug}\">{name}</a></th>"
            )),
            "{name}: linked to its public page"
        );
    }
    assert!(html.contains("5.455"), "Dutch thousands separator");
    assert!(html.contains("Limmel &#38; Nazareth"));
    app.shutdown().await.unwrap();
}

#[tokio::test]
async fn english_by_accept_language_and_cookie_beats_header() {
    let app = TestApp::with_demo().await;
    let html = body(
        app.get_with("/", &[("accept-language", "en-GB,en;q=0.9")])
            .await,
    )
    .await;
    assert!(html.contains("<html lang=\"en\">") && html.contains("Neighbourhoods"));
    assert!(html.contains("5,455"));
    let html = body(
        app.get_with("/", &[("accept-language", "en"), ("cookie", "lang=nl")])
            .await,
    )
    .await;
    assert!(html.contains("<html lang=\"nl\">"));
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_returns_only_to_local_paths() {
    let app = TestApp::with_demo().await;
    let response = app.get("/lang/en?next=%2F%3Fafter%3Dx").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/?after=x");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
    assert!(!cookie.contains("Secure"), "plain http in tests");
    let response = app.get("/lang/en?next=%2F%2Fevil.example").await;
    assert_eq!(response.headers()["location"], "/");
    assert_eq!(app.get("/lang/fr").await.status(), 404);
}

#[tokio::test]
async fn not_found_page_in_both_languages() {
    let app = TestApp::builder().spawn().await;
    let response = app.get("/bestaat-niet").await;
    assert_eq!(response.status(), 404);
    let html = body(response).await;
    assert!(html.contains("<html lang=\"nl\">") && html.contains("Pagina niet gevonden"));
    let response = app
        .get_with("/does-not-exist", &[("accept-language", "en")])
        .await;
    assert_eq!(response.status(), 404);
    assert!(body(response).await.contains("Page not found"));
}

#[tokio::test]
async fn server_errors_show_a_translated_page_with_the_request_id() {
    let app = TestApp::builder()
        .routes(testkit::routes::misbehaving())
        .spawn()
        .await;
    let response = app
        .get_with("/test/fail", &[("accept-language", "en")])
        .await;
    assert_eq!(response.status(), 500);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = body(response).await;
    assert!(html.contains("Something went wrong"), "{html}");
    assert!(html.contains(&id), "the page quotes the request id {id}");
    assert!(!html.contains("boom"), "internal details stay in the log");
}

#[tokio::test]
async fn a_conflict_found_at_commit_is_the_409_page() {
    let app = TestApp::builder()
        .routes(testkit::routes::misbehaving())
        .spawn()
        .await;
    let response = app.get("/test/conflict-at-commit").await;
    assert_eq!(response.status(), 409);
    let html = body(response).await;
    assert!(html.contains("Dit is intussen veranderd"), "{html}");
    // The store's writer works on after the refused commit.
    let response = app.get("/test/conflict-at-commit").await;
    assert_eq!(response.status(), 409);
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn a_bad_page_cursor_is_a_400_page_not_a_500() {
    let app = TestApp::with_demo().await;
    let response = app.get("/?after=garbage").await;
    assert_eq!(response.status(), 400);
    assert!(body(response).await.contains("Dit verzoek klopt niet"));
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let app = TestApp::with_demo().await;
    for path in ["/", "/nope", "/healthz"] {
        let response = app.get(path).await;
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "same-origin");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over http"
        );
        assert!(h.contains_key("x-request-id"));
    }
    let https = TestApp::builder()
        .config(WebConfig {
            https: true,
            ..WebConfig::default()
        })
        .spawn()
        .await;
    let response = https.get("/").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let switch = https.get("/lang/en").await;
    assert!(
        switch.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Secure")
    );
}

#[tokio::test]
async fn pages_use_only_hashed_same_origin_assets() {
    let app = TestApp::with_demo().await;
    let html = body(app.get("/").await).await;
    let refs: Vec<&str> = html
        .split(['"', '\''])
        .filter(|s| s.starts_with("/assets/") || s.starts_with("http") || s.starts_with("//"))
        .collect();
    assert!(refs.len() >= 3, "{refs:?}");
    for r in refs {
        assert!(r.starts_with("/assets/"), "{r} is not on this origin");
        let response = app.get(r).await;
        assert_eq!(response.status(), 200, "{r}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
    }
    let has_ext = |s: &str, ext: &str| {
        std::path::Path::new(s)
            .extension()
            .is_some_and(|e| e == ext)
    };
    let css_url = html.split('"').find(|s| has_ext(s, "css")).unwrap();
    let css = body(app.get(css_url).await).await;
    for font in css.split('"').filter(|s| has_ext(s, "woff2")) {
        let response = app.get(font).await;
        assert_eq!(response.status(), 200, "{font}");
        assert_eq!(response.headers()["content-type"], "font/woff2");
    }
    assert_eq!(app.get("/assets/app.css").await.status(), 404);
}

#[tokio::test]
async fn the_app_is_installable_and_its_worker_keeps_only_this_release() {
    let app = TestApp::builder().spawn().await;
    let html = body(app.get("/").await).await;
    assert!(html.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#));
    let response = app.get("/manifest.webmanifest").await;
    assert_eq!(
        response.headers()["content-type"],
        "application/manifest+json"
    );
    let manifest: serde_json::Value = serde_json::from_str(&body(response).await).unwrap();
    assert_eq!(manifest["display"], "standalone");
    for icon in manifest["icons"].as_array().unwrap() {
        let response = app.get(icon["src"].as_str().unwrap()).await;
        assert_eq!(response.status(), 200, "{icon}");
        assert_eq!(
            response.headers()["content-type"],
            icon["type"].as_str().unwrap()
        );
    }

    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("worker-src 'self'") && csp.contains("manifest-src 'self'"));
    let worker = body(response).await;
    let css = html
        .split('"')
        .find(|s| s.starts_with("/assets/app."))
        .unwrap();
    assert!(
        worker.contains(&format!("\"{css}\"")),
        "the worker keeps {css}"
    );
}

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::builder().spawn().await;
    assert_eq!(body(app.get("/healthz").await).await, "ok\n");
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.store().clone().close().await.unwrap();
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    assert_eq!(body(response).await, "database unreachable\n");
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "liveness does not need the database"
    );
}

#[tokio::test]
async fn oversized_bodies_get_413_and_slow_requests_time_out() {
    let config = WebConfig {
        request_timeout: Duration::from_millis(200),
        body_limit: 1024,
        ..WebConfig::default()
    };
    let app = TestApp::builder()
        .config(config)
        .routes(testkit::routes::misbehaving())
        .spawn()
        .await;
    let response = app
        .client
        .post(app.url("/"))
        .body(vec![b'x'; 4096])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(body(response).await.contains("Te veel gegevens"));
    let response = app.get("/test/slow").await;
    assert_eq!(response.status(), 408);
    assert!(body(response).await.contains("Dit duurde te lang"));
    let response = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert!(response.headers().contains_key("allow"));
}

#[tokio::test]
async fn shutdown_lets_requests_in_flight_finish() {
    let started = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut app = TestApp::builder()
        .routes(testkit::routes::misbehaving_counted(started.clone()))
        .spawn()
        .await;
    let in_flight = tokio::spawn(app.client.get(app.url("/test/slow")).send());
    while started.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    app.begin_shutdown();
    let response = in_flight.await.unwrap().unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "done");
    app.shutdown().await.unwrap();
}
