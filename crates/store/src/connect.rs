//! Opening the database: backend from the URL, SQLite's safety settings checked, the schema
//! version compared with this binary's migrations.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::error::DbResult;
use crate::group::Group;
use crate::migration::Migrator;
use crate::tx::Tx;
use crate::{DbError, url};

/// How long SQLite waits on a lock before giving up with "database is locked".
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Which database engine a store talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// What `Store::connect` needs.
#[derive(Clone)]
pub struct StoreOptions {
    /// `sqlite://PATH?mode=rwc` or `postgres://...`.
    pub url: String,
    /// Pool size.
    pub max_connections: u32,
    /// Upper bound on reaching the server at start and on waiting for a pooled connection.
    pub connect_timeout: Duration,
}

impl std::fmt::Debug for StoreOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreOptions")
            .field("url", &url::redact(&self.url))
            .field("max_connections", &self.max_connections)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

impl StoreOptions {
    /// Options for `url` with a pool of 8 and a 5-second connect timeout.
    pub fn new(url: impl Into<String>) -> Self {
        StoreOptions {
            url: url.into(),
            max_connections: 8,
            connect_timeout: Duration::from_secs(5),
        }
    }
}

/// An open database with its backend. Cheap to clone (a pool handle).
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    /// SQLite only: one connection for write transactions, so that writers wait their turn
    /// in a queue (woken the moment the one before is done) instead of sleeping in SQLite's
    /// busy handler and retrying (which made the slowest 1% of writes under load take most
    /// of a second in `bench/inventory`), with group commit (`group`) over it.
    writer: Option<Arc<Group>>,
    backend: Backend,
}

impl Store {
    /// Connects to the database the URL names and checks its settings. Does not migrate.
    pub async fn connect(opts: &StoreOptions) -> DbResult<Store> {
        url::check_scheme(&opts.url)?;
        if opts.url.starts_with("sqlite:") {
            connect_sqlite(opts).await
        } else {
            connect_postgres(opts).await
        }
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for reads outside a transaction.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Starts a write transaction. On SQLite it runs on the one writer connection, in turn,
    /// as a savepoint in the batch that connection has open (`group`; the batch takes the
    /// write lock at once, `BEGIN IMMEDIATE`, so that a write elsewhere makes it wait on the
    /// busy timeout instead of failing mid-way); `Tx::commit` returns once the batch is
    /// durable. On PostgreSQL it is a transaction of its own.
    pub async fn begin_write(&self) -> DbResult<Tx> {
        if let Some(group) = &self.writer {
            return group.begin().await;
        }
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend == Backend::Sqlite)
                .then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(Tx::new(self.db.begin_with_options(options).await?, None))
    }

    /// Answers whether the database is reachable now (for `/readyz`).
    pub async fn ping(&self) -> DbResult<()> {
        Ok(self.db.ping().await?)
    }

    /// Applies pending migrations and returns how many ran. Refuses a database migrated by a
    /// newer binary. Running it twice is harmless.
    pub async fn migrate(&self) -> DbResult<usize> {
        self.refuse_newer_schema().await?;
        let pending = Migrator::get_pending_migrations(&self.db).await?.len();
        Migrator::up(&self.db, None).await?;
        Ok(pending)
    }

    /// Checks that the schema is exactly what this binary expects: not newer, not behind.
    pub async fn check_schema(&self) -> DbResult<()> {
        self.refuse_newer_schema().await?;
        if Migrator::get_pending_migrations(&self.db).await?.is_empty() {
            Ok(())
        } else {
            Err(DbError::SchemaBehind)
        }
    }

    async fn refuse_newer_schema(&self) -> DbResult<()> {
        use sea_orm_migration::seaql_migrations::Entity as Applied;
        let known: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        // No migration table yet means a fresh database.
        let Ok(applied) = Applied::find().all(&self.db).await else {
            return Ok(());
        };
        let unknown: Vec<String> = applied
            .into_iter()
            .map(|row| row.version)
            .filter(|v| !known.contains(v))
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(DbError::SchemaTooNew {
                version: env!("CARGO_PKG_VERSION"),
                unknown: unknown.join(", "),
            })
        }
    }

    /// Closes the pool, flushing SQLite's WAL on the way.
    pub async fn close(self) -> DbResult<()> {
        if let Some(writer) = self.writer {
            writer.flush_now().await?;
            writer.pool().clone().close().await?;
        }
        Ok(self.db.close().await?)
    }
}

