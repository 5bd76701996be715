//! Routes that misbehave on purpose, merged into a `TestApp` to test error pages, timeouts
//! and graceful shutdown under the real middleware.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use services::ServiceError;
use web::AppState;
use web::error::AppError;

/// How long `/test/slow` takes.
pub const SLOW: Duration = Duration::from_millis(600);

/// `/test/fail` answers with an internal error; `/test/slow` answers "done" after `SLOW`.
pub fn misbehaving() -> Router<AppState> {
    Router::new()
        .route(
            "/test/fail",
            get(|| async { AppError::from(ServiceError::Internal(anyhow::anyhow!("boom"))) }),
        )
        .route(
            "/test/slow",
            get(|| async {
                tokio::time::sleep(SLOW).await;
                "done"
            }),
        )
}
