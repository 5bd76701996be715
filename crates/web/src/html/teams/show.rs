//! `GET /teams/{id}`: who is in the team and how residents reach it. Public.

use axum::extract::{Path, State};
use axum::response::Html;
use domain::TeamId;
use render::admin::TeamPublicPage;
use services::Actor;

use crate::AppState;
use crate::error::AppError;
use crate::html::shell::PageCtx;

/// Shows the team.
pub async fn handler(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let id = TeamId(id.parse().map_err(|_| AppError::NotFound)?);
    let team = services::structure::teams::public_team(&state.ctx, &Actor::Public, id).await?;
    let shell = page_ctx.shell();
    let page = TeamPublicPage {
        i18n: render::I18n::new(shell.locale),
        shell,
        team,
    };
    askama::Template::render(&page)
        .map(Html)
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))
}
