//! The authorisation matrix, generated from the router: every route of `web::route_table()`
//! x every method it answers x every kind of visitor (anonymous, each of the six roles, a
//! team member of another team than the one in the URL, and a coordinator of another
//! municipality) gets the expected outcome. A route that is missing from `expected` fails the
//! test, so new routes must be added here.

use axum::http::Method;
use services::demo::DEMO_PASSWORD;
use services::{Actor, accounts};
use testkit::{TestApp, csrf_of};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Administrator,
    Coordinator,
    /// A member of the team in the URL (`wyckerpoort`).
    TeamMember,
    /// A team member of another team (Limmel & Nazareth).
    OtherTeamMember,
    ProjectGroupMember,
    SteeringGroupMember,
    /// Staff of the municipality's traffic department who receive requests.
    DepartmentContact,
    OtherMunicipality,
}

const EVERYONE: [Who; 9] = [
    Who::Anonymous,
    Who::Administrator,
    Who::Coordinator,
    Who::TeamMember,
    Who::OtherTeamMember,
    Who::ProjectGroupMember,
    Who::SteeringGroupMember,
    Who::DepartmentContact,
    Who::OtherMunicipality,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// 200, or 303/422 after a form: the request was let through.
    Allowed,
    /// 303 to `/inloggen`.
    SignIn,
    /// 403.
    Forbidden,
    /// 404: the record is not in the visitor's municipality, so it does not exist for them.
    NotFound,
}

/// The expected outcome of the inventory's routes, or `None` for other routes.
fn inventory(method: &Method, path: &str, who: Who) -> Option<Outcome> {
    use Outcome::{Allowed, Forbidden, NotFound, SignIn};
    let method_is_get = *method == Method::GET;
    // meeting (public)
    // Voting needs only a code (a POST without one is the form again, 422). The projector
    // is for those who run the meeting: the team's members, coordinators, administrators.
    if path.starts_with("/stemmen") {
        return Some(Allowed);
    }
    if path.starts_with("/werk/{team}/bijeenkomst/scherm") {
        return Some(match who {
            Who::Anonymous => SignIn,
            Who::OtherMunicipality => NotFound,
            Who::Administrator | Who::Coordinator | Who::TeamMember => Allowed,
            _ => Forbidden,
        });
    }
    // end meeting (public)
    // The team's work on its concerns: seeing it takes the team's internals (members of
    // the team, coordinators, the project and steering group), noting a concern takes
    // membership (administrators may do everything). `{team}` is Wyckerpoort.
    if path.starts_with("/werk") {
        let sees = matches!(
            who,
            Who::Administrator
                | Who::Coordinator
                | Who::TeamMember
                | Who::ProjectGroupMember
                | Who::SteeringGroupMember
        );
        let edits = matches!(who, Who::Administrator | Who::TeamMember);
        return Some(match (path, who) {
            (_, Who::Anonymous) => SignIn,
            ("/werk", _) => Allowed,
            (_, Who::OtherMunicipality) => NotFound,
            ("/werk/{team}" | "/werk/{team}/zorgen.csv" | "/werk/{team}/kaart", _) if sees => {
                Allowed
            }
            ("/werk/{team}/agenda", _) if method_is_get && sees => Allowed,
            // Preparing the agenda: the team's members and the project leaders.
            ("/werk/{team}/agenda", Who::Administrator | Who::Coordinator | Who::TeamMember) => {
                Allowed
            }
            // Concern 3 is a public concern of Wyckerpoort's first demo cycle.
            ("/werk/{team}/bereik" | "/werk/{team}/zorg/{id}", _)
                if sees && (method_is_get || edits) =>
            {
                Allowed
            }
            ("/werk/{team}/nieuw", _) if edits => Allowed,
            _ => Forbidden,
        });
    }
    // Keeping the routing of urgent concerns is managing the structure. The rule in the
    // URL does not exist (so removing it is 404 for those who may).
    if path.starts_with("/beheer/routering") || path.starts_with("/beheer/onderwerpen") {
        return Some(match (path, who) {
            (_, Who::Anonymous) => SignIn,
            (_, Who::Administrator | Who::Coordinator | Who::OtherMunicipality) => {
                if path.ends_with("/verwijderen") || path.ends_with("{id}") {
                    NotFound
                } else {
                    Allowed
                }
            }
            _ => Forbidden,
        });
    }
    if path.starts_with("/buurten/") || path == "/melding" {
        return Some(Allowed);
    }
    if path == "/melding/{reference}" {
        return Some(NotFound); // a made-up reference, for everyone
    }
    None
}

