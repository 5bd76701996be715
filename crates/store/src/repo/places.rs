//! Municipalities, districts and neighbourhoods.

use std::collections::HashMap;

use domain::place::Neighbourhood;
use domain::{
    Cursor, DistrictId, MunicipalityId, NeighbourhoodId, Page, PageRequest, Slug, TeamId,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::{district, municipality, neighbourhood, team, team_neighbourhood};
use crate::error::{DbError, DbResult};

/// The municipality with this slug.
pub async fn find_municipality(
    conn: &impl ConnectionTrait,
    slug: &Slug,
) -> DbResult<Option<MunicipalityId>> {
    Ok(municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?
        .map(|row| MunicipalityId(row.id)))
}

/// The name of municipality `id`.
pub async fn municipality_name(
    conn: &impl ConnectionTrait,
    id: MunicipalityId,
) -> DbResult<Option<String>> {
    Ok(municipality::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .map(|row| row.name))
}

/// Finds the municipality with this slug, or creates it.
pub async fn ensure_municipality(
    conn: &impl ConnectionTrait,
    slug: &Slug,
    name: &str,
    cbs_code: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<MunicipalityId> {
    if let Some(id) = find_municipality(conn, slug).await? {
        return Ok(id);
    }
    let row = municipality::ActiveModel {
        name: Set(name.to_owned()),
        slug: Set(slug.as_str().to_owned()),
        cbs_code: Set(cbs_code.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(MunicipalityId(super::insert_returning_id(conn, row).await?))
}

/// Finds the district with this slug in the municipality, or creates it.
pub async fn ensure_district(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    slug: &Slug,
    name: &str,
) -> DbResult<DistrictId> {
    let found = district::Entity::find()
        .filter(district::Column::MunicipalityId.eq(municipality.get()))
        .filter(district::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?;
    if let Some(row) = found {
        return Ok(DistrictId(row.id));
    }
    let row = district::ActiveModel {
        municipality_id: Set(municipality.get()),
        name: Set(name.to_owned()),
        slug: Set(slug.as_str().to_owned()),
        ..Default::default()
    };
    Ok(DistrictId(super::insert_returning_id(conn, row).await?))
}

/// The neighbourhood with this slug in the municipality.
pub async fn find_neighbourhood(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    slug: &Slug,
) -> DbResult<Option<NeighbourhoodId>> {
    Ok(neighbourhood::Entity::find()
        .filter(neighbourhood::Column::MunicipalityId.eq(municipality.get()))
        .filter(neighbourhood::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?
        .map(|row| NeighbourhoodId(row.id)))
}

/// What is needed to create or refresh a neighbourhood.
#[derive(Clone, Debug)]
pub struct NeighbourhoodInput<'a> {
    /// Tenant.
    pub municipality: MunicipalityId,
    /// District it lies in.
    pub district: DistrictId,
    /// Display name.
    pub name: &'a str,
    /// URL name, unique in the municipality.
    pub slug: &'a Slug,
    /// CBS buurt code.
    pub cbs_code: Option<&'a str>,
    /// Residents.
    pub population: Option<u32>,
}

/// Finds the neighbourhood by slug and refreshes its facts, or creates it.
pub async fn upsert_neighbourhood(
    conn: &impl ConnectionTrait,
    input: &NeighbourhoodInput<'_>,
) -> DbResult<NeighbourhoodId> {
    let population = input
        .population
        .map(|p| i32::try_from(p).map_err(|_| DbError::Conflict("population too large".into())))
        .transpose()?;
    let found = neighbourhood::Entity::find()
        .filter(neighbourhood::Column::MunicipalityId.eq(input.municipality.get()))
        .filter(neighbourhood::Column::Slug.eq(input.slug.as_str()))
        .one(conn)
        .await?;
    let mut row = neighbourhood::ActiveModel {
        municipality_id: Set(input.municipality.get()),
        district_id: Set(input.district.get()),
        name: Set(input.name.to_owned()),
        slug: Set(input.slug.as_str().to_owned()),
        cbs_code: Set(input.cbs_code.map(str::to_owned)),
        population: Set(population),
        ..Default::default()
    };
    if let Some(existing) = found {
        row.id = Set(existing.id);
        neighbourhood::Entity::update(row)
            .exec(conn)
            .await
            .map_err(DbError::from_driver)?;
        return Ok(NeighbourhoodId(existing.id));
    }
    Ok(NeighbourhoodId(
        super::insert_returning_id(conn, row).await?,
    ))
}

/// One page of neighbourhoods of every municipality, ordered by name then id.
pub async fn list_neighbourhoods(
    conn: &impl ConnectionTrait,
    page: &PageRequest,
) -> DbResult<Page<Neighbourhood>> {
    let mut query = neighbourhood::Entity::find()
        .order_by_asc(neighbourhood::Column::Name)
        .order_by_asc(neighbourhood::Column::Id)
        .limit(page.limit + 1);
    if let Some(after) = &page.after {
        query = query.filter(
            Condition::any()
                .add(neighbourhood::Column::Name.gt(after.key.as_str()))
                .add(
                    Condition::all()
                        .add(neighbourhood::Column::Name.eq(after.key.as_str()))
                        .add(neighbourhood::Column::Id.gt(after.id)),
                ),
        );
    }
    let rows = query.all(conn).await?;
    let district_names = district_names(conn, &rows).await?;
    let mut teams = team_names(conn, &rows).await?;
    let items = rows
        .into_iter()
        .map(|row| to_domain(row, &district_names, &mut teams))
        .collect::<DbResult<Vec<_>>>()?;
    Ok(Page::from_overfetch(
        items,
        page.limit,
        |n: &Neighbourhood| Cursor {
            key: n.name.clone(),
            id: n.id.get(),
        },
    ))
}

/// The neighbourhoods called `slug`, in any municipality (usually one), with their teams.
pub async fn neighbourhoods_by_slug(
    conn: &impl ConnectionTrait,
    slug: &Slug,
) -> DbResult<Vec<Neighbourhood>> {
    let rows = neighbourhood::Entity::find()
        .filter(neighbourhood::Column::Slug.eq(slug.as_str()))
        .order_by_asc(neighbourhood::Column::Id)
        .all(conn)
        .await?;
    let district_names = district_names(conn, &rows).await?;
    let mut teams = team_names(conn, &rows).await?;
    rows.into_iter()
        .map(|row| to_domain(row, &district_names, &mut teams))
        .collect()
}

/// How many neighbourhoods exist in all.
pub async fn count_neighbourhoods(conn: &impl ConnectionTrait) -> DbResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(neighbourhood::Entity::find().count(conn).await?)
}

async fn district_names(
    conn: &impl ConnectionTrait,
    rows: &[neighbourhood::Model],
) -> DbResult<HashMap<i64, String>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.district_id).collect();
    Ok(district::Entity::find()
        .filter(district::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

async fn team_names(
    conn: &impl ConnectionTrait,
    rows: &[neighbourhood::Model],
) -> DbResult<HashMap<i64, Vec<(TeamId, String)>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links = team_neighbourhood::Entity::find()
        .filter(team_neighbourhood::Column::NeighbourhoodId.is_in(ids))
        .all(conn)
        .await?;
    let team_ids: Vec<i64> = links.iter().map(|l| l.team_id).collect();
    let names: HashMap<i64, String> = team::Entity::find()
        .filter(team::Column::Id.is_in(team_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut out: HashMap<i64, Vec<(TeamId, String)>> = HashMap::new();
    for link in links {
        if let Some(name) = names.get(&link.team_id) {
            out.entry(link.neighbourhood_id)
                .or_default()
                .push((TeamId(link.team_id), name.clone()));
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| a.1.cmp(&b.1));
    }
    Ok(out)
}

fn to_domain(
    row: neighbourhood::Model,
    districts: &HashMap<i64, String>,
    teams: &mut HashMap<i64, Vec<(TeamId, String)>>,
) -> DbResult<Neighbourhood> {
    let slug = row
        .slug
        .parse()
        .map_err(|e| DbError::Conflict(format!("stored slug {:?}: {e}", row.slug)))?;
    Ok(Neighbourhood {
        id: NeighbourhoodId(row.id),
        municipality: MunicipalityId(row.municipality_id),
        district: DistrictId(row.district_id),
        district_name: districts.get(&row.district_id).cloned().unwrap_or_default(),
        name: row.name,
        slug,
        cbs_code: row.cbs_code,
        population: row.population.and_then(|p| u32::try_from(p).ok()),
        teams: teams.remove(&row.id).unwrap_or_default(),
    })
}

/// The name of neighbourhood `id`.
pub async fn neighbourhood_name(
    conn: &impl ConnectionTrait,
    id: NeighbourhoodId,
) -> DbResult<Option<String>> {
    Ok(neighbourhood::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .map(|row| row.name))
}

/// The URL names of neighbourhoods `ids`, in the order given (unknown ones left out).
pub async fn slugs_of(
    conn: &impl ConnectionTrait,
    ids: &[NeighbourhoodId],
) -> DbResult<Vec<String>> {
    let rows = neighbourhood::Entity::find()
        .filter(neighbourhood::Column::Id.is_in(ids.iter().map(|n| n.get())))
        .all(conn)
        .await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            rows.iter()
                .find(|r| r.id == id.get())
                .map(|r| r.slug.clone())
        })
        .collect())
}
