//! The votes of a meeting: paper counts as versions, the voter roll of one-time codes, and
//! the anonymous phone ballots.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::{BallotItemId, MeetingId, PaperCountId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::{paper_count, paper_count_line, phone_ballot, phone_ballot_line, vote_code};
use crate::error::{DbError, DbResult};

/// A count read from a column: never negative, or the row is refused.
fn count(n: i32, what: &'static str) -> DbResult<u64> {
    Ok(domain::fit(n, what)?)
}

/// A count as a column holds it: one that does not fit is refused, never clamped.
fn stored<N: Copy + std::fmt::Display>(n: N, what: &'static str) -> DbResult<i32>
where
    i32: TryFrom<N>,
{
    Ok(domain::fit(n, what)?)
}

/// One version of a paper count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperVersionRecord {
    /// Key.
    pub id: PaperCountId,
    /// 1, 2, ...
    pub version: i32,
    /// Attendees registered at the door who voted on paper.
    pub attendees: u64,
    /// Stickers per ballot item.
    pub stickers: BTreeMap<BallotItemId, u64>,
    /// Why this version corrects the one before.
    pub reason: Option<String>,
    /// Entered by (account).
    pub entered_by: UserId,
    /// Entered at.
    pub entered_at: DateTime<Utc>,
    /// Confirmed by (account).
    pub confirmed_by: Option<UserId>,
    /// Confirmed at.
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// Every version of meeting `meeting`'s paper count, oldest first.
pub async fn paper_versions(
    conn: &impl ConnectionTrait,
    meeting: MeetingId,
) -> DbResult<Vec<PaperVersionRecord>> {
    let rows = paper_count::Entity::find()
        .filter(paper_count::Column::MeetingId.eq(meeting.get()))
        .order_by_asc(paper_count::Column::Version)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut lines: BTreeMap<i64, BTreeMap<BallotItemId, u64>> = BTreeMap::new();
    if !ids.is_empty() {
        for line in paper_count_line::Entity::find()
            .filter(paper_count_line::Column::PaperCountId.is_in(ids))
            .all(conn)
            .await?
        {
            lines.entry(line.paper_count_id).or_default().insert(
                BallotItemId(line.ballot_item_id),
                count(line.stickers, "paper stickers")?,
            );
        }
    }
    rows.into_iter()
        .map(|row| {
            Ok(PaperVersionRecord {
                stickers: lines.remove(&row.id).unwrap_or_default(),
                id: PaperCountId(row.id),
                version: row.version,
                attendees: count(row.attendees, "paper attendees")?,
                reason: row.reason,
                entered_by: UserId(row.entered_by),
                entered_at: row.entered_at,
                confirmed_by: row.confirmed_by.map(UserId),
                confirmed_at: row.confirmed_at,
            })
        })
        .collect()
}

/// A new version of a paper count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPaperVersion<'a> {
    /// Meeting.
    pub meeting: MeetingId,
    /// Its number (one more than the latest; a second writer of the same number conflicts).
    pub version: i32,
    /// Attendees.
    pub attendees: u64,
    /// Stickers per ballot item.
    pub stickers: &'a BTreeMap<BallotItemId, u64>,
    /// Reason of a correction.
    pub reason: Option<String>,
    /// Entered by.
    pub by: UserId,
}

