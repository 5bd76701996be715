//! The vocabulary of access: roles that grant, and functions and team roles that only describe.

use std::fmt;

coded_enum! {
    /// What an account may do in its municipality. An account holds a set of these
    /// ([`RoleSet`]); its permissions are the union of what each role allows.
    pub enum Role as "role" {
        /// Runs the installation for the municipality: everything, including granting this role.
        Administrator => "administrator",
        /// Project leader or policy officer: runs the method, keeps the structure and the
        /// accounts, follows every team and group.
        Coordinator => "coordinator",
        /// Front-line professional in a Safer Neighbourhoods team: works in their own teams.
        TeamMember => "team-member",
        /// Middle manager in the project group (tactical): oversees the teams, works in their
        /// own groups.
        ProjectGroupMember => "project-group-member",
        /// Director or alderman in the steering group (strategic): oversees the teams, works in
        /// their own groups.
        SteeringGroupMember => "steering-group-member",
        /// Staff of a partner organisation who receive the teams' requests for their
        /// organisation (a traffic department asked for a speed display, say).
        DepartmentContact => "department-contact",
    }
}

/// A set of roles, as one small value: there are only six roles, so a bit each suffices, and
/// the set is `Copy` and cheap to compare.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(u8);

impl RoleSet {
    /// No role at all: a signed-in account without roles may only see public pages.
    pub const EMPTY: RoleSet = RoleSet(0);

    /// The bit that stands for `role`; the variant's position in [`Role::ALL`].
    const fn bit(role: Role) -> u8 {
        1 << role as u8
    }

    /// Whether `role` is in the set.
    pub const fn contains(self, role: Role) -> bool {
        self.0 & Self::bit(role) != 0
    }

    /// The set with `role` added.
    #[must_use]
    pub const fn with(self, role: Role) -> RoleSet {
        RoleSet(self.0 | Self::bit(role))
    }

    /// The set with `role` removed.
    #[must_use]
    pub const fn without(self, role: Role) -> RoleSet {
        RoleSet(self.0 & !Self::bit(role))
    }

    /// Adds `role` in place.
    pub fn insert(&mut self, role: Role) {
        *self = self.with(role);
    }

    /// Whether the set holds no role.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The roles in the set, in the order of [`Role::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

impl FromIterator<Role> for RoleSet {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        iter.into_iter().fold(RoleSet::EMPTY, RoleSet::with)
    }
}

impl From<Role> for RoleSet {
    fn from(role: Role) -> Self {
        RoleSet::EMPTY.with(role)
    }
}

/// Lists the role codes, so logs and test failures read `{administrator, team-member}`.
impl fmt::Debug for RoleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(Role::code)).finish()
    }
}

coded_enum! {
    /// What a person does for a living, shown beside their name. It describes and never grants:
    /// access comes from [`Role`] alone, so a wijkagent without the team-member role sees
    /// nothing of the team.
    pub enum StaffFunction as "staff function" {
        /// Community police officer (wijkagent).
        CommunityPoliceOfficer => "community-police-officer",
        /// Municipal enforcement officer (handhaver, Toezicht en Handhaving).
        EnforcementOfficer => "enforcement-officer",
        /// Community worker of the welfare organisation (opbouwwerker).
        CommunityWorker => "community-worker",
        /// Housing consultant of a housing corporation (woonconsulent).
        HousingConsultant => "housing-consultant",
        /// Project leader of the approach (projectleider); chairs the project group.
        ProjectLeader => "project-leader",
        /// Policy officer supporting the approach (beleidsmedewerker).
        PolicyOfficer => "policy-officer",
        /// Middle manager of a partner, typically in the project group.
        Manager => "manager",
        /// Director of a partner, typically in the steering group.
        Director => "director",
        /// Alderman (wethouder); chairs the steering group.
        Alderman => "alderman",
        /// Anything else: youth worker, school, shopkeepers' association.
        Other => "other",
    }
}

coded_enum! {
    /// A task inside a team that someone should hold. The report found that teams need these
    /// specialisms, not just the right organisations at the table; a team page shows which are
    /// still open. Describes only: holding one grants nothing. (The report's seventh, keeping
    /// the whole project organisationally in line, belongs to the project leader, not a team.)
    pub enum TeamRole as "team role" {
        /// Chairs the team's meetings so they are effective (voorzitter).
        Chair => "chair",
        /// Translates the method into day-to-day work (methodiek).
        Methodology => "methodology",
        /// Organises the neighbourhood meetings (buurtbijeenkomsten).
        MeetingOrganiser => "meeting-organiser",
        /// Communication with residents: website, neighbourhood paper, letters.
        Communication => "communication",
        /// Lobbies inside the partner organisations for what the team cannot do itself.
        Lobbying => "lobbying",
        /// Looks after team spirit (teamgeest), so discontent is noticed before it explodes.
        TeamSpirit => "team-spirit",
    }
}

/// The team roles nobody holds, in the order of [`TeamRole::ALL`]. `assigned` may repeat a role
/// (two people share the chair) or be empty (a new team: all are open).
pub fn uncovered_team_roles(assigned: &[TeamRole]) -> Vec<TeamRole> {
    TeamRole::ALL
        .into_iter()
        .filter(|role| !assigned.contains(role))
        .collect()
}

