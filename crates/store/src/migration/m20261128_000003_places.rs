//! Streets, addresses and neighbourhood boundaries.
//!
//! An address is unique per municipality by postcode, house number, house letter and
//! addition. No letter or addition is stored as an empty string, not NULL, so that the
//! unique index treats two bare house numbers as equal on SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, boolean, double_null, integer, string, string_null,
    text, timestamp_with_time_zone,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
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
    MunicipalityId,
    Name,
    Town,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Address {
    Table,
    Id,
    MunicipalityId,
    StreetId,
    NeighbourhoodId,
    Postcode,
    HouseNumber,
    HouseLetter,
    Addition,
    CbsBuurtCode,
    Latitude,
    Longitude,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum NeighbourhoodBoundary {
    Table,
    NeighbourhoodId,
    MunicipalityId,
    Geojson,
    IsDemo,
    UpdatedAt,
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

fn index(
    name: &str,
    table: impl IntoIden,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).take();
    if unique {
        index.unique();
    }
    for col in cols {
        index.col(Alias::new(*col));
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_streets(m).await?;
        create_addresses(m).await?;
        create_boundaries(m).await
    }
}

/// Streets (BAG: openbare ruimte), unique per town within a municipality.
async fn create_streets(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Street::Table)
            .col(big_pk_auto(Street::Id))
            .col(big_integer(Street::MunicipalityId))
            .col(string(Street::Name))
            .col(string(Street::Town))
            .col(boolean(Street::IsDemo).default(false))
            .col(timestamp_with_time_zone(Street::CreatedAt))
            .foreign_key(&mut fk(
                "fk_street_municipality",
                (Street::Table, Street::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(index(
        "ux_street_name",
        Street::Table,
        &["municipality_id", "town", "name"],
        true,
    ))
    .await
}

/// Addresses (BAG: nummeraanduiding), each in a street and, once placed, a neighbourhood.
async fn create_addresses(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Address::Table)
            .col(big_pk_auto(Address::Id))
            .col(big_integer(Address::MunicipalityId))
            .col(big_integer(Address::StreetId))
            .col(big_integer_null(Address::NeighbourhoodId))
            .col(string(Address::Postcode))
            .col(integer(Address::HouseNumber))
            .col(string(Address::HouseLetter).default(""))
            .col(string(Address::Addition).default(""))
            .col(string_null(Address::CbsBuurtCode))
            .col(double_null(Address::Latitude))
            .col(double_null(Address::Longitude))
            .col(boolean(Address::IsDemo).default(false))
            .col(timestamp_with_time_zone(Address::CreatedAt))
            .foreign_key(&mut fk(
                "fk_address_municipality",
                (Address::Table, Address::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_address_street",
                (Address::Table, Address::StreetId),
                (Street::Table, Street::Id),
            ))
            .foreign_key(&mut fk(
                "fk_address_neighbourhood",
                (Address::Table, Address::NeighbourhoodId),
                (Neighbourhood::Table, Neighbourhood::Id),
            ))
            .take(),
    )
    .await?;
    create_address_indexes(m).await
}

/// The natural key, and the orders letters and streets are read in.
async fn create_address_indexes(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let key = [
        "municipality_id",
        "postcode",
        "house_number",
        "house_letter",
        "addition",
    ];
    m.create_index(index("ux_address_key", Address::Table, &key, true))
        .await?;
    // Letters go out per neighbourhood, street by street.
    m.create_index(index(
        "ix_address_neighbourhood",
        Address::Table,
        &["neighbourhood_id", "street_id", "house_number"],
        false,
    ))
    .await?;
    m.create_index(index(
        "ix_address_street",
        Address::Table,
        &["street_id"],
        false,
    ))
    .await
}

/// One boundary per neighbourhood, as a GeoJSON geometry object.
async fn create_boundaries(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(NeighbourhoodBoundary::Table)
            .col(
                ColumnDef::new(NeighbourhoodBoundary::NeighbourhoodId)
                    .big_integer()
                    .not_null()
                    .primary_key(),
            )
            .col(big_integer(NeighbourhoodBoundary::MunicipalityId))
            .col(text(NeighbourhoodBoundary::Geojson))
            .col(boolean(NeighbourhoodBoundary::IsDemo).default(false))
            .col(timestamp_with_time_zone(NeighbourhoodBoundary::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_neighbourhood_boundary_neighbourhood",
                (
                    NeighbourhoodBoundary::Table,
                    NeighbourhoodBoundary::NeighbourhoodId,
                ),
                (Neighbourhood::Table, Neighbourhood::Id),
            ))
            .foreign_key(&mut fk(
                "fk_neighbourhood_boundary_municipality",
                (
                    NeighbourhoodBoundary::Table,
                    NeighbourhoodBoundary::MunicipalityId,
                ),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await
}
