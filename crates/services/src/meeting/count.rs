//! During the meeting: the paper count (entered, confirmed by a second facilitator, corrected
//! as a new version with a reason), closing the vote, and the live tally for the projector.

use std::collections::BTreeMap;

use domain::access::Action;
use domain::meeting::MeetingState;
use domain::paper_count::{History, Problem, Version};
use domain::tally::{self, Paper, Refusal};
use store::repo::meetings::{self, MeetingRecord};
use store::repo::votes::{self, NewPaperVersion, PaperVersionRecord};

use super::plan::running;
use super::{BallotItemRecord, audit, facilitator, scene};
use crate::scope::TeamScope;
use crate::{Ctx, FieldError, ServiceError, ServiceResult};

/// Most attendees or stickers a count may name (far above any hall).
const MAX_COUNT: u64 = 100_000;

/// A paper count as typed: attendees, stickers per ballot item, and the reason of a
/// correction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaperInput {
    /// Attendees registered at the door who voted on paper.
    pub attendees: String,
    /// Stickers per ballot item, as typed.
    pub stickers: BTreeMap<domain::BallotItemId, String>,
    /// Why this corrects the count before (required for a correction).
    pub reason: String,
}

fn number(typed: &str, field: &'static str, key: &'static str) -> ServiceResult<u64> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(0);
    }
    match typed.parse::<u64>() {
        Ok(n) if n <= MAX_COUNT => Ok(n),
        _ => Err(ServiceError::invalid(field, key)),
    }
}

fn refusal(refusal: &Refusal) -> FieldError {
    match refusal {
        Refusal::MoreThanAttendees { .. } => FieldError {
            field: "attendees",
            message_key: "error-paper-more-than-attendees",
        },
        Refusal::ItemOverAttendees(_) => FieldError {
            field: "stickers",
            message_key: "error-paper-item-over-attendees",
        },
        _ => FieldError {
            field: "stickers",
            message_key: "error-paper-not-on-ballot",
        },
    }
}

fn problem(p: &Problem) -> ServiceError {
    match p {
        Problem::Impossible(r) => ServiceError::Validation(vec![refusal(r)]),
        Problem::NoReason => ServiceError::invalid("reason", "error-paper-reason"),
        Problem::OwnVersion => ServiceError::invalid("confirm", "error-paper-own"),
        Problem::NothingToConfirm => ServiceError::invalid("confirm", "error-paper-nothing"),
        Problem::AlreadyEntered => ServiceError::Conflict("a count was entered already".into()),
    }
}

/// The stored versions as the domain's history.
pub(crate) fn history(versions: &[PaperVersionRecord]) -> History {
    History::from_versions(
        versions
            .iter()
            .map(|v| Version {
                count: Paper {
                    stickers: v.stickers.clone(),
                    attendees: v.attendees,
                },
                entered_by: v.entered_by,
                reason: v.reason.clone(),
                confirmed_by: v.confirmed_by,
            })
            .collect(),
    )
}

