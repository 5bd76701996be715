//! Limits that hold under concurrency and across several servers on one database: an
//! attempt is claimed (counted) in a write transaction before it is evaluated, and the
//! transactions that count one key take turns (`take_turns`), so that attempts sent at the
//! same moment cannot all see the count from before any of them.
//!
//! The `limit_claim` table holds the claims of the limits on anonymous forms (wrong vote
//! codes, residents' reports); sign-in attempts have their own table (`repo::sign_in`).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Statement,
};
use sha2::{Digest, Sha256};

use crate::entity::limit_claim;
use crate::error::DbResult;

/// Within the write transaction `tx`: every other transaction that names one of `keys`
/// waits until `tx` ends.
///
/// On PostgreSQL a transaction-scoped advisory lock per key (`pg_advisory_xact_lock`, on 64
/// bits of the key's SHA-256, so every server computes the same number), taken in ascending
/// order so that two transactions never wait for each other in a circle. Two keys sharing a
/// number only take turns needlessly. On SQLite a write transaction (`Store::begin_write`,
/// `BEGIN IMMEDIATE`) holds the whole database already: nothing to do.
pub async fn take_turns(tx: &crate::Tx, keys: &[&str]) -> DbResult<()> {
    if tx.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let mut numbers: Vec<i64> = keys.iter().map(|key| lock_number(key)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    for number in numbers {
        tx.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [number.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The advisory-lock number of `key`: its SHA-256, first 8 bytes.
fn lock_number(key: &str) -> i64 {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0_u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

/// The answer to a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Counted: the attempt may go ahead.
    Granted,
    /// The limit is reached; nothing was counted. The window frees up when the claim made
    /// at `oldest` leaves it.
    Refused {
        /// The oldest claim in the window.
        oldest: DateTime<Utc>,
    },
}

/// Claims one attempt of `subject` (a network address) against the limit `scope`: granted
/// and counted when fewer than `most` claims were made since `since`, else refused and not
/// counted. Takes turns with every other claim of the same scope and subject until `tx`
/// ends.
pub async fn claim(
    tx: &crate::Tx,
    scope: &str,
    subject: &str,
    at: DateTime<Utc>,
    since: DateTime<Utc>,
    most: u64,
) -> DbResult<Claim> {
    take_turns(tx, &[&format!("limit:{scope}:{subject}")]).await?;
    let answer = peek(tx, scope, subject, at, since, most).await?;
    if answer == Claim::Granted {
        let row = limit_claim::ActiveModel {
            scope: Set(scope.to_owned()),
            subject: Set(subject.to_owned()),
            at: Set(at),
            ..Default::default()
        };
        super::insert_returning_id(tx, row).await?;
    }
    Ok(answer)
}

/// What `claim` would answer now, without counting anything or taking turns: a cheap look
/// before the work of an attempt. Only `claim` decides.
pub async fn peek(
    conn: &impl ConnectionTrait,
    scope: &str,
    subject: &str,
    at: DateTime<Utc>,
    since: DateTime<Utc>,
    most: u64,
) -> DbResult<Claim> {
    let in_window = limit_claim::Entity::find()
        .filter(limit_claim::Column::Scope.eq(scope))
        .filter(limit_claim::Column::Subject.eq(subject))
        .filter(limit_claim::Column::At.gte(since));
    if in_window.clone().count(conn).await? < most {
        return Ok(Claim::Granted);
    }
    let oldest = in_window
        .order_by_asc(limit_claim::Column::At)
        .one(conn)
        .await?
        .map_or(at, |row| row.at);
    Ok(Claim::Refused { oldest })
}

/// Removes claims older than `before` (network addresses are personal data kept one day).
pub async fn purge(conn: &impl ConnectionTrait, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(limit_claim::Entity::delete_many()
        .filter(limit_claim::Column::At.lt(before))
        .exec(conn)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_numbers_are_stable_and_differ_per_key() {
        // The same on every server and in every version: a changed number would let two
        // servers of different versions count one key at once.
        assert_eq!(lock_number("limit:a:b"), lock_number("limit:a:b"));
        assert_ne!(lock_number("limit:a:b"), lock_number("limit:a:c"));
        assert_eq!(
            lock_number(""),
            i64::from_be_bytes([0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14])
        );
    }
}
