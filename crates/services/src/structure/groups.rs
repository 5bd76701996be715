//! The project group (tactical) and the steering group (strategic) with their members.

use domain::access::{Action, GroupKind, Scope};
use domain::{GroupId, MunicipalityId, PersonId};
use serde_json::json;
use store::repo::{groups, structure};

use super::input::{Checker, need};
use super::{audit, commit};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// Creates a group.
pub async fn add_group(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    kind: &str,
    name: &str,
) -> ServiceResult<GroupId> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let kind = c.parse::<GroupKind>("kind", kind);
    let name = c.name("name", name);
    c.finish()?;
    let (kind, name) = (need(kind)?, need(name)?);
    let tx = ctx.store.begin_write().await?;
    let id = groups::create_group(&tx, m, kind, &name).await?;
    audit(
        &tx,
        ctx,
        actor,
        m,
        "group.create",
        ("group", id.get()),
        json!({ "after": { "kind": kind.code(), "name": name } }),
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// Adds a member to a group, optionally as its chair (the previous chair stays a member).
pub async fn set_member(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    group: &str,
    person: &str,
    chair: bool,
) -> ServiceResult<()> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let group = c.id("group", group).map(GroupId);
    let person = c.id("person", person).map(PersonId);
    c.finish()?;
    let (group, person) = (need(group)?, need(person)?);
    let tx = ctx.store.begin_write().await?;
    if !groups::group_in(&tx, m, group).await? {
        return Err(ServiceError::invalid("group", "error-choose"));
    }
    if !structure::person_in(&tx, m, person).await? {
        return Err(ServiceError::invalid("person", "error-choose"));
    }
    groups::set_member(&tx, group, person, chair).await?;
    audit(
        &tx,
        ctx,
        actor,
        m,
        "group.member.set",
        ("group", group.get()),
        json!({ "person": person.get(), "after": { "chair": chair } }),
    )
    .await?;
    commit(tx).await
}
