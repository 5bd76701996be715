//! Reading the audit log: who changed what, when, with the values before and after.
//! Administrators and coordinators may read it; names of the people who acted are personal
//! data and shown only to those allowed to see personal data.

use chrono::{DateTime, Utc};
use domain::access::{Action, Scope};
use domain::{MunicipalityId, UserId};
use store::repo::{accounts, audit};

/// What the log can be filtered on.
pub use store::repo::audit::AuditFilter as Filter;

use crate::{Actor, Ctx, ServiceResult};

/// Entries per page.
pub const PAGE_SIZE: u64 = 50;

/// One change as the log page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its id (the page cursor).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who: a name, or `None` with `actor_code` when names may not be shown.
    pub actor_name: Option<String>,
    /// The actor as recorded (`user:12`, `cli`, `system`).
    pub actor_code: String,
    /// What, e.g. `team.member.set`.
    pub action: String,
    /// Which kind of record, and its id.
    pub entity: (String, Option<i64>),
    /// Each changed field: name, value before (if recorded), value after (if recorded).
    pub changes: Vec<(String, Option<String>, Option<String>)>,
}

/// One page of the log and where the next one starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditPage {
    /// Entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// The id to continue below, if there is more.
    pub next: Option<i64>,
}

/// One page of municipality `m`'s log.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    filter: &audit::AuditFilter,
    before: Option<i64>,
) -> ServiceResult<AuditPage> {
    actor.authorize(Action::ViewAuditLog, &Scope::Municipality(m))?;
    let show_names = actor
        .authorize(Action::ViewPersonalData, &Scope::Municipality(m))
        .is_ok();
    let (rows, more) = audit::list(ctx.store.conn(), m, filter, before, PAGE_SIZE).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for (id, row) in rows {
        let actor_name = match row.actor.strip_prefix("user:").and_then(|n| n.parse().ok()) {
            Some(user) if show_names => accounts::find(ctx.store.conn(), UserId(user))
                .await?
                .map(|a| a.name),
            _ => None,
        };
        entries.push(AuditEntry {
            id,
            at: row.at,
            actor_name,
            actor_code: row.actor,
            action: row.action,
            entity: (row.entity, row.entity_id),
            changes: changes(row.detail.as_ref()),
        });
    }
    let next = if more {
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage { entries, next })
}

/// Flattens `{"before": {..}, "after": {..}, other: ..}` into field rows.
fn changes(detail: Option<&serde_json::Value>) -> Vec<(String, Option<String>, Option<String>)> {
    let Some(serde_json::Value::Object(map)) = detail else {
        return Vec::new();
    };
    let shown = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "–".to_owned(),
        other => other.to_string(),
    };
    let side = |key: &str| map.get(key).and_then(serde_json::Value::as_object);
    let mut fields: Vec<String> = side("before")
        .into_iter()
        .chain(side("after"))
        .flat_map(|o| o.keys().cloned())
        .collect();
    fields.sort();
    fields.dedup();
    let mut out: Vec<_> = fields
        .into_iter()
        .map(|f| {
            let before = side("before").and_then(|o| o.get(&f)).map(shown);
            let after = side("after").and_then(|o| o.get(&f)).map(shown);
            (f, before, after)
        })
        .collect();
    for (key, value) in map {
        if key != "before" && key != "after" {
            out.push((key.clone(), None, Some(shown(value))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::changes;
    use serde_json::json;

    #[test]
    fn flattens_before_and_after() {
        let rows = changes(Some(&json!({
            "person": 7,
            "before": { "roles": ["chair"], "phone": null },
            "after": { "roles": ["chair", "lobbying"], "phone": "043" }
        })));
        assert_eq!(
            rows[0],
            ("phone".into(), Some("–".into()), Some("043".into()))
        );
        assert_eq!(
            rows[1],
            (
                "roles".into(),
                Some("[\"chair\"]".into()),
                Some("[\"chair\",\"lobbying\"]".into())
            )
        );
        assert_eq!(rows[2], ("person".into(), None, Some("7".into())));
        assert!(changes(None).is_empty());
    }
}
