//! The one migration set, run unchanged on SQLite and PostgreSQL.
//!
//! Migrations are forward-only and never edited once landed: add a new file instead.

use sea_orm_migration::{MigrationTrait, MigratorTrait};

mod m20261128_000001_foundation;
mod m20261128_000002_accounts;
mod m20261128_000003_places;
mod m20261128_000004_mail;
mod m20261128_000005_structure;
mod m20261128_000006_totp;
mod m20261129_000007_session_cutoff;
mod m20261129_000008_inventory;
mod m20261129_000009_concern_list_indexes;
mod m20261129_000010_meeting;
mod m20261205_000011_limit_claim;
mod m20261205_000012_outbox_police_only;
mod m20261207_000013_public_version;
mod m20261207_000014_agreements;
mod m20261207_000015_agreement_reminders;
mod m20261207_000016_escalations;

/// Every migration this binary knows, oldest first.
pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_foundation::Migration),
            Box::new(m20261128_000002_accounts::Migration),
            Box::new(m20261128_000003_places::Migration),
            Box::new(m20261128_000004_mail::Migration),
            Box::new(m20261128_000005_structure::Migration),
            Box::new(m20261128_000006_totp::Migration),
            Box::new(m20261129_000007_session_cutoff::Migration),
            Box::new(m20261129_000008_inventory::Migration),
            Box::new(m20261129_000009_concern_list_indexes::Migration),
            Box::new(m20261129_000010_meeting::Migration),
            Box::new(m20261205_000011_limit_claim::Migration),
            Box::new(m20261205_000012_outbox_police_only::Migration),
            Box::new(m20261207_000013_public_version::Migration),
            Box::new(m20261207_000014_agreements::Migration),
            Box::new(m20261207_000015_agreement_reminders::Migration),
            Box::new(m20261207_000016_escalations::Migration),
        ]
    }
}
