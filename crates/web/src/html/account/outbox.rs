//! `GET /beheer/berichten`: the outbox for those who manage accounts, newest first, so that
//! invitations and reset links can be passed on when no mail server is set up.

use axum::extract::{Query, State};
use axum::response::Html;
use domain::{Cursor, PageRequest};
use render::outbox::{MailState, OutboxItem, OutboxPage};
use serde::Deserialize;
use services::ServiceError;
use services::mail::{MailStatus, OutboxEntry};

use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;

/// Messages per page.
const PAGE_SIZE: u64 = 25;

/// Query string of the page.
#[derive(Debug, Deserialize)]
pub struct Params {
    /// Continue after this message.
    after: Option<String>,
}

fn item(entry: OutboxEntry) -> OutboxItem {
    OutboxItem {
        id: entry.id,
        to: entry.to,
        subject: entry.subject,
        created_at: entry.created_at,
        state: match entry.status {
            MailStatus::Waiting => MailState::Waiting,
            MailStatus::Sent(at) => MailState::Sent(at),
            MailStatus::Retrying { last_error } => MailState::Retrying { last_error },
            MailStatus::Failed { last_error } => MailState::Failed { last_error },
        },
        body: entry.body,
    }
}

/// Shows one page of the outbox.
pub async fn handler(
    State(state): State<AppState>,
    staff: Staff,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let after = params
        .after
        .map(|raw| raw.parse::<Cursor>())
        .transpose()
        .map_err(|_| ServiceError::invalid("after", "error-invalid-cursor"))?;
    let is_continuation = after.is_some();
    let page = services::mail::list_outbox(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &PageRequest::new(after, PAGE_SIZE),
    )
    .await?;
    let next_href = page.next.map(|cursor| {
        let encoded: String =
            url::form_urlencoded::byte_serialize(cursor.to_string().as_bytes()).collect();
        format!("/beheer/berichten?after={encoded}")
    });
    let items = page.items.into_iter().map(item).collect();
    let html = askama::Template::render(&OutboxPage::new(
        staff.page.shell(),
        items,
        next_href,
        is_continuation,
    ))
    .map_err(|e| ServiceError::Internal(e.into()))?;
    Ok(Html(html))
}
