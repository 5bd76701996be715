//! Reminders sent about agreements: one row per agreement, threshold (days before the due
//! date) and due date. The key makes a reminder go once, also when two servers run the job
//! at the same moment; a moved due date names a new date, so its reminders go again.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, date, integer, timestamp_with_time_zone};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agreement {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgreementReminder {
    Table,
    AgreementId,
    Days,
    DueOn,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AgreementReminder::Table)
                .col(big_integer(AgreementReminder::AgreementId))
                .col(integer(AgreementReminder::Days))
                .col(date(AgreementReminder::DueOn))
                .col(timestamp_with_time_zone(AgreementReminder::SentAt))
                .primary_key(
                    Index::create()
                        .col(AgreementReminder::AgreementId)
                        .col(AgreementReminder::Days)
                        .col(AgreementReminder::DueOn),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_agreement_reminder_agreement")
                        .from(AgreementReminder::Table, AgreementReminder::AgreementId)
                        .to(Agreement::Table, Agreement::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        // The job asks for open agreements due soon.
        m.create_index(
            Index::create()
                .name("ix_agreement_state_target")
                .table(Agreement::Table)
                .col(Alias::new("state"))
                .col(Alias::new("target_on"))
                .take(),
        )
        .await
    }
}
