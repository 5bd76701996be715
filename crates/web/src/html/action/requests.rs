//! `/verzoeken`: a department's inbox across all teams, and `/verzoeken/{id}`: one request,
//! answered (yes with a date, no with a reason, a question) or, once taken on, moved on.

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::AgreementId;
use render::I18n;
use render::action::{AgreementRow, RequestPage, RequestsPage, due_text, state_label};
use render::inventory::Choice;
use services::ServiceError;
use services::action::agreements::ChangeInput;
use services::action::requests::{self, AnswerInput, Item};

use super::agreement::Notice;
use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

fn row(i18n: I18n, item: &Item, today: chrono::NaiveDate) -> AgreementRow {
    let a = &item.agreement;
    let (due, overdue) = due_text(&i18n, a.target, a.state, today);
    AgreementRow {
        href: format!("/verzoeken/{}", a.id),
        what: a.what.clone(),
        owner: String::new(),
        state: state_label(&i18n, a.state),
        state_code: a.state.code(),
        due,
        overdue,
        context: item.team.1.clone(),
    }
}

/// `GET /verzoeken`.
pub async fn inbox(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    let inbox = requests::inbox(&state.ctx, &staff.actor).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    to_html(&RequestsPage {
        department: inbox.department.clone(),
        to_answer: inbox
            .to_answer
            .iter()
            .map(|i| row(i18n, i, inbox.today))
            .collect(),
        taken_on: inbox
            .taken_on
            .iter()
            .map(|i| row(i18n, i, inbox.today))
            .collect(),
        i18n,
        shell,
    })
}

fn id_of(raw: &str) -> Result<AgreementId, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(AgreementId)
        .ok_or(AppError::NotFound)
}

async fn page(state: &AppState, staff: &Staff, id: AgreementId) -> Result<RequestPage, AppError> {
    let request = requests::request(&state.ctx, &staff.actor, id).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let a = &request.agreement;
    let item = Item {
        agreement: a.clone(),
        team: request.team.clone(),
    };
    Ok(RequestPage {
        csrf: staff.csrf.clone(),
        id: a.id.get(),
        department: request.department.clone(),
        team_name: request.team.1.clone(),
        row: row(i18n, &item, request.today),
        priority: request.priority.clone(),
        hard: a.hard.map(|d| render::local_time::day(i18n.locale, d)),
        timeline: request
            .timeline
            .iter()
            .map(|e| super::agreement::entry(i18n, &request.owners, e))
            .collect(),
        to_answer: a.state == domain::agreement::AgreementState::Proposed,
        states: std::iter::once(a.state)
            .chain(request.next.iter().copied())
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: state_label(&i18n, s),
            })
            .collect(),
        target: a.target.format("%Y-%m-%d").to_string(),
        version: a.version,
        failed: None,
        notice: None,
        i18n,
        shell,
    })
}

/// `GET /verzoeken/{id}`; `NotFound` for another department's request.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> Result<Html<String>, AppError> {
    let mut page = page(&state, &staff, id_of(&id)?).await?;
    page.notice = notice.text(page.i18n, "request-answered", "agreement-changed-meanwhile");
    to_html(&page)
}

/// `POST /verzoeken/{id}`: the answer, or (once taken on) a new state, date or note.
pub async fn answer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let id = id_of(&id)?;
    let result = if fields.get("answer").is_empty() && !fields.get("state").is_empty() {
        let input = ChangeInput {
            version: fields.get("version"),
            state: fields.get("state"),
            target: fields.get("target"),
            note: fields.get("note"),
            public: false,
        };
        requests::progress(&state.ctx, &staff.actor, id, &input).await
    } else {
        let input = AnswerInput {
            version: fields.get("version"),
            answer: fields.get("answer"),
            target: fields.get("target"),
            note: fields.get("note"),
        };
        requests::answer(&state.ctx, &staff.actor, id, &input).await
    };
    let here = format!("/verzoeken/{id}");
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{here}?klaar=1")).into_response()),
        Err(ServiceError::Conflict(_)) => {
            Ok(Redirect::to(&format!("{here}?melding=veranderd")).into_response())
        }
        Err(error @ ServiceError::Validation(_)) => {
            let page = page(&state, &staff, id).await?;
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
