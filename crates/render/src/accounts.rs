//! `/beheer/accounts`: who can sign in, and the form to invite someone.

use askama::Template;
use domain::access::{Role, StaffFunction};
use domain::structure::OrganisationSummary;

use crate::I18n;
use crate::admin::{FormState, Labels, Refill};
use crate::pages::Shell;

/// One account in the list.
#[derive(Clone, Debug)]
pub struct AccountRow {
    /// Name.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Role names, translated and joined.
    pub roles: String,
    /// Status, translated.
    pub status: String,
    /// Whether it signs in with a code, translated.
    pub code: String,
    /// The account's id, when the visitor may reset its sign-in code.
    pub reset_code: Option<i64>,
    /// The account's id, when it is invited and the visitor may send the invitation again.
    pub resend: Option<i64>,
}

/// The accounts page.
#[derive(Template)]
#[template(path = "admin/accounts.html")]
pub struct AccountsPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token for the form.
    pub csrf: String,
    /// The accounts.
    pub rows: Vec<AccountRow>,
    /// The roles this visitor may grant.
    pub grantable: Vec<Role>,
    /// Organisations to choose from.
    pub organisations: Vec<OrganisationSummary>,
    /// The form that failed, if any.
    pub failed: Option<FormState>,
    /// The address an invitation was just sent to.
    pub invited: Option<String>,
    /// The name of the account whose sign-in code was just reset.
    pub code_reset: Option<String>,
}

impl Labels for AccountsPage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}

impl Refill for AccountsPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

impl AccountsPage {
    /// A role's name.
    pub fn role_label(&self, role: &Role) -> String {
        self.i18n.t(&format!("role-{}", role.code()))
    }

    /// Every staff function.
    pub fn functions(&self) -> &'static [StaffFunction] {
        &StaffFunction::ALL
    }
}
