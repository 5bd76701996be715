//! Importing addresses from BAG CSV files on a real database: all or nothing, every bad row
//! reported, no duplicates on a second run, placement by buurt code and by point.

use domain::address::AddressKey;
use domain::import::{Location, Problem};
use domain::{MunicipalityId, NeighbourhoodId, Slug};
use services::import::ImportProgress::{Checking, Done, Writing};
use services::import::{self, AddressImportReport, ImportOutcome};
use services::{Actor, Ctx, ServiceError};
use store::repo::{addresses, audit, boundaries, places};
use testkit::TestDb;

const HEADER: &str =
    "openbareruimte,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaats";

async fn with_demo() -> (TestDb, Ctx, MunicipalityId) {
    let (db, demo) = TestDb::demo(chrono::Utc::now()).await;
    let ctx = Ctx::new(db.store().await);
    (db, ctx, demo.municipality)
}

async fn import(ctx: &Ctx, text: &str) -> ImportOutcome<AddressImportReport> {
    import::import_addresses(ctx, &Actor::Cli, "maastricht", text.as_bytes())
        .await
        .unwrap()
}

fn key(postcode: &str, number: i64, letter: &str, addition: &str) -> AddressKey {
    AddressKey::from_columns(postcode, number, letter, addition).unwrap()
}

/// A file of `n` addresses on one fictional street.
fn file(n: u32) -> String {
    let rows: Vec<String> = (1..=n)
        .map(|i| format!("Teststraat,{i},,,9999ZZ,Maastricht"))
        .collect();
    format!("{HEADER}\n{}", rows.join("\n"))
}

async fn neighbourhood(ctx: &Ctx, m: MunicipalityId, slug: &str) -> NeighbourhoodId {
    let slug: Slug = slug.parse().unwrap();
    let refs = boundaries::neighbourhood_refs(ctx.store.conn(), m)
        .await
        .unwrap();
    refs.into_iter().find(|r| r.slug == slug).unwrap().id
}

#[tokio::test]
async fn a_file_with_bad_rows_imports_nothing_and_reports_every_one() {
    let (db, ctx, m) = with_demo().await;
    let before = addresses::count_addresses(ctx.store.conn(), m)
        .await
        .unwrap();
    let text = format!(
        "{HEADER}\nGoedestraat,1,,,9999ZZ,Maastricht\nGoedestraat,x,,,9999ZZ,Maastricht\n\
         Goedestraat,2,,,12,Maastricht\nGoedestraat,3,,,9999ZZ\nGoedestraat,1,,,9999 zz,Maastricht\n"
    );
    let outcome = import(&ctx, &text).await;
    let problems = outcome.rejected().expect("rejected");
    let lines: Vec<Location> = problems.iter().map(|p| p.at).collect();
    assert_eq!(
        lines,
        vec![
            Location::Line(3),
            Location::Line(4),
            Location::Line(5),
            Location::Line(6)
        ]
    );
    assert_eq!(problems[0].problems, vec![Problem::HouseNumber("x".into())]);
    assert_eq!(problems[1].problems, vec![Problem::Postcode("12".into())]);
    assert_eq!(problems[2].problems, vec![Problem::FieldCount { found: 5 }]);
    assert_eq!(
        problems[3].problems,
        vec![Problem::Duplicate { first_line: 2 }]
    );
    let conn = ctx.store.conn();
    assert_eq!(addresses::count_addresses(conn, m).await.unwrap(), before);
    let found = addresses::find_address(conn, m, &key("9999ZZ", 1, "", ""))
        .await
        .unwrap();
    assert_eq!(found, None, "not even the good row");
    let log = audit::latest_by_action(conn, "address.import", 5)
        .await
        .unwrap();
    assert!(log.is_empty());
    db.cleanup().await;
}

#[tokio::test]
async fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let (db, ctx, m) = with_demo().await;
    let conn = ctx.store.conn();
    let before = addresses::count_addresses(conn, m).await.unwrap();
    let text = format!(
        "{}\nTeststraat,12,a,,9999ZZ,Maastricht\nTeststraat,12,,bis,9999ZZ,Maastricht\n",
        file(300)
    );
    let first = import(&ctx, &text).await.imported().unwrap();
    assert_eq!(
        (first.rows, first.added, first.already_present),
        (302, 302, 0)
    );
    assert_eq!(first.streets_added, 1);
    assert_eq!(first.unplaced, 302, "no code, no point");
    let second = import(&ctx, &text).await.imported().unwrap();
    assert_eq!(
        (second.rows, second.added, second.already_present),
        (302, 0, 302)
    );
    assert_eq!(second.streets_added, 0);
    assert_eq!(
        addresses::count_addresses(conn, m).await.unwrap(),
        before + 302
    );
    let letter = addresses::find_address(conn, m, &key("9999ZZ", 12, "A", ""))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (letter.street.as_str(), letter.town.as_str()),
        ("Teststraat", "Maastricht")
    );
    assert!(!letter.is_demo);
    let log = audit::latest_by_action(conn, "address.import", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "each import is audited once");
    assert_eq!(log[1].detail.as_ref().unwrap()["added"], 302);
    assert_eq!(log[0].actor, "cli");
    db.cleanup().await;
}

