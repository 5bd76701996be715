//! The escalation ladder on a real database (SQLite, and PostgreSQL with
//! `TEST_DATABASE_URL`): a stuck agreement goes from the team to the project group, which asks
//! for information and sends it on to the steering group, which decides; the decision is a new
//! agreement for the same priority. Only the level it waits at acts, a stale or repeated form
//! moves nothing twice, and the groups see only their own queue.

use domain::agreement::AgreementInput;
use domain::escalation::{Level, Position, Step};
use services::action::agreements::{self, NewInput};
use services::action::escalations::{self, RaiseInput, StepInput};
use services::{Ctx, GroupScope, ServiceError, TeamScope};
use testkit::people::{actor, in_group, in_team};

use crate::support::{day, demo, keys};

const TEAM: &str = "wyckerpoort";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const PROJECT: &str = "projectgroep@demo.buurtagenda.nl";
const STEERING: &str = "wethouder@demo.buurtagenda.nl";
const TRAFFIC: &str = "verkeer@demo.buurtagenda.nl";

/// A fresh agreement of the officer's for the team's first open priority.
async fn stuck_agreement(ctx: &Ctx, team: &TeamScope) -> domain::AgreementId {
    let board = agreements::board(ctx, team).await.unwrap();
    let priority = board
        .priorities
        .iter()
        .find(|p| p.priority.open)
        .expect("the demo has open priorities")
        .priority
        .id;
    let me = store::repo::agreements::person_of_account(
        ctx.store.conn(),
        team.actor().signed_in().unwrap().user,
    )
    .await
    .unwrap()
    .unwrap()
    .0;
    agreements::create(
        ctx,
        team,
        &NewInput {
            priority: priority.to_string(),
            client_id: "0b0c1d2e-0000-4000-8000-00000000e001".into(),
            agreement: AgreementInput {
                what: "Snelheidsdisplay in de Balijeweg".into(),
                owner: format!("person:{me}"),
                residents: String::new(),
                target: day(ctx, 10),
                hard: String::new(),
            },
            sensitivity: "public".into(),
            ask: false,
        },
    )
    .await
    .unwrap()
}

fn step(version: i32, step: Step, text: &str) -> StepInput {
    StepInput {
        version: version.to_string(),
        step: step.code().into(),
        text: text.into(),
        decision: AgreementInput::default(),
    }
}

