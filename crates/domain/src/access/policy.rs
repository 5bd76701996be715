//! The permission predicates: the only code that turns roles and memberships into yes or no.

use super::principal::{Principal, SignedIn};
use super::roles::{Role, RoleSet};
use crate::ids::GroupId;
use crate::inventory::Sensitivity;
use crate::{MunicipalityId, OrganisationId, TeamId};

coded_enum! {
    /// What a use case is about to do. Pair it with the [`Scope`] of the record it touches.
    pub enum Action as "action" {
        /// See public pages (neighbourhoods, priorities, feedback). Not governed by roles: the
        /// method lives by saying what was done, so anyone may read it.
        ViewPublic => "view-public",
        /// See the structure behind the public pages: districts, neighbourhoods, streets,
        /// addresses, organisations, departments, teams and groups, with their members' names.
        ViewStructure => "view-structure",
        /// Create, change or remove any of that structure.
        ManageStructure => "manage-structure",
        /// Create, change or disable accounts and their roles; see also [`may_grant_role`] and
        /// [`may_manage_user`], which a use case must check as well.
        ManageUsers => "manage-users",
        /// Read the audit log.
        ViewAuditLog => "view-audit-log",
        /// See personal data: residents' contact details, the before and after values of
        /// personal fields in the audit log, account e-mail addresses.
        ViewPersonalData => "view-personal-data",
        /// Read a team's working records: concerns, agreements, minutes, its outgoing requests.
        ViewTeamInternal => "view-team-internal",
        /// Record and change a team's work: concerns, votes, priorities, agreements, feedback.
        EditTeam => "edit-team",
        /// Prepare a team's neighbourhood meeting: group its concerns into agenda items (and,
        /// later, run the meeting). Project leaders do this with the teams.
        PrepareAgenda => "prepare-agenda",
        /// Read a group's working records: agendas, minutes, escalated questions.
        ViewGroupInternal => "view-group-internal",
        /// Record and change a group's work: minutes, decisions on escalated questions.
        EditGroup => "edit-group",
        /// Read the requests the teams have routed to an organisation, and their status.
        ViewRequests => "view-requests",
        /// Accept, answer, forward or close a request routed to an organisation.
        HandleRequests => "handle-requests",
    }
}

/// Where the record a use case touches lives: the narrowest of these that contains it.
/// A municipality-wide scope stands for "all of it" (a list of every team's agreements), so a
/// principal limited to some teams is refused there and must ask per team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The municipality as a whole, or a record that belongs to no narrower scope.
    Municipality(MunicipalityId),
    /// One team's records.
    Team {
        /// The team's municipality.
        municipality: MunicipalityId,
        /// The team.
        team: TeamId,
    },
    /// One partner organisation's records (its departments, the requests routed to it).
    Organisation {
        /// The organisation's municipality.
        municipality: MunicipalityId,
        /// The organisation.
        organisation: OrganisationId,
    },
    /// One project or steering group's records.
    Group {
        /// The group's municipality.
        municipality: MunicipalityId,
        /// The group.
        group: GroupId,
    },
}

impl Scope {
    /// The municipality the scope lies in.
    pub const fn municipality(&self) -> MunicipalityId {
        match *self {
            Scope::Municipality(municipality)
            | Scope::Team { municipality, .. }
            | Scope::Organisation { municipality, .. }
            | Scope::Group { municipality, .. } => municipality,
        }
    }
}

