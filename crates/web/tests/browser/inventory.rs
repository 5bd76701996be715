//! The inventory in Chromium: the capture form on a phone-sized screen by keyboard, the
//! team's list, and a resident's report with its status page; every page and error state
//! through axe in both languages.

use testkit::Browser;
use testkit::thirtyfour::prelude::*;

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";

async fn choose(browser: &Browser, id: &str, nth: usize) {
    // Picks an option of a list by keyboard, as a person without a mouse does.
    let select = browser.driver.find(By::Id(id)).await.unwrap();
    select.focus().await.unwrap();
    for _ in 0..nth {
        select.send_keys(Key::Down).await.unwrap();
    }
}

#[tokio::test]
async fn a_team_member_notes_a_concern_on_a_phone() {
    let app = super::app().await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    super::sign_in(&browser, &app, OFFICER).await;
    for (tag, saved) in [
        ("nl", "Opgeslagen met kenmerk"),
        ("en", "Saved with reference"),
    ] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fwerk%2Fwyckerpoort%2Fnieuw")))
            .await;
        browser
            .assert_accessible(&format!("capture form ({tag})"))
            .await;
        super::no_sideways_scroll(&browser, "capture form at 360 px").await;

        // Sent without what or where: every message, nothing lost.
        browser
            .type_into("concern-landmark", "bij het pleintje")
            .await;
        browser.click("form.capture button[type=submit]").await;
        browser
            .assert_form_errors(&format!("capture form with errors ({tag})"))
            .await;
        let kept = browser
            .eval("return document.getElementById('concern-landmark').value")
            .await;
        assert_eq!(kept, serde_json::json!("bij het pleintje"));

        // By keyboard: a topic, what, a street, a day; then Enter in the last field.
        choose(&browser, "concern-category", 1).await;
        browser
            .type_into("concern-what", "Scooters racen over het plein")
            .await;
        choose(&browser, "concern-street", 1).await;
        browser
            .driver
            .find(By::Id("concern-day-fri"))
            .await
            .unwrap()
            .send_keys(" ")
            .await
            .unwrap();
        browser
            .type_into("concern-since", "sinds de zomer")
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        // capture.js sends it and says so in the status line, ready for the next concern.
        browser.wait_for_text(".notice", saved).await;
        let what = browser
            .eval("return document.getElementById('concern-what').value")
            .await;
        assert_eq!(
            what,
            serde_json::json!(""),
            "an empty form for the next one"
        );
        browser
            .assert_accessible(&format!("capture form after saving ({tag})"))
            .await;

        browser.goto(&app.url("/werk")).await;
        browser
            .assert_accessible(&format!("my teams ({tag})"))
            .await;
        browser.goto(&app.url("/werk/wyckerpoort")).await;
        let list = browser.driver.source().await.unwrap();
        assert!(list.contains("Scooters racen over het plein"));
        browser
            .assert_accessible(&format!("the team's concerns ({tag})"))
            .await;
        super::no_sideways_scroll(&browser, "concern list at 360 px").await;
        browser.click(".concern-facts a").await;
        browser
            .driver
            .query(By::Css("input[name=sensitivity]"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("a concern's page ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn a_resident_reports_and_sees_the_status() {
    let app = super::app().await;
    let browser = Browser::start().await;
    for (tag, thanks) in [
        ("nl", "Bedankt voor uw melding"),
        ("en", "Thank you for your report"),
    ] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fbuurten%2Fwyckerpoort")))
            .await;
        browser
            .assert_accessible(&format!("neighbourhood page ({tag})"))
            .await;
        browser.click("a[href='/buurten/wyckerpoort/melden']").await;
        browser
            .driver
            .query(By::Id("concern-what"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("report form ({tag})"))
            .await;

        // An e-mail address without the consent box: the message, everything kept.
        browser
            .type_into("concern-what", "Er wordt 's nachts hard gereden")
            .await;
        choose(&browser, "concern-category", 6).await;
        choose(&browser, "concern-street", 2).await;
        browser
            .type_into("concern-contact_email", "bewoner@example.nl")
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser
            .assert_form_errors(&format!("report form with errors ({tag})"))
            .await;
        browser
            .driver
            .find(By::Id("concern-contact_consent"))
            .await
            .unwrap()
            .send_keys(" ")
            .await
            .unwrap();
        browser.click("form.capture button[type=submit]").await;
        browser.wait_for_path("/melding/").await;
        let h1 = browser.driver.find(By::Tag("h1")).await.unwrap();
        assert_eq!(h1.text().await.unwrap(), thanks);
        browser
            .assert_accessible(&format!("report sent ({tag})"))
            .await;

        browser.goto(&app.url("/melding")).await;
        browser
            .assert_accessible(&format!("looking up a report ({tag})"))
            .await;
        browser.goto(&app.url("/melding?ref=VB-0000-0000")).await;
        browser
            .assert_form_errors(&format!("unknown reference ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn the_routing_page_is_accessible_with_its_error_state() {
    let app = super::app().await;
    let browser = Browser::start().await;
    super::sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fbeheer%2Froutering")))
            .await;
        browser
            .assert_accessible(&format!("routing page ({tag})"))
            .await;
        browser
            .type_into("concern-email", "geen adres")
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser
            .assert_form_errors(&format!("routing page with errors ({tag})"))
            .await;
        browser.goto(&app.url("/beheer/onderwerpen")).await;
        browser
            .assert_accessible(&format!("topics page ({tag})"))
            .await;
        browser.click("form.form button[type=submit]").await;
        browser
            .assert_form_errors(&format!("topics page with errors ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn the_coverage_page_is_accessible_with_its_error_state() {
    let app = super::app().await;
    let browser = Browser::start().await;
    super::sign_in(&browser, &app, OFFICER).await;
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fwerk%2Fwyckerpoort%2Fbereik")))
            .await;
        browser
            .assert_accessible(&format!("coverage ({tag})"))
            .await;
        browser.click("form.capture button[type=submit]").await;
        browser
            .assert_form_errors(&format!("outreach form with errors ({tag})"))
            .await;
        // Tick the first street by keyboard and save.
        let first = browser
            .driver
            .find(By::Css("input[name=streets]"))
            .await
            .unwrap();
        first.send_keys(" ").await.unwrap();
        browser
            .driver
            .find(By::Css("form.capture button[type=submit]"))
            .await
            .unwrap()
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("coverage after saving ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn the_long_list_is_accessible_and_works_by_keyboard() {
    let app = super::app().await;
    let browser = Browser::start().await;
    super::sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!(
                "/lang/{tag}?next=%2Fwerk%2Flimmel-nazareth%2Fagenda"
            )))
            .await;
        browser
            .assert_accessible(&format!("long list ({tag})"))
            .await;
        // Accept the first suggestion by keyboard.
        browser
            .driver
            .find(By::Css("#suggestions-title + p + ul button"))
            .await
            .unwrap()
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser
            .driver
            .query(By::Css(".agenda-item"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("long list with an item ({tag})"))
            .await;
        // A new item without a name: the error state.
        browser.click("form.form button[type=submit]").await;
        browser
            .assert_form_errors(&format!("long list with an error ({tag})"))
            .await;
    }
    browser.quit().await;
}
