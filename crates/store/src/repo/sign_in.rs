//! Sign-in attempts (for rate limits) and server-side sessions.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::entity::{session, sign_in_attempt};
use crate::error::{DbError, DbResult};

/// The limits a sign-in attempt is claimed against.
#[derive(Clone, Copy, Debug)]
pub struct AttemptLimits {
    /// The start of the window.
    pub since: DateTime<Utc>,
    /// Failures (and attempts not yet settled) per address in the window, at most.
    pub per_email: u64,
    /// Failures (and attempts not yet settled) per network address in the window, at most.
    pub per_ip: u64,
}

/// The answer to `claim_attempt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptClaim {
    /// Counted as a failure until `settle_success`; this is its id.
    Claimed(i64),
    /// Over a limit; nothing was counted. The window frees up when the failure made at
    /// `oldest` leaves it.
    Refused {
        /// The oldest failure that counts against the limit reached.
        oldest: DateTime<Utc>,
    },
}

/// Claims an attempt to sign in as `email` from `ip`, before the password or code is
/// checked: refused when `email` or `ip` already has `limits` failures in the window, else
/// recorded as a failure (settled by `settle_success` when it turns out right). Takes turns
/// with every other claim for the same address or network address until `tx` ends, so
/// attempts sent together are counted one after the other, also across servers.
pub async fn claim_attempt(
    tx: &crate::Tx,
    email: &str,
    ip: &str,
    at: DateTime<Utc>,
    limits: AttemptLimits,
) -> DbResult<AttemptClaim> {
    super::limits::take_turns(
        tx,
        &[
            &format!("sign-in:email:{email}"),
            &format!("sign-in:ip:{ip}"),
        ],
    )
    .await?;
    let by_email = failures(Some(email), None, limits.since);
    let by_ip = failures(None, Some(ip), limits.since);
    let limited_by = if by_email.clone().count(tx).await? >= limits.per_email {
        Some(by_email)
    } else if by_ip.clone().count(tx).await? >= limits.per_ip {
        Some(by_ip)
    } else {
        None
    };
    if let Some(query) = limited_by {
        let oldest = query
            .order_by_asc(sign_in_attempt::Column::At)
            .one(tx)
            .await?
            .map_or(at, |row| row.at);
        return Ok(AttemptClaim::Refused { oldest });
    }
    let row = sign_in_attempt::ActiveModel {
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        at: Set(at),
        succeeded: Set(false),
        ..Default::default()
    };
    Ok(AttemptClaim::Claimed(
        super::insert_returning_id(tx, row).await?,
    ))
}

/// Marks the claimed attempt `id` as succeeded: it no longer counts as a failure.
pub async fn settle_success(conn: &impl ConnectionTrait, id: i64) -> DbResult<()> {
    sign_in_attempt::Entity::update_many()
        .col_expr(sign_in_attempt::Column::Succeeded, Expr::value(true))
        .filter(sign_in_attempt::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Whether each attempt for `email` since `since` succeeded, in the order they were claimed.
pub async fn attempts_for(
    conn: &impl ConnectionTrait,
    email: &str,
    since: DateTime<Utc>,
) -> DbResult<Vec<bool>> {
    Ok(sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Email.eq(email))
        .filter(sign_in_attempt::Column::At.gte(since))
        .order_by_asc(sign_in_attempt::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.succeeded)
        .collect())
}

/// Failures for `email` or from `ip` since `since`.
fn failures(
    email: Option<&str>,
    ip: Option<&str>,
    since: DateTime<Utc>,
) -> sea_orm::Select<sign_in_attempt::Entity> {
    let mut query = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::At.gte(since))
        .filter(sign_in_attempt::Column::Succeeded.eq(false));
    if let Some(email) = email {
        query = query.filter(sign_in_attempt::Column::Email.eq(email));
    }
    if let Some(ip) = ip {
        query = query.filter(sign_in_attempt::Column::Ip.eq(ip));
    }
    query
}

/// Removes attempts older than `before` (they are personal data kept one day).
pub async fn purge_attempts(conn: &impl ConnectionTrait, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(sign_in_attempt::Entity::delete_many()
        .filter(sign_in_attempt::Column::At.lt(before))
        .exec(conn)
        .await?
        .rows_affected)
}

/// A stored session: its data (JSON) and expiry.
pub async fn load_session(
    conn: &impl ConnectionTrait,
    id: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<(String, DateTime<Utc>)>> {
    Ok(session::Entity::find_by_id(id.to_owned())
        .filter(session::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?
        .map(|row| (row.data, row.expires_at)))
}

/// Inserts or replaces a session.
pub async fn save_session(
    conn: &impl ConnectionTrait,
    id: &str,
    data: &str,
    expires_at: DateTime<Utc>,
) -> DbResult<()> {
    let row = session::ActiveModel {
        id: Set(id.to_owned()),
        data: Set(data.to_owned()),
        expires_at: Set(expires_at),
    };
    session::Entity::insert(row)
        .on_conflict(
            OnConflict::column(session::Column::Id)
                .update_columns([session::Column::Data, session::Column::ExpiresAt])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Whether a session with this id exists (expired or not), to avoid id collisions.
pub async fn session_exists(conn: &impl ConnectionTrait, id: &str) -> DbResult<bool> {
    Ok(session::Entity::find_by_id(id.to_owned())
        .one(conn)
        .await?
        .is_some())
}

/// Deletes a session.
pub async fn delete_session(conn: &impl ConnectionTrait, id: &str) -> DbResult<()> {
    session::Entity::delete_by_id(id.to_owned())
        .exec(conn)
        .await?;
    Ok(())
}

/// Deletes expired sessions; returns how many.
pub async fn delete_expired_sessions(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now))
        .exec(conn)
        .await?
        .rows_affected)
}