// meeting (staff)
/// The expected outcome of the team's meeting routes, or `None` for other routes. Seeing
/// the meeting takes the team's internals; running it (every form) takes preparing the
/// agenda: the team's members, coordinators and administrators. A step that comes too
/// early or twice (Wyckerpoort's meeting may be unplanned, planned or open) answers with
/// the page again (303 or 422), never with a refusal.
fn meeting(method: &Method, path: &str, who: Who) -> Option<Outcome> {
    use Outcome::{Allowed, Forbidden, NotFound, SignIn};
    if !path.starts_with("/werk/{team}/bijeenkomst") {
        return None;
    }
    let sees = matches!(
        who,
        Who::Administrator
            | Who::Coordinator
            | Who::TeamMember
            | Who::ProjectGroupMember
            | Who::SteeringGroupMember
    );
    let runs = matches!(who, Who::Administrator | Who::Coordinator | Who::TeamMember);
    let page = path == "/werk/{team}/bijeenkomst" && *method == Method::GET;
    Some(match who {
        Who::Anonymous => SignIn,
        Who::OtherMunicipality => NotFound,
        // A made-up letters job does not exist, even for those who run the meeting.
        _ if runs && path.contains("{job}") => NotFound,
        _ if runs || (page && sees) => Allowed,
        _ => Forbidden,
    })
}

/// The expected outcome of the action phase's routes, or `None` for other routes. Everyone
/// signed in has their own agreements; a team's board is for those who see the team's
/// internals, writing on it for those who edit the team's work. Agreement 3 is one of
/// Wyckerpoort's first demo meeting (the demo makes Wyckerpoort's agreements first), public.
fn action(method: &Method, path: &str, who: Who) -> Option<Outcome> {
    use Outcome::{Allowed, Forbidden, NotFound, SignIn};
    if path.starts_with("/groepen/{group}") {
        // Group 1 is the demo's project group; escalation 3 does not exist.
        let member = matches!(
            who,
            Who::Administrator | Who::Coordinator | Who::ProjectGroupMember
        );
        // Coordinators read the groups' queues; only members (and administrators) act.
        let acts = matches!(who, Who::Administrator | Who::ProjectGroupMember);
        let post = *method == Method::POST;
        return Some(match who {
            Who::Anonymous => SignIn,
            Who::OtherMunicipality => NotFound,
            _ if post && !acts => Forbidden,
            _ if member && path.contains("{id}") => NotFound,
            _ if member => Allowed,
            _ => Forbidden,
        });
    }
    if path.starts_with("/verzoeken") {
        // Only a department's contact has an inbox; agreement 3 is traffic's (the demo's 2010
        // speed display, asked of traffic).
        return Some(match who {
            Who::Anonymous => SignIn,
            Who::DepartmentContact => Allowed,
            _ => Forbidden,
        });
    }
    if path == "/werk/{team}/escalaties/{id}" {
        // Escalation 3 does not exist for anyone who may enter the team.
        return Some(match who {
            Who::Anonymous => SignIn,
            Who::OtherMunicipality
            | Who::Administrator
            | Who::Coordinator
            | Who::TeamMember
            | Who::ProjectGroupMember
            | Who::SteeringGroupMember => NotFound,
            _ => Forbidden,
        });
    }
    if path == "/afspraken" {
        return Some(if who == Who::Anonymous {
            SignIn
        } else {
            Allowed
        });
    }
    if !path.starts_with("/werk/{team}/afspraken") {
        return None;
    }
    let sees = matches!(
        who,
        Who::Administrator
            | Who::Coordinator
            | Who::TeamMember
            | Who::ProjectGroupMember
            | Who::SteeringGroupMember
    );
    let edits = matches!(who, Who::Administrator | Who::TeamMember);
    let get = *method == Method::GET;
    Some(match who {
        Who::Anonymous => SignIn,
        Who::OtherMunicipality => NotFound,
        _ if sees && (get || edits) => Allowed,
        _ => Forbidden,
    })
}

