//! `GET /lang/{tag}?next=/path`: remembers the chosen language in a cookie and goes back.
//!
//! A GET that sets a cookie: acceptable here because the only effect is a display preference
//! of the visitor's own browser, and it lets the switch work as a plain link without scripts.

use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Locale;
use serde::Deserialize;

use crate::AppState;
use crate::error::AppError;
use crate::locale::COOKIE_NAME;

/// Query string of the switch.
#[derive(Debug, Deserialize)]
pub struct Params {
    /// Where to return to; only local paths are honoured.
    next: Option<String>,
}

/// Switches the language.
pub async fn handler(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let locale: Locale = tag.parse().map_err(|_| AppError::NotFound)?;
    let next = crate::html::local_path(params.next);
    let secure = if state.config.https { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        locale.tag()
    );
    let location = HeaderValue::from_str(&next).map_err(|_| AppError::BadRequest)?;
    let cookie = HeaderValue::from_str(&cookie).map_err(|_| AppError::BadRequest)?;
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, location), (SET_COOKIE, cookie)],
    )
        .into_response())
}
