//! The demo's people (all fictional): the members of the three teams with their team roles
//! and the teams' contact points, and the project group and steering group. One team leaves
//! two roles open on purpose, so the team page shows how a gap looks.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::access::{GroupKind, StaffFunction, TeamRole};
use domain::structure::ContactPoint;
use domain::{MunicipalityId, OrganisationId, PersonId, TeamId};
use store::Tx;
use store::repo::{accounts, groups, teams};

use crate::ServiceResult;

use StaffFunction::{
    Alderman, CommunityPoliceOfficer, CommunityWorker, Director, EnforcementOfficer,
    HousingConsultant, Manager,
};
use TeamRole::{Chair, Communication, Lobbying, MeetingOrganiser, Methodology, TeamSpirit};

const POLICE: &str = "Politie Limburg-Zuid";
const CITY: &str = "Gemeente Maastricht";

/// Team, person, function, employer, team roles.
type Member = (
    &'static str,
    &'static str,
    StaffFunction,
    &'static str,
    &'static [TeamRole],
);

const MEMBERS: &[Member] = &[
    (
        "Wyckerpoort",
        "Rob Janssen",
        CommunityPoliceOfficer,
        POLICE,
        &[Chair, Lobbying],
    ),
    (
        "Wyckerpoort",
        "Ingrid Maes",
        EnforcementOfficer,
        CITY,
        &[Methodology],
    ),
    (
        "Wyckerpoort",
        "Youssef El Amrani",
        CommunityWorker,
        "Trajekt",
        &[MeetingOrganiser, TeamSpirit],
    ),
    (
        "Wyckerpoort",
        "Linda Hermans",
        HousingConsultant,
        "Woonpunt",
        &[Communication],
    ),
    (
        "Limmel & Nazareth",
        "Marco Pluijmen",
        CommunityPoliceOfficer,
        POLICE,
        &[Lobbying],
    ),
    (
        "Limmel & Nazareth",
        "Esther Dassen",
        EnforcementOfficer,
        CITY,
        &[Chair],
    ),
    (
        "Limmel & Nazareth",
        "Ton Vrancken",
        CommunityWorker,
        "Trajekt",
        &[MeetingOrganiser, Communication],
    ),
    (
        "Limmel & Nazareth",
        "Sabine Bemelmans",
        HousingConsultant,
        "Servatius",
        &[Methodology, TeamSpirit],
    ),
    (
        "Wittevrouwenveld",
        "Patrick Lemmens",
        CommunityPoliceOfficer,
        POLICE,
        &[Chair],
    ),
    (
        "Wittevrouwenveld",
        "Nicole Smeets",
        EnforcementOfficer,
        CITY,
        &[Lobbying],
    ),
    (
        "Wittevrouwenveld",
        "Karim Bouzid",
        CommunityWorker,
        "Trajekt",
        &[MeetingOrganiser],
    ),
    (
        "Wittevrouwenveld",
        "Jolanda Wetzels",
        HousingConsultant,
        "Servatius",
        &[Communication],
    ),
];

/// Team, phone, e-mail, office hours (fictional numbers and addresses).
const CONTACTS: &[(&str, &str, &str, &str)] = &[
    (
        "Wyckerpoort",
        "043 350 10 01",
        "team.wyckerpoort@demo.buurtagenda.nl",
        "Dinsdag 10.00-12.00 uur in het buurtcentrum",
    ),
    (
        "Limmel & Nazareth",
        "043 350 10 02",
        "team.limmel-nazareth@demo.buurtagenda.nl",
        "Woensdag 14.00-16.00 uur in de wijkpost",
    ),
    (
        "Wittevrouwenveld",
        "043 350 10 03",
        "team.wittevrouwenveld@demo.buurtagenda.nl",
        "Donderdag 9.30-11.30 uur in het buurthuis",
    ),
];

/// Group, person, function, employer, chairs the group.
type GroupMember = (GroupKind, &'static str, StaffFunction, &'static str, bool);

const PROJECT_GROUP: &str = "Projectgroep Veilige Buurten Noordoost";
const STEERING_GROUP: &str = "Regiegroep Veilige Buurten";