/// The expected outcome of `method` on `path` for `who`.
fn expected(method: &Method, path: &str, who: Who) -> Outcome {
    use Outcome::{Allowed, Forbidden, NotFound, SignIn};
    if let Some(outcome) = action(method, path, who) {
        return outcome;
    }
    if let Some(outcome) = meeting(method, path, who) {
        return outcome;
    }
    if let Some(outcome) = inventory(method, path, who) {
        return outcome;
    }
    // Staff who view the structure but manage nothing: no route of this issue treats them
    // differently from a team member of the team in the URL (changing a team's composition
    // is managing the structure). Routes of a team's own work will tell them apart.
    let who = match who {
        Who::OtherTeamMember
        | Who::ProjectGroupMember
        | Who::SteeringGroupMember
        | Who::DepartmentContact => Who::TeamMember,
        who => who,
    };
    let public = matches!(
        path,
        "/" | "/lang/{tag}"
            | "/inloggen"
            | "/healthz"
            | "/readyz"
            | "/assets/{file}"
            | "/sw.js"
            | "/manifest.webmanifest"
            | "/teams/{id}"
            | "/uitloggen"
            | "/wachtwoord-vergeten"
            | "/wachtwoord-gewijzigd"
    );
    if public {
        return Allowed;
    }
    let manage = *method == Method::POST;
    match (path, who) {
        // The code step needs a right password first; without one it sends you there.
        ("/inloggen/code", _) | ("/account" | "/account/inlogcode/uitzetten", Who::Anonymous) => {
            SignIn
        }
        (p, Who::Anonymous) if p.starts_with("/account/") => SignIn,
        // A role that requires a second factor cannot switch it off.
        ("/account/inlogcode/uitzetten", Who::Administrator) => Forbidden,
        (p, _) if p.starts_with("/account") => Allowed,
        // A made-up token gets the "link no longer works" page, for everyone. Account 3 (the
        // demo team member) and the teams do not exist for another municipality.
        ("/wachtwoord-herstellen/{token}" | "/uitnodiging/{token}", _)
        | (
            "/beheer/teams/{slug}"
            | "/beheer/accounts/{id}/inlogcode-wissen"
            | "/beheer/accounts/{id}/uitnodiging-opnieuw",
            Who::OtherMunicipality,
        ) => NotFound,
        (p, Who::Anonymous) if p.starts_with("/beheer/") => SignIn,
        // A team member cannot manage accounts; a coordinator may reset the team member's
        // code (it could grant that role).
        (
            "/beheer/logboek"
            | "/beheer/berichten"
            | "/beheer/accounts"
            | "/beheer/accounts/uitnodigen"
            | "/beheer/accounts/{id}/inlogcode-wissen"
            | "/beheer/accounts/{id}/uitnodiging-opnieuw",
            Who::TeamMember,
        ) => Forbidden,
        (
            "/beheer/structuur"
            | "/beheer/logboek"
            | "/beheer/berichten"
            | "/beheer/accounts"
            | "/beheer/accounts/uitnodigen"
            | "/beheer/accounts/{id}/inlogcode-wissen",
            _,
        ) => Allowed,
        // Account 3 has chosen its password: there is no invitation to send again.
        ("/beheer/accounts/{id}/uitnodiging-opnieuw", _) => NotFound,
        ("/beheer/teams/{slug}", _) if !manage => Allowed,
        // Importing is managing the structure; a made-up job does not exist for anyone.
        (p, Who::TeamMember) if p.starts_with("/beheer/import") => Forbidden,
        ("/beheer/import/{job}", _) => NotFound,
        ("/beheer/import" | "/beheer/import/adressen" | "/beheer/import/grenzen", _) => Allowed,
        (p, Who::OtherMunicipality) if p.starts_with("/beheer/teams/") => NotFound,
        (p, Who::Administrator | Who::Coordinator) if p.starts_with("/beheer/") => Allowed,
        (p, Who::TeamMember) if p.starts_with("/beheer/teams/") => Forbidden,
        (p, Who::OtherMunicipality) if p.starts_with("/beheer/structuur/") => Allowed,
        (p, Who::TeamMember) if p.starts_with("/beheer/structuur/") => Forbidden,
        _ => panic!("{method} {path} is missing from the authorisation matrix"),
    }
}

fn concrete(pattern: &str) -> String {
    let pattern = &pattern
        .replace("/routering/{id}", "/routering/999999")
        .replace("/onderwerpen/{id}", "/onderwerpen/999999");
    pattern
        .replace("{tag}", "en")
        .replace("{file}", "nope.css")
        .replace("{slug}", "wyckerpoort")
        .replace("{team}", "wyckerpoort")
        .replace("{group}", "1")
        .replace("{reference}", "VB-2345-6789")
        .replace("{id}", "3")
        .replace("{job}", "0b6f3f0e9d8a4c52a1e27f1c2b3d4e5f")
}

