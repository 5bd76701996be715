//! The demo data set on a real database: complete, and unchanged by a second load.

use domain::PageRequest;
use services::{Actor, demo};
use store::repo::{audit, orgs, places, teams};
use testkit::TestDb;

#[tokio::test]
async fn loading_twice_changes_nothing_but_the_audit_log() {
    let db = TestDb::new().await;
    let ctx = services::Ctx::new(db.store().await);
    let first = demo::load_demo(&ctx, &Actor::Cli).await.unwrap();
    let second = demo::load_demo(&ctx, &Actor::Cli).await.unwrap();
    assert_eq!(first, second);

    let conn = ctx.store.conn();
    assert_eq!(places::count_neighbourhoods(conn).await.unwrap(), 4);
    assert_eq!(
        teams::count_teams(conn, first.municipality).await.unwrap(),
        3
    );
    let organisations = orgs::list_organisations(conn, first.municipality)
        .await
        .unwrap();
    let names: Vec<&str> = organisations.iter().map(|(_, n, _)| n.as_str()).collect();
    for expected in [
        "Gemeente Maastricht",
        "Politie Limburg-Zuid",
        "Trajekt",
        "Servatius",
        "Woonpunt",
        "Maasvallei",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }

    let page = places::list_neighbourhoods(conn, &PageRequest::first(10))
        .await
        .unwrap();
    let total: u32 = page.items.iter().filter_map(|n| n.population).sum();
    assert_eq!(total, 14_913);
    let limmel = page.items.iter().find(|n| n.name == "Limmel").unwrap();
    assert_eq!(limmel.teams[0].1, "Limmel & Nazareth");
    assert_eq!(limmel.district_name, "Noordoost");

    let log = audit::latest_by_action(conn, "demo.load", 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "each load is audited");
    assert_eq!(log[0].actor, "cli");
    db.cleanup().await;
}
