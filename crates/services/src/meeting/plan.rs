//! Before the vote: the team's settings, the cycle's calendar and the meeting's plan, opening
//! the meeting (which freezes the ballot) and printing one-time codes.

use std::collections::BTreeMap;

use domain::access::{Action, Scope};
use domain::meeting::{Calendar, MeetingState, PlanInput, SettingsInput, TeamSettings};
use domain::vote_code::VoteCode;
use sha2::{Digest, Sha256};
use store::repo::meetings::{self, Place};
use store::repo::{agenda, cycles, priorities, votes};

use super::{BallotItemRecord, PaperVersionRecord, PriorityRecord, Scene, audit, scene};
use crate::scope::TeamScope;
use crate::{Ctx, ServiceError, ServiceResult};
use store::repo::cycles::CycleRecord;

/// Most codes printed at once (one sheet run for a large hall, with spares).
pub const MAX_CODES: u32 = 500;

/// Everything the team's meeting page shows.
#[derive(Clone, Debug)]
pub struct MeetingPage {
    /// The team.
    pub team: domain::structure::TeamDetail,
    /// Its settings.
    pub settings: TeamSettings,
    /// The current cycle.
    pub cycle: CycleRecord,
    /// Its calendar (planned or default).
    pub calendar: Calendar,
    /// The meeting, once planned.
    pub meeting: Option<meetings::MeetingRecord>,
    /// The long list that would go on the ballot (title, concerns), while planned.
    pub agenda: Vec<(String, usize)>,
    /// The frozen ballot, once open.
    pub ballot: Vec<BallotItemRecord>,
    /// The paper count's versions.
    pub paper: Vec<PaperVersionRecord>,
    /// Codes printed and used.
    pub codes: (u64, u64),
    /// Earlier priorities still open (the publish form asks which are done).
    pub open_priorities: Vec<PriorityRecord>,
    /// Whether the visitor may run the meeting.
    pub can_run: bool,
    /// The names of the facilitators who entered or confirmed a paper count, by account.
    pub names: BTreeMap<domain::UserId, String>,
}

