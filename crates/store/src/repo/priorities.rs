//! The priorities published meetings chose: open until a later meeting marks them done.

use chrono::{DateTime, Utc};
use domain::{AgendaItemId, BallotItemId, CycleId, MeetingId, MunicipalityId, PriorityId, TeamId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::priority;
use crate::error::{DbError, DbResult};

/// Still being worked on.
pub const OPEN: &str = "open";
/// Done (a later meeting said so).
pub const DONE: &str = "done";

/// A priority as services see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityRecord {
    /// Key.
    pub id: PriorityId,
    /// The cycle whose meeting chose it.
    pub cycle: CycleId,
    /// The meeting.
    pub meeting: MeetingId,
    /// The agenda item it came from.
    pub agenda_item: Option<AgendaItemId>,
    /// Title.
    pub title: String,
    /// Place in that meeting's ranking.
    pub rank: u32,
    /// The chair's mark: a quick win.
    pub quick_win: bool,
    /// The chair's mark: residents act on it themselves.
    pub residents_act: bool,
    /// Still open.
    pub open: bool,
    /// The cycle in which it was marked done.
    pub closed_in: Option<CycleId>,
}

impl TryFrom<priority::Model> for PriorityRecord {
    type Error = DbError;

    fn try_from(row: priority::Model) -> DbResult<Self> {
        Ok(PriorityRecord {
            id: PriorityId(row.id),
            cycle: CycleId(row.cycle_id),
            meeting: MeetingId(row.meeting_id),
            agenda_item: row.agenda_item_id.map(AgendaItemId),
            title: row.title,
            rank: domain::fit(row.rank, "priority rank")?,
            quick_win: row.quick_win,
            residents_act: row.residents_act,
            open: row.status == OPEN,
            closed_in: row.closed_in_cycle_id.map(CycleId),
        })
    }
}

/// A priority to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPriority {
    /// Tenant.
    pub municipality: MunicipalityId,
    /// Team.
    pub team: TeamId,
    /// The cycle whose meeting chose it.
    pub cycle: CycleId,
    /// The meeting.
    pub meeting: MeetingId,
    /// The ballot item.
    pub ballot_item: BallotItemId,
    /// The agenda item.
    pub agenda_item: Option<AgendaItemId>,
    /// Title.
    pub title: String,
    /// Rank.
    pub rank: u32,
    /// Quick win.
    pub quick_win: bool,
    /// Residents act themselves.
    pub residents_act: bool,
}

/// Adds a priority (open).
pub async fn add(
    conn: &impl ConnectionTrait,
    new: &NewPriority,
    now: DateTime<Utc>,
) -> DbResult<PriorityId> {
    super::insert_returning_id(
        conn,
        priority::ActiveModel {
            municipality_id: Set(new.municipality.get()),
            team_id: Set(new.team.get()),
            cycle_id: Set(new.cycle.get()),
            meeting_id: Set(new.meeting.get()),
            ballot_item_id: Set(new.ballot_item.get()),
            agenda_item_id: Set(new.agenda_item.map(AgendaItemId::get)),
            title: Set(new.title.clone()),
            rank: Set(domain::fit(new.rank, "priority rank")?),
            quick_win: Set(new.quick_win),
            residents_act: Set(new.residents_act),
            status: Set(OPEN.to_owned()),
            created_at: Set(now),
            ..Default::default()
        },
    )
    .await
    .map(PriorityId)
}

/// Every priority of `team`, the newest cycle first and by rank within a cycle.
pub async fn of_team(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<Vec<PriorityRecord>> {
    priority::Entity::find()
        .filter(priority::Column::TeamId.eq(team.get()))
        .order_by_desc(priority::Column::CycleId)
        .order_by_asc(priority::Column::Rank)
        .order_by_asc(priority::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(PriorityRecord::try_from)
        .collect()
}

/// Marks priority `id` of `team` done in cycle `cycle`.
pub async fn mark_done(
    conn: &impl ConnectionTrait,
    team: TeamId,
    id: PriorityId,
    cycle: CycleId,
) -> DbResult<()> {
    priority::Entity::update_many()
        .col_expr(priority::Column::Status, Expr::value(DONE))
        .col_expr(
            priority::Column::ClosedInCycleId,
            Expr::value(Some(cycle.get())),
        )
        .filter(priority::Column::Id.eq(id.get()))
        .filter(priority::Column::TeamId.eq(team.get()))
        .filter(priority::Column::Status.eq(OPEN))
        .exec(conn)
        .await?;
    Ok(())
}
