//! The escalation ladder: a team sends a stuck agreement up with a question; the group it
//! reaches decides (the decision becomes an agreement), asks for information, sends it back
//! down with an answer, or sends it further up. Which groups sit above the teams is a setting
//! of the municipality ([`set_ladder`]).
//!
//! A team acts on its escalations with `Action::EditTeam` (raise, inform, settle, send up
//! again); a group with `Action::EditGroup`, only on what waits at that group. Every step is
//! one `escalation_step` and one audit entry, written in one transaction; two members acting
//! on one escalation at once cannot both move it (version check).

use chrono::{DateTime, NaiveDate, Utc};
use domain::access::Action;
use domain::agreement::{AgreementDraft, AgreementInput, AgreementState};
use domain::escalation::{Escalation, Ladder, Level, Position, Step, step_text};
use domain::inventory::{FieldProblem, Sensitivity};
use domain::{AgreementId, EscalationId, GroupId, MunicipalityId};
use serde_json::json;
use store::repo::agreements::{self as agreement_repo, EventRecord, NewAgreement};
use store::repo::escalations::{self as repo, StepRecord};

use super::agreements::{self, AgreementRecord, Owners};
use crate::error::problems;
use crate::scope::{GroupScope, TeamScope, today};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

pub use steps::{StepInput, agreement_of, step_in_group, step_in_team};
pub use store::repo::escalations::{EscalationRecord, StepRecord as EscalationStep};

mod steps;

/// What kinds of entries an escalation leaves on the agreements' timelines.
pub mod kind {
    /// The stuck agreement went up the ladder.
    pub const ESCALATED: &str = "escalated";
    /// A group decided on the stuck agreement (the decision is a new agreement).
    pub const DECIDED: &str = "escalation-decided";
    /// The team settled it with the answer that came down.
    pub const SETTLED: &str = "escalation-settled";
    /// The agreement a group's decision made.
    pub const FROM_DECISION: &str = "from-decision";
}

/// The ladder of municipality `m`, lowest first.
pub async fn ladder(ctx: &Ctx, m: MunicipalityId) -> ServiceResult<Ladder> {
    Ok(repo::ladder(ctx.store.conn(), m).await?)
}

