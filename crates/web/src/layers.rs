//! The middleware stack every route runs through, outermost first: request id, tracing,
//! security headers, error pages, session, CSRF check (reads form bodies up to the limit),
//! timeout, body limit (`WebConfig::body_limit_for`: larger on the upload routes).

use std::borrow::Cow;
use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower::{Layer, ServiceBuilder, ServiceExt};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::AppState;
use crate::{csrf, error, session};

/// Scripts, styles, fonts and images only from this origin; no inline code; no framing.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     worker-src 'self'; manifest-src 'self'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Wraps `routes` in the standard stack.
pub fn apply(routes: Router<AppState>, state: &AppState) -> Router<AppState> {
    let timeout = state.config.request_timeout;
    routes.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(make_span)
                    .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
            .layer(middleware::from_fn_with_state(
                state.clone(),
                security_headers,
            ))
            .layer(middleware::from_fn(error::error_pages))
            .layer(session::layer(state.ctx.clone(), state.config.https))
            .layer(middleware::from_fn_with_state(state.clone(), csrf::protect))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                clamp_timeout(timeout),
            ))
            .layer(middleware::from_fn_with_state(state.clone(), body_limit)),
    )
}

/// Middleware: the body limit of the request's route (`WebConfig::body_limit_for`). A body
/// declared larger is refused with 413 before it is read; one that turns out larger stops
/// being read at the limit, so no more than the limit is ever buffered.
async fn body_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config.body_limit_for(request.uri().path());
    let inner = tower::service_fn(move |request: Request<_>| {
        let next = next.clone();
        async move { Ok::<_, Infallible>(next.run(request.map(Body::new)).await) }
    });
    match RequestBodyLimitLayer::new(limit)
        .layer(inner)
        .oneshot(request)
        .await
    {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn clamp_timeout(timeout: Duration) -> Duration {
    timeout.max(Duration::from_millis(1))
}

fn make_span(request: &Request) -> tracing::Span {
    let request_id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %request.method(),
        // The path only: a query may carry a secret (`/stemmen?code=` from a vote card).
        path = %loggable_path(request.uri().path()),
    )
}

/// Paths that end in the token of a one-time link (password reset, invitation).
const SECRET_PATHS: [&str; 2] = ["/wachtwoord-herstellen/", "/uitnodiging/"];

/// The path as logged: a one-time link's token is replaced by `***`, so that whoever reads
/// the logs cannot use it.
fn loggable_path(path: &str) -> Cow<'_, str> {
    SECRET_PATHS
        .iter()
        .find(|prefix| path.starts_with(*prefix))
        .map_or(Cow::Borrowed(path), |prefix| {
            Cow::Owned(format!("{prefix}***"))
        })
}

/// Adds the security headers to every response.
async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY_VALUE,
    );
    set(headers, X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, REFERRER_POLICY, "same-origin");
    set(headers, X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()",
    );
    if state.config.https {
        set(
            headers,
            STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    // Nothing is kept by a browser or proxy unless its handler says so: pages for a
    // signed-in visitor, reset and invitation links, vote codes and exports carry personal
    // data or credentials. Public pages opt into `no-cache` (`html::public_page`), assets
    // into `immutable`; an answer that sets a cookie is never kept.
    if !headers.contains_key(CACHE_CONTROL) || headers.contains_key(SET_COOKIE) {
        set(headers, CACHE_CONTROL, "no-store");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn one_time_tokens_stay_out_of_the_logs() {
        assert_eq!(
            loggable_path("/wachtwoord-herstellen/abc123"),
            "/wachtwoord-herstellen/***"
        );
        assert_eq!(loggable_path("/uitnodiging/abc123"), "/uitnodiging/***");
        assert_eq!(loggable_path("/beheer/berichten"), "/beheer/berichten");
    }

    // meeting (public)
    #[test]
    fn vote_codes_in_the_query_stay_out_of_the_logs() {
        let uri: axum::http::Uri = "/stemmen?code=ABCDE-FGHJK".parse().unwrap();
        assert_eq!(loggable_path(uri.path()), "/stemmen");
    }
}
