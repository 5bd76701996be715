//! After the vote: the result (paper and phone added up, ranked, cut off by the team's tie
//! rule, the chair's marks) and publishing it, which records the counts and the hash of the
//! canonical ballot export, makes the chosen items the team's priorities, and starts the next
//! cycle with the long list carried over.

use std::collections::BTreeSet;

use domain::meeting::{Calendar, MeetingState};
use domain::tally::{self, Ballot, ItemCount, Paper, Ranking, TieRule};
use domain::{AgendaItemId, BallotItemId, MunicipalityId, PriorityId, fit};
use store::repo::meetings::{self, ItemResult, MeetingRecord, Published};
use store::repo::priorities::{self, NewPriority};
use store::repo::{agenda, cycles, votes};

use super::count::history;
use super::plan::running;
use super::{BallotItemRecord, Scene, audit, facilitator};
use crate::scope::TeamScope;
use crate::{Ctx, ServiceError, ServiceResult};

/// One row of the result.
#[derive(Clone, Debug)]
pub struct ResultRow {
    /// The ballot item.
    pub item: BallotItemRecord,
    /// Its stickers.
    pub count: ItemCount,
    /// Its place: one more than the items with more stickers (ties share a place).
    pub rank: u32,
    /// Chosen by the rule (and the chair, if given).
    pub chosen: bool,
    /// Tied at the cut-off.
    pub tied: bool,
}

/// The result of a closed meeting, before or after publishing.
#[derive(Clone, Debug)]
pub struct ResultView {
    /// The meeting.
    pub meeting: MeetingRecord,
    /// Rows, best first.
    pub rows: Vec<ResultRow>,
    /// The chair must still choose among the tied items.
    pub chair_must_choose: bool,
    /// Places left for the chair.
    pub places_left: usize,
    /// A paper count waits for its confirmation.
    pub paper_waiting: bool,
    /// Attendees on paper plus phone voters.
    pub attendees: u64,
    /// Phone voters.
    pub phone_voters: u64,
    /// Stickers used.
    pub stickers_used: u64,
    /// SHA-256 of the canonical export.
    pub export_hash: String,
}

/// The counted inputs of a meeting.
struct Counted {
    ballot: Vec<BallotItemRecord>,
    papers: Vec<Paper>,
    ballots: Vec<Ballot>,
    paper_waiting: bool,
}

async fn counted(conn: &impl store::Db, meeting: &MeetingRecord) -> ServiceResult<Counted> {
    let ballot = meetings::ballot(conn, meeting.id).await?;
    let items: Vec<BallotItemId> = ballot.iter().map(|b| b.id).collect();
    let hist = history(&votes::paper_versions(conn, meeting.id).await?);
    let papers: Vec<Paper> = hist
        .counted()
        .map(|v| v.count.clone())
        .into_iter()
        .collect();
    let mut ballots = Vec::new();
    for stored in votes::ballots(conn, meeting.id).await? {
        let mut choices: Vec<BallotItemId> = Vec::new();
        for (item, n) in &stored {
            choices.extend(std::iter::repeat_n(
                *item,
                fit::<usize, _>(*n, "phone stickers")?,
            ));
        }
        // Every stored ballot was checked when cast; checking again costs nothing and keeps
        // a tampered row out of the result.
        if let Ok(checked) = tally::ballot(&meeting.settings, &items, &choices) {
            ballots.push(checked);
        }
    }
    Ok(Counted {
        ballot,
        papers,
        ballots,
        paper_waiting: hist.waiting(),
    })
}

fn view(
    meeting: &MeetingRecord,
    counted: &Counted,
    ranking: &Ranking,
) -> ServiceResult<ResultView> {
    let items: Vec<BallotItemId> = counted.ballot.iter().map(|b| b.id).collect();
    let sum = tally::tally(&items, &counted.papers, &counted.ballots);
    let titles: Vec<(BallotItemId, &str)> = counted
        .ballot
        .iter()
        .map(|b| (b.id, b.title.as_str()))
        .collect();
    let export = domain::ballot_export::canonical(&titles, &counted.papers, &counted.ballots);
    let mut rows = Vec::with_capacity(ranking.ranked.len());
    for (id, total) in &ranking.ranked {
        let Some(item) = counted.ballot.iter().find(|b| b.id == *id) else {
            continue;
        };
        let above = ranking.ranked.iter().filter(|(_, n)| n > total).count();
        rows.push(ResultRow {
            count: sum.items.get(id).copied().unwrap_or_default(),
            rank: fit(above + 1, "rank")?,
            chosen: ranking.chosen.contains(id),
            tied: ranking.tied.contains(id),
            item: item.clone(),
        });
    }
    let places: usize = fit(meeting.settings.priorities, "priorities")?;
    Ok(ResultView {
        meeting: meeting.clone(),
        rows,
        chair_must_choose: ranking.chair_must_choose,
        places_left: places.saturating_sub(ranking.chosen.len()),
        paper_waiting: counted.paper_waiting,
        attendees: sum.paper_voters + sum.phone_voters,
        phone_voters: sum.phone_voters,
        stickers_used: sum.stickers(),
        export_hash: domain::ballot_export::hash(&export),
    })
}

fn ranking(
    meeting: &MeetingRecord,
    counted: &Counted,
    chair: Option<&[BallotItemId]>,
) -> ServiceResult<Ranking> {
    let items: Vec<BallotItemId> = counted.ballot.iter().map(|b| b.id).collect();
    let sum = tally::tally(&items, &counted.papers, &counted.ballots);
    tally::rank(&meeting.settings, &sum, chair)
        .map_err(|_| ServiceError::invalid("chair", "error-publish-chair"))
}