/// Sets the groups above the teams of `m`, lowest first (`ManageStructure`); every group must
/// be one of `m`'s, none twice. Audited as `ladder.set`.
pub async fn set_ladder(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    groups: &[GroupId],
) -> ServiceResult<()> {
    actor.authorize(
        Action::ManageStructure,
        &domain::access::Scope::Municipality(m),
    )?;
    let known = store::repo::groups::groups(ctx.store.conn(), m).await?;
    let mut seen = Vec::new();
    for g in groups {
        if !known.iter().any(|k| k.id == *g) || seen.contains(g) {
            return Err(problems(vec![("ladder", "error-ladder-group")]));
        }
        seen.push(*g);
    }
    let tx = ctx.store.begin_write().await?;
    repo::set_ladder(&tx, m, groups).await?;
    crate::structure::audit(
        &tx,
        ctx,
        actor,
        m,
        "ladder.set",
        ("municipality", m.get()),
        json!({ "groups": groups.iter().map(|g| g.get()).collect::<Vec<_>>() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One escalation as a page shows it.
#[derive(Clone, Debug)]
pub struct View {
    /// The escalation.
    pub escalation: EscalationRecord,
    /// The team that raised it: slug and name.
    pub team: (String, String),
    /// The stuck agreement; its `what` is empty for a visitor outside the police when the
    /// agreement is police-restricted.
    pub agreement: AgreementRecord,
    /// Its steps, oldest first.
    pub steps: Vec<StepRecord>,
    /// The question asked of the level it is at (the last one sent up).
    pub question: String,
    /// When it reached the level it is at.
    pub since: DateTime<Utc>,
    /// The groups of the municipality by id, for the levels' names.
    pub groups: Vec<(GroupId, String)>,
    /// Who may own the agreement a decision makes (also the names of the people in steps).
    pub owners: Owners,
    /// The steps the visitor may take now.
    pub next: Vec<Step>,
    /// Today (Dutch date).
    pub today: NaiveDate,
}

impl View {
    /// The name of `level`: the team's or the group's.
    pub fn level_name(&self, level: Level) -> String {
        match level {
            Level::Team => self.team.1.clone(),
            Level::Group(g) => self
                .groups
                .iter()
                .find(|(id, _)| *id == g)
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
        }
    }
}

/// The question and the moment it reached its current level, from its steps.
fn arrival(record: &EscalationRecord, steps: &[StepRecord]) -> (String, DateTime<Utc>) {
    let question = steps
        .iter()
        .rev()
        .find(|s| s.step == Step::Escalate)
        .map(|s| s.body.clone())
        .unwrap_or_default();
    let since = steps
        .iter()
        .rev()
        .find(|s| matches!(s.step, Step::Escalate | Step::SendBack))
        .map_or(record.raised_at, |s| s.at);
    (question, since)
}

/// The steps `side` may take on `e` with `ladder`.
fn next_steps(e: Escalation, ladder: &Ladder, side: Side) -> Vec<Step> {
    let candidates: &[Step] = match (side, e.position) {
        (Side::Team, Position::At(Level::Team)) => &[Step::Escalate, Step::Settle],
        (Side::Team, Position::At(Level::Group(_))) => &[Step::Inform],
        (Side::Group(g), Position::At(Level::Group(at))) if g == at => &[
            Step::Decide,
            Step::AskInformation,
            Step::SendBack,
            Step::Escalate,
        ],
        _ => &[],
    };
    candidates
        .iter()
        .copied()
        .filter(|s| e.apply(ladder, *s).is_ok())
        .collect()
}

/// Who acts on an escalation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// The team that raised it.
    Team,
    /// A group on the ladder.
    Group(GroupId),
}

async fn view(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    escalation: EscalationRecord,
    side: Option<Side>,
) -> ServiceResult<View> {
    let conn = ctx.store.conn();
    let mut agreement = agreement_repo::find(conn, m, escalation.agreement)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if agreement.sensitivity == Sensitivity::Police && !agreements::police(actor) {
        agreement.what.clear();
    }
    let team = store::repo::teams::list_teams(conn, m)
        .await?
        .into_iter()
        .find(|t| t.id == escalation.team)
        .map(|t| (t.slug, t.name))
        .unwrap_or_default();
    let groups = store::repo::groups::groups(conn, m)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let steps = repo::steps(conn, escalation.id).await?;
    let ladder = repo::ladder(conn, m).await?;
    let (question, since) = arrival(&escalation, &steps);
    Ok(View {
        next: side.map_or_else(Vec::new, |s| next_steps(escalation.state, &ladder, s)),
        owners: agreements::owners_in(ctx, m).await?,
        today: today(ctx.clock.now()),
        question,
        since,
        escalation,
        team,
        agreement,
        steps,
        groups,
    })
}

/// A team's question to send an agreement up, as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct RaiseInput {
    /// What the level above should decide or do.
    pub question: String,
}

/// Sends agreement `id` of the team up the ladder with a question; audited as
/// `escalation.raise`. An agreement that is closed, or already on the ladder, cannot go up
/// (again); a second submit of the same question returns the first escalation.
pub async fn raise(
    ctx: &Ctx,
    scope: &TeamScope,
    id: AgreementId,
    input: &RaiseInput,
) -> ServiceResult<EscalationId> {
    scope.require(Action::EditTeam)?;
    let agreement = agreements::visible(ctx, scope, id).await?;
    let conn = ctx.store.conn();
    let question = step_text(&input.question).map_err(|key| problems(vec![("question", key)]))?;
    if let Some(open) = repo::of_agreement(conn, id)
        .await?
        .into_iter()
        .find(|e| matches!(e.state.position, Position::At(_)))
    {
        let first = repo::steps(conn, open.id).await?;
        if first
            .first()
            .is_some_and(|s| s.body == question && s.actor == scope.actor().audit_name())
        {
            return Ok(open.id);
        }
        return Err(problems(vec![("question", "error-escalation-open")]));
    }
    if agreement.state.is_closed() {
        return Err(problems(vec![("question", "error-escalation-closed")]));
    }
    let ladder = repo::ladder(conn, scope.municipality()).await?;
    let state =
        Escalation::raise(&ladder).map_err(|e| problems(vec![("question", e.message_key())]))?;
    let now = ctx.clock.now();
    let by = agreements::person_of(ctx, scope.actor()).await?;
    let tx = ctx.store.begin_write().await?;
    let escalation = repo::create(&tx, scope.municipality(), scope.id(), id, state, now).await?;
    repo::add_step(
        &tx,
        escalation,
        &StepRecord {
            at: now,
            actor: scope.actor().audit_name(),
            person: by,
            step: Step::Escalate,
            from: Level::Team,
            to: state.level().unwrap_or(Level::Team),
            body: question.clone(),
            agreement: None,
        },
    )
    .await?;
    agreement_repo::add_event(
        &tx,
        id,
        &event(now, scope.actor(), by, kind::ESCALATED, &question),
    )
    .await?;
    crate::structure::audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "escalation.raise",
        ("escalation", escalation.get()),
        json!({ "agreement": id.get(), "team": scope.id().get() }),
    )
    .await?;
    tx.commit().await?;
    Ok(escalation)
}

fn event(
    now: DateTime<Utc>,
    actor: &Actor,
    person: Option<domain::PersonId>,
    kind: &str,
    note: &str,
) -> EventRecord {
    EventRecord {
        at: now,
        actor: actor.audit_name(),
        person,
        kind: kind.to_owned(),
        states: None,
        targets: None,
        note: (!note.is_empty()).then(|| note.to_owned()),
        public: false,
    }
}

/// The escalations of one of the team's agreements.
#[derive(Clone, Debug)]
pub struct OnAgreement {
    /// Its escalations, oldest first, with what the visitor may do on each.
    pub views: Vec<View>,
    /// The group it may go up to now (when the visitor may send it, it is open, not on the
    /// ladder already, and the municipality has a ladder): its name.
    pub raise_to: Option<String>,
}

/// The escalations of the team's agreement `id`.
pub async fn of_agreement(
    ctx: &Ctx,
    scope: &TeamScope,
    id: AgreementId,
) -> ServiceResult<OnAgreement> {
    let agreement = agreements::visible(ctx, scope, id).await?;
    let conn = ctx.store.conn();
    let side = scope.may(Action::EditTeam).then_some(Side::Team);
    let mut views = Vec::new();
    for e in repo::of_agreement(conn, id).await? {
        views.push(view(ctx, scope.actor(), scope.municipality(), e, side).await?);
    }
    let on_ladder = views
        .iter()
        .any(|v| matches!(v.escalation.state.position, Position::At(_)));
    let raise_to = if side.is_some() && !on_ladder && !agreement.state.is_closed() {
        let ladder = repo::ladder(conn, scope.municipality()).await?;
        let first = ladder.0.first().copied();
        store::repo::groups::groups(conn, scope.municipality())
            .await?
            .into_iter()
            .find(|g| Some(g.id) == first)
            .map(|g| g.name)
    } else {
        None
    };
    Ok(OnAgreement { views, raise_to })
}

/// One item of a group's queue.
#[derive(Clone, Debug)]
pub struct QueueItem {
    /// The escalation.
    pub escalation: EscalationRecord,
    /// The team that raised it: slug and name.
    pub team: (String, String),
    /// The stuck agreement's text (empty when police-restricted and the visitor is not police).
    pub what: String,
    /// The question asked of this group.
    pub question: String,
    /// When it reached this group.
    pub since: DateTime<Utc>,
}

/// What waits at the group, the longest waiting first.
pub async fn queue(ctx: &Ctx, scope: &GroupScope) -> ServiceResult<Vec<QueueItem>> {
    let conn = ctx.store.conn();
    let m = scope.municipality();
    let waiting = repo::waiting_at(conn, scope.group().id).await?;
    let teams = store::repo::teams::list_teams(conn, m).await?;
    let police = agreements::police(scope.actor());
    let mut items = Vec::with_capacity(waiting.len());
    for e in waiting {
        let Some(agreement) = agreement_repo::find(conn, m, e.agreement).await? else {
            continue;
        };
        let steps = repo::steps(conn, e.id).await?;
        let (question, since) = arrival(&e, &steps);
        items.push(QueueItem {
            team: teams
                .iter()
                .find(|t| t.id == e.team)
                .map(|t| (t.slug.clone(), t.name.clone()))
                .unwrap_or_default(),
            what: if agreement.sensitivity == Sensitivity::Police && !police {
                String::new()
            } else {
                agreement.what
            },
            question,
            since,
            escalation: e,
        });
    }
    items.sort_by_key(|i| (i.since, i.escalation.id));
    Ok(items)
}

/// Escalation `id` as the group sees it: one that waits there or passed through it.
pub async fn in_group(ctx: &Ctx, scope: &GroupScope, id: EscalationId) -> ServiceResult<View> {
    let conn = ctx.store.conn();
    let group = scope.group().id;
    let e = repo::find(conn, scope.municipality(), id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let here = Level::Group(group);
    let passed = e.state.level() == Some(here)
        || e.state.position == Position::Decided(here)
        || repo::steps(conn, id)
            .await?
            .iter()
            .any(|s| s.from == here || s.to == here);
    if !passed {
        return Err(ServiceError::NotFound);
    }
    let side = scope.may(Action::EditGroup).then_some(Side::Group(group));
    view(ctx, scope.actor(), scope.municipality(), e, side).await
}

/// A group the visitor may see the queue of, with how much waits there.
#[derive(Clone, Debug)]
pub struct MyGroup {
    /// Key.
    pub id: GroupId,
    /// Name.
    pub name: String,
    /// How many escalations wait there.
    pub waiting: usize,
}

/// The groups on the ladder whose queue the signed-in visitor may see (members; coordinators
/// see every group), lowest level first.
pub async fn my_groups(ctx: &Ctx, actor: &Actor) -> ServiceResult<Vec<MyGroup>> {
    let Some(user) = actor.signed_in() else {
        return Ok(Vec::new());
    };
    let m = user.municipality;
    let conn = ctx.store.conn();
    let ladder = repo::ladder(conn, m).await?;
    let groups = store::repo::groups::groups(conn, m).await?;
    let mut out = Vec::new();
    for id in ladder.0 {
        let scope = domain::access::Scope::Group {
            municipality: m,
            group: id,
        };
        if actor.authorize(Action::ViewGroupInternal, &scope).is_err() {
            continue;
        }
        let Some(group) = groups.iter().find(|g| g.id == id) else {
            continue;
        };
        out.push(MyGroup {
            id,
            name: group.name.clone(),
            waiting: repo::waiting_at(conn, id).await?.len(),
        });
    }
    Ok(out)
}
