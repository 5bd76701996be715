//! Project groups and steering groups with their members.

use domain::access::GroupKind;
use domain::structure::GroupDetail;
use domain::{GroupId, MunicipalityId, PersonId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{person, work_group, work_group_member};
use crate::error::{DbError, DbResult};

/// Creates a group.
pub async fn create_group(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    kind: GroupKind,
    name: &str,
) -> DbResult<GroupId> {
    let row = work_group::ActiveModel {
        municipality_id: Set(m.get()),
        kind: Set(kind.code().to_owned()),
        name: Set(name.to_owned()),
        ..Default::default()
    };
    Ok(GroupId(super::insert_returning_id(conn, row).await?))
}

/// Whether the group belongs to the municipality.
pub async fn group_in(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: GroupId,
) -> DbResult<bool> {
    Ok(work_group::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .is_some_and(|g| g.municipality_id == m.get()))
}

/// Adds a member (or updates whether they chair); chairing moves the chair to them.
pub async fn set_member(
    conn: &impl ConnectionTrait,
    group: GroupId,
    person: PersonId,
    chair: bool,
) -> DbResult<()> {
    if chair {
        work_group_member::Entity::update_many()
            .col_expr(
                work_group_member::Column::IsChair,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(work_group_member::Column::GroupId.eq(group.get()))
            .exec(conn)
            .await?;
    }
    work_group_member::Entity::delete_many()
        .filter(work_group_member::Column::GroupId.eq(group.get()))
        .filter(work_group_member::Column::PersonId.eq(person.get()))
        .exec(conn)
        .await?;
    let row = work_group_member::ActiveModel {
        group_id: Set(group.get()),
        person_id: Set(person.get()),
        is_chair: Set(chair),
    };
    work_group_member::Entity::insert(row)
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// The groups of a municipality with their members (chair first, then by name).
pub async fn groups(conn: &impl ConnectionTrait, m: MunicipalityId) -> DbResult<Vec<GroupDetail>> {
    let rows = work_group::Entity::find()
        .filter(work_group::Column::MunicipalityId.eq(m.get()))
        .order_by_asc(work_group::Column::Kind)
        .order_by_asc(work_group::Column::Name)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for g in rows {
        out.push(detail(conn, g).await?);
    }
    Ok(out)
}

/// The group `id` of `m` with its members, if it is one of `m`'s.
pub async fn group_detail(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    id: GroupId,
) -> DbResult<Option<GroupDetail>> {
    let row = work_group::Entity::find_by_id(id.get())
        .filter(work_group::Column::MunicipalityId.eq(m.get()))
        .one(conn)
        .await?;
    match row {
        Some(g) => Ok(Some(detail(conn, g).await?)),
        None => Ok(None),
    }
}

/// A group row with its members (chair first, then by name).
async fn detail(conn: &impl ConnectionTrait, g: work_group::Model) -> DbResult<GroupDetail> {
    let links = work_group_member::Entity::find()
        .filter(work_group_member::Column::GroupId.eq(g.id))
        .all(conn)
        .await?;
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(links.iter().map(|l| l.person_id)))
        .order_by_asc(person::Column::Name)
        .all(conn)
        .await?;
    let mut members: Vec<_> = super::structure::summaries(conn, people)
        .await?
        .into_iter()
        .map(|p| {
            let chair = links
                .iter()
                .any(|l| l.person_id == p.id.get() && l.is_chair);
            (p, chair)
        })
        .collect();
    members.sort_by_key(|(_, chair)| !chair);
    Ok(GroupDetail {
        id: GroupId(g.id),
        kind: g
            .kind
            .parse()
            .map_err(|e| DbError::Conflict(format!("group {}: {e}", g.id)))?,
        name: g.name,
        members,
    })
}

/// The group of this kind and name, if it exists.
pub async fn find_group(
    conn: &impl ConnectionTrait,
    m: MunicipalityId,
    kind: GroupKind,
    name: &str,
) -> DbResult<Option<GroupId>> {
    Ok(work_group::Entity::find()
        .filter(work_group::Column::MunicipalityId.eq(m.get()))
        .filter(work_group::Column::Kind.eq(kind.code()))
        .filter(work_group::Column::Name.eq(name))
        .one(conn)
        .await?
        .map(|g| GroupId(g.id)))
}
