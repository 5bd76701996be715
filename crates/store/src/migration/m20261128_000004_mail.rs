//! Outgoing e-mail (the outbox, sent by a job) and one-time tokens for invitation and
//! password-reset links. Tokens are stored only as their SHA-256 hash.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, integer, string, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    MunicipalityId,
    ToAddress,
    Subject,
    BodyText,
    CreatedAt,
    SendAfter,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum OneTimeToken {
    Table,
    Id,
    AccountId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_outbox(m).await?;
        create_one_time_token(m).await
    }
}

/// Mail waiting to be sent, and mail sent (kept 30 days for the administrator's overview).
async fn create_outbox(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Outbox::Table)
            .col(big_pk_auto(Outbox::Id))
            .col(big_integer_null(Outbox::MunicipalityId))
            .col(string(Outbox::ToAddress))
            .col(string(Outbox::Subject))
            .col(text(Outbox::BodyText))
            .col(timestamp_with_time_zone(Outbox::CreatedAt))
            .col(timestamp_with_time_zone(Outbox::SendAfter))
            .col(timestamp_with_time_zone_null(Outbox::SentAt))
            .col(integer(Outbox::Attempts).default(0))
            .col(text_null(Outbox::LastError))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_outbox_municipality")
                    .from(Outbox::Table, Outbox::MunicipalityId)
                    .to(Municipality::Table, Municipality::Id)
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .take(),
    )
    .await?;
    // The sending job looks for unsent rows that are due.
    m.create_index(
        Index::create()
            .name("ix_outbox_sent_at_send_after")
            .table(Outbox::Table)
            .col(Outbox::SentAt)
            .col(Outbox::SendAfter)
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_outbox_municipality_id")
            .table(Outbox::Table)
            .col(Outbox::MunicipalityId)
            .col(Outbox::Id)
            .take(),
    )
    .await
}

/// Invitation and password-reset tokens: single use, with an expiry.
async fn create_one_time_token(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(OneTimeToken::Table)
            .col(big_pk_auto(OneTimeToken::Id))
            .col(big_integer(OneTimeToken::AccountId))
            .col(string(OneTimeToken::Purpose))
            .col(string(OneTimeToken::TokenHash).unique_key())
            .col(timestamp_with_time_zone(OneTimeToken::ExpiresAt))
            .col(timestamp_with_time_zone_null(OneTimeToken::UsedAt))
            .col(timestamp_with_time_zone(OneTimeToken::CreatedAt))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_one_time_token_account")
                    .from(OneTimeToken::Table, OneTimeToken::AccountId)
                    .to(Account::Table, Account::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            )
            .check(Expr::col(OneTimeToken::Purpose).is_in(["invitation", "password-reset"]))
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_one_time_token_account_purpose")
            .table(OneTimeToken::Table)
            .col(OneTimeToken::AccountId)
            .col(OneTimeToken::Purpose)
            .col(OneTimeToken::CreatedAt)
            .take(),
    )
    .await
}
