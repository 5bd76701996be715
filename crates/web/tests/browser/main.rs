//! Every page family in real headless Chromium: axe-core finds no WCAG 2.1 A/AA violation in
//! either language; the layout holds from a 320 px phone to a projector; the keyboard path
//! works; the print stylesheet applies; nothing is fetched from another origin.

mod action;
mod escalation;
mod import;
mod inventory;
mod mail;
mod map;
mod meeting;
mod offline;
mod requests;
mod second_factor;
mod vote;
mod whole;

use serde_json::json;
use testkit::thirtyfour::prelude::*;
use testkit::{Browser, TestApp};

/// Fails when the page scrolls sideways (`what` names the page and the width).
async fn no_sideways_scroll(browser: &Browser, what: &str) {
    let overflow = browser
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert!(overflow.as_i64().unwrap() <= 0, "{what}: scrolls sideways");
}

/// Shows `path` in `tag`'s language, through the language switch.
async fn visit(browser: &Browser, app: &testkit::TestApp, tag: &str, path: &str) {
    let next = path.replace('/', "%2F");
    browser
        .goto(&app.url(&format!("/lang/{tag}?next={next}")))
        .await;
    browser.wait_for_path(path).await;
}

/// Presses Enter on the submit button of the form `form` (a CSS selector).
async fn submit(browser: &Browser, form: &str) {
    browser
        .driver
        .find(By::Css(format!("{form} button[type=submit]")))
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap();
}

async fn app() -> TestApp {
    TestApp::builder()
        .demo()
        .routes(testkit::routes::misbehaving())
        .spawn()
        .await
}

