//! The room and the neighbourhood: the projector follows the phones, the meeting page and
//! its calendar file tell residents when and where, and after publishing the
//! neighbourhood's page shows the priorities and the past result with its hash.

use services::demo::DEMO_PASSWORD;
use services::meeting::{count, publish};
use testkit::TestApp;

use super::{COORDINATOR, SLUG, TEAM, ballot, get, hidden, items_of, open_meeting, vote};

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn the_projector_follows_and_the_neighbourhood_sees_the_result() {
    let app = TestApp::with_demo().await;
    let (actor, codes) = open_meeting(&app, 3).await;
    let (coordinator, status) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    assert_eq!(status, 303);
    let screen = format!("/werk/{TEAM}/bijeenkomst/scherm");
    let (status, page) = get(&app, &coordinator, &screen).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("aria-live=\"polite\""));
    assert!(page.contains("hx-trigger=\"every 1s\""));
    assert!(page.contains("Ververs"));
    let seen = page
        .split("scherm/stand?gezien=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();

    // The meeting page and its calendar file.
    let (status, page) = get(
        &app,
        &app.session_client(),
        &format!("/buurten/{SLUG}/bijeenkomst"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("Buurthuis Limmel"), "{page}");
    assert!(page.contains("Drempelvrij"));
    assert!(page.contains("Iedereen krijgt 3 stickers"));
    let ics_link = page
        .split("href=\"/buurten/")
        .find(|part| part.contains("bijeenkomst.ics"))
        .map(|part| {
            format!(
                "/buurten/{}",
                part.split('"').next().unwrap().replace("&amp;", "&")
            )
        })
        .expect("a link to the calendar file");
    let response = app.client.get(app.url(&ics_link)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let ics = response.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(ics.contains("\r\nBEGIN:VEVENT\r\n") && ics.contains("\r\nEND:VEVENT\r\n"));
    let dtstart = ics
        .lines()
        .find(|l| l.starts_with("DTSTART:"))
        .expect("DTSTART");
    assert!(
        dtstart.ends_with('Z') && dtstart.len() == "DTSTART:20110418T173000Z".len(),
        "{dtstart}"
    );
    assert!(ics.contains("\r\nUID:") && ics.contains("\r\nDTSTAMP:"));

    // A phone votes; the projector's next fetch has the new count, announced once.
    let (client, page, token) = ballot(&app, &codes[0]).await;
    let items = items_of(&page);
    let stemming = hidden(&page, "stemming");
    let (status, _, _) = vote(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("code", &codes[0]),
            ("stemming", &stemming),
            ("keuze", &items[0]),
            ("keuze", &items[1]),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, part) = get(&app, &coordinator, &format!("{screen}/stand?gezien={seen}")).await;
    assert_eq!(status, 200);
    assert!(part.contains("hx-swap-oob"), "the count changed: {part}");
    assert!(part.contains("met de telefoon"));
    let now = part
        .split("scherm/stand?gezien=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let (_, again) = get(&app, &coordinator, &format!("{screen}/stand?gezien={now}")).await;
    assert!(
        !again.contains("hx-swap-oob"),
        "unchanged: not read out again"
    );

    // Closed: the projector says so and stops asking.
    count::close(&app.ctx, &actor).await.unwrap();
    let (_, part) = get(&app, &coordinator, &format!("{screen}/stand?gezien={now}")).await;
    assert!(part.contains("Stemming gesloten"));
    assert!(!part.contains("hx-trigger"));

    // Published: the neighbourhood page and the past results.
    publish::publish(&app.ctx, &actor, &publish::PublishInput::default())
        .await
        .unwrap();
    let anonymous = app.session_client();
    let (status, page) = get(&app, &anonymous, &format!("/buurten/{SLUG}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Hier werkt Limmel") && page.contains("Nazareth nu aan"),
        "{page}"
    );
    assert!(page.contains("Eerdere uitslagen"));
    let (status, page) = get(&app, &anonymous, &format!("/buurten/{SLUG}/prioriteiten")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<code class=\"hash\">"));
    let hash = page
        .split("<code class=\"hash\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert_eq!(hash.len(), 64, "{hash}");
    assert!(page.contains("Gekozen"));
    // No meeting planned for the new cycle: the calendar link leads to the page saying so.
    let response = app
        .client
        .get(app.url(&format!("/buurten/{SLUG}/bijeenkomst.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
}