/// The file a `sqlite:` URL points at, without its query string.
fn sqlite_path(raw: &str) -> PathBuf {
    let rest = raw
        .strip_prefix("sqlite://")
        .or_else(|| raw.strip_prefix("sqlite:"))
        .unwrap_or(raw);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

fn ensure_writable_dir(dir: &Path) -> DbResult<()> {
    let unwritable = |e: std::io::Error| DbError::DataDirUnwritable {
        path: dir.to_owned(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(unwritable)?;
    let probe = dir.join(".buurtagenda-write-check");
    std::fs::write(&probe, b"ok").map_err(unwritable)?;
    std::fs::remove_file(&probe).map_err(unwritable)
}

async fn connect_sqlite(opts: &StoreOptions) -> DbResult<Store> {
    let path = sqlite_path(&opts.url);
    if path.as_os_str() != ":memory:" {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
        ensure_writable_dir(dir.unwrap_or(Path::new(".")))?;
    }
    let corrupt = |e: &dyn std::fmt::Display| DbError::CorruptDatabase {
        path: path.clone(),
        reason: e.to_string(),
    };
    let pool = |connections: u32| {
        let mut options = ConnectOptions::new(opts.url.clone());
        options
            .max_connections(connections)
            .acquire_timeout(opts.connect_timeout)
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o: SqliteConnectOptions| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
        options
    };
    let db = Database::connect(pool(opts.max_connections))
        .await
        .map_err(|e| corrupt(&e))?;
    // An in-memory database is private to its connection: there the pool writes itself.
    let writer = if path.as_os_str() == ":memory:" {
        None
    } else {
        Some(Group::new(
            Database::connect(pool(1)).await.map_err(|e| corrupt(&e))?,
        ))
    };
    let store = Store {
        db,
        writer,
        backend: Backend::Sqlite,
    };
    for db in std::iter::once(&store.db).chain(store.writer.as_deref().map(Group::pool)) {
        verify_sqlite_settings(db).await.map_err(|e| match e {
            DbError::Driver(e) => corrupt(&e),
            other => other,
        })?;
    }
    Ok(store)
}

/// The settings that make SQLite safe for a server, read back from a live connection.
async fn verify_sqlite_settings(db: &DatabaseConnection) -> DbResult<()> {
    let checks: [(&str, &str); 4] = [
        ("journal_mode", "wal"),
        ("synchronous", "2"),
        ("foreign_keys", "1"),
        ("busy_timeout", "5000"),
    ];
    for (pragma, expected) in checks {
        let actual = sqlite_pragma(db, pragma).await?;
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(DbError::Misconfigured(format!(
                "SQLite {pragma} is {actual}, expected {expected}"
            )));
        }
    }
    Ok(())
}

/// Reads one SQLite pragma as text.
pub async fn sqlite_pragma(db: &DatabaseConnection, pragma: &str) -> DbResult<String> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA {pragma}"),
        ))
        .await?
        .ok_or_else(|| DbError::Misconfigured(format!("PRAGMA {pragma} returned nothing")))?;
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|v| v.to_string()))
        .map_err(DbError::Driver)
}

async fn connect_postgres(opts: &StoreOptions) -> DbResult<Store> {
    let target = url::pg_target(&opts.url);
    let unreachable = |reason: String| DbError::Unreachable {
        target: target.clone(),
        reason,
    };
    let mut options = ConnectOptions::new(opts.url.clone());
    options
        .max_connections(opts.max_connections)
        .connect_timeout(opts.connect_timeout)
        .acquire_timeout(opts.connect_timeout)
        .sqlx_logging(false);
    // The pool's own timeouts do not cover a stalled TCP handshake or DNS lookup.
    let db = tokio::time::timeout(opts.connect_timeout, Database::connect(options))
        .await
        .map_err(|_| unreachable(format!("no answer within {:?}", opts.connect_timeout)))?
        .map_err(|e| unreachable(strip_url(&e.to_string(), &opts.url)))?;
    Ok(Store {
        db,
        writer: None,
        backend: Backend::Postgres,
    })
}

/// Removes the URL from a driver message, should a driver ever echo it.
fn strip_url(message: &str, raw_url: &str) -> String {
    message.replace(raw_url, &url::redact(raw_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            sqlite_path("sqlite://data/b.sqlite?mode=rwc"),
            PathBuf::from("data/b.sqlite")
        );
        assert_eq!(
            sqlite_path("sqlite:///abs/b.sqlite"),
            PathBuf::from("/abs/b.sqlite")
        );
        assert_eq!(sqlite_path("sqlite:b.sqlite"), PathBuf::from("b.sqlite"));
    }

    #[test]
    fn debug_redacts_password() {
        let opts = StoreOptions::new("postgres://u:hunter2@h/db");
        assert!(!format!("{opts:?}").contains("hunter2"));
    }
}
