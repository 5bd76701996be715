//! `GET /`: the neighbourhoods the product serves, paginated by key.

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use domain::{Cursor, PageRequest};
use render::pages::Home;
use serde::Deserialize;
use services::{Actor, ServiceError};

use crate::AppState;
use crate::error::AppError;
use crate::html::shell::PageCtx;

/// Neighbourhoods per page.
const PAGE_SIZE: u64 = 50;

/// Query string of the home page.
#[derive(Debug, Deserialize)]
pub struct Params {
    /// Continue after this neighbourhood.
    after: Option<String>,
}

/// Renders the home page (kept rendered for anonymous visitors, `html::cache`).
pub async fn handler(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    crate::html::public_page(&state, &page_ctx, render(&state, &page_ctx, params)).await
}

async fn render(
    state: &AppState,
    page_ctx: &PageCtx,
    params: Params,
) -> Result<Html<String>, AppError> {
    let after = params
        .after
        .map(|raw| raw.parse::<Cursor>())
        .transpose()
        .map_err(|_| ServiceError::invalid("after", "error-invalid-cursor"))?;
    let is_continuation = after.is_some();
    let page = services::places::list_neighbourhoods(
        &state.ctx,
        &Actor::Public,
        &PageRequest::new(after, PAGE_SIZE),
    )
    .await?;
    let next_href = page.next.map(|cursor| {
        let encoded: String =
            url::form_urlencoded::byte_serialize(cursor.to_string().as_bytes()).collect();
        format!("/?after={encoded}")
    });
    let html = askama::Template::render(&Home::new(
        page_ctx.shell(),
        &page.items,
        next_href,
        is_continuation,
    ))
    .map_err(|e| ServiceError::Internal(e.into()))?;
    Ok(Html(html))
}
