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

/// `GET /sw.js`: the service worker, at the root so that its scope is the whole site. Always
/// revalidated, so a new release reaches phones at their next visit.
pub async fn service_worker() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        render::assets::service_worker(),
    )
        .into_response()
}

/// `GET /manifest.webmanifest`: makes the site installable as an app on a phone.
pub async fn manifest() -> Response {
    (
        [
            (CONTENT_TYPE, "application/manifest+json"),
            (CACHE_CONTROL, "no-cache"),
        ],
        render::assets::manifest(),
    )
        .into_response()
}
