//! Walks every route of the router (`web::route_table`) with every state-changing method:
//! without the session's CSRF token the answer is 403, whatever the route; with it, the
//! declared POST routes get past the check. A new route is walked as soon as it is added.

use axum::http::Method;
use testkit::{TestApp, csrf_of};

const STATE_CHANGING: [Method; 4] = [Method::POST, Method::PUT, Method::PATCH, Method::DELETE];

/// A concrete path for a pattern: parameters get a plausible value.
fn concrete(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "en"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_state_changing_request_needs_the_token() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    // A session with a token, so that "no token" and "wrong token" are the only differences.
    client.get(app.url("/inloggen")).send().await.unwrap();
    let routes = web::route_table();
    assert!(routes.len() >= 7, "the table lists the routes");
    for route in &routes {
        let path = concrete(route.path);
        for method in STATE_CHANGING {
            let url = app.url(&path);
            let without = client
                .request(method.clone(), &url)
                .form(&[("x", "1")])
                .send()
                .await
                .unwrap();
            assert_eq!(without.status(), 403, "{method} {path} without a token");
            let wrong = client
                .request(method.clone(), &url)
                .form(&[("csrf", "f".repeat(64).as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(wrong.status(), 403, "{method} {path} with a wrong token");
            let header = client
                .request(method.clone(), &url)
                .header("x-csrf-token", "f".repeat(64))
                .send()
                .await
                .unwrap();
            assert_eq!(
                header.status(),
                403,
                "{method} {path} with a wrong header token"
            );
        }
        if route.methods.contains(&Method::POST) {
            // A fresh token: an earlier route (sign-out) may have ended the session.
            let page = client
                .get(app.url("/inloggen"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let token = csrf_of(&page);
            let with = client
                .post(app.url(&path))
                .form(&[("csrf", token.as_str()), ("email", "x"), ("password", "y")])
                .send()
                .await
                .unwrap();
            assert_ne!(
                with.status(),
                403,
                "POST {path} with the token passes the check"
            );
        }
    }
}

/// A multipart form (a file upload) carries the token in its action URL: accepted only for
/// multipart requests, and only when it is the session's token.
#[tokio::test]
async fn a_multipart_form_carries_the_token_in_its_action_url() {
    let app = TestApp::with_demo().await;
    let (client, status) = app
        .sign_in(
            "projectleider@demo.buurtagenda.nl",
            services::demo::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(status, 303);
    let page = client
        .get(app.url("/beheer/import"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf_of(&page);
    assert!(page.contains(&format!("action=\"/beheer/import/adressen?csrf={token}\"")));
    let form = || {
        reqwest::multipart::Form::new().part(
            "bestand",
            reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("a.csv"),
        )
    };
    let post = |query: String| {
        client
            .post(app.url(&format!("/beheer/import/adressen{query}")))
            .multipart(form())
            .send()
    };
    assert_eq!(post(String::new()).await.unwrap().status(), 403, "no token");
    let wrong = format!("?csrf={}", "f".repeat(64));
    assert_eq!(post(wrong).await.unwrap().status(), 403, "wrong token");
    let right = post(format!("?csrf={token}")).await.unwrap();
    assert_eq!(right.status(), 303, "the session's token");
    // Outside multipart the query string is not a place for the token.
    let form_body = client
        .post(app.url(&format!("/beheer/import/adressen?csrf={token}")))
        .form(&[("x", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        form_body.status(),
        403,
        "URL-encoded body with a query token"
    );
}
