//! The team's own work: noting concerns, urgent routing, outreach, the CSV export.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use super::{COORDINATOR, OFFICER, first_option_after, get, hidden, post};

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn a_team_member_notes_concerns_and_the_team_reads_them() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (status, to, _) = get(&app, &officer, "/werk").await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/werk/wyckerpoort"),
        "one team: straight there"
    );

    let (status, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    assert_eq!(status, 200);
    let street = first_option_after(&form, "id=\"concern-street\"");
    let client_id = hidden(&form, "client_id");
    let token = csrf_of(&form);

    // Something missing: the form again, everything typed kept, a message per field.
    let (status, _, again) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &token),
            ("client_id", &client_id),
            ("category", "parking"),
            ("what", ""),
            ("landmark", "bij de <b>school</b>"),
            ("days", "mon"),
            ("days", "fri"),
            ("channel", "street-corner"),
            ("residents", "nul"),
            ("sensitivity", "public"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("Schrijf op wat er aan de hand is"));
    assert!(again.contains("Vul een aantal in"));
    assert!(again.contains("bij de &#60;b&#62;school"), "kept, as text");
    assert!(again.contains("value=\"fri\" checked"));
    assert_eq!(
        hidden(&again, "client_id"),
        client_id,
        "the same capture id"
    );

    let fields = [
        ("csrf", token.as_str()),
        ("client_id", client_id.as_str()),
        ("category", "parking"),
        ("what", "Busjes op de stoep <script>alert(1)</script>"),
        ("street", street.as_str()),
        ("house_from", "2"),
        ("house_to", "12"),
        ("days", "mon"),
        ("day_parts", "morning"),
        ("since", "sinds de zomer"),
        ("channel", "street-corner"),
        ("residents", "4"),
        ("quick_win", "on"),
        ("sensitivity", "public"),
    ];
    let (status, to, _) = post(&app, &officer, "/werk/wyckerpoort/nieuw", &fields).await;
    assert_eq!(status, 303);
    assert!(
        to.starts_with("/werk/wyckerpoort/nieuw?opgeslagen=VB-"),
        "{to}"
    );
    let (_, _, saved) = get(&app, &officer, &to).await;
    assert!(saved.contains("Opgeslagen met kenmerk VB-"));
    // The same form sent again (a double tap, a resend): nothing new.
    let (status, to, _) = post(&app, &officer, "/werk/wyckerpoort/nieuw", &fields).await;
    assert_eq!(status, 303);
    assert!(to.contains("eerder=VB-"), "{to}");

    // A police-only concern.
    let (_, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    let (status, _, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "drug-dealing"),
            ("what", "Handel vanuit de woning op nummer 8"),
            ("street", &street),
            ("channel", "home-visit"),
            ("sensitivity", "police"),
        ],
    )
    .await;
    assert_eq!(status, 303);

    let (status, _, list) = get(&app, &officer, "/werk/wyckerpoort").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("Busjes op de stoep &#60;script&#62;"),
        "shown as text"
    );
    assert!(!list.contains("<script>alert(1)"));
    assert!(
        list.contains("Handel vanuit de woning"),
        "the officer works for the police"
    );
    assert!(list.contains("2-12") && list.contains("sinds de zomer"));

    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, list) = get(&app, &coordinator, "/werk/wyckerpoort").await;
    assert_eq!(status, 200);
    assert!(list.contains("Busjes op de stoep"));
    assert!(!list.contains("Handel vanuit de woning"), "police only");
    assert!(
        !list.contains("gedeald vanuit een auto"),
        "the demo's police-only concern too"
    );
    let (_, _, filtered) = get(&app, &coordinator, "/werk/wyckerpoort?zichtbaar=police").await;
    assert_eq!(filtered.matches("class=\"concern\"").count(), 0);
    let (_, _, filtered) = get(&app, &officer, "/werk/wyckerpoort?manier=home-visit").await;
    assert!(filtered.contains("Handel vanuit de woning"));
    assert!(
        !filtered.contains("Busjes op de stoep"),
        "a street-corner concern"
    );
    // The export and the map follow the filter.
    assert!(filtered.contains("href=\"/werk/wyckerpoort/zorgen.csv?manier=home-visit\""));
    assert!(filtered.contains("href=\"/werk/wyckerpoort/kaart?manier=home-visit\""));
    let (status, _, _) = get(&app, &officer, "/werk/wyckerpoort/kaart?manier=home-visit").await;
    assert_eq!(status, 200);
    let (status, _, _) = get(&app, &officer, "/werk/wyckerpoort?ronde=abc").await;
    assert_eq!(
        status, 400,
        "a garbled filter is a bad request, not an error"
    );
    // A concern's key that is not a number names no concern: 404, like an unknown one.
    for key in ["abc", "99999999999999999999", "1x", "-1"] {
        let (status, _, _) = get(&app, &officer, &format!("/werk/wyckerpoort/zorg/{key}")).await;
        assert_eq!(status, 404, "GET zorg/{key}");
    }
    let (_, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    let (status, _, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/zorg/abc",
        &[("csrf", &csrf_of(&form)), ("sensitivity", "team")],
    )
    .await;
    assert_eq!(status, 404, "POST zorg/abc");
    // The coordinator reads, but notes no concerns for the team.
    let (status, _, _) = get(&app, &coordinator, "/werk/wyckerpoort/nieuw").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_urgent_concern_reaches_the_department_at_once() {
    let app = TestApp::with_demo().await;
    let sink = testkit::SmtpSink::start().await;
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, page) = get(&app, &coordinator, "/beheer/routering").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("verkeer@demo.buurtagenda.nl"),
        "the demo's agreements"
    );
    let token = csrf_of(&page);
    let category = first_option_after(&page, "id=\"concern-category\"");
    let organisation = first_option_after(&page, "id=\"concern-organisation\"");
    // A wrong address: the form again, with the choices kept.
    let (status, _, again) = post(
        &app,
        &coordinator,
        "/beheer/routering",
        &[
            ("csrf", &token),
            ("category", &category),
            ("organisation", &organisation),
            ("email", "geen adres"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("value=\"geen adres\""));
    let (status, to, _) = post(
        &app,
        &coordinator,
        "/beheer/routering",
        &[
            ("csrf", &token),
            ("category", &category),
            ("organisation", &organisation),
            ("email", "drugsmeldingen@demo.buurtagenda.nl"),
        ],
    )
    .await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/beheer/routering?klaar=opgeslagen")
    );
    let (_, _, page) = get(&app, &coordinator, &to).await;
    assert!(page.contains("drugsmeldingen@demo.buurtagenda.nl"));
    assert!(page.contains("De afspraak is opgeslagen"));

    // The officer notes an urgent speeding concern on the street.
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (_, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let (status, _, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "speeding"),
            ("what", "Elke avond racen auto's langs de basisschool"),
            ("street", &street),
            ("day_parts", "evening"),
            ("channel", "street-corner"),
            ("urgent", "on"),
            ("sensitivity", "public"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let report = services::mail::send_due(&app.ctx, &sink.mailer())
        .await
        .unwrap();
    assert!(report.sent >= 1, "{report:?}");
    let messages = sink.wait_for(1).await;
    let to_traffic = messages
        .iter()
        .find(|m| {
            m.to.iter()
                .any(|t| t.contains("verkeer@demo.buurtagenda.nl"))
        })
        .expect("the traffic department got a mail");
    let body = to_traffic.body();
    assert!(body.contains("racen auto's langs de basisschool"), "{body}");
    assert!(body.contains("avond"));
}

#[tokio::test]
async fn the_team_logs_outreach_and_sees_which_streets_it_has_not_reached() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (status, _, page) = get(&app, &officer, "/werk/wyckerpoort/bereik").await;
    assert_eq!(status, 200);
    let never_before = page.matches("class=\"reach-never\"").count();
    assert!(
        never_before > 2,
        "every street not yet reached: {never_before}"
    );
    assert_eq!(page.matches("class=\"reach-now\"").count(), 0);
    let token = csrf_of(&page);
    let streets: Vec<String> = page
        .match_indices("name=\"streets\" value=\"")
        .take(2)
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    // A day in the future and no street: both named, what was typed kept.
    let (status, _, again) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/bereik",
        &[
            ("csrf", &token),
            ("kind", "street-corner"),
            ("held_on", "2999-01-01"),
            ("residents_spoken", "12"),
            ("note", "Bij de snackbar"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("ligt in de toekomst") && again.contains("Kies minstens"));
    assert!(again.contains("Bij de snackbar") && again.contains("value=\"12\""));

    let today = services::inventory::today_iso(app.ctx.clock.now());
    let (status, to, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/bereik",
        &[
            ("csrf", &token),
            ("kind", "street-corner"),
            ("held_on", &today),
            ("residents_spoken", "12"),
            ("streets", &streets[0]),
            ("streets", &streets[1]),
        ],
    )
    .await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/werk/wyckerpoort/bereik?klaar=1")
    );
    let (_, _, page) = get(&app, &officer, &to).await;
    assert_eq!(page.matches("class=\"reach-now\"").count(), 2);
    assert_eq!(
        page.matches("class=\"reach-never\"").count(),
        never_before - 2
    );
    assert!(page.contains("Straathoekgesprek, 2 straten, 12 bewoners gesproken"));
    // The coordinator sees the coverage but does not record outreach for the team.
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/bereik").await;
    assert_eq!(status, 200);
    assert!(!page.contains("name=\"streets\""));
}

#[tokio::test]
async fn the_list_exports_as_csv_with_personal_data_only_for_those_allowed() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (_, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let (status, _, _) = post(
        &app,
        &officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "litter"),
            ("what", "=HYPERLINK(\"http://evil.example\")"),
            ("landmark", "x;=HYPERLINK(\"http://evil.example\")"),
            ("street", &street),
            ("channel", "phone"),
            ("sensitivity", "public"),
            ("contact_name", "Mevrouw Jansen"),
            ("contact_consent", "on"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let response = officer
        .get(app.url("/werk/wyckerpoort/zorgen.csv?manier=phone"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("zorgen-wyckerpoort.csv")
    );
    let csv = response.text().await.unwrap();
    assert!(csv.starts_with("\"reference\",\"noted_at\",\"cycle\",\"category\",\"what\""));
    assert!(csv.lines().next().unwrap().ends_with("\"contact_email\""));
    assert!(
        csv.contains("\"'=HYPERLINK") && csv.contains("x;'=HYPERLINK"),
        "no formula runs in a spreadsheet: {csv}"
    );
    // Opened as a Dutch spreadsheet does (split on semicolons) or as most others do (on
    // commas), honouring quotes or not: no cell starts a formula.
    for delimiter in [b',', b';'] {
        for quoting in [true, false] {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .quoting(quoting)
                .from_reader(csv.as_bytes());
            for record in reader.records() {
                for cell in &record.unwrap() {
                    assert!(
                        !cell
                            .trim_start_matches('"')
                            .starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "a formula with {:?} (quotes {quoting}): {cell}",
                        char::from(delimiter)
                    );
                }
            }
        }
    }
    assert!(
        csv.contains("Mevrouw Jansen"),
        "the team sees its residents' details"
    );
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",\"phone\",")),
        "the filter holds"
    );
    // The steering group oversees the teams but sees no residents' details.
    let (alderman, _) = app
        .sign_in("wethouder@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    let (status, _, csv) = get(&app, &alderman, "/werk/wyckerpoort/zorgen.csv").await;
    assert_eq!(status, 200);
    assert!(!csv.lines().next().unwrap().contains("contact"));
    assert!(csv.starts_with("\"reference\""));
    assert!(!csv.contains("Mevrouw Jansen"));
    assert!(
        !csv.contains("gedeald vanuit een auto"),
        "no police-only concerns"
    );
    assert!(csv.lines().count() > 20, "every page, not just the first");
}

#[tokio::test]
async fn coordinators_keep_the_list_of_topics() {
    let app = TestApp::with_demo().await;
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, page) = get(&app, &coordinator, "/beheer/onderwerpen").await;
    assert_eq!(status, 200);
    assert!(page.contains("Hondenpoep") && page.contains("Niet meer aanbieden"));
    let token = csrf_of(&page);
    let (status, _, again) = post(
        &app,
        &coordinator,
        "/beheer/onderwerpen",
        &[("csrf", &token), ("name", "  ")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("aria-invalid=\"true\""));
    let (status, _, _) = post(
        &app,
        &coordinator,
        "/beheer/onderwerpen",
        &[("csrf", &token), ("name", "Overlast van ratten")],
    )
    .await;
    assert_eq!(status, 303);
    let (status, _, again) = post(
        &app,
        &coordinator,
        "/beheer/onderwerpen",
        &[("csrf", &token), ("name", "Overlast van ratten")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("staat al in de lijst"));
    // The new topic is offered on the forms; a topic no longer offered is not.
    let (_, _, page) = get(&app, &coordinator, "/beheer/onderwerpen").await;
    let rows: Vec<&str> = page.split("<tr>").collect();
    let dog = rows.iter().find(|r| r.contains("Hondenpoep")).unwrap();
    let start = dog.find("/beheer/onderwerpen/").unwrap();
    let dog_path = dog[start..start + dog[start..].find('"').unwrap()].to_owned();
    let (status, _, _) = post(
        &app,
        &coordinator,
        &dog_path,
        &[("csrf", &token), ("offered", "0")],
    )
    .await;
    assert_eq!(status, 303);
    let resident = app.session_client();
    let (_, _, form) = get(&app, &resident, "/buurten/wyckerpoort/melden").await;
    assert!(form.contains("Overlast van ratten"));
    assert!(!form.contains(">Hondenpoep<"));
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (status, _, _) = get(&app, &officer, "/beheer/onderwerpen").await;
    assert_eq!(status, 403);
}
