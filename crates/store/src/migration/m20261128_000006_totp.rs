//! The optional second factor (TOTP, RFC 6238) of an account: its shared secret, when it was
//! switched on, and the last time step accepted (so a code works only once).
//!
//! The secret is a credential, not personal data: it is not declared in `personal.rs`, and
//! the store never puts it in an entity model, so it cannot reach `Debug` output or logs.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer_null, string_null, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    TotpSecret,
    TotpEnabledAt,
    TotpLastStep,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one column per ALTER TABLE.
        let columns = [
            string_null(Account::TotpSecret),
            timestamp_with_time_zone_null(Account::TotpEnabledAt),
            big_integer_null(Account::TotpLastStep),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(&mut column)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
