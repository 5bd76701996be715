//! The store against real databases: migrations, schema-version guard, SQLite settings and
//! the clear errors an operator sees. Runs on SQLite, and on PostgreSQL when
//! `TEST_DATABASE_URL` is set.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Statement};
use store::{Backend, DbError, Store, StoreOptions};
use testkit::TestDb;

#[tokio::test]
async fn migrate_is_idempotent() {
    let db = TestDb::new().await;
    let store = db.store().await;
    assert_eq!(
        store.migrate().await.unwrap(),
        0,
        "second run applies nothing"
    );
    store.check_schema().await.unwrap();
    assert_eq!(store.backend() == Backend::Postgres, db.is_postgres());
    db.cleanup().await;
}

#[tokio::test]
async fn refuses_a_schema_newer_than_the_binary() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let backend = store.conn().get_database_backend();
    let sql =
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_future', 0)";
    store
        .conn()
        .execute_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    let err = store.migrate().await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, DbError::SchemaTooNew { .. }), "{err:?}");
    assert!(
        msg.contains("m20991231_000001_future") && msg.contains("newer"),
        "{msg}"
    );
    assert!(matches!(
        store.check_schema().await,
        Err(DbError::SchemaTooNew { .. })
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn sqlite_runs_with_wal_full_sync_foreign_keys_and_busy_timeout() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    let read = |p: &'static str| store::connect::sqlite_pragma(store.conn(), p);
    assert_eq!(read("journal_mode").await.unwrap(), "wal");
    assert_eq!(read("synchronous").await.unwrap(), "2");
    assert_eq!(read("foreign_keys").await.unwrap(), "1");
    assert_eq!(read("busy_timeout").await.unwrap(), "5000");
}

#[tokio::test]
async fn a_corrupt_sqlite_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("buurtagenda.sqlite");
    std::fs::write(&file, vec![0x42; 8192]).unwrap();
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let err = Store::connect(&StoreOptions::new(url)).await.unwrap_err();
    assert!(matches!(err, DbError::CorruptDatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("buurtagenda.sqlite"), "{err}");
}

#[tokio::test]
async fn an_unwritable_data_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let url = format!("sqlite://{}/sub/db.sqlite?mode=rwc", blocker.display());
    let err = Store::connect(&StoreOptions::new(url)).await.unwrap_err();
    assert!(matches!(err, DbError::DataDirUnwritable { .. }), "{err:?}");
    assert!(err.to_string().contains("a-file/sub"), "{err}");
}

#[tokio::test]
async fn unreachable_postgres_fails_fast_without_the_password() {
    let mut options = StoreOptions::new("postgres://app:hunter2@127.0.0.1:1/ba");
    options.connect_timeout = Duration::from_secs(3);
    let started = Instant::now();
    let err = Store::connect(&options).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    let msg = err.to_string();
    assert!(msg.contains("127.0.0.1:1"), "{msg}");
    assert!(!msg.contains("hunter2"), "{msg}");
}

#[tokio::test]
async fn unsupported_urls_are_refused() {
    let err = Store::connect(&StoreOptions::new("mysql://u:pw@h/db"))
        .await
        .unwrap_err();
    assert!(matches!(err, DbError::UnsupportedUrl(_)));
    assert!(!err.to_string().contains("pw@"));
}
