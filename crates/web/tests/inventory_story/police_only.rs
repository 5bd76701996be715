//! Police-only information stays with the police: a marker planted in the what, where and
//! since of an urgent police-only concern appears in nothing a coordinator, an administrator,
//! a resident, a mailbox or the server's log can read; the police see it on the concern page.

use std::io::Write;
use std::process::Command;
use std::sync::{Arc, Mutex};

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use super::{COORDINATOR, OFFICER, first_option_after, get, hidden, post};

const ADMINISTRATOR: &str = "beheer@demo.buurtagenda.nl";
/// The police mailbox the demo routes urgent drug dealing to.
const POLICE_MAILBOX: &str = "wijkteam-noordoost@demo.buurtagenda.nl";
const MARKER: &str = "Zq7Geheim";

/// The log lines the server writes, kept in memory.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The text of a PDF as a reader extracts it (poppler's `pdftotext`).
fn pdf_text(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("buurtagenda-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is missing ({e}): run `bash .ci/run install`"));
    std::fs::remove_file(&path).ok();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Everything `client` can fetch of the team and the neighbourhood, each with its path.
async fn outputs(
    app: &TestApp,
    client: &reqwest::Client,
    reference: &str,
) -> Vec<(String, String)> {
    let paths = [
        "/werk/wyckerpoort".to_owned(),
        "/werk/wyckerpoort?zichtbaar=police".to_owned(),
        "/werk/wyckerpoort/zorgen.csv".to_owned(),
        "/werk/wyckerpoort/kaart".to_owned(),
        "/werk/wyckerpoort/agenda".to_owned(),
        "/werk/wyckerpoort/bereik".to_owned(),
        "/werk/wyckerpoort/bijeenkomst".to_owned(),
        "/beheer/berichten".to_owned(),
        "/beheer/logboek".to_owned(),
        "/beheer/routering".to_owned(),
        "/buurten/wyckerpoort".to_owned(),
        "/buurten/wyckerpoort/kaart".to_owned(),
        "/buurten/wyckerpoort/bijeenkomst".to_owned(),
        "/buurten/wyckerpoort/bijeenkomst.ics".to_owned(),
        "/buurten/wyckerpoort/prioriteiten".to_owned(),
        format!("/melding/{reference}"),
        format!("/melding?ref={reference}"),
    ];
    let mut seen = Vec::new();
    for path in paths {
        let (_, _, body) = get(app, client, &path).await;
        seen.push((path, body));
    }
    for path in [
        "/werk/wyckerpoort/bijeenkomst/affiche.pdf",
        "/werk/wyckerpoort/bijeenkomst/stembiljet.pdf",
    ] {
        let response = client.get(app.url(path)).send().await.unwrap();
        let bytes = response.bytes().await.unwrap();
        let text = if bytes.starts_with(b"%PDF") {
            pdf_text(&bytes)
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        seen.push((path.to_owned(), text));
    }
    seen
}

#[tokio::test]
async fn police_only_text_reaches_nobody_outside_the_police() {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .finish();
    // The test runs on one thread, and so does the server it starts.
    let _log = tracing::subscriber::set_default(subscriber);

    let app = TestApp::with_demo().await;
    let sink = testkit::SmtpSink::start().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (_, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let (status, to, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "drug-dealing"),
            ("what", &format!("Handel vanuit nummer 8 {MARKER}-wat")),
            ("street", &street),
            ("landmark", &format!("achter de garage {MARKER}-waar")),
            ("since", &format!("sinds maart {MARKER}-sinds")),
            ("day_parts", "night"),
            ("channel", "home-visit"),
            ("urgent", "on"),
            ("sensitivity", "police"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{to}");
    let reference = to
        .split("opgeslagen=")
        .nth(1)
        .expect("saved with a reference")
        .to_owned();

    // The police mailbox hears that there is an urgent concern and where to read it.
    let report = services::mail::send_due(&app.ctx, &sink.mailer())
        .await
        .unwrap();
    assert!(report.sent >= 1, "{report:?}");
    let messages = sink.wait_for(1).await;
    let to_police = messages
        .iter()
        .find(|m| m.to.iter().any(|t| t.contains(POLICE_MAILBOX)))
        .expect("the police mailbox got a mail");
    for message in &messages {
        assert!(
            !message.data.contains(MARKER),
            "mail to {:?} carries the police-only text",
            message.to
        );
    }
    let link = to_police
        .link_containing("/werk/wyckerpoort/zorg/")
        .expect("a link to the concern in the team's list");
    let concern_page = link.trim_start_matches(&app.url(""));

    // The police read it on the concern page.
    let (status, _, page) = get(&app, &officer, concern_page).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("{MARKER}-wat")) && page.contains(&format!("{MARKER}-waar")),
        "the police see what and where"
    );

    // Nobody else reads it anywhere.
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (administrator, status) = app.sign_in(ADMINISTRATOR, DEMO_PASSWORD).await;
    assert_eq!(status, 303, "the administrator signs in");
    let resident = app.session_client();
    for (who, client) in [
        ("coordinator", &coordinator),
        ("administrator", &administrator),
        ("resident", &resident),
    ] {
        let (status, _, _) = get(&app, client, concern_page).await;
        assert!(
            [303, 403, 404].contains(&status),
            "{who}: the concern page answers {status}"
        );
        for (path, body) in outputs(&app, client, &reference).await {
            assert!(
                !body.contains(MARKER),
                "{who} reads police-only text at {path}"
            );
        }
    }
    // The outbox lists the mail but shows its text to the police only.
    let (status, _, outbox) = get(&app, &coordinator, "/beheer/berichten").await;
    assert_eq!(status, 200);
    assert!(outbox.contains(POLICE_MAILBOX), "the mail is listed");
    assert!(
        !outbox.contains("/werk/wyckerpoort/zorg/"),
        "not even its link is shown outside the police"
    );

    // Nor does the server's log hold it (at debug level).
    let written = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(
        written.contains("/werk/wyckerpoort"),
        "the log was captured"
    );
    assert!(!written.contains(MARKER), "the log holds police-only text");
}
