//! The only place where errors become HTTP responses.
//!
//! Handlers return `AppError` (usually from a `ServiceError`); it becomes a status code with
//! an `ErrorKind` marker. The `error_pages` middleware then renders the page for any error
//! response that carries no page of its own (including axum's rejections, the body limit and
//! the timeout), in the visitor's language, with the request id for server errors.

use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use render::pages::{ErrorKind, ErrorPage};
use services::ServiceError;

use crate::html::shell;
use crate::locale;

/// What a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page or record.
    #[error("not found")]
    NotFound,
    /// A malformed request (query, path, form) that no service saw.
    #[error("bad request")]
    BadRequest,
    /// A use case failed.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// Marks a response whose body must reach the client unchanged (health checks, APIs).
#[derive(Clone, Copy, Debug)]
pub struct RawBody;

impl AppError {
    fn kind(&self) -> ErrorKind {
        match self {
            AppError::NotFound | AppError::Service(ServiceError::NotFound) => ErrorKind::NotFound,
            AppError::BadRequest | AppError::Service(ServiceError::Validation(_)) => {
                ErrorKind::BadRequest
            }
            AppError::Service(ServiceError::Forbidden) => ErrorKind::Forbidden,
            AppError::Service(ServiceError::Conflict(_) | ServiceError::Internal(_)) => {
                ErrorKind::Internal
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let kind = self.kind();
        if let AppError::Service(ServiceError::Internal(err)) = &self {
            // The span of the request carries its id, so the log line and the page match.
            tracing::error!(error = ?err, "internal error");
        }
        let mut response = status_of(kind).into_response();
        response.extensions_mut().insert(kind);
        response
    }
}

fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorKind::Timeout => StatusCode::REQUEST_TIMEOUT,
        ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn kind_of(status: StatusCode) -> ErrorKind {
    match status {
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => ErrorKind::BadRequest,
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => ErrorKind::Forbidden,
        StatusCode::NOT_FOUND => ErrorKind::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorKind::MethodNotAllowed,
        StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => ErrorKind::Timeout,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorKind::TooLarge,
        s if s.is_client_error() => ErrorKind::BadRequest,
        _ => ErrorKind::Internal,
    }
}

/// The fallback route: a 404 page.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Middleware: gives every error response without a page of its own the error page.
pub async fn error_pages(request: Request, next: Next) -> Response {
    let locale = locale::from_headers(request.headers());
    let request_id = request_id(request.headers());
    let uri = request.uri().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<RawBody>().is_some()
        || has_own_page(response.headers())
    {
        return response;
    }
    let kind = response
        .extensions()
        .get::<ErrorKind>()
        .copied()
        .unwrap_or_else(|| kind_of(status));
    if kind == ErrorKind::Internal && response.extensions().get::<ErrorKind>().is_none() {
        tracing::error!(%status, "error response without a page");
    }
    let page = ErrorPage::new(shell::for_uri(locale, &uri), kind, request_id.as_deref());
    let mut out = match askama::Template::render(&page) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "error page failed to render");
            status.into_response()
        }
    };
    // Keep headers such as Allow (405) and Retry-After.
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// An HTML or JSON (problem) body is already meant for its reader.
fn has_own_page(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.contains("json"))
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(str::to_owned)
}
