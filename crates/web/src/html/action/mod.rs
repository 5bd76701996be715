//! The action phase: the team's board of agreements (`/werk/{team}/afspraken`), one
//! agreement (`/werk/{team}/afspraken/{id}`) and "my agreements" (`/afspraken`).

pub mod agreement;
pub mod board;
pub mod escalation;
pub mod mine;
pub mod requests;

use render::I18n;
use render::action::{AgreementRow, due_text, state_label};
use services::action::agreements::{AgreementRecord, Owners};

/// An agreement as a list shows it.
pub(crate) fn row(
    i18n: I18n,
    team_slug: &str,
    a: &AgreementRecord,
    owners: &Owners,
    today: chrono::NaiveDate,
) -> AgreementRow {
    let (due, overdue) = due_text(&i18n, a.target, a.state, today);
    AgreementRow {
        href: format!("/werk/{team_slug}/afspraken/{}", a.id),
        what: a.what.clone(),
        owner: owners.name_of(&a.owner),
        state: state_label(&i18n, a.state),
        state_code: a.state.code(),
        due,
        overdue,
        context: String::new(),
    }
}
