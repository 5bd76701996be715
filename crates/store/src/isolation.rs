//! Isolated databases: PostgreSQL schemas and databases on one server (many independent
//! copies, so that tests run in parallel, or a trial installation sits beside production),
//! databases copied from a template, and consistent copies of a SQLite file.

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

use crate::error::DbResult;
use crate::{DbError, url};

/// Creates the schema `name` (letters, digits, underscores) in the database at `base_url`
/// and returns a URL whose connections work inside it.
pub async fn create_pg_schema(base_url: &str, name: &str) -> DbResult<String> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(DbError::Misconfigured(format!(
            "invalid schema name {name:?}"
        )));
    }
    let db = Database::connect(base_url)
        .await
        .map_err(|e| DbError::Unreachable {
            target: url::pg_target(base_url),
            reason: e.to_string(),
        })?;
    db.execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS \"{name}\""))
        .await?;
    db.close().await?;
    let separator = if base_url.contains('?') { '&' } else { '?' };
    Ok(format!(
        "{base_url}{separator}options=-c%20search_path%3D{name}"
    ))
}

/// Drops the schema `name` and everything in it.
pub async fn drop_pg_schema(base_url: &str, name: &str) -> DbResult<()> {
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(DbError::Misconfigured(format!(
            "invalid schema name {name:?}"
        )));
    }
    let db = Database::connect(base_url).await?;
    db.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE"))
        .await?;
    db.close().await?;
    Ok(())
}

/// Checks that `name` is safe to put in a statement as a quoted identifier.
fn checked_name(name: &str) -> DbResult<&str> {
    if name.is_empty()
        || name.len() > 63
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(DbError::Misconfigured(format!("invalid name {name:?}")));
    }
    Ok(name)
}

/// The URL of the database `name` on the server of `base_url` (same user, host and options).
pub fn pg_database_url(base_url: &str, name: &str) -> DbResult<String> {
    let mut parsed = ::url::Url::parse(base_url)
        .map_err(|e| DbError::Misconfigured(format!("database URL: {e}")))?;
    parsed.set_path(&format!("/{}", checked_name(name)?));
    Ok(parsed.into())
}

/// Creates the database `name` on the server of `base_url`, as a copy of `template` when one
/// is given (PostgreSQL copies the files: far faster than migrating and loading again), and
/// returns its URL.
pub async fn create_pg_database(
    base_url: &str,
    name: &str,
    template: Option<&str>,
) -> DbResult<String> {
    let db = Database::connect(base_url).await?;
    let statement = match template {
        Some(t) => format!(
            "CREATE DATABASE \"{}\" TEMPLATE \"{}\"",
            checked_name(name)?,
            checked_name(t)?
        ),
        None => format!("CREATE DATABASE \"{}\"", checked_name(name)?),
    };
    db.execute_unprepared(&statement).await?;
    db.close().await?;
    pg_database_url(base_url, name)
}

/// Whether the database `name` exists on the server of `base_url`.
pub async fn pg_database_exists(base_url: &str, name: &str) -> DbResult<bool> {
    let db = Database::connect(base_url).await?;
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 AS one FROM pg_database WHERE datname = $1",
            [checked_name(name)?.into()],
        ))
        .await?;
    db.close().await?;
    Ok(row.is_some())
}

/// Renames the database `from` to `to` (nobody may be connected to it).
pub async fn rename_pg_database(base_url: &str, from: &str, to: &str) -> DbResult<()> {
    let db = Database::connect(base_url).await?;
    db.execute_unprepared(&format!(
        "ALTER DATABASE \"{}\" RENAME TO \"{}\"",
        checked_name(from)?,
        checked_name(to)?
    ))
    .await?;
    db.close().await?;
    Ok(())
}

/// Drops the database `name`, ending any connection to it.
pub async fn drop_pg_database(base_url: &str, name: &str) -> DbResult<()> {
    let db = Database::connect(base_url).await?;
    db.execute_unprepared(&format!(
        "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
        checked_name(name)?
    ))
    .await?;
    db.close().await?;
    Ok(())
}

/// A session-level PostgreSQL advisory lock, held until `release` (or until its connection
/// ends): processes that build one shared thing take turns with it.
pub struct PgLock {
    db: sea_orm::DatabaseConnection,
    key: i64,
}

impl PgLock {
    /// Waits for the lock `key` on the server of `base_url`.
    pub async fn acquire(base_url: &str, key: i64) -> DbResult<PgLock> {
        // One connection, so that the lock and its release happen on the same session.
        let mut options = sea_orm::ConnectOptions::new(base_url);
        options.max_connections(1).min_connections(1);
        let db = Database::connect(options).await?;
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_lock($1)",
            [key.into()],
        ))
        .await?;
        Ok(PgLock { db, key })
    }

    /// Gives the lock up.
    pub async fn release(self) -> DbResult<()> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_advisory_unlock($1)",
                [self.key.into()],
            ))
            .await?;
        self.db.close().await?;
        Ok(())
    }
}

/// Writes a consistent copy of a SQLite database to the new file `path` (`VACUUM INTO`: one
/// file, no write-ahead log beside it, safe while others read or write).
pub async fn sqlite_copy_into(store: &crate::Store, path: &std::path::Path) -> DbResult<()> {
    let path = path
        .to_str()
        .ok_or_else(|| DbError::Misconfigured(format!("path {} is not UTF-8", path.display())))?;
    store
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [path.into()],
        ))
        .await?;
    Ok(())
}
