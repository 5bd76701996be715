//! Mail about a police-only concern is marked, so that the outbox shows its text only to
//! those who work for the police (`outbox.police_only`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::boolean;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    PoliceOnly,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(boolean(Outbox::PoliceOnly).default(false))
                .take(),
        )
        .await
    }
}
