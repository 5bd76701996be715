//! Agreements through HTTP, as people use them: after a published meeting the community
//! police officer writes down who does what by when for a priority on the team's board, a
//! wrong form comes back with everything typed, a second submit makes no second agreement,
//! the owner finds it under "my agreements", it moves on with a note, a stale form is
//! refused without losing anything, and the project group reads the board without a form.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const OVERSEER: &str = "projectgroep@demo.buurtagenda.nl";
const BOARD: &str = "/werk/wyckerpoort/afspraken";

pub(crate) async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: Option<&[(&str, &str)]>,
) -> (u16, String, String) {
    let request = match fields {
        Some(fields) => client.post(app.url(path)).form(fields),
        None => client.get(app.url(path)),
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// The value of `name`'s hidden field.
pub(crate) fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect(&marker) + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// The first non-empty option of the select with `id`.
fn first_option(html: &str, id: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).expect(id);
    let rest = &html[start..];
    let mut at = 0;
    loop {
        let open = rest[at..].find("<option value=\"").unwrap() + at + 15;
        let value = &rest[open..open + rest[open..].find('"').unwrap()];
        if !value.is_empty() {
            return value.to_owned();
        }
        at = open;
    }
}

/// The value of the option of the select with `id` whose label starts with `label`.
pub(crate) fn option_for(html: &str, id: &str, label: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).expect(id);
    let rest = &html[start..];
    let end = rest.find("</select>").unwrap();
    rest[..end]
        .split("<option value=\"")
        .skip(1)
        .find_map(|option| {
            let (value, after) = option.split_once('"')?;
            let text = after.split_once('>')?.1;
            text.starts_with(label).then(|| value.to_owned())
        })
        .expect(label)
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn the_team_writes_down_who_does_what_by_when_and_keeps_track() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (status, _, board) = send(&app, &officer, BOARD, None).await;
    assert_eq!(status, 200);
    assert!(board.contains("Afspraken van Wyckerpoort"));
    // The demo's own: one late, one due this week, traffic's speed display later, and the
    // promises kept so far with what the figure means.
    assert!(board.contains("te laat: had klaar moeten zijn op"));
    assert!(board.contains("Snelheidsdisplay plaatsen"));
    assert!(board.contains("Nagekomen: "));
    assert!(board.contains("Een later verschoven datum telt niet mee."));
    let priority = first_option(&board, "concern-priority");
    let client_id = hidden(&board, "client_id");
    let token = csrf_of(&board);
    let person = option_for(&board, "concern-owner", "Rob Janssen");
    assert!(person.starts_with("person:"));

    // A target in the past and no owner: the form again, all typed kept.
    let wrong = [
        ("csrf", token.as_str()),
        ("client_id", &client_id),
        ("priority", &priority),
        ("what", "Snelheidsdisplay <aanvragen>"),
        ("owner", ""),
        ("target", "2001-01-01"),
        ("sensitivity", "public"),
    ];
    let (status, _, again) = send(&app, &officer, BOARD, Some(&wrong)).await;
    assert_eq!(status, 422);
    assert!(again.contains("Kies wie dit doet."));
    assert!(again.contains("Deze datum is al voorbij."));
    assert!(
        again.contains("Snelheidsdisplay &#60;aanvragen&#62;"),
        "kept, as text"
    );
    assert!(again.contains("value=\"2001-01-01\""));
    assert_eq!(hidden(&again, "client_id"), client_id, "the same form id");

    let today = chrono::Utc::now().date_naive();
    let target = (today + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let right = [
        ("csrf", token.as_str()),
        ("client_id", &client_id),
        ("priority", &priority),
        ("what", "Snelheidsdisplay aanvragen bij Verkeer"),
        ("owner", &person),
        ("target", &target),
        ("sensitivity", "public"),
    ];
    let (status, to, _) = send(&app, &officer, BOARD, Some(&right)).await;
    assert_eq!(status, 303);
    assert!(
        to.starts_with("/werk/wyckerpoort/afspraken?opgeslagen="),
        "{to}"
    );
    let (status, again_to, _) = send(&app, &officer, BOARD, Some(&right)).await;
    assert_eq!(
        (status, &again_to),
        (303, &to),
        "a second submit is the same agreement"
    );
    let (_, _, board) = send(&app, &officer, &to, None).await;
    assert!(board.contains("De afspraak is opgeslagen."));
    assert_eq!(
        board
            .matches("Snelheidsdisplay aanvragen bij Verkeer")
            .count(),
        1
    );
    let id: String = to
        .split("opgeslagen=")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page_path = format!("{BOARD}/{id}");

    // The owner finds it under "my agreements".
    let (status, _, mine) = send(&app, &officer, "/afspraken", None).await;
    assert_eq!(status, 200);
    assert!(mine.contains("Snelheidsdisplay aanvragen bij Verkeer"));
    assert!(mine.contains(&format!("href=\"{page_path}\"")));

    // It moves on with a note; closing without result needs a reason.
    let (status, _, page) = send(&app, &officer, &page_path, None).await;
    assert_eq!(status, 200);
    assert!(page.contains("Afspraak gemaakt."));
    let version = hidden(&page, "version");
    let token = csrf_of(&page);
    let no_reason = [
        ("csrf", token.as_str()),
        ("version", &version),
        ("state", "not-done"),
        ("target", &target),
        ("note", ""),
    ];
    let (status, _, again) = send(&app, &officer, &page_path, Some(&no_reason)).await;
    assert_eq!(status, 422);
    assert!(again.contains("Schrijf op waarom."));
    let started = [
        ("csrf", token.as_str()),
        ("version", &version),
        ("state", "in-progress"),
        ("target", &target),
        ("note", "Aanvraag is verstuurd"),
        ("public", "on"),
    ];
    let (status, to, _) = send(&app, &officer, &page_path, Some(&started)).await;
    assert_eq!(
        (status, to.as_str()),
        (303, format!("{page_path}?klaar=1").as_str())
    );
    let (_, _, page) = send(&app, &officer, &to, None).await;
    assert!(page.contains("Stand: Afgesproken → Mee bezig."));
    assert!(page.contains("Aanvraag is verstuurd"));
    assert!(page.contains("Rob Janssen"), "who wrote it");

    // The same (now stale) form again: refused, said plainly, nothing lost.
    let (status, to, _) = send(&app, &officer, &page_path, Some(&started)).await;
    assert_eq!(
        (status, to.as_str()),
        (303, format!("{page_path}?melding=veranderd").as_str())
    );
    let (_, _, page) = send(&app, &officer, &to, None).await;
    assert!(page.contains("Iemand anders heeft deze afspraak net bijgewerkt."));
    assert_eq!(page.matches("Aanvraag is verstuurd").count(), 1);

    // The project group reads the board, but writes nothing on it.
    let (overseer, _) = app.sign_in(OVERSEER, DEMO_PASSWORD).await;
    let (status, _, board) = send(&app, &overseer, BOARD, None).await;
    assert_eq!(status, 200);
    assert!(board.contains("Snelheidsdisplay aanvragen bij Verkeer"));
    assert!(!board.contains("Afspraak opslaan"));
    let (status, _, page) = send(&app, &overseer, &page_path, None).await;
    assert_eq!(status, 200);
    assert!(!page.contains("name=\"version\""));
    // English too.
    let (status, _, english) = send(&app, &officer, &format!("/lang/en?next={BOARD}"), None).await;
    assert!(status == 303 || status == 200, "{status}");
    let (_, _, board) = send(&app, &officer, BOARD, None).await;
    assert!(
        board.contains("Agreements of Wyckerpoort"),
        "{}",
        english.len()
    );
}
