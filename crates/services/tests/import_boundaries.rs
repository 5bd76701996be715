//! Neighbourhood boundaries from GeoJSON on a real database, and the demo's boundaries and
//! addresses: complete, placed, and not duplicated by a second load.

use std::collections::HashMap;

use domain::boundary::GeoPoint;
use domain::import::{Location, Problem};
use domain::{MunicipalityId, NeighbourhoodId};
use services::import::{self, BoundaryReport, ImportOutcome};
use services::{Actor, Ctx, demo};
use store::repo::{addresses, audit, boundaries};
use testkit::TestDb;

async fn with_demo() -> (TestDb, Ctx, MunicipalityId) {
    let (db, demo) = TestDb::demo(chrono::Utc::now()).await;
    let ctx = Ctx::new(db.store().await);
    (db, ctx, demo.municipality)
}

async fn ids(ctx: &Ctx, m: MunicipalityId) -> HashMap<String, NeighbourhoodId> {
    boundaries::neighbourhood_refs(ctx.store.conn(), m)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.slug.as_str().to_owned(), r.id))
        .collect()
}

async fn set(ctx: &Ctx, text: &str) -> ImportOutcome<BoundaryReport> {
    import::set_boundaries(ctx, &Actor::Cli, "maastricht", text.as_bytes())
        .await
        .unwrap()
}

/// A square feature of side 0.004 degree with its south-west corner at (lon, lat).
fn square(properties: &str, lon: f64, lat: f64) -> String {
    let (e, n) = (lon + 0.004, lat + 0.004);
    format!(
        r#"{{"type":"Feature","properties":{properties},"geometry":{{"type":"Polygon",
        "coordinates":[[[{lon},{lat}],[{e},{lat}],[{e},{n}],[{lon},{n}],[{lon},{lat}]]]}}}}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

#[tokio::test]
async fn the_demo_has_boundaries_and_one_address_per_two_residents() {
    let (db, ctx, m) = with_demo().await;
    let conn = ctx.store.conn();
    let ids = ids(&ctx, m).await;
    let stored = boundaries::boundaries(conn, m).await.unwrap();
    assert_eq!(stored.len(), 4);
    assert!(stored.iter().all(|b| b.is_demo));
    let counts = addresses::count_by_neighbourhood(conn, m).await.unwrap();
    for (slug, residents) in [
        ("limmel", 2116),
        ("nazareth", 3351),
        ("wittevrouwenveld", 5455),
        ("wyckerpoort", 3991),
    ] {
        let count = counts.get(&Some(ids[slug])).copied().unwrap_or(0);
        assert_eq!(count, u64::from(u32::div_ceil(residents, 2)), "{slug}");
    }
    assert_eq!(counts.get(&None), None, "every demo address is placed");
    // Every demo address lies inside the boundary of its own neighbourhood.
    let outline: HashMap<_, _> = stored
        .iter()
        .map(|b| (b.neighbourhood, &b.boundary))
        .collect();
    for a in addresses::with_points(conn, m).await.unwrap() {
        assert!(outline[&a.neighbourhood.unwrap()].contains(a.point));
    }
    demo::load_demo(&ctx, &Actor::Cli).await.unwrap();
    assert_eq!(addresses::count_addresses(conn, m).await.unwrap(), 7_458);
    db.cleanup().await;
}

#[tokio::test]
async fn new_boundaries_replace_the_demo_ones_and_addresses_follow() {
    let (db, ctx, m) = with_demo().await;
    let conn = ctx.store.conn();
    let ids = ids(&ctx, m).await;
    // A small Limmel: most of its demo addresses now lie outside every neighbourhood.
    let text = collection(&[square(r#"{"slug":"limmel"}"#, 5.700, 50.868)]);
    let report = set(&ctx, &text).await.imported().unwrap();
    assert_eq!(report.boundaries, 1);
    let counts = addresses::count_by_neighbourhood(conn, m).await.unwrap();
    let limmel = counts.get(&Some(ids["limmel"])).copied().unwrap_or(0);
    let outside = counts.get(&None).copied().unwrap_or(0);
    assert!(limmel < 1_058 && limmel > 0, "{limmel}");
    assert_eq!(limmel + outside, 1_058);
    assert_eq!(report.addresses_moved, usize::try_from(outside).unwrap());
    let stored = boundaries::boundaries(conn, m).await.unwrap();
    let limmel_boundary = stored
        .iter()
        .find(|b| b.neighbourhood == ids["limmel"])
        .unwrap();
    assert!(!limmel_boundary.is_demo);
    assert!(limmel_boundary.boundary.contains(GeoPoint {
        lat: 50.870,
        lon: 5.702
    }));
    let log = audit::latest_by_action(conn, "boundary.import", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].detail.as_ref().unwrap()["boundaries"], 1);
    // Loading the demo again does not put the approximate outline back.
    demo::load_demo(&ctx, &Actor::Cli).await.unwrap();
    let again = boundaries::boundaries(conn, m).await.unwrap();
    assert!(
        !again
            .iter()
            .find(|b| b.neighbourhood == ids["limmel"])
            .unwrap()
            .is_demo
    );
    db.cleanup().await;
}

#[tokio::test]
async fn a_file_with_bad_features_changes_nothing_and_names_each() {
    let (db, ctx, m) = with_demo().await;
    let bowtie = r#"{"type":"Feature","properties":{"slug":"wyckerpoort"},"geometry":{"type":"Polygon",
        "coordinates":[[[5.70,50.85],[5.71,50.86],[5.71,50.85],[5.70,50.86],[5.70,50.85]]]}}"#;
    let text = collection(&[
        square(r#"{"slug":"limmel"}"#, 5.700, 50.868),
        square(r#"{"slug":"atlantis"}"#, 5.700, 50.868),
        bowtie.to_owned(),
        square(r#"{"buurtcode":"BU09350201"}"#, 5.700, 50.868),
    ]);
    let outcome = set(&ctx, &text).await;
    let problems = outcome.rejected().unwrap();
    assert_eq!(
        problems.iter().map(|p| p.at).collect::<Vec<_>>(),
        vec![
            Location::Feature(2),
            Location::Feature(3),
            Location::Feature(4)
        ]
    );
    assert_eq!(
        problems[0].problems,
        vec![Problem::UnknownNeighbourhood("atlantis".into())]
    );
    assert_eq!(problems[1].problems, vec![Problem::SelfIntersection]);
    assert_eq!(
        problems[2].problems,
        vec![Problem::UnknownNeighbourhood("BU09350201".into())]
    );
    let stored = boundaries::boundaries(ctx.store.conn(), m).await.unwrap();
    assert!(stored.iter().all(|b| b.is_demo), "nothing replaced");

    let csv = set(&ctx, "openbareruimte,huisnummer\n").await;
    assert_eq!(
        csv.rejected().unwrap()[0].problems,
        vec![Problem::NotJson { line: 1 }]
    );
    db.cleanup().await;
}
