//! Partner organisations and their departments.

use domain::org::OrganisationKind;
use domain::{DepartmentId, MunicipalityId, OrganisationId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entity::{department, organisation};
use crate::error::{DbError, DbResult};

/// Finds the organisation by name in the municipality, or creates it with this kind.
pub async fn ensure_organisation(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    name: &str,
    kind: OrganisationKind,
) -> DbResult<OrganisationId> {
    let found = organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(municipality.get()))
        .filter(organisation::Column::Name.eq(name))
        .one(conn)
        .await?;
    if let Some(row) = found {
        return Ok(OrganisationId(row.id));
    }
    let row = organisation::ActiveModel {
        municipality_id: Set(municipality.get()),
        name: Set(name.to_owned()),
        kind: Set(kind.code().to_owned()),
        ..Default::default()
    };
    Ok(OrganisationId(super::insert_returning_id(conn, row).await?))
}

/// Finds the department by name in the organisation, or creates it.
pub async fn ensure_department(
    conn: &impl ConnectionTrait,
    organisation: OrganisationId,
    name: &str,
) -> DbResult<DepartmentId> {
    let found = department::Entity::find()
        .filter(department::Column::OrganisationId.eq(organisation.get()))
        .filter(department::Column::Name.eq(name))
        .one(conn)
        .await?;
    if let Some(row) = found {
        return Ok(DepartmentId(row.id));
    }
    let row = department::ActiveModel {
        organisation_id: Set(organisation.get()),
        name: Set(name.to_owned()),
        ..Default::default()
    };
    Ok(DepartmentId(super::insert_returning_id(conn, row).await?))
}

/// Organisations of a municipality with their kind, by name.
pub async fn list_organisations(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<(OrganisationId, String, OrganisationKind)>> {
    use sea_orm::QueryOrder;
    organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(municipality.get()))
        .order_by_asc(organisation::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            let kind = row
                .kind
                .parse()
                .map_err(|e| DbError::Conflict(format!("organisation {}: {e}", row.id)))?;
            Ok((OrganisationId(row.id), row.name, kind))
        })
        .collect()
}

/// The kind of an organisation, if it exists.
pub async fn kind_of(
    conn: &impl ConnectionTrait,
    id: OrganisationId,
) -> DbResult<Option<OrganisationKind>> {
    let Some(row) = organisation::Entity::find_by_id(id.get()).one(conn).await? else {
        return Ok(None);
    };
    row.kind
        .parse()
        .map(Some)
        .map_err(|e| DbError::Conflict(format!("organisation {}: {e}", row.id)))
}
