//! Requests to departments on a real database (SQLite, and PostgreSQL with
//! `TEST_DATABASE_URL`): the team asks traffic, which sees it in its inbox and nobody else's
//! requests; a refusal needs a reason, an acceptance the department's own date, which is
//! then the promise; a request not yet accepted is no promise; the contact moves it on once
//! taken on.

use domain::agreement::{AgreementInput, AgreementState};
use services::ServiceError;
use services::action::agreements::{self, ChangeInput, NewInput};
use services::action::requests::{self, AnswerInput};
use testkit::people::{actor, in_team};

use crate::support::{day, demo, keys};

const TEAM: &str = "wyckerpoort";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const TRAFFIC: &str = "verkeer@demo.buurtagenda.nl";

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn traffic_answers_the_teams_request_in_its_inbox() {
    let (_db, ctx) = demo().await;
    let team = in_team(&ctx, OFFICER, TEAM).await;
    let board = agreements::board(&ctx, &team).await.unwrap();
    let priority = board
        .priorities
        .iter()
        .find(|p| p.priority.open)
        .unwrap()
        .priority
        .id;
    let traffic_dept = board
        .owners
        .organisations
        .iter()
        .find_map(|o| o.departments.iter().find(|(_, n)| n == "Verkeer"))
        .unwrap()
        .0;
    let kept_before = board.kept;
    let ask = |client: &str, what: &str| NewInput {
        priority: priority.to_string(),
        client_id: client.into(),
        agreement: AgreementInput {
            what: what.into(),
            owner: format!("department:{traffic_dept}"),
            residents: String::new(),
            target: day(&ctx, 14),
            hard: day(&ctx, 40),
        },
        sensitivity: "public".into(),
        ask: true,
    };
    let id = agreements::create(
        &ctx,
        &team,
        &ask(
            "0b0c1d2e-0000-4000-8000-00000000f001",
            "Drempel bij de school",
        ),
    )
    .await
    .unwrap();
    let refused = agreements::create(
        &ctx,
        &team,
        &ask("0b0c1d2e-0000-4000-8000-00000000f002", "Flitspaal"),
    )
    .await
    .unwrap();
    let first = agreements::detail(&ctx, &team, id).await.unwrap().agreement;
    assert_eq!(first.state, AgreementState::Proposed);

    // Traffic's inbox has both (and the demo's own); the officer has no inbox.
    let contact = actor(&ctx, TRAFFIC).await;
    let inbox = requests::inbox(&ctx, &contact).await.unwrap();
    assert_eq!(inbox.department, "Gemeente Maastricht, Verkeer");
    for want in [id, refused] {
        assert!(inbox.to_answer.iter().any(|i| i.agreement.id == want));
    }
    let officer = actor(&ctx, OFFICER).await;
    assert!(matches!(
        requests::inbox(&ctx, &officer).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(
        requests::department_of(&ctx, &officer)
            .await
            .unwrap()
            .is_none()
    );
    // Another team's agreement owned by a person is not traffic's to see.
    let own = board.priorities[0].agreements.first().map(|a| a.id);
    if let Some(own) = own {
        assert!(matches!(
            requests::request(&ctx, &contact, own).await,
            Err(ServiceError::NotFound)
        ));
    }

    // A refusal needs a reason; an acceptance a date, not past, not after the hard date.
    let v = |a: &services::action::agreements::AgreementRecord| a.version.to_string();
    let answer = |version: String, answer: &str, target: String, note: &str| AnswerInput {
        version,
        answer: answer.into(),
        target,
        note: note.into(),
    };
    let r = requests::request(&ctx, &contact, refused).await.unwrap();
    let found = requests::answer(
        &ctx,
        &contact,
        refused,
        &answer(v(&r.agreement), "refuse", String::new(), ""),
    )
    .await
    .unwrap_err();
    assert_eq!(keys(found), [("note", "error-request-note")]);
    requests::answer(
        &ctx,
        &contact,
        refused,
        &answer(
            v(&r.agreement),
            "refuse",
            String::new(),
            "Daar gaat de politie over.",
        ),
    )
    .await
    .unwrap();
    let refused_now = agreements::detail(&ctx, &team, refused).await.unwrap();
    assert_eq!(refused_now.agreement.state, AgreementState::Withdrawn);
    assert_eq!(refused_now.timeline.last().unwrap().kind, "refused");

    let r = requests::request(&ctx, &contact, id).await.unwrap();
    let past = requests::answer(
        &ctx,
        &contact,
        id,
        &answer(v(&r.agreement), "accept", day(&ctx, -1), ""),
    )
    .await
    .unwrap_err();
    assert_eq!(keys(past), [("target", "error-agreement-past")]);
    let late = requests::answer(
        &ctx,
        &contact,
        id,
        &answer(v(&r.agreement), "accept", day(&ctx, 41), ""),
    )
    .await
    .unwrap_err();
    assert_eq!(keys(late), [("target", "error-agreement-after-hard")]);
    requests::answer(
        &ctx,
        &contact,
        id,
        &answer(
            v(&r.agreement),
            "question",
            String::new(),
            "Welke kant van de school?",
        ),
    )
    .await
    .unwrap();
    let r = requests::request(&ctx, &contact, id).await.unwrap();
    assert_eq!(
        r.agreement.state,
        AgreementState::Proposed,
        "a question answers nothing"
    );
    requests::answer(
        &ctx,
        &contact,
        id,
        &answer(
            v(&r.agreement),
            "accept",
            day(&ctx, 30),
            "In de herfstvakantie.",
        ),
    )
    .await
    .unwrap();
    let accepted = agreements::detail(&ctx, &team, id).await.unwrap().agreement;
    assert_eq!(accepted.state, AgreementState::Agreed);
    assert_eq!(
        accepted.target.format("%Y-%m-%d").to_string(),
        day(&ctx, 30)
    );
    assert_eq!(
        accepted.promised, accepted.target,
        "the department's date is the promise"
    );
    // Answered once: a second "yes" on the old form is stale, a new one is refused.
    let again = requests::answer(
        &ctx,
        &contact,
        id,
        &answer(v(&r.agreement), "accept", day(&ctx, 30), ""),
    )
    .await
    .unwrap_err();
    assert_eq!(keys(again), [("answer", "error-request-answered")]);

    // Taken on: traffic moves it on; it leaves "to answer" for "taken on".
    let inbox = requests::inbox(&ctx, &contact).await.unwrap();
    assert!(inbox.taken_on.iter().any(|i| i.agreement.id == id));
    assert!(
        inbox
            .to_answer
            .iter()
            .all(|i| i.agreement.id != id && i.agreement.id != refused)
    );
    requests::progress(
        &ctx,
        &contact,
        id,
        &ChangeInput {
            version: accepted.version.to_string(),
            state: "in-progress".into(),
            note: "Opdracht gegeven aan de aannemer.".into(),
            ..ChangeInput::default()
        },
    )
    .await
    .unwrap();
    let moved = agreements::detail(&ctx, &team, id).await.unwrap();
    assert_eq!(moved.agreement.state, AgreementState::InProgress);

    // Nothing of this was due yet, and a refused request is no broken promise.
    let after = agreements::board(&ctx, &team).await.unwrap().kept;
    assert_eq!(after, kept_before);
    // "My agreements" of the contact leads to the inbox, not to the team's pages.
    let mine = agreements::mine(&ctx, &contact).await.unwrap();
    assert!(mine.iter().any(|m| m.agreement.id == id && m.via_inbox));
}
