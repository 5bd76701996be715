//! Sign-in attempts (for rate limits) and server-side sessions.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::entity::{session, sign_in_attempt};
use crate::error::{DbError, DbResult};

/// Records an attempt to sign in as `email` from `ip`.
pub async fn record_attempt(
    conn: &impl ConnectionTrait,
    email: &str,
    ip: &str,
    at: DateTime<Utc>,
    succeeded: bool,
) -> DbResult<()> {
    let row = sign_in_attempt::ActiveModel {
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        at: Set(at),
        succeeded: Set(succeeded),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await?;
    Ok(())
}

/// Failed attempts for `email` since `since`.
pub async fn failures_for_email(
    conn: &impl ConnectionTrait,
    email: &str,
    since: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Email.eq(email))
        .filter(sign_in_attempt::Column::At.gte(since))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .count(conn)
        .await?)
}

/// Failed attempts from `ip` since `since`.
pub async fn failures_from_ip(
    conn: &impl ConnectionTrait,
    ip: &str,
    since: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Ip.eq(ip))
        .filter(sign_in_attempt::Column::At.gte(since))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .count(conn)
        .await?)
}

/// The oldest failure for `email` or from `ip` since `since` (when the window frees up).
pub async fn oldest_failure(
    conn: &impl ConnectionTrait,
    email: Option<&str>,
    ip: Option<&str>,
    since: DateTime<Utc>,
) -> DbResult<Option<DateTime<Utc>>> {
    use sea_orm::QueryOrder;
    let mut query = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::At.gte(since))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .order_by_asc(sign_in_attempt::Column::At);
    if let Some(email) = email {
        query = query.filter(sign_in_attempt::Column::Email.eq(email));
    }
    if let Some(ip) = ip {
        query = query.filter(sign_in_attempt::Column::Ip.eq(ip));
    }
    Ok(query.one(conn).await?.map(|row| row.at))
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
