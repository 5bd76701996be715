//! The meeting's printed matter through HTTP: the poster and the ballot sheet (A3), the code
//! cards as a PDF, and the invitation letters made in the background, one page per household
//! with that household's address, checked with poppler (`pdfinfo`, `pdftotext`) as a
//! standard reader opens them.

use std::process::Command;
use std::time::Duration;

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use super::{COORDINATOR, TEAM, get};

/// Writes `bytes` to a temporary file and runs `tool` (with `args`) on it.
fn poppler(tool: &str, args: &[&str], bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("buurtagenda-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, bytes).unwrap();
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} is missing ({e}): run `bash .ci/run install`"));
    std::fs::remove_file(&path).ok();
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

async fn pdf(client: &reqwest::Client, app: &TestApp, path: &str) -> Vec<u8> {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "application/pdf");
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn the_poster_the_ballot_sheet_the_cards_and_a_letter_for_every_household() {
    let app = TestApp::with_demo().await;
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let page = format!("/werk/{TEAM}/bijeenkomst");

    // The demo planned the meeting: the poster and the sheet for the stickers.
    let poster = pdf(&coordinator, &app, &format!("{page}/affiche.pdf")).await;
    let info = poppler("pdfinfo", &[], &poster);
    assert!(info.contains("841.89 x 1190.55 pts"), "A3: {info}");
    assert!(poppler("pdftotext", &[], &poster).contains("Wijkcentrum Wittevrouwenveld"));
    let sheet = pdf(&coordinator, &app, &format!("{page}/stembiljet.pdf")).await;
    let text = poppler("pdftotext", &[], &sheet);
    assert!(text.contains("Te hard rijden in de"), "{text}");

    // Code cards as a PDF: every code printed, each one new.
    let body = get(&app, &coordinator, &page).await.body;
    let response = coordinator
        .post(app.url(&format!("{page}/codes")))
        .form(&[
            ("csrf", csrf_of(&body).as_str()),
            ("count", "12"),
            ("formaat", "pdf"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let cards = response.bytes().await.unwrap();
    let text = poppler("pdftotext", &[], &cards);
    let printed = text
        .split_whitespace()
        .filter(|w| w.len() == 11 && w.as_bytes()[5] == b'-')
        .count();
    assert_eq!(printed, 12, "{text}");
    let body = get(&app, &coordinator, &page).await.body;
    assert!(body.contains("12"), "the page counts the printed codes");

    // The letters: made in the background, then one page per household.
    let response = coordinator
        .post(app.url(&format!("{page}/brieven")))
        .form(&[("csrf", csrf_of(&body).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let job = response.headers()["location"].to_str().unwrap().to_owned();
    // A debug build on a busy machine takes seconds for the demo's households: wait while
    // the page shows progress.
    let mut ready = String::new();
    for _ in 0..1_200 {
        ready = get(&app, &coordinator, &job).await.body;
        if !ready.contains("<progress") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready.contains("brieven klaar"), "{ready}");
    let letters = pdf(&coordinator, &app, &format!("{job}/brieven.pdf")).await;
    let conn = app.store().conn();
    let m = store::repo::places::find_municipality(conn, &"maastricht".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let team = store::repo::teams::team_detail(conn, m, &TEAM.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
    let households = store::repo::addresses::households(conn, &ids)
        .await
        .unwrap();
    assert!(households.len() > 100, "the demo's addresses");
    assert_eq!(pages(&poppler("pdfinfo", &[], &letters)), households.len());
    for n in [1, households.len()] {
        let page = n.to_string();
        let text = poppler("pdftotext", &["-f", &page, "-l", &page], &letters);
        let household = &households[n - 1];
        assert!(text.contains("Aan de bewoners van"), "{text}");
        assert!(
            text.contains(&format!("{} {}", household.street, household.number)),
            "page {n}: {text}"
        );
        assert!(text.contains("MAASTRICHT"));
    }

    // Someone else's job does not exist for them.
    let (officer, _) = app
        .sign_in("wijkagent@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    let response = officer.get(app.url(&job)).send().await.unwrap();
    assert_eq!(response.status(), 403, "not his team");
}
