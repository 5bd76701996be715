//! Serves the embedded assets under their content-hashed names, cacheable for a year.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// `GET /assets/{file}`.
pub async fn handler(Path(file): Path<String>) -> Result<Response, AppError> {
    let asset = render::assets::lookup(&file).ok_or(AppError::NotFound)?;
    Ok((
        [
            (CONTENT_TYPE, asset.content_type),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes.clone(),
    )
        .into_response())
}
