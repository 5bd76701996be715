//! Server-side sessions, stored in the database so they survive restarts and work with
//! several server processes. The web layer's session store calls these.
//!
//! Expiry is decided on the session library's clock (the system clock), passed in as `now`,
//! because that library computes the expiry dates; the 12-hour sign-in limit is checked on
//! the services' clock by the web layer.

use chrono::{DateTime, Utc};
use store::repo::sign_in;

use crate::{Ctx, ServiceResult};

/// The data and expiry of a live session.
pub async fn load(
    ctx: &Ctx,
    id: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Option<(String, DateTime<Utc>)>> {
    Ok(sign_in::load_session(ctx.store.conn(), id, now).await?)
}

/// Whether the id is taken (live or expired).
pub async fn exists(ctx: &Ctx, id: &str) -> ServiceResult<bool> {
    Ok(sign_in::session_exists(ctx.store.conn(), id).await?)
}

/// Stores a session. Writes go through the store's writer like every other write, so that
/// on SQLite they take their turn (and share a commit) instead of contending for the lock.
pub async fn save(ctx: &Ctx, id: &str, data: &str, expires_at: DateTime<Utc>) -> ServiceResult<()> {
    let tx = ctx.store.begin_write().await?;
    sign_in::save_session(&tx, id, data, expires_at).await?;
    Ok(tx.commit().await?)
}

/// Ends a session.
pub async fn delete(ctx: &Ctx, id: &str) -> ServiceResult<()> {
    let tx = ctx.store.begin_write().await?;
    sign_in::delete_session(&tx, id).await?;
    Ok(tx.commit().await?)
}

/// Removes expired sessions (a periodic job).
pub async fn purge_expired(ctx: &Ctx, now: DateTime<Utc>) -> ServiceResult<u64> {
    let tx = ctx.store.begin_write().await?;
    let purged = sign_in::delete_expired_sessions(&tx, now).await?;
    tx.commit().await?;
    Ok(purged)
}
