//! A department's inbox in Chromium, phone-sized and by keyboard: traffic's contact opens the
//! inbox, a request, sends an empty answer, then says yes to the date the team hoped for; every page and error
//! state through axe in Dutch and English.

use testkit::Browser;
use testkit::thirtyfour::prelude::*;

const TRAFFIC: &str = "verkeer@demo.buurtagenda.nl";

#[tokio::test]
async fn traffic_answers_a_request_on_a_phone_by_keyboard() {
    let app = super::app().await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    super::sign_in(&browser, &app, TRAFFIC).await;
    for tag in ["nl", "en"] {
        super::visit(&browser, &app, tag, "/afspraken").await;
        browser
            .assert_accessible(&format!("my agreements of a department ({tag})"))
            .await;
        super::visit(&browser, &app, tag, "/verzoeken").await;
        browser.assert_accessible(&format!("inbox ({tag})")).await;
    }
    let request = browser
        .eval("return document.querySelector(\"a[href^='/verzoeken/']\").getAttribute('href')")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    for tag in ["nl", "en"] {
        super::visit(&browser, &app, tag, &request).await;
        browser
            .assert_accessible(&format!("a request ({tag})"))
            .await;
        super::submit(&browser, "form.capture").await;
        browser
            .assert_form_errors(&format!("an empty answer ({tag})"))
            .await;
    }
    let yes = browser.driver.find(By::Id("answer-accept")).await.unwrap();
    yes.send_keys(Key::Space).await.unwrap();
    // The date field holds the date the team hoped for: yes to that.
    super::submit(&browser, "form.capture").await;
    browser
        .driver
        .query(By::Css(".notice"))
        .first()
        .await
        .unwrap();
    browser
        .assert_accessible("a request taken on, with its progress form (en)")
        .await;
    super::no_sideways_scroll(&browser, "request at 360 px").await;
    browser.quit().await;
}