/// The meeting page of the team.
pub async fn page(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<MeetingPage> {
    let scene = scene(ctx, scope, Action::ViewTeamInternal).await?;
    let conn = ctx.store.conn();
    let can_run = scope
        .actor()
        .authorize(
            Action::PrepareAgenda,
            &Scope::Team {
                municipality: scope.municipality(),
                team: scene.team.id,
            },
        )
        .is_ok();
    let mut agenda_items = Vec::new();
    for item in agenda::items(conn, scene.team.id, scene.cycle.id).await? {
        let n = agenda::concerns_of(conn, item.id).await?.len();
        agenda_items.push((item.title, n));
    }
    let (ballot, paper, codes) = match &scene.meeting {
        Some(meeting) => (
            meetings::ballot(conn, meeting.id).await?,
            votes::paper_versions(conn, meeting.id).await?,
            votes::code_counts(conn, meeting.id).await?,
        ),
        None => (Vec::new(), Vec::new(), (0, 0)),
    };
    let mut names = BTreeMap::new();
    for account in paper
        .iter()
        .flat_map(|v| std::iter::once(v.entered_by).chain(v.confirmed_by))
    {
        if let std::collections::btree_map::Entry::Vacant(entry) = names.entry(account)
            && let Some(found) = store::repo::accounts::find(conn, account).await?
        {
            entry.insert(found.name);
        }
    }
    let open_priorities = priorities::of_team(conn, scene.team.id)
        .await?
        .into_iter()
        .filter(|p| p.open && p.cycle != scene.cycle.id)
        .collect();
    Ok(MeetingPage {
        calendar: scene.calendar(),
        team: scene.team,
        settings: scene.settings,
        cycle: scene.cycle,
        meeting: scene.meeting,
        agenda: agenda_items,
        ballot,
        paper,
        codes,
        open_priorities,
        can_run,
        names,
    })
}

/// A form of the meeting with the team and cycle it is for (the page's title names them).
#[derive(Clone, Debug)]
pub struct FormFor<T> {
    /// The team.
    pub team: domain::structure::TeamDetail,
    /// Its current cycle.
    pub cycle: CycleRecord,
    /// The form, filled in.
    pub input: T,
}

/// The settings form of the team, filled in.
pub async fn settings_form(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<FormFor<SettingsInput>> {
    let scene = scene(ctx, scope, Action::PrepareAgenda).await?;
    Ok(FormFor {
        input: SettingsInput::from_settings(&scene.settings),
        team: scene.team,
        cycle: scene.cycle,
    })
}

/// Stores the settings of the team; audited as `team.settings` with before and after.
/// A meeting already open keeps the settings it opened with.
pub async fn save_settings(
    ctx: &Ctx,
    scope: &TeamScope,
    input: &SettingsInput,
) -> ServiceResult<()> {
    let scene = scene(ctx, scope, Action::PrepareAgenda).await?;
    let value = input.check().map_err(crate::error::problems)?;
    let tx = ctx.store.begin_write().await?;
    meetings::save_settings(
        &tx,
        scope.municipality(),
        scene.team.id,
        &value,
        ctx.clock.now(),
    )
    .await?;
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "team.settings",
        ("team", scene.team.id.get()),
        serde_json::json!({
            "before": settings_json(&scene.settings),
            "after": settings_json(&value),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn settings_json(s: &TeamSettings) -> serde_json::Value {
    serde_json::json!({
        "weeks": s.weeks,
        "stickers": s.vote.stickers,
        "priorities": s.vote.priorities,
        "stack": s.vote.stack,
        "ties": s.vote.ties.code(),
    })
}

/// The plan form of the team's current cycle, filled in.
pub async fn plan_form(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<FormFor<PlanInput>> {
    let scene = scene(ctx, scope, Action::PrepareAgenda).await?;
    let plan = scene.meeting.as_ref().map(|meeting| domain::meeting::Plan {
        starts: render::local_time::amsterdam(meeting.starts_at),
        ends: render::local_time::amsterdam(meeting.ends_at),
        venue: meeting.venue.clone(),
        venue_address: meeting.venue_address.clone(),
        accessibility: meeting.accessibility.clone(),
        calendar: scene.calendar(),
    });
    Ok(FormFor {
        input: PlanInput::from_plan(&scene.calendar(), plan.as_ref()),
        team: scene.team,
        cycle: scene.cycle,
    })
}

/// Plans (or re-plans) the meeting of the team's current cycle and sets the cycle's
/// calendar; audited as `meeting.plan`. A meeting that has opened keeps its day and place.
pub async fn plan(
    ctx: &Ctx,
    scope: &TeamScope,
    input: &PlanInput,
) -> ServiceResult<domain::MeetingId> {
    let scene = scene(ctx, scope, Action::PrepareAgenda).await?;
    let checked = input.check().map_err(crate::error::problems)?;
    if let Some(meeting) = &scene.meeting
        && meeting.state != MeetingState::Planned
    {
        return Err(ServiceError::Conflict("the meeting has opened".into()));
    }
    let place = Place {
        starts_at: render::local_time::from_amsterdam(checked.starts),
        ends_at: render::local_time::from_amsterdam(checked.ends),
        venue: checked.venue.clone(),
        venue_address: checked.venue_address.clone(),
        accessibility: checked.accessibility.clone(),
    };
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let calendar = checked.calendar;
    cycles::set_calendar(
        &tx,
        scene.cycle.id,
        calendar.starts_on,
        calendar.inventory_ends_on,
        calendar.ends_on,
    )
    .await?;
    let id = match &scene.meeting {
        Some(meeting) => {
            meetings::update_place(&tx, meeting.id, &place).await?;
            meeting.id
        }
        None => {
            meetings::create(
                &tx,
                scope.municipality(),
                scene.team.id,
                scene.cycle.id,
                &place,
                &scene.settings.vote,
                now,
            )
            .await?
        }
    };
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.plan",
        ("meeting", id.get()),
        serde_json::json!({
            "team": scene.team.id.get(),
            "cycle": scene.cycle.number,
            "starts": place.starts_at,
            "venue": place.venue,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Opens the meeting of the team: the cycle's long list becomes the ballot, frozen,
/// and the team's settings are fixed for this vote; audited as `meeting.open`.
pub async fn open(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<()> {
    let scene = scene(ctx, scope, Action::PrepareAgenda).await?;
    let meeting = scene.meeting_in(MeetingState::Planned)?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    // Take turns with agenda changes for the team, so the ballot is the list as it is.
    store::repo::teams::lock(&tx, scene.team.id).await?;
    let items: Vec<(domain::AgendaItemId, String)> =
        agenda::items(&tx, scene.team.id, scene.cycle.id)
            .await?
            .into_iter()
            .map(|item| (item.id, item.title))
            .collect();
    if items.is_empty() {
        return Err(ServiceError::invalid("ballot", "error-meeting-no-items"));
    }
    if !meetings::open(&tx, meeting.id, &scene.settings.vote, now).await? {
        return Err(ServiceError::Conflict("the meeting has opened".into()));
    }
    meetings::freeze_ballot(&tx, meeting.id, &items).await?;
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.open",
        ("meeting", meeting.id.get()),
        serde_json::json!({ "items": items.len(), "settings": settings_json(&scene.settings) }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The SHA-256 (hex) a code is kept as: the roll never holds a code itself.
pub(crate) fn code_hash(code: &VoteCode) -> String {
    Sha256::digest(code.as_str().as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            use std::fmt::Write as _;
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Eight random bytes from the operating system's generator (by way of a v4 UUID, skipping
/// its version and variant bits).
fn random_bytes() -> [u8; 8] {
    let b = *uuid::Uuid::new_v4().as_bytes();
    [b[0], b[1], b[2], b[3], b[4], b[5], b[7], b[9]]
}

/// Makes `count` new one-time codes for the team's meeting (planned or open) and
/// returns them: this is the only moment they exist in clear, for the printed cards. Audited
/// as `meeting.codes` with the number.
pub async fn issue_codes(
    ctx: &Ctx,
    scope: &TeamScope,
    count: &str,
) -> ServiceResult<Vec<VoteCode>> {
    let scene = scene(ctx, scope, Action::PrepareAgenda).await?;
    let meeting = scene.planned()?;
    if !matches!(meeting.state, MeetingState::Planned | MeetingState::Open) {
        return Err(ServiceError::Conflict("voting has closed".into()));
    }
    let n = match count.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_CODES).contains(&n) => n,
        _ => return Err(ServiceError::invalid("count", "error-meeting-code-count")),
    };
    let codes: Vec<VoteCode> = (0..n)
        .map(|_| VoteCode::from_random(random_bytes()))
        .collect();
    let hashes: Vec<String> = codes.iter().map(code_hash).collect();
    let tx = ctx.store.begin_write().await?;
    votes::add_codes(&tx, meeting.id, &hashes, ctx.clock.now()).await?;
    audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "meeting.codes",
        ("meeting", meeting.id.get()),
        serde_json::json!({ "count": n }),
    )
    .await?;
    tx.commit().await?;
    Ok(codes)
}

/// The scene, for the other modules.
pub(crate) async fn running(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<Scene> {
    scene(ctx, scope, Action::PrepareAgenda).await
}
