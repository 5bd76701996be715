//! Routes that misbehave on purpose, merged into a `TestApp` to test error pages, timeouts,
//! graceful shutdown and a write refused at commit under the real middleware.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use sea_orm::ConnectionTrait;
use services::ServiceError;
use web::AppState;
use web::error::AppError;

/// How long `/test/slow` takes.
pub const SLOW: Duration = Duration::from_millis(600);

/// `/test/fail` answers with an internal error; `/test/slow` answers "done" after `SLOW`;
/// `/test/conflict-at-commit` writes a row whose (deferred) foreign key fails only when the
/// transaction commits.
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
        .route("/test/conflict-at-commit", get(conflict_at_commit))
        .route(
            "/test/slow",
            get(move || async move {
                slow_started.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(SLOW).await;
                "done"
            }),
        )
}

/// Writes an orphan into a table whose foreign key is checked at commit, through the store's
/// own transaction, and answers as a handler does: the error the commit gives, mapped by the
/// one rule (`DbError` -> `ServiceError` -> `AppError`).
async fn conflict_at_commit(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<&'static str, AppError> {
    let store = &state.ctx.store;
    for statement in [
        "CREATE TABLE IF NOT EXISTS t_parent (id INTEGER PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS t_child (id INTEGER PRIMARY KEY, parent INTEGER \
         REFERENCES t_parent (id) DEFERRABLE INITIALLY DEFERRED)",
    ] {
        store
            .conn()
            .execute_unprepared(statement)
            .await
            .map_err(|e| ServiceError::Internal(e.into()))?;
    }
    let tx = store.begin_write().await.map_err(ServiceError::from)?;
    tx.execute_unprepared("INSERT INTO t_child (id, parent) VALUES (1, 99)")
        .await
        .map_err(|e| ServiceError::Internal(e.into()))?;
    tx.commit().await.map_err(ServiceError::from)?;
    Ok("stored")
}
