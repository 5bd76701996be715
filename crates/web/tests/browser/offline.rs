//! Offline capture in Chromium: with the network switched off (the offline emulation of the developer tools) a
//! team member notes three concerns on a phone-sized screen; they wait on the phone, and when
//! the network returns exactly three new concerns reach the server, also when the first
//! sending is cut off after the server stored a concern (its answer lost on the way back).

use testkit::{Browser, Proxy, TestApp};

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const FORM: &str = "/werk/wyckerpoort/nieuw";

/// The rows of the team's CSV export (every concern the officer may see), header excluded.
async fn server_rows(app: &TestApp) -> Vec<String> {
    let (client, _) = app.sign_in(OFFICER, services::demo::DEMO_PASSWORD).await;
    let csv = client
        .get(app.url("/werk/wyckerpoort/zorgen.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    csv.lines().skip(1).map(str::to_owned).collect()
}

fn with(rows: &[String], text: &str) -> usize {
    rows.iter().filter(|row| row.contains(text)).count()
}

async fn note(browser: &Browser, what: &str) {
    let category = browser
        .driver
        .find(testkit::thirtyfour::By::Id("concern-category"))
        .await
        .unwrap();
    category.focus().await.unwrap();
    category
        .send_keys(testkit::thirtyfour::Key::Down)
        .await
        .unwrap();
    browser.type_into("concern-what", what).await;
    browser
        .type_into("concern-landmark", "bij de bushalte")
        .await;
    browser.click("form.capture button[type=submit]").await;
}

async fn waiting(browser: &Browser, n: usize) {
    browser
        .wait_until(
            &format!(
                "const q = document.getElementById('offline-queue'); \
                 return q.dataset.waiting === '{n}' && q.hidden === ({n} === 0)"
            ),
            &format!("{n} concern(s) waiting on the phone"),
        )
        .await;
}

#[tokio::test]
async fn three_concerns_noted_offline_reach_the_server_exactly_once() {
    let app = super::app().await;
    let proxy = Proxy::start(&app.base_url).await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    browser
        .sign_in(&proxy.base_url, OFFICER, services::demo::DEMO_PASSWORD)
        .await;
    browser
        .goto(&proxy.url("/lang/nl?next=%2Fwerk%2Fwyckerpoort%2Fnieuw"))
        .await;
    // The service worker is in charge and has kept the form for later.
    browser
        .wait_until(
            &format!(
                "return !!navigator.serviceWorker.controller && \
                 caches.match({FORM:?}).then(kept => !!kept)"
            ),
            "the service worker and its copy of the form",
        )
        .await;
    let before = server_rows(&app).await;

    browser.set_offline(true).await;
    for n in 1..=3 {
        note(&browser, &format!("Offline genoteerd nummer {n}")).await;
        waiting(&browser, n).await;
    }
    browser
        .wait_for_text("#offline-status", "Nog niet verstuurd: 3")
        .await;
    browser
        .assert_accessible("capture form with three concerns waiting")
        .await;
    assert_eq!(
        server_rows(&app).await.len(),
        before.len(),
        "nothing sent while offline"
    );

    // The network returns, but the first answer is lost after the server stored the concern.
    proxy.lose_answers(true);
    browser.set_offline(false).await;
    let mut reached = 0;
    for _ in 0..300 {
        reached = with(&server_rows(&app).await, "Offline genoteerd nummer");
        if reached > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(reached, 1, "the first concern reached the server");
    waiting(&browser, 3).await;

    // The connection holds again: sending once more stores the other two, and the first
    // (sent twice now) once.
    proxy.lose_answers(false);
    browser.click("#offline-send").await;
    waiting(&browser, 0).await;
    let after = server_rows(&app).await;
    assert_eq!(after.len(), before.len() + 3, "exactly three new concerns");
    for n in 1..=3 {
        assert_eq!(with(&after, &format!("Offline genoteerd nummer {n}")), 1);
    }
    browser
        .assert_accessible("capture form after sending")
        .await;

    // No signal at all, and the phone does not know it: the form opens from the copy the
    // service worker kept, the concern waits on the phone, and goes when the signal returns.
    // The installed app starts at /werk, which online sends the officer on to her team's list.
    proxy.go_down(true);
    browser.goto(&proxy.url("/werk")).await;
    browser.wait_for_text("h1", "Zorg noteren").await;
    note(&browser, "Genoteerd zonder enig signaal").await;
    waiting(&browser, 1).await;
    proxy.go_down(false);
    browser.click("#offline-send").await;
    waiting(&browser, 0).await;
    browser
        .wait_for_text("#offline-status", "zijn verstuurd en opgeslagen")
        .await;
    let last = server_rows(&app).await;
    assert_eq!(last.len(), before.len() + 4);
    assert_eq!(with(&last, "Genoteerd zonder enig signaal"), 1);
    browser.quit().await;
}

#[tokio::test]
async fn a_concern_refused_after_sending_comes_back_with_everything_typed() {
    let app = super::app().await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    super::sign_in(&browser, &app, OFFICER).await;
    browser
        .goto(&app.url("/lang/nl?next=%2Fwerk%2Fwyckerpoort%2Fnieuw"))
        .await;
    browser.set_offline(true).await;
    // Without a topic and without saying what: the phone cannot know that is not enough.
    browser
        .type_into("concern-landmark", "<b>achter</b> de kerk")
        .await;
    browser.click("form.capture button[type=submit]").await;
    waiting(&browser, 1).await;
    browser.set_offline(false).await;
    browser
        .wait_for_text("#offline-status", "Niet opgeslagen: 1")
        .await;
    browser
        .wait_for_text("#offline-list", "<b>achter</b> de kerk")
        .await;
    browser
        .assert_accessible("capture form with a concern that needs correcting")
        .await;
    browser.click("#offline-list button").await;
    browser
        .assert_form_errors("capture form reopened from the phone")
        .await;
    let kept = browser
        .eval("return document.getElementById('concern-landmark').value")
        .await;
    assert_eq!(kept, serde_json::json!("<b>achter</b> de kerk"));
    browser.quit().await;
}
