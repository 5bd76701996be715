//! The only crate with SQL: sea-orm entities, the one migration set for SQLite and PostgreSQL,
//! connection set-up with its safety checks, and repositories per aggregate that map rows to
//! `domain` types.
//!
//! Repository functions take any `ConnectionTrait`, so a service can call them on the pool for
//! reads or inside its own transaction for writes.

pub mod connect;
pub mod entity;
pub mod error;
mod group;
pub mod isolation;
pub mod migration;
pub mod personal;
pub mod repo;
mod tx;
pub mod url;

pub use connect::{Backend, Store, StoreOptions};
pub use error::DbError;
pub use tx::{Db, Tx};
