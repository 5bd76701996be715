//! Story: a coordinator sets up a new part of the municipality through the web interface
//! alone — district, neighbourhood, organisation, department, person, team with roles and
//! contact point, project group — and residents see the team's public page. Along the way:
//! a form with errors keeps what was typed, a team member may look but not change, and an
//! anonymous visitor is sent to sign in.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

/// The value of the `<option>` labelled `label` (its text starts with it).
fn option_value(html: &str, label: &str) -> String {
    html.split("<option value=\"")
        .skip(1)
        .find(|chunk| {
            chunk
                .split_once('>')
                .is_some_and(|(_, rest)| rest.starts_with(label))
        })
        .and_then(|chunk| chunk.split('"').next())
        .unwrap_or_else(|| panic!("no option {label}"))
        .to_owned()
}

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let (client, status) = app.sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(status, 303, "signed in as {email}");
    client
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.unwrap()
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = get(app, client, "/beheer/structuur").await;
    let token = csrf_of(&page);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    client.post(app.url(path)).form(&all).send().await.unwrap()
}

async fn post_ok(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let response = post(app, client, path, fields).await;
    assert_eq!(
        response.status(),
        303,
        "POST {path}: {}",
        response.text().await.unwrap_or_default()
    );
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn a_coordinator_sets_up_a_team_and_residents_see_it() {
    let app = TestApp::with_demo().await;
    let coordinator = signed_in(&app, "projectleider@demo.buurtagenda.nl").await;

    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/wijk",
        &[("name", "Centrum")],
    )
    .await;
    let page = get(&app, &coordinator, "/beheer/structuur").await;
    let centrum = option_value(&page, "Centrum");
    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/buurt",
        &[
            ("district", &centrum),
            ("name", "Binnenstad"),
            ("cbs_code", "bu09350001"),
            ("population", "5.120"),
        ],
    )
    .await;
    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/organisatie",
        &[("name", "Jongerenwerk Centrum"), ("kind", "welfare")],
    )
    .await;
    let page = get(&app, &coordinator, "/beheer/structuur").await;
    let org = option_value(&page, "Jongerenwerk Centrum");
    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/afdeling",
        &[("organisation", &org), ("department", "Straatwerk")],
    )
    .await;
    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/persoon",
        &[
            ("name", "Karin Vos"),
            ("function", "community-worker"),
            ("organisation", &org),
            ("email", "karin@jongerenwerk.example"),
            ("phone", "043 350 12 34"),
        ],
    )
    .await;

    let page = get(&app, &coordinator, "/beheer/structuur").await;
    assert!(
        page.contains("Binnenstad") && page.contains("Straatwerk") && page.contains("Karin Vos")
    );
    let binnenstad = page
        .split("name=\"neighbourhoods\" value=\"")
        .find_map(|chunk| {
            chunk
                .split_once('"')
                .filter(|(_, rest)| rest.contains(">Binnenstad<"))
                .map(|(id, _)| id.to_owned())
        })
        .expect("a checkbox for Binnenstad");
    let location = post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/team",
        &[("name", "Team Binnenstad"), ("neighbourhoods", &binnenstad)],
    )
    .await;
    assert!(
        location.starts_with("/beheer/teams/team-binnenstad"),
        "{location}"
    );

    let team_page = get(&app, &coordinator, "/beheer/teams/team-binnenstad").await;
    assert!(
        team_page.contains("Nog niemand"),
        "uncovered roles are shown"
    );
    let karin = option_value(&team_page, "Karin Vos");
    post_ok(
        &app,
        &coordinator,
        "/beheer/teams/team-binnenstad/lid",
        &[
            ("person", &karin),
            ("roles", "chair"),
            ("roles", "communication"),
        ],
    )
    .await;
    post_ok(
        &app,
        &coordinator,
        "/beheer/teams/team-binnenstad/contact",
        &[
            ("phone", "043 350 00 00"),
            ("email", "team@binnenstad.example"),
            ("office_hours", "Dinsdag 10-12 uur, buurthuis"),
        ],
    )
    .await;
    let team_page = get(&app, &coordinator, "/beheer/teams/team-binnenstad").await;
    assert!(team_page.contains("Voorzitter") && team_page.contains("Karin Vos"));

    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/groep",
        &[("kind", "project-group"), ("name", "Projectgroep Centrum")],
    )
    .await;
    let page = get(&app, &coordinator, "/beheer/structuur").await;
    let group = option_value(&page, "Projectgroep Centrum");
    post_ok(
        &app,
        &coordinator,
        "/beheer/structuur/groepslid",
        &[("group", &group), ("person", &karin), ("chair", "1")],
    )
    .await;
    assert!(
        get(&app, &coordinator, "/beheer/structuur")
            .await
            .contains("Projectgroep Centrum")
    );

    // Residents: the home page links the team, whose page shows members and contact.
    let home = get(&app, &app.client, "/").await;
    let link = home
        .split("href=\"/teams/")
        .skip(1)
        .find(|chunk| chunk.contains(">Team Binnenstad<"))
        .and_then(|chunk| chunk.split('"').next())
        .expect("a link to the team");
    let public = get(&app, &app.client, &format!("/teams/{link}")).await;
    for needle in [
        "Team Binnenstad",
        "Karin Vos",
        "Opbouwwerker",
        "043 350 00 00",
        "Dinsdag 10-12 uur",
    ] {
        assert!(public.contains(needle), "{needle} on the public page");
    }
    assert!(
        !public.contains("karin@jongerenwerk.example"),
        "a member's own e-mail stays private"
    );

    let log = store::repo::audit::latest_by_action(app.store().conn(), "team.member.set", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0].actor.starts_with("user:"));
}

