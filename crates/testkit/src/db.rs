//! A fresh, empty database per test: a temporary SQLite file, or a new schema in the
//! PostgreSQL database named by `TEST_DATABASE_URL`.

use std::time::Duration;

use store::{Store, StoreOptions};

/// A database that exists for one test.
pub struct TestDb {
    /// The URL to connect to.
    pub url: String,
    /// The SQLite folder, removed on drop.
    dir: Option<tempfile::TempDir>,
    /// The PostgreSQL schema, with the base URL it lives in.
    pg_schema: Option<(String, String)>,
    /// The PostgreSQL database of this test alone (a template's copy), with the base URL of
    /// its server; dropped with the `TestDb`.
    pg_database: Option<(String, String)>,
}

impl TestDb {
    /// Creates the database, choosing the backend from `TEST_DATABASE_URL`.
    pub async fn new() -> TestDb {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(base) if !base.is_empty() => Self::postgres(&base).await,
            _ => Self::sqlite(),
        }
    }

    /// A SQLite file in a new temporary folder.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("test.sqlite").display()
        );
        TestDb {
            url,
            dir: Some(dir),
            pg_schema: None,
            pg_database: None,
        }
    }

    /// The database at `url`, which someone else made and removes.
    pub fn at(url: String) -> TestDb {
        TestDb {
            url,
            dir: None,
            pg_schema: None,
            pg_database: None,
        }
    }

    /// A new PostgreSQL database on the server of `base`, copied from the database
    /// `template`.
    pub async fn postgres_copy(base: &str, template: &str) -> TestDb {
        let name = format!("bt_{}", uuid::Uuid::new_v4().simple());
        let url = store::isolation::create_pg_database(base, &name, Some(template))
            .await
            .expect("copying a template database");
        TestDb {
            url,
            dir: None,
            pg_schema: None,
            pg_database: Some((base.to_owned(), name)),
        }
    }

    /// A fresh database holding the demo data as `load_demo` leaves it at `now` (copied from
    /// a template, see `template`), and what the load reported.
    pub async fn demo(now: chrono::DateTime<chrono::Utc>) -> (TestDb, services::demo::DemoSummary) {
        crate::template::demo_db(&crate::template::DemoSpec::at(now)).await
    }

    /// A new schema in the PostgreSQL database at `base`.
    pub async fn postgres(base: &str) -> TestDb {
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        let url = store::isolation::create_pg_schema(base, &schema)
            .await
            .expect("creating a test schema in TEST_DATABASE_URL");
        TestDb {
            url,
            dir: None,
            pg_schema: Some((base.to_owned(), schema)),
            pg_database: None,
        }
    }

    /// Whether this is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.pg_schema.is_some() || self.pg_database.is_some()
    }

    /// The SQLite folder (the `--data-dir` of a spawned binary), if SQLite.
    pub fn sqlite_dir(&self) -> Option<&std::path::Path> {
        self.dir.as_ref().map(tempfile::TempDir::path)
    }

    /// Connects and migrates.
    pub async fn store(&self) -> Store {
        let mut options = StoreOptions::new(self.url.clone());
        options.connect_timeout = Duration::from_secs(10);
        let store = Store::connect(&options)
            .await
            .expect("connecting to the test database");
        store.migrate().await.expect("migrating the test database");
        store
    }

    /// Drops the PostgreSQL schema (SQLite files go with their folder).
    pub async fn cleanup(&self) {
        if let Some((base, schema)) = &self.pg_schema {
            // Best effort: .ci/run recreates the whole test database anyway.
            let _ = store::isolation::drop_pg_schema(base, schema).await;
        }
    }
}

impl Drop for TestDb {
    /// Drops a copied PostgreSQL database (a schema is left to `.ci/run`, which recreates
    /// the test database; a copy is a database of its own and would outlive it). Runs on a
    /// thread of its own, since a drop cannot wait for a future.
    fn drop(&mut self) {
        let Some((base, name)) = self.pg_database.take() else {
            return;
        };
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(runtime) = runtime {
                let _ = runtime.block_on(store::isolation::drop_pg_database(&base, &name));
            }
        })
        .join();
    }
}
