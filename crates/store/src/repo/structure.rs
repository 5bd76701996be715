//! The structure lists a coordinator manages: districts with neighbourhoods, organisations
//! with departments, and people.

use std::collections::HashMap;

use domain::access::StaffFunction;
use domain::structure::{DistrictSummary, OrganisationSummary, PersonSummary};
use domain::{DistrictId, MunicipalityId, NeighbourhoodId, OrganisationId, PersonId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{account, department, district, neighbourhood, organisation, person};
use crate::error::{DbError, DbResult};

/// Districts of a municipality with their neighbourhoods, by name.
pub async fn districts(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
) -> DbResult<Vec<DistrictSummary>> {
    let rows = district::Entity::find()
        .filter(district::Column::MunicipalityId.eq(m.get()))
        .order_by_asc(district::Column::Name)
        .all(conn)
        .await?;
    let mut by_district: HashMap<i64, Vec<(NeighbourhoodId, String)>> = HashMap::new();
    for n in neighbourhood::Entity::find()
        .filter(neighbourhood::Column::MunicipalityId.eq(m.get()))
        .order_by_asc(neighbourhood::Column::Name)
        .all(conn)
        .await?
    {
        by_district
            .entry(n.district_id)
            .or_default()
            .push((NeighbourhoodId(n.id), n.name));
    }
    Ok(rows
        .into_iter()
        .map(|d| DistrictSummary {
            id: DistrictId(d.id),
            neighbourhoods: by_district.remove(&d.id).unwrap_or_default(),
            name: d.name,
        })
        .collect())
}

/// Whether the district belongs to the municipality.
pub async fn district_in(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: DistrictId,
) -> DbResult<bool> {
    Ok(district::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .is_some_and(|d| d.municipality_id == m.get()))
}

/// The neighbourhoods of a municipality among `ids` (to check a form's choices).
pub async fn neighbourhoods_in(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    ids: &[NeighbourhoodId],
) -> DbResult<Vec<NeighbourhoodId>> {
    Ok(neighbourhood::Entity::find()
        .filter(neighbourhood::Column::MunicipalityId.eq(m.get()))
        .filter(neighbourhood::Column::Id.is_in(ids.iter().map(|n| n.get())))
        .all(conn)
        .await?
        .into_iter()
        .map(|n| NeighbourhoodId(n.id))
        .collect())
}

/// Organisations of a municipality with their departments, by name.
pub async fn organisations(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
) -> DbResult<Vec<OrganisationSummary>> {
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(m.get()))
        .order_by_asc(organisation::Column::Name)
        .all(conn)
        .await?;
    let ids: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let mut departments: HashMap<i64, Vec<_>> = HashMap::new();
    for d in department::Entity::find()
        .filter(department::Column::OrganisationId.is_in(ids))
        .order_by_asc(department::Column::Name)
        .all(conn)
        .await?
    {
        departments
            .entry(d.organisation_id)
            .or_default()
            .push((domain::DepartmentId(d.id), d.name));
    }
    orgs.into_iter()
        .map(|o| {
            let kind = o
                .kind
                .parse()
                .map_err(|e| DbError::Conflict(format!("organisation {}: {e}", o.id)))?;
            Ok(OrganisationSummary {
                id: OrganisationId(o.id),
                departments: departments.remove(&o.id).unwrap_or_default(),
                name: o.name,
                kind,
            })
        })
        .collect()
}

/// Whether the organisation belongs to the municipality.
pub async fn organisation_in(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: OrganisationId,
) -> DbResult<bool> {
    Ok(organisation::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .is_some_and(|o| o.municipality_id == m.get()))
}

/// People of a municipality, by name.
pub async fn people(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
) -> DbResult<Vec<PersonSummary>> {
    let rows = person::Entity::find()
        .filter(person::Column::MunicipalityId.eq(m.get()))
        .order_by_asc(person::Column::Name)
        .order_by_asc(person::Column::Id)
        .all(conn)
        .await?;
    summaries(conn, rows).await
}

/// Whether the person belongs to the municipality.
pub async fn person_in(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: PersonId,
) -> DbResult<bool> {
    Ok(person::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .is_some_and(|p| p.municipality_id == m.get()))
}

/// People rows as summaries, with employer names and whether they have an account.
pub(crate) async fn summaries(
    conn: &impl ConnectionTrait,
    rows: Vec<person::Model>,
) -> DbResult<Vec<PersonSummary>> {
    let org_ids: Vec<i64> = rows.iter().filter_map(|p| p.organisation_id).collect();
    let org_names: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let person_ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let with_account: Vec<i64> = account::Entity::find()
        .filter(account::Column::PersonId.is_in(person_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.person_id)
        .collect();
    Ok(rows
        .into_iter()
        .map(|p| PersonSummary {
            id: PersonId(p.id),
            function: p.function.parse().unwrap_or(StaffFunction::Other),
            organisation: p.organisation_id.and_then(|o| org_names.get(&o).cloned()),
            has_account: with_account.contains(&p.id),
            name: p.name,
        })
        .collect())
}