#[tokio::test]
async fn a_form_with_errors_keeps_what_was_typed() {
    let app = TestApp::with_demo().await;
    let coordinator = signed_in(&app, "projectleider@demo.buurtagenda.nl").await;
    let response = post(
        &app,
        &coordinator,
        "/beheer/structuur/persoon",
        &[
            ("name", "  "),
            ("function", "community-worker"),
            ("email", "geen-adres"),
            ("phone", "bel me"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vul een naam in."));
    assert!(html.contains("Vul een geldig e-mailadres in"));
    assert!(html.contains("Vul een telefoonnummer in"));
    assert!(
        html.contains("value=\"geen-adres\"") && html.contains("value=\"bel me\""),
        "typed values kept"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    let response = post(
        &app,
        &coordinator,
        "/beheer/structuur/wijk",
        &[("name", "Noordoost")],
    )
    .await;
    assert_eq!(response.status(), 422, "a duplicate name");
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Deze naam bestaat al")
    );
}

#[tokio::test]
async fn team_members_may_look_but_not_change_and_visitors_must_sign_in() {
    let app = TestApp::with_demo().await;
    let response = app.get("/beheer/structuur").await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/inloggen?next=%2Fbeheer%2Fstructuur"
    );

    let officer = signed_in(&app, "wijkagent@demo.buurtagenda.nl").await;
    let page = get(&app, &officer, "/beheer/structuur").await;
    assert!(
        page.contains("Limmel") && !page.contains("action=\"/beheer/structuur/wijk\""),
        "no forms"
    );
    let response = post(
        &app,
        &officer,
        "/beheer/structuur/wijk",
        &[("name", "Centrum")],
    )
    .await;
    assert_eq!(response.status(), 403);
    let response = post(
        &app,
        &officer,
        "/beheer/teams/wyckerpoort/contact",
        &[("phone", "0433500000")],
    )
    .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn a_coordinator_invites_a_colleague_who_then_signs_in() {
    let app = TestApp::with_demo().await;
    let coordinator = signed_in(&app, "projectleider@demo.buurtagenda.nl").await;
    let page = get(&app, &coordinator, "/beheer/accounts").await;
    assert!(
        page.contains("wijkagent@demo.buurtagenda.nl"),
        "the accounts are listed"
    );
    assert!(
        !page.contains("value=\"administrator\""),
        "a coordinator cannot grant administrator"
    );
    let token = csrf_of(&page);
    let response = coordinator
        .post(app.url("/beheer/accounts/uitnodigen"))
        .form(&[
            ("csrf", token.as_str()),
            ("name", "Fatma Yilmaz"),
            ("email", "fatma@woonpunt.example"),
            ("role", "team-member"),
            ("function", "housing-consultant"),
            ("organisation", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let page = get(
        &app,
        &coordinator,
        response.headers()["location"].to_str().unwrap(),
    )
    .await;
    assert!(page.contains("fatma@woonpunt.example") && page.contains("Uitgenodigd"));

    let response = coordinator
        .post(app.url("/beheer/accounts/uitnodigen"))
        .form(&[
            ("csrf", token.as_str()),
            ("name", ""),
            ("email", "geen"),
            ("role", "team-member"),
            ("function", "other"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"geen\"") && html.contains("aria-invalid=\"true\""));

    let outbox = get(&app, &coordinator, "/beheer/berichten").await;
    assert!(
        outbox.contains("fatma@woonpunt.example"),
        "the invitation waits in the outbox"
    );

    // The mail got lost: send it again, with a new link; the old link stops working.
    let first = invitation_links(&app).await;
    assert_eq!(first.len(), 1);
    let email: domain::credentials::Email = "fatma@woonpunt.example".parse().unwrap();
    let fatma = store::repo::accounts::find_by_email(app.store().conn(), &email)
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = get(&app, &coordinator, "/beheer/accounts").await;
    let resend = format!("/beheer/accounts/{fatma}/uitnodiging-opnieuw");
    assert!(page.contains(&resend), "a button to send it again");
    assert!(
        !page.contains("/beheer/accounts/3/uitnodiging-opnieuw"),
        "not for someone who has signed in already"
    );
    let officer = signed_in(&app, "wijkagent@demo.buurtagenda.nl").await;
    let response = post(&app, &officer, &resend, &[]).await;
    assert_eq!(response.status(), 403, "a team member cannot");
    let response = post(&app, &coordinator, &resend, &[]).await;
    assert_eq!(response.status(), 303);
    let page = get(
        &app,
        &coordinator,
        response.headers()["location"].to_str().unwrap(),
    )
    .await;
    assert!(page.contains("De uitnodiging is verstuurd naar fatma@woonpunt.example"));
    let links = invitation_links(&app).await;
    assert_eq!(links.len(), 2);
    let fresh = links.iter().find(|l| !first.contains(l)).unwrap();
    let anonymous = app.session_client();
    let old = anonymous.get(app.url(&first[0])).send().await.unwrap();
    assert_eq!(old.status(), 404, "the first link no longer works");
    let new = anonymous.get(app.url(fresh)).send().await.unwrap();
    assert_eq!(new.status(), 200);
    assert!(new.text().await.unwrap().contains("Fatma Yilmaz"));
}

/// The paths of the invitation links mailed to Fatma, oldest first.
async fn invitation_links(app: &TestApp) -> Vec<String> {
    let mails = store::repo::mail::for_address(app.store().conn(), "fatma@woonpunt.example")
        .await
        .unwrap();
    mails
        .iter()
        .filter_map(|m| {
            let start = m.body.find("/uitnodiging/")?;
            let token: String = m.body[start..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            Some(token)
        })
        .collect()
}
