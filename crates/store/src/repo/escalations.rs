//! The escalation ladder (a setting of the municipality) and the escalations on it.

use chrono::{DateTime, Utc};
use domain::escalation::{Escalation, Ladder, Level, Position, Step};
use domain::{AgreementId, EscalationId, GroupId, MunicipalityId, PersonId, TeamId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{escalation, escalation_step, ladder_level};
use crate::error::{DbError, DbResult};

/// The groups above the teams of `m`, lowest first.
pub async fn ladder(conn: &impl ConnectionTrait, m: MunicipalityId) -> DbResult<Ladder> {
    Ok(Ladder(
        ladder_level::Entity::find()
            .filter(ladder_level::Column::MunicipalityId.eq(m.get()))
            .order_by_asc(ladder_level::Column::Position)
            .all(conn)
            .await?
            .into_iter()
            .map(|row| GroupId(row.group_id))
            .collect(),
    ))
}

/// Replaces the ladder of `m` with `groups`, lowest first.
pub async fn set_ladder(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    groups: &[GroupId],
) -> DbResult<()> {
    ladder_level::Entity::delete_many()
        .filter(ladder_level::Column::MunicipalityId.eq(m.get()))
        .exec(conn)
        .await?;
    for (at, group) in (1..).zip(groups) {
        ladder_level::Entity::insert(ladder_level::ActiveModel {
            municipality_id: Set(m.get()),
            position: Set(at),
            group_id: Set(group.get()),
        })
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    }
    Ok(())
}

/// An escalation as services see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EscalationRecord {
    /// Key.
    pub id: EscalationId,
    /// The team that raised it.
    pub team: TeamId,
    /// The stuck agreement.
    pub agreement: AgreementId,
    /// Where it is, and whether that level waits for information.
    pub state: Escalation,
    /// When the team raised it.
    pub raised_at: DateTime<Utc>,
    /// When it last moved.
    pub changed_at: DateTime<Utc>,
    /// Rises with every step.
    pub version: i32,
}

fn level_of(group: Option<i64>) -> Level {
    group.map_or(Level::Team, |g| Level::Group(GroupId(g)))
}

fn group_of(level: Level) -> Option<i64> {
    match level {
        Level::Team => None,
        Level::Group(g) => Some(g.get()),
    }
}

fn position_columns(state: Escalation) -> (Option<i64>, bool) {
    match state.position {
        Position::At(level) => (group_of(level), false),
        Position::Decided(level) => (group_of(level), true),
    }
}

impl From<escalation::Model> for EscalationRecord {
    fn from(row: escalation::Model) -> Self {
        let level = level_of(row.group_id);
        EscalationRecord {
            id: EscalationId(row.id),
            team: TeamId(row.team_id),
            agreement: AgreementId(row.agreement_id),
            state: Escalation {
                position: if row.decided {
                    Position::Decided(level)
                } else {
                    Position::At(level)
                },
                waiting: row.waiting,
            },
            raised_at: row.raised_at,
            changed_at: row.changed_at,
            version: row.version,
        }
    }
}

/// Writes down a new escalation of `agreement` (version 1) in `state`.
pub async fn create(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    team: TeamId,
    agreement: AgreementId,
    state: Escalation,
    now: DateTime<Utc>,
) -> DbResult<EscalationId> {
    let (group, decided) = position_columns(state);
    let id = super::insert_returning_id(
        conn,
        escalation::ActiveModel {
            municipality_id: Set(m.get()),
            team_id: Set(team.get()),
            agreement_id: Set(agreement.get()),
            group_id: Set(group),
            decided: Set(decided),
            waiting: Set(state.waiting),
            raised_at: Set(now),
            changed_at: Set(now),
            version: Set(1),
            ..Default::default()
        },
    )
    .await?;
    Ok(EscalationId(id))
}

