//! The steps on an escalation: what a team (inform, settle, send up again) and a group
//! (decide, ask, send back, send up) may do, checked, version-checked and written in one
//! transaction with what they leave on the agreements.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A step as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct StepInput {
    /// The version the visitor saw.
    pub version: String,
    /// The step's code.
    pub step: String,
    /// The question, information, answer or how it was settled.
    pub text: String,
    /// For a decision: what, who, when (the agreement it becomes).
    pub decision: AgreementInput,
}

/// The agreement of the team's escalation `id` (`NotFound` for another team's).
pub async fn agreement_of(
    ctx: &Ctx,
    scope: &TeamScope,
    id: EscalationId,
) -> ServiceResult<AgreementId> {
    repo::find(ctx.store.conn(), scope.municipality(), id)
        .await?
        .filter(|e| e.team == scope.id())
        .map(|e| e.agreement)
        .ok_or(ServiceError::NotFound)
}

/// The team takes a step on its escalation `id` (inform, settle, send up again).
pub async fn step_in_team(
    ctx: &Ctx,
    scope: &TeamScope,
    id: EscalationId,
    input: &StepInput,
) -> ServiceResult<()> {
    scope.require(Action::EditTeam)?;
    let e = repo::find(ctx.store.conn(), scope.municipality(), id)
        .await?
        .filter(|e| e.team == scope.id())
        .ok_or(ServiceError::NotFound)?;
    agreements::visible(ctx, scope, e.agreement).await?;
    take(
        ctx,
        scope.actor(),
        scope.municipality(),
        e,
        Side::Team,
        input,
    )
    .await
}

/// The group takes a step on escalation `id`, which waits there (decide, ask for
/// information, send back down, send further up).
pub async fn step_in_group(
    ctx: &Ctx,
    scope: &GroupScope,
    id: EscalationId,
    input: &StepInput,
) -> ServiceResult<()> {
    scope.require(Action::EditGroup)?;
    let group = scope.group().id;
    let e = repo::find(ctx.store.conn(), scope.municipality(), id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    take(
        ctx,
        scope.actor(),
        scope.municipality(),
        e,
        Side::Group(group),
        input,
    )
    .await
}

/// What a step carries once checked.
enum Carried {
    Text(String),
    Decision(AgreementDraft),
}

async fn check_step(
    ctx: &Ctx,
    m: MunicipalityId,
    step: Step,
    input: &StepInput,
) -> ServiceResult<Carried> {
    if step != Step::Decide {
        return step_text(&input.text)
            .map(Carried::Text)
            .map_err(|key| problems(vec![("text", key)]));
    }
    let mut found: Vec<FieldProblem> = Vec::new();
    match input.decision.check(today(ctx.clock.now())) {
        Ok(draft) if agreements::owners_in(ctx, m).await?.contains(&draft.owner) => {
            return Ok(Carried::Decision(draft));
        }
        Ok(_) => found.push(("owner", "error-agreement-owner")),
        Err(list) => found.extend(list),
    }
    Err(problems(found))
}

/// What a step leaves on the agreements: a decision becomes a new agreement for the stuck
/// one's priority (and a timeline entry on the stuck one), settling an entry on it.
async fn outcome(
    tx: &store::Tx,
    m: MunicipalityId,
    e: &EscalationRecord,
    stuck: &AgreementRecord,
    step: Step,
    carried: &Carried,
    (now, actor, by): (DateTime<Utc>, &Actor, Option<domain::PersonId>),
) -> ServiceResult<Option<AgreementId>> {
    Ok(match carried {
        Carried::Decision(draft) => {
            let made = agreement_repo::create(
                tx,
                &NewAgreement {
                    municipality: m,
                    team: e.team,
                    priority: stuck.priority,
                    client_id: &format!("escalation-{}", e.id),
                    draft,
                    sensitivity: stuck.sensitivity,
                    state: AgreementState::Agreed,
                },
                now,
            )
            .await?;
            agreement_repo::add_event(tx, made, &event(now, actor, by, kind::FROM_DECISION, ""))
                .await?;
            agreement_repo::add_event(
                tx,
                e.agreement,
                &event(now, actor, by, kind::DECIDED, &draft.what),
            )
            .await?;
            Some(made)
        }
        Carried::Text(text) if step == Step::Settle => {
            agreement_repo::add_event(tx, e.agreement, &event(now, actor, by, kind::SETTLED, text))
                .await?;
            None
        }
        Carried::Text(_) => None,
    })
}

async fn take(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    e: EscalationRecord,
    side: Side,
    input: &StepInput,
) -> ServiceResult<()> {
    let conn = ctx.store.conn();
    let ladder = repo::ladder(conn, m).await?;
    let step = input
        .step
        .trim()
        .parse::<Step>()
        .map_err(|_| problems(vec![("step", "error-choose")]))?;
    let carried = check_step(ctx, m, step, input).await?;
    let body = match &carried {
        Carried::Text(t) => t.clone(),
        Carried::Decision(d) => d.what.clone(),
    };
    let version: i32 = input.version.trim().parse().unwrap_or(0);
    if version != e.version {
        // A second submit of the same form: the step it made is the last one.
        let steps = repo::steps(conn, e.id).await?;
        if steps
            .last()
            .is_some_and(|s| s.step == step && s.body == body && s.actor == actor.audit_name())
        {
            return Ok(());
        }
        return Err(ServiceError::Conflict(format!(
            "escalation {} moved since version {version}",
            e.id
        )));
    }
    if !next_steps(e.state, &ladder, side).contains(&step) {
        let key = e
            .state
            .apply(&ladder, step)
            .err()
            .map_or("error-escalation-not-here", |err| err.message_key());
        return Err(problems(vec![("step", key)]));
    }
    let to = e
        .state
        .apply(&ladder, step)
        .map_err(|err| problems(vec![("step", err.message_key())]))?;
    let from = e.state.level().unwrap_or(Level::Team);
    let now = ctx.clock.now();
    let by = agreements::person_of(ctx, actor).await?;
    let stuck = agreement_repo::find(conn, m, e.agreement)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let tx = ctx.store.begin_write().await?;
    if !repo::move_to(&tx, e.id, version, to, now).await? {
        return Err(ServiceError::Conflict(format!(
            "escalation {} moved since version {version}",
            e.id
        )));
    }
    let made = outcome(&tx, m, &e, &stuck, step, &carried, (now, actor, by)).await?;
    repo::add_step(
        &tx,
        e.id,
        &StepRecord {
            at: now,
            actor: actor.audit_name(),
            person: by,
            step,
            from,
            to: match to.position {
                Position::At(level) | Position::Decided(level) => level,
            },
            body,
            agreement: made,
        },
    )
    .await?;
    crate::structure::audit(
        &tx,
        ctx,
        actor,
        m,
        &format!("escalation.{}", step.code()),
        ("escalation", e.id.get()),
        json!({ "agreement": e.agreement.get(), "made": made.map(AgreementId::get) }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
