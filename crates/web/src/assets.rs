//! Serves the embedded assets under their content-hashed names, cacheable for a year, and
//! the service worker and manifest (revalidated on every visit). Each carries an `ETag` of
//! its bytes, and a request whose `If-None-Match` names it gets `304` without the bytes.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::conditional;
use crate::error::AppError;

const IMMUTABLE: [(HeaderName, &str); 1] = [(CACHE_CONTROL, "public, max-age=31536000, immutable")];
const REVALIDATE: [(HeaderName, &str); 1] = [(CACHE_CONTROL, "no-cache")];

/// The entity tag of every embedded asset, by its name in the source tree.
static ASSET_TAGS: LazyLock<HashMap<&'static str, HeaderValue>> = LazyLock::new(|| {
    render::assets::all()
        .map(|asset| (asset.name, conditional::etag_of(&asset.bytes)))
        .collect()
});

/// `body` with `content_type`, `caching` and its tag `etag`; `304` when the request's
/// `If-None-Match` names the tag.
fn conditional_answer(
    headers: &HeaderMap,
    etag: &HeaderValue,
    content_type: &'static str,
    caching: &[(HeaderName, &'static str)],
    body: impl IntoResponse,
) -> Response {
    if conditional::not_modified(headers.get_all(axum::http::header::IF_NONE_MATCH), etag) {
        return conditional::not_modified_response(etag, caching);
    }
    let mut response = ([(CONTENT_TYPE, content_type)], body).into_response();
    let out = response.headers_mut();
    out.insert(ETAG, etag.clone());
    for (name, value) in caching {
        out.insert(name.clone(), HeaderValue::from_static(value));
    }
    response
}

/// `GET /assets/{file}`.
pub async fn handler(Path(file): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let asset = render::assets::lookup(&file).ok_or(AppError::NotFound)?;
    let etag = ASSET_TAGS.get(asset.name).ok_or(AppError::NotFound)?;
    Ok(conditional_answer(
        &headers,
        etag,
        asset.content_type,
        &IMMUTABLE,
        asset.bytes.clone(),
    ))
}

/// `GET /sw.js`: the service worker, at the root so that its scope is the whole site. Always
/// revalidated, so a new release reaches phones at their next visit.
pub async fn service_worker(headers: HeaderMap) -> Response {
    static TAG: LazyLock<HeaderValue> =
        LazyLock::new(|| conditional::etag_of(render::assets::service_worker().as_bytes()));
    conditional_answer(
        &headers,
        &TAG,
        "text/javascript; charset=utf-8",
        &REVALIDATE,
        render::assets::service_worker(),
    )
}

/// `GET /manifest.webmanifest`: makes the site installable as an app on a phone.
pub async fn manifest(headers: HeaderMap) -> Response {
    static TAG: LazyLock<HeaderValue> =
        LazyLock::new(|| conditional::etag_of(render::assets::manifest().as_bytes()));
    conditional_answer(
        &headers,
        &TAG,
        "application/manifest+json",
        &REVALIDATE,
        render::assets::manifest(),
    )
}
