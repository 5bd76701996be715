//! Agreements on a real database (SQLite, and PostgreSQL with `TEST_DATABASE_URL`): written
//! down per priority once however often the form is sent, changed only along the state
//! machine with a reason where one is needed, a stale change refused, police-restricted ones
//! only for the police, and "my agreements" for their owner.

use chrono::{Duration, Utc};
use domain::agreement::{AgreementInput, AgreementState, Owner};
use domain::inventory::Sensitivity;
use services::action::agreements::{self, ChangeInput, NewInput};
use services::{Ctx, ManualClock, ServiceError, TeamScope};
use testkit::TestDb;
use testkit::people::{actor, in_team};

use crate::support::{demo, keys, person_of};

const TEAM: &str = "wyckerpoort";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

fn new_input(priority: domain::PriorityId, owner: &str, target: &str, client: &str) -> NewInput {
    NewInput {
        priority: priority.to_string(),
        client_id: client.into(),
        agreement: AgreementInput {
            what: "Snelheidsdisplay aanvragen bij Verkeer".into(),
            owner: owner.into(),
            residents: String::new(),
            target: target.into(),
            hard: String::new(),
        },
        sensitivity: "public".into(),
        ask: false,
    }
}

async fn first_open_priority(ctx: &Ctx, scope: &TeamScope) -> domain::PriorityId {
    let board = agreements::board(ctx, scope).await.unwrap();
    board
        .priorities
        .iter()
        .find(|p| p.priority.open)
        .expect("the demo has open priorities")
        .priority
        .id
}

#[tokio::test]
async fn an_agreement_is_written_once_and_moves_only_along_its_states() {
    let (db, ctx) = demo().await;
    let officer = in_team(&ctx, OFFICER, TEAM).await;
    let priority = first_open_priority(&ctx, &officer).await;
    let me = person_of(&ctx, OFFICER).await;
    let today = ctx.clock.now().date_naive();
    let target = (today + Duration::days(14)).format("%Y-%m-%d").to_string();
    let input = new_input(
        priority,
        &format!("person:{me}"),
        &target,
        "0b0c1d2e-0000-4000-8000-00000000a001",
    );

    let id = agreements::create(&ctx, &officer, &input).await.unwrap();
    let again = agreements::create(&ctx, &officer, &input).await.unwrap();
    assert_eq!(id, again, "a second submit is the same agreement");
    let board = agreements::board(&ctx, &officer).await.unwrap();
    let listed: Vec<_> = board
        .priorities
        .iter()
        .flat_map(|p| p.agreements.iter())
        .filter(|a| a.id == id)
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].owner, Owner::Person(me));
    assert_eq!(listed[0].state, AgreementState::Agreed);

    // Not done needs a reason; done before anyone agreed is impossible; a stale form is a
    // conflict.
    let detail = agreements::detail(&ctx, &officer, id).await.unwrap();
    let version = detail.agreement.version.to_string();
    let change = |state: &str, note: &str| ChangeInput {
        version: version.clone(),
        state: state.into(),
        target: String::new(),
        note: note.into(),
        public: true,
    };
    assert_eq!(
        keys(
            agreements::change(&ctx, &officer, id, &change("not-done", " "))
                .await
                .unwrap_err()
        ),
        vec![("state", "error-agreement-reason")]
    );
    assert_eq!(
        keys(
            agreements::change(&ctx, &officer, id, &change("proposed", ""))
                .await
                .unwrap_err()
        ),
        vec![("state", "error-agreement-transition")]
    );
    assert_eq!(
        keys(
            agreements::change(&ctx, &officer, id, &change("", ""))
                .await
                .unwrap_err()
        ),
        vec![("note", "error-agreement-nothing")]
    );
    agreements::change(
        &ctx,
        &officer,
        id,
        &change("in-progress", "Aanvraag verstuurd"),
    )
    .await
    .unwrap();
    assert!(matches!(
        agreements::change(&ctx, &officer, id, &change("done", "")).await,
        Err(ServiceError::Conflict(_))
    ));
    let detail = agreements::detail(&ctx, &officer, id).await.unwrap();
    assert_eq!(detail.agreement.state, AgreementState::InProgress);
    assert_eq!(detail.timeline.len(), 2, "created, then one change");
    assert_eq!(
        detail.timeline[1].states,
        Some((AgreementState::Agreed, AgreementState::InProgress))
    );
    assert_eq!(
        detail.timeline[1].note.as_deref(),
        Some("Aanvraag verstuurd")
    );

    db.cleanup().await;
}

