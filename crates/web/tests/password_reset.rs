//! Forgotten passwords and invitations through HTTP, with mail delivered to an in-process
//! SMTP server: ask for a link, read it from the mail, choose a new password, sign in with
//! it. Also the same answer for unknown addresses, dead links, and the outbox page.

use domain::Locale;
use services::invitations::NewInvitation;
use services::{Actor, mail};
use testkit::{SmtpSink, TestApp, csrf_of};

const EMAIL: &str = "wijkagent@demo.buurtagenda.nl";
const NEW_PASSWORD: &str = "de buurt kiest zelf wat telt";

async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let response = client.get(url).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn post(client: &reqwest::Client, url: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client.post(url).form(fields).send().await.unwrap()
}

/// Sends what is due to the sink and returns the path of the link in the newest mail.
async fn mailed_path(app: &TestApp, sink: &SmtpSink, count: usize, marker: &str) -> String {
    let report = mail::send_due(&app.ctx, &sink.mailer()).await.unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    let messages = sink.wait_for(count).await;
    assert_eq!(messages.len(), count, "mails received");
    let link = messages[count - 1]
        .link_containing(marker)
        .expect("a link in the mail");
    link.strip_prefix(&app.base_url)
        .expect("the link points at the app")
        .to_owned()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> u16 {
    app.sign_in(email, password).await.1
}

#[tokio::test]
async fn story_forgot_password_mail_link_new_password_sign_in() {
    let app = TestApp::with_demo().await;
    let sink = SmtpSink::start().await;
    let client = app.session_client();
    // Signed in elsewhere before, say on a shared computer.
    let (elsewhere, status) = app.sign_in(EMAIL, services::demo::DEMO_PASSWORD).await;
    assert_eq!(status, 303);
    let (status, _) = page(&elsewhere, &app.url("/beheer/structuur")).await;
    assert_eq!(status, 200);

    let (status, html) = page(&client, &app.url("/inloggen")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("href=\"/wachtwoord-vergeten\""),
        "a link on the sign-in page"
    );
    let (status, html) = page(&client, &app.url("/wachtwoord-vergeten")).await;
    assert_eq!(status, 200);
    let response = post(
        &client,
        &app.url("/wachtwoord-vergeten"),
        &[("csrf", &csrf_of(&html)), ("email", EMAIL)],
    )
    .await;
    assert_eq!(response.status(), 303);
    let sent = response.headers()["location"].to_str().unwrap().to_owned();
    let (status, html) = page(&client, &app.url(&sent)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Kijk in uw e-mail"), "{html}");

    let path = mailed_path(&app, &sink, 1, "/wachtwoord-herstellen/").await;
    let (status, form) = page(&client, &app.url(&path)).await;
    assert_eq!(status, 200);
    assert!(form.contains("autocomplete=\"new-password\""));

    // Two different passwords: the form again, with a message and nothing typed kept.
    let response = post(
        &client,
        &app.url(&path),
        &[
            ("csrf", &csrf_of(&form)),
            ("password", NEW_PASSWORD),
            ("password_confirm", "iets heel anders"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let again = response.text().await.unwrap();
    assert!(again.contains("niet hetzelfde"), "{again}");
    assert!(
        !again.contains(NEW_PASSWORD),
        "passwords are never shown again"
    );

    let response = post(
        &client,
        &app.url(&path),
        &[
            ("csrf", &csrf_of(&again)),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/wachtwoord-gewijzigd");
    let (status, done) = page(&client, &app.url("/wachtwoord-gewijzigd")).await;
    assert_eq!(status, 200);
    assert!(done.contains("Uw wachtwoord is gewijzigd"));

    assert_eq!(
        sign_in(&app, EMAIL, NEW_PASSWORD).await,
        303,
        "the new password works"
    );
    assert_eq!(
        sign_in(&app, EMAIL, services::demo::DEMO_PASSWORD).await,
        422,
        "the old one does not"
    );
    // The session begun with the old password is over.
    let response = elsewhere
        .get(app.url("/beheer/structuur"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/inloggen")
    );

    // The link worked once.
    let (status, gone) = page(&client, &app.url(&path)).await;
    assert_eq!(status, 404);
    assert!(gone.contains("Deze link werkt niet meer") && gone.contains("/wachtwoord-vergeten"));
}

#[tokio::test]
async fn unknown_and_known_addresses_get_the_same_status_and_body() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    let (_, html) = page(&client, &app.url("/wachtwoord-vergeten")).await;
    let token = csrf_of(&html);
    let mut answers = Vec::new();
    for email in [EMAIL, "niemand@demo.buurtagenda.nl"] {
        let response = post(
            &client,
            &app.url("/wachtwoord-vergeten"),
            &[("csrf", &token), ("email", email)],
        )
        .await;
        let status = response.status();
        let location = response.headers().get("location").cloned();
        let body = response.text().await.unwrap();
        answers.push((status, location, body));
    }
    assert_eq!(answers[0].0, 303);
    assert_eq!(answers[0], answers[1], "same status, location and body");

    let response = post(
        &client,
        &app.url("/wachtwoord-vergeten"),
        &[("csrf", &token), ("email", "geen-adres")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("value=\"geen-adres\""),
        "what was typed is kept"
    );
    assert!(html.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn dead_links_get_a_clear_page_not_an_error() {
    let app = TestApp::with_demo().await;
    let client = app.session_client();
    for path in [
        "/wachtwoord-herstellen/abc",
        &format!("/wachtwoord-herstellen/{}", "0".repeat(64)),
        &format!("/uitnodiging/{}", "a".repeat(64)),
    ] {
        let (status, html) = page(&client, &app.url(path)).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Deze link werkt niet meer"), "{path}");
    }
    let (_, html) = page(&client, &app.url("/inloggen")).await;
    let response = post(
        &client,
        &app.url(&format!("/wachtwoord-herstellen/{}", "0".repeat(64))),
        &[
            ("csrf", &csrf_of(&html)),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn story_an_invited_colleague_chooses_a_password_and_is_signed_in() {
    let app = TestApp::with_demo().await;
    let sink = SmtpSink::start().await;
    let municipality = app.demo_municipality();
    let invitation = NewInvitation {
        municipality,
        email: "nieuw@demo.buurtagenda.nl".into(),
        name: "Noor Nieuw".into(),
        role: "team-member".into(),
        function: "community-worker".into(),
        organisation: None,
        locale: Locale::En,
    };
    services::invitations::invite(&app.ctx, &Actor::Cli, &invitation)
        .await
        .unwrap();
    let path = mailed_path(&app, &sink, 1, "/uitnodiging/").await;
    let client = app.session_client();
    let (status, form) = page(&client, &app.url(&path)).await;
    assert_eq!(status, 200);
    assert!(form.contains("Noor Nieuw") && form.contains("value=\"nieuw@demo.buurtagenda.nl\""));

    let response = post(
        &client,
        &app.url(&path),
        &[
            ("csrf", &csrf_of(&form)),
            ("password", "kort"),
            ("password_confirm", "kort"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let again = response.text().await.unwrap();
    assert!(again.contains("minstens 12 tekens") && again.contains("Noor Nieuw"));

    let response = post(
        &client,
        &app.url(&path),
        &[
            ("csrf", &csrf_of(&again)),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let (_, home) = page(&client, &app.url("/")).await;
    assert!(home.contains("Noor Nieuw"), "signed in straight away");
    let (status, _) = page(&client, &app.url(&path)).await;
    assert_eq!(status, 404, "the invitation works once");
    assert_eq!(
        sign_in(&app, "nieuw@demo.buurtagenda.nl", NEW_PASSWORD).await,
        303
    );
}

#[tokio::test]
async fn the_outbox_page_is_for_those_who_manage_accounts() {
    let app = TestApp::with_demo().await;
    let anonymous = app.session_client();
    let response = anonymous
        .get(app.url("/beheer/berichten"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/inloggen?next=%2Fbeheer%2Fberichten"
    );

    services::password_reset::request(&app.ctx, EMAIL, Locale::Nl)
        .await
        .unwrap();
    for (email, expected) in [
        (EMAIL, 403),
        ("projectleider@demo.buurtagenda.nl", 200),
        ("beheer@demo.buurtagenda.nl", 200),
    ] {
        let (client, _) = app.sign_in(email, services::demo::DEMO_PASSWORD).await;
        let (status, html) = page(&client, &app.url("/beheer/berichten")).await;
        assert_eq!(status, expected, "{email}");
        if status == 200 {
            assert!(html.contains(EMAIL) && html.contains("Wacht op verzending"));
            assert!(
                html.contains("/wachtwoord-herstellen/"),
                "the text, to pass on"
            );
        }
    }
}
