//! Uploading address and boundary files through `/beheer/import`: the import runs in the
//! background, the job page shows progress and then the report, a file with bad rows
//! imports nothing and lists every bad line (422), and only the municipality's coordinators
//! and administrators may import.

use std::time::Duration;

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
const TEAM_MEMBER: &str = "wijkagent@demo.buurtagenda.nl";
const HEADER: &str =
    "openbareruimte,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaats";

/// A file of `n` addresses on one fictional street.
fn file(n: u32) -> String {
    let rows: Vec<String> = (1..=n)
        .map(|i| format!("Uploadstraat,{i},,,9998ZZ,Maastricht"))
        .collect();
    format!("{HEADER}\n{}\n", rows.join("\n"))
}

async fn signed_in(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let (client, status) = app.sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(status, 303, "sign-in of {email}");
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf_of(&home);
    (client, token)
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    path: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "bestand",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    client
        .post(app.url(&format!("{path}?csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Follows the job page until it stops refreshing itself; its status and text.
async fn finished(
    app: &TestApp,
    client: &reqwest::Client,
    response: reqwest::Response,
) -> (u16, String) {
    assert_eq!(response.status(), 303, "an upload redirects to its job");
    let job = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(job.starts_with("/beheer/import/"), "{job}");
    for _ in 0..200 {
        let page = client.get(app.url(&job)).send().await.unwrap();
        let status = page.status().as_u16();
        let text = page.text().await.unwrap();
        if !text.contains("hx-trigger=\"every 2s\"") {
            return (status, text);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import of {job} did not finish");
}

async fn address_count(app: &TestApp) -> usize {
    let conn = app.store().conn();
    let m = store::repo::places::find_municipality(conn, &"maastricht".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    store::repo::addresses::existing_keys(conn, m)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_good_file_is_imported_and_reported_and_a_second_time_adds_nothing() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, COORDINATOR).await;
    let page = client.get(app.url("/beheer/import")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("enctype=\"multipart/form-data\""));
    assert!(page.contains("openbareruimte"));
    let before = address_count(&app).await;

    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "a.csv",
        file(25).into_bytes(),
    )
    .await;
    let (status, report) = finished(&app, &client, response).await;
    assert_eq!(status, 200, "{report}");
    assert!(
        report.contains("Klaar: het bestand is geïmporteerd."),
        "{report}"
    );
    assert!(
        report.contains("<dt>Nieuwe adressen</dt><dd>25</dd>"),
        "{report}"
    );
    assert!(
        report.contains("<dt>Nieuwe straten</dt><dd>1</dd>"),
        "{report}"
    );
    assert_eq!(address_count(&app).await, before + 25);

    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "a.csv",
        file(25).into_bytes(),
    )
    .await;
    let (status, report) = finished(&app, &client, response).await;
    assert_eq!(status, 200, "{report}");
    assert!(
        report.contains("<dt>Nieuwe adressen</dt><dd>0</dd>"),
        "{report}"
    );
    assert!(
        report.contains("<dt>Adressen die er al waren</dt><dd>25</dd>"),
        "{report}"
    );
    assert_eq!(address_count(&app).await, before + 25, "no duplicates");
}

#[tokio::test]
async fn a_file_with_bad_rows_imports_nothing_and_lists_every_bad_line() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, COORDINATOR).await;
    let before = address_count(&app).await;
    let text = format!(
        "{HEADER}\nGoedstraat,1,,,9998ZZ,Maastricht\nGoedstraat,2,,,,Maastricht\n\
         Goedstraat,3,,,9998ZZ,Maastricht\nGoedstraat,nul,,,9998ZZ,Maastricht\n\
         Goedstraat,5,,,12345,Maastricht\n"
    );
    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "a.csv",
        text.into_bytes(),
    )
    .await;
    let (status, page) = finished(&app, &client, response).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("Er is niets geïmporteerd"), "{page}");
    for line in [
        "Regel 3: Geen waarde voor postcode.",
        "Regel 5: ",
        "Regel 6: ",
    ] {
        assert!(page.contains(line), "{line} in {page}");
    }
    assert!(
        !page.contains("Regel 2:") && !page.contains("Regel 4:"),
        "{page}"
    );
    assert_eq!(address_count(&app).await, before, "nothing imported");
}