async fn version_in(ctx: &Ctx, group: &GroupScope, id: domain::EscalationId) -> i32 {
    escalations::in_group(ctx, group, id)
        .await
        .unwrap()
        .escalation
        .version
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn the_speed_display_goes_up_the_ladder_and_the_steering_group_decides() {
    let (_db, ctx) = demo().await;
    let team = in_team(&ctx, OFFICER, TEAM).await;
    let stuck = stuck_agreement(&ctx, &team).await;

    // The team asks the project group; an empty question is refused, a repeated form is one
    // escalation, a second question while the first is on the ladder is refused.
    let empty = escalations::raise(&ctx, &team, stuck, &RaiseInput::default()).await;
    assert_eq!(
        keys(empty.unwrap_err()),
        [("question", "error-escalation-text")]
    );
    let question = RaiseInput {
        question: "Verkeer antwoordt al zes weken niet. Kan de projectgroep dit oppakken?".into(),
    };
    let id = escalations::raise(&ctx, &team, stuck, &question)
        .await
        .unwrap();
    assert_eq!(
        escalations::raise(&ctx, &team, stuck, &question)
            .await
            .unwrap(),
        id
    );
    let other = RaiseInput {
        question: "Nog een vraag".into(),
    };
    assert_eq!(
        keys(
            escalations::raise(&ctx, &team, stuck, &other)
                .await
                .unwrap_err()
        ),
        [("question", "error-escalation-open")]
    );

    // The project group sees it in its queue, the steering group does not; the officer is
    // not a member of either group.
    let project = in_group(&ctx, PROJECT, 1).await;
    let steering = in_group(&ctx, STEERING, 2).await;
    // (The demo has one late agreement of its own waiting at the project group.)
    let queue = escalations::queue(&ctx, &project).await.unwrap();
    let ours = queue
        .iter()
        .find(|i| i.escalation.id == id)
        .expect("in the queue");
    assert_eq!(ours.question, question.question);
    assert_eq!(ours.what, "Snelheidsdisplay in de Balijeweg");
    assert!(
        queue.windows(2).all(|w| w[0].since <= w[1].since),
        "the longest waiting first"
    );
    assert!(
        escalations::queue(&ctx, &steering)
            .await
            .unwrap()
            .is_empty()
    );
    let officer = actor(&ctx, OFFICER).await;
    let m = officer.signed_in().unwrap().municipality;
    let ladder = escalations::ladder(&ctx, m).await.unwrap();
    assert!(matches!(
        GroupScope::enter(&ctx, &officer, m, ladder.0[0]).await,
        Err(ServiceError::Forbidden)
    ));
    let traffic = actor(&ctx, TRAFFIC).await;
    assert!(
        GroupScope::enter(&ctx, &traffic, m, ladder.0[0])
            .await
            .is_err()
    );
    assert!(matches!(
        escalations::in_group(&ctx, &steering, id).await,
        Err(ServiceError::NotFound)
    ));

    // The project group asks for information; only the team can give it.
    let view = escalations::in_group(&ctx, &project, id).await.unwrap();
    assert_eq!(
        view.next,
        [
            Step::Decide,
            Step::AskInformation,
            Step::SendBack,
            Step::Escalate
        ]
    );
    let ask = step(
        view.escalation.version,
        Step::AskInformation,
        "Welke straat precies?",
    );
    escalations::step_in_group(&ctx, &project, id, &ask)
        .await
        .unwrap();
    // The same form sent twice moves it once.
    escalations::step_in_group(&ctx, &project, id, &ask)
        .await
        .unwrap();
    let on_agreement = escalations::of_agreement(&ctx, &team, stuck)
        .await
        .unwrap()
        .views;
    assert_eq!(on_agreement.len(), 1);
    assert_eq!(on_agreement[0].next, [Step::Inform]);
    assert_eq!(on_agreement[0].steps.len(), 2);
    let v = on_agreement[0].escalation.version;
    escalations::step_in_team(
        &ctx,
        &team,
        id,
        &step(v, Step::Inform, "De Balijeweg bij de school."),
    )
    .await
    .unwrap();

    // A stale form is a conflict; the project group sends it on to the steering group.
    let stale = step(v, Step::Escalate, "Graag een besluit");
    assert!(matches!(
        escalations::step_in_group(&ctx, &project, id, &stale).await,
        Err(ServiceError::Conflict(_))
    ));
    let v = version_in(&ctx, &project, id).await;
    let up = step(
        v,
        Step::Escalate,
        "Wie betaalt het display? Verkeer heeft geen budget.",
    );
    escalations::step_in_group(&ctx, &project, id, &up)
        .await
        .unwrap();
    assert!(
        escalations::queue(&ctx, &project)
            .await
            .unwrap()
            .iter()
            .all(|i| i.escalation.id != id)
    );
    let waiting = escalations::queue(&ctx, &steering).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].question, up.text);
    // The project group can still read it, but no longer act on it.
    let seen = escalations::in_group(&ctx, &project, id).await.unwrap();
    assert!(seen.next.is_empty());
    let late = step(seen.escalation.version, Step::SendBack, "Toch zelf");
    assert!(
        escalations::step_in_group(&ctx, &project, id, &late)
            .await
            .is_err()
    );

    // The steering group decides: a decision needs an owner and a date that is not past.
    let v = version_in(&ctx, &steering, id).await;
    let mut decide = step(v, Step::Decide, "");
    decide.decision = AgreementInput {
        what: "De gemeente betaalt het display uit het werkbudget".into(),
        owner: String::new(),
        residents: String::new(),
        target: day(&ctx, -1),
        hard: String::new(),
    };
    let found = keys(
        escalations::step_in_group(&ctx, &steering, id, &decide)
            .await
            .unwrap_err(),
    );
    assert!(
        found.contains(&("owner", "error-agreement-owner")),
        "{found:?}"
    );
    assert!(
        found.contains(&("target", "error-agreement-past")),
        "{found:?}"
    );
    let traffic_person = store::repo::agreements::person_of_account(
        ctx.store.conn(),
        traffic.signed_in().unwrap().user,
    )
    .await
    .unwrap()
    .unwrap()
    .0;
    decide.decision.owner = format!("person:{traffic_person}");
    decide.decision.target = day(&ctx, 21);
    escalations::step_in_group(&ctx, &steering, id, &decide)
        .await
        .unwrap();

    let view = escalations::in_group(&ctx, &steering, id).await.unwrap();
    assert_eq!(
        view.escalation.state.position,
        Position::Decided(Level::Group(ladder.0[1]))
    );
    assert!(view.next.is_empty());
    let made = view.steps.last().unwrap().agreement.expect("an agreement");
    let detail = agreements::detail(&ctx, &team, made).await.unwrap();
    assert_eq!(detail.agreement.what, decide.decision.what);
    let original = agreements::detail(&ctx, &team, stuck).await.unwrap();
    assert_eq!(detail.priority.id, original.priority.id);
    let kinds: Vec<&str> = original.timeline.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "escalated", "escalation-decided"]);
    // Every step is there, in order, between the right levels.
    let steps: Vec<(Step, Level, Level)> =
        view.steps.iter().map(|s| (s.step, s.from, s.to)).collect();
    let (p, s) = (Level::Group(ladder.0[0]), Level::Group(ladder.0[1]));
    assert_eq!(
        steps,
        [
            (Step::Escalate, Level::Team, p),
            (Step::AskInformation, p, p),
            (Step::Inform, p, p),
            (Step::Escalate, p, s),
            (Step::Decide, s, s),
        ]
    );
    // Decided is final; the agreement is free to go up again with a new question.
    let again = step(view.escalation.version, Step::SendBack, "Nog iets");
    assert!(
        escalations::step_in_group(&ctx, &steering, id, &again)
            .await
            .is_err()
    );
    escalations::raise(&ctx, &team, stuck, &other)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_answer_comes_back_down_and_the_team_settles_it() {
    let (_db, ctx) = demo().await;
    let team = in_team(&ctx, OFFICER, TEAM).await;
    let stuck = stuck_agreement(&ctx, &team).await;
    let id = escalations::raise(
        &ctx,
        &team,
        stuck,
        &RaiseInput {
            question: "Mag het display op gemeentegrond?".into(),
        },
    )
    .await
    .unwrap();
    let project = in_group(&ctx, PROJECT, 1).await;
    let v = version_in(&ctx, &project, id).await;
    escalations::step_in_group(&ctx, &project, id, &step(v, Step::SendBack, "Ja, dat mag."))
        .await
        .unwrap();
    let views = escalations::of_agreement(&ctx, &team, stuck)
        .await
        .unwrap()
        .views;
    assert_eq!(views[0].next, [Step::Escalate, Step::Settle]);
    // Settling needs words; the team settles it.
    let v = views[0].escalation.version;
    let empty = escalations::step_in_team(&ctx, &team, id, &step(v, Step::Settle, " ")).await;
    assert_eq!(
        keys(empty.unwrap_err()),
        [("text", "error-escalation-text")]
    );
    // A team cannot decide for a group.
    let decide = escalations::step_in_team(&ctx, &team, id, &step(v, Step::Decide, "x")).await;
    assert!(decide.is_err());
    escalations::step_in_team(
        &ctx,
        &team,
        id,
        &step(v, Step::Settle, "We plaatsen het zelf."),
    )
    .await
    .unwrap();
    let views = escalations::of_agreement(&ctx, &team, stuck)
        .await
        .unwrap()
        .views;
    assert_eq!(
        views[0].escalation.state.position,
        Position::Decided(Level::Team)
    );
    let kinds: Vec<String> = agreements::detail(&ctx, &team, stuck)
        .await
        .unwrap()
        .timeline
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["created", "escalated", "escalation-settled"]);
}

