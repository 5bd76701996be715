//! The team's meeting page in Chromium, in every state (not planned, planned, open with a
//! count waiting, closed) and every form's error state, through axe in Dutch and English;
//! the paper count entered by keyboard only.

use testkit::thirtyfour::prelude::*;
use testkit::{Browser, TestApp};

const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
const WORKER: &str = "karim.bouzid@demo.buurtagenda.nl";
const PAGE: &str = "/werk/wittevrouwenveld/bijeenkomst";

/// An account for Karim Bouzid in Wittevrouwenveld: the second facilitator.
async fn second_facilitator(app: &TestApp) {
    testkit::people::team_member_account(&app.ctx, WORKER, "Karim Bouzid", "wittevrouwenveld")
        .await;
}

fn lang_url(app: &TestApp, tag: &str, path: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    app.url(&format!("/lang/{tag}?next={next}"))
}

/// The page at `path` passes axe in both languages (ending in Dutch).
async fn both_languages(browser: &Browser, app: &TestApp, path: &str, what: &str) {
    for tag in ["en", "nl"] {
        browser.goto(&lang_url(app, tag, path)).await;
        browser.assert_accessible(&format!("{what} ({tag})")).await;
    }
}

/// Sends the form `form` after typing `typed` (id, text), and checks its error state in
/// both languages.
async fn refused(
    browser: &Browser,
    app: &TestApp,
    path: &str,
    form: &str,
    typed: &[(&str, &str)],
    what: &str,
) {
    for tag in ["en", "nl"] {
        browser.goto(&lang_url(app, tag, path)).await;
        for (id, text) in typed {
            browser.type_into(id, text).await;
        }
        browser.click(&format!("{form} button[type=submit]")).await;
        browser.assert_form_errors(&format!("{what} ({tag})")).await;
    }
}

/// Puts single concerns on the long list until it has three items.
async fn long_list(browser: &Browser, app: &TestApp) {
    for n in 0..3 {
        browser
            .goto(&app.url("/werk/wittevrouwenveld/agenda"))
            .await;
        let items = browser
            .eval("return document.querySelectorAll('h3[id^=item-]').length")
            .await;
        if items.as_u64().unwrap() >= 3 {
            return;
        }
        browser.click("input[type=checkbox][name=concerns]").await;
        browser
            .type_into("agenda-new-title", &format!("Punt {n}"))
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser.wait_for_path("/werk/wittevrouwenveld/agenda").await;
    }
}

