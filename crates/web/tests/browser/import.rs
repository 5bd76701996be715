//! The import pages in real Chromium: a coordinator chooses a file in the upload form (no
//! script needed), follows the job page to its report, and sees every bad line of a rejected
//! file; axe-core finds no WCAG 2.1 A/AA violation on any of them in either language.

use std::time::Duration;

use testkit::Browser;
use testkit::thirtyfour::prelude::*;

const HEADER: &str =
    "openbareruimte,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaats";

/// Writes `text` to a fresh file in the temporary directory; its absolute path.
fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("buurtagenda-import-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Chooses `path` in the form posting to `action` and sends it.
async fn upload(browser: &Browser, action: &str, path: &str) {
    let form = browser
        .driver
        .find(By::Css(format!("form[action^='{action}']")))
        .await
        .unwrap();
    let input = form.find(By::Css("input[type=file]")).await.unwrap();
    input.send_keys(path).await.unwrap();
    form.find(By::Tag("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits until the job page stops refreshing itself; the text of its `main`. Only a job's
/// own page counts (`/beheer/import/<32 hex>`): the form's error page, from which an upload
/// may have been sent, lives under `/beheer/import/adressen` and is about to go.
async fn finished(browser: &Browser) -> String {
    for _ in 0..150 {
        let done = browser
            .eval(
                "return /^\\/beheer\\/import\\/[0-9a-f]{32}$/.test(location.pathname) && \
                 document.readyState === 'complete' && \
                 document.querySelector('#job.running') === null",
            )
            .await;
        if done == serde_json::json!(true) {
            return browser
                .driver
                .find(By::Tag("main"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the import did not finish");
}

#[tokio::test]
async fn uploading_through_the_form_shows_the_report_and_every_bad_line_accessibly() {
    let app = super::app().await;
    let browser = Browser::start().await;
    super::sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    let rows: Vec<String> = (1..=30)
        .map(|i| format!("Browserstraat,{i},,,9997ZZ,Maastricht"))
        .collect();
    let good = temp_file("adressen.csv", &format!("{HEADER}\n{}\n", rows.join("\n")));
    let bad = temp_file(
        "fouten.csv",
        &format!(
            "{HEADER}\nBrowserstraat,1,,,9997ZZ,Maastricht\nBrowserstraat,2,,,,Maastricht\n\
             Browserstraat,nul,,,9997ZZ,Maastricht\n"
        ),
    );
    for (tag, line, added) in [("nl", "Regel 3", "30"), ("en", "Line 3", "0")] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fbeheer%2Fimport")))
            .await;
        browser
            .assert_accessible(&format!("upload page ({tag})"))
            .await;

        // Sent without a file: the form asks for one.
        browser
            .click("form[action^='/beheer/import/adressen'] button")
            .await;
        browser
            .assert_form_errors(&format!("upload page without a file ({tag})"))
            .await;

        upload(&browser, "/beheer/import/adressen", &good).await;
        let report = finished(&browser).await;
        assert!(report.contains(added), "{report}");
        assert!(browser.driver.find(By::Css("dl.report")).await.is_ok());
        browser
            .assert_accessible(&format!("import report ({tag})"))
            .await;

        browser.goto(&app.url("/beheer/import")).await;
        upload(&browser, "/beheer/import/adressen", &bad).await;
        let rejected = finished(&browser).await;
        assert!(rejected.contains(line), "{rejected}");
        assert!(rejected.contains(if tag == "nl" { "Regel 4" } else { "Line 4" }));
        browser
            .assert_accessible(&format!("rejected file ({tag})"))
            .await;
    }
    browser.quit().await;
}

#[tokio::test]
async fn a_running_import_shows_its_progress_and_updates_in_place() {
    let app = super::app().await;
    let browser = Browser::start().await;
    super::sign_in(&browser, &app, "projectleider@demo.buurtagenda.nl").await;
    let email: domain::credentials::Email = "projectleider@demo.buurtagenda.nl".parse().unwrap();
    let account = store::repo::accounts::find_by_email(app.store().conn(), &email)
        .await
        .unwrap()
        .unwrap();
    let jobs = &app.state.jobs;
    for tag in ["nl", "en"] {
        let id = jobs.start(account.municipality, account.id);
        jobs.set(
            id,
            web::jobs::JobStatus::Running(services::import::ImportProgress::Writing {
                done: 2_500,
                total: 10_000,
            }),
        );
        let path = format!("/beheer/import/{id}");
        browser
            .goto(&app.url(&format!("/lang/{tag}?next={path}")))
            .await;
        let progress = browser.driver.find(By::Tag("progress")).await.unwrap();
        assert_eq!(
            progress.attr("value").await.unwrap().as_deref(),
            Some("2500")
        );
        browser
            .assert_accessible(&format!("import in progress ({tag})"))
            .await;
        // A mark that a reload would wipe out.
        browser.eval("window.stillHere = true; return true").await;

        jobs.set(
            id,
            web::jobs::JobStatus::Running(services::import::ImportProgress::Writing {
                done: 7_500,
                total: 10_000,
            }),
        );
        browser
            .driver
            .query(By::Css("progress[value='7500']"))
            .first()
            .await
            .expect("the progress moves without a reload");
        let report = services::import::AddressImportReport {
            municipality: account.municipality,
            rows: 10_000,
            added: 10_000,
            already_present: 0,
            streets_added: 40,
            placed_by_code: 10_000,
            placed_by_point: 0,
            unplaced: 0,
        };
        jobs.set(id, web::jobs::JobStatus::Addresses(report));
        browser
            .driver
            .query(By::Css("dl.report"))
            .first()
            .await
            .expect("the report replaces the progress");
        assert_eq!(
            browser.eval("return window.stillHere === true").await,
            serde_json::json!(true),
            "updated in place, not reloaded"
        );
        assert_eq!(
            browser
                .eval("return document.querySelector('#job.running') === null")
                .await,
            serde_json::json!(true),
            "the polling stops"
        );
        browser
            .assert_accessible(&format!("import finished in place ({tag})"))
            .await;
    }
    browser.quit().await;
}
