//! Concerns: adding one (once per client id, so a resend finds the first), finding one by
//! its public reference, and the filtered list of a team, newest first by key.

use chrono::{DateTime, Utc};
use domain::{
    AgendaItemId, ConcernId, CycleId, MunicipalityId, NeighbourhoodId, OrganisationId, TeamId,
    UserId,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::{concern, concern_contact};
use crate::error::{DbError, DbResult};

/// A concern to add, checked by the service.
#[derive(Clone, Debug)]
pub struct NewConcern<'a> {
    /// Tenant.
    pub municipality: MunicipalityId,
    /// The team it is for.
    pub team: TeamId,
    /// Where.
    pub neighbourhood: NeighbourhoodId,
    /// The team's cycle it belongs to.
    pub cycle: CycleId,
    /// Made by the client (a phone keeps it while offline); unique per municipality.
    pub client_id: &'a str,
    /// The public reference.
    pub reference: &'a str,
    /// Category key.
    pub category: i64,
    /// What is the matter.
    pub what: &'a str,
    /// Street key.
    pub street: Option<i64>,
    /// House numbers.
    pub houses: Option<(i32, i32)>,
    /// A landmark.
    pub landmark: Option<&'a str>,
    /// An exact point (latitude, longitude).
    pub point: Option<(f64, f64)>,
    /// Weekday bits.
    pub days: i32,
    /// Day-part bits.
    pub day_parts: i32,
    /// Since when.
    pub since: Option<&'a str>,
    /// Channel code.
    pub channel: &'a str,
    /// Residents who raised it.
    pub residents: i32,
    /// Quick win.
    pub quick_win: bool,
    /// Urgent.
    pub urgent: bool,
    /// Sensitivity code.
    pub sensitivity: &'a str,
    /// Status code.
    pub status: &'a str,
    /// The account that captured it; `None` for a resident's web report.
    pub created_by: Option<UserId>,
}

/// A stored concern: the row, with its keys typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ConcernRecord {
    /// Key.
    pub id: ConcernId,
    /// Tenant.
    pub municipality_id: MunicipalityId,
    /// The team it is for.
    pub team_id: TeamId,
    /// Where.
    pub neighbourhood_id: NeighbourhoodId,
    /// The team's cycle it belongs to.
    pub cycle_id: CycleId,
    /// Made by the client; unique per municipality.
    pub client_id: String,
    /// The public reference.
    pub reference: String,
    /// Category key.
    pub category_id: i64,
    /// What is the matter.
    pub what: String,
    /// Street key.
    pub street_id: Option<i64>,
    /// First house number.
    pub house_from: Option<i32>,
    /// Last house number.
    pub house_to: Option<i32>,
    /// A landmark.
    pub landmark: Option<String>,
    /// Latitude of an exact point.
    pub latitude: Option<f64>,
    /// Longitude of an exact point.
    pub longitude: Option<f64>,
    /// Weekday bits.
    pub days: i32,
    /// Day-part bits.
    pub day_parts: i32,
    /// Since when.
    pub since: Option<String>,
    /// Channel code.
    pub channel: String,
    /// Residents who raised it.
    pub residents: i32,
    /// Quick win.
    pub quick_win: bool,
    /// Urgent.
    pub urgent: bool,
    /// Sensitivity code.
    pub sensitivity: String,
    /// Status code.
    pub status: String,
    /// The agenda item it is grouped under.
    pub agenda_item_id: Option<AgendaItemId>,
    /// The organisation an urgent concern went to.
    pub routed_to_organisation_id: Option<OrganisationId>,
    /// When it went there.
    pub routed_at: Option<DateTime<Utc>>,
    /// The account that captured it.
    pub created_by: Option<UserId>,
    /// Stored at.
    pub created_at: DateTime<Utc>,
    /// Last changed at.
    pub updated_at: DateTime<Utc>,
}

