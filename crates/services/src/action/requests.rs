//! Requests to departments outside the team (doorleiding): an agreement a team made for a
//! department, seen from that department. Its contact has one inbox across all teams: what
//! waits for an answer (accept with the department's own date, refuse with a reason, or ask
//! a question back) and what the department took on (move it on, as a team does on its board).
//!
//! A contact acts with `Action::HandleRequests` on their organisation, and only on agreements
//! owned by their own department; police-restricted ones stay with the police.

use chrono::NaiveDate;
use domain::access::{Action, Scope};
use domain::agreement::{AgreementState, Owner};
use domain::inventory::Sensitivity;
use domain::{AgreementId, DepartmentId, MunicipalityId, OrganisationId};
use serde_json::json;
use store::repo::agreements::{self as repo, EventRecord};

use super::agreements::{self, AgreementRecord, ChangeInput, TimelineEntry};
use crate::error::problems;
use crate::scope::today;
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// What kinds of timeline entries a department leaves.
pub mod kind {
    /// The department accepted the request with its own date.
    pub const ACCEPTED: &str = "accepted";
    /// The department refused it, with a reason.
    pub const REFUSED: &str = "refused";
    /// The department asks the team a question.
    pub const QUESTION: &str = "question";
}

/// The contact's department and its organisation.
struct Desk {
    municipality: MunicipalityId,
    department: DepartmentId,
    organisation: OrganisationId,
    name: String,
}

async fn desk(ctx: &Ctx, actor: &Actor) -> ServiceResult<Desk> {
    let user = actor.signed_in().ok_or(ServiceError::Forbidden)?;
    let conn = ctx.store.conn();
    let Some((_, Some(department))) = repo::person_of_account(conn, user.user).await? else {
        return Err(ServiceError::Forbidden);
    };
    let (organisation, name) = store::repo::structure::organisations(conn, user.municipality)
        .await?
        .into_iter()
        .find_map(|o| {
            let dept = o.departments.iter().find(|(id, _)| *id == department)?;
            Some((o.id, format!("{}, {}", o.name, dept.1)))
        })
        .ok_or(ServiceError::Forbidden)?;
    actor.authorize(
        Action::HandleRequests,
        &Scope::Organisation {
            municipality: user.municipality,
            organisation,
        },
    )?;
    Ok(Desk {
        municipality: user.municipality,
        department,
        organisation,
        name,
    })
}

/// The name of the department whose requests the visitor handles, if any (for the link to
/// the inbox).
pub async fn department_of(ctx: &Ctx, actor: &Actor) -> ServiceResult<Option<String>> {
    match desk(ctx, actor).await {
        Ok(desk) => Ok(Some(desk.name)),
        Err(ServiceError::Forbidden) => Ok(None),
        Err(other) => Err(other),
    }
}

/// One request in the inbox.
#[derive(Clone, Debug)]
pub struct Item {
    /// The agreement.
    pub agreement: AgreementRecord,
    /// The team that asks: slug and name.
    pub team: (String, String),
}

/// A department's inbox.
#[derive(Clone, Debug)]
pub struct Inbox {
    /// The department ("Gemeente Maastricht, Verkeer").
    pub department: String,
    /// Requests waiting for an answer, the oldest first.
    pub to_answer: Vec<Item>,
    /// Requests the department took on and has not finished, the soonest first.
    pub taken_on: Vec<Item>,
    /// Today (Dutch date).
    pub today: NaiveDate,
}

fn visible_to(actor: &Actor, a: &AgreementRecord) -> bool {
    a.sensitivity != Sensitivity::Police || agreements::police(actor)
}

/// The inbox of the signed-in contact's department; `Forbidden` for anyone who handles no
/// department's requests.
pub async fn inbox(ctx: &Ctx, actor: &Actor) -> ServiceResult<Inbox> {
    let desk = desk(ctx, actor).await?;
    let conn = ctx.store.conn();
    let teams = store::repo::teams::list_teams(conn, desk.municipality).await?;
    let user = actor.signed_in().ok_or(ServiceError::Forbidden)?;
    let person = repo::person_of_account(conn, user.user)
        .await?
        .map(|(p, _)| p)
        .ok_or(ServiceError::Forbidden)?;
    let open = repo::open_of_owner(conn, desk.municipality, person, Some(desk.department)).await?;
    let mut inbox = Inbox {
        department: desk.name,
        to_answer: Vec::new(),
        taken_on: Vec::new(),
        today: today(ctx.clock.now()),
    };
    for agreement in open {
        if agreement.owner != Owner::Department(desk.department) || !visible_to(actor, &agreement) {
            continue;
        }
        let Some(team) = teams.iter().find(|t| t.id == agreement.team) else {
            continue;
        };
        let item = Item {
            team: (team.slug.clone(), team.name.clone()),
            agreement,
        };
        if item.agreement.state == AgreementState::Proposed {
            inbox.to_answer.push(item);
        } else {
            inbox.taken_on.push(item);
        }
    }
    inbox
        .to_answer
        .sort_by_key(|i| (i.agreement.created_at, i.agreement.id));
    Ok(inbox)
}

/// One request with its timeline, as the department sees it.
#[derive(Clone, Debug)]
pub struct Request {
    /// The department.
    pub department: String,
    /// The agreement.
    pub agreement: AgreementRecord,
    /// The team that asks: slug and name.
    pub team: (String, String),
    /// The priority it serves: its title.
    pub priority: String,
    /// Its timeline, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Who may own one (the names of the people in the timeline).
    pub owners: agreements::Owners,
    /// The states it may move to (after it was accepted).
    pub next: Vec<AgreementState>,
    /// Today (Dutch date).
    pub today: NaiveDate,
}

