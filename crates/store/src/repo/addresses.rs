//! Streets and addresses: what an import needs to find what a municipality already has, and
//! to add the rest in bulk (multi-row inserts in chunks, skipping keys that exist).

use std::collections::{HashMap, HashSet};

use domain::address::{AddressId, AddressKey, BuurtCode};
use domain::boundary::GeoPoint;
use domain::{MunicipalityId, NeighbourhoodId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, TryInsertResult,
};

use crate::entity::{address, street};
use crate::error::{DbError, DbResult};

/// Rows per multi-row insert: 13 columns stay well under both backends' parameter limits.
const CHUNK: usize = 1_000;

/// One address to add.
#[derive(Clone, Debug)]
pub struct NewAddress<'a> {
    /// Street name.
    pub street: &'a str,
    /// Town (woonplaats) of the street.
    pub town: &'a str,
    /// Postcode, number, letter, addition.
    pub key: &'a AddressKey,
    /// The neighbourhood it was placed in, if any.
    pub neighbourhood: Option<NeighbourhoodId>,
    /// The CBS buurt code the source gave.
    pub buurtcode: Option<&'a BuurtCode>,
    /// Where it is, if known.
    pub point: Option<GeoPoint>,
}

/// What `insert_addresses` added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inserted {
    /// New streets.
    pub streets: u64,
    /// New addresses; keys that existed already were skipped.
    pub addresses: u64,
}

/// The keys of every address of the municipality.
pub async fn existing_keys(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<HashSet<AddressKey>> {
    let rows: Vec<(String, i32, String, String)> = address::Entity::find()
        .select_only()
        .columns([
            address::Column::Postcode,
            address::Column::HouseNumber,
            address::Column::HouseLetter,
            address::Column::Addition,
        ])
        .filter(address::Column::MunicipalityId.eq(municipality.get()))
        .into_tuple()
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(postcode, number, letter, addition)| {
            AddressKey::from_columns(&postcode, number.into(), &letter, &addition)
                .map_err(|e| DbError::Conflict(format!("stored address {postcode} {number}: {e}")))
        })
        .collect()
}