/// Escalation `id` of municipality `m`.
pub async fn find(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: EscalationId,
) -> DbResult<Option<EscalationRecord>> {
    Ok(escalation::Entity::find_by_id(id.get())
        .filter(escalation::Column::MunicipalityId.eq(m.get()))
        .one(conn)
        .await?
        .map(EscalationRecord::from))
}

/// The escalations of `agreement`, oldest first.
pub async fn of_agreement(
    conn: &impl ConnectionTrait,
    agreement: AgreementId,
) -> DbResult<Vec<EscalationRecord>> {
    Ok(escalation::Entity::find()
        .filter(escalation::Column::AgreementId.eq(agreement.get()))
        .order_by_asc(escalation::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(EscalationRecord::from)
        .collect())
}

/// What waits at `group`, the longest waiting first.
pub async fn waiting_at(
    conn: &impl ConnectionTrait,
    group: GroupId,
) -> DbResult<Vec<EscalationRecord>> {
    Ok(escalation::Entity::find()
        .filter(escalation::Column::GroupId.eq(group.get()))
        .filter(escalation::Column::Decided.eq(false))
        .order_by_asc(escalation::Column::ChangedAt)
        .order_by_asc(escalation::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(EscalationRecord::from)
        .collect())
}

/// Moves escalation `id` to `state` if it is still at `version`; `false` when someone moved
/// it in the meantime (nothing is written then).
pub async fn move_to(
    conn: &impl ConnectionTrait,
    id: EscalationId,
    version: i32,
    state: Escalation,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let (group, decided) = position_columns(state);
    let done = escalation::Entity::update_many()
        .col_expr(escalation::Column::GroupId, Expr::value(group))
        .col_expr(escalation::Column::Decided, Expr::value(decided))
        .col_expr(escalation::Column::Waiting, Expr::value(state.waiting))
        .col_expr(escalation::Column::ChangedAt, Expr::value(now))
        .col_expr(escalation::Column::Version, Expr::value(version + 1))
        .filter(escalation::Column::Id.eq(id.get()))
        .filter(escalation::Column::Version.eq(version))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// One step of an escalation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who, as the audit log names them.
    pub actor: String,
    /// The person behind the account, when known.
    pub person: Option<PersonId>,
    /// Which step.
    pub step: Step,
    /// The level it was at.
    pub from: Level,
    /// The level it went to (the same level for a question, information or a decision).
    pub to: Level,
    /// The question, the information, the answer or the decision.
    pub body: String,
    /// The agreement a decision became.
    pub agreement: Option<AgreementId>,
}

/// Adds a step to escalation `id`.
pub async fn add_step(
    conn: &impl ConnectionTrait,
    id: EscalationId,
    step: &StepRecord,
) -> DbResult<()> {
    super::insert_returning_id(
        conn,
        escalation_step::ActiveModel {
            escalation_id: Set(id.get()),
            at: Set(step.at),
            actor: Set(step.actor.clone()),
            person_id: Set(step.person.map(PersonId::get)),
            step: Set(step.step.code().to_owned()),
            from_group_id: Set(group_of(step.from)),
            to_group_id: Set(group_of(step.to)),
            body: Set(step.body.clone()),
            agreement_id: Set(step.agreement.map(AgreementId::get)),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// The steps of escalation `id`, oldest first.
pub async fn steps(conn: &impl ConnectionTrait, id: EscalationId) -> DbResult<Vec<StepRecord>> {
    escalation_step::Entity::find()
        .filter(escalation_step::Column::EscalationId.eq(id.get()))
        .order_by_asc(escalation_step::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            Ok(StepRecord {
                step: row
                    .step
                    .parse()
                    .map_err(|_| DbError::Conflict(format!("escalation step {}: step", row.id)))?,
                at: row.at,
                actor: row.actor,
                person: row.person_id.map(PersonId),
                from: level_of(row.from_group_id),
                to: level_of(row.to_group_id),
                body: row.body,
                agreement: row.agreement_id.map(AgreementId),
            })
        })
        .collect()
}
