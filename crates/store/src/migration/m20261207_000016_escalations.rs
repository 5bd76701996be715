//! The escalation ladder: which groups sit above the teams (a setting of the municipality),
//! the escalations of stuck agreements, and every step each one took.
//!
//! `ladder_level` holds the groups above the teams, lowest first (`position` 1, 2, ...).
//! `escalation.group_id` is where it waits: a group, or NULL for the team that raised it;
//! `decided` is final. `version` rises with every step, so that two members acting on one
//! escalation at once do not both move it. Each step is one `escalation_step` (who, when, which
//! step, between which levels, its text); a decision names the agreement it became.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, boolean, integer, string, text,
    timestamp_with_time_zone,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum WorkGroup {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agreement {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LadderLevel {
    Table,
    MunicipalityId,
    Position,
    GroupId,
}

#[derive(DeriveIden)]
enum Escalation {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    AgreementId,
    GroupId,
    Decided,
    Waiting,
    RaisedAt,
    ChangedAt,
    Version,
}

#[derive(DeriveIden)]
enum EscalationStep {
    Table,
    Id,
    EscalationId,
    At,
    Actor,
    PersonId,
    Step,
    FromGroupId,
    ToGroupId,
    Body,
    AgreementId,
}

/// A foreign key; rows that belong to another (a ladder's levels, an escalation's steps) go
/// with it, everything else refuses the delete.
fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    let belongs = name.starts_with("fk_ladder_level") || name == "fk_escalation_step_escalation";
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(if belongs {
            ForeignKeyAction::Cascade
        } else {
            ForeignKeyAction::Restrict
        })
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_ladder(m).await?;
        create_escalations(m).await?;
        create_steps(m).await
    }
}

async fn create_ladder(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(LadderLevel::Table)
            .col(big_integer(LadderLevel::MunicipalityId))
            .col(integer(LadderLevel::Position))
            .col(big_integer(LadderLevel::GroupId))
            .primary_key(
                Index::create()
                    .col(LadderLevel::MunicipalityId)
                    .col(LadderLevel::Position),
            )
            .foreign_key(&mut fk(
                "fk_ladder_level_municipality",
                (LadderLevel::Table, LadderLevel::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_ladder_level_group",
                (LadderLevel::Table, LadderLevel::GroupId),
                (WorkGroup::Table, WorkGroup::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ux_ladder_level_group")
            .table(LadderLevel::Table)
            .col(LadderLevel::MunicipalityId)
            .col(LadderLevel::GroupId)
            .unique()
            .take(),
    )
    .await
}

async fn create_escalations(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Escalation::Table)
            .col(big_pk_auto(Escalation::Id))
            .col(big_integer(Escalation::MunicipalityId))
            .col(big_integer(Escalation::TeamId))
            .col(big_integer(Escalation::AgreementId))
            .col(big_integer_null(Escalation::GroupId))
            .col(boolean(Escalation::Decided))
            .col(boolean(Escalation::Waiting))
            .col(timestamp_with_time_zone(Escalation::RaisedAt))
            .col(timestamp_with_time_zone(Escalation::ChangedAt))
            .col(integer(Escalation::Version))
            .foreign_key(&mut fk(
                "fk_escalation_municipality",
                (Escalation::Table, Escalation::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_escalation_team",
                (Escalation::Table, Escalation::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_escalation_agreement",
                (Escalation::Table, Escalation::AgreementId),
                (Agreement::Table, Agreement::Id),
            ))
            .foreign_key(&mut fk(
                "fk_escalation_group",
                (Escalation::Table, Escalation::GroupId),
                (WorkGroup::Table, WorkGroup::Id),
            ))
            .take(),
    )
    .await?;
    // A group's queue: what waits there, oldest first.
    m.create_index(
        Index::create()
            .name("ix_escalation_group_decided")
            .table(Escalation::Table)
            .col(Escalation::GroupId)
            .col(Escalation::Decided)
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_escalation_agreement")
            .table(Escalation::Table)
            .col(Escalation::AgreementId)
            .take(),
    )
    .await
}

async fn create_steps(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(EscalationStep::Table)
            .col(big_pk_auto(EscalationStep::Id))
            .col(big_integer(EscalationStep::EscalationId))
            .col(timestamp_with_time_zone(EscalationStep::At))
            .col(string(EscalationStep::Actor))
            .col(big_integer_null(EscalationStep::PersonId))
            .col(string(EscalationStep::Step))
            .col(big_integer_null(EscalationStep::FromGroupId))
            .col(big_integer_null(EscalationStep::ToGroupId))
            .col(text(EscalationStep::Body))
            .col(big_integer_null(EscalationStep::AgreementId))
            .foreign_key(&mut fk(
                "fk_escalation_step_escalation",
                (EscalationStep::Table, EscalationStep::EscalationId),
                (Escalation::Table, Escalation::Id),
            ))
            .foreign_key(
                &mut ForeignKey::create()
                    .name("fk_escalation_step_person")
                    .from(EscalationStep::Table, EscalationStep::PersonId)
                    .to(Person::Table, Person::Id)
                    .on_delete(ForeignKeyAction::SetNull)
                    .take(),
            )
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_escalation_step_escalation")
            .table(EscalationStep::Table)
            .col(EscalationStep::EscalationId)
            .take(),
    )
    .await
}