coded_enum! {
    /// The levels above the teams, each a group of a municipality.
    pub enum GroupKind as "group kind" {
        /// Project group (projectgroep, tactical): partners' middle managers, chaired by the
        /// project leader; routes questions into the organisations and clears blockages.
        ProjectGroup => "project-group",
        /// Steering group (regiegroep, strategic): partners' directors, chaired by the
        /// alderman; provides means and cover when the collaboration is at stake.
        SteeringGroup => "steering-group",
    }
}

impl GroupKind {
    /// Who chairs a group of this kind, as the method describes it.
    pub const fn chair(self) -> StaffFunction {
        match self {
            GroupKind::ProjectGroup => StaffFunction::ProjectLeader,
            GroupKind::SteeringGroup => StaffFunction::Alderman,
        }
    }

    /// The role a member of a group of this kind holds.
    pub const fn member_role(self) -> Role {
        match self {
            GroupKind::ProjectGroup => Role::ProjectGroupMember,
            GroupKind::SteeringGroup => Role::SteeringGroupMember,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_round_trip() {
        for v in Role::ALL {
            assert_eq!(v.code().parse::<Role>(), Ok(v));
        }
        for v in StaffFunction::ALL {
            assert_eq!(v.code().parse::<StaffFunction>(), Ok(v));
        }
        for v in TeamRole::ALL {
            assert_eq!(v.code().parse::<TeamRole>(), Ok(v));
        }
        for v in GroupKind::ALL {
            assert_eq!(v.code().parse::<GroupKind>(), Ok(v));
            assert_eq!(v.to_string(), v.code());
        }
        let err = "mayor".parse::<Role>().unwrap_err();
        assert_eq!(err.to_string(), "unknown role: mayor");
        assert!("Team-Member".parse::<Role>().is_err());
    }

    #[test]
    fn codes_are_kebab_case_and_unique() {
        let codes: Vec<&str> = Role::ALL
            .iter()
            .map(|r| r.code())
            .chain(StaffFunction::ALL.iter().map(|f| f.code()))
            .chain(TeamRole::ALL.iter().map(|t| t.code()))
            .chain(GroupKind::ALL.iter().map(|g| g.code()))
            .collect();
        for code in &codes {
            assert!(
                code.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{code}"
            );
        }
        // Unique within each enum is what parsing needs; across them keeps logs unambiguous.
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len());
    }

    #[test]
    fn role_set_basics() {
        let set = RoleSet::from(Role::TeamMember).with(Role::DepartmentContact);
        assert!(set.contains(Role::TeamMember) && set.contains(Role::DepartmentContact));
        assert!(!set.contains(Role::Administrator));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Role::TeamMember, Role::DepartmentContact]
        );
        assert_eq!(
            format!("{set:?}"),
            r#"{"team-member", "department-contact"}"#
        );
        assert!(RoleSet::EMPTY.is_empty());
        assert!(
            set.without(Role::TeamMember)
                .without(Role::DepartmentContact)
                .is_empty()
        );
        let mut grown = RoleSet::EMPTY;
        grown.insert(Role::Coordinator);
        assert_eq!(grown, RoleSet::from(Role::Coordinator));
    }

    #[test]
    fn new_team_has_every_role_open() {
        assert_eq!(uncovered_team_roles(&[]), TeamRole::ALL);
        assert_eq!(
            uncovered_team_roles(&[TeamRole::Lobbying, TeamRole::Chair, TeamRole::Chair]),
            [
                TeamRole::Methodology,
                TeamRole::MeetingOrganiser,
                TeamRole::Communication,
                TeamRole::TeamSpirit
            ]
        );
        assert!(uncovered_team_roles(&TeamRole::ALL).is_empty());
    }

    #[test]
    fn groups_are_chaired_as_the_method_says() {
        assert_eq!(
            GroupKind::ProjectGroup.chair(),
            StaffFunction::ProjectLeader
        );
        assert_eq!(GroupKind::SteeringGroup.chair(), StaffFunction::Alderman);
        assert_eq!(
            GroupKind::SteeringGroup.member_role(),
            Role::SteeringGroupMember
        );
    }

    proptest! {
        #[test]
        fn role_set_matches_a_plain_set(picks in proptest::collection::vec(0usize..6, 0..10)) {
            let roles: Vec<Role> = picks.iter().map(|&i| Role::ALL[i]).collect();
            let set: RoleSet = roles.iter().copied().collect();
            for role in Role::ALL {
                prop_assert_eq!(set.contains(role), roles.contains(&role));
            }
            prop_assert_eq!(set.iter().collect::<RoleSet>(), set);
        }

        #[test]
        fn uncovered_and_assigned_partition_the_team_roles(
            picks in proptest::collection::vec(0usize..6, 0..10)
        ) {
            let assigned: Vec<TeamRole> = picks.iter().map(|&i| TeamRole::ALL[i]).collect();
            let open = uncovered_team_roles(&assigned);
            for role in TeamRole::ALL {
                prop_assert_ne!(open.contains(&role), assigned.contains(&role));
            }
            prop_assert!(open.windows(2).all(|w| w[0] < w[1]), "in the order of ALL");
        }
    }
}
