//! Setting up a municipality's structure: districts and neighbourhoods, partner
//! organisations and departments, people, teams and groups. Coordinators and administrators
//! do this (`Action::ManageStructure`); everybody signed in to the municipality may look.

pub mod groups;
pub mod input;
pub mod teams;

use domain::access::{Action, Scope, StaffFunction};
use domain::org::OrganisationKind;
use domain::structure::{
    DistrictSummary, GroupDetail, OrganisationSummary, PersonSummary, TeamSummary,
};
use domain::{DistrictId, MunicipalityId, NeighbourhoodId, OrganisationId, PersonId};
use serde_json::json;
use store::repo::{accounts, groups as group_repo, orgs, places, structure, teams as team_repo};

use crate::structure::input::{Checker, need, optional};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// Everything the structure overview shows.
#[derive(Clone, Debug)]
pub struct Structure {
    /// Districts with neighbourhoods.
    pub districts: Vec<DistrictSummary>,
    /// Organisations with departments.
    pub organisations: Vec<OrganisationSummary>,
    /// People.
    pub people: Vec<PersonSummary>,
    /// Teams.
    pub teams: Vec<TeamSummary>,
    /// Project and steering groups.
    pub groups: Vec<GroupDetail>,
}

/// The whole structure of municipality `m`.
pub async fn overview(ctx: &Ctx, actor: &Actor, m: MunicipalityId) -> ServiceResult<Structure> {
    actor.authorize(Action::ViewStructure, &Scope::Municipality(m))?;
    let conn = ctx.store.conn();
    Ok(Structure {
        districts: structure::districts(conn, m).await?,
        organisations: structure::organisations(conn, m).await?,
        people: structure::people(conn, m).await?,
        teams: team_repo::list_teams(conn, m).await?,
        groups: group_repo::groups(conn, m).await?,
    })
}

/// Writes the audit record of a structure change.
pub(crate) async fn audit(
    tx: &store::Tx,
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    action: &str,
    entity: (&str, i64),
    detail: serde_json::Value,
) -> ServiceResult<()> {
    store::repo::audit::record(
        tx,
        store::repo::audit::AuditRecord {
            at: ctx.clock.now(),
            municipality: Some(m),
            actor: actor.audit_name(),
            action: action.to_owned(),
            entity: entity.0.to_owned(),
            entity_id: Some(entity.1),
            detail: Some(detail),
        },
    )
    .await?;
    Ok(())
}

/// Commits, turning a uniqueness conflict into a message on `field`.
pub(crate) async fn commit(tx: store::Tx) -> ServiceResult<()> {
    tx.commit().await?;
    Ok(())
}

fn taken(field: &'static str) -> impl Fn(ServiceError) -> ServiceError {
    move |e| match e {
        ServiceError::Conflict(_) => ServiceError::invalid(field, "error-name-taken"),
        other => other,
    }
}

/// Adds a district.
pub async fn add_district(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    name: &str,
) -> ServiceResult<DistrictId> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let name = c.name("name", name);
    let slug = c.slug_of("name", name.as_deref());
    c.finish()?;
    let (name, slug) = (need(name)?, need(slug)?);
    let tx = ctx.store.begin_write().await?;
    if structure::districts(&tx, m)
        .await?
        .iter()
        .any(|d| d.name.eq_ignore_ascii_case(&name))
    {
        return Err(ServiceError::invalid("name", "error-name-taken"));
    }
    let id = places::ensure_district(&tx, m, &slug, &name).await?;
    audit(
        &tx,
        ctx,
        actor,
        m,
        "district.create",
        ("district", id.get()),
        json!({ "after": { "name": name } }),
    )
    .await?;
    commit(tx).await.map_err(taken("name"))?;
    Ok(id)
}

/// A neighbourhood as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct NeighbourhoodForm {
    /// District id.
    pub district: String,
    /// Name.
    pub name: String,
    /// CBS buurt code, optional.
    pub cbs_code: String,
    /// Residents, optional.
    pub population: String,
}

