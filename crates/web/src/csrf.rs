//! Cross-site request forgery protection for every state-changing request.
//!
//! Two independent checks, both required for POST, PUT, PATCH and DELETE:
//! 1. the browser says the request comes from this site (`Sec-Fetch-Site`, `Origin`);
//! 2. it carries the session's token, as the form field `csrf` or the `x-csrf-token` header
//!    (htmx sends the header, set once on `<body hx-headers>`). A multipart form (a file
//!    upload) carries it as the query parameter `csrf` of its action URL instead, since its
//!    body is not read here; only multipart requests may do that.
//!
//! It is a middleware on the whole router, so a new route cannot forget it.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::AppState;
use crate::error::AppError;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";
/// The header that carries the token.
pub const HEADER: &str = "x-csrf-token";
const SESSION_KEY: &str = "csrf";

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(existing) = session
        .get::<String>(SESSION_KEY)
        .await
        .map_err(AppError::session)?
    {
        return Ok(existing);
    }
    rotate(session).await
}

/// Replaces the token (at sign-in and sign-out).
pub async fn rotate(session: &Session) -> Result<String, AppError> {
    let fresh = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    session
        .insert(SESSION_KEY, &fresh)
        .await
        .map_err(AppError::session)?;
    Ok(fresh)
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// The browser's own statement of where the request comes from.
fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    match (headers.get(ORIGIN), headers.get(HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or_default();
            let host = host.to_str().unwrap_or_default();
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }
        _ => true,
    }
}

/// The token in the query string (`?csrf=...`), for multipart forms only.
fn query_token(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned())
}

/// Compares without an early exit, so timing does not reveal how much of a guess was right.
fn equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Middleware: refuses a state-changing request that fails either check with 403.
pub async fn protect(
    State(state): State<AppState>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    if !is_state_changing(request.method()) {
        return next.run(request).await;
    }
    let declared_length = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = state.config.body_limit_for(request.uri().path());
    if declared_length.is_some_and(|len| len > limit) {
        return AppError::TooLarge.into_response();
    }
    if !same_origin(request.headers()) {
        return AppError::CsrfRejected.into_response();
    }
    let expected = match session.get::<String>(SESSION_KEY).await {
        Ok(Some(token)) => token,
        Ok(None) => return AppError::CsrfRejected.into_response(),
        Err(err) => return AppError::session(err).into_response(),
    };
    let header_token = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(given) = header_token {
        return if equal(&given, &expected) {
            next.run(request).await
        } else {
            AppError::CsrfRejected.into_response()
        };
    }
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        return match query_token(request.uri().query()) {
            Some(given) if equal(&given, &expected) => next.run(request).await,
            _ => AppError::CsrfRejected.into_response(),
        };
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return AppError::CsrfRejected.into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return AppError::TooLarge.into_response();
    };
    let given = url::form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned());
    match given {
        Some(given) if equal(&given, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => AppError::CsrfRejected.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn origin_checks() {
        let mut h = HeaderMap::new();
        h.insert(HOST, HeaderValue::from_static("buurt.example"));
        assert!(same_origin(&h));
        h.insert(ORIGIN, HeaderValue::from_static("https://buurt.example"));
        assert!(same_origin(&h));
        h.insert(ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(!same_origin(&h));
        h.remove(ORIGIN);
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_origin(&h));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&h));
    }

    #[test]
    fn the_query_token_is_read_from_the_query_string() {
        assert_eq!(query_token(Some("csrf=abc&x=1")).as_deref(), Some("abc"));
        assert_eq!(query_token(Some("x=1")), None);
        assert_eq!(query_token(None), None);
    }

    #[test]
    fn constant_time_equality() {
        assert!(equal("abc", "abc"));
        assert!(!equal("abc", "abd"));
        assert!(!equal("abc", "abcd"));
    }
}