#[tokio::test]
async fn files_that_are_not_address_csv_are_named() {
    let (db, ctx, _) = with_demo().await;
    let latin1 = [
        HEADER.as_bytes(),
        b"\nSint Pieter\xEBn,1,,,6221AB,Maastricht\n",
    ]
    .concat();
    let outcome = import::import_addresses(&ctx, &Actor::Cli, "maastricht", &latin1)
        .await
        .unwrap();
    let problems = outcome.rejected().unwrap();
    assert_eq!(problems[0].at, Location::File);
    assert_eq!(problems[0].problems, vec![Problem::NotUtf8 { line: 2 }]);

    let outcome = import(
        &ctx,
        "straat,huisnummer,postcode,woonplaats\nA,1,6221AB,Maastricht\n",
    )
    .await;
    let problems = outcome.rejected().unwrap();
    assert_eq!(problems[0].at, Location::Line(1));
    assert_eq!(
        problems[0].problems,
        vec![
            Problem::UnknownColumn("straat".into()),
            Problem::MissingColumn("openbareruimte")
        ]
    );
    let outcome = import(&ctx, r#"{"type":"FeatureCollection","features":[]}"#).await;
    assert_eq!(
        outcome.rejected().unwrap()[0].problems,
        vec![Problem::JsonNotCsv]
    );
    db.cleanup().await;
}

#[tokio::test]
async fn addresses_are_placed_by_buurt_code_first_then_by_point() {
    let (db, ctx, m) = with_demo().await;
    let conn = ctx.store.conn();
    let district = places::ensure_district(conn, m, &"noordoost".parse().unwrap(), "Noordoost")
        .await
        .unwrap();
    let nazareth = places::upsert_neighbourhood(
        conn,
        &places::NeighbourhoodInput {
            municipality: m,
            district,
            name: "Nazareth",
            slug: &"nazareth".parse().unwrap(),
            cbs_code: Some("BU09350201"),
            population: Some(3351),
        },
    )
    .await
    .unwrap();
    let limmel = neighbourhood(&ctx, m, "limmel").await;
    // Inside the demo outline of Limmel; the code of Nazareth wins over the point.
    let text = "openbareruimte;huisnummer;postcode;woonplaats;buurtcode;lat;lon\n\
                Puntweg;1;9998AA;Maastricht;;50,8720;5,7030\n\
                Puntweg;2;9998AA;Maastricht;BU09350201;50,8720;5,7030\n\
                Puntweg;3;9998AA;Maastricht;BU09359999;50,8720;5,7030\n\
                Puntweg;4;9998AA;Maastricht;;51,9000;5,7030\n";
    let report = import(&ctx, text).await.imported().unwrap();
    assert_eq!(
        (
            report.placed_by_code,
            report.placed_by_point,
            report.unplaced
        ),
        (1, 2, 1)
    );
    let placed = |n| async move {
        addresses::find_address(conn, m, &key("9998AA", n, "", ""))
            .await
            .unwrap()
            .unwrap()
            .neighbourhood
    };
    assert_eq!(placed(1).await, Some(limmel));
    assert_eq!(placed(2).await, Some(nazareth));
    assert_eq!(
        placed(3).await,
        Some(limmel),
        "an unknown code falls back to the point"
    );
    assert_eq!(placed(4).await, None);
    db.cleanup().await;
}

#[tokio::test]
async fn visitors_may_not_import_and_an_unknown_municipality_is_named() {
    let (db, ctx, _) = with_demo().await;
    let text = file(1);
    let err = import::import_addresses(&ctx, &Actor::Public, "maastricht", text.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::Forbidden), "{err:?}");
    let err = import::import_addresses(&ctx, &Actor::Cli, "atlantis", text.as_bytes())
        .await
        .unwrap_err();
    let ServiceError::Validation(fields) = err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].message_key, "error-municipality-unknown");
    let report = import::import_addresses(&ctx, &Actor::System, "maastricht", text.as_bytes())
        .await
        .unwrap()
        .imported()
        .unwrap();
    assert_eq!(report.added, 1);
    db.cleanup().await;
}

#[tokio::test]
async fn progress_is_reported_while_writing() {
    let (db, ctx, _) = with_demo().await;
    let seen = std::sync::Mutex::new(Vec::new());
    let text = file(12_000);
    import::import_addresses_with_progress(
        &ctx,
        &Actor::Cli,
        "maastricht",
        text.as_bytes(),
        &|p| seen.lock().unwrap().push(p),
    )
    .await
    .unwrap()
    .imported()
    .unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen,
        vec![
            Checking,
            Writing {
                done: 5_000,
                total: 12_000
            },
            Writing {
                done: 10_000,
                total: 12_000
            },
            Writing {
                done: 12_000,
                total: 12_000
            },
            Done
        ]
    );
    db.cleanup().await;
}