#[tokio::test]
async fn the_ladder_is_a_setting_of_the_municipality() {
    let (_db, ctx) = demo().await;
    let admin = actor(&ctx, "beheer@demo.buurtagenda.nl").await;
    let m = admin.signed_in().unwrap().municipality;
    let ladder = escalations::ladder(&ctx, m).await.unwrap();
    assert_eq!(
        ladder.0.len(),
        2,
        "the demo has a project and a steering group"
    );
    // One level only: the project group decides, nothing goes further.
    escalations::set_ladder(&ctx, &admin, m, &ladder.0[..1])
        .await
        .unwrap();
    let team = in_team(&ctx, OFFICER, TEAM).await;
    let stuck = stuck_agreement(&ctx, &team).await;
    let id = escalations::raise(
        &ctx,
        &team,
        stuck,
        &RaiseInput {
            question: "Besluit graag".into(),
        },
    )
    .await
    .unwrap();
    let project = in_group(&ctx, PROJECT, 1).await;
    let view = escalations::in_group(&ctx, &project, id).await.unwrap();
    assert_eq!(
        view.next,
        [Step::Decide, Step::AskInformation, Step::SendBack]
    );
    // A group twice, or a group of no one's, is refused; only the structure's managers set it.
    assert!(
        escalations::set_ladder(&ctx, &admin, m, &[ladder.0[0], ladder.0[0]])
            .await
            .is_err()
    );
    assert!(
        escalations::set_ladder(&ctx, &admin, m, &[domain::GroupId(i64::MAX)])
            .await
            .is_err()
    );
    let officer = actor(&ctx, OFFICER).await;
    assert!(matches!(
        escalations::set_ladder(&ctx, &officer, m, &ladder.0).await,
        Err(ServiceError::Forbidden)
    ));
    // No ladder: nothing can go up, and the team is told so.
    escalations::set_ladder(&ctx, &admin, m, &[]).await.unwrap();
    let other = stuck_agreement_second(&ctx, &team).await;
    let refused = escalations::raise(
        &ctx,
        &team,
        other,
        &RaiseInput {
            question: "Besluit graag".into(),
        },
    )
    .await;
    assert_eq!(
        keys(refused.unwrap_err()),
        [("question", "error-escalation-top")]
    );
}

/// A second fresh agreement (another form id).
async fn stuck_agreement_second(ctx: &Ctx, team: &TeamScope) -> domain::AgreementId {
    let board = agreements::board(ctx, team).await.unwrap();
    let existing = board.priorities.iter().find(|p| p.priority.open).unwrap();
    let mut input = NewInput {
        priority: existing.priority.id.to_string(),
        client_id: "0b0c1d2e-0000-4000-8000-00000000e002".into(),
        agreement: AgreementInput {
            what: "Extra verlichting".into(),
            owner: "residents".into(),
            residents: "Familie Jansen".into(),
            target: day(ctx, 5),
            hard: String::new(),
        },
        sensitivity: "public".into(),
        ask: false,
    };
    input.agreement.residents = "Familie Jansen".into();
    agreements::create(ctx, team, &input).await.unwrap()
}
