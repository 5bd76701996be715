//! A request to a department through HTTP: traffic's contact follows the link on "my
//! agreements" to the department's inbox, opens the team's question, sends an empty answer
//! (the form again, with the message), then says yes with a date; the team reads the answer
//! on its agreement's page. The officer has no inbox.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use crate::action_story::{hidden, send};

const TRAFFIC: &str = "verkeer@demo.buurtagenda.nl";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const ASKED: &str = "Een drempel bij de basisschool in de Balijeweg";

#[tokio::test]
async fn traffic_says_yes_with_a_date_and_the_team_reads_it() {
    let app = TestApp::with_demo().await;
    let (contact, _) = app.sign_in(TRAFFIC, DEMO_PASSWORD).await;
    let (status, _, mine) = send(&app, &contact, "/afspraken", None).await;
    assert_eq!(status, 200);
    assert!(mine.contains("href=\"/verzoeken\""), "{mine}");
    assert!(mine.contains("Vragen aan Gemeente Maastricht, Verkeer"));
    assert!(
        !mine.contains("href=\"/werk/"),
        "no links to team pages the contact cannot open"
    );
    let (status, _, inbox) = send(&app, &contact, "/verzoeken", None).await;
    assert_eq!(status, 200);
    assert!(inbox.contains("Wachten op uw antwoord"));
    let end = inbox.find(&format!("\">{ASKED}</a>")).expect(ASKED);
    let start = inbox[..end].rfind("href=\"").unwrap() + 6;
    let path = inbox[start..end].to_owned();
    let (status, _, page) = send(&app, &contact, &path, None).await;
    assert_eq!(status, 200);
    assert!(page.contains("Het team hoopt op"));
    assert!(page.contains("Gevraagd aan de afdeling."), "how it began");
    let token = csrf_of(&page);
    let version = hidden(&page, "version");

    let (status, _, again) = send(
        &app,
        &contact,
        &path,
        Some(&[
            ("csrf", &token),
            ("version", &version),
            ("note", "Even kijken"),
        ]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("error-summary"));
    assert!(again.contains("Even kijken"), "what was typed is kept");

    let date = (chrono::Utc::now().date_naive() + chrono::Duration::days(25))
        .format("%Y-%m-%d")
        .to_string();
    let yes = [
        ("csrf", token.as_str()),
        ("version", &version),
        ("answer", "accept"),
        ("target", &date),
        ("note", "In de herfstvakantie"),
    ];
    let (status, to, _) = send(&app, &contact, &path, Some(&yes)).await;
    assert_eq!(
        (status, to.as_str()),
        (303, format!("{path}?klaar=1").as_str())
    );
    let (_, _, page) = send(&app, &contact, &to, None).await;
    assert!(page.contains("Uw antwoord is opgeslagen."));
    assert!(page.contains("De afdeling zegt ja."));
    let (_, _, inbox) = send(&app, &contact, "/verzoeken", None).await;
    let taken_on = inbox.find("Aangenomen en nog niet klaar").unwrap();
    assert!(inbox[taken_on..].contains(ASKED));

    // The team reads the answer on its own page; the officer has no inbox.
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let id = path.trim_start_matches("/verzoeken/");
    let (status, _, team_page) = send(
        &app,
        &officer,
        &format!("/werk/wyckerpoort/afspraken/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert!(team_page.contains("De afdeling zegt ja."));
    assert!(team_page.contains("In de herfstvakantie"));
    let (status, _, _) = send(&app, &officer, "/verzoeken", None).await;
    assert_eq!(status, 403);
}
