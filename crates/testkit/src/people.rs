//! The demo's people as tests need them: an account as a services `Actor`, and an account
//! for a demo team's member who has none.

use services::demo::DEMO_PASSWORD;
use services::{Actor, Ctx, accounts};

/// The account with `email` as it acts in services (roles and memberships loaded).
pub async fn actor(ctx: &Ctx, email: &str) -> Actor {
    let email = email.parse().expect("an e-mail address");
    let account = store::repo::accounts::find_by_email(ctx.store.conn(), &email)
        .await
        .unwrap()
        .expect("the account exists");
    let principal = accounts::principal(ctx, account.id)
        .await
        .unwrap()
        .expect("the account is enabled");
    Actor::User(Box::new(principal))
}

/// The account with `email` in its municipality's team `team`, as a checked scope (panics
/// when the account may not see the team).
pub async fn in_team(ctx: &Ctx, email: &str, team: &str) -> services::TeamScope {
    let actor = actor(ctx, email).await;
    let m = actor.signed_in().expect("an account").municipality;
    services::TeamScope::enter(ctx, &actor, m, team)
        .await
        .expect("the account may see the team")
}

/// The account with `email` in the group `level` steps up its municipality's escalation
/// ladder (1: the project group, 2: the steering group in the demo), as a checked scope
/// (panics when the account may not see the group).
pub async fn in_group(ctx: &Ctx, email: &str, level: usize) -> services::GroupScope {
    let actor = actor(ctx, email).await;
    let m = actor.signed_in().expect("an account").municipality;
    let ladder = services::action::escalations::ladder(ctx, m).await.unwrap();
    let group = ladder.0[level - 1];
    services::GroupScope::enter(ctx, &actor, m, group)
        .await
        .expect("the account may see the group")
}

/// Gives `name` an account (`email`, the demo password, role team member) and makes the
/// account's person a member of the demo team `team`; returns the team's key and name.
pub async fn team_member_account(
    ctx: &Ctx,
    email: &str,
    name: &str,
    team: &str,
) -> (domain::TeamId, String) {
    let new = accounts::NewAccount {
        municipality: "maastricht".into(),
        email: email.into(),
        name: name.into(),
        role: "team-member".into(),
        function: "community-worker".into(),
        password: DEMO_PASSWORD.into(),
    };
    let id = accounts::create_account(ctx, &Actor::Cli, &new)
        .await
        .unwrap();
    let conn = ctx.store.conn();
    let account = store::repo::accounts::find(conn, id)
        .await
        .unwrap()
        .unwrap();
    let team = store::repo::teams::team_detail(conn, account.municipality, &team.parse().unwrap())
        .await
        .unwrap()
        .expect("the demo team");
    store::repo::teams::add_member(conn, team.id, account.person)
        .await
        .unwrap();
    (team.id, team.name)
}
