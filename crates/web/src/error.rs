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
#[derive(thiserror::Error)]
pub enum AppError {
    /// No such page or record.
    #[error("not found")]
    NotFound,
    /// A malformed request (query, path, form) that no service saw.
    #[error("bad request")]
    BadRequest,
    /// A state-changing request without a valid CSRF token or from another site.
    #[error("CSRF check failed")]
    CsrfRejected,
    /// The body exceeds the limit.
    #[error("request body too large")]
    TooLarge,
    /// The page needs a signed-in account; carries the path to return to.
    #[error("sign-in required")]
    SignInRequired(String),
    /// The session store failed.
    #[error("session: {0}")]
    Session(String),
    /// A use case failed.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// A form submission failed: validation errors and rate limits re-render the form (with
    /// what the user typed, which the closure holds) instead of showing an error page.
    #[error("form: {error}")]
    Form {
        /// Why.
        error: ServiceError,
        /// Renders the form again with these errors and an optional notice.
        rerender: FormRerender,
    },
}

/// Renders a form again, given field errors and a notice (both as message keys).
pub type FormRerender = Box<
    dyn FnOnce(&[services::FieldError], Option<Notice>) -> Result<String, askama::Error> + Send,
>;

/// A message above a form that belongs to no field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Too many attempts; try again after this many minutes.
    RateLimited {
        /// Minutes to wait, rounded up.
        minutes: u64,
    },
}

impl AppError {
    /// A session-store failure.
    pub fn session(err: impl std::fmt::Display) -> Self {
        AppError::Session(err.to_string())
    }

    /// Wraps a form's service error with the way to show the form again.
    pub fn form(
        error: ServiceError,
        rerender: impl FnOnce(&[services::FieldError], Option<Notice>) -> Result<String, askama::Error>
        + Send
        + 'static,
    ) -> Self {
        AppError::Form {
            error,
            rerender: Box::new(rerender),
        }
    }
}

impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Form { error, .. } => write!(f, "Form({error:?})"),
            other => write!(f, "{other}"),
        }
    }
}

/// Marks a response whose body must reach the client unchanged (health checks, APIs).
#[derive(Clone, Copy, Debug)]
pub struct RawBody;

impl AppError {
    fn kind(&self) -> ErrorKind {
        match self {
            AppError::Form { error, .. } | AppError::Service(error) => service_kind(error),
            AppError::NotFound => ErrorKind::NotFound,
            AppError::BadRequest => ErrorKind::BadRequest,
            AppError::CsrfRejected => ErrorKind::Expired,
            AppError::TooLarge => ErrorKind::TooLarge,
            AppError::Session(_) => ErrorKind::Internal,
            AppError::SignInRequired(_) => ErrorKind::Forbidden,
        }
    }
}

fn service_kind(error: &ServiceError) -> ErrorKind {
    match error {
        ServiceError::NotFound => ErrorKind::NotFound,
        ServiceError::Validation(_) => ErrorKind::BadRequest,
        ServiceError::Forbidden => ErrorKind::Forbidden,
        ServiceError::RateLimited { .. } => ErrorKind::TooManyRequests,
        ServiceError::Conflict(_) => ErrorKind::Conflict,
        ServiceError::Internal(_) => ErrorKind::Internal,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let kind = self.kind();
        match self {
            AppError::Service(ServiceError::Internal(err))
            | AppError::Form {
                error: ServiceError::Internal(err),
                ..
            } => {
                // The span of the request carries its id, so the log line and the page match.
                tracing::error!(error = ?err, "internal error");
            }
            AppError::Session(msg) => tracing::error!(error = %msg, "session store"),
            AppError::Form { error, rerender } => return form_response(error, rerender),
            AppError::SignInRequired(next) => {
                let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
                return axum::response::Redirect::to(&format!("/inloggen?next={next}"))
                    .into_response();
            }
            _ => {}
        }
        let mut response = status_of(kind).into_response();
        response.extensions_mut().insert(kind);
        response
    }
}

/// A form shown again: 422 with the field errors, or 429 with `Retry-After`.
fn form_response(error: ServiceError, rerender: FormRerender) -> Response {
    let (status, errors, notice, retry_after) = match error {
        ServiceError::Validation(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None, None),
        ServiceError::RateLimited { retry_after_secs } => (
            StatusCode::TOO_MANY_REQUESTS,
            Vec::new(),
            Some(Notice::RateLimited {
                minutes: retry_after_secs.div_ceil(60),
            }),
            Some(retry_after_secs),
        ),
        other => return AppError::Service(other).into_response(),
    };
    let mut response = match rerender(&errors, notice) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "form failed to render");
            return AppError::Service(ServiceError::Internal(err.into())).into_response();
        }
    };
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::Forbidden | ErrorKind::Expired => StatusCode::FORBIDDEN,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorKind::Timeout => StatusCode::REQUEST_TIMEOUT,
        ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Conflict => StatusCode::CONFLICT,
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
        StatusCode::TOO_MANY_REQUESTS => ErrorKind::TooManyRequests,
        StatusCode::CONFLICT => ErrorKind::Conflict,
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
