//! Each role's rules, case by case, and the matrix they add up to.

use super::test_support::{
    AWAY, HOME, MY_GROUP, MY_ORG, MY_TEAM, OTHER_GROUP, OTHER_ORG, OTHER_TEAM, member, scopes_in,
};
use super::{
    Action, Principal, Role, RoleSet, Scope, SignedIn, may, may_grant_role, may_manage_user,
    may_see_concern,
};
use crate::ids::UserId;

const TEAM: Scope = Scope::Team {
    municipality: HOME,
    team: MY_TEAM,
};
const OTHER_TEAM_SCOPE: Scope = Scope::Team {
    municipality: HOME,
    team: OTHER_TEAM,
};
const GROUP: Scope = Scope::Group {
    municipality: HOME,
    group: MY_GROUP,
};
const OTHER_GROUP_SCOPE: Scope = Scope::Group {
    municipality: HOME,
    group: OTHER_GROUP,
};
const ORG: Scope = Scope::Organisation {
    municipality: HOME,
    organisation: MY_ORG,
};
const OTHER_ORG_SCOPE: Scope = Scope::Organisation {
    municipality: HOME,
    organisation: OTHER_ORG,
};
const CITY: Scope = Scope::Municipality(HOME);

/// The codes of the actions `principal` may do in `scope`, for compact assertions.
fn allowed(principal: &Principal, scope: &Scope) -> Vec<&'static str> {
    Action::ALL
        .into_iter()
        .filter(|a| may(principal, *a, scope))
        .map(Action::code)
        .collect()
}

#[test]
fn action_codes_round_trip() {
    for action in Action::ALL {
        assert_eq!(action.code().parse::<Action>(), Ok(action));
    }
    assert!("delete-everything".parse::<Action>().is_err());
}

#[test]
fn scope_knows_its_municipality() {
    for scope in scopes_in(AWAY) {
        assert_eq!(scope.municipality(), AWAY);
    }
}

#[test]
fn anonymous_sees_public_pages_only() {
    for scope in scopes_in(HOME).iter().chain(&scopes_in(AWAY)) {
        assert_eq!(allowed(&Principal::Anonymous, scope), ["view-public"]);
    }
}

#[test]
fn an_account_without_roles_sees_public_pages_only() {
    for scope in scopes_in(HOME) {
        assert_eq!(allowed(&member(&[]), &scope), ["view-public"]);
    }
}

#[test]
fn nobody_acts_in_another_municipality() {
    for role in Role::ALL {
        for scope in scopes_in(AWAY) {
            assert_eq!(allowed(&member(&[role]), &scope), ["view-public"], "{role}");
        }
    }
    assert!(!may_grant_role(
        &member(&[Role::Administrator]),
        Role::TeamMember,
        AWAY
    ));
    assert!(!may_manage_user(
        &member(&[Role::Administrator]),
        RoleSet::EMPTY,
        AWAY
    ));
}

#[test]
fn administrator_may_everything_at_home() {
    let admin = member(&[Role::Administrator]);
    for scope in scopes_in(HOME) {
        assert_eq!(
            allowed(&admin, &scope).len(),
            Action::ALL.len(),
            "{scope:?}"
        );
    }
    for role in Role::ALL {
        assert!(may_grant_role(&admin, role, HOME));
    }
    let all: RoleSet = Role::ALL.into_iter().collect();
    assert!(may_manage_user(&admin, all, HOME));
}

#[test]
fn coordinator_runs_the_method_but_does_not_speak_for_teams() {
    let coordinator = member(&[Role::Coordinator]);
    let oversight = [
        "view-public",
        "view-structure",
        "manage-structure",
        "manage-users",
        "view-audit-log",
        "view-personal-data",
        "view-team-internal",
        "prepare-agenda",
        "view-group-internal",
        "view-requests",
    ];
    for scope in scopes_in(HOME) {
        assert_eq!(allowed(&coordinator, &scope), oversight, "{scope:?}");
    }
}

#[test]
fn coordinator_grants_every_role_but_administrator() {
    let coordinator = member(&[Role::Coordinator]);
    for role in Role::ALL {
        assert_eq!(
            may_grant_role(&coordinator, role, HOME),
            role != Role::Administrator,
            "{role}"
        );
    }
    let team_member = RoleSet::from(Role::TeamMember).with(Role::Coordinator);
    assert!(may_manage_user(&coordinator, team_member, HOME));
    assert!(may_manage_user(&coordinator, RoleSet::EMPTY, HOME));
    let admin = RoleSet::from(Role::Administrator);
    assert!(
        !may_manage_user(&coordinator, admin, HOME),
        "may not lock out an administrator"
    );
}

