//! The escalation ladder in Chromium, phone-sized and by keyboard: the officer sends a late
//! agreement up (an empty question first), the project group reads "my groups", its queue and
//! the escalation with its decision form (sent empty first) and sends it on; every page and
//! error state through axe in Dutch and English.

use testkit::Browser;
use testkit::thirtyfour::prelude::*;

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const PROJECT: &str = "projectgroep@demo.buurtagenda.nl";

async fn href(browser: &Browser, css: &str) -> String {
    browser
        .eval(&format!(
            "return document.querySelector({css:?}).getAttribute('href')"
        ))
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

const RAISE: &str = "form[action$='/escaleren']";
const DECIDE: &str = "form:has(input[name=step][value=decide])";
const STEP: &str = "form:has(#concern-text)";

#[tokio::test]
async fn a_late_agreement_goes_up_and_the_project_group_sends_it_on_by_keyboard() {
    let app = super::app().await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    super::sign_in(&browser, &app, OFFICER).await;
    // A late agreement that is not on the ladder yet (the demo sent one up already).
    browser.goto(&app.url("/werk/wyckerpoort/afspraken")).await;
    let late = browser
        .eval("return [...document.querySelectorAll('li.overdue a')].map(a => a.getAttribute('href'))")
        .await;
    let mut agreement = String::new();
    for path in late.as_array().unwrap() {
        agreement = path.as_str().unwrap().to_owned();
        browser.goto(&app.url(&agreement)).await;
        if !browser
            .driver
            .find_all(By::Css(RAISE))
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
    }
    for tag in ["nl", "en"] {
        super::visit(&browser, &app, tag, &agreement).await;
        browser
            .assert_accessible(&format!("agreement with the ladder form ({tag})"))
            .await;
        super::submit(&browser, RAISE).await;
        browser
            .assert_form_errors(&format!("empty question ({tag})"))
            .await;
    }
    browser
        .type_into("concern-question", "Verkeer reageert niet. Wie helpt?")
        .await;
    super::submit(&browser, RAISE).await;
    browser
        .driver
        .query(By::Css(".notice"))
        .first()
        .await
        .unwrap();
    for tag in ["nl", "en"] {
        super::visit(&browser, &app, tag, &agreement).await;
        browser
            .assert_accessible(&format!("agreement on the ladder ({tag})"))
            .await;
        super::no_sideways_scroll(&browser, "agreement on the ladder at 360 px").await;
    }
    browser.sign_out().await;

    super::sign_in(&browser, &app, PROJECT).await;
    browser.goto(&app.url("/afspraken")).await;
    let queue = href(&browser, "a[href^='/groepen/']").await;
    for tag in ["nl", "en"] {
        super::visit(&browser, &app, tag, "/afspraken").await;
        browser
            .assert_accessible(&format!("my agreements and groups ({tag})"))
            .await;
        super::visit(&browser, &app, tag, &queue).await;
        browser.assert_accessible(&format!("queue ({tag})")).await;
        super::no_sideways_scroll(&browser, "queue at 360 px").await;
    }
    let item = href(&browser, "a[href*='/escalaties/']").await;
    for tag in ["nl", "en"] {
        super::visit(&browser, &app, tag, &item).await;
        browser
            .assert_accessible(&format!("escalation for the group ({tag})"))
            .await;
        super::no_sideways_scroll(&browser, "escalation at 360 px").await;
        super::submit(&browser, DECIDE).await;
        browser
            .assert_form_errors(&format!("empty decision ({tag})"))
            .await;
    }
    // By keyboard: choose "send it up", say why, send.
    let radio = browser.driver.find(By::Id("step-escalate")).await.unwrap();
    radio.send_keys(Key::Space).await.unwrap();
    browser
        .type_into("concern-text", "Wie betaalt het display?")
        .await;
    super::submit(&browser, STEP).await;
    browser
        .driver
        .query(By::Css(".notice"))
        .first()
        .await
        .unwrap();
    browser.assert_accessible("escalation sent on (en)").await;
    browser.goto(&app.url(&queue)).await;
    let text = browser
        .driver
        .find(By::Tag("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!text.contains("Wie betaalt het display?"), "{text}");
    browser.quit().await;
}
