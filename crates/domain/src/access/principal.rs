//! Who is acting: an anonymous visitor or a signed-in account with its roles and memberships.

use super::roles::{Role, RoleSet};
use crate::ids::{GroupId, UserId};
use crate::{MunicipalityId, OrganisationId, TeamId};

/// The one acting in a request or command. Residents have no account: they are
/// [`Principal::Anonymous`] and see only public pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// Nobody signed in.
    Anonymous,
    /// A signed-in account.
    SignedIn(SignedIn),
}

/// A signed-in account as the permission rules see it: loaded once per request, so the rules
/// stay pure. Roles say *what kind* of thing it may do; the memberships say *where*.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    /// The account.
    pub user: UserId,
    /// The municipality (tenant) the account belongs to; it never acts in another.
    pub municipality: MunicipalityId,
    /// What the account may do there.
    pub roles: RoleSet,
    /// The partner organisation the person works for, when known; scopes department contacts.
    pub organisation: Option<OrganisationId>,
    /// The teams the person is a member of; scopes team members.
    pub teams: Vec<TeamId>,
    /// The project and steering groups the person sits in; scopes group members.
    pub groups: Vec<GroupId>,
    /// Whether the person works for a police organisation: only police staff see information
    /// restricted to the police, whatever their roles.
    pub police: bool,
}

impl SignedIn {
    /// An account with no roles and no memberships yet: it may see public pages only.
    pub fn new(user: UserId, municipality: MunicipalityId) -> SignedIn {
        SignedIn {
            user,
            municipality,
            roles: RoleSet::EMPTY,
            organisation: None,
            teams: Vec::new(),
            groups: Vec::new(),
            police: false,
        }
    }

    /// Whether the account holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// Whether the person is a member of `team`.
    pub fn in_team(&self, team: TeamId) -> bool {
        self.teams.contains(&team)
    }

    /// Whether the person sits in `group`.
    pub fn in_group(&self, group: GroupId) -> bool {
        self.groups.contains(&group)
    }

    /// Whether the person works for `organisation`.
    pub fn works_for(&self, organisation: OrganisationId) -> bool {
        self.organisation == Some(organisation)
    }
}

impl Principal {
    /// The signed-in account, if any.
    pub fn signed_in(&self) -> Option<&SignedIn> {
        match self {
            Principal::Anonymous => None,
            Principal::SignedIn(user) => Some(user),
        }
    }

    /// The account, if signed in.
    pub fn user(&self) -> Option<UserId> {
        self.signed_in().map(|u| u.user)
    }

    /// The municipality the principal acts in, if signed in.
    pub fn municipality(&self) -> Option<MunicipalityId> {
        self.signed_in().map(|u| u.municipality)
    }
}

impl From<SignedIn> for Principal {
    fn from(user: SignedIn) -> Self {
        Principal::SignedIn(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_has_no_account_or_municipality() {
        assert_eq!(Principal::Anonymous.user(), None);
        assert_eq!(Principal::Anonymous.municipality(), None);
    }

    #[test]
    fn memberships_are_answered_from_the_lists() {
        let mut user = SignedIn::new(UserId(7), MunicipalityId(1));
        user.roles.insert(Role::TeamMember);
        user.teams.push(TeamId(3));
        user.groups.push(GroupId(4));
        user.organisation = Some(OrganisationId(5));
        assert!(user.has_role(Role::TeamMember) && !user.has_role(Role::Coordinator));
        assert!(user.in_team(TeamId(3)) && !user.in_team(TeamId(4)));
        assert!(user.in_group(GroupId(4)) && !user.in_group(GroupId(3)));
        assert!(user.works_for(OrganisationId(5)) && !user.works_for(OrganisationId(6)));
        let principal = Principal::from(user);
        assert_eq!(principal.user(), Some(UserId(7)));
        assert_eq!(principal.municipality(), Some(MunicipalityId(1)));
    }
}
