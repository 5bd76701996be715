//! The inventory: a team's cycles, the category list, concerns (with the resident's contact
//! details apart, as personal data), agenda items, outreach with the streets visited, and
//! the routing rules for urgent concerns.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, boolean, date, double_null, integer, string,
    string_null, text, timestamp_with_time_zone, timestamp_with_time_zone_null,
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
enum Neighbourhood {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Street {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cycle {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    Number,
    StartsOn,
    EndsOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConcernCategory {
    Table,
    Id,
    MunicipalityId,
    Code,
    Label,
    Position,
    Archived,
}

#[derive(DeriveIden)]
enum AgendaItem {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    CycleId,
    Title,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Concern {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    NeighbourhoodId,
    CycleId,
    ClientId,
    Reference,
    CategoryId,
    What,
    StreetId,
    HouseFrom,
    HouseTo,
    Landmark,
    Latitude,
    Longitude,
    Days,
    DayParts,
    Since,
    Channel,
    Residents,
    QuickWin,
    Urgent,
    Sensitivity,
    Status,
    AgendaItemId,
    RoutedToOrganisationId,
    RoutedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ConcernContact {
    Table,
    ConcernId,
    Name,
    Phone,
    Email,
    Purpose,
    ConsentAt,
    PurgeAfter,
}

#[derive(DeriveIden)]
enum Outreach {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    CycleId,
    Kind,
    HeldOn,
    ResidentsSpoken,
    Note,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OutreachStreet {
    Table,
    OutreachId,
    StreetId,
}

#[derive(DeriveIden)]
enum OutreachMember {
    Table,
    OutreachId,
    PersonId,
}

#[derive(DeriveIden)]
enum RoutingRule {
    Table,
    Id,
    MunicipalityId,
    CategoryId,
    NeighbourhoodId,
    OrganisationId,
    DepartmentId,
    Email,
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

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    if unique {
        statement.unique();
    }
    m.create_index(statement).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_cycles_and_categories(m).await?;
        create_concerns(m).await?;
        create_outreach(m).await?;
        create_routing(m).await
    }
}

async fn create_cycles_and_categories(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Cycle::Table)
            .col(big_pk_auto(Cycle::Id))
            .col(big_integer(Cycle::MunicipalityId))
            .col(big_integer(Cycle::TeamId))
            .col(integer(Cycle::Number))
            .col(date(Cycle::StartsOn))
            .col(date(Cycle::EndsOn))
            .col(timestamp_with_time_zone(Cycle::CreatedAt))
            .foreign_key(&mut fk(
                "fk_cycle_municipality",
                (Cycle::Table, Cycle::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_cycle_team",
                (Cycle::Table, Cycle::TeamId),
                (Team::Table, Team::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ux_cycle_team_number",
        Cycle::Table,
        &["team_id", "number"],
        true,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(ConcernCategory::Table)
            .col(big_pk_auto(ConcernCategory::Id))
            .col(big_integer(ConcernCategory::MunicipalityId))
            .col(string(ConcernCategory::Code))
            .col(string_null(ConcernCategory::Label))
            .col(integer(ConcernCategory::Position))
            .col(boolean(ConcernCategory::Archived))
            .foreign_key(&mut fk(
                "fk_concern_category_municipality",
                (ConcernCategory::Table, ConcernCategory::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ux_concern_category_code",
        ConcernCategory::Table,
        &["municipality_id", "code"],
        true,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(AgendaItem::Table)
            .col(big_pk_auto(AgendaItem::Id))
            .col(big_integer(AgendaItem::MunicipalityId))
            .col(big_integer(AgendaItem::TeamId))
            .col(big_integer(AgendaItem::CycleId))
            .col(string(AgendaItem::Title))
            .col(integer(AgendaItem::Position))
            .col(timestamp_with_time_zone(AgendaItem::CreatedAt))
            .foreign_key(&mut fk(
                "fk_agenda_item_team",
                (AgendaItem::Table, AgendaItem::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_agenda_item_cycle",
                (AgendaItem::Table, AgendaItem::CycleId),
                (Cycle::Table, Cycle::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ix_agenda_item_cycle",
        AgendaItem::Table,
        &["cycle_id", "position"],
        false,
    )
    .await
}

async fn create_concerns(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Concern::Table)
            .col(big_pk_auto(Concern::Id))
            .col(big_integer(Concern::MunicipalityId))
            .col(big_integer(Concern::TeamId))
            .col(big_integer(Concern::NeighbourhoodId))
            .col(big_integer(Concern::CycleId))
            .col(string(Concern::ClientId))
            .col(string(Concern::Reference))
            .col(big_integer(Concern::CategoryId))
            .col(text(Concern::What))
            .col(big_integer_null(Concern::StreetId))
            .col(integer(Concern::HouseFrom).null())
            .col(integer(Concern::HouseTo).null())
            .col(string_null(Concern::Landmark))
            .col(double_null(Concern::Latitude))
            .col(double_null(Concern::Longitude))
            .col(integer(Concern::Days))
            .col(integer(Concern::DayParts))
            .col(string_null(Concern::Since))
            .col(string(Concern::Channel))
            .col(integer(Concern::Residents))
            .col(boolean(Concern::QuickWin))
            .col(boolean(Concern::Urgent))
            .col(string(Concern::Sensitivity))
            .col(string(Concern::Status))
            .col(big_integer_null(Concern::AgendaItemId))
            .col(big_integer_null(Concern::RoutedToOrganisationId))
            .col(timestamp_with_time_zone_null(Concern::RoutedAt))
            .col(big_integer_null(Concern::CreatedBy))
            .col(timestamp_with_time_zone(Concern::CreatedAt))
            .col(timestamp_with_time_zone(Concern::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_concern_municipality",
                (Concern::Table, Concern::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_concern_team",
                (Concern::Table, Concern::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_concern_neighbourhood",
                (Concern::Table, Concern::NeighbourhoodId),
                (Neighbourhood::Table, Neighbourhood::Id),
            ))
            .foreign_key(&mut fk(
                "fk_concern_cycle",
                (Concern::Table, Concern::CycleId),
                (Cycle::Table, Cycle::Id),
            ))
            .foreign_key(&mut fk(
                "fk_concern_category",
                (Concern::Table, Concern::CategoryId),
                (ConcernCategory::Table, ConcernCategory::Id),
            ))
            .foreign_key(&mut fk(
                "fk_concern_street",
                (Concern::Table, Concern::StreetId),
                (Street::Table, Street::Id),
            ))
            .foreign_key(&mut fk(
                "fk_concern_agenda_item",
                (Concern::Table, Concern::AgendaItemId),
                (AgendaItem::Table, AgendaItem::Id),
            ))
            .take(),
    )
    .await?;
    create_concern_indexes(m).await?;
    create_concern_contacts(m).await
}

async fn create_concern_indexes(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    // A resend of the same capture (offline sync) finds the first one.
    index(
        m,
        "ux_concern_client_id",
        Concern::Table,
        &["municipality_id", "client_id"],
        true,
    )
    .await?;
    index(
        m,
        "ux_concern_reference",
        Concern::Table,
        &["reference"],
        true,
    )
    .await?;
    // The filtered list of a team: by cycle, newest first (keyset on id).
    index(
        m,
        "ix_concern_team_cycle",
        Concern::Table,
        &["team_id", "cycle_id", "id"],
        false,
    )
    .await?;
    index(
        m,
        "ix_concern_neighbourhood",
        Concern::Table,
        &["neighbourhood_id", "id"],
        false,
    )
    .await?;
    index(
        m,
        "ix_concern_agenda_item",
        Concern::Table,
        &["agenda_item_id"],
        false,
    )
    .await?;
    Ok(())
}

/// The resident's contact details, apart from the concern (personal data).
async fn create_concern_contacts(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(ConcernContact::Table)
            .col(big_integer(ConcernContact::ConcernId).primary_key())
            .col(string_null(ConcernContact::Name))
            .col(string_null(ConcernContact::Phone))
            .col(string_null(ConcernContact::Email))
            .col(string(ConcernContact::Purpose))
            .col(timestamp_with_time_zone(ConcernContact::ConsentAt))
            .col(timestamp_with_time_zone(ConcernContact::PurgeAfter))
            .foreign_key(&mut fk(
                "fk_concern_contact_concern",
                (ConcernContact::Table, ConcernContact::ConcernId),
                (Concern::Table, Concern::Id),
            ))
            .take(),
    )
    .await
}

async fn create_outreach(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Outreach::Table)
            .col(big_pk_auto(Outreach::Id))
            .col(big_integer(Outreach::MunicipalityId))
            .col(big_integer(Outreach::TeamId))
            .col(big_integer(Outreach::CycleId))
            .col(string(Outreach::Kind))
            .col(date(Outreach::HeldOn))
            .col(integer(Outreach::ResidentsSpoken))
            .col(text(Outreach::Note).null())
            .col(big_integer_null(Outreach::CreatedBy))
            .col(timestamp_with_time_zone(Outreach::CreatedAt))
            .foreign_key(&mut fk(
                "fk_outreach_team",
                (Outreach::Table, Outreach::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_outreach_cycle",
                (Outreach::Table, Outreach::CycleId),
                (Cycle::Table, Cycle::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ix_outreach_team",
        Outreach::Table,
        &["team_id", "held_on"],
        false,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(OutreachStreet::Table)
            .col(big_integer(OutreachStreet::OutreachId))
            .col(big_integer(OutreachStreet::StreetId))
            .primary_key(
                Index::create()
                    .col(OutreachStreet::OutreachId)
                    .col(OutreachStreet::StreetId),
            )
            .foreign_key(&mut fk(
                "fk_outreach_street_outreach",
                (OutreachStreet::Table, OutreachStreet::OutreachId),
                (Outreach::Table, Outreach::Id),
            ))
            .foreign_key(&mut fk(
                "fk_outreach_street_street",
                (OutreachStreet::Table, OutreachStreet::StreetId),
                (Street::Table, Street::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ix_outreach_street_street",
        OutreachStreet::Table,
        &["street_id"],
        false,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(OutreachMember::Table)
            .col(big_integer(OutreachMember::OutreachId))
            .col(big_integer(OutreachMember::PersonId))
            .primary_key(
                Index::create()
                    .col(OutreachMember::OutreachId)
                    .col(OutreachMember::PersonId),
            )
            .foreign_key(&mut fk(
                "fk_outreach_member_outreach",
                (OutreachMember::Table, OutreachMember::OutreachId),
                (Outreach::Table, Outreach::Id),
            ))
            .foreign_key(&mut fk(
                "fk_outreach_member_person",
                (OutreachMember::Table, OutreachMember::PersonId),
                (Person::Table, Person::Id),
            ))
            .take(),
    )
    .await
}

async fn create_routing(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(RoutingRule::Table)
            .col(big_pk_auto(RoutingRule::Id))
            .col(big_integer(RoutingRule::MunicipalityId))
            .col(big_integer(RoutingRule::CategoryId))
            .col(big_integer_null(RoutingRule::NeighbourhoodId))
            .col(big_integer(RoutingRule::OrganisationId))
            .col(big_integer_null(RoutingRule::DepartmentId))
            .col(string(RoutingRule::Email))
            .foreign_key(&mut fk(
                "fk_routing_rule_category",
                (RoutingRule::Table, RoutingRule::CategoryId),
                (ConcernCategory::Table, ConcernCategory::Id),
            ))
            .foreign_key(&mut fk(
                "fk_routing_rule_neighbourhood",
                (RoutingRule::Table, RoutingRule::NeighbourhoodId),
                (Neighbourhood::Table, Neighbourhood::Id),
            ))
            .foreign_key(&mut fk(
                "fk_routing_rule_organisation",
                (RoutingRule::Table, RoutingRule::OrganisationId),
                (Organisation::Table, Organisation::Id),
            ))
            .foreign_key(&mut fk(
                "fk_routing_rule_department",
                (RoutingRule::Table, RoutingRule::DepartmentId),
                (Department::Table, Department::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ix_routing_rule_category",
        RoutingRule::Table,
        &["municipality_id", "category_id"],
        false,
    )
    .await
}