/// Whether `principal` may do `action` on a record in `scope`. The rules, in order:
///
/// 1. [`Action::ViewPublic`] is allowed to everyone, anonymous included, in any municipality.
/// 2. Anything else needs a signed-in account, and only in its own municipality: nobody acts
///    across municipalities, whatever their roles.
/// 3. Then it is allowed if any of the account's roles allows it (so adding a role never takes
///    a permission away, and an account without roles may do nothing but rule 1):
///    - **Administrator**: everything.
///    - **Coordinator**: view and manage structure, manage users (but see
///      [`may_grant_role`]), view the audit log and personal data; view every team's and
///      group's internals and every organisation's requests; prepare every team's agenda. Editing a team or group, or
///      handling requests, takes the matching role and membership as well: coordinators
///      support the teams and groups but do not speak for them.
///    - **Team member**: view structure; view and edit the internals of their own teams,
///      including the personal data of those teams' residents, and prepare their agenda.
///    - **Project or steering group member**: view structure; view every team's internals and
///      every organisation's requests (they oversee the teams and clear blockages); view and
///      edit their own groups. They change no structure.
///    - **Department contact**: view structure; view and handle the requests routed to their
///      own organisation.
///
/// "Own" means listed in the [`SignedIn`] memberships; a role without the membership gives
/// nothing in a team, group or organisation scope.
pub fn may(principal: &Principal, action: Action, scope: &Scope) -> bool {
    if action == Action::ViewPublic {
        return true;
    }
    let Principal::SignedIn(user) = principal else {
        return false;
    };
    if user.municipality != scope.municipality() {
        return false;
    }
    user.roles
        .iter()
        .any(|role| role_allows(role, user, action, scope))
}

/// What one role allows inside the principal's own municipality (already checked by [`may`]).
fn role_allows(role: Role, user: &SignedIn, action: Action, scope: &Scope) -> bool {
    use Action as A;
    match role {
        Role::Administrator => true,
        Role::Coordinator => matches!(
            action,
            A::ViewStructure
                | A::ManageStructure
                | A::ManageUsers
                | A::ViewAuditLog
                | A::ViewPersonalData
                | A::ViewTeamInternal
                | A::PrepareAgenda
                | A::ViewGroupInternal
                | A::ViewRequests
        ),
        Role::TeamMember => match action {
            A::ViewStructure => true,
            A::ViewTeamInternal | A::EditTeam | A::PrepareAgenda | A::ViewPersonalData => {
                matches!(*scope, Scope::Team { team, .. } if user.in_team(team))
            }
            _ => false,
        },
        Role::ProjectGroupMember | Role::SteeringGroupMember => match action {
            A::ViewStructure | A::ViewTeamInternal | A::ViewRequests => true,
            A::ViewGroupInternal | A::EditGroup => {
                matches!(*scope, Scope::Group { group, .. } if user.in_group(group))
            }
            _ => false,
        },
        Role::DepartmentContact => match action {
            A::ViewStructure => true,
            A::ViewRequests | A::HandleRequests => matches!(
                *scope,
                Scope::Organisation { organisation, .. } if user.works_for(organisation)
            ),
            _ => false,
        },
    }
}

/// Whether `principal` may grant `role` to, or take it from, an account of `municipality`.
/// Administrators grant every role; coordinators every role but Administrator, so that no
/// coordinator can make themselves (or anyone) an administrator. Anyone else grants nothing.
pub fn may_grant_role(principal: &Principal, role: Role, municipality: MunicipalityId) -> bool {
    if !may(
        principal,
        Action::ManageUsers,
        &Scope::Municipality(municipality),
    ) {
        return false;
    }
    role != Role::Administrator
        || principal
            .signed_in()
            .is_some_and(|user| user.has_role(Role::Administrator))
}

/// Whether `principal` may change, disable or reset the sign-in of an account of
/// `municipality` that holds `target_roles`: only if they could have granted every one of
/// those roles. Without this, a coordinator could lock out an administrator.
pub fn may_manage_user(
    principal: &Principal,
    target_roles: RoleSet,
    municipality: MunicipalityId,
) -> bool {
    may(
        principal,
        Action::ManageUsers,
        &Scope::Municipality(municipality),
    ) && target_roles
        .iter()
        .all(|role| may_grant_role(principal, role, municipality))
}

/// Whether `principal` may see a concern (or anything else with a sensitivity) of the team in
/// `scope` among that team's working records: it must be allowed to see the team's internals
/// ([`Action::ViewTeamInternal`]), and for [`Sensitivity::Police`] it must also work for the
/// police. Nobody else sees police-restricted information, administrators included. Public
/// pages show public concerns only, without personal data; they do not ask this.
pub fn may_see_concern(principal: &Principal, sensitivity: Sensitivity, scope: &Scope) -> bool {
    may(principal, Action::ViewTeamInternal, scope)
        && (sensitivity != Sensitivity::Police
            || principal.signed_in().is_some_and(|user| user.police))
}
