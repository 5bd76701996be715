//! Signing in with a code in Chromium: the code step, setting up an app (forced by the role
//! or by choice on the account page), each page and its error state accessible in both
//! languages, all by keyboard.

use domain::access::Role;
use services::demo::{DEMO_PASSWORD, DEMO_TOTP_SECRET};
use testkit::thirtyfour::prelude::*;
use testkit::{Browser, TestApp, setup_key_of};

const ADMIN: &str = "beheer@demo.buurtagenda.nl";
const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

async fn choose_language(browser: &Browser, app: &TestApp, tag: &str) {
    browser
        .goto(&app.url(&format!("/lang/{tag}?next=%2Finloggen")))
        .await;
}

async fn password(browser: &Browser, email: &str) {
    browser.type_into("email", email).await;
    browser
        .type_into("password", DEMO_PASSWORD)
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    browser.driver.query(By::Id("code")).first().await.unwrap();
}

async fn wrong_code(browser: &Browser) {
    browser
        .type_into("code", "12345x")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
}

async fn page_source(browser: &Browser) -> String {
    browser.driver.source().await.unwrap()
}

#[tokio::test]
async fn the_code_step_and_the_account_page_are_accessible_in_both_languages() {
    let app = super::app().await;
    let browser = Browser::start().await;
    for tag in ["nl", "en"] {
        choose_language(&browser, &app, tag).await;
        password(&browser, ADMIN).await;
        browser
            .assert_accessible(&format!("code step ({tag})"))
            .await;
        wrong_code(&browser).await;
        browser
            .assert_form_errors(&format!("code step with an error ({tag})"))
            .await;
        let kept = browser
            .eval("return document.getElementById('code').value")
            .await;
        assert_eq!(kept, serde_json::json!("12345x"), "what was typed is kept");
        // The second round signs in within the same 30 s: its code is the next one, which
        // the server accepts as clock skew (a code already used is refused).
        let offset = if tag == "nl" { 0 } else { 30 };
        let at = chrono::Utc::now() + chrono::Duration::seconds(offset);
        let code = services::totp::code_at(DEMO_TOTP_SECRET, at).unwrap();
        browser
            .type_into("code", &code)
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser.driver.query(By::Css(".who")).first().await.unwrap();

        // The name in the header leads to the account page.
        browser.click("a.who").await;
        browser
            .driver
            .query(By::Css("dl.facts"))
            .first()
            .await
            .unwrap();
        assert!(page_source(&browser).await.contains(ADMIN));
        browser
            .assert_accessible(&format!("account page, code on and required ({tag})"))
            .await;
        browser.sign_out().await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn setting_up_the_app_is_accessible_and_works_by_keyboard() {
    let app = TestApp::builder()
        .demo()
        .totp_required_roles(&[Role::Administrator, Role::TeamMember])
        .spawn()
        .await;
    let browser = Browser::start().await;
    // By choice, on the account page: the coordinator is not required to use a code.
    for tag in ["nl", "en"] {
        choose_language(&browser, &app, tag).await;
        browser
            .sign_in(&app.base_url, COORDINATOR, DEMO_PASSWORD)
            .await;
        browser.goto(&app.url("/account")).await;
        browser.driver.query(By::Css(".qr")).first().await.unwrap();
        browser
            .assert_accessible(&format!("account page, setting up ({tag})"))
            .await;
        wrong_code(&browser).await;
        browser
            .assert_form_errors(&format!("account page, wrong code ({tag})"))
            .await;
        let key = setup_key_of(&page_source(&browser).await).expect("the key");
        browser.enter_code(&key).await;
        browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("account page, code switched on ({tag})"))
            .await;
        // Switch it off again, for the next language's round.
        browser
            .driver
            .find(By::Css(
                "form[action='/account/inlogcode/uitzetten'] button",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser.driver.query(By::Css(".qr")).first().await.unwrap();
        browser.sign_out().await;
    }

    // Forced by the role: a team member without an app sets it up before signing in.
    let email: domain::credentials::Email = "wijkagent@demo.buurtagenda.nl".parse().unwrap();
    let account = store::repo::accounts::find_by_email(app.store().conn(), &email)
        .await
        .unwrap()
        .unwrap();
    store::repo::totp::disable(app.store().conn(), account.id)
        .await
        .unwrap();
    for tag in ["nl", "en"] {
        choose_language(&browser, &app, tag).await;
        password(&browser, email.as_str()).await;
        browser.driver.query(By::Css(".qr")).first().await.unwrap();
        browser
            .assert_accessible(&format!("setting up at sign-in ({tag})"))
            .await;
        wrong_code(&browser).await;
        browser
            .assert_form_errors(&format!("setting up at sign-in, wrong code ({tag})"))
            .await;
        if tag == "en" {
            let key = setup_key_of(&page_source(&browser).await).expect("the key");
            browser.enter_code(&key).await;
            browser.driver.query(By::Css(".who")).first().await.unwrap();
            browser
                .assert_accessible("signed in after setting up")
                .await;
        } else {
            browser.goto(&app.url("/")).await;
        }
    }
    browser.quit().await;
}
