//! The audit log: who changed what, when. Written in the same transaction as the change.

use domain::MunicipalityId;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::audit_event;
use crate::error::DbResult;

/// One audited change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    /// When, by the service's clock.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Tenant, when the change belongs to one.
    pub municipality: Option<MunicipalityId>,
    /// Who: `user:<id>`, `cli`, `system`.
    pub actor: String,
    /// What, as `noun.verb` (e.g. `demo.load`).
    pub action: String,
    /// The kind of record changed.
    pub entity: String,
    /// Its id, when it has one.
    pub entity_id: Option<i64>,
    /// Extra facts as JSON; never personal data beyond ids.
    pub detail: Option<serde_json::Value>,
}

/// Appends a record to the log.
pub async fn record(conn: &impl ConnectionTrait, rec: AuditRecord) -> DbResult<()> {
    let row = audit_event::ActiveModel {
        municipality_id: Set(rec.municipality.map(MunicipalityId::get)),
        at: Set(rec.at),
        actor: Set(rec.actor),
        action: Set(rec.action),
        entity: Set(rec.entity),
        entity_id: Set(rec.entity_id),
        detail: Set(rec.detail.map(|d| d.to_string())),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await?;
    Ok(())
}

/// The latest records with this action, newest first.
pub async fn latest_by_action(
    conn: &impl ConnectionTrait,
    action: &str,
    limit: u64,
) -> DbResult<Vec<AuditRecord>> {
    let rows = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| AuditRecord {
            at: row.at,
            municipality: row.municipality_id.map(MunicipalityId),
            actor: row.actor,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            detail: row.detail.and_then(|d| serde_json::from_str(&d).ok()),
        })
        .collect())
}

/// What the audit log page filters on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Actions starting with this, e.g. `team.`.
    pub action_prefix: Option<String>,
    /// Only this kind of record.
    pub entity: Option<String>,
}

/// One page of a municipality's audit log, newest first, continuing below id `before`.
/// Returns the rows with their ids, and whether more exist.
pub async fn list(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: u64,
) -> DbResult<(Vec<(i64, AuditRecord)>, bool)> {
    let mut query = audit_event::Entity::find()
        .filter(audit_event::Column::MunicipalityId.eq(municipality.get()))
        .order_by_desc(audit_event::Column::Id)
        .limit(limit + 1);
    if let Some(prefix) = &filter.action_prefix {
        query = query.filter(audit_event::Column::Action.starts_with(prefix.as_str()));
    }
    if let Some(entity) = &filter.entity {
        query = query.filter(audit_event::Column::Entity.eq(entity.as_str()));
    }
    if let Some(before) = before {
        query = query.filter(audit_event::Column::Id.lt(before));
    }
    let mut rows = query.all(conn).await?;
    let more = rows.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((
        rows.into_iter()
            .map(|row| {
                let id = row.id;
                (
                    id,
                    AuditRecord {
                        at: row.at,
                        municipality: row.municipality_id.map(MunicipalityId),
                        actor: row.actor,
                        action: row.action,
                        entity: row.entity,
                        entity_id: row.entity_id,
                        detail: row.detail.and_then(|d| serde_json::from_str(&d).ok()),
                    },
                )
            })
            .collect(),
        more,
    ))
}
