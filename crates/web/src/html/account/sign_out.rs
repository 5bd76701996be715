//! `POST /uitloggen`: ends the session and returns to the home page.

use axum::response::Redirect;
use tower_sessions::Session;

use crate::auth;
use crate::error::AppError;

/// Signs out.
pub async fn handler(session: Session) -> Result<Redirect, AppError> {
    auth::end(&session).await?;
    Ok(Redirect::to("/"))
}
