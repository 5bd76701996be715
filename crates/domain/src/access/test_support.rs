//! Principals, scopes and proptest strategies shared by the access tests.

use proptest::prelude::*;

use super::{Action, Principal, Role, RoleSet, Scope, SignedIn};
use crate::ids::{GroupId, UserId};
use crate::{MunicipalityId, OrganisationId, TeamId};

/// Home municipality of the hand-written principals.
pub const HOME: MunicipalityId = MunicipalityId(1);
/// Another municipality, where they must be refused.
pub const AWAY: MunicipalityId = MunicipalityId(2);
/// The team the hand-written principals are members of.
pub const MY_TEAM: TeamId = TeamId(10);
/// The group they sit in.
pub const MY_GROUP: GroupId = GroupId(20);
/// The organisation they work for.
pub const MY_ORG: OrganisationId = OrganisationId(30);
/// A team of the same municipality they are not in.
pub const OTHER_TEAM: TeamId = TeamId(11);
/// A group of the same municipality they do not sit in.
pub const OTHER_GROUP: GroupId = GroupId(21);
/// An organisation of the same municipality they do not work for.
pub const OTHER_ORG: OrganisationId = OrganisationId(31);

/// A principal of [`HOME`] holding `roles`, member of [`MY_TEAM`], [`MY_GROUP`] and
/// [`MY_ORG`], so that each rule can be seen to use (or ignore) the memberships.
pub fn member(roles: &[Role]) -> Principal {
    Principal::SignedIn(SignedIn {
        roles: roles.iter().copied().collect(),
        organisation: Some(MY_ORG),
        teams: vec![MY_TEAM],
        groups: vec![MY_GROUP],
        ..SignedIn::new(UserId(1), HOME)
    })
}

/// One scope of each kind in `municipality`, own and other memberships alike.
pub fn scopes_in(municipality: MunicipalityId) -> Vec<Scope> {
    let mut scopes = vec![Scope::Municipality(municipality)];
    for team in [MY_TEAM, OTHER_TEAM] {
        scopes.push(Scope::Team { municipality, team });
    }
    for group in [MY_GROUP, OTHER_GROUP] {
        scopes.push(Scope::Group {
            municipality,
            group,
        });
    }
    for organisation in [MY_ORG, OTHER_ORG] {
        scopes.push(Scope::Organisation {
            municipality,
            organisation,
        });
    }
    scopes
}

/// Any action.
pub fn arb_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(Action::ALL.to_vec())
}

/// Any role.
pub fn arb_role() -> impl Strategy<Value = Role> {
    proptest::sample::select(Role::ALL.to_vec())
}

/// Any set of roles.
pub fn arb_roles() -> impl Strategy<Value = RoleSet> {
    proptest::sample::subsequence(Role::ALL.to_vec(), 0..=Role::ALL.len())
        .prop_map(|roles| roles.into_iter().collect())
}

/// Any signed-in account; ids are drawn from small ranges so that memberships and scopes
/// often coincide.
pub fn arb_signed_in() -> impl Strategy<Value = SignedIn> {
    (
        1i64..=3,
        arb_roles(),
        proptest::option::of(1i64..=3),
        proptest::collection::vec(1i64..=4, 0..3),
        proptest::collection::vec(1i64..=4, 0..3),
    )
        .prop_map(
            |(municipality, roles, organisation, teams, groups)| SignedIn {
                roles,
                organisation: organisation.map(OrganisationId),
                teams: teams.into_iter().map(TeamId).collect(),
                groups: groups.into_iter().map(GroupId).collect(),
                ..SignedIn::new(UserId(1), MunicipalityId(municipality))
            },
        )
}

/// Any scope, over the same small id ranges.
pub fn arb_scope() -> impl Strategy<Value = Scope> {
    let municipality = (1i64..=3).prop_map(MunicipalityId);
    prop_oneof![
        municipality.clone().prop_map(Scope::Municipality),
        (municipality.clone(), 1i64..=4).prop_map(|(municipality, t)| Scope::Team {
            municipality,
            team: TeamId(t),
        }),
        (municipality.clone(), 1i64..=4).prop_map(|(municipality, g)| Scope::Group {
            municipality,
            group: GroupId(g),
        }),
        (municipality, 1i64..=3).prop_map(|(municipality, o)| Scope::Organisation {
            municipality,
            organisation: OrganisationId(o),
        }),
    ]
}

/// `scope` moved into `municipality`, keeping its kind and inner id.
pub fn moved_to(scope: Scope, municipality: MunicipalityId) -> Scope {
    match scope {
        Scope::Municipality(_) => Scope::Municipality(municipality),
        Scope::Team { team, .. } => Scope::Team { municipality, team },
        Scope::Group { group, .. } => Scope::Group {
            municipality,
            group,
        },
        Scope::Organisation { organisation, .. } => Scope::Organisation {
            municipality,
            organisation,
        },
    }
}