/// Adds a version; `DbError::Conflict` when someone added that version number first.
pub async fn add_paper_version(
    conn: &impl ConnectionTrait,
    new: &NewPaperVersion<'_>,
    now: DateTime<Utc>,
) -> DbResult<PaperCountId> {
    let id = super::insert_returning_id(
        conn,
        paper_count::ActiveModel {
            meeting_id: Set(new.meeting.get()),
            version: Set(new.version),
            attendees: Set(stored(new.attendees, "paper attendees")?),
            reason: Set(new.reason.clone()),
            entered_by: Set(new.by.get()),
            entered_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let lines = new
        .stickers
        .iter()
        .map(|(item, n)| {
            Ok(paper_count_line::ActiveModel {
                paper_count_id: Set(id),
                ballot_item_id: Set(item.get()),
                stickers: Set(stored(*n, "paper stickers")?),
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    if !lines.is_empty() {
        paper_count_line::Entity::insert_many(lines)
            .exec(conn)
            .await
            .map_err(DbError::from_driver)?;
    }
    Ok(PaperCountId(id))
}

/// Confirms version `id`; false when it was confirmed already.
pub async fn confirm_paper(
    conn: &impl ConnectionTrait,
    id: PaperCountId,
    by: UserId,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let done = paper_count::Entity::update_many()
        .col_expr(
            paper_count::Column::ConfirmedBy,
            Expr::value(Some(by.get())),
        )
        .col_expr(paper_count::Column::ConfirmedAt, Expr::value(Some(now)))
        .filter(paper_count::Column::Id.eq(id.get()))
        .filter(paper_count::Column::ConfirmedBy.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Adds one-time codes (their hashes) to meeting `meeting`'s voter roll.
pub async fn add_codes(
    conn: &impl ConnectionTrait,
    meeting: MeetingId,
    hashes: &[String],
    now: DateTime<Utc>,
) -> DbResult<()> {
    for chunk in hashes.chunks(500) {
        let rows = chunk.iter().map(|hash| vote_code::ActiveModel {
            meeting_id: Set(meeting.get()),
            code_hash: Set(hash.clone()),
            used: Set(false),
            created_at: Set(now),
            ..Default::default()
        });
        vote_code::Entity::insert_many(rows)
            .exec(conn)
            .await
            .map_err(DbError::from_driver)?;
    }
    Ok(())
}

/// The meeting a code belongs to and whether it was used.
pub async fn find_code(
    conn: &impl ConnectionTrait,
    hash: &str,
) -> DbResult<Option<(MeetingId, bool)>> {
    Ok(vote_code::Entity::find()
        .select_only()
        .column(vote_code::Column::MeetingId)
        .column(vote_code::Column::Used)
        .filter(vote_code::Column::CodeHash.eq(hash))
        .into_tuple::<(i64, bool)>()
        .one(conn)
        .await?
        .map(|(meeting, used)| (MeetingId(meeting), used)))
}

/// Marks a code used if it was not; true for exactly one caller per code, however many try
/// at once (a conditional `UPDATE`: on PostgreSQL the second waits for the first and then
/// finds nothing to update).
pub async fn claim_code(
    conn: &impl ConnectionTrait,
    meeting: MeetingId,
    hash: &str,
) -> DbResult<bool> {
    let done = vote_code::Entity::update_many()
        .col_expr(vote_code::Column::Used, Expr::value(true))
        .filter(vote_code::Column::MeetingId.eq(meeting.get()))
        .filter(vote_code::Column::CodeHash.eq(hash))
        .filter(vote_code::Column::Used.eq(false))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// How many codes meeting `meeting` has, and how many were used.
pub async fn code_counts(conn: &impl ConnectionTrait, meeting: MeetingId) -> DbResult<(u64, u64)> {
    let all = vote_code::Entity::find()
        .filter(vote_code::Column::MeetingId.eq(meeting.get()))
        .count(conn)
        .await?;
    let used = vote_code::Entity::find()
        .filter(vote_code::Column::MeetingId.eq(meeting.get()))
        .filter(vote_code::Column::Used.eq(true))
        .count(conn)
        .await?;
    Ok((all, used))
}

/// Stores an anonymous ballot: stickers per ballot item.
pub async fn add_ballot(
    conn: &impl ConnectionTrait,
    meeting: MeetingId,
    stickers: &BTreeMap<BallotItemId, u32>,
) -> DbResult<()> {
    let id = super::insert_returning_id(
        conn,
        phone_ballot::ActiveModel {
            meeting_id: Set(meeting.get()),
            ..Default::default()
        },
    )
    .await?;
    let lines = stickers
        .iter()
        .map(|(item, n)| {
            Ok(phone_ballot_line::ActiveModel {
                phone_ballot_id: Set(id),
                ballot_item_id: Set(item.get()),
                stickers: Set(stored(*n, "phone stickers")?),
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    phone_ballot_line::Entity::insert_many(lines)
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Every phone ballot of meeting `meeting` (stickers per ballot item), in no meaningful order.
pub async fn ballots(
    conn: &impl ConnectionTrait,
    meeting: MeetingId,
) -> DbResult<Vec<BTreeMap<BallotItemId, u32>>> {
    let rows: Vec<(i64, i64, i32)> = phone_ballot_line::Entity::find()
        .select_only()
        .column(phone_ballot_line::Column::PhoneBallotId)
        .column(phone_ballot_line::Column::BallotItemId)
        .column(phone_ballot_line::Column::Stickers)
        .inner_join(phone_ballot::Entity)
        .filter(phone_ballot::Column::MeetingId.eq(meeting.get()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut by_ballot: BTreeMap<i64, BTreeMap<BallotItemId, u32>> = BTreeMap::new();
    for (ballot, item, n) in rows {
        by_ballot
            .entry(ballot)
            .or_default()
            .insert(BallotItemId(item), domain::fit(n, "phone stickers")?);
    }
    Ok(by_ballot.into_values().collect())
}

/// The live phone tally of meeting `meeting`: stickers per ballot item and the number of
/// ballots, in two aggregate queries (the projector asks every second or two).
pub async fn phone_tally(
    conn: &impl ConnectionTrait,
    meeting: MeetingId,
) -> DbResult<(BTreeMap<BallotItemId, u64>, u64)> {
    let sums: Vec<(i64, Option<i64>)> = phone_ballot_line::Entity::find()
        .select_only()
        .column(phone_ballot_line::Column::BallotItemId)
        .column_as(phone_ballot_line::Column::Stickers.sum(), "total")
        .inner_join(phone_ballot::Entity)
        .filter(phone_ballot::Column::MeetingId.eq(meeting.get()))
        .group_by(phone_ballot_line::Column::BallotItemId)
        .into_tuple()
        .all(conn)
        .await?;
    let voters = phone_ballot::Entity::find()
        .filter(phone_ballot::Column::MeetingId.eq(meeting.get()))
        .count(conn)
        .await?;
    let sums = sums
        .into_iter()
        .map(|(item, n)| {
            Ok((
                BallotItemId(item),
                domain::fit(n.unwrap_or(0), "phone stickers")?,
            ))
        })
        .collect::<DbResult<_>>()?;
    Ok((sums, voters))
}
