//! Agreements (afspraken) per priority: who does what by when, and their timeline.
//!
//! `agreement.promised_on` is the target date as first agreed and never changes: promises
//! kept are counted against it, however often `target_on` moves. `client_id` makes a double
//! submit of the form one agreement. `version` rises with every change, so that two
//! facilitators changing one agreement at once do not overwrite each other. Every change is
//! one `agreement_event`: who, when, what changed (state, target), a note, and whether
//! residents may read it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, boolean, date, date_null, integer, string,
    string_null, text, text_null, timestamp_with_time_zone,
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
enum Priority {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agreement {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    PriorityId,
    ClientId,
    What,
    OwnerPersonId,
    OwnerDepartmentId,
    OwnerResidents,
    TargetOn,
    PromisedOn,
    HardOn,
    State,
    ClosedOn,
    Sensitivity,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgreementEvent {
    Table,
    Id,
    AgreementId,
    At,
    Actor,
    PersonId,
    Kind,
    FromState,
    ToState,
    TargetBefore,
    TargetAfter,
    Note,
    Public,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_agreements(m).await?;
        create_events(m).await
    }
}

async fn create_agreements(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Agreement::Table)
            .col(big_pk_auto(Agreement::Id))
            .col(big_integer(Agreement::MunicipalityId))
            .col(big_integer(Agreement::TeamId))
            .col(big_integer(Agreement::PriorityId))
            .col(string(Agreement::ClientId))
            .col(text(Agreement::What))
            .col(big_integer_null(Agreement::OwnerPersonId))
            .col(big_integer_null(Agreement::OwnerDepartmentId))
            .col(string_null(Agreement::OwnerResidents))
            .col(date(Agreement::TargetOn))
            .col(date(Agreement::PromisedOn))
            .col(date_null(Agreement::HardOn))
            .col(string(Agreement::State))
            .col(date_null(Agreement::ClosedOn))
            .col(string(Agreement::Sensitivity))
            .col(integer(Agreement::Version))
            .col(timestamp_with_time_zone(Agreement::CreatedAt))
            .col(timestamp_with_time_zone(Agreement::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_agreement_municipality",
                (Agreement::Table, Agreement::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_agreement_team",
                (Agreement::Table, Agreement::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_agreement_priority",
                (Agreement::Table, Agreement::PriorityId),
                (Priority::Table, Priority::Id),
            ))
            .foreign_key(&mut fk(
                "fk_agreement_owner_person",
                (Agreement::Table, Agreement::OwnerPersonId),
                (Person::Table, Person::Id),
            ))
            .foreign_key(&mut fk(
                "fk_agreement_owner_department",
                (Agreement::Table, Agreement::OwnerDepartmentId),
                (Department::Table, Department::Id),
            ))
            .take(),
    )
    .await?;
    for (name, columns, unique) in [
        (
            "ux_agreement_team_client",
            &["team_id", "client_id"][..],
            true,
        ),
        (
            "ix_agreement_team_priority",
            &["team_id", "priority_id"][..],
            false,
        ),
        (
            "ix_agreement_owner_person",
            &["owner_person_id", "state"][..],
            false,
        ),
        (
            "ix_agreement_owner_department",
            &["owner_department_id", "state"][..],
            false,
        ),
    ] {
        let mut statement = Index::create();
        statement.name(name).table(Agreement::Table);
        for column in columns {
            statement.col(Alias::new(*column));
        }
        if unique {
            statement.unique();
        }
        m.create_index(statement.take()).await?;
    }
    Ok(())
}

async fn create_events(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(AgreementEvent::Table)
            .col(big_pk_auto(AgreementEvent::Id))
            .col(big_integer(AgreementEvent::AgreementId))
            .col(timestamp_with_time_zone(AgreementEvent::At))
            .col(string(AgreementEvent::Actor))
            .col(big_integer_null(AgreementEvent::PersonId))
            .col(string(AgreementEvent::Kind))
            .col(string_null(AgreementEvent::FromState))
            .col(string_null(AgreementEvent::ToState))
            .col(date_null(AgreementEvent::TargetBefore))
            .col(date_null(AgreementEvent::TargetAfter))
            .col(text_null(AgreementEvent::Note))
            .col(boolean(AgreementEvent::Public))
            .foreign_key(&mut fk(
                "fk_agreement_event_agreement",
                (AgreementEvent::Table, AgreementEvent::AgreementId),
                (Agreement::Table, Agreement::Id),
            ))
            .foreign_key(&mut fk(
                "fk_agreement_event_person",
                (AgreementEvent::Table, AgreementEvent::PersonId),
                (Person::Table, Person::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_agreement_event_agreement")
            .table(AgreementEvent::Table)
            .col(AgreementEvent::AgreementId)
            .col(AgreementEvent::Id)
            .take(),
    )
    .await
}
