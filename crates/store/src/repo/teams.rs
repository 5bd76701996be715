//! Safer Neighbourhoods teams and the neighbourhoods they cover.

use domain::access::TeamRole;
use domain::structure::{ContactPoint, TeamDetail, TeamSummary};
use domain::{MunicipalityId, NeighbourhoodId, PersonId, Slug, TeamId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entity::{
    neighbourhood, person, team, team_member, team_neighbourhood, team_role_holder,
};
use crate::error::{DbError, DbResult};

/// Finds the team by slug in the municipality, or creates it.
pub async fn ensure_team(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    slug: &Slug,
    name: &str,
) -> DbResult<TeamId> {
    let found = team::Entity::find()
        .filter(team::Column::MunicipalityId.eq(municipality.get()))
        .filter(team::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?;
    if let Some(row) = found {
        return Ok(TeamId(row.id));
    }
    let row = team::ActiveModel {
        municipality_id: Set(municipality.get()),
        name: Set(name.to_owned()),
        slug: Set(slug.as_str().to_owned()),
        contact_phone: Set(None),
        contact_email: Set(None),
        office_hours: Set(None),
        ..Default::default()
    };
    Ok(TeamId(super::insert_returning_id(conn, row).await?))
}

/// Records that the team covers the neighbourhood; does nothing if it already does.
pub async fn ensure_coverage(
    conn: &impl ConnectionTrait,
    team: TeamId,
    neighbourhood: NeighbourhoodId,
) -> DbResult<()> {
    let found = team_neighbourhood::Entity::find_by_id((team.get(), neighbourhood.get()))
        .one(conn)
        .await?;
    if found.is_some() {
        return Ok(());
    }
    let row = team_neighbourhood::ActiveModel {
        team_id: Set(team.get()),
        neighbourhood_id: Set(neighbourhood.get()),
    };
    team_neighbourhood::Entity::insert(row)
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// How many teams a municipality has.
pub async fn count_teams(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(team::Entity::find()
        .filter(team::Column::MunicipalityId.eq(municipality.get()))
        .count(conn)
        .await?)
}

/// The teams of a municipality, by name.
pub async fn list_teams(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
) -> DbResult<Vec<TeamSummary>> {
    use sea_orm::QueryOrder;
    let rows = team::Entity::find()
        .filter(team::Column::MunicipalityId.eq(m.get()))
        .order_by_asc(team::Column::Name)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let neighbourhoods = covered(conn, TeamId(row.id))
            .await?
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        let members = team_member::Entity::find()
            .filter(team_member::Column::TeamId.eq(row.id))
            .all(conn)
            .await?
            .len();
        out.push(TeamSummary {
            id: TeamId(row.id),
            name: row.name,
            slug: row.slug,
            neighbourhoods,
            members,
        });
    }
    Ok(out)
}

async fn covered(
    conn: &impl ConnectionTrait,
    team: TeamId,
) -> DbResult<Vec<(NeighbourhoodId, String)>> {
    use sea_orm::QueryOrder;
    let ids: Vec<i64> = team_neighbourhood::Entity::find()
        .filter(team_neighbourhood::Column::TeamId.eq(team.get()))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.neighbourhood_id)
        .collect();
    Ok(neighbourhood::Entity::find()
        .filter(neighbourhood::Column::Id.is_in(ids))
        .order_by_asc(neighbourhood::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|n| (NeighbourhoodId(n.id), n.name))
        .collect())
}

/// A team of the municipality by slug, with members, roles and contact point.
pub async fn team_detail(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    slug: &Slug,
) -> DbResult<Option<TeamDetail>> {
    use sea_orm::QueryOrder;
    let Some(row) = team::Entity::find()
        .filter(team::Column::MunicipalityId.eq(m.get()))
        .filter(team::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let member_ids: Vec<i64> = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(row.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.person_id)
        .collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(member_ids))
        .order_by_asc(person::Column::Name)
        .all(conn)
        .await?;
    let roles = team_role_holder::Entity::find()
        .filter(team_role_holder::Column::TeamId.eq(row.id))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|h| Some((h.role.parse().ok()?, PersonId(h.person_id))))
        .collect();
    Ok(Some(TeamDetail {
        id: TeamId(row.id),
        neighbourhoods: covered(conn, TeamId(row.id)).await?,
        members: super::structure::summaries(conn, people).await?,
        roles,
        contact: ContactPoint {
            phone: row.contact_phone,
            email: row.contact_email,
            office_hours: row.office_hours,
        },
        slug: slug.clone(),
        name: row.name,
    }))
}

