//! The demo data set: Maastricht-Noordoost as the 2011 report describes it, with fictional
//! people. Loading it twice changes nothing the second time.

mod agreements;
pub mod bulk;
mod geography;
mod inventory;
pub mod meetings;
mod people;

use std::collections::HashMap;

use domain::access::{Role, StaffFunction};
use domain::credentials::{Email, NewPassword};
use domain::org::OrganisationKind;
use domain::{MunicipalityId, Slug};
use store::repo::{accounts, audit, orgs, places, teams, totp};

use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// Neighbourhood profile of 2010 from the report (table 1), city average in the last column.
const PROFILE_CSV: &str = include_str!("neighbourhood-profile-2010.csv");

/// The partner organisations at the table, with their departments.
const ORGANISATIONS: &[(&str, OrganisationKind, &[&str])] = &[
    (
        "Gemeente Maastricht",
        OrganisationKind::Municipality,
        &["Buurtgericht Werken", "Toezicht en Handhaving", "Verkeer"],
    ),
    ("Politie Limburg-Zuid", OrganisationKind::Police, &[]),
    ("Trajekt", OrganisationKind::Welfare, &[]),
    ("Servatius", OrganisationKind::HousingCorporation, &[]),
    ("Woonpunt", OrganisationKind::HousingCorporation, &[]),
    ("Maasvallei", OrganisationKind::HousingCorporation, &[]),
];

/// The neighbourhoods of district Noordoost.
const NEIGHBOURHOODS: &[&str] = &["Limmel", "Nazareth", "Wittevrouwenveld", "Wyckerpoort"];

/// The three teams and the neighbourhoods each covers: Limmel and Nazareth share one.
const TEAMS: &[(&str, &[&str])] = &[
    ("Limmel & Nazareth", &["Limmel", "Nazareth"]),
    ("Wittevrouwenveld", &["Wittevrouwenveld"]),
    ("Wyckerpoort", &["Wyckerpoort"]),
];

/// The password of every demo account; printed by `serve --demo` and in the README.
pub const DEMO_PASSWORD: &str = "veilige-buurten-demo";

/// The second-factor secret (base32) of every demo account whose role requires one (by
/// default the administrator). It is public on purpose, printed by `serve --demo` and in
/// the README, so that the demo can be tried with any authenticator app or with
/// `buurtagenda demo code`. Real accounts always get a random secret.
pub const DEMO_TOTP_SECRET: &str = "DEMOBUURTAGENDAVEILIGEBUURTENMAA";

/// Demo accounts: fictional people, one per role, with the function they have.
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, StaffFunction, Option<&str>)] = &[
    (
        "beheer@demo.buurtagenda.nl",
        "Mieke Beheerder",
        Role::Administrator,
        StaffFunction::PolicyOfficer,
        Some("Gemeente Maastricht"),
    ),
    (
        "projectleider@demo.buurtagenda.nl",
        "Sanne Coenen",
        Role::Coordinator,
        StaffFunction::ProjectLeader,
        Some("Gemeente Maastricht"),
    ),
    (
        "wijkagent@demo.buurtagenda.nl",
        "Rob Janssen",
        Role::TeamMember,
        StaffFunction::CommunityPoliceOfficer,
        Some("Politie Limburg-Zuid"),
    ),
    (
        "projectgroep@demo.buurtagenda.nl",
        "Harrie Vliegen",
        Role::ProjectGroupMember,
        StaffFunction::Manager,
        Some("Politie Limburg-Zuid"),
    ),
    (
        "wethouder@demo.buurtagenda.nl",
        "Jos Kerkhofs",
        Role::SteeringGroupMember,
        StaffFunction::Alderman,
        Some("Gemeente Maastricht"),
    ),
    (
        "verkeer@demo.buurtagenda.nl",
        "Ruud Ramakers",
        Role::DepartmentContact,
        StaffFunction::PolicyOfficer,
        Some("Gemeente Maastricht"),
    ),
];

