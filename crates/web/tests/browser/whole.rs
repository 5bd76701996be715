//! The whole inventory in Chromium (acceptance 1 of the inventory issue): on a phone-sized
//! screen a community police officer notes a concern through every channel of the team's form
//! by keyboard, one urgent (the traffic department gets the e-mail), logs an outreach round; a
//! resident reports on the web (the last channel); the coordinator accepts the suggested
//! groups; the resident's status page follows.

use domain::inventory::Channel;
use testkit::thirtyfour::prelude::*;
use testkit::{Browser, SmtpSink};

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

/// Picks the `nth` option of a list by keyboard.
async fn choose(browser: &Browser, id: &str, nth: usize) {
    let select = browser.driver.find(By::Id(id)).await.unwrap();
    select.focus().await.unwrap();
    for _ in 0..nth {
        select.send_keys(Key::Down).await.unwrap();
    }
}

/// The position of the option with `value` in the list `id`.
async fn position(browser: &Browser, id: &str, value: &str) -> usize {
    let index = browser
        .eval(&format!(
            "return [...document.getElementById({id:?}).options].findIndex(o => o.value === {value:?})"
        ))
        .await;
    usize::try_from(index.as_i64().unwrap()).unwrap_or_else(|_| panic!("no {value} in {id}"))
}

async fn note(browser: &Browser, channel: Channel, urgent: bool) {
    // The form opens with street-corner chosen and nothing else: choose from the top.
    let category = if urgent { "speeding" } else { "litter" };
    let nth = position(browser, "concern-category", category).await;
    choose(browser, "concern-category", nth).await;
    browser
        .type_into(
            "concern-what",
            &format!(
                "Via {}: {}",
                channel.code(),
                if urgent {
                    "auto's racen langs de basisschool"
                } else {
                    "afval naast de containers"
                }
            ),
        )
        .await;
    choose(browser, "concern-street", 1).await;
    let from = position(browser, "concern-channel", "street-corner").await;
    let to = position(browser, "concern-channel", channel.code()).await;
    let channel_select = browser
        .driver
        .find(By::Id("concern-channel"))
        .await
        .unwrap();
    channel_select.focus().await.unwrap();
    for _ in from..to {
        channel_select.send_keys(Key::Down).await.unwrap();
    }
    if urgent {
        browser
            .driver
            .find(By::Id("concern-urgent"))
            .await
            .unwrap()
            .send_keys(" ")
            .await
            .unwrap();
    }
    browser.click("form.capture button[type=submit]").await;
    browser
        .wait_for_text(".notice", "Opgeslagen met kenmerk")
        .await;
    // Ready for the next one: the status line is cleared by the next save only, so empty it.
    browser
        .eval("document.getElementById('offline-status').replaceChildren(); return true")
        .await;
}

#[tokio::test]
async fn one_inventory_in_the_browser_from_the_street_corner_to_the_long_list() {
    let app = super::app().await;
    let sink = SmtpSink::start().await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    super::sign_in(&browser, &app, OFFICER).await;
    browser
        .goto(&app.url("/lang/nl?next=%2Fwerk%2Fwyckerpoort%2Fnieuw"))
        .await;
    for channel in Channel::ALL.into_iter().filter(|c| *c != Channel::Web) {
        note(&browser, channel, channel == Channel::StreetCorner).await;
    }
    browser.goto(&app.url("/werk/wyckerpoort")).await;
    let list = browser.driver.source().await.unwrap();
    for channel in Channel::ALL.into_iter().filter(|c| *c != Channel::Web) {
        assert!(
            list.contains(&format!("Via {}:", channel.code())),
            "{channel:?}"
        );
    }
    let report = services::mail::send_due(&app.ctx, &sink.mailer())
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    let mail = &sink.wait_for(1).await[0];
    assert!(
        mail.to
            .iter()
            .any(|t| t.contains("verkeer@demo.buurtagenda.nl"))
    );
    assert!(mail.body().contains("racen langs de basisschool"));

    // An outreach round: the first two streets, by keyboard.
    browser.goto(&app.url("/werk/wyckerpoort/bereik")).await;
    let streets = browser
        .driver
        .find_all(By::Css("input[name=streets]"))
        .await
        .unwrap();
    for street in streets.iter().take(2) {
        street.send_keys(" ").await.unwrap();
    }
    browser.type_into("concern-residents_spoken", "9").await;
    browser.click("form.capture button[type=submit]").await;
    browser.wait_for_text(".notice", "Opgeslagen").await;
    let reached = browser
        .eval("return document.querySelectorAll('.reach-now').length")
        .await;
    assert_eq!(reached, serde_json::json!(2));
    browser.sign_out().await;

    // A resident reports speeding on the web and keeps the page of her report.
    browser.goto(&app.url("/buurten/wyckerpoort")).await;
    browser.click("a[href='/buurten/wyckerpoort/melden']").await;
    browser.wait_for_path("/buurten/wyckerpoort/melden").await;
    let nth = position(&browser, "concern-category", "speeding").await;
    choose(&browser, "concern-category", nth).await;
    browser
        .type_into("concern-what", "Ook op zaterdag wordt hard gereden")
        .await;
    browser.type_into("concern-landmark", "bij de school").await;
    browser.click("form.capture button[type=submit]").await;
    browser.wait_for_path("/melding/").await;
    let status_page = browser.eval("return location.pathname").await;
    let status_page = status_page.as_str().unwrap().to_owned();
    browser.wait_for_text("main", "Ontvangen").await;

    // The coordinator accepts the two suggested groups.
    super::sign_in(&browser, &app, COORDINATOR).await;
    browser.goto(&app.url("/werk/wyckerpoort/agenda")).await;
    for title in ["Te hard rijden", "Zwerfvuil en verloedering"] {
        browser
            .click(&format!("button[aria-label='Maak agendapunt {title}']"))
            .await;
        browser.wait_for_text("ol.agenda", title).await;
    }
    browser
        .wait_for_text("main", "Alle zorgen staan bij een agendapunt.")
        .await;
    let page = browser.driver.source().await.unwrap();
    assert!(
        page.contains("Staat voor 2 zorgen van 2 bewoners"),
        "speeding"
    );
    assert!(
        page.contains("Staat voor 6 zorgen van 6 bewoners"),
        "litter"
    );
    browser
        .assert_accessible("the long list, all grouped")
        .await;
    browser.sign_out().await;

    browser.goto(&app.url(&status_page)).await;
    browser
        .wait_for_text("main", "Op de lijst voor de buurtbijeenkomst")
        .await;
    browser
        .assert_accessible("the resident's status page")
        .await;
    browser.quit().await;
}
