//! Agreements per priority and their timelines.

use chrono::{DateTime, NaiveDate, Utc};
use domain::agreement::{AgreementDraft, AgreementState, Owner};
use domain::inventory::Sensitivity;
use domain::{AgreementId, DepartmentId, MunicipalityId, PersonId, PriorityId, TeamId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{agreement, agreement_event};
use crate::error::{DbError, DbResult};

/// An agreement as services see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementRecord {
    /// Key.
    pub id: AgreementId,
    /// Its team.
    pub team: TeamId,
    /// The priority it serves.
    pub priority: PriorityId,
    /// What will be done.
    pub what: String,
    /// Who does it.
    pub owner: Owner,
    /// When it should be done (may move).
    pub target: NaiveDate,
    /// The target date as first agreed (never moves).
    pub promised: NaiveDate,
    /// The deadline, if any.
    pub hard: Option<NaiveDate>,
    /// Where it stands.
    pub state: AgreementState,
    /// The day it was closed, if it is.
    pub closed_on: Option<NaiveDate>,
    /// Who may see it.
    pub sensitivity: Sensitivity,
    /// Rises with every change.
    pub version: i32,
    /// When it was written down.
    pub created_at: DateTime<Utc>,
}

fn owner_of(row: &agreement::Model) -> DbResult<Owner> {
    match (
        row.owner_person_id,
        row.owner_department_id,
        &row.owner_residents,
    ) {
        (Some(p), None, None) => Ok(Owner::Person(PersonId(p))),
        (None, Some(d), None) => Ok(Owner::Department(DepartmentId(d))),
        (None, None, Some(names)) => Ok(Owner::Residents(names.clone())),
        _ => Err(DbError::Conflict(format!(
            "agreement {}: one owner",
            row.id
        ))),
    }
}

impl TryFrom<agreement::Model> for AgreementRecord {
    type Error = DbError;

    fn try_from(row: agreement::Model) -> DbResult<Self> {
        let bad = |what: &str| DbError::Conflict(format!("agreement {}: {what}", row.id));
        Ok(AgreementRecord {
            owner: owner_of(&row)?,
            id: AgreementId(row.id),
            team: TeamId(row.team_id),
            priority: PriorityId(row.priority_id),
            state: row.state.parse().map_err(|_| bad("state"))?,
            sensitivity: row.sensitivity.parse().map_err(|_| bad("sensitivity"))?,
            what: row.what,
            target: row.target_on,
            promised: row.promised_on,
            hard: row.hard_on,
            closed_on: row.closed_on,
            version: row.version,
            created_at: row.created_at,
        })
    }
}

fn records(rows: Vec<agreement::Model>) -> DbResult<Vec<AgreementRecord>> {
    rows.into_iter().map(AgreementRecord::try_from).collect()
}

/// An agreement to write down.
#[derive(Clone, Debug)]
pub struct NewAgreement<'a> {
    /// Tenant.
    pub municipality: MunicipalityId,
    /// Team.
    pub team: TeamId,
    /// The priority it serves.
    pub priority: PriorityId,
    /// The form's id: a second submit of the same form finds the first agreement.
    pub client_id: &'a str,
    /// What, who, when.
    pub draft: &'a AgreementDraft,
    /// Who may see it.
    pub sensitivity: Sensitivity,
    /// Its first state (agreed when made at a meeting, proposed otherwise).
    pub state: AgreementState,
}

/// The agreement of `team` made by the form `client_id`, if there is one.
pub async fn by_client_id(
    conn: &impl ConnectionTrait,
    team: TeamId,
    client_id: &str,
) -> DbResult<Option<AgreementRecord>> {
    agreement::Entity::find()
        .filter(agreement::Column::TeamId.eq(team.get()))
        .filter(agreement::Column::ClientId.eq(client_id))
        .one(conn)
        .await?
        .map(AgreementRecord::try_from)
        .transpose()
}