/// Enters the paper count of the team's meeting (open or closed), or a correction
/// of it when one exists (then a reason is required). Impossible counts are refused with the
/// reason. Audited as `meeting.paper` with the version.
pub async fn enter_paper(ctx: &Ctx, scope: &TeamScope, input: &PaperInput) -> ServiceResult<()> {
    let scene = running(ctx, scope).await?;
    let by = facilitator(scope.actor())?;
    let meeting = scene.planned()?;
    if !matches!(meeting.state, MeetingState::Open | MeetingState::Closed) {
        return Err(ServiceError::Conflict("the meeting is not running".into()));
    }
    let ballot = meetings::ballot(ctx.store.conn(), meeting.id).await?;
    let items: Vec<domain::BallotItemId> = ballot.iter().map(|b| b.id).collect();
    // A blank field would count as nobody; the number at the door must be typed.
    if input.attendees.trim().is_empty() {
        return Err(ServiceError::invalid("attendees", "error-paper-attendees"));
    }
    let attendees = number(&input.attendees, "attendees", "error-paper-number")?;
    let mut stickers = BTreeMap::new();
    for (item, typed) in &input.stickers {
        if !items.contains(item) {
            return Err(ServiceError::invalid(
                "stickers",
                "error-paper-not-on-ballot",
            ));
        }
        let n = number(typed, "stickers", "error-paper-number")?;
        if n > 0 {
            stickers.insert(*item, n);
        }
    }
    let count = Paper {
        stickers: stickers.clone(),
        attendees,
    };
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let versions = votes::paper_versions(&tx, meeting.id).await?;
    let mut hist = history(&versions);
    let reason = if versions.is_empty() {
        hist.enter(&meeting.settings, &items, count, by)
            .map_err(|p| problem(&p))?;
        None
    } else {
        hist.correct(&meeting.settings, &items, count, &input.reason, by)
            .map_err(|p| problem(&p))?;
        Some(input.reason.trim().to_owned())
    };
    let version: i32 = domain::fit(versions.len() + 1, "paper count version")?;
    let id = votes::add_paper_version(
        &tx,
        &NewPaperVersion {
            meeting: meeting.id,
            version,
            attendees,
            stickers: &stickers,
            reason,
            by,
        },
        now,
    )
    .await?;
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.paper",
        ("paper_count", id.get()),
        serde_json::json!({ "meeting": meeting.id, "version": version }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the latest paper count of the team's meeting: a second facilitator, not
/// the one who entered it. Audited as `meeting.paper-confirm`.
pub async fn confirm_paper(ctx: &Ctx, scope: &TeamScope, version: i32) -> ServiceResult<()> {
    let scene = running(ctx, scope).await?;
    let by = facilitator(scope.actor())?;
    let meeting = scene.planned()?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let versions = votes::paper_versions(&tx, meeting.id).await?;
    let latest = versions
        .last()
        .ok_or_else(|| ServiceError::invalid("confirm", "error-paper-nothing"))?;
    // The version the facilitator looked at must still be the latest.
    if latest.version != version {
        return Err(ServiceError::invalid("confirm", "error-paper-stale"));
    }
    history(&versions).confirm(by).map_err(|p| problem(&p))?;
    if !votes::confirm_paper(&tx, latest.id, by, now).await? {
        return Err(ServiceError::invalid("confirm", "error-paper-nothing"));
    }
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.paper-confirm",
        ("paper_count", latest.id.get()),
        serde_json::json!({ "meeting": meeting.id, "version": version }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the vote of the team's meeting: from now on every ballot is refused.
/// Audited as `meeting.close`.
pub async fn close(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<()> {
    let scene = running(ctx, scope).await?;
    let meeting = scene.meeting_in(MeetingState::Open)?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    if !meetings::transition(
        &tx,
        meeting.id,
        MeetingState::Open,
        MeetingState::Closed,
        now,
    )
    .await?
    {
        return Err(ServiceError::Conflict("the vote is closed".into()));
    }
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.close",
        ("meeting", meeting.id.get()),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The tally as the room sees it: per ballot item paper and phone stickers.
#[derive(Clone, Debug)]
pub struct Live {
    /// The meeting.
    pub meeting: MeetingRecord,
    /// The team's name.
    pub team: String,
    /// Ballot items with their counts, in ballot order.
    pub items: Vec<(BallotItemRecord, tally::ItemCount)>,
    /// Attendees on paper (latest confirmed count).
    pub paper_voters: u64,
    /// Phone ballots.
    pub phone_voters: u64,
    /// Whether a paper count waits for confirmation (not in the figures yet).
    pub paper_waiting: bool,
}

/// The live tally of `meeting`: the confirmed paper count plus the phone ballots so far.
pub(crate) async fn live_of(
    ctx: &Ctx,
    meeting: MeetingRecord,
    team: String,
) -> ServiceResult<Live> {
    let conn = ctx.store.conn();
    let ballot = meetings::ballot(conn, meeting.id).await?;
    let versions = votes::paper_versions(conn, meeting.id).await?;
    let hist = history(&versions);
    let (phone, phone_voters) = votes::phone_tally(conn, meeting.id).await?;
    let paper = hist.counted().map(|v| v.count.clone());
    let items = ballot
        .into_iter()
        .map(|item| {
            let count = tally::ItemCount {
                paper: paper
                    .as_ref()
                    .and_then(|p| p.stickers.get(&item.id).copied())
                    .unwrap_or(0),
                phone: phone.get(&item.id).copied().unwrap_or(0),
            };
            (item, count)
        })
        .collect();
    Ok(Live {
        meeting,
        team,
        items,
        paper_voters: paper.map_or(0, |p| p.attendees),
        phone_voters,
        paper_waiting: hist.waiting(),
    })
}

/// The live tally of the team's meeting, for the projector (the team's members).
pub async fn live(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<Live> {
    let scene = scene(ctx, scope, Action::ViewTeamInternal).await?;
    let meeting = scene.meeting()?.clone();
    if meeting.state == MeetingState::Planned {
        return Err(ServiceError::NotFound);
    }
    live_of(ctx, meeting, scene.team.name).await
}