/// What a demo load found or made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSummary {
    /// The demo municipality.
    pub municipality: MunicipalityId,
    /// Neighbourhoods in it.
    pub neighbourhoods: usize,
    /// Teams in it.
    pub teams: usize,
    /// Partner organisations in it.
    pub organisations: usize,
}

/// Loads (or refreshes) the demo data set in one transaction, and audits it.
pub async fn load_demo(ctx: &Ctx, actor: &Actor) -> ServiceResult<DemoSummary> {
    let populations = populations()?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let municipality =
        places::ensure_municipality(&tx, &slug("maastricht")?, "Maastricht", Some("GM0935"), now)
            .await?;
    let mut org_ids = HashMap::new();
    for (name, kind, departments) in ORGANISATIONS {
        let org = orgs::ensure_organisation(&tx, municipality, name, *kind).await?;
        org_ids.insert(*name, org);
        for department in *departments {
            orgs::ensure_department(&tx, org, department).await?;
        }
    }
    let district =
        places::ensure_district(&tx, municipality, &slug("noordoost")?, "Noordoost").await?;
    let mut ids = HashMap::new();
    for name in NEIGHBOURHOODS {
        let input = places::NeighbourhoodInput {
            municipality,
            district,
            name,
            slug: &Slug::from_name(name).map_err(internal)?,
            cbs_code: None,
            population: populations.get(*name).copied(),
        };
        ids.insert(*name, places::upsert_neighbourhood(&tx, &input).await?);
    }
    let mut team_ids = HashMap::new();
    for (name, covers) in TEAMS {
        let team_slug = Slug::from_name(name).map_err(internal)?;
        let team = teams::ensure_team(&tx, municipality, &team_slug, name).await?;
        team_ids.insert(*name, team);
        for neighbourhood in *covers {
            teams::ensure_coverage(&tx, team, ids[neighbourhood]).await?;
        }
    }
    let password_hash =
        crate::passwords::hash(&NewPassword::parse(DEMO_PASSWORD).map_err(internal)?)?;
    for (email, name, role, function, org) in DEMO_ACCOUNTS {
        let email: Email = email.parse().map_err(internal)?;
        if accounts::find_by_email(&tx, &email).await?.is_some() {
            continue;
        }
        let new = accounts::NewPerson {
            municipality,
            name,
            email: Some(&email),
            phone: None,
            organisation: org.and_then(|o| org_ids.get(o).copied()),
            function: function.code(),
            is_demo: true,
        };
        let person = accounts::create_person(&tx, &new, now).await?;
        let roles = [*role];
        let account = accounts::create_account(
            &tx,
            person,
            municipality,
            &email,
            Some(password_hash.clone()),
            &roles,
            now,
        )
        .await?;
        if crate::totp::required(ctx, roles.iter().copied().collect()) {
            totp::enable(&tx, account, DEMO_TOTP_SECRET, 0, now).await?;
        }
    }
    traffic_contact(&tx, &org_ids).await?;
    geography::load(&tx, municipality, &ids, &populations, now).await?;
    people::load(&tx, municipality, &org_ids, &team_ids, now).await?;
    routing_rules(&tx, municipality, &org_ids).await?;
    audit::record(
        &tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(municipality),
            actor: actor.audit_name(),
            action: "demo.load".into(),
            entity: "municipality".into(),
            entity_id: Some(municipality.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    inventory::load(ctx, municipality).await?;
    Ok(DemoSummary {
        municipality,
        neighbourhoods: NEIGHBOURHOODS.len(),
        teams: TEAMS.len(),
        organisations: ORGANISATIONS.len(),
    })
}

/// The traffic department's contact answers its requests: their person works there.
async fn traffic_contact(
    tx: &store::Tx,
    org_ids: &HashMap<&str, domain::OrganisationId>,
) -> ServiceResult<()> {
    let email: Email = "verkeer@demo.buurtagenda.nl".parse().map_err(internal)?;
    if let (Some(contact), Some(org)) = (
        accounts::find_by_email(tx, &email).await?,
        org_ids.get("Gemeente Maastricht"),
    ) {
        let traffic = orgs::ensure_department(tx, *org, "Verkeer").await?;
        accounts::set_department(tx, contact.person, Some(traffic)).await?;
    }
    Ok(())
}

/// Where urgent concerns of some themes go at once: speeding to the traffic department,
/// broken street lights to the municipality's neighbourhood work, drug dealing to the
/// police. Fictional mailboxes.
const ROUTING: &[(&str, &str, Option<&str>, &str)] = &[
    (
        "speeding",
        "Gemeente Maastricht",
        Some("Verkeer"),
        "verkeer@demo.buurtagenda.nl",
    ),
    (
        "street-lighting",
        "Gemeente Maastricht",
        Some("Buurtgericht Werken"),
        "openbare-ruimte@demo.buurtagenda.nl",
    ),
    (
        "drug-dealing",
        "Politie Limburg-Zuid",
        None,
        "wijkteam-noordoost@demo.buurtagenda.nl",
    ),
];

async fn routing_rules(
    tx: &store::Tx,
    m: MunicipalityId,
    org_ids: &HashMap<&str, domain::OrganisationId>,
) -> ServiceResult<()> {
    store::repo::cycles::ensure_default_categories(tx, m).await?;
    let categories = store::repo::cycles::categories(tx, m).await?;
    let existing = store::repo::routing::rules(tx, m).await?;
    for (code, organisation, department, email) in ROUTING {
        let category = categories
            .iter()
            .find(|c| c.code == *code)
            .ok_or_else(|| internal(format!("no category {code}")))?;
        if existing
            .iter()
            .any(|r| r.category == category.id && r.neighbourhood.is_none())
        {
            continue;
        }
        let organisation = org_ids[organisation];
        let department = match department {
            Some(name) => Some(orgs::ensure_department(tx, organisation, name).await?),
            None => None,
        };
        let rule = store::repo::routing::Rule {
            id: 0,
            category: category.id,
            neighbourhood: None,
            organisation,
            department,
            email: (*email).to_owned(),
        };
        store::repo::routing::set_rule(tx, m, &rule).await?;
    }
    Ok(())
}

fn slug(raw: &str) -> ServiceResult<Slug> {
    raw.parse().map_err(internal)
}

fn internal(err: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("demo data: {err}"))
}

/// Residents per neighbourhood, from the `population` row of the profile.
fn populations() -> ServiceResult<HashMap<String, u32>> {
    let mut reader = csv::Reader::from_reader(PROFILE_CSV.as_bytes());
    let headers = reader.headers().map_err(internal)?.clone();
    for record in reader.records() {
        let record = record.map_err(internal)?;
        if record.get(0) != Some("population") {
            continue;
        }
        return headers
            .iter()
            .zip(record.iter())
            .filter(|(column, _)| NEIGHBOURHOODS.contains(column))
            .map(|(column, value)| Ok((column.to_owned(), value.parse().map_err(internal)?)))
            .collect();
    }
    Err(internal("no population row in the profile"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_come_from_the_report() {
        let p = populations().unwrap();
        assert_eq!(p["Limmel"], 2116);
        assert_eq!(p["Nazareth"], 3351);
        assert_eq!(p["Wittevrouwenveld"], 5455);
        assert_eq!(p["Wyckerpoort"], 3991);
        assert_eq!(
            p.values().sum::<u32>(),
            14_913,
            "the brief's total for Noordoost"
        );
    }

    #[test]
    fn every_neighbourhood_has_exactly_one_team() {
        for name in NEIGHBOURHOODS {
            let covering = TEAMS
                .iter()
                .filter(|(_, covers)| covers.contains(name))
                .count();
            assert_eq!(covering, 1, "{name}");
        }
    }
}
