//! A team's cycles and a municipality's concern categories.

use chrono::{DateTime, NaiveDate, Utc};
use domain::{CycleId, MunicipalityId, TeamId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{concern_category, cycle};
use crate::error::DbResult;

/// A cycle as services see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CycleRecord {
    /// Key.
    pub id: CycleId,
    /// The team.
    pub team: TeamId,
    /// 1, 2, 3, ... per team.
    pub number: i32,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Last day of the inventory, once planned.
    pub inventory_ends_on: Option<NaiveDate>,
    /// Whether its meeting's result is published (then the next cycle is the current one).
    pub closed: bool,
}

impl From<cycle::Model> for CycleRecord {
    fn from(row: cycle::Model) -> Self {
        CycleRecord {
            id: CycleId(row.id),
            team: TeamId(row.team_id),
            number: row.number,
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            inventory_ends_on: row.inventory_ends_on,
            closed: row.closed_at.is_some(),
        }
    }
}

/// The cycles of `team`, newest first.
pub async fn list(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<Vec<CycleRecord>> {
    Ok(cycle::Entity::find()
        .filter(cycle::Column::TeamId.eq(team.get()))
        .order_by_desc(cycle::Column::Number)
        .all(conn)
        .await?
        .into_iter()
        .map(CycleRecord::from)
        .collect())
}

/// The cycle of `team` with this id, if it is the team's.
pub async fn find(
    conn: &impl ConnectionTrait,
    team: TeamId,
    id: CycleId,
) -> DbResult<Option<CycleRecord>> {
    Ok(cycle::Entity::find_by_id(id.get())
        .filter(cycle::Column::TeamId.eq(team.get()))
        .one(conn)
        .await?
        .map(CycleRecord::from))
}

/// Adds a cycle.
pub async fn create(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    team: TeamId,
    number: i32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    now: DateTime<Utc>,
) -> DbResult<CycleRecord> {
    let row = cycle::ActiveModel {
        municipality_id: Set(municipality.get()),
        team_id: Set(team.get()),
        number: Set(number),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        created_at: Set(now),
        ..Default::default()
    };
    let id = CycleId(super::insert_returning_id(conn, row).await?);
    Ok(CycleRecord {
        id,
        team,
        number,
        starts_on,
        ends_on,
        inventory_ends_on: None,
        closed: false,
    })
}

/// Sets the calendar of cycle `id`: its days and the end of its inventory.
pub async fn set_calendar(
    conn: &impl ConnectionTrait,
    id: CycleId,
    starts_on: NaiveDate,
    inventory_ends_on: NaiveDate,
    ends_on: NaiveDate,
) -> DbResult<()> {
    cycle::Entity::update_many()
        .col_expr(cycle::Column::StartsOn, Expr::value(starts_on))
        .col_expr(
            cycle::Column::InventoryEndsOn,
            Expr::value(Some(inventory_ends_on)),
        )
        .col_expr(cycle::Column::EndsOn, Expr::value(ends_on))
        .filter(cycle::Column::Id.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Closes cycle `id` (its meeting's result is published).
pub async fn close(conn: &impl ConnectionTrait, id: CycleId, now: DateTime<Utc>) -> DbResult<()> {
    cycle::Entity::update_many()
        .col_expr(cycle::Column::ClosedAt, Expr::value(Some(now)))
        .filter(cycle::Column::Id.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// A category as services see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryRecord {
    /// Key.
    pub id: i64,
    /// Stable code (a default theme's code, or one made from the municipality's own name).
    pub code: String,
    /// The municipality's own name; `None` for the default themes.
    pub label: Option<String>,
    /// No longer offered for new concerns.
    pub archived: bool,
}

/// The categories of `municipality` in their order.
pub async fn categories(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<CategoryRecord>> {
    Ok(concern_category::Entity::find()
        .filter(concern_category::Column::MunicipalityId.eq(municipality.get()))
        .order_by_asc(concern_category::Column::Position)
        .order_by_asc(concern_category::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| CategoryRecord {
            id: row.id,
            code: row.code,
            label: row.label,
            archived: row.archived,
        })
        .collect())
}

/// Adds the default themes the municipality does not have yet.
pub async fn ensure_default_categories(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<()> {
    let have = categories(conn, municipality).await?;
    for (position, code) in domain::inventory::DEFAULT_CATEGORIES.iter().enumerate() {
        if have.iter().any(|c| c.code == *code) {
            continue;
        }
        let row = concern_category::ActiveModel {
            municipality_id: Set(municipality.get()),
            code: Set((*code).to_owned()),
            label: Set(None),
            position: Set(domain::fit(position, "category position")?),
            archived: Set(false),
            ..Default::default()
        };
        super::insert_returning_id(conn, row).await?;
    }
    Ok(())
}

/// Adds a category of the municipality's own at the end of the list.
pub async fn add_category(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    code: &str,
    label: &str,
) -> DbResult<i64> {
    let last = categories(conn, municipality).await?.len();
    let row = concern_category::ActiveModel {
        municipality_id: Set(municipality.get()),
        code: Set(code.to_owned()),
        label: Set(Some(label.to_owned())),
        position: Set(domain::fit(last + 100, "category position")?),
        archived: Set(false),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await
}

/// Renames category `id` of `municipality` and sets whether it is still offered; `false`
/// when there is no such category.
pub async fn update_category(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: i64,
    label: Option<&str>,
    archived: bool,
) -> DbResult<bool> {
    use sea_orm::sea_query::Expr;
    let mut update = concern_category::Entity::update_many()
        .col_expr(concern_category::Column::Archived, Expr::value(archived))
        .filter(concern_category::Column::MunicipalityId.eq(municipality.get()))
        .filter(concern_category::Column::Id.eq(id));
    if let Some(label) = label {
        update = update.col_expr(
            concern_category::Column::Label,
            Expr::value(label.to_owned()),
        );
    }
    Ok(update
        .exec(conn)
        .await
        .map_err(crate::error::DbError::from_driver)?
        .rows_affected
        == 1)
}