/// Adds a neighbourhood to a district.
pub async fn add_neighbourhood(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    form: &NeighbourhoodForm,
) -> ServiceResult<NeighbourhoodId> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let district = c.id("district", &form.district).map(DistrictId);
    let name = c.name("name", &form.name);
    let slug = c.slug_of("name", name.as_deref());
    let cbs_code = c.cbs_code("cbs_code", &form.cbs_code);
    let population = c.count("population", &form.population);
    c.finish()?;
    let (district, name, slug) = (need(district)?, need(name)?, need(slug)?);
    let tx = ctx.store.begin_write().await?;
    if !structure::district_in(&tx, m, district).await? {
        return Err(ServiceError::invalid("district", "error-choose"));
    }
    if places::find_neighbourhood(&tx, m, &slug).await?.is_some() {
        return Err(ServiceError::invalid("name", "error-name-taken"));
    }
    let input = places::NeighbourhoodInput {
        municipality: m,
        district,
        name: &name,
        slug: &slug,
        cbs_code: cbs_code.as_deref(),
        population,
    };
    let id = places::upsert_neighbourhood(&tx, &input).await?;
    audit(&tx, ctx, actor, m, "neighbourhood.create", ("neighbourhood", id.get()),
        json!({ "after": { "name": name, "district": district.get(), "cbs_code": cbs_code, "population": population } })).await?;
    commit(tx).await.map_err(taken("name"))?;
    Ok(id)
}

/// Adds a partner organisation.
pub async fn add_organisation(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    name: &str,
    kind: &str,
) -> ServiceResult<OrganisationId> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let name = c.name("name", name);
    let kind = c.parse::<OrganisationKind>("kind", kind);
    c.finish()?;
    let (name, kind) = (need(name)?, need(kind)?);
    let tx = ctx.store.begin_write().await?;
    if structure::organisations(&tx, m)
        .await?
        .iter()
        .any(|o| o.name.eq_ignore_ascii_case(&name))
    {
        return Err(ServiceError::invalid("name", "error-name-taken"));
    }
    let id = orgs::ensure_organisation(&tx, m, &name, kind).await?;
    audit(
        &tx,
        ctx,
        actor,
        m,
        "organisation.create",
        ("organisation", id.get()),
        json!({ "after": { "name": name, "kind": kind.code() } }),
    )
    .await?;
    commit(tx).await.map_err(taken("name"))?;
    Ok(id)
}

/// Adds a department to an organisation of the municipality.
pub async fn add_department(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    organisation: &str,
    name: &str,
) -> ServiceResult<()> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let org = c.id("organisation", organisation).map(OrganisationId);
    let name = c.name("department", name);
    c.finish()?;
    let (org, name) = (need(org)?, need(name)?);
    let tx = ctx.store.begin_write().await?;
    if !structure::organisation_in(&tx, m, org).await? {
        return Err(ServiceError::invalid("organisation", "error-choose"));
    }
    let id = orgs::ensure_department(&tx, org, &name).await?;
    audit(
        &tx,
        ctx,
        actor,
        m,
        "department.create",
        ("department", id.get()),
        json!({ "after": { "name": name, "organisation": org.get() } }),
    )
    .await?;
    commit(tx).await
}

/// A person as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct PersonForm {
    /// Full name.
    pub name: String,
    /// Function code.
    pub function: String,
    /// Organisation id, or empty.
    pub organisation: String,
    /// Work e-mail, optional.
    pub email: String,
    /// Work phone, optional.
    pub phone: String,
}

/// Registers a person working with a partner.
pub async fn add_person(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    form: &PersonForm,
) -> ServiceResult<PersonId> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let name = c.name("name", &form.name);
    let function = c.parse::<StaffFunction>("function", &form.function);
    let organisation = optional(&form.organisation)
        .and_then(|o| c.id("organisation", o))
        .map(OrganisationId);
    let email = optional(&form.email).and_then(|e| c.email("email", e));
    let phone = optional(&form.phone).and_then(|p| c.phone("phone", p));
    c.finish()?;
    let (name, function) = (need(name)?, need(function)?);
    let tx = ctx.store.begin_write().await?;
    if let Some(org) = organisation
        && !structure::organisation_in(&tx, m, org).await?
    {
        return Err(ServiceError::invalid("organisation", "error-choose"));
    }
    let new = accounts::NewPerson {
        municipality: m,
        name: &name,
        email: email.as_ref(),
        phone: phone.as_deref(),
        organisation,
        function: function.code(),
        is_demo: false,
    };
    let id = accounts::create_person(&tx, &new, ctx.clock.now()).await?;
    // The audit detail names no personal values: it says which fields were filled.
    audit(&tx, ctx, actor, m, "person.create", ("person", id.get()),
        json!({ "after": { "function": function.code(), "organisation": organisation.map(OrganisationId::get), "has_email": email.is_some(), "has_phone": phone.is_some() } })).await?;
    commit(tx).await?;
    Ok(id)
}
