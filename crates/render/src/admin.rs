//! The coordinator's pages: the structure of a municipality and a team's page, each with the
//! forms that change them; plus the public page of a team.

use askama::Template;
use domain::access::{GroupKind, StaffFunction, TeamRole};
use domain::org::OrganisationKind;
use domain::structure::{
    DistrictSummary, GroupDetail, OrganisationSummary, PersonSummary, TeamDetail, TeamSummary,
};

use crate::I18n;
use crate::forms::FieldMessage;
use crate::pages::Shell;

/// A form that failed: which one, what was typed, and what is wrong.
#[derive(Clone, Debug, Default)]
pub struct FormState {
    /// The form's name, e.g. `district`.
    pub form: &'static str,
    /// The fields as sent (repeated names allowed).
    pub values: Vec<(String, String)>,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
}

/// Labels of coded values, in the page's language.
pub trait Labels {
    /// The translator.
    fn i18n(&self) -> &I18n;

    /// A staff function.
    fn function_label(&self, f: &StaffFunction) -> String {
        self.i18n().t(&format!("function-{}", f.code()))
    }

    /// An organisation kind.
    fn kind_label(&self, k: &OrganisationKind) -> String {
        self.i18n().t(&format!("org-kind-{}", k.code()))
    }

    /// A team role.
    fn team_role_label(&self, r: &TeamRole) -> String {
        self.i18n().t(&format!("team-role-{}", r.code()))
    }

    /// A group kind.
    fn group_kind_label(&self, k: &GroupKind) -> String {
        self.i18n().t(&format!("group-kind-{}", k.code()))
    }
}

/// Lookups of a failed form's values and messages, for templates.
pub trait Refill {
    /// The failed form, if any.
    fn failed(&self) -> Option<&FormState>;

    /// What was typed in `field` of `form` (empty unless that form failed).
    fn value(&self, form: &str, field: &str) -> String {
        self.failed()
            .filter(|f| f.form == form)
            .and_then(|f| f.values.iter().find(|(k, _)| k == field))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Whether `value` was among the values sent for `field` of `form`.
    fn sent(&self, form: &str, field: &str, value: &str) -> bool {
        self.failed()
            .filter(|f| f.form == form)
            .is_some_and(|f| f.values.iter().any(|(k, v)| k == field && v == value))
    }

    /// The error summary of `form`: the fields' anchors (`FORM-FIELD`) and messages.
    fn summary_of(&self, form: &str) -> Vec<(String, String)> {
        self.failed()
            .filter(|f| f.form == form)
            .iter()
            .flat_map(|f| f.errors.iter())
            .map(|e| (format!("{form}-{}", e.field), e.text.clone()))
            .collect()
    }

    /// The message for `field` of `form`, if it failed.
    fn error(&self, form: &str, field: &str) -> Option<String> {
        self.failed()
            .filter(|f| f.form == form)
            .and_then(|f| f.errors.iter().find(|m| m.field == field))
            .map(|m| m.text.clone())
    }

    /// The messages of the failed form, for the summary at the top.
    fn summary(&self) -> Vec<(String, String)> {
        self.failed()
            .map(|f| {
                f.errors
                    .iter()
                    .map(|m| (format!("{}-{}", f.form, m.field), m.text.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// `/beheer/structuur`: everything a coordinator sets up, each part with its form.
#[derive(Template)]
#[template(path = "admin/structure.html")]
pub struct StructurePage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token for the forms.
    pub csrf: String,
    /// May change the structure (otherwise the forms are hidden).
    pub can_manage: bool,
    /// Districts and neighbourhoods.
    pub districts: Vec<DistrictSummary>,
    /// Organisations and departments.
    pub organisations: Vec<OrganisationSummary>,
    /// People.
    pub people: Vec<PersonSummary>,
    /// Teams.
    pub teams: Vec<TeamSummary>,
    /// Groups.
    pub groups: Vec<GroupDetail>,
    /// The form that failed, if any.
    pub failed: Option<FormState>,
    /// A confirmation after a change.
    pub saved: bool,
}

impl Labels for StructurePage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}

impl Refill for StructurePage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

impl StructurePage {
    /// Every staff function, for the select.
    pub fn functions(&self) -> &'static [StaffFunction] {
        &StaffFunction::ALL
    }

    /// Every organisation kind, for the select.
    pub fn kinds(&self) -> &'static [OrganisationKind] {
        &OrganisationKind::ALL
    }

    /// Every group kind, for the select.
    pub fn group_kinds(&self) -> &'static [GroupKind] {
        &GroupKind::ALL
    }
}

/// `/beheer/teams/{slug}`: a team's members, roles and contact point, with their forms.
#[derive(Template)]
#[template(path = "admin/team.html")]
pub struct TeamAdminPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token for the forms.
    pub csrf: String,
    /// May change the team.
    pub can_manage: bool,
    /// The team.
    pub team: TeamDetail,
    /// People who could join.
    pub people: Vec<PersonSummary>,
    /// The form that failed, if any.
    pub failed: Option<FormState>,
    /// A confirmation after a change.
    pub saved: bool,
}

impl Labels for TeamAdminPage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}

impl Refill for TeamAdminPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

impl TeamAdminPage {
    /// Every team role.
    pub fn all_roles(&self) -> &'static [TeamRole] {
        &TeamRole::ALL
    }

    /// The team roles `person` holds.
    pub fn roles_of(&self, person: &PersonSummary) -> String {
        let mut names: Vec<String> = self
            .team
            .roles
            .iter()
            .filter(|(_, p)| *p == person.id)
            .map(|(r, _)| self.team_role_label(r))
            .collect();
        names.sort();
        names.join(", ")
    }

    /// The names holding `role`, or empty.
    pub fn holders(&self, role: &TeamRole) -> String {
        self.team.holders_of(*role).join(", ")
    }

    /// The contact form's value: what was typed after a failure, else what is stored.
    pub fn contact_value(&self, field: &str) -> String {
        if self.failed.as_ref().is_some_and(|f| f.form == "contact") {
            return self.value("contact", field);
        }
        let c = &self.team.contact;
        match field {
            "phone" => c.phone.clone(),
            "email" => c.email.clone(),
            _ => c.office_hours.clone(),
        }
        .unwrap_or_default()
    }
}

/// The public page of a team: who they are and how to reach them.
#[derive(Template)]
#[template(path = "team_public.html")]
pub struct TeamPublicPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The team.
    pub team: TeamDetail,
}

impl Labels for TeamPublicPage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}
