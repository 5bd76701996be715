//! The vote in real Chromium: a phone at 360×740 votes through `/stemmen` by keyboard, with
//! every error state on the way; the projector, open in the coordinator's window, shows the
//! new count within 2 s without reloading (htmx); axe-core finds no WCAG 2.1 A/AA violation
//! on any of these pages, nor on the public meeting and priorities pages, in either language.

use std::time::Duration;

use domain::meeting::MeetingState;
use services::inventory::agenda::{self, Change};
use services::meeting::{count, plan, publish};
use services::{Ctx, TeamScope};
use testkit::thirtyfour::prelude::*;
use testkit::{Browser, TestApp};

const TEAM: &str = "limmel-nazareth";

async fn coordinator(ctx: &Ctx) -> TeamScope {
    testkit::people::in_team(ctx, "projectleider@demo.buurtagenda.nl", TEAM).await
}

/// Opens the team's meeting through the services, however the demo left it; its codes.
async fn open_meeting(ctx: &Ctx, scope: &TeamScope) -> Vec<String> {
    for _ in 0..4 {
        let page = plan::page(ctx, scope).await.unwrap();
        let state = page.meeting.map(|m| m.state);
        if matches!(state, None | Some(MeetingState::Planned)) {
            let view = agenda::view(ctx, scope).await.unwrap();
            let missing = 4usize.saturating_sub(view.items.len());
            for (n, concern) in view.ungrouped.iter().take(missing).enumerate() {
                let change = Change::Create {
                    title: format!("Onderwerp {}", n + 1),
                    concerns: vec![concern.id],
                };
                agenda::change(ctx, scope, &change).await.unwrap();
            }
        }
        match state {
            None => {
                let mut form = plan::plan_form(ctx, scope).await.unwrap().input;
                form.venue = "Buurthuis Limmel".into();
                form.venue_address = "Kasteel Limmelstraat 1, Maastricht".into();
                form.accessibility = "Drempelvrij".into();
                plan::plan(ctx, scope, &form).await.unwrap();
            }
            Some(MeetingState::Planned) => plan::open(ctx, scope).await.unwrap(),
            Some(MeetingState::Closed) => {
                publish::publish(ctx, scope, &publish::PublishInput::default())
                    .await
                    .unwrap();
            }
            Some(_) => {
                let codes = plan::issue_codes(ctx, scope, "10").await.unwrap();
                return codes.iter().map(ToString::to_string).collect();
            }
        }
    }
    panic!("could not open the meeting");
}