#[test]
fn team_member_works_in_own_teams_only() {
    let tm = member(&[Role::TeamMember]);
    assert_eq!(
        allowed(&tm, &TEAM),
        [
            "view-public",
            "view-structure",
            "view-personal-data",
            "view-team-internal",
            "edit-team",
            "prepare-agenda"
        ]
    );
    for scope in [CITY, OTHER_TEAM_SCOPE, GROUP, ORG] {
        assert_eq!(
            allowed(&tm, &scope),
            ["view-public", "view-structure"],
            "{scope:?}"
        );
    }
    for role in Role::ALL {
        assert!(!may_grant_role(&tm, role, HOME));
    }
}

#[test]
fn group_members_oversee_all_teams_and_work_in_own_groups() {
    for role in [Role::ProjectGroupMember, Role::SteeringGroupMember] {
        let gm = member(&[role]);
        let oversight = [
            "view-public",
            "view-structure",
            "view-team-internal",
            "view-requests",
        ];
        for scope in [
            CITY,
            TEAM,
            OTHER_TEAM_SCOPE,
            ORG,
            OTHER_ORG_SCOPE,
            OTHER_GROUP_SCOPE,
        ] {
            assert_eq!(allowed(&gm, &scope), oversight, "{role} {scope:?}");
        }
        assert_eq!(
            allowed(&gm, &GROUP),
            [
                "view-public",
                "view-structure",
                "view-team-internal",
                "view-group-internal",
                "edit-group",
                "view-requests"
            ],
            "{role}"
        );
    }
}

#[test]
fn department_contact_handles_own_organisations_requests() {
    let dc = member(&[Role::DepartmentContact]);
    assert_eq!(
        allowed(&dc, &ORG),
        [
            "view-public",
            "view-structure",
            "view-requests",
            "handle-requests"
        ]
    );
    for scope in [CITY, TEAM, GROUP, OTHER_ORG_SCOPE] {
        assert_eq!(
            allowed(&dc, &scope),
            ["view-public", "view-structure"],
            "{scope:?}"
        );
    }
}

#[test]
fn a_role_without_the_membership_gives_nothing_there() {
    let stranger = Principal::SignedIn(SignedIn {
        roles: [
            Role::TeamMember,
            Role::ProjectGroupMember,
            Role::DepartmentContact,
        ]
        .into_iter()
        .collect(),
        ..SignedIn::new(UserId(2), HOME)
    });
    assert!(!may(&stranger, Action::EditTeam, &TEAM));
    assert!(!may(&stranger, Action::EditGroup, &GROUP));
    assert!(!may(&stranger, Action::HandleRequests, &ORG));
    assert!(!may(&stranger, Action::ViewPersonalData, &TEAM));
}

#[test]
fn roles_add_up() {
    let both = member(&[Role::Coordinator, Role::TeamMember]);
    assert!(may(&both, Action::EditTeam, &TEAM), "as team member");
    assert!(!may(&both, Action::EditTeam, &OTHER_TEAM_SCOPE));
    assert!(
        may(&both, Action::ViewPersonalData, &OTHER_TEAM_SCOPE),
        "as coordinator"
    );
    assert!(may(&both, Action::ManageStructure, &CITY), "as coordinator");
}

#[test]
fn personal_data_is_for_administrators_coordinators_and_the_own_team() {
    let seeing: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| may(&member(&[*r]), Action::ViewPersonalData, &OTHER_TEAM_SCOPE))
        .collect();
    assert_eq!(seeing, [Role::Administrator, Role::Coordinator]);
    assert!(may(
        &member(&[Role::TeamMember]),
        Action::ViewPersonalData,
        &TEAM
    ));
    assert!(!may(
        &member(&[Role::TeamMember]),
        Action::ViewPersonalData,
        &CITY
    ));
}

#[test]
fn police_restricted_concerns_are_for_police_staff_who_see_the_team() {
    use crate::inventory::Sensitivity;
    let police = |roles: &[Role]| match member(roles) {
        Principal::SignedIn(user) => Principal::SignedIn(SignedIn {
            police: true,
            ..user
        }),
        anonymous @ Principal::Anonymous => anonymous,
    };
    for roles in [
        &[Role::Administrator][..],
        &[Role::Coordinator],
        &[Role::TeamMember],
        &[Role::ProjectGroupMember],
        &[Role::SteeringGroupMember],
        &[Role::DepartmentContact],
    ] {
        let civilian = member(roles);
        let officer = police(roles);
        let sees_team = may(&civilian, Action::ViewTeamInternal, &TEAM);
        for sensitivity in [Sensitivity::Public, Sensitivity::Team] {
            assert_eq!(may_see_concern(&civilian, sensitivity, &TEAM), sees_team);
            assert_eq!(may_see_concern(&officer, sensitivity, &TEAM), sees_team);
        }
        assert!(
            !may_see_concern(&civilian, Sensitivity::Police, &TEAM),
            "{roles:?} outside the police"
        );
        assert_eq!(
            may_see_concern(&officer, Sensitivity::Police, &TEAM),
            sees_team,
            "{roles:?} in the police"
        );
    }
    for sensitivity in Sensitivity::ALL {
        assert!(!may_see_concern(&Principal::Anonymous, sensitivity, &TEAM));
    }
}