const OTHER_TEAM_MEMBER: &str = "buurtwerker@demo.buurtagenda.nl";

/// A team member of Limmel & Nazareth, so not of the team in the URLs.
async fn other_team_member(app: &TestApp) {
    let new = accounts::NewAccount {
        municipality: "maastricht".into(),
        email: OTHER_TEAM_MEMBER.into(),
        name: "Bas Buurtwerker".into(),
        role: "team-member".into(),
        function: "community-worker".into(),
        password: DEMO_PASSWORD.into(),
    };
    let id = accounts::create_account(&app.ctx, &Actor::Cli, &new)
        .await
        .unwrap();
    let conn = app.store().conn();
    let account = store::repo::accounts::find(conn, id)
        .await
        .unwrap()
        .unwrap();
    let team = store::repo::teams::team_detail(
        conn,
        account.municipality,
        &"limmel-nazareth".parse().unwrap(),
    )
    .await
    .unwrap()
    .expect("the demo team of Limmel & Nazareth");
    store::repo::teams::add_member(conn, team.id, account.person)
        .await
        .unwrap();
}

async fn client_for(app: &TestApp, who: Who) -> reqwest::Client {
    let email = match who {
        Who::Anonymous => return app.session_client(),
        Who::Administrator => "beheer@demo.buurtagenda.nl",
        Who::Coordinator => "projectleider@demo.buurtagenda.nl",
        Who::TeamMember => "wijkagent@demo.buurtagenda.nl",
        Who::OtherTeamMember => OTHER_TEAM_MEMBER,
        Who::ProjectGroupMember => "projectgroep@demo.buurtagenda.nl",
        Who::SteeringGroupMember => "wethouder@demo.buurtagenda.nl",
        Who::DepartmentContact => "verkeer@demo.buurtagenda.nl",
        Who::OtherMunicipality => "coordinator@heerlen.example",
    };
    let (client, status) = app.sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(status, 303, "sign-in of {who:?}");
    client
}

async fn token(app: &TestApp, client: &reqwest::Client) -> String {
    let page = client
        .get(app.url("/inloggen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    if page.contains("name=\"csrf\"") {
        return csrf_of(&page);
    }
    // Signed in: /inloggen redirects; the home page has the sign-out form's token.
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    csrf_of(&home)
}

fn outcome_of(response: &reqwest::Response) -> Outcome {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match status {
        303 if location.starts_with("/inloggen") => Outcome::SignIn,
        200 | 303 | 422 => Outcome::Allowed,
        403 => Outcome::Forbidden,
        404 => Outcome::NotFound,
        other => panic!("unexpected status {other}"),
    }
}

#[tokio::test]
async fn every_route_for_every_role_in_own_and_other_municipality() {
    let app = TestApp::with_demo().await;
    let now = chrono::Utc::now();
    store::repo::places::ensure_municipality(
        app.store().conn(),
        &"heerlen".parse().unwrap(),
        "Heerlen",
        None,
        now,
    )
    .await
    .unwrap();
    let other = accounts::NewAccount {
        municipality: "heerlen".into(),
        email: "coordinator@heerlen.example".into(),
        name: "Hanna Heerlen".into(),
        role: "coordinator".into(),
        function: "project-leader".into(),
        password: DEMO_PASSWORD.into(),
    };
    accounts::create_account(&app.ctx, &Actor::Cli, &other)
        .await
        .unwrap();
    other_team_member(&app).await;

    let mut checked = 0;
    for who in EVERYONE {
        let client = client_for(&app, who).await;
        for route in web::route_table() {
            let path = concrete(route.path);
            for method in &route.methods {
                if route.path == "/uitloggen"
                    || route.path == "/inloggen" && *method == Method::POST
                {
                    continue; // would end or change the session under test; covered in sign_in.rs
                }
                let want = expected(method, route.path, who);
                let request = client.request(method.clone(), app.url(&path));
                let response = if *method == Method::GET {
                    request.send().await.unwrap()
                } else {
                    let token = token(&app, &client).await;
                    request
                        .form(&[("csrf", token.as_str())])
                        .send()
                        .await
                        .unwrap()
                };
                let got = outcome_of(&response);
                // Missing assets and unknown teams are 404 for everybody; that is not access.
                let want = if (route.path == "/assets/{file}") && got == Outcome::NotFound {
                    got
                } else {
                    want
                };
                assert_eq!(got, want, "{who:?} {method} {path}");
                checked += 1;
            }
        }
    }
    assert!(checked >= EVERYONE.len() * 30, "{checked} cases");
}
