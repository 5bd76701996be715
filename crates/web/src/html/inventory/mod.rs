//! The inventory: the team's concerns and capture form, and residents' report pages.

pub mod agenda;
pub mod categories;
pub mod coverage;
pub mod map;
pub mod public;
pub mod routing;
pub mod work;

use render::admin::FormState;

use crate::error::AppError;
use crate::html::admin::translate;

/// A failed form of the inventory's pages (form name `concern`): the page again with what
/// was typed and a translated message per field; `put` places the failed form on the page.
pub(crate) fn refill<P>(
    error: services::ServiceError,
    values: Vec<(String, String)>,
    page: P,
    i18n: render::I18n,
    put: fn(&mut P, FormState),
) -> AppError
where
    P: askama::Template + Send + 'static,
{
    AppError::form(error, move |errors, _| {
        let mut page = page;
        let mut failed = FormState {
            form: "concern",
            values,
            errors: errors
                .iter()
                .map(|e| render::forms::FieldMessage {
                    field: e.field,
                    text: e.message_key.to_owned(),
                })
                .collect(),
        };
        translate(&mut failed, &i18n);
        put(&mut page, failed);
        page.render()
    })
}
