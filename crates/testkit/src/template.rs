//! The demo data as a template: built once per test binary, hour and backend (migrating and
//! loading the demo takes seconds; copying it takes milliseconds), then copied for every test
//! that asks for it.
//!
//! A template is keyed by what changes its contents: the build (nextest's run id, which every
//! test binary of one run shares; without nextest the test binary's size and time, so a
//! rebuilt binary builds anew), the backend, the hour of the clock the demo is loaded on (the
//! demo plans its current cycle around "today" and dates its concerns back from "now"), and
//! the roles that must use a second factor (they decide which demo accounts get one). Test
//! processes take turns building it: a file lock for SQLite, an advisory lock on the server
//! for PostgreSQL. SQLite templates live in the system's temporary folder and are swept after
//! a day; PostgreSQL templates are databases named `btpl_<key>` (`.ci/run` drops them with
//! the test database).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Timelike, Utc};
use domain::MunicipalityId;
use domain::access::Role;
use services::demo::DemoSummary;
use services::{Actor, Ctx, FixedClock};
use store::isolation;

use crate::db::TestDb;

/// How the demo is loaded: on which clock and with which roles required to use a code.
#[derive(Clone, Debug)]
pub struct DemoSpec {
    /// The services' time while loading.
    pub now: DateTime<Utc>,
    /// `Ctx::with_totp_required_roles`, when not the default.
    pub totp_required_roles: Option<Vec<Role>>,
}

impl DemoSpec {
    /// The demo loaded at `now` with the default roles.
    pub fn at(now: DateTime<Utc>) -> Self {
        DemoSpec {
            now,
            totp_required_roles: None,
        }
    }

    /// The template's key for `backend`.
    fn key(&self, backend: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        backend.hash(&mut hasher);
        match std::env::var("NEXTEST_RUN_ID") {
            Ok(run) => run.hash(&mut hasher),
            Err(_) => exe_identity().hash(&mut hasher),
        }
        self.now
            .with_minute(0)
            .and_then(|t| t.with_second(0))
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(self.now)
            .timestamp()
            .hash(&mut hasher);
        format!("{:?}", self.totp_required_roles).hash(&mut hasher);
        hasher.finish()
    }

    /// A context on `store` as the demo is loaded with.
    fn ctx(&self, store: store::Store) -> Ctx {
        let ctx = Ctx::with_clock(store, FixedClock(self.now));
        match &self.totp_required_roles {
            Some(roles) => ctx.with_totp_required_roles(roles),
            None => ctx,
        }
    }
}

/// The running test binary's size and modification time.
fn exe_identity() -> (u64, u128) {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (m.len(), modified)
        })
        .unwrap_or_default()
}

/// A fresh database holding the demo as `spec` loads it, and what the load reported.
pub async fn demo_db(spec: &DemoSpec) -> (TestDb, DemoSummary) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => postgres(&base, spec).await,
        _ => sqlite(spec).await,
    }
}

/// The folder of the SQLite templates.
fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join("buurtagenda-test-templates");
    std::fs::create_dir_all(&dir).expect("the templates' folder");
    dir
}

async fn sqlite(spec: &DemoSpec) -> (TestDb, DemoSummary) {
    let dir = folder();
    let key = format!("{:016x}", spec.key("sqlite"));
    let file = dir.join(format!("{key}.sqlite"));
    let summary_file = dir.join(format!("{key}.summary"));
    let lock = std::fs::File::create(dir.join(format!("{key}.lock"))).expect("a lock file");
    let lock = tokio::task::spawn_blocking(move || {
        lock.lock().expect("locking the template");
        lock
    })
    .await
    .expect("the lock task");
    if !(file.exists() && summary_file.exists()) {
        sweep(&dir);
        let building = TestDb::sqlite();
        let store = building.store().await;
        let summary = load(spec, store.clone()).await;
        let partial = dir.join(format!("{key}.partial"));
        let _ = std::fs::remove_file(&partial);
        isolation::sqlite_copy_into(&store, &partial)
            .await
            .expect("copying the template");
        store.close().await.expect("closing the template");
        std::fs::rename(&partial, &file).expect("publishing the template");
        write_summary(&summary_file, &summary);
    }
    drop(lock);
    let db = TestDb::sqlite();
    let path = db
        .sqlite_dir()
        .expect("a SQLite folder")
        .join("test.sqlite");
    std::fs::copy(&file, path).expect("copying the template");
    (db, read_summary(&summary_file))
}

async fn postgres(base: &str, spec: &DemoSpec) -> (TestDb, DemoSummary) {
    let key = spec.key(base);
    let name = format!("btpl_{key:016x}");
    let summary_file = folder().join(format!("{name}.summary"));
    #[expect(clippy::cast_possible_wrap, reason = "any 64 bits make a lock key")]
    let lock = isolation::PgLock::acquire(base, key as i64)
        .await
        .expect("the template lock");
    let exists = isolation::pg_database_exists(base, &name)
        .await
        .expect("looking for the template");
    if !(exists && summary_file.exists()) {
        let building = format!("btplb_{key:016x}");
        for stale in [&name, &building] {
            isolation::drop_pg_database(base, stale)
                .await
                .expect("dropping an old template");
        }
        let url = isolation::create_pg_database(base, &building, None)
            .await
            .expect("creating the template");
        let db = TestDb::at(url);
        let store = db.store().await;
        let summary = load(spec, store.clone()).await;
        store.close().await.expect("closing the template");
        isolation::rename_pg_database(base, &building, &name)
            .await
            .expect("publishing the template");
        write_summary(&summary_file, &summary);
    }
    lock.release().await.expect("releasing the template lock");
    let db = TestDb::postgres_copy(base, &name).await;
    (db, read_summary(&summary_file))
}

/// Loads the demo as `spec` says.
async fn load(spec: &DemoSpec, store: store::Store) -> DemoSummary {
    services::demo::load_demo(&spec.ctx(store), &Actor::System)
        .await
        .expect("loading demo data")
}

fn write_summary(path: &Path, summary: &DemoSummary) {
    let text = format!(
        "{} {} {} {}",
        summary.municipality.get(),
        summary.neighbourhoods,
        summary.teams,
        summary.organisations
    );
    std::fs::write(path, text).expect("writing the template's summary");
}

fn read_summary(path: &Path) -> DemoSummary {
    let text = std::fs::read_to_string(path).expect("the template's summary");
    let numbers: Vec<i64> = text
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    let count = |i: usize| usize::try_from(numbers[i]).expect("a count");
    DemoSummary {
        municipality: MunicipalityId(numbers[0]),
        neighbourhoods: count(1),
        teams: count(2),
        organisations: count(3),
    }
}

/// Removes templates older than a day (other builds, other hours).
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let old = SystemTime::now() - Duration::from_hours(24);
    for entry in entries.flatten() {
        let is_old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < old);
        if is_old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
