//! The action phase in Chromium, phone-sized and by keyboard: the team's board with an empty
//! and a failed form, an agreement written down, its page with the change form and its
//! error state, and "my agreements"; every state through axe in both languages.

use testkit::Browser;
use testkit::thirtyfour::prelude::*;

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";

/// Picks the option of `id` whose text starts with `label`, by keyboard (type-ahead).
async fn choose(browser: &Browser, id: &str, nth: usize) {
    let select = browser.driver.find(By::Id(id)).await.unwrap();
    select.focus().await.unwrap();
    for _ in 0..nth {
        select.send_keys(Key::Down).await.unwrap();
    }
}

#[tokio::test]
async fn agreements_are_written_and_followed_on_a_phone_by_keyboard() {
    let app = super::app().await;
    let browser = Browser::start().await;
    browser.resize(360, 800).await;
    super::sign_in(&browser, &app, OFFICER).await;
    let target = (chrono::Utc::now().date_naive() + chrono::Duration::days(9))
        .format("%d-%m-%Y")
        .to_string();
    for (n, tag) in ["nl", "en"].into_iter().enumerate() {
        browser
            .goto(&app.url(&format!(
                "/lang/{tag}?next=%2Fwerk%2Fwyckerpoort%2Fafspraken"
            )))
            .await;
        browser.assert_accessible(&format!("board ({tag})")).await;
        super::no_sideways_scroll(&browser, "board at 360 px").await;

        // Sent empty: every message, in the summary and at the fields.
        super::submit(&browser, "form.capture").await;
        browser
            .assert_form_errors(&format!("board with errors ({tag})"))
            .await;

        // By keyboard: a priority, what, the first person, a date.
        choose(&browser, "concern-priority", 1).await;
        browser
            .type_into("concern-what", &format!("Buurtschouw plannen {n}"))
            .await;
        choose(&browser, "concern-owner", 1).await;
        let date = browser.driver.find(By::Id("concern-target")).await.unwrap();
        date.send_keys(target.as_str()).await.unwrap();
        super::submit(&browser, "form.capture").await;
        browser.wait_for_path("/werk/wyckerpoort/afspraken").await;
        browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("board with an agreement ({tag})"))
            .await;

        // Its page: the change form, first wrong (not done without a reason).
        browser
            .driver
            .find(By::LinkText(format!("Buurtschouw plannen {n}")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser.wait_for_path("/werk/wyckerpoort/afspraken/").await;
        browser
            .assert_accessible(&format!("an agreement ({tag})"))
            .await;
        super::no_sideways_scroll(&browser, "agreement at 360 px").await;
        // Agreed -> in progress, done, not done, withdrawn: the fourth is "not done".
        choose(&browser, "concern-state", 3).await;
        super::submit(&browser, "form.capture").await;
        browser
            .assert_form_errors(&format!("agreement change with errors ({tag})"))
            .await;
        choose(&browser, "concern-state", 1).await;
        browser
            .type_into("concern-note", "Datum met de buurt afgestemd")
            .await;
        super::submit(&browser, "form.capture").await;
        browser
            .driver
            .query(By::Css(".notice"))
            .first()
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("an agreement after a change ({tag})"))
            .await;

        browser.goto(&app.url("/afspraken")).await;
        browser
            .assert_accessible(&format!("my agreements ({tag})"))
            .await;
        super::no_sideways_scroll(&browser, "my agreements at 360 px").await;
    }
    browser.quit().await;
}
