//! The escalation ladder over HTTP: the team sends a stuck agreement up
//! (`POST /werk/{team}/afspraken/{id}/escaleren`) and takes its steps on it
//! (`POST /werk/{team}/escalaties/{id}`); a group reads its queue (`GET /groepen/{group}`)
//! and acts on what waits there (`GET`/`POST /groepen/{group}/escalaties/{id}`).

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::agreement::AgreementInput;
use domain::escalation::{Level, Position, Step};
use domain::{AgreementId, EscalationId};
use render::I18n;
use render::escalation::{EscalationBlock, EscalationPage, QueuePage, QueueRow, StepRow, age_text};
use render::inventory::Choice;
use services::ServiceError;
use services::action::escalations::{self, RaiseInput, StepInput, View};

use super::agreement::Notice;
use crate::AppState;
use crate::auth::{InGroup, InTeam};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

fn positive(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// One escalation as a page shows it; `action` is where its step form posts.
pub(crate) fn block(i18n: I18n, view: &View, action: String, team_slug: &str) -> EscalationBlock {
    let day = |at| render::local_time::day(i18n.locale, render::local_time::amsterdam(at).date());
    let e = &view.escalation;
    let status = match e.state.position {
        Position::At(level) if e.state.waiting => {
            i18n.t1("escalation-waiting", "level", &view.level_name(level))
        }
        Position::At(level) => i18n.t2(
            "escalation-at",
            ("level", &view.level_name(level)),
            ("date", &day(view.since)),
        ),
        Position::Decided(Level::Team) => i18n.t1("escalation-settled", "date", &day(e.changed_at)),
        Position::Decided(level) => i18n.t2(
            "escalation-decided",
            ("level", &view.level_name(level)),
            ("date", &day(e.changed_at)),
        ),
    };
    let steps = view
        .steps
        .iter()
        .map(|s| StepRow {
            when: render::local_time::date_time(i18n.locale, s.at),
            who: s
                .person
                .and_then(|p| view.owners.people.iter().find(|x| x.id == p))
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            what: i18n.t2(
                &format!("escalation-step-{}", s.step.code()),
                ("from", &view.level_name(s.from)),
                ("to", &view.level_name(s.to)),
            ),
            body: s.body.clone(),
        })
        .collect();
    let made = view.steps.iter().find_map(|s| s.agreement).map(|id| {
        let what = view
            .steps
            .iter()
            .find(|s| s.step == Step::Decide)
            .map(|s| s.body.clone())
            .unwrap_or_default();
        (format!("/werk/{team_slug}/afspraken/{id}"), what)
    });
    EscalationBlock {
        id: e.id.get(),
        action,
        status,
        open: matches!(e.state.position, Position::At(_)),
        steps,
        version: e.version,
        choices: view
            .next
            .iter()
            .filter(|s| **s != Step::Decide)
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: i18n.t(&format!("escalation-do-{}", s.code())),
            })
            .collect(),
        can_decide: view.next.contains(&Step::Decide),
        made,
    }
}

/// `POST /werk/{team}/afspraken/{id}/escaleren`: send the agreement up with a question.
pub async fn raise(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path((_, id)): Path<(String, String)>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let id = AgreementId(positive(&id)?);
    let input = RaiseInput {
        question: fields.get("question"),
    };
    let here = format!("/werk/{}/afspraken/{id}", scope.team().slug);
    match escalations::raise(&state.ctx, &scope, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("{here}?klaar=escalatie#escalations")).into_response()),
        Err(error @ ServiceError::Validation(_)) => {
            Err(super::agreement::refill(&state, &staff, &scope, id, error, fields).await)
        }
        Err(other) => Err(other.into()),
    }
}

fn step_input(fields: &FormFields) -> StepInput {
    StepInput {
        version: fields.get("version"),
        step: fields.get("step"),
        text: fields.get("text"),
        decision: AgreementInput {
            what: fields.get("what"),
            owner: fields.get("owner"),
            residents: fields.get("residents"),
            target: fields.get("target"),
            hard: fields.get("hard"),
        },
    }
}

