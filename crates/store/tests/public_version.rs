//! The version of what public pages show (`store::repo::public_version`): every table is
//! known to matter to public pages or not, every change to one that does bumps the version
//! in its own transaction (and a rolled-back one does not), and only public concerns count.
//! On SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use store::repo::public_version::{self, OTHER_TABLES, PUBLIC_TABLES};
use store::{Store, Tx};
use testkit::TestDb;

async fn strings(store: &Store, sql: &str) -> Vec<Vec<String>> {
    let conn = store.conn();
    conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            (0..)
                .map_while(|i| row.try_get_by_index::<String>(i).ok())
                .collect()
        })
        .collect()
}

async fn version(store: &Store) -> i64 {
    public_version::current(store.conn()).await.unwrap()
}

async fn exec(tx: &Tx, sql: &str) {
    tx.execute_raw(Statement::from_string(tx.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Runs `sql` in a transaction of its own and commits it.
async fn committed(store: &Store, sql: &str) {
    let tx = store.begin_write().await.unwrap();
    exec(&tx, sql).await;
    tx.commit().await.unwrap();
}

async fn first_id(store: &Store, table: &str, filter: &str) -> Option<String> {
    strings(
        store,
        &format!("SELECT CAST(MIN(id) AS TEXT) FROM \"{table}\" WHERE {filter}"),
    )
    .await
    .into_iter()
    .next()
    .and_then(|row| row.into_iter().next())
}

#[tokio::test]
async fn every_table_is_public_or_not_and_every_public_one_has_its_triggers() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let postgres = store.conn().get_database_backend() == DbBackend::Postgres;
    let tables: BTreeSet<String> = strings(
        &store,
        if postgres {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        },
    )
    .await
    .into_iter()
    .map(|row| row[0].clone())
    .collect();
    let public: BTreeSet<String> = PUBLIC_TABLES.iter().map(|t| (*t).to_owned()).collect();
    let other: BTreeSet<String> = OTHER_TABLES.iter().map(|(t, _)| (*t).to_owned()).collect();
    assert!(
        public.is_disjoint(&other),
        "{:?}",
        public.intersection(&other)
    );
    let known: BTreeSet<String> = public.union(&other).cloned().collect();
    assert_eq!(
        tables, known,
        "a table a public page reads goes in PUBLIC_TABLES (with a trigger), any other in OTHER_TABLES"
    );

    // Every public table bumps on insert, update and delete.
    let triggers = strings(
        &store,
        if postgres {
            "SELECT CAST(event_object_table AS TEXT), \
             CAST(event_manipulation || ' ' || action_statement AS TEXT) \
             FROM information_schema.triggers WHERE trigger_schema = current_schema()"
        } else {
            "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        },
    )
    .await;
    for table in PUBLIC_TABLES {
        for event in ["INSERT", "UPDATE", "DELETE"] {
            assert!(
                triggers.iter().any(|t| t[0] == table
                    && t[1].contains(event)
                    && (t[1].contains("bump_public_version")
                        || t[1].contains("UPDATE public_version"))),
                "{table} has no trigger on {event}"
            );
        }
    }
    for (table, _) in OTHER_TABLES {
        assert!(
            !triggers.iter().any(|t| t[0] == table),
            "{table} is not public but has a trigger"
        );
    }
    db.cleanup().await;
}

#[tokio::test]
async fn a_change_to_any_public_table_bumps_the_version() {
    let now = chrono::Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let store = db.store().await;
    let postgres = store.conn().get_database_backend() == DbBackend::Postgres;

    // The demo's teams keep the default settings: a team that saves its own adds a row.
    let team: i64 = first_id(&store, "team", "1 = 1")
        .await
        .unwrap()
        .parse()
        .unwrap();
    let before = version(&store).await;
    let tx = store.begin_write().await.unwrap();
    store::repo::meetings::save_settings(
        &tx,
        demo.municipality,
        domain::TeamId(team),
        &domain::meeting::TeamSettings::default(),
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(version(&store).await > before, "a team's own settings");

    for table in PUBLIC_TABLES {
        let column = if postgres {
            strings(
                &store,
                &format!(
                    "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = '{table}' \
                     ORDER BY ordinal_position LIMIT 1"
                ),
            )
            .await
        } else {
            strings(
                &store,
                &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid LIMIT 1"),
            )
            .await
        }[0][0]
            .clone();
        let rows = strings(
            &store,
            &format!("SELECT CAST(COUNT(*) AS TEXT) FROM \"{table}\""),
        )
        .await[0][0]
            .parse::<u64>()
            .unwrap();
        assert!(rows > 0, "the demo has no {table}: nothing to change");
        let before = version(&store).await;
        // Changes nothing, yet is a write to every row: the version cannot know better.
        let filter = if table == "concern" {
            "WHERE sensitivity = 'public'"
        } else {
            ""
        };
        committed(
            &store,
            &format!("UPDATE \"{table}\" SET \"{column}\" = \"{column}\" {filter}"),
        )
        .await;
        assert!(version(&store).await > before, "an update of {table}");
    }
}

#[tokio::test]
async fn only_concerns_that_are_or_were_public_count() {
    let (db, _) = TestDb::demo(chrono::Utc::now()).await;
    let store = db.store().await;
    let team_only = first_id(&store, "concern", "sensitivity = 'team'")
        .await
        .expect("a team-only concern in the demo");
    let public = first_id(&store, "concern", "sensitivity = 'public'")
        .await
        .expect("a public concern in the demo");

    let before = version(&store).await;
    committed(
        &store,
        &format!("UPDATE concern SET status = 'on-agenda' WHERE id = {team_only}"),
    )
    .await;
    committed(
        &store,
        &format!("UPDATE concern SET sensitivity = 'police' WHERE id = {team_only}"),
    )
    .await;
    assert_eq!(
        version(&store).await,
        before,
        "never public: no public page shows it"
    );

    committed(
        &store,
        &format!("UPDATE concern SET sensitivity = 'public' WHERE id = {team_only}"),
    )
    .await;
    let made_public = version(&store).await;
    assert!(made_public > before, "made public");
    committed(
        &store,
        &format!("UPDATE concern SET status = 'on-agenda' WHERE id = {public}"),
    )
    .await;
    let status = version(&store).await;
    assert!(status > made_public, "a public concern's status");
    committed(
        &store,
        &format!("UPDATE concern SET sensitivity = 'team' WHERE id = {public}"),
    )
    .await;
    assert!(version(&store).await > status, "no longer public");
}

#[tokio::test]
async fn each_committed_change_counts_and_a_rolled_back_one_does_not() {
    let (db, _) = TestDb::demo(chrono::Utc::now()).await;
    let store = db.store().await;
    let postgres = store.conn().get_database_backend() == DbBackend::Postgres;
    let ids: Vec<String> = strings(&store, "SELECT CAST(id AS TEXT) FROM neighbourhood")
        .await
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert!(ids.len() >= 4, "the demo's neighbourhoods");

    let before = version(&store).await;
    let tx = store.begin_write().await.unwrap();
    exec(&tx, "UPDATE neighbourhood SET name = 'Nergens'").await;
    tx.rollback().await.unwrap();
    assert_eq!(version(&store).await, before, "rolled back");

    // Writers at the same moment, one row each: every commit counts once, none is lost
    // (on PostgreSQL they bump rows chosen at random, some of them the same).
    let writers: Vec<_> = ids
        .iter()
        .map(|id| {
            let store = store.clone();
            let sql = format!("UPDATE neighbourhood SET population = population WHERE id = {id}");
            tokio::spawn(async move { committed(&store, &sql).await })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    let after = version(&store).await;
    assert_eq!(after - before, i64::try_from(ids.len()).unwrap());

    // On PostgreSQL a transaction bumps once, at commit, however much it changes.
    if postgres {
        let tx = store.begin_write().await.unwrap();
        exec(&tx, "UPDATE neighbourhood SET name = name").await;
        exec(&tx, "UPDATE team SET name = name").await;
        assert_eq!(
            version(&store).await,
            after,
            "not before the commit (another connection reads)"
        );
        tx.commit().await.unwrap();
        assert_eq!(version(&store).await, after + 1);
    }
}
