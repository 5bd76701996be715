//! Agreements per priority: write one down, change its state or target date with a note,
//! read its timeline, and see one's own.
//!
//! Working on a team's agreements is `Action::EditTeam` in that team; reading them
//! `Action::ViewTeamInternal`. An agreement restricted to the police, and the notes on it,
//! exist only for police staff (like a police-restricted concern).

use chrono::NaiveDate;
use domain::access::Action;
use domain::agreement::{self as rules, AgreementInput, AgreementState, Owner};
use domain::inventory::Sensitivity;
use domain::structure::{OrganisationSummary, PersonSummary};
use domain::{AgreementId, PriorityId};
use serde_json::json;
use store::repo::agreements::{self, EventRecord, NewAgreement};
use store::repo::priorities::{self, PriorityRecord};

use crate::error::problems;
use crate::scope::{TeamScope, today};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

pub use super::mine::{Mine, mine};
pub use store::repo::agreements::AgreementRecord;
pub use store::repo::agreements::EventRecord as TimelineEntry;
pub use store::repo::priorities::PriorityRecord as Priority;

/// Who may own an agreement in the municipality: its people and its departments.
#[derive(Clone, Debug, Default)]
pub struct Owners {
    /// People, by name.
    pub people: Vec<PersonSummary>,
    /// Organisations with their departments.
    pub organisations: Vec<OrganisationSummary>,
}

impl Owners {
    /// Whether `owner` is one of these (named residents always are).
    pub fn contains(&self, owner: &Owner) -> bool {
        match owner {
            Owner::Person(p) => self.people.iter().any(|x| x.id == *p),
            Owner::Department(d) => self
                .organisations
                .iter()
                .any(|o| o.departments.iter().any(|(id, _)| id == d)),
            Owner::Residents(_) => true,
        }
    }

    /// The owner's name as pages show it.
    pub fn name_of(&self, owner: &Owner) -> String {
        match owner {
            Owner::Person(p) => self
                .people
                .iter()
                .find(|x| x.id == *p)
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            Owner::Department(d) => self
                .organisations
                .iter()
                .find_map(|o| {
                    o.departments
                        .iter()
                        .find(|(id, _)| id == d)
                        .map(|(_, name)| format!("{}, {name}", o.name))
                })
                .unwrap_or_default(),
            Owner::Residents(names) => names.clone(),
        }
    }
}