/// `POST /werk/{team}/escalaties/{id}`: the team informs, settles or sends up again.
pub async fn team_step(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path((_, id)): Path<(String, String)>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let id = EscalationId(positive(&id)?);
    let agreement = escalations::agreement_of(&state.ctx, &scope, id).await?;
    let here = format!("/werk/{}/afspraken/{agreement}", scope.team().slug);
    match escalations::step_in_team(&state.ctx, &scope, id, &step_input(&fields)).await {
        Ok(()) => Ok(Redirect::to(&format!("{here}?klaar=stap#escalations")).into_response()),
        Err(ServiceError::Conflict(_)) => {
            Ok(Redirect::to(&format!("{here}?melding=veranderd#escalations")).into_response())
        }
        Err(error @ ServiceError::Validation(_)) => {
            Err(super::agreement::refill(&state, &staff, &scope, agreement, error, fields).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /groepen/{group}`: what waits at the group.
pub async fn queue(
    State(state): State<AppState>,
    InGroup { staff, scope }: InGroup,
) -> Result<Html<String>, AppError> {
    let items = escalations::queue(&state.ctx, &scope).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let today = services::scope::today(state.ctx.clock.now());
    let group = scope.group();
    to_html(&QueuePage {
        group_name: group.name.clone(),
        rows: items
            .iter()
            .map(|item| QueueRow {
                href: format!("/groepen/{}/escalaties/{}", group.id, item.escalation.id),
                team: item.team.1.clone(),
                what: item.what.clone(),
                question: item.question.clone(),
                age: age_text(
                    &i18n,
                    (today - render::local_time::amsterdam(item.since).date()).num_days(),
                ),
                waiting: item.escalation.state.waiting,
            })
            .collect(),
        i18n,
        shell,
    })
}

async fn escalation_page(
    state: &AppState,
    staff: &crate::auth::Staff,
    scope: &services::GroupScope,
    id: EscalationId,
) -> Result<EscalationPage, AppError> {
    let view = escalations::in_group(&state.ctx, scope, id).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let group = scope.group();
    let here = format!("/groepen/{}/escalaties/{id}", group.id);
    let a = &view.agreement;
    let (due, _) = render::action::due_text(&i18n, a.target, a.state, view.today);
    Ok(EscalationPage {
        csrf: staff.csrf.clone(),
        group_name: group.name.clone(),
        queue_href: format!("/groepen/{}", group.id),
        team_name: view.team.1.clone(),
        what: a.what.clone(),
        facts: format!("{} · {due}", view.owners.name_of(&a.owner)),
        question: view.question.clone(),
        block: block(i18n, &view, here, &view.team.0),
        owners: super::board::owner_choices(i18n, &view.owners),
        failed: None,
        notice: None,
        i18n,
        shell,
    })
}

/// `GET /groepen/{group}/escalaties/{id}`.
pub async fn show(
    State(state): State<AppState>,
    InGroup { staff, scope }: InGroup,
    Path((_, id)): Path<(String, String)>,
    Query(notice): Query<Notice>,
) -> Result<Html<String>, AppError> {
    let id = EscalationId(positive(&id)?);
    let mut page = escalation_page(&state, &staff, &scope, id).await?;
    page.notice = notice.text(page.i18n, "escalation-done", "escalation-changed-meanwhile");
    to_html(&page)
}

/// `POST /groepen/{group}/escalaties/{id}`: decide, ask, send back or send up.
pub async fn group_step(
    State(state): State<AppState>,
    InGroup { staff, scope }: InGroup,
    Path((_, id)): Path<(String, String)>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let id = EscalationId(positive(&id)?);
    let here = format!("/groepen/{}/escalaties/{id}", scope.group().id);
    match escalations::step_in_group(&state.ctx, &scope, id, &step_input(&fields)).await {
        Ok(()) => Ok(Redirect::to(&format!("{here}?klaar=1")).into_response()),
        Err(ServiceError::Conflict(_)) => {
            Ok(Redirect::to(&format!("{here}?melding=veranderd")).into_response())
        }
        Err(error @ ServiceError::Validation(_)) => {
            let page = escalation_page(&state, &staff, &scope, id).await?;
            let i18n = page.i18n;
            Err(crate::html::inventory::refill(
                error,
                fields.without_token(),
                page,
                i18n,
                |page, failed| page.failed = Some(failed),
            ))
        }
        Err(other) => Err(other.into()),
    }
}