/// Adds the addresses, and the streets they need, in multi-row inserts. An address whose
/// key the municipality already has is skipped, so running the same import twice adds
/// nothing the second time.
pub async fn insert_addresses(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    rows: &[NewAddress<'_>],
    is_demo: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<Inserted> {
    let streets = ensure_streets(conn, municipality, rows, is_demo, now).await?;
    let mut added = 0;
    for chunk in rows.chunks(CHUNK) {
        let models = chunk
            .iter()
            .map(|row| {
                Ok(address::ActiveModel {
                    municipality_id: Set(municipality.get()),
                    street_id: Set(streets.ids[&(row.town, row.street)]),
                    neighbourhood_id: Set(row.neighbourhood.map(NeighbourhoodId::get)),
                    postcode: Set(row.key.postcode.as_str().to_owned()),
                    house_number: Set(domain::fit(row.key.number.get(), "house number")?),
                    house_letter: Set(row.key.letter_column()),
                    addition: Set(row.key.addition_column()),
                    cbs_buurt_code: Set(row.buurtcode.map(|c| c.as_str().to_owned())),
                    latitude: Set(row.point.map(|p| p.lat)),
                    longitude: Set(row.point.map(|p| p.lon)),
                    is_demo: Set(is_demo),
                    created_at: Set(now),
                    ..Default::default()
                })
            })
            .collect::<DbResult<Vec<_>>>()?;
        let result = address::Entity::insert_many(models)
            .on_conflict_do_nothing_on([
                address::Column::MunicipalityId,
                address::Column::Postcode,
                address::Column::HouseNumber,
                address::Column::HouseLetter,
                address::Column::Addition,
            ])
            .exec_without_returning(conn)
            .await
            .map_err(DbError::from_driver)?;
        if let TryInsertResult::Inserted(n) = result {
            added += n;
        }
    }
    Ok(Inserted {
        streets: streets.added,
        addresses: added,
    })
}

struct Streets<'a> {
    ids: HashMap<(&'a str, &'a str), i64>,
    added: u64,
}

/// The ids of the streets the rows name, adding those the municipality does not have.
async fn ensure_streets<'a>(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    rows: &[NewAddress<'a>],
    is_demo: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<Streets<'a>> {
    let wanted: HashSet<(&str, &str)> = rows.iter().map(|r| (r.town, r.street)).collect();
    let known = street_ids(conn, municipality).await?;
    let missing: Vec<&(&str, &str)> = wanted
        .iter()
        .filter(|(town, name)| !known.contains_key(&((*town).to_owned(), (*name).to_owned())))
        .collect();
    let mut added = 0;
    for chunk in missing.chunks(CHUNK) {
        let models = chunk.iter().map(|(town, name)| street::ActiveModel {
            municipality_id: Set(municipality.get()),
            name: Set((*name).to_owned()),
            town: Set((*town).to_owned()),
            is_demo: Set(is_demo),
            created_at: Set(now),
            ..Default::default()
        });
        let result = street::Entity::insert_many(models)
            .on_conflict_do_nothing_on([
                street::Column::MunicipalityId,
                street::Column::Town,
                street::Column::Name,
            ])
            .exec_without_returning(conn)
            .await
            .map_err(DbError::from_driver)?;
        if let TryInsertResult::Inserted(n) = result {
            added += n;
        }
    }
    let known = if missing.is_empty() {
        known
    } else {
        street_ids(conn, municipality).await?
    };
    let mut ids = HashMap::with_capacity(wanted.len());
    for (town, name) in wanted {
        let id = known
            .get(&(town.to_owned(), name.to_owned()))
            .ok_or_else(|| DbError::Conflict(format!("street {name} in {town} not stored")))?;
        ids.insert((town, name), *id);
    }
    Ok(Streets { ids, added })
}

/// Every street of the municipality by (town, name).
async fn street_ids(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<HashMap<(String, String), i64>> {
    let rows: Vec<(i64, String, String)> = street::Entity::find()
        .select_only()
        .columns([
            street::Column::Id,
            street::Column::Town,
            street::Column::Name,
        ])
        .filter(street::Column::MunicipalityId.eq(municipality.get()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, town, name)| ((town, name), id))
        .collect())
}

/// How many addresses the municipality has.
pub async fn count_addresses(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<u64> {
    Ok(address::Entity::find()
        .filter(address::Column::MunicipalityId.eq(municipality.get()))
        .count(conn)
        .await?)
}

/// How many addresses each neighbourhood has; `None` counts those not placed in any.
pub async fn count_by_neighbourhood(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<HashMap<Option<NeighbourhoodId>, u64>> {
    let rows: Vec<(Option<i64>, i64)> = address::Entity::find()
        .select_only()
        .column(address::Column::NeighbourhoodId)
        .column_as(address::Column::Id.count(), "n")
        .filter(address::Column::MunicipalityId.eq(municipality.get()))
        .group_by(address::Column::NeighbourhoodId)
        .into_tuple()
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(id, n)| Ok((id.map(NeighbourhoodId), domain::fit(n, "address count")?)))
        .collect()
}

/// An address with coordinates, as placing it by point needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct PointedAddress {
    /// Key.
    pub id: AddressId,
    /// The neighbourhood it is in now.
    pub neighbourhood: Option<NeighbourhoodId>,
    /// The CBS buurt code the source gave.
    pub buurtcode: Option<String>,
    /// Where it is.
    pub point: GeoPoint,
}

