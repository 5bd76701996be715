//! `/healthz` (the process lives) and `/readyz` (and can reach its database).

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::RawBody;

/// `GET /healthz`: answers as long as the process serves HTTP.
pub async fn live() -> Response {
    ([(CONTENT_TYPE, "text/plain; charset=utf-8")], "ok\n").into_response()
}

/// `GET /readyz`: 200 when the database answers, 503 otherwise.
pub async fn ready(State(state): State<AppState>) -> Response {
    match services::health::check_ready(&state.ctx).await {
        Ok(()) => ([(CONTENT_TYPE, "text/plain; charset=utf-8")], "ready\n").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            let mut response = (
                StatusCode::SERVICE_UNAVAILABLE,
                [(CONTENT_TYPE, "text/plain; charset=utf-8")],
                "database unreachable\n",
            )
                .into_response();
            response.extensions_mut().insert(RawBody);
            response
        }
    }
}
