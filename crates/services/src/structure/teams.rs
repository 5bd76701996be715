//! Teams: which neighbourhoods they cover, who is in them with which team roles, and how
//! residents reach them.

use domain::access::{Action, Scope, TeamRole};
use domain::structure::{ContactPoint, TeamDetail};
use domain::{MunicipalityId, NeighbourhoodId, PersonId, Slug, TeamId};
use serde_json::json;
use store::repo::{structure, teams};

use super::input::{Checker, need, optional};
use super::{audit, commit};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// A team as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct TeamForm {
    /// Name.
    pub name: String,
    /// Ids of the neighbourhoods it covers.
    pub neighbourhoods: Vec<String>,
}

/// Creates a team covering one or more neighbourhoods.
pub async fn add_team(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    form: &TeamForm,
) -> ServiceResult<Slug> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let name = c.name("name", &form.name);
    let slug = c.slug_of("name", name.as_deref());
    let chosen: Vec<NeighbourhoodId> = form
        .neighbourhoods
        .iter()
        .filter_map(|raw| c.id("neighbourhoods", raw))
        .map(NeighbourhoodId)
        .collect();
    if form.neighbourhoods.is_empty() {
        c.reject("neighbourhoods", "error-choose-neighbourhood");
    }
    c.finish()?;
    let (name, slug) = (need(name)?, need(slug)?);
    let tx = ctx.store.begin_write().await?;
    let found = structure::neighbourhoods_in(&tx, m, &chosen).await?;
    if found.len() != chosen.len() {
        return Err(ServiceError::invalid(
            "neighbourhoods",
            "error-choose-neighbourhood",
        ));
    }
    if teams::team_detail(&tx, m, &slug).await?.is_some() {
        return Err(ServiceError::invalid("name", "error-name-taken"));
    }
    let team = teams::ensure_team(&tx, m, &slug, &name).await?;
    for n in &chosen {
        teams::ensure_coverage(&tx, team, *n).await?;
    }
    let covered: Vec<i64> = chosen.iter().map(|n| n.get()).collect();
    audit(
        &tx,
        ctx,
        actor,
        m,
        "team.create",
        ("team", team.get()),
        json!({ "after": { "name": name, "neighbourhoods": covered } }),
    )
    .await?;
    commit(tx).await?;
    Ok(slug)
}

/// One team of the municipality, by slug.
pub async fn team(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    slug: &str,
) -> ServiceResult<TeamDetail> {
    actor.authorize(Action::ViewStructure, &Scope::Municipality(m))?;
    let slug: Slug = slug.parse().map_err(|_| ServiceError::NotFound)?;
    teams::team_detail(ctx.store.conn(), m, &slug)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn team_for_change(
    tx: &store::Tx,
    actor: &Actor,
    m: MunicipalityId,
    slug: &str,
) -> ServiceResult<TeamDetail> {
    let slug: Slug = slug.parse().map_err(|_| ServiceError::NotFound)?;
    let team = teams::team_detail(tx, m, &slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    actor.authorize(
        Action::ManageStructure,
        &Scope::Team {
            municipality: m,
            team: team.id,
        },
    )?;
    Ok(team)
}

/// Adds a person to a team (or changes their team roles if they are in it already).
pub async fn set_member(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    slug: &str,
    person: &str,
    roles: &[String],
) -> ServiceResult<()> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let tx = ctx.store.begin_write().await?;
    let team = team_for_change(&tx, actor, m, slug).await?;
    let mut c = Checker::default();
    let person = c.id("person", person).map(PersonId);
    let roles: Vec<TeamRole> = roles.iter().filter_map(|r| c.parse("roles", r)).collect();
    c.finish()?;
    let person = need(person)?;
    if !structure::person_in(&tx, m, person).await? {
        return Err(ServiceError::invalid("person", "error-choose"));
    }
    let before: Vec<&str> = team
        .roles
        .iter()
        .filter(|(_, p)| *p == person)
        .map(|(r, _)| r.code())
        .collect();
    teams::add_member(&tx, team.id, person).await?;
    teams::set_roles(&tx, team.id, person, &roles).await?;
    let after: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    audit(&tx, ctx, actor, m, "team.member.set", ("team", team.id.get()),
        json!({ "person": person.get(), "before": { "roles": before }, "after": { "roles": after } })).await?;
    commit(tx).await
}

/// Removes a person from a team.
pub async fn remove_member(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    slug: &str,
    person: &str,
) -> ServiceResult<()> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let tx = ctx.store.begin_write().await?;
    let team = team_for_change(&tx, actor, m, slug).await?;
    let person = person.trim().parse().ok().map(PersonId);
    let Some(person) = person.filter(|p| team.members.iter().any(|member| member.id == *p)) else {
        return Err(ServiceError::invalid("person", "error-choose"));
    };
    teams::remove_member(&tx, team.id, person).await?;
    audit(
        &tx,
        ctx,
        actor,
        m,
        "team.member.remove",
        ("team", team.id.get()),
        json!({ "person": person.get() }),
    )
    .await?;
    commit(tx).await
}

/// The contact point as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct ContactForm {
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Office hours, free text.
    pub office_hours: String,
}

/// Sets how residents reach the team.
pub async fn set_contact(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    slug: &str,
    form: &ContactForm,
) -> ServiceResult<TeamId> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let contact = ContactPoint {
        phone: optional(&form.phone).and_then(|p| c.phone("phone", p)),
        email: optional(&form.email)
            .and_then(|e| c.email("email", e))
            .map(|e| e.to_string()),
        office_hours: c.text("office_hours", &form.office_hours, 500),
    };
    c.finish()?;
    let tx = ctx.store.begin_write().await?;
    let team = team_for_change(&tx, actor, m, slug).await?;
    teams::set_contact(&tx, team.id, &contact).await?;
    let shown = |c: &ContactPoint| json!({ "phone": c.phone, "email": c.email, "office_hours": c.office_hours });
    audit(
        &tx,
        ctx,
        actor,
        m,
        "team.contact.set",
        ("team", team.id.get()),
        json!({ "before": shown(&team.contact), "after": shown(&contact) }),
    )
    .await?;
    commit(tx).await?;
    Ok(team.id)
}

/// A team as residents see it: members, neighbourhoods and contact point. Public.
pub async fn public_team(ctx: &Ctx, actor: &Actor, id: TeamId) -> ServiceResult<TeamDetail> {
    let conn = ctx.store.conn();
    let (m, slug) = teams::team_key(conn, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    actor.authorize(
        Action::ViewPublic,
        &Scope::Team {
            municipality: m,
            team: id,
        },
    )?;
    teams::team_detail(conn, m, &slug)
        .await?
        .ok_or(ServiceError::NotFound)
}