/// Every address of the municipality that has coordinates.
pub async fn with_points(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<PointedAddress>> {
    type Row = (i64, Option<i64>, Option<String>, Option<f64>, Option<f64>);
    let rows: Vec<Row> = address::Entity::find()
        .select_only()
        .columns([
            address::Column::Id,
            address::Column::NeighbourhoodId,
            address::Column::CbsBuurtCode,
            address::Column::Latitude,
            address::Column::Longitude,
        ])
        .filter(address::Column::MunicipalityId.eq(municipality.get()))
        .filter(address::Column::Latitude.is_not_null())
        .filter(address::Column::Longitude.is_not_null())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, neighbourhood, buurtcode, lat, lon)| {
            Some(PointedAddress {
                id: AddressId(id),
                neighbourhood: neighbourhood.map(NeighbourhoodId),
                buurtcode,
                point: GeoPoint {
                    lat: lat?,
                    lon: lon?,
                },
            })
        })
        .collect())
}

/// Places these addresses in `neighbourhood` (or in none).
pub async fn set_neighbourhood(
    conn: &impl ConnectionTrait,
    ids: &[AddressId],
    neighbourhood: Option<NeighbourhoodId>,
) -> DbResult<u64> {
    let mut changed = 0;
    for chunk in ids.chunks(CHUNK) {
        let result = address::Entity::update_many()
            .col_expr(
                address::Column::NeighbourhoodId,
                Expr::value(neighbourhood.map(NeighbourhoodId::get)),
            )
            .filter(address::Column::Id.is_in(chunk.iter().map(|id| id.0)))
            .exec(conn)
            .await
            .map_err(DbError::from_driver)?;
        changed += result.rows_affected;
    }
    Ok(changed)
}

/// A stored address, as tests and (later) letters read it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAddress {
    /// Street name.
    pub street: String,
    /// Town.
    pub town: String,
    /// The neighbourhood it is placed in.
    pub neighbourhood: Option<NeighbourhoodId>,
    /// Where it is, if known.
    pub point: Option<GeoPoint>,
    /// Part of the generated demo data.
    pub is_demo: bool,
}

