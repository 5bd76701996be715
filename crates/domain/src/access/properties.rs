//! Property tests: what must hold for every principal, action and scope, not just the examples.

use proptest::prelude::*;

use super::test_support::{arb_action, arb_role, arb_roles, arb_scope, arb_signed_in, moved_to};
use super::{Action, Principal, Role, Scope, may, may_grant_role, may_manage_user};
use crate::ids::GroupId;
use crate::{MunicipalityId, TeamId};

proptest! {
    #[test]
    fn nobody_acts_in_another_municipality(
        user in arb_signed_in(), action in arb_action(), scope in arb_scope(), role in arb_role()
    ) {
        prop_assume!(scope.municipality() != user.municipality);
        let elsewhere = scope.municipality();
        let principal = Principal::SignedIn(user);
        prop_assert_eq!(may(&principal, action, &scope), action == Action::ViewPublic);
        prop_assert!(!may_grant_role(&principal, role, elsewhere));
    }

    #[test]
    fn anonymous_may_only_view_public(action in arb_action(), scope in arb_scope()) {
        prop_assert_eq!(may(&Principal::Anonymous, action, &scope), action == Action::ViewPublic);
    }

    #[test]
    fn everyone_may_view_public(user in arb_signed_in(), scope in arb_scope()) {
        prop_assert!(may(&Principal::SignedIn(user), Action::ViewPublic, &scope));
    }

    #[test]
    fn without_roles_only_public(mut user in arb_signed_in(), action in arb_action(), scope in arb_scope()) {
        user.roles = super::RoleSet::EMPTY;
        prop_assert_eq!(may(&Principal::SignedIn(user), action, &scope), action == Action::ViewPublic);
    }

    #[test]
    fn administrator_may_everything_at_home(
        mut user in arb_signed_in(), action in arb_action(), scope in arb_scope(), role in arb_role()
    ) {
        user.roles.insert(Role::Administrator);
        let home = user.municipality;
        let principal = Principal::SignedIn(user);
        prop_assert!(may(&principal, action, &moved_to(scope, home)));
        prop_assert!(may_grant_role(&principal, role, home));
    }

    #[test]
    fn team_member_edits_a_team_iff_it_is_theirs(mut user in arb_signed_in(), team in 1i64..=4) {
        user.roles = user.roles.without(Role::Administrator).with(Role::TeamMember);
        let scope = Scope::Team { municipality: user.municipality, team: TeamId(team) };
        let theirs = user.in_team(TeamId(team));
        prop_assert_eq!(may(&Principal::SignedIn(user), Action::EditTeam, &scope), theirs);
    }

    #[test]
    fn only_administrators_grant_administrator(
        mut user in arb_signed_in(), municipality in 1i64..=3
    ) {
        user.roles = user.roles.without(Role::Administrator);
        let principal = Principal::SignedIn(user);
        prop_assert!(!may_grant_role(&principal, Role::Administrator, MunicipalityId(municipality)));
    }

    #[test]
    fn a_coordinator_grants_every_other_role_at_home(mut user in arb_signed_in(), role in arb_role()) {
        user.roles.insert(Role::Coordinator);
        let home = user.municipality;
        let admin = user.has_role(Role::Administrator);
        let principal = Principal::SignedIn(user);
        prop_assert_eq!(may_grant_role(&principal, role, home), role != Role::Administrator || admin);
    }

    #[test]
    fn adding_a_role_never_removes_a_permission(
        user in arb_signed_in(), extra in arb_role(), action in arb_action(), scope in arb_scope(),
        target in arb_roles(), granted in arb_role()
    ) {
        let mut more = user.clone();
        more.roles.insert(extra);
        let municipality = scope.municipality();
        let (less, more) = (Principal::SignedIn(user), Principal::SignedIn(more));
        prop_assert!(!may(&less, action, &scope) || may(&more, action, &scope));
        prop_assert!(!may_grant_role(&less, granted, municipality) || may_grant_role(&more, granted, municipality));
        prop_assert!(!may_manage_user(&less, target, municipality) || may_manage_user(&more, target, municipality));
    }

    #[test]
    fn joining_a_team_or_group_never_removes_a_permission(
        user in arb_signed_in(), team in 1i64..=4, group in 1i64..=4,
        action in arb_action(), scope in arb_scope()
    ) {
        let mut more = user.clone();
        more.teams.push(TeamId(team));
        more.groups.push(GroupId(group));
        let (less, more) = (Principal::SignedIn(user), Principal::SignedIn(more));
        prop_assert!(!may(&less, action, &scope) || may(&more, action, &scope));
    }

    #[test]
    fn a_user_with_more_roles_is_never_easier_to_manage(
        user in arb_signed_in(), target in arb_roles(), extra in arb_role(), municipality in 1i64..=3
    ) {
        let principal = Principal::SignedIn(user);
        let m = MunicipalityId(municipality);
        prop_assert!(!may_manage_user(&principal, target.with(extra), m) || may_manage_user(&principal, target, m));
    }

    #[test]
    fn personal_data_only_for_administrators_coordinators_and_own_team(
        user in arb_signed_in(), scope in arb_scope()
    ) {
        let own_team = matches!(scope, Scope::Team { team, .. } if user.in_team(team));
        let entitled = user.has_role(Role::Administrator)
            || user.has_role(Role::Coordinator)
            || (user.has_role(Role::TeamMember) && own_team);
        prop_assert!(!may(&Principal::SignedIn(user), Action::ViewPersonalData, &scope) || entitled);
    }

    #[test]
    fn changes_come_only_from_those_responsible(
        user in arb_signed_in(), action in arb_action(), scope in arb_scope()
    ) {
        let admin = user.has_role(Role::Administrator);
        let coordinator = user.has_role(Role::Coordinator);
        let responsible = match (action, scope) {
            (Action::ManageStructure | Action::ManageUsers | Action::ViewAuditLog, _) => admin || coordinator,
            (Action::EditTeam, Scope::Team { team, .. }) => {
                admin || (user.has_role(Role::TeamMember) && user.in_team(team))
            }
            (Action::EditGroup, Scope::Group { group, .. }) => {
                let member = user.has_role(Role::ProjectGroupMember) || user.has_role(Role::SteeringGroupMember);
                admin || (member && user.in_group(group))
            }
            (Action::HandleRequests, Scope::Organisation { organisation, .. }) => {
                admin || (user.has_role(Role::DepartmentContact) && user.works_for(organisation))
            }
            (Action::EditTeam | Action::EditGroup | Action::HandleRequests, _) => admin,
            _ => true,
        };
        prop_assert!(!may(&Principal::SignedIn(user), action, &scope) || responsible);
    }
}
