//! The meeting on a real database (SQLite, and PostgreSQL with `TEST_DATABASE_URL`): the
//! demo's published priorities are exactly table 3 of the report; one code stores one ballot
//! however many submit it at once; a closed meeting refuses ballots; the paper count needs a
//! second facilitator and a reason to correct, and blocks publishing while it waits.

use std::collections::BTreeMap;

use chrono::Utc;
use domain::meeting::{MeetingState, PlanInput};
use services::meeting::count::{self, PaperInput};
use services::meeting::publish::{self, PublishInput};
use services::meeting::{plan, public, vote};
use services::{Ctx, ManualClock, ServiceError, TeamScope};
use testkit::TestDb;

const TEAM: &str = "wittevrouwenveld";

/// The account with `email` in the team.
async fn actor(ctx: &Ctx, email: &str) -> TeamScope {
    testkit::people::in_team(ctx, email, TEAM).await
}

fn key(err: &ServiceError) -> &'static str {
    match err {
        ServiceError::Validation(fields) => fields[0].message_key,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn demo_ctx() -> (TestDb, Ctx, domain::MunicipalityId) {
    let now = Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let ctx = Ctx::with_clock(db.store().await, ManualClock::new(now));
    (db, ctx, demo.municipality)
}

#[tokio::test]
async fn the_demo_publishes_exactly_the_priorities_of_the_report() {
    let (db, ctx, m) = demo_ctx().await;
    let expected = include_str!("../src/demo/priorities-nov2010-apr2011.csv");
    let mut want: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
    for line in expected.lines().skip(1) {
        let cols: Vec<&str> = line.splitn(4, ',').collect();
        want.entry((cols[0].to_owned(), cols[1].parse().unwrap()))
            .or_default()
            .push(cols[3].to_owned());
    }
    let mut got: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
    for slug in ["wyckerpoort", "limmel-nazareth", "wittevrouwenveld"] {
        let team = store::repo::teams::team_detail(ctx.store.conn(), m, &slug.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        let agenda = public::team_agenda(&ctx, team.id, &team.name)
            .await
            .unwrap();
        assert_eq!(agenda.past.len(), 3, "{slug}: three published meetings");
        for past in &agenda.past {
            let mut chosen: Vec<_> = past.ballot.iter().filter(|b| b.chosen).collect();
            chosen.sort_by_key(|b| (b.rank, b.position));
            got.insert(
                (team.name.clone(), past.cycle_number),
                chosen.iter().map(|b| b.title.clone()).collect(),
            );
            let meeting = &past.meeting;
            assert!(meeting.attendees.unwrap() >= 17);
            assert!(
                meeting.phone_voters.unwrap() > 0,
                "{slug}: phones voted too"
            );
            assert_eq!(meeting.export_hash.as_ref().unwrap().len(), 64);
        }
        // The current priorities are the last meeting's; the next meeting is planned.
        let current: Vec<&str> = agenda
            .current
            .iter()
            .map(|p| p.priority.title.as_str())
            .collect();
        assert_eq!(current, want[&(team.name.clone(), 3)], "{slug}");
        assert!(agenda.current.iter().all(|p| !p.continues));
        let next = agenda.next.expect("a planned meeting");
        assert_eq!(next.state, MeetingState::Planned);
        assert!(next.starts_at > ctx.clock.now());
    }
    assert_eq!(got, want);
    // The meeting of 160 on burglary.
    db.cleanup().await;
}

/// Opens the team's planned meeting now and returns the ballot's item ids.
async fn open_now(ctx: &Ctx, who: &TeamScope) -> Vec<domain::BallotItemId> {
    let page = plan::page(ctx, who).await.unwrap();
    assert_eq!(page.meeting.as_ref().unwrap().state, MeetingState::Planned);
    assert!(!page.agenda.is_empty(), "the long list carried over");
    let form = plan::plan_form(ctx, who).await.unwrap().input;
    plan::plan(ctx, who, &PlanInput { ..form }).await.unwrap();
    plan::open(ctx, who).await.unwrap();
    plan::page(ctx, who)
        .await
        .unwrap()
        .ballot
        .iter()
        .map(|b| b.id)
        .collect()
}

#[tokio::test]
async fn fifty_submissions_of_one_code_store_one_ballot_and_a_closed_meeting_refuses() {
    let (db, ctx, _) = demo_ctx().await;
    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    let items = open_now(&ctx, &coordinator).await;
    let codes = plan::issue_codes(&ctx, &coordinator, "3").await.unwrap();
    let code = codes[0].to_string();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (ctx, code, choice) = (ctx.clone(), code.clone(), vec![items[0]]);
        tasks.push(tokio::spawn(async move {
            vote::cast(&ctx, &code, &choice).await
        }));
    }
    let mut stored = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(()) => stored += 1,
            Err(e) => assert_eq!(key(&e), "error-vote-code-used"),
        }
    }
    assert_eq!(stored, 1, "exactly one ballot for one code");
    let live = count::live(&ctx, &coordinator).await.unwrap();
    assert_eq!(live.phone_voters, 1);
    assert_eq!(live.items[0].1.phone, 1);

    // Typing forgives case and spaces; too many choices keep the code usable.
    let second = codes[1].to_string().to_lowercase().replace('-', " ");
    let too_many: Vec<domain::BallotItemId> = items.iter().copied().cycle().take(4).collect();
    let refused = vote::cast(&ctx, &second, &too_many).await.unwrap_err();
    assert_eq!(key(&refused), "error-vote-too-many");
    vote::cast(&ctx, &second, &[items[0]]).await.unwrap();
    let wrong = vote::cast(&ctx, "AAAAA-AAAAA", &[items[0]])
        .await
        .unwrap_err();
    assert_eq!(key(&wrong), vote::UNKNOWN_CODE);

    count::close(&ctx, &coordinator).await.unwrap();
    let closed = vote::cast(&ctx, &codes[2].to_string(), &[items[0]])
        .await
        .unwrap_err();
    assert_eq!(key(&closed), "error-vote-closed");
    assert_eq!(
        count::live(&ctx, &coordinator).await.unwrap().phone_voters,
        2
    );
    db.cleanup().await;
}