const GROUP_MEMBERS: &[GroupMember] = &[
    (
        GroupKind::ProjectGroup,
        "Sanne Coenen",
        StaffFunction::ProjectLeader,
        CITY,
        true,
    ),
    (
        GroupKind::ProjectGroup,
        "Harrie Vliegen",
        Manager,
        POLICE,
        false,
    ),
    (
        GroupKind::ProjectGroup,
        "Monique Stassen",
        Manager,
        "Trajekt",
        false,
    ),
    (
        GroupKind::ProjectGroup,
        "Bart Ramaekers",
        Manager,
        "Servatius",
        false,
    ),
    (
        GroupKind::ProjectGroup,
        "Gerda Houben",
        Manager,
        "Woonpunt",
        false,
    ),
    (GroupKind::ProjectGroup, "Frank Loo", Manager, CITY, false),
    (
        GroupKind::SteeringGroup,
        "Jos Kerkhofs",
        Alderman,
        CITY,
        true,
    ),
    (
        GroupKind::SteeringGroup,
        "Paul Moonen",
        Director,
        POLICE,
        false,
    ),
    (
        GroupKind::SteeringGroup,
        "Ria Ernes",
        Director,
        "Trajekt",
        false,
    ),
    (
        GroupKind::SteeringGroup,
        "Anne Coumans",
        Director,
        "Servatius",
        false,
    ),
    (
        GroupKind::SteeringGroup,
        "Hub Dreessen",
        Director,
        "Woonpunt",
        false,
    ),
    (
        GroupKind::SteeringGroup,
        "Theo Willems",
        Director,
        "Maasvallei",
        false,
    ),
];

/// The person with this name, created if the demo does not have them yet.
async fn person(
    tx: &Tx,
    m: MunicipalityId,
    name: &str,
    function: StaffFunction,
    organisation: Option<OrganisationId>,
    now: DateTime<Utc>,
) -> ServiceResult<PersonId> {
    if let Some(id) = accounts::find_person_by_name(tx, m, name).await? {
        return Ok(id);
    }
    let new = accounts::NewPerson {
        municipality: m,
        name,
        email: None,
        phone: None,
        organisation,
        function: function.code(),
        is_demo: true,
    };
    Ok(accounts::create_person(tx, &new, now).await?)
}

/// Adds the demo's team members, contact points and groups; changes nothing on a second run.
pub(super) async fn load(
    tx: &Tx,
    m: MunicipalityId,
    orgs: &HashMap<&str, OrganisationId>,
    team_ids: &HashMap<&str, TeamId>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let mut roles_by_person: HashMap<(TeamId, PersonId), Vec<TeamRole>> = HashMap::new();
    for (team, name, function, org, roles) in MEMBERS {
        let id = person(tx, m, name, *function, orgs.get(org).copied(), now).await?;
        let team = team_ids[team];
        teams::add_member(tx, team, id).await?;
        roles_by_person
            .entry((team, id))
            .or_default()
            .extend_from_slice(roles);
    }
    for ((team, id), roles) in roles_by_person {
        teams::set_roles(tx, team, id, &roles).await?;
    }
    for (team, phone, email, hours) in CONTACTS {
        let contact = ContactPoint {
            phone: Some((*phone).to_owned()),
            email: Some((*email).to_owned()),
            office_hours: Some((*hours).to_owned()),
        };
        teams::set_contact(tx, team_ids[team], &contact).await?;
    }
    let mut ladder = Vec::new();
    for (kind, group_name) in [
        (GroupKind::ProjectGroup, PROJECT_GROUP),
        (GroupKind::SteeringGroup, STEERING_GROUP),
    ] {
        let group = match groups::find_group(tx, m, kind, group_name).await? {
            Some(id) => id,
            None => groups::create_group(tx, m, kind, group_name).await?,
        };
        ladder.push(group);
        for (_, name, function, org, chair) in GROUP_MEMBERS.iter().filter(|g| g.0 == kind) {
            let id = person(tx, m, name, *function, orgs.get(org).copied(), now).await?;
            groups::set_member(tx, group, id, *chair).await?;
        }
    }
    // Maastricht's ladder: a team's stuck question goes to the project group, then to the
    // steering group.
    if store::repo::escalations::ladder(tx, m).await?.0.is_empty() {
        store::repo::escalations::set_ladder(tx, m, &ladder).await?;
    }
    Ok(())
}