/// Types `keys` into the focused element, then Tab.
async fn type_and_tab(browser: &Browser, keys: &str) {
    let field = browser.driver.active_element().await.unwrap();
    field.send_keys(keys).await.unwrap();
    field.send_keys(Key::Tab).await.unwrap();
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one meeting from settings to publishing, each state checked on the way"
)]
async fn the_meeting_pages_and_their_error_states_are_accessible_and_the_count_works_by_keyboard() {
    let app = super::app().await;
    second_facilitator(&app).await;
    let browser = Browser::start().await;
    super::sign_in(&browser, &app, COORDINATOR).await;
    let settings = format!("{PAGE}/instellingen");
    let plan = format!("{PAGE}/plan");

    // Settings: two priorities and the chair decides ties.
    both_languages(&browser, &app, &settings, "settings").await;
    refused(
        &browser,
        &app,
        &settings,
        "form.form",
        &[("settings-weeks", "0")],
        "settings with errors",
    )
    .await;
    browser.type_into("settings-weeks", "8").await;
    browser.type_into("settings-priorities", "2").await;
    browser.click("#ties-chair").await;
    browser.click("form.form button[type=submit]").await;
    browser.wait_for_text(".notice", "opgeslagen").await;

    // Not planned yet (or planned by the demo), then planned.
    both_languages(&browser, &app, PAGE, "meeting page before planning").await;
    both_languages(&browser, &app, &plan, "plan form").await;
    refused(
        &browser,
        &app,
        &plan,
        "form.form",
        &[("plan-venue", " ")],
        "plan form with errors",
    )
    .await;
    browser.type_into("plan-venue", "Buurthuis De Romein").await;
    browser
        .type_into("plan-venue_address", "Populierweg 2")
        .await;
    browser.click("form.form button[type=submit]").await;
    browser.wait_for_text(".notice", "gepland").await;
    long_list(&browser, &app).await;
    both_languages(&browser, &app, PAGE, "planned meeting").await;

    // The invitation letters, made in the background: the job's page while it runs (or
    // at once done), then its download, in both languages.
    browser.goto(&app.url(PAGE)).await;
    browser.click("form[action$='/brieven'] button").await;
    browser.wait_for_text("#job", "brieven klaar").await;
    let job = browser.eval("return location.pathname").await;
    both_languages(&browser, &app, job.as_str().unwrap(), "letters job").await;
    refused(
        &browser,
        &app,
        PAGE,
        "form[action$='/codes']",
        &[("codes-count", "veel")],
        "codes form with errors",
    )
    .await;

    // Cards to print.
    browser
        .type_into("codes-count", "8")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    browser.wait_for_path(&format!("{PAGE}/codes")).await;
    browser.assert_accessible("code cards").await;
    let cards = browser
        .eval("return document.querySelectorAll('.code-card').length")
        .await;
    assert_eq!(cards.as_u64(), Some(8));

    // Open.
    browser.goto(&app.url(PAGE)).await;
    browser.click("form[action$='/open'] button").await;
    browser.wait_for_text(".notice", "open").await;
    both_languages(&browser, &app, PAGE, "open meeting").await;

    // The paper count by keyboard only: Tab from the attendees through every item, Enter.
    let items = browser
        .eval("return document.querySelectorAll('input[name^=item-]').length")
        .await
        .as_u64()
        .unwrap();
    browser
        .driver
        .find(By::Id("paper-attendees"))
        .await
        .unwrap()
        .focus()
        .await
        .unwrap();
    type_and_tab(&browser, "5").await;
    for n in 0..items {
        let count = match n {
            0 => "3",
            1 | 2 => "2",
            _ => "0",
        };
        type_and_tab(&browser, count).await;
    }
    // Focus is on the save button now; Enter presses it.
    let focused = browser
        .eval("return document.activeElement.textContent")
        .await;
    assert_eq!(focused.as_str(), Some("Telling opslaan"));
    browser
        .driver
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap();
    browser.wait_for_text(".notice", "opgeslagen").await;
    both_languages(
        &browser,
        &app,
        PAGE,
        "open meeting with a count waiting (own)",
    )
    .await;
    refused(
        &browser,
        &app,
        PAGE,
        "form[action$='/papier']",
        &[("paper-attendees", "1"), ("paper-reason", "x")],
        "impossible count",
    )
    .await;

    // The second facilitator confirms.
    browser.sign_out().await;
    super::sign_in(&browser, &app, WORKER).await;
    both_languages(&browser, &app, PAGE, "open meeting with a count to confirm").await;
    browser.click("form[action$='/bevestig'] button").await;
    browser.wait_for_text(".notice", "bevestigd").await;
    browser.click("form[action$='/sluiten'] button").await;
    browser.wait_for_text(".notice", "gesloten").await;

    // Closed: the result with a tie for the last place, and the publish form.
    both_languages(&browser, &app, PAGE, "closed meeting").await;
    refused(
        &browser,
        &app,
        PAGE,
        "form[action$='/publiceren']",
        &[],
        "publish form with errors",
    )
    .await;
    browser.click("fieldset input[name=chair]").await;
    browser
        .type_into("publish-reason", "Speelt al langer")
        .await;
    browser
        .click("form[action$='/publiceren'] button[type=submit]")
        .await;
    browser.wait_for_text(".notice", "gepubliceerd").await;
    both_languages(&browser, &app, PAGE, "the next cycle").await;
    browser.quit().await;
}