#[tokio::test]
async fn a_target_moves_but_the_date_first_agreed_counts_and_it_is_the_owners() {
    let (db, ctx) = demo().await;
    let officer = in_team(&ctx, OFFICER, TEAM).await;
    let priority = first_open_priority(&ctx, &officer).await;
    let me = person_of(&ctx, OFFICER).await;
    let today = ctx.clock.now().date_naive();
    let target = (today + Duration::days(14)).format("%Y-%m-%d").to_string();
    let input = new_input(
        priority,
        &format!("person:{me}"),
        &target,
        "0b0c1d2e-0000-4000-8000-00000000a006",
    );
    let id = agreements::create(&ctx, &officer, &input).await.unwrap();
    let detail = agreements::detail(&ctx, &officer, id).await.unwrap();
    // The target moves: the date first agreed stays.
    let later = (today + Duration::days(30)).format("%Y-%m-%d").to_string();
    agreements::change(
        &ctx,
        &officer,
        id,
        &ChangeInput {
            version: detail.agreement.version.to_string(),
            target: later.clone(),
            ..ChangeInput::default()
        },
    )
    .await
    .unwrap();
    let moved = agreements::detail(&ctx, &officer, id)
        .await
        .unwrap()
        .agreement;
    assert_eq!(moved.target.format("%Y-%m-%d").to_string(), later);
    assert_eq!(moved.promised.format("%Y-%m-%d").to_string(), target);

    // It is the officer's own.
    let mine = agreements::mine(&ctx, &actor(&ctx, OFFICER).await)
        .await
        .unwrap();
    assert!(
        mine.iter()
            .any(|m| m.agreement.id == id && m.team.0 == TEAM)
    );
    let log = store::repo::audit::latest_by_action(ctx.store.conn(), "agreement.create", 10)
        .await
        .unwrap();
    assert_eq!(
        log.iter().filter(|e| e.entity_id == Some(id.get())).count(),
        1
    );
    db.cleanup().await;
}

