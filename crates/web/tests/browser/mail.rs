//! The pages of forgotten passwords, invitations and the outbox in real Chromium: axe-core
//! finds no WCAG 2.1 A/AA violation in either language, also with the forms' errors shown
//! and on the page for a link that no longer works.

use domain::Locale;
use services::Actor;
use services::invitations::NewInvitation;
use testkit::thirtyfour::prelude::*;
use testkit::{Browser, TestApp};

const EMAIL: &str = "wijkagent@demo.buurtagenda.nl";

/// The path of the newest link to `to` that contains `marker`, read from the outbox.
async fn link_path(app: &TestApp, to: &str, marker: &str) -> String {
    let mails = store::repo::mail::for_address(app.ctx.store.conn(), to)
        .await
        .unwrap();
    let body = &mails.last().expect("a mail").body;
    let word = body
        .split_whitespace()
        .find(|w| w.contains(marker))
        .expect("a link");
    word.strip_prefix(&app.base_url).unwrap().to_owned()
}

async fn goto_in(browser: &Browser, app: &TestApp, tag: &str, path: &str) {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    browser
        .goto(&app.url(&format!("/lang/{tag}?next={next}")))
        .await;
    let lang = browser.eval("return document.documentElement.lang").await;
    assert_eq!(lang, serde_json::json!(tag));
}

async fn heading(browser: &Browser) -> String {
    browser
        .driver
        .find(By::Tag("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn forgot_password_pages_are_accessible_with_their_error_states() {
    let app = super::app().await;
    let browser = Browser::start().await;
    for tag in ["nl", "en"] {
        goto_in(&browser, &app, tag, "/wachtwoord-vergeten").await;
        browser
            .assert_accessible(&format!("forgot password ({tag})"))
            .await;
        let email = browser.type_into("email", "geen-adres").await;
        email.send_keys(Key::Enter).await.unwrap();
        browser
            .assert_form_errors(&format!("forgot password with an error ({tag})"))
            .await;
        let email = browser.type_into("email", EMAIL).await;
        email.send_keys(Key::Enter).await.unwrap();
        browser.driver.find(By::Css("ul.links")).await.unwrap();
        browser
            .assert_accessible(&format!("link sent ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn reset_pages_are_accessible_with_their_error_states_and_dead_links() {
    let app = super::app().await;
    let browser = Browser::start().await;
    for (tag, locale) in [("nl", Locale::Nl), ("en", Locale::En)] {
        services::password_reset::request(&app.ctx, EMAIL, locale)
            .await
            .unwrap();
        let path = link_path(&app, EMAIL, "/wachtwoord-herstellen/").await;
        goto_in(&browser, &app, tag, &path).await;
        browser
            .assert_accessible(&format!("choose a new password ({tag})"))
            .await;

        browser.type_into("password", "kort").await;
        let confirm = browser.type_into("password_confirm", "anders").await;
        confirm.send_keys(Key::Enter).await.unwrap();
        let summary = browser
            .driver
            .find(By::Css(".error-summary"))
            .await
            .unwrap();
        assert_eq!(summary.find_all(By::Tag("li")).await.unwrap().len(), 2);
        let kept = browser
            .eval("return document.getElementById('password').value")
            .await;
        assert_eq!(kept, serde_json::json!(""), "passwords are not sent back");
        browser
            .assert_accessible(&format!("new password with errors ({tag})"))
            .await;

        browser
            .type_into("password", "een zin die ik onthoud")
            .await;
        let confirm = browser
            .type_into("password_confirm", "een zin die ik onthoud")
            .await;
        confirm.send_keys(Key::Enter).await.unwrap();
        browser
            .driver
            .find(By::Css("a[href='/inloggen']"))
            .await
            .unwrap();
        assert_eq!(
            browser.eval("return location.pathname").await,
            serde_json::json!("/wachtwoord-gewijzigd")
        );
        browser
            .assert_accessible(&format!("password changed ({tag})"))
            .await;

        browser.goto(&app.url(&path)).await;
        assert!(!heading(&browser).await.is_empty());
        browser
            .assert_accessible(&format!("dead reset link ({tag})"))
            .await;
    }
    browser.quit().await;
}

async fn invite(app: &TestApp, email: &str, locale: Locale) {
    let (ctx, municipality) = (&app.ctx, app.demo_municipality());
    let invitation = NewInvitation {
        municipality,
        email: email.into(),
        name: "Noor Nieuw".into(),
        role: "team-member".into(),
        function: "community-worker".into(),
        organisation: None,
        locale,
    };
    services::invitations::invite(ctx, &Actor::Cli, &invitation)
        .await
        .unwrap();
}

#[tokio::test]
async fn invitation_pages_are_accessible_with_their_error_states() {
    let app = super::app().await;
    let browser = Browser::start().await;
    for (tag, locale) in [("nl", Locale::Nl), ("en", Locale::En)] {
        let email = format!("noor.{tag}@demo.buurtagenda.nl");
        invite(&app, &email, locale).await;
        let path = link_path(&app, &email, "/uitnodiging/").await;
        goto_in(&browser, &app, tag, &path).await;
        browser
            .assert_accessible(&format!("invitation ({tag})"))
            .await;
        browser.type_into("password", "kort").await;
        let confirm = browser.type_into("password_confirm", "kort").await;
        confirm.send_keys(Key::Enter).await.unwrap();
        browser
            .assert_form_errors(&format!("invitation with an error ({tag})"))
            .await;
        browser
            .type_into("password", "welkom in de buurt, Noor")
            .await;
        let confirm = browser
            .type_into("password_confirm", "welkom in de buurt, Noor")
            .await;
        confirm.send_keys(Key::Enter).await.unwrap();
        let who = browser.driver.find(By::Css(".who")).await.unwrap();
        assert_eq!(who.text().await.unwrap(), "Noor Nieuw");
        browser.sign_out().await;
        browser.goto(&app.url(&path)).await;
        browser
            .assert_accessible(&format!("dead invitation link ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn the_outbox_is_accessible_in_both_languages() {
    let app = super::app().await;
    let browser = Browser::start().await;
    services::password_reset::request(&app.ctx, EMAIL, Locale::Nl)
        .await
        .unwrap();
    invite(&app, "noor@demo.buurtagenda.nl", Locale::Nl).await;
    browser
        .sign_in(
            &app.base_url,
            "beheer@demo.buurtagenda.nl",
            services::demo::DEMO_PASSWORD,
        )
        .await;
    for (tag, title) in [("nl", "Berichten"), ("en", "Messages")] {
        goto_in(&browser, &app, tag, "/beheer/berichten").await;
        assert_eq!(heading(&browser).await, title);
        let mails = browser.driver.find_all(By::Css(".mail")).await.unwrap();
        assert_eq!(mails.len(), 2);
        // The text opens without scripts: a <details> element.
        browser.click(".mail summary").await;
        let body = browser.driver.find(By::Css(".mail-body")).await.unwrap();
        assert!(body.text().await.unwrap().contains("/uitnodiging/"));
        browser.assert_accessible(&format!("outbox ({tag})")).await;
        browser.resize(320, 900).await;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "no sideways scrolling at 320px"
        );
        browser.resize(1280, 900).await;
    }
    browser.quit().await;
}
