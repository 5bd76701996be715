//! Outreach: the team going out to hear residents, with the streets it reached and who was
//! there; and per street when the team was last there.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::{CycleId, MunicipalityId, PersonId, TeamId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::{outreach, outreach_member, outreach_street};
use crate::error::{DbError, DbResult};

/// An outreach activity to record.
#[derive(Clone, Debug)]
pub struct NewOutreach<'a> {
    /// Tenant.
    pub municipality: MunicipalityId,
    /// The team.
    pub team: TeamId,
    /// The cycle it counts for.
    pub cycle: CycleId,
    /// Kind code.
    pub kind: &'a str,
    /// The day.
    pub held_on: NaiveDate,
    /// Residents spoken.
    pub residents_spoken: i32,
    /// A note.
    pub note: Option<&'a str>,
    /// Streets reached.
    pub streets: &'a [i64],
    /// Team members present.
    pub members: &'a [PersonId],
    /// The account that recorded it.
    pub created_by: Option<UserId>,
}

/// Records an outreach activity; returns its key.
pub async fn insert(
    conn: &impl ConnectionTrait,
    new: &NewOutreach<'_>,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    let row = outreach::ActiveModel {
        municipality_id: Set(new.municipality.get()),
        team_id: Set(new.team.get()),
        cycle_id: Set(new.cycle.get()),
        kind: Set(new.kind.to_owned()),
        held_on: Set(new.held_on),
        residents_spoken: Set(new.residents_spoken),
        note: Set(new.note.map(str::to_owned)),
        created_by: Set(new.created_by.map(UserId::get)),
        created_at: Set(now),
        ..Default::default()
    };
    let id = super::insert_returning_id(conn, row).await?;
    if !new.streets.is_empty() {
        outreach_street::Entity::insert_many(new.streets.iter().map(|street| {
            outreach_street::ActiveModel {
                outreach_id: Set(id),
                street_id: Set(*street),
            }
        }))
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    }
    if !new.members.is_empty() {
        outreach_member::Entity::insert_many(new.members.iter().map(|person| {
            outreach_member::ActiveModel {
                outreach_id: Set(id),
                person_id: Set(person.get()),
            }
        }))
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    }
    Ok(id)
}

/// A recorded outreach activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutreachRecord {
    /// Key.
    pub id: i64,
    /// Cycle key.
    pub cycle: CycleId,
    /// Kind code.
    pub kind: String,
    /// The day.
    pub held_on: NaiveDate,
    /// Residents spoken.
    pub residents_spoken: i32,
    /// Streets reached.
    pub streets: Vec<i64>,
}

/// The outreach of `team`, newest first, at most `limit`.
pub async fn recent(
    conn: &impl ConnectionTrait,
    team: TeamId,
    limit: u64,
) -> DbResult<Vec<OutreachRecord>> {
    let rows = outreach::Entity::find()
        .filter(outreach::Column::TeamId.eq(team.get()))
        .order_by_desc(outreach::Column::HeldOn)
        .order_by_desc(outreach::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut streets: HashMap<i64, Vec<i64>> = HashMap::new();
    for link in outreach_street::Entity::find()
        .filter(outreach_street::Column::OutreachId.is_in(ids))
        .all(conn)
        .await?
    {
        streets
            .entry(link.outreach_id)
            .or_default()
            .push(link.street_id);
    }
    Ok(rows
        .into_iter()
        .map(|row| OutreachRecord {
            streets: streets.remove(&row.id).unwrap_or_default(),
            id: row.id,
            cycle: CycleId(row.cycle_id),
            kind: row.kind,
            held_on: row.held_on,
            residents_spoken: row.residents_spoken,
        })
        .collect())
}

/// Per street the team reached: the cycles it was there (keys) and the last day.
pub async fn reached_streets(
    conn: &impl ConnectionTrait,
    team: TeamId,
) -> DbResult<HashMap<i64, (Vec<CycleId>, NaiveDate)>> {
    let visits: Vec<(i64, i64, NaiveDate)> = outreach::Entity::find()
        .select_only()
        .column(outreach::Column::Id)
        .column(outreach::Column::CycleId)
        .column(outreach::Column::HeldOn)
        .filter(outreach::Column::TeamId.eq(team.get()))
        .into_tuple()
        .all(conn)
        .await?;
    let by_id: HashMap<i64, (i64, NaiveDate)> = visits
        .into_iter()
        .map(|(id, cycle, day)| (id, (cycle, day)))
        .collect();
    let links: Vec<(i64, i64)> = outreach_street::Entity::find()
        .select_only()
        .column(outreach_street::Column::OutreachId)
        .column(outreach_street::Column::StreetId)
        .filter(outreach_street::Column::OutreachId.is_in(by_id.keys().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut reached: HashMap<i64, (Vec<CycleId>, NaiveDate)> = HashMap::new();
    for (outreach, street) in links {
        let Some((cycle, day)) = by_id.get(&outreach) else {
            continue;
        };
        let entry = reached.entry(street).or_insert_with(|| (Vec::new(), *day));
        let cycle = CycleId(*cycle);
        if !entry.0.contains(&cycle) {
            entry.0.push(cycle);
        }
        entry.1 = entry.1.max(*day);
    }
    Ok(reached)
}
