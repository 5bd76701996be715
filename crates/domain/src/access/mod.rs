//! Who may see and change what: roles, the acting principal, and the permission predicates.
//!
//! The model has three parts, each in its own file:
//!
//! - [`roles`]: the vocabulary. [`Role`] is what an account may *do* in its municipality;
//!   [`StaffFunction`] and [`TeamRole`] only *describe* people (a wijkagent, the team's chair)
//!   and never grant anything, so that renaming someone's job can never widen their access.
//! - [`principal`]: who is acting, [`Principal::Anonymous`] or a [`SignedIn`] account with its
//!   roles and its memberships (teams, groups, organisation).
//! - [`policy`]: [`may`], [`may_grant_role`] and [`may_manage_user`], the only places that
//!   decide. Services call them before every use case; nothing else interprets roles.
//!
//! The rules, in short (the authoritative text is on [`may`]):
//!
//! | role | may, in its own municipality only |
//! |---|---|
//! | anyone, also anonymous | [`Action::ViewPublic`], in any municipality |
//! | administrator | everything |
//! | coordinator | structure, users (not administrators), audit log, personal data; view all teams, groups and requests; prepare every team's agenda |
//! | team member | view structure; view and edit own teams, with their personal data; prepare their agenda |
//! | project / steering group member | view structure, all teams and requests; view and edit own groups |
//! | department contact | view structure; view and handle own organisation's requests |

pub mod policy;
pub mod principal;
pub mod roles;

#[cfg(test)]
mod policy_tests;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod test_support;

pub use policy::{Action, Scope, may, may_grant_role, may_manage_user, may_see_concern};
pub use principal::{Principal, SignedIn};
pub use roles::{GroupKind, Role, RoleSet, StaffFunction, TeamRole, uncovered_team_roles};

/// A stored code that names none of the values of a coded enum (a role, an action, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {code}")]
pub struct UnknownCode {
    /// What was being parsed, e.g. `"role"`.
    pub what: &'static str,
    /// The code as found.
    pub code: String,
}