async fn focused_type(browser: &Browser, keys: impl Into<testkit::thirtyfour::TypingData>) {
    browser
        .driver
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Tabs until the element `id` has the focus (at most 30 steps).
async fn tab_to(browser: &Browser, id: &str) {
    for _ in 0..30 {
        if browser.eval("return document.activeElement.id").await == serde_json::json!(id) {
            return;
        }
        focused_type(browser, Key::Tab).await;
    }
    panic!("no focus on #{id}");
}

/// The phone's walk in one language: code form, a wrong code, the ballot, too many, the
/// vote, the thank-you page; axe on each.
async fn phone_votes(browser: &Browser, app: &TestApp, tag: &str, code: &str) {
    browser
        .goto(&app.url(&format!("/lang/{tag}?next=%2Fstemmen")))
        .await;
    browser
        .assert_accessible(&format!("code form ({tag})"))
        .await;
    tab_to(browser, "code").await;
    focused_type(browser, "ABCDE FGHJK").await;
    focused_type(browser, Key::Enter).await;
    browser
        .wait_until(
            "return !!document.querySelector('#code-error')",
            "the wrong code's message",
        )
        .await;
    browser
        .assert_accessible(&format!("wrong code ({tag})"))
        .await;
    tab_to(browser, "code").await;
    // Typed as people do: lower case, a space for the dash.
    browser
        .type_into("code", &code.to_lowercase().replace('-', " "))
        .await;
    focused_type(browser, Key::Enter).await;
    browser
        .wait_until(
            "return !!document.querySelector('form.ballot')",
            "the ballot",
        )
        .await;
    browser.assert_accessible(&format!("ballot ({tag})")).await;
    let boxes: Vec<String> = serde_json::from_value(
        browser
            .eval("return [...document.querySelectorAll('input[name=keuze]')].map(e => e.id)")
            .await,
    )
    .unwrap();
    for id in boxes.iter().take(4) {
        tab_to(browser, id).await;
        focused_type(browser, " ").await;
    }
    focused_type(browser, Key::Enter).await;
    browser
        .wait_until(
            "return !!document.querySelector('#choices-error')",
            "too many",
        )
        .await;
    browser
        .assert_accessible(&format!("too many ({tag})"))
        .await;
    let checked = browser
        .eval("return document.querySelectorAll('input[name=keuze]:checked').length")
        .await;
    assert_eq!(checked, serde_json::json!(4), "the choice is kept");
    tab_to(browser, &boxes[3]).await;
    focused_type(browser, " ").await;
    focused_type(browser, Key::Enter).await;
    browser.wait_for_path("/stemmen/bedankt").await;
    browser
        .assert_accessible(&format!("thank-you ({tag})"))
        .await;
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn a_phone_votes_by_keyboard_and_the_projector_follows() {
    let app = super::app().await;
    let scope = coordinator(&app.ctx).await;
    let codes = open_meeting(&app.ctx, &scope).await;
    let browser = Browser::start().await;
    browser.resize(360, 740).await;
    phone_votes(&browser, &app, "nl", &codes[0]).await;
    phone_votes(&browser, &app, "en", &codes[1]).await;

    browser.resize(1280, 900).await;
    super::sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    for tag in ["en", "nl"] {
        browser
            .goto(&app.url(&format!(
                "/lang/{tag}?next=%2Fbuurten%2Flimmel%2Fbijeenkomst"
            )))
            .await;
        browser
            .assert_accessible(&format!("meeting page ({tag})"))
            .await;
        browser
            .goto(&app.url(&format!(
                "/lang/{tag}?next=%2Fwerk%2F{TEAM}%2Fbijeenkomst%2Fscherm"
            )))
            .await;
        browser
            .assert_accessible(&format!("projector ({tag})"))
            .await;
    }
    // Another phone votes; the projector shows it within 2 s, without reloading.
    browser.eval("window.notReloaded = true; return true").await;
    let before: String = serde_json::from_value(
        browser
            .eval("return document.querySelector('#voters').textContent")
            .await,
    )
    .unwrap();
    let phone = app.session_client();
    let page = phone
        .get(app.url(&format!("/stemmen?code={}", codes[2])))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = testkit::csrf_of(&page);
    let item = page
        .split("name=\"keuze\" type=\"checkbox\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let sent = phone
        .post(app.url("/stemmen"))
        .form(&[
            ("csrf", token.as_str()),
            ("code", codes[2].as_str()),
            ("keuze", item.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let mut seen = false;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = browser
            .eval("return document.querySelector('#voters').textContent")
            .await;
        if now != serde_json::json!(before) {
            seen = true;
            break;
        }
    }
    assert!(seen, "the count rose within 2 s");
    assert!(browser.eval("return window.notReloaded === true").await == serde_json::json!(true));
    assert!(
        browser
            .eval("return document.querySelector('#voters').getAttribute('aria-live')")
            .await
            == serde_json::json!("polite")
    );

    count::close(&app.ctx, &scope).await.unwrap();
    browser.wait_for_text("#stand", "Stemming gesloten").await;
    browser.assert_accessible("projector, closed").await;
    publish::publish(&app.ctx, &scope, &publish::PublishInput::default())
        .await
        .unwrap();
    for tag in ["nl", "en"] {
        for path in [
            "%2Fbuurten%2Flimmel",
            "%2Fbuurten%2Flimmel%2Fprioriteiten",
            "%2Fbuurten%2Flimmel%2Fbijeenkomst",
        ] {
            browser
                .goto(&app.url(&format!("/lang/{tag}?next={path}")))
                .await;
            browser.assert_accessible(&format!("{path} ({tag})")).await;
        }
    }
    browser.quit().await;
}
