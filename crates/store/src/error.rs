//! `DbError`: what can go wrong below the services, in words an operator can act on.

use std::path::PathBuf;

/// A storage failure. Knows nothing of HTTP; services decide what it means to a user.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database URL names a backend we do not support, or is malformed.
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST:PORT/DB")]
    UnsupportedUrl(String),
    /// PostgreSQL could not be reached in time. `target` is host and port, never credentials.
    #[error("cannot reach PostgreSQL at {target}: {reason}")]
    Unreachable {
        /// `host:port` of the server.
        target: String,
        /// Why, without the URL.
        reason: String,
    },
    /// The folder for the SQLite file cannot be created or written.
    #[error("data folder {path} is not writable: {reason}")]
    DataDirUnwritable {
        /// The folder.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// The SQLite file exists but is not a (healthy) SQLite database.
    #[error(
        "{path} is not a valid SQLite database ({reason}); restore it from a backup or move it away"
    )]
    CorruptDatabase {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// The database was migrated by a newer buurtagenda than this one.
    #[error(
        "the database schema is newer than this buurtagenda ({version}): it has migrations this \
         binary does not know ({unknown}). Upgrade buurtagenda; do not run an older version on it"
    )]
    SchemaTooNew {
        /// This binary's version.
        version: &'static str,
        /// The applied migrations this binary does not know, comma-separated.
        unknown: String,
    },
    /// The database has migrations still to run.
    #[error("the database needs migrating first: run `buurtagenda migrate`")]
    SchemaBehind,
    /// A connection setting did not take effect (e.g. SQLite not in WAL mode).
    #[error("database misconfigured: {0}")]
    Misconfigured(String),
    /// A uniqueness or foreign-key rule was violated.
    #[error("conflict with existing data: {0}")]
    Conflict(String),
    /// A number does not fit its column, or a column holds a number its reader cannot take
    /// (a negative count): refused rather than clamped, so no figure changes silently.
    #[error(transparent)]
    OutOfRange(#[from] domain::OutOfRange),
    /// A commit did not reach the disk (on SQLite: the batch this write was part of).
    #[error("the database could not commit: {0}")]
    CommitFailed(String),
    /// Any other driver error.
    #[error(transparent)]
    Driver(#[from] sea_orm::DbErr),
}

impl DbError {
    /// Classifies a driver error: constraint violations become `Conflict`.
    pub fn from_driver(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(
                sea_orm::SqlErr::UniqueConstraintViolation(msg)
                | sea_orm::SqlErr::ForeignKeyConstraintViolation(msg),
            ) => DbError::Conflict(msg),
            _ => DbError::Driver(err),
        }
    }
}

/// Shorthand for storage results.
pub type DbResult<T> = Result<T, DbError>;
