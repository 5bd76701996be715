//! The coordinator's pages under `/beheer`.

pub mod accounts;
pub mod audit;
pub mod import;
pub mod structure;
pub mod team;

use axum::response::{IntoResponse, Redirect, Response};
use render::admin::FormState;
use services::ServiceError;

use crate::error::AppError;
use crate::html::form::FormFields;

/// Whether a page was reached after a successful change (`?opgeslagen=1`).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Saved {
    opgeslagen: Option<String>,
}

impl Saved {
    /// True after a change.
    pub fn saved(&self) -> bool {
        self.opgeslagen.is_some()
    }
}

/// After a form: on success back to `back` with a confirmation; on invalid input the page
/// again (built by `page`) with the form's values and messages.
pub fn after<P, T>(
    result: Result<T, ServiceError>,
    back: &str,
    form: &'static str,
    fields: FormFields,
    page: P,
) -> Result<Response, AppError>
where
    P: FnOnce(FormState) -> Result<String, askama::Error> + Send + 'static,
{
    match result {
        Ok(_) => Ok(Redirect::to(back).into_response()),
        Err(error @ ServiceError::Validation(_)) => {
            let values = fields.without_token();
            Err(AppError::form(error, move |errors, _notice| {
                let errors = errors
                    .iter()
                    .map(|e| render::forms::FieldMessage {
                        field: e.field,
                        text: e.message_key.to_owned(),
                    })
                    .collect();
                page(FormState {
                    form,
                    values,
                    errors,
                })
            }))
        }
        Err(other) => Err(other.into()),
    }
}

/// Translates the message keys of a failed form into the page's language.
pub fn translate(state: &mut FormState, i18n: &render::I18n) {
    for message in &mut state.errors {
        message.text = i18n.t(&message.text);
    }
}
