//! The whole inventory in one walk, as acceptance 1 of the inventory issue describes it: a
//! community police officer notes a concern through every channel of the team's form, one of
//! them urgent (the traffic department gets the e-mail), logs an outreach round; a resident
//! reports on the web (the last channel); the coordinator groups everything into agenda items,
//! none lost or counted twice; the resident's status page follows.

use domain::inventory::Channel;
use services::demo::DEMO_PASSWORD;
use testkit::{SmtpSink, TestApp, csrf_of};

use super::agenda::suggestion_ids;
use super::{COORDINATOR, OFFICER, first_option_after, get, hidden, post};

/// Notes one concern through `channel` on the team's form; returns its reference.
async fn note(app: &TestApp, officer: &reqwest::Client, channel: Channel, urgent: bool) -> String {
    let (_, _, form) = get(app, officer, "/werk/wyckerpoort/nieuw").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let what = format!(
        "Gehoord via {}: {}",
        channel.code(),
        if urgent {
            "elke ochtend racen auto's langs de basisschool"
        } else {
            "zakken afval naast de containers"
        }
    );
    let (status, to, _) = post(
        app,
        officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", if urgent { "speeding" } else { "litter" }),
            ("what", &what),
            ("street", &street),
            ("day_parts", "morning"),
            ("channel", channel.code()),
            ("residents", "2"),
            ("urgent", if urgent { "on" } else { "" }),
            ("sensitivity", "public"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{channel:?}");
    let reference = to.split("opgeslagen=").nth(1).expect("saved").to_owned();
    assert!(reference.starts_with("VB-"), "{to}");
    reference
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn one_inventory_from_the_street_corner_to_the_long_list() {
    let app = TestApp::with_demo().await;
    let sink = SmtpSink::start().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;

    // Every channel of the team's form once (the web is the resident's, below); the
    // street-corner conversation is urgent.
    let mut references = Vec::new();
    for channel in Channel::ALL.into_iter().filter(|c| *c != Channel::Web) {
        references.push(note(&app, &officer, channel, channel == Channel::StreetCorner).await);
    }
    assert_eq!(
        references.len(),
        7,
        "every channel but the web, which is the resident's"
    );
    let (_, _, list) = get(&app, &officer, "/werk/wyckerpoort").await;
    for reference in &references {
        assert!(
            list.contains(reference.as_str()),
            "{reference} in the team's list"
        );
    }
    let report = services::mail::send_due(&app.ctx, &sink.mailer())
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "one urgent concern, one mail: {report:?}");
    let mail = &sink.wait_for(1).await[0];
    assert!(
        mail.to
            .iter()
            .any(|t| t.contains("verkeer@demo.buurtagenda.nl")),
        "{:?}",
        mail.to
    );
    assert!(mail.body().contains("racen auto's langs de basisschool"));

    // An outreach round in two streets.
    let (_, _, coverage) = get(&app, &officer, "/werk/wyckerpoort/bereik").await;
    let streets: Vec<String> = coverage
        .match_indices("name=\"streets\" value=\"")
        .take(2)
        .map(|(i, m)| {
            let rest = &coverage[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    let today = services::inventory::today_iso(app.ctx.clock.now());
    let (status, to, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/bereik",
        &[
            ("csrf", &csrf_of(&coverage)),
            ("kind", "home-visits"),
            ("held_on", &today),
            ("residents_spoken", "9"),
            ("streets", &streets[0]),
            ("streets", &streets[1]),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, _, coverage) = get(&app, &officer, &to).await;
    assert_eq!(coverage.matches("class=\"reach-now\"").count(), 2);

    // A resident reports speeding on the web.
    let resident = app.session_client();
    let (_, _, form) = get(&app, &resident, "/buurten/wyckerpoort/melden").await;
    let (status, to, _) = post(
        &app,
        &resident,
        "/buurten/wyckerpoort/melden",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "speeding"),
            (
                "what",
                "Ook op zaterdag wordt er hard gereden bij de school",
            ),
            ("landmark", "bij de school"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let status_page = to.trim_end_matches("?verstuurd=1").to_owned();
    let (_, _, page) = get(&app, &resident, &status_page).await;
    assert!(page.contains("Ontvangen"));

    // The coordinator groups all eight into two agenda items, as suggested.
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (_, _, agenda) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert!(agenda.contains("Ronde 4"), "the demo's open cycle");
    // The demo's last meeting carried the items it did not choose over to this cycle.
    let carried = agenda.matches("name=\"action\" value=\"release\"").count();
    let speeding = suggestion_ids(&agenda, "Te hard rijden");
    let litter = suggestion_ids(&agenda, "Zwerfvuil en verloedering");
    assert_eq!((speeding.len(), litter.len()), (2, 6));
    let token = csrf_of(&agenda);
    for (title, ids) in [
        ("Te hard rijden bij de school", &speeding),
        ("Afval", &litter),
    ] {
        let mut fields = vec![
            ("csrf", token.clone()),
            ("action", "create".to_owned()),
            ("title", title.to_owned()),
        ];
        fields.extend(ids.iter().map(|id| ("concerns", id.clone())));
        let response = coordinator
            .post(app.url("/werk/wyckerpoort/agenda"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "{title}");
    }
    let (_, _, agenda) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert!(agenda.contains("Alle zorgen staan bij een agendapunt."));
    assert!(agenda.contains("Staat voor 2 zorgen van 3 bewoners"));
    assert!(agenda.contains("Staat voor 6 zorgen van 12 bewoners"));
    assert_eq!(
        agenda.matches("name=\"action\" value=\"release\"").count(),
        8 + carried,
        "every concern under one item, once"
    );

    // The resident sees that her concern is on the list for the meeting.
    let (_, _, page) = get(&app, &resident, &status_page).await;
    assert!(
        page.contains("Op de lijst voor de buurtbijeenkomst"),
        "{page}"
    );
}