#[tokio::test]
async fn a_paper_count_needs_a_second_facilitator_and_a_reason_to_change() {
    let (db, ctx, m) = demo_ctx().await;
    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    let admin = actor(&ctx, "beheer@demo.buurtagenda.nl").await;
    let items = open_now(&ctx, &coordinator).await;
    let count_of = |attendees: &str, first: &str| PaperInput {
        attendees: attendees.into(),
        stickers: [(items[0], first.to_owned())].into_iter().collect(),
        reason: String::new(),
    };
    // 10 people, one sticker each per item: 11 on one item is impossible.
    let impossible = count::enter_paper(&ctx, &coordinator, &count_of("10", "11"))
        .await
        .unwrap_err();
    assert_eq!(key(&impossible), "error-paper-item-over-attendees");
    count::enter_paper(&ctx, &coordinator, &count_of("10", "7"))
        .await
        .unwrap();
    let own = count::confirm_paper(&ctx, &coordinator, 1)
        .await
        .unwrap_err();
    assert_eq!(key(&own), "error-paper-own");
    count::confirm_paper(&ctx, &admin, 1).await.unwrap();
    let no_reason = count::enter_paper(&ctx, &admin, &count_of("10", "8"))
        .await
        .unwrap_err();
    assert_eq!(key(&no_reason), "error-paper-reason");
    let correction = PaperInput {
        reason: "Eén vel over het hoofd gezien".into(),
        ..count_of("10", "8")
    };
    count::enter_paper(&ctx, &admin, &correction).await.unwrap();
    // The confirmed count still counts until the correction is confirmed.
    let live = count::live(&ctx, &coordinator).await.unwrap();
    assert_eq!(live.items[0].1.paper, 7);
    assert!(live.paper_waiting);
    count::close(&ctx, &coordinator).await.unwrap();
    let waiting = publish::publish(&ctx, &coordinator, &PublishInput::default())
        .await
        .unwrap_err();
    assert_eq!(key(&waiting), "error-publish-paper-waiting");
    count::confirm_paper(&ctx, &coordinator, 2).await.unwrap();
    let result = publish::result(&ctx, &coordinator).await.unwrap();
    assert_eq!(result.rows[0].count.paper, 8);
    assert_eq!(result.attendees, 10);
    publish::publish(&ctx, &coordinator, &PublishInput::default())
        .await
        .unwrap();
    let page = plan::page(&ctx, &coordinator).await.unwrap();
    assert_eq!(page.cycle.number, 5, "publishing started the next cycle");
    assert!(page.meeting.is_none());
    // Demo cycle 3's priorities were not marked done, so they continue.
    let team = store::repo::teams::team_detail(ctx.store.conn(), m, &TEAM.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let agenda = public::team_agenda(&ctx, team.id, &team.name)
        .await
        .unwrap();
    assert_eq!(agenda.past.len(), 4);
    assert!(agenda.current.iter().any(|p| p.continues));
    assert_eq!(agenda.current[0].priority.title, result.rows[0].item.title);
    db.cleanup().await;
}