/// The team's slug, if the team belongs to the municipality.
pub async fn team_in(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    team: TeamId,
) -> DbResult<bool> {
    Ok(team::Entity::find_by_id(team.get())
        .one(conn)
        .await?
        .is_some_and(|t| t.municipality_id == m.get()))
}

/// Adds a member; does nothing if they are one already.
pub async fn add_member(
    conn: &impl ConnectionTrait,
    team: TeamId,
    person: PersonId,
) -> DbResult<()> {
    if team_member::Entity::find_by_id((team.get(), person.get()))
        .one(conn)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let row = team_member::ActiveModel {
        team_id: Set(team.get()),
        person_id: Set(person.get()),
    };
    team_member::Entity::insert(row)
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Removes a member and the team roles they held.
pub async fn remove_member(
    conn: &impl ConnectionTrait,
    team: TeamId,
    person: PersonId,
) -> DbResult<()> {
    set_roles(conn, team, person, &[]).await?;
    team_member::Entity::delete_by_id((team.get(), person.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces the team roles a member holds.
pub async fn set_roles(
    conn: &impl ConnectionTrait,
    team: TeamId,
    person: PersonId,
    roles: &[TeamRole],
) -> DbResult<()> {
    team_role_holder::Entity::delete_many()
        .filter(team_role_holder::Column::TeamId.eq(team.get()))
        .filter(team_role_holder::Column::PersonId.eq(person.get()))
        .exec(conn)
        .await?;
    for role in roles {
        let row = team_role_holder::ActiveModel {
            team_id: Set(team.get()),
            role: Set(role.code().to_owned()),
            person_id: Set(person.get()),
        };
        team_role_holder::Entity::insert(row)
            .exec_without_returning(conn)
            .await
            .map_err(DbError::from_driver)?;
    }
    Ok(())
}

/// Sets the team's public contact point.
pub async fn set_contact(
    conn: &impl ConnectionTrait,
    team: TeamId,
    contact: &ContactPoint,
) -> DbResult<()> {
    let row = team::ActiveModel {
        id: Set(team.get()),
        contact_phone: Set(contact.phone.clone()),
        contact_email: Set(contact.email.clone()),
        office_hours: Set(contact.office_hours.clone()),
        ..Default::default()
    };
    team::Entity::update(row)
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// The name of a team.
pub async fn name(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<Option<String>> {
    Ok(team::Entity::find_by_id(team.get())
        .one(conn)
        .await?
        .map(|row| row.name))
}

/// The municipality and slug of a team.
pub async fn team_key(
    conn: &impl ConnectionTrait,
    team: TeamId,
) -> DbResult<Option<(MunicipalityId, Slug)>> {
    let Some(row) = team::Entity::find_by_id(team.get()).one(conn).await? else {
        return Ok(None);
    };
    let slug = row
        .slug
        .parse()
        .map_err(|e| DbError::Conflict(format!("team {}: {e}", row.id)))?;
    Ok(Some((MunicipalityId(row.municipality_id), slug)))
}

/// Within a write transaction: holds `team`'s row until the transaction ends, so that writes
/// for one team that read before they write (the current cycle, a concern's client id) take
/// turns. On PostgreSQL `SELECT ... FOR UPDATE`; SQLite's write transactions take turns for
/// the whole database already (`BEGIN IMMEDIATE`), so there it only reads.
pub async fn lock(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<()> {
    use sea_orm::{DatabaseBackend, QuerySelect};
    let query = team::Entity::find_by_id(team.get())
        .select_only()
        .column(team::Column::Id);
    let query = if conn.get_database_backend() == DatabaseBackend::Postgres {
        query.lock_exclusive()
    } else {
        query
    };
    query.into_tuple::<i64>().one(conn).await?;
    Ok(())
}
