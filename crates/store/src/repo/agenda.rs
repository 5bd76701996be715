//! Agenda items: the long list of a cycle, each standing for the concerns grouped under it.
//! A concern belongs to at most one item (`concern.agenda_item_id`), so none is counted
//! twice, and one taken out of an item is back among the ungrouped, never lost.

use chrono::{DateTime, Utc};
use domain::{AgendaItemId, ConcernId, CycleId, MunicipalityId, TeamId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{agenda_item, concern};
use crate::error::{DbError, DbResult};

/// An agenda item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Key.
    pub id: AgendaItemId,
    /// Title.
    pub title: String,
    /// Place in the list (smallest first).
    pub position: i32,
}

/// The items of `cycle` of `team`, in their order.
pub async fn items(
    conn: &impl ConnectionTrait,
    team: TeamId,
    cycle: CycleId,
) -> DbResult<Vec<Item>> {
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::TeamId.eq(team.get()))
        .filter(agenda_item::Column::CycleId.eq(cycle.get()))
        .order_by_asc(agenda_item::Column::Position)
        .order_by_asc(agenda_item::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| Item {
            id: AgendaItemId(row.id),
            title: row.title,
            position: row.position,
        })
        .collect())
}

/// Adds an item at the end of the list.
pub async fn create(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    team: TeamId,
    cycle: CycleId,
    title: &str,
    now: DateTime<Utc>,
) -> DbResult<AgendaItemId> {
    let last = items(conn, team, cycle)
        .await?
        .iter()
        .map(|i| i.position)
        .max()
        .unwrap_or(0);
    let row = agenda_item::ActiveModel {
        municipality_id: Set(m.get()),
        team_id: Set(team.get()),
        cycle_id: Set(cycle.get()),
        title: Set(title.to_owned()),
        position: Set(last + 1),
        created_at: Set(now),
        ..Default::default()
    };
    super::insert_returning_id(conn, row)
        .await
        .map(AgendaItemId)
}

/// Renames item `id`.
pub async fn rename(conn: &impl ConnectionTrait, id: AgendaItemId, title: &str) -> DbResult<()> {
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Title, Expr::value(title.to_owned()))
        .filter(agenda_item::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Sets the position of item `id`.
pub async fn set_position(
    conn: &impl ConnectionTrait,
    id: AgendaItemId,
    position: i32,
) -> DbResult<()> {
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Position, Expr::value(position))
        .filter(agenda_item::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Removes item `id` (its concerns must have been moved first).
pub async fn delete(conn: &impl ConnectionTrait, id: AgendaItemId) -> DbResult<()> {
    agenda_item::Entity::delete_by_id(id.get())
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Puts concerns `ids` of `team` under item `item` (or none), with status `status`.
pub async fn assign(
    conn: &impl ConnectionTrait,
    team: TeamId,
    ids: &[ConcernId],
    item: Option<AgendaItemId>,
    status: &str,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(concern::Entity::update_many()
        .col_expr(
            concern::Column::AgendaItemId,
            Expr::value(item.map(AgendaItemId::get)),
        )
        .col_expr(concern::Column::Status, Expr::value(status.to_owned()))
        .col_expr(concern::Column::UpdatedAt, Expr::value(now))
        .filter(concern::Column::TeamId.eq(team.get()))
        .filter(concern::Column::Id.is_in(ids.iter().map(|id| id.get())))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?
        .rows_affected)
}

/// The concerns under item `item`.
pub async fn concerns_of(
    conn: &impl ConnectionTrait,
    item: AgendaItemId,
) -> DbResult<Vec<ConcernId>> {
    Ok(concern::Entity::find()
        .filter(concern::Column::AgendaItemId.eq(item.get()))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| ConcernId(c.id))
        .collect())
}

/// After a published meeting: the concerns under the chosen items `chosen` become
/// priorities; every other item of cycle `from` moves to cycle `to` with its concerns, and so
/// do the concerns still new there (the long list goes on). Returns how many items moved.
pub async fn carry_over(
    conn: &impl ConnectionTrait,
    team: TeamId,
    from: CycleId,
    to: CycleId,
    chosen: &[AgendaItemId],
    now: DateTime<Utc>,
) -> DbResult<u64> {
    concern::Entity::update_many()
        .col_expr(
            concern::Column::Status,
            Expr::value(domain::inventory::ConcernStatus::Priority.code()),
        )
        .col_expr(concern::Column::UpdatedAt, Expr::value(now))
        .filter(concern::Column::TeamId.eq(team.get()))
        .filter(concern::Column::AgendaItemId.is_in(chosen.iter().map(|id| id.get())))
        .exec(conn)
        .await?;
    concern::Entity::update_many()
        .col_expr(concern::Column::CycleId, Expr::value(to.get()))
        .filter(concern::Column::TeamId.eq(team.get()))
        .filter(concern::Column::CycleId.eq(from.get()))
        .filter(concern::Column::Status.is_in([
            domain::inventory::ConcernStatus::New.code(),
            domain::inventory::ConcernStatus::OnAgenda.code(),
        ]))
        .exec(conn)
        .await?;
    Ok(agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::CycleId, Expr::value(to.get()))
        .filter(agenda_item::Column::TeamId.eq(team.get()))
        .filter(agenda_item::Column::CycleId.eq(from.get()))
        .filter(agenda_item::Column::Id.is_not_in(chosen.iter().map(|id| id.get())))
        .exec(conn)
        .await?
        .rows_affected)
}