/// The result of the team's closed meeting, by the rule alone (the chair has not
/// chosen yet).
pub async fn result(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<ResultView> {
    let scene = running(ctx, scope).await?;
    let meeting = scene.meeting_in(MeetingState::Closed)?;
    let counted = counted(ctx.store.conn(), meeting).await?;
    let ranking = ranking(meeting, &counted, None)?;
    view(meeting, &counted, &ranking)
}

/// What the chair decides when publishing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishInput {
    /// Under "the chair decides": the tied items the chair chooses.
    pub chair: Vec<BallotItemId>,
    /// The chair's reason for that choice.
    pub reason: String,
    /// Items marked as quick wins.
    pub quick_wins: Vec<BallotItemId>,
    /// Items residents act on themselves.
    pub residents_act: Vec<BallotItemId>,
    /// Earlier priorities that are done (the others continue).
    pub done: Vec<PriorityId>,
}

/// Publishes the result of the team's closed meeting and starts the next cycle.
/// Refused while a paper count waits for confirmation, or when the chair must choose and has
/// not (or chose wrongly, or gave no reason). Audited as `meeting.publish`.
pub async fn publish(ctx: &Ctx, scope: &TeamScope, input: &PublishInput) -> ServiceResult<()> {
    let scene = running(ctx, scope).await?;
    let by = facilitator(scope.actor())?;
    let meeting = scene.meeting_in(MeetingState::Closed)?.clone();
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let counted = counted(&tx, &meeting).await?;
    if counted.paper_waiting {
        return Err(ServiceError::invalid(
            "paper",
            "error-publish-paper-waiting",
        ));
    }
    let by_rule = ranking(&meeting, &counted, None)?;
    let chair = by_rule.chair_must_choose.then_some(input.chair.as_slice());
    let ranking = ranking(&meeting, &counted, chair)?;
    let reason = input.reason.trim();
    let chair_reason = if chair.is_some() {
        if reason.is_empty() {
            return Err(ServiceError::invalid("reason", "error-publish-reason"));
        }
        Some(reason.to_owned())
    } else {
        None
    };
    debug_assert!(meeting.settings.ties == TieRule::ChairDecides || chair_reason.is_none());
    let result = view(&meeting, &counted, &ranking)?;
    if !meetings::publish(
        &tx,
        meeting.id,
        &Published {
            by,
            attendees: fit(result.attendees, "attendees")?,
            phone_voters: fit(result.phone_voters, "phone voters")?,
            stickers_used: fit(result.stickers_used, "stickers used")?,
            export_hash: result.export_hash.clone(),
            chair_reason,
        },
        now,
    )
    .await?
    {
        return Err(ServiceError::Conflict("published already".into()));
    }
    let quick: BTreeSet<BallotItemId> = input.quick_wins.iter().copied().collect();
    let residents: BTreeSet<BallotItemId> = input.residents_act.iter().copied().collect();
    let mut chosen_agenda = Vec::new();
    for row in &result.rows {
        let marks = ItemResult {
            paper: fit(row.count.paper, "paper stickers")?,
            phone: fit(row.count.phone, "phone stickers")?,
            rank: row.rank,
            chosen: row.chosen,
            quick_win: quick.contains(&row.item.id),
            residents_act: residents.contains(&row.item.id),
        };
        meetings::set_item_result(&tx, row.item.id, &marks).await?;
        if row.chosen {
            chosen_agenda.extend(row.item.agenda_item);
            priorities::add(
                &tx,
                &NewPriority {
                    municipality: scope.municipality(),
                    team: scene.team.id,
                    cycle: scene.cycle.id,
                    meeting: meeting.id,
                    ballot_item: row.item.id,
                    agenda_item: row.item.agenda_item,
                    title: row.item.title.clone(),
                    rank: row.rank,
                    quick_win: marks.quick_win,
                    residents_act: marks.residents_act,
                },
                now,
            )
            .await?;
        }
    }
    for done in &input.done {
        priorities::mark_done(&tx, scene.team.id, *done, scene.cycle.id).await?;
    }
    let next = start_next_cycle(ctx, &tx, scope.municipality(), &scene, &chosen_agenda).await?;
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.publish",
        ("meeting", meeting.id.get()),
        serde_json::json!({
            "chosen": result.rows.iter().filter(|r| r.chosen).map(|r| r.item.id).collect::<Vec<_>>(),
            "attendees": result.attendees,
            "hash": result.export_hash,
            "next_cycle": next.number,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the scene's cycle and starts the next one today, with the team's default calendar
/// and the long list carried over.
async fn start_next_cycle(
    ctx: &Ctx,
    tx: &store::Tx,
    m: MunicipalityId,
    scene: &Scene,
    chosen_agenda: &[AgendaItemId],
) -> ServiceResult<store::repo::cycles::CycleRecord> {
    let now = ctx.clock.now();
    let today = crate::scope::today(now);
    cycles::close(tx, scene.cycle.id, now).await?;
    let calendar = Calendar::default_for(today, scene.settings.weeks);
    let next = cycles::create(
        tx,
        m,
        scene.team.id,
        scene.cycle.number + 1,
        calendar.starts_on,
        calendar.ends_on,
        now,
    )
    .await?;
    cycles::set_calendar(
        tx,
        next.id,
        calendar.starts_on,
        calendar.inventory_ends_on,
        calendar.ends_on,
    )
    .await?;
    agenda::carry_over(
        tx,
        scene.team.id,
        scene.cycle.id,
        next.id,
        chosen_agenda,
        now,
    )
    .await?;
    Ok(next)
}
