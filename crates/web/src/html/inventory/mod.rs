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

/// The choices of the list's filter that the list and the team map share.
pub(crate) struct FilterChoices {
    /// The team's cycles.
    pub cycles: Vec<render::inventory::Choice>,
    /// The topics.
    pub categories: Vec<render::inventory::Choice>,
    /// Every status.
    pub statuses: Vec<render::inventory::Choice>,
    /// The sensitivities the visitor may see.
    pub sensitivities: Vec<render::inventory::Choice>,
}

/// The shared choices of the list's filter, in the language of `labels`.
pub(crate) fn filter_choices(
    labels: &render::inventory::Labels,
    cycles: &[services::inventory::CycleRecord],
    categories: &[services::inventory::CategoryRecord],
    visible: &[domain::inventory::Sensitivity],
) -> FilterChoices {
    use render::inventory::{Choice, InventoryLabels, category_label};
    let i18n = labels.i18n();
    FilterChoices {
        cycles: cycles
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: i18n.t1("concerns-cycle-n", "number", &c.number.to_string()),
            })
            .collect(),
        categories: categories
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: category_label(i18n, &c.code, c.label.as_deref()),
            })
            .collect(),
        statuses: domain::inventory::ConcernStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: labels.status_label(s),
            })
            .collect(),
        sensitivities: visible
            .iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: labels.sensitivity_label(s),
            })
            .collect(),
    }
}
