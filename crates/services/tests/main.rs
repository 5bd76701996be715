//! The services' tests, on SQLite and (with `TEST_DATABASE_URL`) on PostgreSQL.
//!
//! One test binary per crate: every file here is a module of it, so the suite links once
//! per crate instead of once per file (disk and link time); nextest still runs each test in
//! its own process.

mod agenda_suggestions;
mod agreements;
mod demo;
mod escalations;
mod import_addresses;
mod import_boundaries;
mod inventory;
mod invitations;
mod limits;
mod mail;
mod meeting;
mod password_reset;
mod requests;
mod scope;
mod support;
mod totp;