#[tokio::test]
async fn wrong_forms_name_every_field_and_others_may_not_write() {
    let (db, ctx) = demo().await;
    let officer = in_team(&ctx, OFFICER, TEAM).await;
    let priority = first_open_priority(&ctx, &officer).await;
    let yesterday = (ctx.clock.now().date_naive() - Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let mut input = new_input(
        priority,
        "person:999999",
        &yesterday,
        "0b0c1d2e-0000-4000-8000-00000000a002",
    );
    input.sensitivity = "secret".into();
    input.priority = "12x".into();
    assert_eq!(
        keys(
            agreements::create(&ctx, &officer, &input)
                .await
                .unwrap_err()
        ),
        vec![
            ("priority", "error-choose"),
            ("sensitivity", "error-choose"),
            ("target", "error-agreement-past"),
        ]
    );
    let soon = (ctx.clock.now().date_naive() + Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let input = new_input(
        priority,
        "person:999999",
        &soon,
        "0b0c1d2e-0000-4000-8000-00000000a003",
    );
    assert_eq!(
        keys(
            agreements::create(&ctx, &officer, &input)
                .await
                .unwrap_err()
        ),
        vec![("owner", "error-agreement-owner")],
        "an owner from nowhere (or another municipality)"
    );
    // The project group sees the board but does not write for the team.
    let overseer = in_team(&ctx, "projectgroep@demo.buurtagenda.nl", TEAM).await;
    assert!(!agreements::board(&ctx, &overseer).await.unwrap().can_edit);
    assert!(matches!(
        agreements::create(&ctx, &overseer, &input).await,
        Err(ServiceError::Forbidden)
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn a_police_only_agreement_exists_for_the_police_only() {
    let (db, ctx) = demo().await;
    let officer = in_team(&ctx, OFFICER, TEAM).await;
    let coordinator = in_team(&ctx, COORDINATOR, TEAM).await;
    assert!(!agreements::sensitivities(&coordinator).contains(&Sensitivity::Police));
    let priority = first_open_priority(&ctx, &officer).await;
    let me = person_of(&ctx, OFFICER).await;
    let soon = (ctx.clock.now().date_naive() + Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let mut input = new_input(
        priority,
        &format!("person:{me}"),
        &soon,
        "0b0c1d2e-0000-4000-8000-00000000a004",
    );
    input.agreement.what = "Observatie pand Balijeweg".into();
    input.sensitivity = "police".into();
    let id = agreements::create(&ctx, &officer, &input).await.unwrap();
    assert!(agreements::detail(&ctx, &officer, id).await.is_ok());
    assert!(matches!(
        agreements::detail(&ctx, &coordinator, id).await,
        Err(ServiceError::NotFound)
    ));
    let board = agreements::board(&ctx, &coordinator).await.unwrap();
    assert!(
        board
            .priorities
            .iter()
            .all(|p| p.agreements.iter().all(|a| a.id != id)),
        "not on the board for others"
    );
    // Outside the police nobody can choose it (a coordinator does not write for the team at
    // all: coordinators support the teams, they do not speak for them).
    input.client_id = "0b0c1d2e-0000-4000-8000-00000000a005".into();
    assert!(matches!(
        agreements::create(&ctx, &coordinator, &input).await,
        Err(ServiceError::Forbidden)
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn the_board_counts_promises_kept_by_the_date_first_agreed() {
    let now = Utc::now();
    let (db, _) = TestDb::demo(now).await;
    let clock = ManualClock::new(now);
    let ctx = Ctx::with_clock(db.store().await, clock.clone());
    let officer = in_team(&ctx, OFFICER, TEAM).await;
    let priority = first_open_priority(&ctx, &officer).await;
    let me = format!("person:{}", person_of(&ctx, OFFICER).await);
    let in_days = |n| {
        (now.date_naive() + Duration::days(n))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut ids = Vec::new();
    for (n, client) in ["a101", "a102", "a103"].iter().enumerate() {
        let mut input = new_input(
            priority,
            &me,
            &in_days(3),
            &format!("0b0c1d2e-0000-4000-8000-00000000{client}"),
        );
        input.agreement.what = format!("Afspraak {n}");
        ids.push(agreements::create(&ctx, &officer, &input).await.unwrap());
    }
    let change = |version: i32, state: &str, target: &str| ChangeInput {
        version: version.to_string(),
        state: state.into(),
        target: target.into(),
        note: "klaar".into(),
        public: false,
    };
    // The first is done in time; the second is moved a week later and then done (late by
    // the date first agreed); the third stays open.
    clock.advance(Duration::days(1));
    agreements::change(&ctx, &officer, ids[0], &change(1, "done", ""))
        .await
        .unwrap();
    agreements::change(&ctx, &officer, ids[1], &change(1, "", &in_days(10)))
        .await
        .unwrap();
    clock.advance(Duration::days(5));
    agreements::change(&ctx, &officer, ids[1], &change(2, "done", ""))
        .await
        .unwrap();
    // The demo's own agreements count too: the board's figure is theirs plus exactly these.
    let board = agreements::board(&ctx, &officer).await.unwrap();
    let others: Vec<_> = store::repo::agreements::of_team(ctx.store.conn(), officer.id())
        .await
        .unwrap()
        .into_iter()
        .filter(|a| !ids.contains(&a.id))
        .collect();
    let base = agreements::kept(&others, board.today);
    assert_eq!(
        (board.kept.kept, board.kept.due),
        (base.kept + 1, base.due + 3)
    );
    db.cleanup().await;
}

#[tokio::test]
async fn reminders_go_once_per_threshold_and_again_when_the_date_moves() {
    let now = Utc::now();
    let (db, _) = TestDb::demo(now).await;
    let clock = ManualClock::new(now);
    let ctx = Ctx::with_clock(db.store().await, clock.clone());
    let officer = in_team(&ctx, OFFICER, TEAM).await;
    let priority = first_open_priority(&ctx, &officer).await;
    let me = format!("person:{}", person_of(&ctx, OFFICER).await);
    let day = |n| {
        (now.date_naive() + Duration::days(n))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut input = new_input(
        priority,
        &me,
        &day(30),
        "0b0c1d2e-0000-4000-8000-00000000a201",
    );
    input.agreement.what = "Herinnering proberen".into();
    let id = agreements::create(&ctx, &officer, &input).await.unwrap();
    // The demo's own agreements have their reminders sent first.
    services::action::reminders::send_due(&ctx).await.unwrap();
    let about_it = || async {
        store::repo::mail::for_address(ctx.store.conn(), OFFICER)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.body.contains("Herinnering proberen"))
            .map(|m| m.subject)
            .collect::<Vec<_>>()
    };
    let run = || services::action::reminders::send_due(&ctx);
    assert!(about_it().await.is_empty(), "a month ahead: nothing");
    clock.advance(Duration::days(23));
    run().await.unwrap();
    assert_eq!(about_it().await.len(), 1, "a week before");
    assert!(
        about_it().await[0].contains("over 7 dagen"),
        "{:?}",
        about_it().await
    );
    run().await.unwrap();
    assert_eq!(about_it().await.len(), 1, "not twice");
    // The date moves a week: the week-before reminder goes again, then the day itself.
    let version = agreements::detail(&ctx, &officer, id)
        .await
        .unwrap()
        .agreement
        .version;
    agreements::change(
        &ctx,
        &officer,
        id,
        &ChangeInput {
            version: version.to_string(),
            target: day(37),
            ..ChangeInput::default()
        },
    )
    .await
    .unwrap();
    run().await.unwrap();
    assert_eq!(about_it().await.len(), 1, "a moved date is two weeks away");
    clock.advance(Duration::days(7));
    run().await.unwrap();
    assert_eq!(about_it().await.len(), 2);
    clock.advance(Duration::days(7));
    run().await.unwrap();
    run().await.unwrap();
    let subjects = about_it().await;
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert!(subjects.iter().any(|s| s.contains("vandaag klaar")));
    db.cleanup().await;
}