/// Writes down a new agreement (version 1); a second one with the same `client_id` in the
/// team is a `Conflict`.
pub async fn create(
    conn: &impl ConnectionTrait,
    new: &NewAgreement<'_>,
    now: DateTime<Utc>,
) -> DbResult<AgreementId> {
    let (person, department, residents) = match &new.draft.owner {
        Owner::Person(p) => (Some(p.get()), None, None),
        Owner::Department(d) => (None, Some(d.get()), None),
        Owner::Residents(names) => (None, None, Some(names.clone())),
    };
    let closed_on = new.state.is_closed().then(|| now.date_naive());
    let id = super::insert_returning_id(
        conn,
        agreement::ActiveModel {
            municipality_id: Set(new.municipality.get()),
            team_id: Set(new.team.get()),
            priority_id: Set(new.priority.get()),
            client_id: Set(new.client_id.to_owned()),
            what: Set(new.draft.what.clone()),
            owner_person_id: Set(person),
            owner_department_id: Set(department),
            owner_residents: Set(residents),
            target_on: Set(new.draft.target),
            promised_on: Set(new.draft.target),
            hard_on: Set(new.draft.hard),
            state: Set(new.state.code().to_owned()),
            closed_on: Set(closed_on),
            sensitivity: Set(new.sensitivity.code().to_owned()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    Ok(AgreementId(id))
}

/// Agreement `id` of municipality `m`.
pub async fn find(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: AgreementId,
) -> DbResult<Option<AgreementRecord>> {
    agreement::Entity::find_by_id(id.get())
        .filter(agreement::Column::MunicipalityId.eq(m.get()))
        .one(conn)
        .await?
        .map(AgreementRecord::try_from)
        .transpose()
}

/// The agreements of `team`, by priority, then target date.
pub async fn of_team(conn: &impl ConnectionTrait, team: TeamId) -> DbResult<Vec<AgreementRecord>> {
    records(
        agreement::Entity::find()
            .filter(agreement::Column::TeamId.eq(team.get()))
            .order_by_asc(agreement::Column::PriorityId)
            .order_by_asc(agreement::Column::TargetOn)
            .order_by_asc(agreement::Column::Id)
            .all(conn)
            .await?,
    )
}

/// The open agreements owned by `person` or by `department` (when given) in `m`, the
/// soonest target first.
pub async fn open_of_owner(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    person: PersonId,
    department: Option<DepartmentId>,
) -> DbResult<Vec<AgreementRecord>> {
    let mut owned =
        sea_orm::Condition::any().add(agreement::Column::OwnerPersonId.eq(person.get()));
    if let Some(d) = department {
        owned = owned.add(agreement::Column::OwnerDepartmentId.eq(d.get()));
    }
    let open: Vec<&str> = AgreementState::ALL
        .into_iter()
        .filter(|s| !s.is_closed())
        .map(AgreementState::code)
        .collect();
    records(
        agreement::Entity::find()
            .filter(agreement::Column::MunicipalityId.eq(m.get()))
            .filter(owned)
            .filter(agreement::Column::State.is_in(open))
            .order_by_asc(agreement::Column::TargetOn)
            .order_by_asc(agreement::Column::Id)
            .all(conn)
            .await?,
    )
}

/// A change to an agreement: its state, its target date, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The new state.
    pub state: AgreementState,
    /// The new target date.
    pub target: NaiveDate,
}

/// Applies `change` to agreement `id` if it is still at `version`; `false` when someone
/// changed it in the meantime (nothing is written then).
pub async fn change(
    conn: &impl ConnectionTrait,
    id: AgreementId,
    version: i32,
    change: Change,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let closed_on = change.state.is_closed().then(|| now.date_naive());
    let done = agreement::Entity::update_many()
        .col_expr(agreement::Column::State, Expr::value(change.state.code()))
        .col_expr(agreement::Column::TargetOn, Expr::value(change.target))
        .col_expr(agreement::Column::ClosedOn, Expr::value(closed_on))
        .col_expr(agreement::Column::Version, Expr::value(version + 1))
        .col_expr(agreement::Column::UpdatedAt, Expr::value(now))
        .filter(agreement::Column::Id.eq(id.get()))
        .filter(agreement::Column::Version.eq(version))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Accepts the proposed agreement `id` (a request to a department) with the department's
/// date, if it is still at `version`: agreed, and promised by that date (the first date
/// agreed is the department's, not the one the team hoped for). `false` when someone changed
/// it in the meantime.
pub async fn accept(
    conn: &impl ConnectionTrait,
    id: AgreementId,
    version: i32,
    target: NaiveDate,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let done = agreement::Entity::update_many()
        .col_expr(
            agreement::Column::State,
            Expr::value(AgreementState::Agreed.code()),
        )
        .col_expr(agreement::Column::TargetOn, Expr::value(target))
        .col_expr(agreement::Column::PromisedOn, Expr::value(target))
        .col_expr(agreement::Column::Version, Expr::value(version + 1))
        .col_expr(agreement::Column::UpdatedAt, Expr::value(now))
        .filter(agreement::Column::Id.eq(id.get()))
        .filter(agreement::Column::Version.eq(version))
        .filter(agreement::Column::State.eq(AgreementState::Proposed.code()))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// What kind of timeline entry.
pub mod kind {
    /// Written down.
    pub const CREATED: &str = "created";
    /// Asked of a department, which has yet to answer.
    pub const ASKED: &str = "asked";
    /// State or target changed, or only a note.
    pub const CHANGED: &str = "changed";
}

/// One entry of an agreement's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who, as the audit log names them (`user:3`, `system`).
    pub actor: String,
    /// The person behind the account, when known (for their name).
    pub person: Option<PersonId>,
    /// [`kind`].
    pub kind: String,
    /// The state before and after, when it changed.
    pub states: Option<(AgreementState, AgreementState)>,
    /// The target before and after, when it moved.
    pub targets: Option<(NaiveDate, NaiveDate)>,
    /// A note.
    pub note: Option<String>,
    /// Whether residents may read it.
    pub public: bool,
}

/// Adds an entry to the timeline of `agreement`.
pub async fn add_event(
    conn: &impl ConnectionTrait,
    agreement: AgreementId,
    event: &EventRecord,
) -> DbResult<()> {
    let (from, to) = event.states.map_or((None, None), |(a, b)| {
        (Some(a.code().to_owned()), Some(b.code().to_owned()))
    });
    let (before, after) = event
        .targets
        .map_or((None, None), |(a, b)| (Some(a), Some(b)));
    super::insert_returning_id(
        conn,
        agreement_event::ActiveModel {
            agreement_id: Set(agreement.get()),
            at: Set(event.at),
            actor: Set(event.actor.clone()),
            person_id: Set(event.person.map(PersonId::get)),
            kind: Set(event.kind.clone()),
            from_state: Set(from),
            to_state: Set(to),
            target_before: Set(before),
            target_after: Set(after),
            note: Set(event.note.clone()),
            public: Set(event.public),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// The timeline of `agreement`, oldest first.
pub async fn events(
    conn: &impl ConnectionTrait,
    agreement: AgreementId,
) -> DbResult<Vec<EventRecord>> {
    let rows = agreement_event::Entity::find()
        .filter(agreement_event::Column::AgreementId.eq(agreement.get()))
        .order_by_asc(agreement_event::Column::Id)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let bad = || DbError::Conflict(format!("agreement event {}: state", row.id));
            let states = match (&row.from_state, &row.to_state) {
                (Some(a), Some(b)) => {
                    Some((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
                }
                _ => None,
            };
            Ok(EventRecord {
                at: row.at,
                actor: row.actor,
                person: row.person_id.map(PersonId),
                kind: row.kind,
                states,
                targets: row.target_before.zip(row.target_after),
                note: row.note,
                public: row.public,
            })
        })
        .collect()
}

/// The person behind account `user` and their department, if they have one.
pub async fn person_of_account(
    conn: &impl ConnectionTrait,
    user: domain::UserId,
) -> DbResult<Option<(PersonId, Option<DepartmentId>)>> {
    let Some(account) = super::accounts::find(conn, user).await? else {
        return Ok(None);
    };
    let person = crate::entity::person::Entity::find_by_id(account.person.get())
        .one(conn)
        .await?;
    Ok(person.map(|p| (PersonId(p.id), p.department_id.map(DepartmentId))))
}

/// An open agreement due by a day, with what a reminder to its owner needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminding {
    /// Its municipality.
    pub municipality: MunicipalityId,
    /// The agreement.
    pub agreement: AgreementRecord,
    /// The owner's e-mail address.
    pub email: String,
    /// The team's slug and name.
    pub team: (String, String),
    /// The reminders already sent: (days before, due date).
    pub sent: Vec<(u32, NaiveDate)>,
}

/// Open agreements due on or before `until` whose owner is a person with an e-mail address,
/// with the reminders already sent for each (police-restricted ones included: the caller
/// decides what the mail may say).
pub async fn due_by(conn: &impl ConnectionTrait, until: NaiveDate) -> DbResult<Vec<Reminding>> {
    use std::collections::HashMap;

    use crate::entity::{agreement_reminder, person, team};
    let open: Vec<&str> = AgreementState::ALL
        .into_iter()
        .filter(|s| !s.is_closed())
        .map(AgreementState::code)
        .collect();
    let rows = agreement::Entity::find()
        .filter(agreement::Column::State.is_in(open))
        .filter(agreement::Column::TargetOn.lte(until))
        .filter(agreement::Column::OwnerPersonId.is_not_null())
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|r| r.id).collect();
        let people: Vec<i64> = chunk.iter().filter_map(|r| r.owner_person_id).collect();
        let teams: Vec<i64> = chunk.iter().map(|r| r.team_id).collect();
        let emails: HashMap<i64, String> = person::Entity::find()
            .filter(person::Column::Id.is_in(people))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|p| Some((p.id, p.email?)))
            .collect();
        let names: HashMap<i64, (String, String)> = team::Entity::find()
            .filter(team::Column::Id.is_in(teams))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| (t.id, (t.slug, t.name)))
            .collect();
        let mut sent: HashMap<i64, Vec<(u32, NaiveDate)>> = HashMap::new();
        for r in agreement_reminder::Entity::find()
            .filter(agreement_reminder::Column::AgreementId.is_in(ids))
            .all(conn)
            .await?
        {
            let days =
                u32::try_from(r.days).map_err(|_| DbError::Conflict("reminder days".into()))?;
            sent.entry(r.agreement_id)
                .or_default()
                .push((days, r.due_on));
        }
        for row in chunk {
            let (Some(email), Some(team)) = (
                row.owner_person_id.and_then(|p| emails.get(&p)),
                names.get(&row.team_id),
            ) else {
                continue;
            };
            out.push(Reminding {
                municipality: MunicipalityId(row.municipality_id),
                email: email.clone(),
                team: team.clone(),
                sent: sent.remove(&row.id).unwrap_or_default(),
                agreement: AgreementRecord::try_from(row.clone())?,
            });
        }
    }
    Ok(out)
}

/// Notes that the reminders `days` for `due_on` of `agreement` went; `false` when they had
/// already been noted (another server's job got there first), so nothing is sent twice.
pub async fn note_reminders(
    conn: &impl ConnectionTrait,
    agreement: AgreementId,
    days: &[u32],
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    use crate::entity::agreement_reminder;
    let rows =
        days.iter()
            .map(|d| {
                Ok(agreement_reminder::ActiveModel {
                    agreement_id: Set(agreement.get()),
                    days: Set(
                        i32::try_from(*d).map_err(|_| DbError::Conflict("reminder days".into()))?
                    ),
                    due_on: Set(due_on),
                    sent_at: Set(now),
                })
            })
            .collect::<DbResult<Vec<_>>>()?;
    let inserted = agreement_reminder::Entity::insert_many(rows)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                agreement_reminder::Column::AgreementId,
                agreement_reminder::Column::Days,
                agreement_reminder::Column::DueOn,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(inserted > 0)
}
