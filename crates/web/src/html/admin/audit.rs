//! `GET /beheer/logboek`: the municipality's audit log, newest first, filtered by kind.

use axum::extract::{Query, State};
use axum::response::Html;
use render::audit::{AuditLogPage, AuditRow, when};
use serde::Deserialize;
use services::audit_log::{self, Filter as AuditFilter};

use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;

/// Query string of the page.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Action group, e.g. `team.`.
    actie: Option<String>,
    /// Continue below this entry id.
    voor: Option<String>,
}

/// Shows one page of the log.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let action = params.actie.unwrap_or_default();
    let before = match params.voor.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let filter = AuditFilter {
        action_prefix: (!action.is_empty()).then(|| action.clone()),
        entity: None,
    };
    let page = audit_log::list(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &filter,
        before,
    )
    .await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let rows = page
        .entries
        .into_iter()
        .map(|e| {
            let (at, at_iso) = when(e.at);
            let who = e
                .actor_name
                .unwrap_or_else(|| match e.actor_code.strip_prefix("user:") {
                    Some(id) => i18n.t1("audit-account", "id", id),
                    None => e.actor_code.clone(),
                });
            let record = match e.entity.1 {
                Some(id) => format!("{} {id}", e.entity.0),
                None => e.entity.0,
            };
            let changes = e
                .changes
                .into_iter()
                .map(|(field, before, after)| {
                    (field, before.unwrap_or_default(), after.unwrap_or_default())
                })
                .collect();
            AuditRow {
                at,
                at_iso,
                who,
                action: e.action,
                record,
                changes,
            }
        })
        .collect();
    let next_href = page.next.map(|id| {
        let action: String = url::form_urlencoded::byte_serialize(action.as_bytes()).collect();
        format!("/beheer/logboek?actie={action}&voor={id}")
    });
    let html = askama::Template::render(&AuditLogPage {
        shell,
        i18n,
        rows,
        action,
        next_href,
    })
    .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))?;
    Ok(Html(html))
}
