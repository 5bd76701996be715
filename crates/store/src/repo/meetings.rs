//! A team's meeting settings, its meetings and their frozen ballots.

use chrono::{DateTime, Utc};
use domain::meeting::{MeetingState, TeamSettings};
use domain::tally::{Settings, TieRule};
use domain::{AgendaItemId, BallotItemId, CycleId, MeetingId, MunicipalityId, TeamId, UserId};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::{ballot_item, meeting, team_settings};
use crate::error::{DbError, DbResult};

/// A count read from a column: never negative, or the row is refused.
fn count(n: i32, what: &'static str) -> DbResult<u32> {
    Ok(domain::fit(n, what)?)
}

/// A count as a column holds it: one that does not fit is refused, never clamped.
fn stored(n: u32, what: &'static str) -> DbResult<i32> {
    Ok(domain::fit(n, what)?)
}

fn parse_code<T: std::str::FromStr>(code: &str, what: &str) -> DbResult<T> {
    code.parse()
        .map_err(|_| DbError::Driver(sea_orm::DbErr::Custom(format!("unknown {what} {code:?}"))))
}

/// The settings of `team`, or the defaults when it never set any.
pub async fn settings(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<TeamSettings> {
    let Some(row) = team_settings::Entity::find_by_id(team.get())
        .one(conn)
        .await?
    else {
        return Ok(TeamSettings::default());
    };
    Ok(TeamSettings {
        weeks: count(row.cycle_weeks, "cycle weeks")?,
        vote: Settings {
            stickers: count(row.stickers, "stickers")?,
            priorities: count(row.priorities, "priorities")?,
            stack: row.stack,
            ties: parse_code::<TieRule>(&row.tie_rule, "tie rule")?,
        },
    })
}

/// Stores the settings of `team`.
pub async fn save_settings(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    team: TeamId,
    value: &TeamSettings,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let row = team_settings::ActiveModel {
        team_id: Set(team.get()),
        municipality_id: Set(municipality.get()),
        cycle_weeks: Set(stored(value.weeks, "cycle weeks")?),
        stickers: Set(stored(value.vote.stickers, "stickers")?),
        priorities: Set(stored(value.vote.priorities, "priorities")?),
        stack: Set(value.vote.stack),
        tie_rule: Set(value.vote.ties.code().to_owned()),
        updated_at: Set(now),
    };
    team_settings::Entity::insert(row)
        .on_conflict(
            OnConflict::column(team_settings::Column::TeamId)
                .update_columns([
                    team_settings::Column::CycleWeeks,
                    team_settings::Column::Stickers,
                    team_settings::Column::Priorities,
                    team_settings::Column::Stack,
                    team_settings::Column::TieRule,
                    team_settings::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// A meeting as services see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingRecord {
    /// Key.
    pub id: MeetingId,
    /// Tenant.
    pub municipality: MunicipalityId,
    /// Team.
    pub team: TeamId,
    /// The cycle it closes.
    pub cycle: CycleId,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Venue name.
    pub venue: String,
    /// Venue address.
    pub venue_address: String,
    /// Accessibility of the venue.
    pub accessibility: String,
    /// State.
    pub state: MeetingState,
    /// The vote's settings, frozen when the meeting opens.
    pub settings: Settings,
    /// When the result was published.
    pub published_at: Option<DateTime<Utc>>,
    /// Published: attendees (paper voters plus phone voters).
    pub attendees: Option<u32>,
    /// Published: phone voters.
    pub phone_voters: Option<u32>,
    /// Published: stickers used.
    pub stickers_used: Option<u32>,
    /// Published: SHA-256 of the canonical ballot export.
    pub export_hash: Option<String>,
    /// Published: the chair's reason for a choice among tied items.
    pub chair_reason: Option<String>,
    /// Published by (account).
    pub published_by: Option<UserId>,
}

impl TryFrom<meeting::Model> for MeetingRecord {
    type Error = DbError;

    fn try_from(row: meeting::Model) -> DbResult<Self> {
        Ok(MeetingRecord {
            id: MeetingId(row.id),
            municipality: MunicipalityId(row.municipality_id),
            team: TeamId(row.team_id),
            cycle: CycleId(row.cycle_id),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            venue: row.venue,
            venue_address: row.venue_address,
            accessibility: row.accessibility,
            state: parse_code(&row.state, "meeting state")?,
            settings: Settings {
                stickers: count(row.stickers, "stickers")?,
                priorities: count(row.priorities, "priorities")?,
                stack: row.stack,
                ties: parse_code(&row.tie_rule, "tie rule")?,
            },
            published_at: row.published_at,
            attendees: row.attendees.map(|n| count(n, "attendees")).transpose()?,
            phone_voters: row
                .phone_voters
                .map(|n| count(n, "phone voters"))
                .transpose()?,
            stickers_used: row
                .stickers_used
                .map(|n| count(n, "stickers used"))
                .transpose()?,
            export_hash: row.export_hash,
            chair_reason: row.chair_reason,
            published_by: row.published_by.map(UserId),
        })
    }
}

/// When and where a meeting is, in UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Venue name.
    pub venue: String,
    /// Venue address.
    pub venue_address: String,
    /// Accessibility.
    pub accessibility: String,
}

/// The meeting of `cycle`, if planned.
pub async fn for_cycle(
    conn: &impl ConnectionTrait,
    cycle: CycleId,
) -> DbResult<Option<MeetingRecord>> {
    meeting::Entity::find()
        .filter(meeting::Column::CycleId.eq(cycle.get()))
        .one(conn)
        .await?
        .map(MeetingRecord::try_from)
        .transpose()
}

/// Meeting `id` of `municipality`.
pub async fn find(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: MeetingId,
) -> DbResult<Option<MeetingRecord>> {
    meeting::Entity::find_by_id(id.get())
        .filter(meeting::Column::MunicipalityId.eq(municipality.get()))
        .one(conn)
        .await?
        .map(MeetingRecord::try_from)
        .transpose()
}

/// Meeting `id`, whatever its municipality (a voter's code names the meeting).
pub async fn get(conn: &impl ConnectionTrait, id: MeetingId) -> DbResult<Option<MeetingRecord>> {
    meeting::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .map(MeetingRecord::try_from)
        .transpose()
}

/// The published meetings of `team`, newest first.
pub async fn published(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<Vec<MeetingRecord>> {
    meeting::Entity::find()
        .filter(meeting::Column::TeamId.eq(team.get()))
        .filter(meeting::Column::State.eq(MeetingState::Published.code()))
        .order_by_desc(meeting::Column::StartsAt)
        .all(conn)
        .await?
        .into_iter()
        .map(MeetingRecord::try_from)
        .collect()
}

/// Plans the meeting of `cycle`.
pub async fn create(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    team: TeamId,
    cycle: CycleId,
    place: &Place,
    settings: &Settings,
    now: DateTime<Utc>,
) -> DbResult<MeetingId> {
    let row = meeting::ActiveModel {
        municipality_id: Set(municipality.get()),
        team_id: Set(team.get()),
        cycle_id: Set(cycle.get()),
        starts_at: Set(place.starts_at),
        ends_at: Set(place.ends_at),
        venue: Set(place.venue.clone()),
        venue_address: Set(place.venue_address.clone()),
        accessibility: Set(place.accessibility.clone()),
        state: Set(MeetingState::Planned.code().to_owned()),
        stickers: Set(stored(settings.stickers, "stickers")?),
        priorities: Set(stored(settings.priorities, "priorities")?),
        stack: Set(settings.stack),
        tie_rule: Set(settings.ties.code().to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await.map(MeetingId)
}

/// Changes when and where meeting `id` is.
pub async fn update_place(
    conn: &impl ConnectionTrait,
    id: MeetingId,
    place: &Place,
) -> DbResult<()> {
    meeting::Entity::update_many()
        .col_expr(meeting::Column::StartsAt, Expr::value(place.starts_at))
        .col_expr(meeting::Column::EndsAt, Expr::value(place.ends_at))
        .col_expr(meeting::Column::Venue, Expr::value(place.venue.clone()))
        .col_expr(
            meeting::Column::VenueAddress,
            Expr::value(place.venue_address.clone()),
        )
        .col_expr(
            meeting::Column::Accessibility,
            Expr::value(place.accessibility.clone()),
        )
        .filter(meeting::Column::Id.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Opens meeting `id` with `settings` frozen, if it is still planned; false otherwise.
pub async fn open(
    conn: &impl ConnectionTrait,
    id: MeetingId,
    settings: &Settings,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let done = meeting::Entity::update_many()
        .col_expr(
            meeting::Column::State,
            Expr::value(MeetingState::Open.code()),
        )
        .col_expr(
            meeting::Column::Stickers,
            Expr::value(stored(settings.stickers, "stickers")?),
        )
        .col_expr(
            meeting::Column::Priorities,
            Expr::value(stored(settings.priorities, "priorities")?),
        )
        .col_expr(meeting::Column::Stack, Expr::value(settings.stack))
        .col_expr(meeting::Column::TieRule, Expr::value(settings.ties.code()))
        .col_expr(meeting::Column::OpenedAt, Expr::value(Some(now)))
        .filter(meeting::Column::Id.eq(id.get()))
        .filter(meeting::Column::State.eq(MeetingState::Planned.code()))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Moves meeting `id` from `from` to `to`; false when it was not in `from` (someone else
/// moved it first).
pub async fn transition(
    conn: &impl ConnectionTrait,
    id: MeetingId,
    from: MeetingState,
    to: MeetingState,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let mut update = meeting::Entity::update_many()
        .col_expr(meeting::Column::State, Expr::value(to.code()))
        .filter(meeting::Column::Id.eq(id.get()))
        .filter(meeting::Column::State.eq(from.code()));
    if to == MeetingState::Closed {
        update = update.col_expr(meeting::Column::ClosedAt, Expr::value(Some(now)));
    }
    Ok(update.exec(conn).await?.rows_affected == 1)
}

/// The published result's record on the meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// Who published.
    pub by: UserId,
    /// Attendees (paper and phone).
    pub attendees: u32,
    /// Phone voters.
    pub phone_voters: u32,
    /// Stickers used.
    pub stickers_used: u32,
    /// SHA-256 of the canonical export.
    pub export_hash: String,
    /// The chair's reason, when the chair chose among tied items.
    pub chair_reason: Option<String>,
}

/// Publishes closed meeting `id`; false when it was not closed.
pub async fn publish(
    conn: &impl ConnectionTrait,
    id: MeetingId,
    result: &Published,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let done = meeting::Entity::update_many()
        .col_expr(
            meeting::Column::State,
            Expr::value(MeetingState::Published.code()),
        )
        .col_expr(meeting::Column::PublishedAt, Expr::value(Some(now)))
        .col_expr(
            meeting::Column::PublishedBy,
            Expr::value(Some(result.by.get())),
        )
        .col_expr(
            meeting::Column::Attendees,
            Expr::value(Some(stored(result.attendees, "attendees")?)),
        )
        .col_expr(
            meeting::Column::PhoneVoters,
            Expr::value(Some(stored(result.phone_voters, "phone voters")?)),
        )
        .col_expr(
            meeting::Column::StickersUsed,
            Expr::value(Some(stored(result.stickers_used, "stickers used")?)),
        )
        .col_expr(
            meeting::Column::ExportHash,
            Expr::value(Some(result.export_hash.clone())),
        )
        .col_expr(
            meeting::Column::ChairReason,
            Expr::value(result.chair_reason.clone()),
        )
        .filter(meeting::Column::Id.eq(id.get()))
        .filter(meeting::Column::State.eq(MeetingState::Closed.code()))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Within a write transaction: the state of meeting `id`, holding a shared lock on its row
/// on PostgreSQL until the transaction ends, so that a ballot and the chair closing the vote
/// cannot pass each other (closing waits for ballots in flight; ballots after it see
/// "closed"). SQLite's write transactions take turns anyway.
pub async fn state_for_vote(
    conn: &impl ConnectionTrait,
    id: MeetingId,
) -> DbResult<Option<MeetingState>> {
    let query = meeting::Entity::find_by_id(id.get())
        .select_only()
        .column(meeting::Column::State);
    let query = if conn.get_database_backend() == DatabaseBackend::Postgres {
        query.lock_shared()
    } else {
        query
    };
    query
        .into_tuple::<String>()
        .one(conn)
        .await?
        .map(|code| parse_code(&code, "meeting state"))
        .transpose()
}

/// An item on a frozen ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotItemRecord {
    /// Key.
    pub id: BallotItemId,
    /// The agenda item it was frozen from.
    pub agenda_item: Option<AgendaItemId>,
    /// Title as on the ballot.
    pub title: String,
    /// 1, 2, ...
    pub position: i32,
    /// Published: stickers on paper.
    pub paper: Option<u32>,
    /// Published: stickers by phone.
    pub phone: Option<u32>,
    /// Published: place in the ranking.
    pub rank: Option<u32>,
    /// Published: chosen as a priority.
    pub chosen: bool,
    /// The chair's mark: a quick win.
    pub quick_win: bool,
    /// The chair's mark: residents act on it themselves.
    pub residents_act: bool,
}

impl TryFrom<ballot_item::Model> for BallotItemRecord {
    type Error = DbError;

    fn try_from(row: ballot_item::Model) -> DbResult<Self> {
        Ok(BallotItemRecord {
            id: BallotItemId(row.id),
            agenda_item: row.agenda_item_id.map(AgendaItemId),
            title: row.title,
            position: row.position,
            paper: row
                .paper_stickers
                .map(|n| count(n, "paper stickers"))
                .transpose()?,
            phone: row
                .phone_stickers
                .map(|n| count(n, "phone stickers"))
                .transpose()?,
            rank: row.rank.map(|n| count(n, "rank")).transpose()?,
            chosen: row.chosen,
            quick_win: row.quick_win,
            residents_act: row.residents_act,
        })
    }
}

/// Freezes the ballot of meeting `id`: `items` (agenda item, title) in order.
pub async fn freeze_ballot(
    conn: &impl ConnectionTrait,
    id: MeetingId,
    items: &[(AgendaItemId, String)],
) -> DbResult<()> {
    if items.is_empty() {
        return Ok(());
    }
    let rows = items
        .iter()
        .enumerate()
        .map(|(n, (agenda_item, title))| {
            Ok(ballot_item::ActiveModel {
                meeting_id: Set(id.get()),
                agenda_item_id: Set(Some(agenda_item.get())),
                title: Set(title.clone()),
                position: Set(domain::fit(n + 1, "ballot position")?),
                chosen: Set(false),
                quick_win: Set(false),
                residents_act: Set(false),
                ..Default::default()
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    ballot_item::Entity::insert_many(rows)
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// The ballot of meeting `id`, in order.
pub async fn ballot(conn: &impl ConnectionTrait, id: MeetingId) -> DbResult<Vec<BallotItemRecord>> {
    ballot_item::Entity::find()
        .filter(ballot_item::Column::MeetingId.eq(id.get()))
        .order_by_asc(ballot_item::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(BallotItemRecord::try_from)
        .collect()
}

/// The published figures and marks of one ballot item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemResult {
    /// Stickers on paper.
    pub paper: u32,
    /// Stickers by phone.
    pub phone: u32,
    /// Place in the ranking.
    pub rank: u32,
    /// Chosen.
    pub chosen: bool,
    /// Quick win.
    pub quick_win: bool,
    /// Residents act themselves.
    pub residents_act: bool,
}

/// Records the published result of ballot item `id`.
pub async fn set_item_result(
    conn: &impl ConnectionTrait,
    id: BallotItemId,
    result: &ItemResult,
) -> DbResult<()> {
    ballot_item::Entity::update_many()
        .col_expr(
            ballot_item::Column::PaperStickers,
            Expr::value(Some(stored(result.paper, "paper stickers")?)),
        )
        .col_expr(
            ballot_item::Column::PhoneStickers,
            Expr::value(Some(stored(result.phone, "phone stickers")?)),
        )
        .col_expr(
            ballot_item::Column::Rank,
            Expr::value(Some(stored(result.rank, "rank")?)),
        )
        .col_expr(ballot_item::Column::Chosen, Expr::value(result.chosen))
        .col_expr(ballot_item::Column::QuickWin, Expr::value(result.quick_win))
        .col_expr(
            ballot_item::Column::ResidentsAct,
            Expr::value(result.residents_act),
        )
        .filter(ballot_item::Column::Id.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}