/// The address with this key in the municipality.
pub async fn find_address(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    key: &AddressKey,
) -> DbResult<Option<StoredAddress>> {
    let Some(row) = address::Entity::find()
        .filter(address::Column::MunicipalityId.eq(municipality.get()))
        .filter(address::Column::Postcode.eq(key.postcode.as_str()))
        .filter(address::Column::HouseNumber.eq(key.number.get()))
        .filter(address::Column::HouseLetter.eq(key.letter_column()))
        .filter(address::Column::Addition.eq(key.addition_column()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let street = street::Entity::find_by_id(row.street_id)
        .one(conn)
        .await?
        .ok_or_else(|| DbError::Conflict(format!("address {} has no street", row.id)))?;
    Ok(Some(StoredAddress {
        street: street.name,
        town: street.town,
        neighbourhood: row.neighbourhood_id.map(NeighbourhoodId),
        point: row
            .latitude
            .zip(row.longitude)
            .map(|(lat, lon)| GeoPoint { lat, lon }),
        is_demo: row.is_demo,
    }))
}

/// The streets with at least one address in one of `neighbourhoods`, by name: what a team
/// covers. Each with the neighbourhoods it runs through.
pub async fn streets_in(
    conn: &impl ConnectionTrait,
    neighbourhoods: &[NeighbourhoodId],
) -> DbResult<Vec<(i64, String, Vec<NeighbourhoodId>)>> {
    use sea_orm::QueryOrder;
    let ids: Vec<i64> = neighbourhoods.iter().map(|n| n.get()).collect();
    let pairs: Vec<(i64, i64)> = address::Entity::find()
        .select_only()
        .column(address::Column::StreetId)
        .column(address::Column::NeighbourhoodId)
        .filter(address::Column::NeighbourhoodId.is_in(ids))
        .distinct()
        .into_tuple::<(i64, Option<i64>)>()
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(street, nb)| nb.map(|nb| (street, nb)))
        .collect();
    let mut by_street: HashMap<i64, Vec<NeighbourhoodId>> = HashMap::new();
    for (street, nb) in pairs {
        by_street
            .entry(street)
            .or_default()
            .push(NeighbourhoodId(nb));
    }
    let names = street::Entity::find()
        .filter(street::Column::Id.is_in(by_street.keys().copied()))
        .order_by_asc(street::Column::Name)
        .all(conn)
        .await?;
    Ok(names
        .into_iter()
        .map(|row| {
            let nbs = by_street.remove(&row.id).unwrap_or_default();
            (row.id, row.name, nbs)
        })
        .collect())
}

/// The names of streets `ids` (of any municipality; callers check ownership elsewhere).
pub async fn street_names(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> DbResult<HashMap<i64, String>> {
    Ok(street::Entity::find()
        .filter(street::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect())
}

/// Whether street `street` has an address in `neighbourhood`.
pub async fn street_has_address_in(
    conn: &impl ConnectionTrait,
    street: i64,
    neighbourhood: NeighbourhoodId,
) -> DbResult<bool> {
    Ok(address::Entity::find()
        .select_only()
        .column(address::Column::Id)
        .filter(address::Column::StreetId.eq(street))
        .filter(address::Column::NeighbourhoodId.eq(neighbourhood.get()))
        .limit(1)
        .into_tuple::<i64>()
        .one(conn)
        .await?
        .is_some())
}

/// The points of the addresses in `neighbourhood`, each with its street key (for maps).
pub async fn points_in(
    conn: &impl ConnectionTrait,
    neighbourhood: NeighbourhoodId,
) -> DbResult<Vec<(i64, GeoPoint)>> {
    let rows: Vec<(i64, Option<f64>, Option<f64>)> = address::Entity::find()
        .select_only()
        .columns([
            address::Column::StreetId,
            address::Column::Latitude,
            address::Column::Longitude,
        ])
        .filter(address::Column::NeighbourhoodId.eq(neighbourhood.get()))
        .filter(address::Column::Latitude.is_not_null())
        .filter(address::Column::Longitude.is_not_null())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(street, lat, lon)| {
            Some((
                street,
                GeoPoint {
                    lat: lat?,
                    lon: lon?,
                },
            ))
        })
        .collect())
}

/// A household's postal address, for an invitation letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostalAddress {
    /// Street name.
    pub street: String,
    /// House number.
    pub number: i32,
    /// House letter (may be empty).
    pub letter: String,
    /// Addition (may be empty).
    pub addition: String,
    /// Postcode as stored (`6222AB`).
    pub postcode: String,
}

/// Every address in `neighbourhoods`, in delivery order (postcode, number, letter,
/// addition): one per household.
pub async fn households(
    conn: &impl ConnectionTrait,
    neighbourhoods: &[NeighbourhoodId],
) -> DbResult<Vec<PostalAddress>> {
    use sea_orm::QueryOrder;
    let ids: Vec<i64> = neighbourhoods.iter().map(|n| n.get()).collect();
    let rows: Vec<(i64, String, i32, String, String)> = address::Entity::find()
        .select_only()
        .column(address::Column::StreetId)
        .column(address::Column::Postcode)
        .column(address::Column::HouseNumber)
        .column(address::Column::HouseLetter)
        .column(address::Column::Addition)
        .filter(address::Column::NeighbourhoodId.is_in(ids))
        .order_by_asc(address::Column::Postcode)
        .order_by_asc(address::Column::HouseNumber)
        .order_by_asc(address::Column::HouseLetter)
        .order_by_asc(address::Column::Addition)
        .into_tuple()
        .all(conn)
        .await?;
    let street_ids: Vec<i64> = rows
        .iter()
        .map(|r| r.0)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let names = street_names(conn, &street_ids).await?;
    Ok(rows
        .into_iter()
        .map(
            |(street, postcode, number, letter, addition)| PostalAddress {
                street: names.get(&street).cloned().unwrap_or_default(),
                number,
                letter,
                addition,
                postcode,
            },
        )
        .collect())
}
