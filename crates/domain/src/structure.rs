//! The structure a coordinator sets up, as pages and rules see it: districts, people, teams
//! with members, roles and contact point, and the project and steering groups.

use crate::access::{GroupKind, StaffFunction, TeamRole, uncovered_team_roles};
use crate::org::OrganisationKind;
use crate::{
    DepartmentId, DistrictId, GroupId, NeighbourhoodId, OrganisationId, PersonId, Slug, TeamId,
};

/// A district with its neighbourhoods (names and ids), for the structure overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistrictSummary {
    /// Key.
    pub id: DistrictId,
    /// Name.
    pub name: String,
    /// Its neighbourhoods, by name.
    pub neighbourhoods: Vec<(NeighbourhoodId, String)>,
}

/// A partner organisation with its departments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationSummary {
    /// Key.
    pub id: OrganisationId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrganisationKind,
    /// Departments, by name.
    pub departments: Vec<(DepartmentId, String)>,
}

/// A person as lists show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonSummary {
    /// Key.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Function.
    pub function: StaffFunction,
    /// Employer's name, if known.
    pub organisation: Option<String>,
    /// Whether the person can sign in.
    pub has_account: bool,
}

/// A team in the list of teams.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamSummary {
    /// Key.
    pub id: TeamId,
    /// Name.
    pub name: String,
    /// URL name.
    pub slug: String,
    /// Names of the neighbourhoods it covers.
    pub neighbourhoods: Vec<String>,
    /// How many members it has.
    pub members: usize,
}

/// A team's public contact point: residents see the team as one point of contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactPoint {
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// When and where residents can walk in, free text.
    pub office_hours: Option<String>,
}

/// A team with everything its page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamDetail {
    /// Key.
    pub id: TeamId,
    /// Name.
    pub name: String,
    /// URL name.
    pub slug: Slug,
    /// The neighbourhoods it covers.
    pub neighbourhoods: Vec<(NeighbourhoodId, String)>,
    /// Its members.
    pub members: Vec<PersonSummary>,
    /// Who holds which team role.
    pub roles: Vec<(TeamRole, PersonId)>,
    /// How residents reach the team.
    pub contact: ContactPoint,
}

impl TeamDetail {
    /// The team roles nobody holds yet (the team page warns about these).
    pub fn uncovered_roles(&self) -> Vec<TeamRole> {
        let held: Vec<TeamRole> = self.roles.iter().map(|(role, _)| *role).collect();
        uncovered_team_roles(&held)
    }

    /// The names of the members holding `role`.
    pub fn holders_of(&self, role: TeamRole) -> Vec<&str> {
        self.roles
            .iter()
            .filter(|(r, _)| *r == role)
            .filter_map(|(_, person)| self.members.iter().find(|m| m.id == *person))
            .map(|m| m.name.as_str())
            .collect()
    }
}

/// A project or steering group with its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupDetail {
    /// Key.
    pub id: GroupId,
    /// Tactical or strategic.
    pub kind: GroupKind,
    /// Name.
    pub name: String,
    /// Members, with whether each chairs the group.
    pub members: Vec<(PersonSummary, bool)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str) -> PersonSummary {
        PersonSummary {
            id: PersonId(id),
            name: name.into(),
            function: StaffFunction::CommunityPoliceOfficer,
            organisation: None,
            has_account: false,
        }
    }

    #[test]
    fn coverage_of_team_roles() {
        let team = TeamDetail {
            id: TeamId(1),
            name: "Wyckerpoort".into(),
            slug: "wyckerpoort".parse().unwrap(),
            neighbourhoods: vec![],
            members: vec![person(1, "Rob"), person(2, "Fatma")],
            roles: vec![
                (TeamRole::Chair, PersonId(1)),
                (TeamRole::Lobbying, PersonId(2)),
                (TeamRole::Chair, PersonId(2)),
            ],
            contact: ContactPoint::default(),
        };
        assert_eq!(team.holders_of(TeamRole::Chair), vec!["Rob", "Fatma"]);
        let uncovered = team.uncovered_roles();
        assert!(!uncovered.contains(&TeamRole::Chair) && !uncovered.contains(&TeamRole::Lobbying));
        assert_eq!(uncovered.len(), TeamRole::ALL.len() - 2);
    }
}
