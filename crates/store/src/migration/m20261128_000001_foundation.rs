//! Tenants, places, partner organisations, teams and the audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer_null, big_pk_auto, integer_null, string, string_null, text_null,
    timestamp_with_time_zone,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
    Name,
    Slug,
    CbsCode,
    CreatedAt,
}

#[derive(DeriveIden)]
enum District {
    Table,
    Id,
    MunicipalityId,
    Name,
    Slug,
}

#[derive(DeriveIden)]
enum Neighbourhood {
    Table,
    Id,
    MunicipalityId,
    DistrictId,
    Name,
    Slug,
    CbsCode,
    Population,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    MunicipalityId,
    Name,
    Kind,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Id,
    OrganisationId,
    Name,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
    MunicipalityId,
    Name,
    Slug,
}

#[derive(DeriveIden)]
enum TeamNeighbourhood {
    Table,
    TeamId,
    NeighbourhoodId,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    MunicipalityId,
    At,
    Actor,
    Action,
    Entity,
    EntityId,
    Detail,
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

fn unique_index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).unique().take();
    for col in cols {
        index.col(Alias::new(*col));
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_places(m).await?;
        create_organisations(m).await?;
        create_teams(m).await?;
        create_audit(m).await
    }
}

/// Municipalities, districts and neighbourhoods.
async fn create_places(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Municipality::Table)
            .col(big_pk_auto(Municipality::Id))
            .col(string(Municipality::Name))
            .col(string(Municipality::Slug).unique_key())
            .col(string_null(Municipality::CbsCode))
            .col(timestamp_with_time_zone(Municipality::CreatedAt))
            .take(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table(District::Table)
            .col(big_pk_auto(District::Id))
            .col(
                ColumnDef::new(District::MunicipalityId)
                    .big_integer()
                    .not_null(),
            )
            .col(string(District::Name))
            .col(string(District::Slug))
            .foreign_key(&mut fk(
                "fk_district_municipality",
                (District::Table, District::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(unique_index(
        "ux_district_slug",
        District::Table,
        &["municipality_id", "slug"],
    ))
    .await?;
    m.create_table(
        Table::create()
            .table(Neighbourhood::Table)
            .col(big_pk_auto(Neighbourhood::Id))
            .col(
                ColumnDef::new(Neighbourhood::MunicipalityId)
                    .big_integer()
                    .not_null(),
            )
            .col(
                ColumnDef::new(Neighbourhood::DistrictId)
                    .big_integer()
                    .not_null(),
            )
            .col(string(Neighbourhood::Name))
            .col(string(Neighbourhood::Slug))
            .col(string_null(Neighbourhood::CbsCode))
            .col(integer_null(Neighbourhood::Population))
            .foreign_key(&mut fk(
                "fk_neighbourhood_municipality",
                (Neighbourhood::Table, Neighbourhood::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_neighbourhood_district",
                (Neighbourhood::Table, Neighbourhood::DistrictId),
                (District::Table, District::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(unique_index(
        "ux_neighbourhood_slug",
        Neighbourhood::Table,
        &["municipality_id", "slug"],
    ))
    .await?;
    // Keyset pagination of the public list walks (name, id).
    m.create_index(
        Index::create()
            .name("ix_neighbourhood_name_id")
            .table(Neighbourhood::Table)
            .col(Neighbourhood::Name)
            .col(Neighbourhood::Id)
            .take(),
    )
    .await
}

/// Partner organisations and their departments.
async fn create_organisations(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Organisation::Table)
            .col(big_pk_auto(Organisation::Id))
            .col(
                ColumnDef::new(Organisation::MunicipalityId)
                    .big_integer()
                    .not_null(),
            )
            .col(string(Organisation::Name))
            .col(string(Organisation::Kind))
            .foreign_key(&mut fk(
                "fk_organisation_municipality",
                (Organisation::Table, Organisation::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(unique_index(
        "ux_organisation_name",
        Organisation::Table,
        &["municipality_id", "name"],
    ))
    .await?;
    m.create_table(
        Table::create()
            .table(Department::Table)
            .col(big_pk_auto(Department::Id))
            .col(
                ColumnDef::new(Department::OrganisationId)
                    .big_integer()
                    .not_null(),
            )
            .col(string(Department::Name))
            .foreign_key(&mut fk(
                "fk_department_organisation",
                (Department::Table, Department::OrganisationId),
                (Organisation::Table, Organisation::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(unique_index(
        "ux_department_name",
        Department::Table,
        &["organisation_id", "name"],
    ))
    .await
}

/// Teams and the neighbourhoods they cover.
async fn create_teams(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Team::Table)
            .col(big_pk_auto(Team::Id))
            .col(
                ColumnDef::new(Team::MunicipalityId)
                    .big_integer()
                    .not_null(),
            )
            .col(string(Team::Name))
            .col(string(Team::Slug))
            .foreign_key(&mut fk(
                "fk_team_municipality",
                (Team::Table, Team::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(unique_index(
        "ux_team_slug",
        Team::Table,
        &["municipality_id", "slug"],
    ))
    .await?;
    m.create_table(
        Table::create()
            .table(TeamNeighbourhood::Table)
            .col(
                ColumnDef::new(TeamNeighbourhood::TeamId)
                    .big_integer()
                    .not_null(),
            )
            .col(
                ColumnDef::new(TeamNeighbourhood::NeighbourhoodId)
                    .big_integer()
                    .not_null(),
            )
            .primary_key(
                Index::create()
                    .col(TeamNeighbourhood::TeamId)
                    .col(TeamNeighbourhood::NeighbourhoodId),
            )
            .foreign_key(&mut fk(
                "fk_team_neighbourhood_team",
                (TeamNeighbourhood::Table, TeamNeighbourhood::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_team_neighbourhood_neighbourhood",
                (TeamNeighbourhood::Table, TeamNeighbourhood::NeighbourhoodId),
                (Neighbourhood::Table, Neighbourhood::Id),
            ))
            .take(),
    )
    .await
}

/// The audit log.
async fn create_audit(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(AuditEvent::Table)
            .col(big_pk_auto(AuditEvent::Id))
            .col(big_integer_null(AuditEvent::MunicipalityId))
            .col(timestamp_with_time_zone(AuditEvent::At))
            .col(string(AuditEvent::Actor))
            .col(string(AuditEvent::Action))
            .col(string(AuditEvent::Entity))
            .col(big_integer_null(AuditEvent::EntityId))
            .col(text_null(AuditEvent::Detail))
            .foreign_key(&mut fk(
                "fk_audit_event_municipality",
                (AuditEvent::Table, AuditEvent::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_audit_event_municipality_at")
            .table(AuditEvent::Table)
            .col(AuditEvent::MunicipalityId)
            .col(AuditEvent::At)
            .take(),
    )
    .await
}
