//! The checked scopes on a real database (SQLite, and PostgreSQL with `TEST_DATABASE_URL`):
//! who may enter a team or a group, what the scope then allows, and that a team of another
//! municipality or an unknown one does not exist for the visitor.

use chrono::Utc;
use domain::access::{Action, GroupKind};
use services::{Actor, Ctx, GroupScope, ManualClock, ServiceError, TeamScope};
use testkit::TestDb;
use testkit::people::actor;

const TEAM: &str = "wyckerpoort";

async fn demo() -> (TestDb, Ctx, domain::MunicipalityId) {
    let now = Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let ctx = Ctx::with_clock(db.store().await, ManualClock::new(now));
    (db, ctx, demo.municipality)
}

async fn enter(
    ctx: &Ctx,
    email: &str,
    m: domain::MunicipalityId,
) -> Result<TeamScope, ServiceError> {
    TeamScope::enter(ctx, &actor(ctx, email).await, m, TEAM).await
}

#[tokio::test]
async fn a_team_is_entered_once_and_the_scope_answers_what_its_actor_may_do() {
    let (db, ctx, m) = demo().await;
    let officer = enter(&ctx, "wijkagent@demo.buurtagenda.nl", m)
        .await
        .unwrap();
    assert_eq!(officer.team().slug.as_str(), TEAM);
    assert_eq!(officer.municipality(), m);
    assert!(officer.may(Action::EditTeam) && officer.may(Action::PrepareAgenda));
    assert!(!officer.may(Action::ManageStructure));

    // The project group oversees every team: it sees the records but does not speak for
    // the team.
    let overseer = enter(&ctx, "projectgroep@demo.buurtagenda.nl", m)
        .await
        .unwrap();
    assert!(overseer.may(Action::ViewTeamInternal));
    assert!(!overseer.may(Action::EditTeam));
    assert!(matches!(
        overseer.require(Action::EditTeam),
        Err(ServiceError::Forbidden)
    ));
    let input = services::inventory::capture::Capture {
        placed: services::inventory::Placed::default(),
        contact: services::inventory::ContactInput::default(),
    };
    assert!(matches!(
        services::inventory::capture::capture(&ctx, &overseer, &input).await,
        Err(ServiceError::Forbidden)
    ));

    // A department contact works on requests, not inside teams.
    assert!(matches!(
        enter(&ctx, "verkeer@demo.buurtagenda.nl", m).await,
        Err(ServiceError::Forbidden)
    ));
    // Nobody acts without an account.
    assert!(matches!(
        TeamScope::enter(&ctx, &Actor::Public, m, TEAM).await,
        Err(ServiceError::Forbidden)
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn an_unknown_team_or_one_of_another_municipality_is_not_found() {
    let (db, ctx, m) = demo().await;
    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    for slug in ["nergens", "", "../beheer", "WYCKERPOORT\0"] {
        assert!(
            matches!(
                TeamScope::enter(&ctx, &coordinator, m, slug).await,
                Err(ServiceError::NotFound)
            ),
            "{slug:?}"
        );
    }
    // The same slug in another municipality: the team is not there.
    let other = store::repo::places::ensure_municipality(
        ctx.store.conn(),
        &"heerlen".parse().unwrap(),
        "Heerlen",
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        TeamScope::enter(&ctx, &coordinator, other, TEAM).await,
        Err(ServiceError::NotFound)
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn a_group_is_entered_by_its_members_and_those_who_oversee() {
    let (db, ctx, m) = demo().await;
    let groups = store::repo::groups::groups(ctx.store.conn(), m)
        .await
        .unwrap();
    let project = groups
        .iter()
        .find(|g| g.kind == GroupKind::ProjectGroup)
        .unwrap()
        .id;
    let member = actor(&ctx, "projectgroep@demo.buurtagenda.nl").await;
    let scope = GroupScope::enter(&ctx, &member, m, project).await.unwrap();
    assert_eq!(scope.group().id, project);
    assert!(scope.may(Action::EditGroup));
    // A coordinator sees every group's records but edits none.
    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    let seen = GroupScope::enter(&ctx, &coordinator, m, project)
        .await
        .unwrap();
    assert!(!seen.may(Action::EditGroup));
    // A team member has no business in the groups; an unknown group does not exist.
    let officer = actor(&ctx, "wijkagent@demo.buurtagenda.nl").await;
    assert!(matches!(
        GroupScope::enter(&ctx, &officer, m, project).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        GroupScope::enter(&ctx, &member, m, domain::GroupId(i64::MAX)).await,
        Err(ServiceError::NotFound)
    ));
    db.cleanup().await;
}
