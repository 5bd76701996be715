//! `/werk/{team}/afspraken/{id}`: one agreement with its timeline, and changing it.

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::AgreementId;
use domain::inventory::Sensitivity;
use render::I18n;
use render::action::{AgreementPage, TimelineRow, state_label};
use render::inventory::{Choice, InventoryLabels, Labels};
use serde::Deserialize;
use services::TeamScope;
use services::action::agreements::{self, ChangeInput, Owners, TimelineEntry};
use services::action::escalations;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

/// After a change: `klaar` (done; `escalatie` and `stap` for the escalation's forms) or
/// `melding=veranderd` (someone else changed it first).
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    klaar: Option<String>,
    melding: Option<String>,
}

impl Notice {
    /// The notice in words: `done` after a change, `meanwhile` after a conflict.
    pub(crate) fn text(&self, i18n: I18n, done: &str, meanwhile: &str) -> Option<String> {
        match (self.klaar.as_deref(), &self.melding) {
            (Some("escalatie"), _) => Some(i18n.t("escalation-raised")),
            (Some("stap"), _) => Some(i18n.t("escalation-done")),
            (Some(_), _) => Some(i18n.t(done)),
            (None, Some(_)) => Some(i18n.t(meanwhile)),
            (None, None) => None,
        }
    }
}

fn id_of(raw: &str) -> Result<AgreementId, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(AgreementId)
        .ok_or(AppError::NotFound)
}

/// One timeline entry in words; `owners` names the people.
pub(crate) fn entry(i18n: I18n, owners: &Owners, e: &TimelineEntry) -> TimelineRow {
    let day = |d| render::local_time::day(i18n.locale, d);
    let mut what = Vec::new();
    if e.kind != "changed" {
        what.push(i18n.t(&format!("agreement-event-{}", e.kind)));
    }
    if let Some((from, to)) = e.states {
        what.push(i18n.t2(
            "agreement-event-state",
            ("from", &state_label(&i18n, from)),
            ("to", &state_label(&i18n, to)),
        ));
    }
    if let Some((from, to)) = e.targets {
        what.push(i18n.t2(
            "agreement-event-target",
            ("from", &day(from)),
            ("to", &day(to)),
        ));
    }
    TimelineRow {
        when: render::local_time::date_time(i18n.locale, e.at),
        who: e
            .person
            .and_then(|p| owners.people.iter().find(|x| x.id == p))
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        what,
        note: e.note.clone().unwrap_or_default(),
        public: e.public,
    }
}

/// The agreement's page, with an empty form.
pub(crate) async fn page(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    id: AgreementId,
) -> Result<AgreementPage, AppError> {
    let detail = agreements::detail(&state.ctx, scope, id).await?;
    let on_ladder = escalations::of_agreement(&state.ctx, scope, id).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let slug = scope.team().slug.to_string();
    let a = &detail.agreement;
    let states = std::iter::once(a.state)
        .chain(detail.next.iter().copied())
        .map(|s| Choice {
            value: s.code().to_owned(),
            label: state_label(&i18n, s),
        })
        .collect();
    Ok(AgreementPage {
        csrf: staff.csrf.clone(),
        team_name: scope.team().name.clone(),
        id: a.id.get(),
        row: super::row(i18n, &slug, a, &detail.owners, detail.today),
        priority: detail.priority.title.clone(),
        target_day: render::local_time::day(i18n.locale, a.target),
        promised: (a.promised != a.target)
            .then(|| render::local_time::day(i18n.locale, a.promised)),
        hard: a.hard.map(|d| render::local_time::day(i18n.locale, d)),
        visibility: Labels(i18n).sensitivity_label(&a.sensitivity),
        public: a.sensitivity == Sensitivity::Public,
        timeline: detail
            .timeline
            .iter()
            .map(|e| entry(i18n, &detail.owners, e))
            .collect(),
        states,
        target: a.target.format("%Y-%m-%d").to_string(),
        version: a.version,
        can_change: detail.can_edit && !a.state.is_closed(),
        escalations: on_ladder
            .views
            .iter()
            .map(|v| {
                let action = format!("/werk/{slug}/escalaties/{}", v.escalation.id);
                super::escalation::block(i18n, v, action, &slug)
            })
            .collect(),
        raise_to: on_ladder.raise_to,
        team_slug: slug,
        failed: None,
        notice: None,
        i18n,
        shell,
    })
}

/// `GET /werk/{team}/afspraken/{id}`; `NotFound` for what the visitor may not see.
pub async fn show(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path((_, id)): Path<(String, String)>,
    Query(notice): Query<Notice>,
) -> Result<Html<String>, AppError> {
    let mut page = page(&state, &staff, &scope, id_of(&id)?).await?;
    page.notice = notice.text(
        page.i18n,
        "agreement-changed",
        "agreement-changed-meanwhile",
    );
    to_html(&page)
}

/// `POST /werk/{team}/afspraken/{id}`: a new state, target date and/or note.
pub async fn change(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path((_, id)): Path<(String, String)>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let id = id_of(&id)?;
    let input = ChangeInput {
        version: fields.get("version"),
        state: fields.get("state"),
        target: fields.get("target"),
        note: fields.get("note"),
        public: fields.get("public") == "on",
    };
    let here = format!("/werk/{}/afspraken/{id}", scope.team().slug);
    match agreements::change(&state.ctx, &scope, id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("{here}?klaar=1")).into_response()),
        Err(services::ServiceError::Conflict(_)) => {
            Ok(Redirect::to(&format!("{here}?melding=veranderd")).into_response())
        }
        Err(error @ services::ServiceError::Validation(_)) => {
            Err(refill(&state, &staff, &scope, id, error, fields).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// The agreement's page again with the form that failed, its messages and what was typed.
pub(crate) async fn refill(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    id: AgreementId,
    error: services::ServiceError,
    fields: FormFields,
) -> AppError {
    let page = match page(state, staff, scope, id).await {
        Ok(page) => page,
        Err(e) => return e,
    };
    let i18n = page.i18n;
    crate::html::inventory::refill(error, fields.without_token(), page, i18n, |page, failed| {
        page.failed = Some(failed);
    })
}