#[tokio::test]
async fn a_file_that_is_not_csv_is_rejected_as_a_whole() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, COORDINATOR).await;
    let before = address_count(&app).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "foto.png",
        png,
    )
    .await;
    let (status, page) = finished(&app, &client, response).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("Er is niets geïmporteerd"), "{page}");
    assert!(page.contains("Dit is geen tekstbestand."), "{page}");
    assert_eq!(address_count(&app).await, before);

    // A boundary file that is not GeoJSON is rejected the same way.
    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/grenzen",
        "a.geojson",
        file(2).into_bytes(),
    )
    .await;
    let (status, page) = finished(&app, &client, response).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("Er is niets geïmporteerd"), "{page}");
}

#[tokio::test]
async fn a_form_without_a_file_asks_for_one() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, COORDINATOR).await;
    let form = reqwest::multipart::Form::new().part(
        "bestand",
        reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
    );
    let response = client
        .post(app.url(&format!("/beheer/import/adressen?csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Kies een bestand."), "{page}");
}

#[tokio::test]
async fn a_team_member_is_refused_and_a_visitor_is_sent_to_sign_in() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, TEAM_MEMBER).await;
    let page = client.get(app.url("/beheer/import")).send().await.unwrap();
    assert_eq!(page.status(), 403);
    let before = address_count(&app).await;
    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "a.csv",
        file(3).into_bytes(),
    )
    .await;
    assert_eq!(response.status(), 403);
    assert_eq!(address_count(&app).await, before);

    let anonymous = app.session_client();
    let response = anonymous
        .get(app.url("/beheer/import"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with("/inloggen"), "{location}");
}

#[tokio::test]
async fn a_job_is_visible_only_in_its_own_municipality() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, COORDINATOR).await;
    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "a.csv",
        file(2).into_bytes(),
    )
    .await;
    let job = response.headers()["location"].to_str().unwrap().to_owned();
    let (admin, _) = signed_in(&app, "beheer@demo.buurtagenda.nl").await;
    assert_eq!(admin.get(app.url(&job)).send().await.unwrap().status(), 200);

    store::repo::places::ensure_municipality(
        app.store().conn(),
        &"heerlen".parse().unwrap(),
        "Heerlen",
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let other = services::accounts::NewAccount {
        municipality: "heerlen".into(),
        email: "coordinator@heerlen.example".into(),
        name: "Hanna Heerlen".into(),
        role: "coordinator".into(),
        function: "project-leader".into(),
        password: DEMO_PASSWORD.into(),
    };
    services::accounts::create_account(&app.ctx, &services::Actor::Cli, &other)
        .await
        .unwrap();
    let (stranger, _) = signed_in(&app, "coordinator@heerlen.example").await;
    assert_eq!(
        stranger.get(app.url(&job)).send().await.unwrap().status(),
        404
    );
}

#[tokio::test]
async fn ten_thousand_addresses_over_the_general_body_limit_are_imported() {
    let app = TestApp::with_demo().await;
    let (client, token) = signed_in(&app, COORDINATOR).await;
    let before = address_count(&app).await;
    let street = "Lange Importstraat van de Buurtagenda in het Zuiden van Limburg en verder";
    let rows: Vec<String> = (1..=10_000)
        .map(|i| format!("{street},{i},,,9996ZZ,Maastricht,50.85,5.69"))
        .collect();
    let text = format!("{HEADER},lat,lon\n{}\n", rows.join("\n"));
    assert!(
        text.len() > web::WebConfig::default().body_limit,
        "larger than other forms may be"
    );
    let response = upload(
        &app,
        &client,
        &token,
        "/beheer/import/adressen",
        "groot.csv",
        text.into_bytes(),
    )
    .await;
    let (status, report) = finished(&app, &client, response).await;
    assert_eq!(status, 200, "{report}");
    assert!(
        report.contains("<dt>Nieuwe adressen</dt><dd>10.000</dd>"),
        "{report}"
    );
    assert_eq!(address_count(&app).await, before + 10_000);
}