async fn owners(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<Owners> {
    owners_in(ctx, scope.municipality()).await
}

/// Who may own an agreement in municipality `m`.
pub(crate) async fn owners_in(ctx: &Ctx, m: domain::MunicipalityId) -> ServiceResult<Owners> {
    let conn = ctx.store.conn();
    Ok(Owners {
        people: store::repo::structure::people(conn, m).await?,
        organisations: store::repo::structure::organisations(conn, m).await?,
    })
}

/// The person behind the acting account, for the timeline.
pub(crate) async fn person_of(ctx: &Ctx, actor: &Actor) -> ServiceResult<Option<domain::PersonId>> {
    match actor.signed_in() {
        Some(user) => Ok(agreements::person_of_account(ctx.store.conn(), user.user)
            .await?
            .map(|(person, _)| person)),
        None => Ok(None),
    }
}

/// Whether the actor works for the police (and so sees police-restricted agreements).
pub(crate) fn police(actor: &Actor) -> bool {
    match actor {
        Actor::Cli | Actor::System => true,
        Actor::Public => false,
        Actor::User(user) => user.police,
    }
}

/// The sensitivities the actor may give an agreement and see: police-restricted only for
/// the police.
pub fn sensitivities(scope: &TeamScope) -> Vec<Sensitivity> {
    Sensitivity::ALL
        .into_iter()
        .filter(|s| *s != Sensitivity::Police || police(scope.actor()))
        .collect()
}

/// One priority with its agreements.
#[derive(Clone, Debug)]
pub struct PriorityAgreements {
    /// The priority.
    pub priority: PriorityRecord,
    /// The number of the cycle whose meeting chose it.
    pub cycle_number: i32,
    /// Its agreements the visitor may see.
    pub agreements: Vec<AgreementRecord>,
}

/// The team's board: its open priorities (and those closed in the latest cycle) with their
/// agreements.
#[derive(Clone, Debug)]
pub struct Board {
    /// Priorities, newest cycle first, by rank.
    pub priorities: Vec<PriorityAgreements>,
    /// Who may own an agreement.
    pub owners: Owners,
    /// Whether the visitor may write agreements down and change them.
    pub can_edit: bool,
    /// The sensitivities the visitor may choose.
    pub sensitivities: Vec<Sensitivity>,
    /// Today (Dutch date): overdue is before it.
    pub today: NaiveDate,
    /// Promises kept by the team so far (every agreement the visitor may see).
    pub kept: rules::Kept,
}

/// Promises kept among `list` by `as_of` (see [`rules::promises_kept`]). A request that a
/// department has not accepted yet is no promise.
pub fn kept(list: &[AgreementRecord], as_of: NaiveDate) -> rules::Kept {
    let promises: Vec<rules::Promise> = list
        .iter()
        .filter(|a| a.state != AgreementState::Proposed)
        .map(|a| rules::Promise {
            promised: a.promised,
            closed: a.closed_on.map(|on| (a.state, on)),
        })
        .collect();
    rules::promises_kept(&promises, as_of)
}

/// The board of the team.
pub async fn board(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<Board> {
    let conn = ctx.store.conn();
    let all = priorities::of_team(conn, scope.id()).await?;
    let latest = all.first().map(|p| p.cycle);
    let agreements = agreements::of_team(conn, scope.id()).await?;
    let cycles = store::repo::cycles::list(conn, scope.id()).await?;
    let visible = sensitivities(scope);
    let today = today(ctx.clock.now());
    let seen: Vec<AgreementRecord> = agreements
        .iter()
        .filter(|a| visible.contains(&a.sensitivity))
        .cloned()
        .collect();
    let priorities = all
        .into_iter()
        .filter(|p| p.open || Some(p.cycle) == latest)
        .map(|priority| PriorityAgreements {
            cycle_number: cycles
                .iter()
                .find(|c| c.id == priority.cycle)
                .map_or(0, |c| c.number),
            agreements: agreements
                .iter()
                .filter(|a| a.priority == priority.id && visible.contains(&a.sensitivity))
                .cloned()
                .collect(),
            priority,
        })
        .collect();
    Ok(Board {
        priorities,
        owners: owners(ctx, scope).await?,
        can_edit: scope.may(Action::EditTeam),
        sensitivities: visible,
        kept: kept(&seen, today),
        today,
    })
}

/// A new agreement as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct NewInput {
    /// The priority (id as text).
    pub priority: String,
    /// The form's id, so that a second submit makes no second agreement.
    pub client_id: String,
    /// What, who, when.
    pub agreement: AgreementInput,
    /// Who may see it (`public`, `team`, `police`).
    pub sensitivity: String,
    /// For a department: ask it first (a request it accepts with its own date, or refuses).
    pub ask: bool,
}

/// Writes an agreement down for a priority of the team (agreed: the owner was at the table
/// or said yes); audited as `agreement.create`. A second submit of the same form returns the
/// first agreement.
pub async fn create(ctx: &Ctx, scope: &TeamScope, input: &NewInput) -> ServiceResult<AgreementId> {
    scope.require(Action::EditTeam)?;
    let client_id = crate::inventory::client_id(&input.client_id)?;
    if let Some(existing) =
        agreements::by_client_id(ctx.store.conn(), scope.id(), &client_id).await?
    {
        return Ok(existing.id);
    }
    let now = ctx.clock.now();
    let mut found = Vec::new();
    let priority = input.priority.trim().parse::<PriorityId>().ok();
    let priority = match priority {
        Some(p) => priorities::of_team(ctx.store.conn(), scope.id())
            .await?
            .into_iter()
            .find(|x| x.id == p),
        None => None,
    };
    if priority.is_none() {
        found.push(("priority", "error-choose"));
    }
    let sensitivity = input
        .sensitivity
        .trim()
        .parse::<Sensitivity>()
        .ok()
        .filter(|s| sensitivities(scope).contains(s));
    if sensitivity.is_none() {
        found.push(("sensitivity", "error-choose"));
    }
    let draft = match input.agreement.check(today(now)) {
        Ok(draft) => Some(draft),
        Err(list) => {
            found.extend(list);
            None
        }
    };
    if let Some(d) = &draft
        && !owners(ctx, scope).await?.contains(&d.owner)
    {
        found.push(("owner", "error-agreement-owner"));
    }
    let (Some(priority), Some(sensitivity), Some(draft), true) =
        (priority, sensitivity, draft, found.is_empty())
    else {
        return Err(problems(found));
    };
    let by = person_of(ctx, scope.actor()).await?;
    let (state, kind) = if input.ask && matches!(draft.owner, Owner::Department(_)) {
        (AgreementState::Proposed, agreements::kind::ASKED)
    } else {
        (AgreementState::Agreed, agreements::kind::CREATED)
    };
    let tx = ctx.store.begin_write().await?;
    let id = agreements::create(
        &tx,
        &NewAgreement {
            municipality: scope.municipality(),
            team: scope.id(),
            priority: priority.id,
            client_id: &client_id,
            draft: &draft,
            sensitivity,
            state,
        },
        now,
    )
    .await?;
    agreements::add_event(
        &tx,
        id,
        &EventRecord {
            at: now,
            actor: scope.actor().audit_name(),
            person: by,
            kind: kind.to_owned(),
            states: None,
            targets: None,
            note: None,
            public: sensitivity == Sensitivity::Public,
        },
    )
    .await?;
    crate::structure::audit(
        &tx,
        ctx,
        scope.actor(),
        scope.municipality(),
        "agreement.create",
        ("agreement", id.get()),
        json!({ "team": scope.id().get(), "priority": priority.id, "target": draft.target }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One agreement with its timeline.
#[derive(Clone, Debug)]
pub struct Detail {
    /// The agreement.
    pub agreement: AgreementRecord,
    /// The priority it serves.
    pub priority: PriorityRecord,
    /// The owner's name.
    pub owner: String,
    /// Who may own one (for the names in the timeline).
    pub owners: Owners,
    /// Its timeline, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The states it may move to.
    pub next: Vec<AgreementState>,
    /// Whether the visitor may change it.
    pub can_edit: bool,
    /// Today (Dutch date).
    pub today: NaiveDate,
}

pub(crate) async fn visible(
    ctx: &Ctx,
    scope: &TeamScope,
    id: AgreementId,
) -> ServiceResult<AgreementRecord> {
    agreements::find(ctx.store.conn(), scope.municipality(), id)
        .await?
        .filter(|a| a.team == scope.id() && sensitivities(scope).contains(&a.sensitivity))
        .ok_or(ServiceError::NotFound)
}

/// Agreement `id` of the team with its timeline; `NotFound` for one the visitor may not see.
pub async fn detail(ctx: &Ctx, scope: &TeamScope, id: AgreementId) -> ServiceResult<Detail> {
    let agreement = visible(ctx, scope, id).await?;
    let conn = ctx.store.conn();
    let priority = priorities::of_team(conn, scope.id())
        .await?
        .into_iter()
        .find(|p| p.id == agreement.priority)
        .ok_or(ServiceError::NotFound)?;
    let owners = owners(ctx, scope).await?;
    let owner = owners.name_of(&agreement.owner);
    Ok(Detail {
        owners,
        timeline: agreements::events(conn, id).await?,
        next: agreement.state.next().to_vec(),
        can_edit: scope.may(Action::EditTeam),
        today: today(ctx.clock.now()),
        owner,
        priority,
        agreement,
    })
}

/// A change as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct ChangeInput {
    /// The version the visitor saw.
    pub version: String,
    /// The new state (empty: unchanged).
    pub state: String,
    /// The new target date (empty: unchanged).
    pub target: String,
    /// A note: why, or what happened.
    pub note: String,
    /// Whether residents may read the note.
    pub public: bool,
}

/// Changes agreement `id`: its state, target date and/or a note, as one timeline entry;
/// audited as `agreement.change`. A change on an agreement that someone else changed since
/// the visitor saw it is a `Conflict`.
pub async fn change(
    ctx: &Ctx,
    scope: &TeamScope,
    id: AgreementId,
    input: &ChangeInput,
) -> ServiceResult<()> {
    scope.require(Action::EditTeam)?;
    let current = visible(ctx, scope, id).await?;
    apply_change(ctx, scope.actor(), scope.municipality(), &current, input).await
}

/// Changes `current` as `input` says, for `actor` already allowed to (the team's members on
/// the board, the owning department's contact in the inbox).
pub(crate) async fn apply_change(
    ctx: &Ctx,
    actor: &Actor,
    m: domain::MunicipalityId,
    current: &AgreementRecord,
    input: &ChangeInput,
) -> ServiceResult<()> {
    let id = current.id;
    let now = ctx.clock.now();
    let note = input.note.trim();
    let mut found = Vec::new();
    if !domain::text::is_clean_text(note) {
        found.push(("note", "error-control-characters"));
    } else if note.chars().count() > rules::MAX_WHAT {
        found.push(("note", "error-agreement-what-long"));
    }
    let state = match input.state.trim() {
        "" => current.state,
        raw => match raw.parse::<AgreementState>() {
            Ok(to) if to == current.state => to,
            Ok(to) => match rules::transition(current.state, to, note) {
                Ok(to) => to,
                Err(e) => {
                    found.push(("state", e.message_key()));
                    current.state
                }
            },
            Err(_) => {
                found.push(("state", "error-choose"));
                current.state
            }
        },
    };
    let target = match input.target.trim() {
        "" => current.target,
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(day) if day == current.target => day,
            Ok(day) if day < today(now) => {
                found.push(("target", "error-agreement-past"));
                current.target
            }
            Ok(day) if current.hard.is_some_and(|h| day > h) => {
                found.push(("target", "error-agreement-after-hard"));
                current.target
            }
            Ok(day) => day,
            Err(_) => {
                found.push(("target", "error-agreement-date"));
                current.target
            }
        },
    };
    if state == current.state && target == current.target && note.is_empty() && found.is_empty() {
        found.push(("note", "error-agreement-nothing"));
    }
    if !found.is_empty() {
        return Err(problems(found));
    }
    let version: i32 = input.version.trim().parse().unwrap_or(0);
    let by = person_of(ctx, actor).await?;
    let tx = ctx.store.begin_write().await?;
    if !agreements::change(&tx, id, version, agreements::Change { state, target }, now).await? {
        return Err(ServiceError::Conflict(format!(
            "agreement {id} changed since version {version}"
        )));
    }
    let event = EventRecord {
        at: now,
        actor: actor.audit_name(),
        person: by,
        kind: agreements::kind::CHANGED.to_owned(),
        states: (state != current.state).then_some((current.state, state)),
        targets: (target != current.target).then_some((current.target, target)),
        note: (!note.is_empty()).then(|| note.to_owned()),
        public: input.public && current.sensitivity == Sensitivity::Public,
    };
    agreements::add_event(&tx, id, &event).await?;
    crate::structure::audit(
        &tx,
        ctx,
        actor,
        m,
        "agreement.change",
        ("agreement", id.get()),
        json!({
            "before": { "state": current.state.code(), "target": current.target },
            "after": { "state": state.code(), "target": target },
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
