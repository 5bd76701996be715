//! The inventory through HTTP, as people use it: a community police officer notes concerns
//! on the team's form, the team reads its list, and a resident reports one on the web and
//! follows it by its reference.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let response = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// The value of the first `<option>` after `marker` in `html` (a street of the list).
fn first_option_after(html: &str, marker: &str) -> String {
    let start = html.find(marker).expect(marker);
    let rest = &html[start..];
    let option = rest.find("<option value=\"").unwrap() + 15;
    let rest = &rest[option..];
    let value = &rest[..rest.find('"').unwrap()];
    if value.is_empty() {
        // Skip the "no street" choice.
        let next = rest.find("<option value=\"").unwrap() + 15;
        let rest = &rest[next..];
        return rest[..rest.find('"').unwrap()].to_owned();
    }
    value.to_owned()
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect(&marker) + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

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
    let (status, _, _) = get(&app, &officer, "/werk/wyckerpoort?ronde=abc").await;
    assert_eq!(
        status, 400,
        "a garbled filter is a bad request, not an error"
    );
    // The coordinator reads, but notes no concerns for the team.
    let (status, _, _) = get(&app, &coordinator, "/werk/wyckerpoort/nieuw").await;
    assert_eq!(status, 403);
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn a_resident_reports_on_the_web_and_follows_it() {
    let app = TestApp::with_demo().await;
    let resident = app.session_client();
    let (status, _, page) = get(&app, &resident, "/buurten/wyckerpoort").await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/buurten/wyckerpoort/melden\""));
    let (status, _, form) = get(&app, &resident, "/buurten/wyckerpoort/melden").await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"website\""), "a honeypot field");
    let street = first_option_after(&form, "id=\"concern-street\"");
    let token = csrf_of(&form);

    // Consent missing: the form again with everything kept.
    let (status, _, again) = post(
        &app,
        &resident,
        "/buurten/wyckerpoort/melden",
        &[
            ("csrf", &token),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "speeding"),
            ("what", "Er wordt 's nachts hard gereden"),
            ("street", &street),
            ("contact_email", "bewoner@example.nl"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("Vink aan dat het team u hierover mag benaderen"));
    assert!(again.contains("value=\"bewoner@example.nl\""));
    assert!(again.contains("Er wordt &#39;s nachts hard gereden"));

    let (status, to, _) = post(
        &app,
        &resident,
        "/buurten/wyckerpoort/melden",
        &[
            ("csrf", &token),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "speeding"),
            ("what", "Er wordt 's nachts hard gereden"),
            ("street", &street),
            ("days", "sat"),
            ("day_parts", "night"),
            ("contact_email", "bewoner@example.nl"),
            ("contact_consent", "on"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert!(
        to.starts_with("/melding/VB-") && to.ends_with("?verstuurd=1"),
        "{to}"
    );
    let (status, _, done) = get(&app, &resident, &to).await;
    assert_eq!(status, 200);
    assert!(done.contains("Bedankt voor uw melding"));
    assert!(done.contains("Ontvangen"));
    assert!(done.contains("Te hard rijden"));
    assert!(
        !done.contains("hard gereden"),
        "the text is not on the status page"
    );
    assert!(!done.contains("bewoner@example.nl"));
    let reference = to
        .trim_start_matches("/melding/")
        .trim_end_matches("?verstuurd=1")
        .to_owned();
    // Looking it up by hand, in lower case, finds it.
    let (status, found, _) = get(
        &app,
        &resident,
        &format!("/melding?ref={}", reference.to_lowercase()),
    )
    .await;
    assert_eq!((status, found), (303, format!("/melding/{reference}")));
    let (status, _, unknown) = get(&app, &resident, "/melding?ref=VB-0000-0000").await;
    assert_eq!(status, 404);
    assert!(unknown.contains("Dit kenmerk kennen we niet"));

    // A bot fills in the hidden field: it is told nothing, and nothing is stored.
    let (status, to, _) = post(
        &app,
        &resident,
        "/buurten/wyckerpoort/melden",
        &[
            ("csrf", &token),
            ("website", "http://spam.example"),
            ("category", "other"),
            ("what", "Koop goedkope horloges"),
            ("landmark", "overal"),
        ],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/melding"));
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (_, _, list) = get(&app, &officer, "/werk/wyckerpoort").await;
    assert!(list.contains("hard gereden"));
    assert!(!list.contains("horloges"));
    assert!(list.contains("Website") && list.contains("Alleen het team"));

    // A flood from one address gets 429, with the form and what was typed.
    let mut limited = None;
    for _ in 0..20 {
        let response = resident
            .post(app.url("/buurten/wyckerpoort/melden"))
            .form(&[("csrf", token.as_str()), ("what", "nog een")])
            .send()
            .await
            .unwrap();
        if response.status() == 429 {
            limited = Some(response);
            break;
        }
    }
    let limited = limited.expect("a limit");
    assert!(limited.headers().contains_key("retry-after"));
    let body = limited.text().await.unwrap();
    assert!(body.contains("veel meldingen") && body.contains("nog een"));

    // Unknown neighbourhoods are 404.
    let (status, _, _) = get(&app, &resident, "/buurten/atlantis").await;
    assert_eq!(status, 404);
    let (status, _, _) = get(&app, &resident, "/buurten/atlantis/melden").await;
    assert_eq!(status, 404);
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
    assert!(csv.starts_with("reference,noted_at,cycle,category,what"));
    assert!(csv.lines().next().unwrap().ends_with("contact_email"));
    assert!(
        csv.contains("'=HYPERLINK"),
        "no formula runs in a spreadsheet"
    );
    assert!(
        csv.contains("Mevrouw Jansen"),
        "the team sees its residents' details"
    );
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",phone,")),
        "the filter holds"
    );
    // The steering group oversees the teams but sees no residents' details.
    let (alderman, _) = app
        .sign_in("wethouder@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    let (status, _, csv) = get(&app, &alderman, "/werk/wyckerpoort/zorgen.csv").await;
    assert_eq!(status, 200);
    assert!(!csv.lines().next().unwrap().contains("contact"));
    assert!(!csv.contains("Mevrouw Jansen"));
    assert!(
        !csv.contains("gedeald vanuit een auto"),
        "no police-only concerns"
    );
    assert!(csv.lines().count() > 20, "every page, not just the first");
}

/// The hidden concern ids of the suggestion form that follows `title` on the agenda page.
fn suggestion_ids(page: &str, title: &str) -> Vec<String> {
    let at = page
        .find(&format!("name=\"title\" value=\"{title}\""))
        .expect(title);
    let form = &page[at..at + page[at..].find("</form>").unwrap()];
    form.match_indices("name=\"concerns\" value=\"")
        .map(|(i, m)| {
            let rest = &form[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn concern_count(page: &str) -> usize {
    // Every concern shows once: under an item (with a release button) or among the single ones.
    page.matches("name=\"concern\" value=\"").count()
        + page.matches("name=\"concerns\" value=\"").count()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn the_coordinator_groups_the_concerns_into_agenda_items() {
    let app = TestApp::with_demo().await;
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ronde 3"), "the latest cycle of the demo");
    assert!(page.contains("Maak agendapunt"), "suggestions by topic");
    let parking = suggestion_ids(&page, "Parkeren");
    assert_eq!(parking.len(), 2);
    let token = csrf_of(&page);
    let post_change = |fields: Vec<(&'static str, String)>| {
        let client = coordinator.clone();
        let url = app.url("/werk/wyckerpoort/agenda");
        let token = token.clone();
        async move {
            let mut all = vec![("csrf", token)];
            all.extend(fields);
            client.post(url).form(&all).send().await.unwrap()
        }
    };

    // Accept the suggestion.
    let mut fields = vec![
        ("action", "create".to_owned()),
        ("title", "Parkeren".to_owned()),
    ];
    fields.extend(parking.iter().map(|id| ("concerns", id.clone())));
    let response = post_change(fields).await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    let seen = concern_count(&page);
    assert!(page.contains("<h3 id=\"item-"));
    assert!(
        page.contains("Staat voor 2 zorgen van 6 bewoners"),
        "counts"
    );

    // A new item without a name: the page again, the choice kept.
    let single = page
        .match_indices("name=\"concerns\" value=\"")
        .last()
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .unwrap();
    let response = post_change(vec![
        ("action", "create".to_owned()),
        ("title", "  ".to_owned()),
        ("concerns", single.clone()),
    ])
    .await;
    assert_eq!(response.status(), 422);
    let again = response.text().await.unwrap();
    assert!(again.contains("Geef het agendapunt een naam"));
    assert!(again.contains(&format!("value=\"{single}\" checked")));
    let response = post_change(vec![
        ("action", "create".to_owned()),
        ("title", "Inbraken <b>samen</b> voorkomen".to_owned()),
        ("concerns", single.clone()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert!(page.contains("Inbraken &#60;b&#62;samen&#60;/b&#62; voorkomen"));
    assert_eq!(
        concern_count(&page),
        seen,
        "no concern lost or counted twice"
    );

    // Merge the two, then take one concern out again.
    let items: Vec<String> = page
        .match_indices("<h3 id=\"item-")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    assert_eq!(items.len(), 2);
    let response = post_change(vec![
        ("action", "merge".to_owned()),
        ("item", items[1].clone()),
        ("into", items[0].clone()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert_eq!(page.matches("<h3 id=\"item-").count(), 1);
    assert!(page.contains("Staat voor 3 zorgen"));
    let response = post_change(vec![
        ("action", "release".to_owned()),
        ("concern", single.clone()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let response = post_change(vec![
        ("action", "rename".to_owned()),
        ("item", items[0].clone()),
        ("title", "Parkeeroverlast".to_owned()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert!(page.contains(">Parkeeroverlast</h3>"));
    assert!(page.contains("Staat voor 2 zorgen"));
    assert_eq!(concern_count(&page), seen);
    let response = post_change(vec![("action", "explode".to_owned())]).await;
    assert_eq!(
        response.status(),
        422,
        "an unknown change is a message, not an error"
    );

    // The concerns on the list say so in the team's list; the steering group only reads.
    let (_, _, list) = get(&app, &coordinator, "/werk/wyckerpoort?stand=on-agenda").await;
    assert_eq!(list.matches("class=\"concern\"").count(), 2);
    let (alderman, _) = app
        .sign_in("wethouder@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    let (status, _, page) = get(&app, &alderman, "/werk/wyckerpoort/agenda").await;
    assert_eq!(status, 200);
    assert!(!page.contains("Maak agendapunt"));
    let response = alderman
        .post(app.url("/werk/wyckerpoort/agenda"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("action", "up"),
            ("item", items[0].as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_team_decides_who_sees_a_residents_report() {
    let app = TestApp::with_demo().await;
    let resident = app.session_client();
    let (_, _, form) = get(&app, &resident, "/buurten/wyckerpoort/melden").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let (status, _, _) = post(
        &app,
        &resident,
        "/buurten/wyckerpoort/melden",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "street-lighting"),
            ("what", "De lantaarnpaal voor nummer 3 is kapot"),
            ("street", &street),
            ("contact_phone", "043 123 45 67"),
            ("contact_consent", "on"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, _, before) = get(&app, &resident, "/buurten/wyckerpoort").await;

    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (_, _, list) = get(&app, &officer, "/werk/wyckerpoort?manier=web").await;
    let at = list.find("/werk/wyckerpoort/zorg/").unwrap();
    let link = list[at..at + list[at..].find('"').unwrap()].to_owned();
    let (status, _, page) = get(&app, &officer, &link).await;
    assert_eq!(status, 200);
    assert!(page.contains("lantaarnpaal") && page.contains("043 123 45 67"));
    assert!(page.contains("value=\"team\" aria-describedby=\"sensitivity-team-hint\" checked"));
    let (status, to, _) = post(
        &app,
        &officer,
        &link,
        &[("csrf", &csrf_of(&page)), ("sensitivity", "public")],
    )
    .await;
    assert_eq!((status, to.clone()), (303, format!("{link}?klaar=1")));
    let (_, _, page) = get(&app, &officer, &to).await;
    assert!(page.contains("value=\"public\" aria-describedby=\"sensitivity-public-hint\" checked"));
    let (_, _, after) = get(&app, &resident, "/buurten/wyckerpoort").await;
    assert_ne!(before, after, "now counted on the public page");
    let log = store::repo::audit::latest_by_action(app.store().conn(), "concern.sensitivity", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);

    // The steering group reads the concern without the resident's details, and cannot change it.
    let (alderman, _) = app
        .sign_in("wethouder@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    let (status, _, page) = get(&app, &alderman, &link).await;
    assert_eq!(status, 200);
    assert!(!page.contains("043 123 45 67"));
    assert!(!page.contains("name=\"sensitivity\""));
    // A police-only concern does not exist for the coordinator.
    let (_, _, police) = get(&app, &officer, "/werk/wyckerpoort?zichtbaar=police").await;
    let at = police.find("/werk/wyckerpoort/zorg/").unwrap();
    let police_link = police[at..at + police[at..].find('"').unwrap()].to_owned();
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, _) = get(&app, &coordinator, &police_link).await;
    assert_eq!(status, 404);
    let (status, _, _) = get(&app, &officer, &police_link).await;
    assert_eq!(status, 200);
}
