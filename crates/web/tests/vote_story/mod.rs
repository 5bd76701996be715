//! The vote through HTTP, as a hall uses it: the team opens its meeting and prints codes
//! (through the services, as the staff pages will), phones vote at `/stemmen`, every refusal
//! is plain and keeps the choice, wrong codes are limited per address but right ones never,
//! fifty copies of one vote count once, the projector follows, and after publishing the
//! neighbourhood's pages show the priorities, the past result and the calendar file.

mod phone;
mod public;

use domain::meeting::MeetingState;
use services::inventory::agenda::{self, Change};
use services::meeting::{plan, publish};
use services::{Ctx, TeamScope};
use testkit::{TestApp, csrf_of};

/// A team that the demo leaves alone (Wyckerpoort may be mid-meeting in newer demo data).
pub const TEAM: &str = "limmel-nazareth";
/// One of its neighbourhoods.
pub const SLUG: &str = "limmel";
pub const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

/// The account with `email` in the team.
pub async fn actor(ctx: &Ctx, email: &str) -> TeamScope {
    testkit::people::in_team(ctx, email, TEAM).await
}

/// At least four items on the current long list (from the cycle's ungrouped concerns).
async fn ensure_items(ctx: &Ctx, actor: &TeamScope) {
    let view = agenda::view(ctx, actor).await.unwrap();
    let missing = 4usize.saturating_sub(view.items.len());
    assert!(
        view.ungrouped.len() >= missing,
        "the demo gives {TEAM} concerns to group"
    );
    for (n, concern) in view.ungrouped.iter().take(missing).enumerate() {
        let change = Change::Create {
            title: format!("Onderwerp {}", n + 1),
            concerns: vec![concern.id],
        };
        agenda::change(ctx, actor, &change).await.unwrap();
    }
}

/// Drives the team's current meeting to open, however the demo left it, and prints codes.
pub async fn open_meeting(app: &TestApp, codes: u32) -> (TeamScope, Vec<String>) {
    let ctx = &app.ctx;
    let actor = actor(ctx, COORDINATOR).await;
    let mut replanned = false;
    for _ in 0..5 {
        let page = plan::page(ctx, &actor).await.unwrap();
        match page.meeting.map(|m| m.state) {
            None | Some(MeetingState::Planned) if !replanned => {
                // The test's own place, also over what the demo planned.
                replanned = true;
                ensure_items(ctx, &actor).await;
                let mut form = plan::plan_form(ctx, &actor).await.unwrap().input;
                form.venue = "Buurthuis Limmel".into();
                form.venue_address = "Kasteel Limmelstraat 1, Maastricht".into();
                form.accessibility = "Drempelvrij, met ringleiding".into();
                plan::plan(ctx, &actor, &form).await.unwrap();
            }
            Some(MeetingState::Planned) => {
                ensure_items(ctx, &actor).await;
                plan::open(ctx, &actor).await.unwrap();
            }
            Some(MeetingState::Closed) => {
                publish::publish(ctx, &actor, &publish::PublishInput::default())
                    .await
                    .unwrap();
            }
            Some(MeetingState::Open) => {
                let printed = plan::issue_codes(ctx, &actor, &codes.to_string())
                    .await
                    .unwrap();
                return (actor, printed.iter().map(ToString::to_string).collect());
            }
            None => unreachable!("planned above"),
            Some(MeetingState::Published) => unreachable!("the current cycle's meeting"),
        }
    }
    panic!("could not open the meeting of {TEAM}");
}

/// The ballot item ids on a ballot page, in order.
pub fn items_of(page: &str) -> Vec<String> {
    page.match_indices("name=\"keuze\" type=\"checkbox\" value=\"")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// Status and body of `GET path`.
pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Opens the ballot of `code` in a new session; returns the client, the page and its token.
pub async fn ballot(app: &TestApp, code: &str) -> (reqwest::Client, String, String) {
    let client = app.session_client();
    let (status, page) = get(app, &client, &format!("/stemmen?code={code}")).await;
    assert_eq!(status, 200, "{page}");
    let token = csrf_of(&page);
    (client, page, token)
}

/// Status, location and body of a vote.
pub async fn vote(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let response = client
        .post(app.url("/stemmen"))
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

/// The phone ballots counted so far.
pub async fn phone_voters(app: &TestApp, actor: &TeamScope) -> u64 {
    services::meeting::count::live(&app.ctx, actor)
        .await
        .unwrap()
        .phone_voters
}

/// The value of the hidden field `name`.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect(&marker) + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}