impl From<concern::Model> for ConcernRecord {
    fn from(row: concern::Model) -> Self {
        ConcernRecord {
            id: ConcernId(row.id),
            municipality_id: MunicipalityId(row.municipality_id),
            team_id: TeamId(row.team_id),
            neighbourhood_id: NeighbourhoodId(row.neighbourhood_id),
            cycle_id: CycleId(row.cycle_id),
            client_id: row.client_id,
            reference: row.reference,
            category_id: row.category_id,
            what: row.what,
            street_id: row.street_id,
            house_from: row.house_from,
            house_to: row.house_to,
            landmark: row.landmark,
            latitude: row.latitude,
            longitude: row.longitude,
            days: row.days,
            day_parts: row.day_parts,
            since: row.since,
            channel: row.channel,
            residents: row.residents,
            quick_win: row.quick_win,
            urgent: row.urgent,
            sensitivity: row.sensitivity,
            status: row.status,
            agenda_item_id: row.agenda_item_id.map(AgendaItemId),
            routed_to_organisation_id: row.routed_to_organisation_id.map(OrganisationId),
            routed_at: row.routed_at,
            created_by: row.created_by.map(UserId),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// What `insert` did.
#[derive(Clone, Debug, PartialEq)]
pub enum Inserted {
    /// A new concern.
    New(ConcernRecord),
    /// The client id was known: the concern stored the first time.
    Existing(ConcernRecord),
}

impl Inserted {
    /// The concern, new or not.
    pub fn record(&self) -> &ConcernRecord {
        match self {
            Inserted::New(record) | Inserted::Existing(record) => record,
        }
    }
}

/// The concern with `client_id` in `municipality`, if any.
pub async fn by_client_id(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    client_id: &str,
) -> DbResult<Option<ConcernRecord>> {
    Ok(concern::Entity::find()
        .filter(concern::Column::MunicipalityId.eq(municipality.get()))
        .filter(concern::Column::ClientId.eq(client_id))
        .one(conn)
        .await?
        .map(ConcernRecord::from))
}

/// Adds the concern, unless one with its client id exists (then that one is returned).
pub async fn insert(
    conn: &impl ConnectionTrait,
    new: &NewConcern<'_>,
    now: DateTime<Utc>,
) -> DbResult<Inserted> {
    if let Some(existing) = by_client_id(conn, new.municipality, new.client_id).await? {
        return Ok(Inserted::Existing(existing));
    }
    let row = concern::ActiveModel {
        municipality_id: Set(new.municipality.get()),
        team_id: Set(new.team.get()),
        neighbourhood_id: Set(new.neighbourhood.get()),
        cycle_id: Set(new.cycle.get()),
        client_id: Set(new.client_id.to_owned()),
        reference: Set(new.reference.to_owned()),
        category_id: Set(new.category),
        what: Set(new.what.to_owned()),
        street_id: Set(new.street),
        house_from: Set(new.houses.map(|h| h.0)),
        house_to: Set(new.houses.map(|h| h.1)),
        landmark: Set(new.landmark.map(str::to_owned)),
        latitude: Set(new.point.map(|p| p.0)),
        longitude: Set(new.point.map(|p| p.1)),
        days: Set(new.days),
        day_parts: Set(new.day_parts),
        since: Set(new.since.map(str::to_owned)),
        channel: Set(new.channel.to_owned()),
        residents: Set(new.residents),
        quick_win: Set(new.quick_win),
        urgent: Set(new.urgent),
        sensitivity: Set(new.sensitivity.to_owned()),
        status: Set(new.status.to_owned()),
        agenda_item_id: Set(None),
        routed_to_organisation_id: Set(None),
        routed_at: Set(None),
        created_by: Set(new.created_by.map(UserId::get)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let id = super::insert_returning_id(conn, row).await?;
    let record = concern::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| DbError::Conflict(format!("concern {id} vanished")))?;
    Ok(Inserted::New(record.into()))
}

/// The concern with public reference `reference`.
pub async fn by_reference(
    conn: &impl ConnectionTrait,
    reference: &str,
) -> DbResult<Option<ConcernRecord>> {
    Ok(concern::Entity::find()
        .filter(concern::Column::Reference.eq(reference))
        .one(conn)
        .await?
        .map(ConcernRecord::from))
}

/// The concern with key `id` of `municipality`.
pub async fn find(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: ConcernId,
) -> DbResult<Option<ConcernRecord>> {
    Ok(concern::Entity::find_by_id(id.get())
        .filter(concern::Column::MunicipalityId.eq(municipality.get()))
        .one(conn)
        .await?
        .map(ConcernRecord::from))
}

/// Which concerns of a team a list shows.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this cycle.
    pub cycle: Option<CycleId>,
    /// Only this category.
    pub category: Option<i64>,
    /// Only this street.
    pub street: Option<i64>,
    /// Only this channel (code).
    pub channel: Option<String>,
    /// Only this status (code).
    pub status: Option<String>,
    /// Only these sensitivities (codes): what the viewer may see, narrowed by the filter.
    pub sensitivities: Vec<&'static str>,
}

impl Filter {
    /// The filter as one SQL condition (the list and the map share it).
    fn condition(&self) -> sea_orm::Condition {
        sea_orm::Condition::all()
            .add(concern::Column::Sensitivity.is_in(self.sensitivities.iter().copied()))
            .add_option(self.cycle.map(|c| concern::Column::CycleId.eq(c.get())))
            .add_option(self.category.map(|c| concern::Column::CategoryId.eq(c)))
            .add_option(self.street.map(|s| concern::Column::StreetId.eq(s)))
            .add_option(
                self.channel
                    .as_deref()
                    .map(|c| concern::Column::Channel.eq(c)),
            )
            .add_option(
                self.status
                    .as_deref()
                    .map(|s| concern::Column::Status.eq(s)),
            )
    }
}

/// One page of the concerns of `team` matching `filter`, newest first, after key `before`.
/// Returns at most `limit + 1` rows, so the caller knows whether there is a next page.
pub async fn list(
    conn: &impl ConnectionTrait,
    team: TeamId,
    filter: &Filter,
    before: Option<ConcernId>,
    limit: u64,
) -> DbResult<Vec<ConcernRecord>> {
    let mut query = concern::Entity::find()
        .filter(concern::Column::TeamId.eq(team.get()))
        .filter(filter.condition());
    if let Some(before) = before {
        query = query.filter(concern::Column::Id.lt(before.get()));
    }
    Ok(query
        .order_by_desc(concern::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?
        .into_iter()
        .map(ConcernRecord::from)
        .collect())
}

/// The resident's contact details with a concern, given with consent for `purpose`.
#[derive(Clone, PartialEq, Eq)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Why they may be contacted (code).
    pub purpose: String,
    /// When they agreed.
    pub consent_at: DateTime<Utc>,
    /// When the details are removed at the latest.
    pub purge_after: DateTime<Utc>,
}

impl std::fmt::Debug for Contact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contact")
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

/// Stores the contact details of concern `concern`.
pub async fn set_contact(
    conn: &impl ConnectionTrait,
    concern: ConcernId,
    contact: &Contact,
) -> DbResult<()> {
    let row = concern_contact::ActiveModel {
        concern_id: Set(concern.get()),
        name: Set(contact.name.clone()),
        phone: Set(contact.phone.clone()),
        email: Set(contact.email.clone()),
        purpose: Set(contact.purpose.clone()),
        consent_at: Set(contact.consent_at),
        purge_after: Set(contact.purge_after),
    };
    concern_contact::Entity::insert(row)
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// The contact details of concern `concern`, if any.
pub async fn contact(conn: &impl ConnectionTrait, concern: ConcernId) -> DbResult<Option<Contact>> {
    Ok(concern_contact::Entity::find_by_id(concern.get())
        .one(conn)
        .await?
        .map(|row| Contact {
            name: row.name,
            phone: row.phone,
            email: row.email,
            purpose: row.purpose,
            consent_at: row.consent_at,
            purge_after: row.purge_after,
        }))
}

/// Removes contact details whose time is up; returns how many.
pub async fn purge_contacts(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> DbResult<u64> {
    Ok(concern_contact::Entity::delete_many()
        .filter(concern_contact::Column::PurgeAfter.lt(now))
        .exec(conn)
        .await?
        .rows_affected)
}

/// How many public concerns of `neighbourhood` exist, by status code (for public pages:
/// team-only and police-restricted concerns are never counted there).
pub async fn public_counts(
    conn: &impl ConnectionTrait,
    neighbourhood: NeighbourhoodId,
) -> DbResult<Vec<(String, u64)>> {
    let counts: Vec<(String, i64)> = concern::Entity::find()
        .select_only()
        .column(concern::Column::Status)
        .column_as(concern::Column::Id.count(), "n")
        .filter(concern::Column::NeighbourhoodId.eq(neighbourhood.get()))
        .filter(concern::Column::Sensitivity.eq("public"))
        .group_by(concern::Column::Status)
        .into_tuple::<(String, i64)>()
        .all(conn)
        .await?;
    counts
        .into_iter()
        .map(|(status, n)| Ok((status, domain::fit(n, "concern count")?)))
        .collect()
}

/// Sets who may see concern `id`.
pub async fn set_sensitivity(
    conn: &impl ConnectionTrait,
    id: ConcernId,
    sensitivity: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    concern::Entity::update_many()
        .col_expr(
            concern::Column::Sensitivity,
            sea_orm::sea_query::Expr::value(sensitivity.to_owned()),
        )
        .col_expr(
            concern::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(concern::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// What a map needs of a concern: never its text or who raised it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapRow {
    /// Category key.
    pub category: i64,
    /// Street key.
    pub street: Option<i64>,
    /// Exact point (latitude, longitude).
    pub point: Option<(f64, f64)>,
    /// Residents who raised it.
    pub residents: u32,
}

/// The concerns of `neighbourhood` matching `filter` (its sensitivities are what the viewer
/// may see), for a map: every one, oldest first.
pub async fn for_map(
    conn: &impl ConnectionTrait,
    neighbourhood: NeighbourhoodId,
    filter: &Filter,
) -> DbResult<Vec<MapRow>> {
    type Row = (i64, Option<i64>, Option<f64>, Option<f64>, i32);
    let query = concern::Entity::find()
        .select_only()
        .columns([
            concern::Column::CategoryId,
            concern::Column::StreetId,
            concern::Column::Latitude,
            concern::Column::Longitude,
            concern::Column::Residents,
        ])
        .filter(concern::Column::NeighbourhoodId.eq(neighbourhood.get()))
        .filter(filter.condition());
    let rows: Vec<Row> = query
        .order_by_asc(concern::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(category, street, lat, lon, residents)| {
            Ok(MapRow {
                category,
                street,
                point: lat.zip(lon),
                residents: domain::fit(residents, "residents")?,
            })
        })
        .collect()
}
