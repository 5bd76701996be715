//! Claims against the limits on anonymous forms (wrong vote codes, residents' reports), so
//! that the limits hold across several servers on one database: one row per counted attempt,
//! per limit (`scope`) and network address (`subject`). Kept one day, like sign-in attempts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_pk_auto, string, timestamp_with_time_zone};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LimitClaim {
    Table,
    Id,
    Scope,
    Subject,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LimitClaim::Table)
                .col(big_pk_auto(LimitClaim::Id))
                .col(string(LimitClaim::Scope))
                .col(string(LimitClaim::Subject))
                .col(timestamp_with_time_zone(LimitClaim::At))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_limit_claim_scope_subject_at")
                .table(LimitClaim::Table)
                .col(LimitClaim::Scope)
                .col(LimitClaim::Subject)
                .col(LimitClaim::At)
                .take(),
        )
        .await?;
        // For the daily purge.
        m.create_index(
            Index::create()
                .name("ix_limit_claim_at")
                .table(LimitClaim::Table)
                .col(LimitClaim::At)
                .take(),
        )
        .await
    }
}
