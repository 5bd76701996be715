//! The store's tests, on SQLite and (with `TEST_DATABASE_URL`) on PostgreSQL.
//!
//! One test binary per crate: every file here is a module of it, so the suite links once
//! per crate instead of once per file (disk and link time); nextest still runs each test in
//! its own process.

mod commit;
mod numbers;
mod places;
mod public_version;
mod schema;
