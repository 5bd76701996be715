//! `/werk/{team}/bijeenkomst`: the team runs its neighbourhood meeting. One file per part:
//! the page, the settings and plan forms, the steps of the meeting (open, codes, close), the
//! paper count, and publishing. Every form is a plain POST that redirects back to the page
//! with a notice; a refused form shows the page again with what was typed.

pub mod forms;
pub mod page;
pub mod paper;
pub mod print;
pub mod publish;
pub mod steps;

use axum::response::{IntoResponse, Redirect, Response};
use render::forms::FieldMessage;
use render::meeting::FormView;
use services::{FieldError, ServiceError};

use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;

/// The form of the meeting page that a failed POST came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Opening the meeting.
    Open,
    /// Printing codes.
    Codes,
    /// Entering the paper count.
    Paper,
    /// Confirming it.
    Confirm,
    /// Publishing.
    Publish,
}

/// The address of the meeting page of `team`, with a notice after a step.
pub(crate) fn page_path(team: &str, query: &str) -> String {
    format!("/werk/{team}/bijeenkomst{query}")
}

/// The messages of `errors` in the page's language.
pub(crate) fn messages(i18n: render::I18n, errors: &[FieldError]) -> Vec<FieldMessage> {
    errors
        .iter()
        .map(|e| FieldMessage {
            field: e.field,
            text: i18n.t(e.message_key),
        })
        .collect()
}

/// What a step of the meeting answers: back to the page with a notice (`done`); the page
/// again with the form as typed when refused; back to the page with a notice when the
/// meeting changed in the meantime (two facilitators, two tabs), which is no error of the
/// visitor's.
pub(crate) async fn finish(
    state: &AppState,
    staff: &Staff,
    scope: &services::TeamScope,
    result: Result<(), ServiceError>,
    done: &str,
    slot: Slot,
    values: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let team = scope.team().slug.as_str();
    match result {
        Ok(()) => Ok(Redirect::to(&page_path(team, &format!("?klaar={done}"))).into_response()),
        Err(ServiceError::Conflict(_)) => {
            Ok(Redirect::to(&page_path(team, "?melding=veranderd")).into_response())
        }
        Err(error @ ServiceError::Validation(_)) => {
            let page = page::build(state, staff, scope, None).await?;
            Err(AppError::form(error, move |errors, _| {
                use askama::Template as _;
                let mut page = page;
                let form = FormView {
                    values,
                    errors: messages(page.i18n, errors),
                };
                match slot {
                    Slot::Open => page.open_form = form,
                    Slot::Codes => page.codes_form = form,
                    Slot::Paper => page.paper_form = form,
                    Slot::Confirm => page.confirm_form = form,
                    Slot::Publish => page.publish_form = form,
                }
                page.render()
            }))
        }
        Err(other) => Err(other.into()),
    }
}
