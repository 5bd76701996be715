//! Routes that misbehave on purpose, merged into a `TestApp` to test error pages, timeouts
//! and graceful shutdown under the real middleware.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    misbehaving_counted(Arc::default())
}

/// As `misbehaving`, counting in `slow_started` the requests that reached `/test/slow`, so a
/// test can wait until one is really in flight.
pub fn misbehaving_counted(slow_started: Arc<AtomicUsize>) -> Router<AppState> {
    Router::new()
        .route(
            "/test/fail",
            get(|| async { AppError::from(ServiceError::Internal(anyhow::anyhow!("boom"))) }),
        )
        .route(
            "/test/slow",
            get(move || async move {
                slow_started.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(SLOW).await;
                "done"
            }),
        )
}
