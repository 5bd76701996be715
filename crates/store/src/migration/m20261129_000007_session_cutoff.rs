//! When an account's sign-in changed hands (a new password, a second factor reset), every
//! session begun before is over: `account.sessions_valid_after` holds that moment.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::timestamp_with_time_zone_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    SessionsValidAfter,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .add_column(timestamp_with_time_zone_null(Account::SessionsValidAfter))
                .take(),
        )
        .await
    }
}