#[tokio::test]
async fn home_not_found_and_error_pages_are_accessible_in_both_languages() {
    let app = app().await;
    let browser = Browser::start().await;
    for (tag, home_title) in [("nl", "Buurten"), ("en", "Neighbourhoods")] {
        // Choose the language the way a visitor does: through the switch link's target.
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2F")))
            .await;
        let lang = browser.eval("return document.documentElement.lang").await;
        assert_eq!(lang, json!(tag));
        let h1 = browser
            .driver
            .find(By::Tag("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(h1, home_title);
        browser.assert_accessible(&format!("home ({tag})")).await;

        browser.goto(&app.url("/no-such-page")).await;
        browser
            .assert_accessible(&format!("404 page ({tag})"))
            .await;

        browser.goto(&app.url("/test/fail")).await;
        let text = browser
            .driver
            .find(By::Tag("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!text.is_empty());
        browser
            .assert_accessible(&format!("error page ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn layout_holds_from_a_320px_phone_to_a_projector() {
    let app = app().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/")).await;
    for width in [320, 768, 1280, 1920] {
        browser.resize(width, 900).await;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "horizontal scrolling at {width}px: {overflow}"
        );
        browser
            .assert_accessible(&format!("home at {width}px"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn keyboard_users_can_skip_to_the_content() {
    let app = app().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/")).await;
    browser
        .driver
        .action_chain()
        .send_keys(Key::Tab)
        .perform()
        .await
        .unwrap();
    let focused = browser
        .eval(
            "const a = document.activeElement; const r = a.getBoundingClientRect(); \
               return [a.className, r.top >= 0 && r.height > 0, getComputedStyle(a).outlineStyle]",
        )
        .await;
    assert_eq!(
        focused[0],
        json!("skip-link"),
        "first Tab reaches the skip link"
    );
    assert_eq!(focused[1], json!(true), "the focused skip link is visible");
    assert_ne!(focused[2], json!("none"), "focus is visible");
    browser
        .driver
        .action_chain()
        .send_keys(Key::Enter)
        .perform()
        .await
        .unwrap();
    let target = browser.eval("return location.hash").await;
    assert_eq!(target, json!("#main"));
    browser.quit().await;
}

#[tokio::test]
async fn assets_load_from_this_origin_only_and_print_hides_the_navigation() {
    let app = app().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/")).await;
    let origin = app.base_url.clone();
    let loaded = browser
        .eval(
            "return document.fonts.ready.then(() => ({ \
                 resources: performance.getEntriesByType('resource').map(e => e.name), \
                 htmx: typeof window.htmx, \
                 font: document.fonts.check('16px \"Atkinson Hyperlegible\"'), \
                 family: getComputedStyle(document.body).fontFamily }))",
        )
        .await;
    let resources = loaded["resources"].as_array().unwrap();
    assert!(resources.len() >= 3, "{loaded}");
    for url in resources {
        assert!(
            url.as_str().unwrap().starts_with(&origin),
            "{url} is not on {origin}"
        );
    }
    assert_eq!(loaded["htmx"], json!("object"), "htmx ran under the CSP");
    assert_eq!(loaded["font"], json!(true), "the embedded font loaded");
    assert!(
        loaded["family"]
            .as_str()
            .unwrap()
            .contains("Atkinson Hyperlegible")
    );

    browser
        .driver
        .cdp()
        .send_raw("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await
        .unwrap();
    let header = browser
        .eval("return getComputedStyle(document.querySelector('.site-header')).display")
        .await;
    assert_eq!(header, json!("none"), "print stylesheet hides the header");
    browser.quit().await;
}

#[tokio::test]
async fn the_accessibility_check_catches_a_violation() {
    // Guards the guard: a page with an unlabelled image and an empty link must fail.
    let app = app().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/")).await;
    browser
        .eval(
            "document.querySelector('main').insertAdjacentHTML('beforeend', \
               '<img src=\"/healthz\"><a href=\"/\"></a>'); return true",
        )
        .await;
    let violations = browser.axe_violations().await;
    assert!(
        violations.iter().any(|v| v.starts_with("image-alt")),
        "{violations:?}"
    );
    assert!(
        violations.iter().any(|v| v.starts_with("link-name")),
        "{violations:?}"
    );
    browser.quit().await;
}

#[tokio::test]
async fn story_a_resident_finds_her_neighbourhood_team_in_her_language() {
    let app = app().await;
    let browser = Browser::start().await;
    let find = |css: &'static str| browser.driver.find(By::Css(css));

    // Her browser asks for English first (headless Chromium sends en-US).
    browser.goto(&app.url("/")).await;
    assert_eq!(
        find("h1").await.unwrap().text().await.unwrap(),
        "Neighbourhoods"
    );

    // She switches to Dutch with the link in the header, and stays on the same page.
    find(".lang-switch").await.unwrap().click().await.unwrap();
    assert_eq!(find("h1").await.unwrap().text().await.unwrap(), "Buurten");
    assert_eq!(browser.eval("return location.pathname").await, json!("/"));

    // She reads which team covers Nazareth and how many people live there.
    let rows = browser.driver.find_all(By::Css("tbody tr")).await.unwrap();
    let mut nazareth = None;
    for row in rows {
        let text = row.text().await.unwrap();
        if text.starts_with("Nazareth") {
            nazareth = Some(text);
        }
    }
    let nazareth = nazareth.expect("Nazareth is listed");
    assert!(
        nazareth.contains("Limmel & Nazareth") && nazareth.contains("3.351"),
        "{nazareth}"
    );

    // An old link leads nowhere: the page says so in Dutch and brings her home.
    browser.goto(&app.url("/oude-link")).await;
    assert_eq!(
        find("h1").await.unwrap().text().await.unwrap(),
        "Pagina niet gevonden"
    );
    find("main a").await.unwrap().click().await.unwrap();
    assert_eq!(find("h1").await.unwrap().text().await.unwrap(), "Buurten");
    browser.quit().await;
}

#[tokio::test]
async fn sign_in_form_and_its_error_states_are_accessible_and_work_by_keyboard() {
    let app = app().await;
    let browser = Browser::start().await;
    for (tag, signed_in_name) in [("nl", "Sanne Coenen"), ("en", "Sanne Coenen")] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Finloggen")))
            .await;
        browser
            .assert_accessible(&format!("sign-in form ({tag})"))
            .await;

        // A wrong password: the form comes back with a message and the address kept.
        let email = browser.driver.find(By::Id("email")).await.unwrap();
        email
            .send_keys("projectleider@demo.buurtagenda.nl")
            .await
            .unwrap();
        let password = browser.driver.find(By::Id("password")).await.unwrap();
        password.send_keys("niet het wachtwoord").await.unwrap();
        password.send_keys(Key::Enter).await.unwrap();
        let summary = browser
            .driver
            .query(By::Css(".error-summary"))
            .first()
            .await
            .unwrap();
        assert!(!summary.text().await.unwrap().is_empty());
        let kept = browser
            .eval("return document.getElementById('email').value")
            .await;
        assert_eq!(kept, json!("projectleider@demo.buurtagenda.nl"));
        browser
            .assert_accessible(&format!("sign-in form with an error ({tag})"))
            .await;

        // The right password, by keyboard only.
        let password = browser.driver.find(By::Id("password")).await.unwrap();
        password
            .send_keys(services::demo::DEMO_PASSWORD)
            .await
            .unwrap();
        password.send_keys(Key::Enter).await.unwrap();
        let who = browser
            .driver
            .query(By::Css(".who"))
            .first()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(who, signed_in_name);
        browser
            .assert_accessible(&format!("home, signed in ({tag})"))
            .await;
        browser.sign_out().await;
    }
    browser.quit().await;
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser
        .sign_in(&app.base_url, email, services::demo::DEMO_PASSWORD)
        .await;
}

#[tokio::test]
async fn structure_and_team_pages_are_accessible_with_their_error_states() {
    let app = app().await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fbeheer%2Fstructuur")))
            .await;
        browser
            .assert_accessible(&format!("structure ({tag})"))
            .await;

        // The critical path by keyboard: name a district and press Enter.
        let name = browser.driver.find(By::Id("district-name")).await.unwrap();
        name.send_keys(format!("Centrum {tag}")).await.unwrap();
        name.send_keys(Key::Enter).await.unwrap();
        let status = browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!status.is_empty());
        assert!(
            browser
                .driver
                .source()
                .await
                .unwrap()
                .contains(&format!("Centrum {tag}"))
        );

        // An error state: a person without a name and with a wrong phone number.
        let phone = browser.driver.find(By::Id("person-phone")).await.unwrap();
        phone.send_keys("bel me").await.unwrap();
        phone.send_keys(Key::Enter).await.unwrap();
        browser
            .driver
            .query(By::Css(".error-summary"))
            .first()
            .await
            .unwrap();
        let kept = browser
            .eval("return document.getElementById('person-phone').value")
            .await;
        assert_eq!(kept, json!("bel me"));
        browser
            .assert_accessible(&format!("structure with errors ({tag})"))
            .await;

        browser.goto(&app.url("/beheer/teams/wyckerpoort")).await;
        browser
            .assert_accessible(&format!("team admin ({tag})"))
            .await;
        let contact = browser.driver.find(By::Id("contact-phone")).await.unwrap();
        contact.send_keys("geen nummer").await.unwrap();
        contact.send_keys(Key::Enter).await.unwrap();
        browser
            .assert_form_errors(&format!("team admin with errors ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn the_public_team_page_is_accessible() {
    let app = app().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/")).await;
    browser
        .driver
        .find(By::XPath(
            "//td/a[starts-with(@href, '/teams/') and text()='Wyckerpoort']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let h1 = browser
        .driver
        .find(By::Tag("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(h1.contains("Wyckerpoort"), "{h1}");
    for tag in ["nl", "en"] {
        let here = browser.eval("return location.pathname").await;
        let here = here.as_str().unwrap().to_owned();
        browser
            .goto(&app.url(&format!("/lang/{tag}?next={here}")))
            .await;
        browser
            .assert_accessible(&format!("public team page ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn accounts_and_audit_log_are_accessible_with_their_error_states() {
    let app = app().await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, "beheer@demo.buurtagenda.nl").await;
    // Someone with a sign-in code whose code the administrator can reset.
    let email: domain::credentials::Email = "wijkagent@demo.buurtagenda.nl".parse().unwrap();
    let agent = store::repo::accounts::find_by_email(app.store().conn(), &email)
        .await
        .unwrap()
        .unwrap();
    for tag in ["nl", "en"] {
        store::repo::totp::enable(
            app.store().conn(),
            agent.id,
            services::demo::DEMO_TOTP_SECRET,
            0,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fbeheer%2Faccounts")))
            .await;
        browser
            .assert_accessible(&format!("accounts ({tag})"))
            .await;

        // An invitation with a wrong address: the form again, with what was typed.
        browser.type_into("invite-name", "Noor Nieuw").await;
        browser
            .type_into("invite-email", "geen adres")
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser
            .assert_form_errors(&format!("accounts, invitation with errors ({tag})"))
            .await;
        let kept = browser
            .eval("return document.getElementById('invite-name').value")
            .await;
        assert_eq!(kept, json!("Noor Nieuw"));

        // Reset the team member's sign-in code, by keyboard.
        let reset = browser
            .driver
            .find(By::Css(format!(
                "form[action='/beheer/accounts/{}/inlogcode-wissen'] button",
                agent.id
            )))
            .await
            .unwrap();
        reset.send_keys(Key::Enter).await.unwrap();
        browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("accounts, code reset ({tag})"))
            .await;

        browser.goto(&app.url("/beheer/logboek")).await;
        browser
            .assert_accessible(&format!("audit log ({tag})"))
            .await;
        browser
            .goto(&app.url("/beheer/logboek?actie=account."))
            .await;
        let rows = browser.driver.find_all(By::Css("tbody tr")).await.unwrap();
        assert!(!rows.is_empty(), "the reset is in the log");
        browser
            .assert_accessible(&format!("audit log, filtered ({tag})"))
            .await;
    }
    browser.quit().await;
}

/// Empties every field of the form posting to `action` (no option chosen in a list), then
/// sends it with its button.
async fn send_empty(browser: &Browser, action: &str) {
    let script = format!(
        "const form = document.querySelector(\"form[action='{action}']\");
         form.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(field => {{
             if (field.tagName === 'SELECT') {{ field.selectedIndex = -1; }} else {{ field.value = ''; }}
         }});
         return true;"
    );
    browser.eval(&script).await;
    browser
        .driver
        .find(By::Css(format!("form[action='{action}'] button")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn every_structure_and_team_form_has_an_accessible_error_state() {
    let app = app().await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    let forms = [
        ("/beheer/structuur", "/beheer/structuur/wijk"),
        ("/beheer/structuur", "/beheer/structuur/buurt"),
        ("/beheer/structuur", "/beheer/structuur/organisatie"),
        ("/beheer/structuur", "/beheer/structuur/afdeling"),
        ("/beheer/structuur", "/beheer/structuur/persoon"),
        ("/beheer/structuur", "/beheer/structuur/team"),
        ("/beheer/structuur", "/beheer/structuur/groep"),
        ("/beheer/structuur", "/beheer/structuur/groepslid"),
        ("/beheer/teams/wyckerpoort", "/beheer/teams/wyckerpoort/lid"),
    ];
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2F")))
            .await;
        for (page, action) in forms {
            browser.goto(&app.url(page)).await;
            send_empty(&browser, action).await;
            browser
                .assert_form_errors(&format!("{action} sent empty ({tag})"))
                .await;
        }
        // An empty contact point is a valid one (the team has none); a wrong number is not.
        browser.goto(&app.url("/beheer/teams/wyckerpoort")).await;
        send_empty(&browser, "/beheer/teams/wyckerpoort/contact").await;
        browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap();
        browser
            .type_into("contact-email", "geen adres")
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
        browser
            .assert_form_errors(&format!("team contact with a wrong address ({tag})"))
            .await;
    }
    browser.quit().await;
}
