//! Residents: reporting on the web, following the status, and the team deciding who sees it.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use super::{COORDINATOR, OFFICER, first_option_after, get, hidden, post};

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
    for i in 0..20 {
        let response = resident
            .post(app.url("/buurten/wyckerpoort/melden"))
            .form(&flood_report(&token, &street, i))
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

/// The fields of a valid report number `i` (its own form id), from one address.
fn flood_report<'a>(token: &'a str, street: &'a str, i: usize) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", token.to_owned()),
        ("client_id", format!("flood-{i}")),
        ("category", "speeding".to_owned()),
        ("what", "nog een".to_owned()),
        ("street", street.to_owned()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reports_sent_together_to_two_servers_stop_at_the_limit() {
    let app = TestApp::with_demo().await;
    let other = app.another_server().await;
    let resident = app.session_client();
    let (_, _, form) = get(&app, &resident, "/buurten/wyckerpoort/melden").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let token = csrf_of(&form);
    let path = "/buurten/wyckerpoort/melden";
    let urls = [app.url(path), other.url(path)];
    let statuses = testkit::together(20, |i| {
        let request = resident
            .post(&urls[i % 2])
            .form(&flood_report(&token, &street, i));
        async move { request.send().await.unwrap().status().as_u16() }
    })
    .await;
    let most = usize::try_from(services::limits::REPORTS_PER_WINDOW).unwrap();
    assert_eq!(
        testkit::together::count(&statuses, 303),
        most,
        "{statuses:?}"
    );
    assert_eq!(testkit::together::count(&statuses, 429), 20 - most);
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let (_, _, list) = get(&app, &officer, "/werk/wyckerpoort").await;
    assert_eq!(
        list.matches("nog een").count(),
        most,
        "the refused are not stored"
    );
}