async fn owned(
    ctx: &Ctx,
    actor: &Actor,
    id: AgreementId,
) -> ServiceResult<(Desk, AgreementRecord)> {
    let desk = desk(ctx, actor).await?;
    let agreement = repo::find(ctx.store.conn(), desk.municipality, id)
        .await?
        .filter(|a| a.owner == Owner::Department(desk.department) && visible_to(actor, a))
        .ok_or(ServiceError::NotFound)?;
    Ok((desk, agreement))
}

/// Request `id` of the contact's department; `NotFound` for another department's.
pub async fn request(ctx: &Ctx, actor: &Actor, id: AgreementId) -> ServiceResult<Request> {
    let (desk, agreement) = owned(ctx, actor, id).await?;
    let conn = ctx.store.conn();
    let team = store::repo::teams::list_teams(conn, desk.municipality)
        .await?
        .into_iter()
        .find(|t| t.id == agreement.team)
        .map(|t| (t.slug, t.name))
        .unwrap_or_default();
    let priority = store::repo::priorities::of_team(conn, agreement.team)
        .await?
        .into_iter()
        .find(|p| p.id == agreement.priority)
        .map(|p| p.title)
        .unwrap_or_default();
    Ok(Request {
        department: desk.name,
        timeline: repo::events(conn, id).await?,
        owners: agreements::owners_in(ctx, desk.municipality).await?,
        next: if agreement.state == AgreementState::Proposed {
            Vec::new()
        } else {
            agreement.state.next().to_vec()
        },
        today: today(ctx.clock.now()),
        team,
        priority,
        agreement,
    })
}

/// The department's answer as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct AnswerInput {
    /// The version the contact saw.
    pub version: String,
    /// `accept`, `refuse` or `question`.
    pub answer: String,
    /// For `accept`: the department's date (`YYYY-MM-DD`).
    pub target: String,
    /// The reason (refuse), the question, or a note with the acceptance.
    pub note: String,
}

/// Answers request `id`: accepts it with the department's date (it becomes an agreement the
/// department owns, promised by that date), refuses it with a reason, or asks the team a
/// question; one timeline entry, audited as `request.<answer>`.
pub async fn answer(
    ctx: &Ctx,
    actor: &Actor,
    id: AgreementId,
    input: &AnswerInput,
) -> ServiceResult<()> {
    let (desk, current) = owned(ctx, actor, id).await?;
    let now = ctx.clock.now();
    let note = input.note.trim();
    let mut found = Vec::new();
    if !domain::text::is_clean_text(note) {
        found.push(("note", "error-control-characters"));
    } else if note.chars().count() > domain::agreement::MAX_WHAT {
        found.push(("note", "error-agreement-what-long"));
    }
    let answer = input.answer.trim();
    let mut target = None;
    match answer {
        "accept" => match NaiveDate::parse_from_str(input.target.trim(), "%Y-%m-%d") {
            Ok(day) if day < today(now) => found.push(("target", "error-agreement-past")),
            Ok(day) if current.hard.is_some_and(|h| day > h) => {
                found.push(("target", "error-agreement-after-hard"));
            }
            Ok(day) => target = Some(day),
            Err(_) => found.push(("target", "error-agreement-date")),
        },
        "refuse" | "question" if note.is_empty() => found.push(("note", "error-request-note")),
        "refuse" | "question" => {}
        _ => found.push(("answer", "error-choose")),
    }
    if current.state != AgreementState::Proposed && answer != "question" {
        found.push(("answer", "error-request-answered"));
    }
    if !found.is_empty() {
        return Err(problems(found));
    }
    let version: i32 = input.version.trim().parse().unwrap_or(0);
    let by = agreements::person_of(ctx, actor).await?;
    let (state, kind) = match answer {
        "accept" => (AgreementState::Agreed, kind::ACCEPTED),
        "refuse" => (AgreementState::Withdrawn, kind::REFUSED),
        _ => (current.state, kind::QUESTION),
    };
    let target = target.unwrap_or(current.target);
    let tx = ctx.store.begin_write().await?;
    let moved = if answer == "accept" {
        repo::accept(&tx, id, version, target, now).await?
    } else {
        repo::change(&tx, id, version, repo::Change { state, target }, now).await?
    };
    if !moved {
        return Err(ServiceError::Conflict(format!(
            "request {id} changed since version {version}"
        )));
    }
    repo::add_event(
        &tx,
        id,
        &EventRecord {
            at: now,
            actor: actor.audit_name(),
            person: by,
            kind: kind.to_owned(),
            states: (state != current.state).then_some((current.state, state)),
            targets: (target != current.target).then_some((current.target, target)),
            note: (!note.is_empty()).then(|| note.to_owned()),
            public: false,
        },
    )
    .await?;
    crate::structure::audit(
        &tx,
        ctx,
        actor,
        desk.municipality,
        &format!("request.{answer}"),
        ("agreement", id.get()),
        json!({ "organisation": desk.organisation.get(), "target": target }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a request the department took on (in progress, done, not done with a reason, a new
/// date, a note), as a team does on its board.
pub async fn progress(
    ctx: &Ctx,
    actor: &Actor,
    id: AgreementId,
    input: &ChangeInput,
) -> ServiceResult<()> {
    let (desk, current) = owned(ctx, actor, id).await?;
    if current.state == AgreementState::Proposed {
        return Err(problems(vec![("state", "error-request-not-accepted")]));
    }
    agreements::apply_change(ctx, actor, desk.municipality, &current, input).await
}
