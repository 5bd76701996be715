//! One-time tokens (invitation and password-reset links) and the password they let a person
//! set. Only the SHA-256 hash of a token is stored; the token itself is in the mail alone.

use chrono::{DateTime, Utc};
use domain::{MunicipalityId, OrganisationId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::entity::{account, municipality, one_time_token, organisation};
use crate::error::{DbError, DbResult};

/// A stored token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRecord {
    /// Key.
    pub id: i64,
    /// The account it is for.
    pub account: UserId,
    /// `invitation` or `password-reset`.
    pub purpose: String,
    /// After this moment the link no longer works.
    pub expires_at: DateTime<Utc>,
    /// When it was redeemed (or retired), if so.
    pub used_at: Option<DateTime<Utc>>,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
}

impl From<one_time_token::Model> for TokenRecord {
    fn from(row: one_time_token::Model) -> Self {
        TokenRecord {
            id: row.id,
            account: UserId(row.account_id),
            purpose: row.purpose,
            expires_at: row.expires_at,
            used_at: row.used_at,
            created_at: row.created_at,
        }
    }
}

/// Stores a new token by its hash.
pub async fn insert(
    conn: &impl ConnectionTrait,
    account: UserId,
    purpose: &str,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    let row = one_time_token::ActiveModel {
        account_id: Set(account.get()),
        purpose: Set(purpose.to_owned()),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await
}

/// The token with this hash and purpose, used or not.
pub async fn find(
    conn: &impl ConnectionTrait,
    purpose: &str,
    token_hash: &str,
) -> DbResult<Option<TokenRecord>> {
    Ok(one_time_token::Entity::find()
        .filter(one_time_token::Column::TokenHash.eq(token_hash))
        .filter(one_time_token::Column::Purpose.eq(purpose))
        .one(conn)
        .await?
        .map(TokenRecord::from))
}

/// Marks the token used if nobody did before; `false` means it was already used (a second
/// click, or two tabs racing).
pub async fn redeem(conn: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> DbResult<bool> {
    let result = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::Id.eq(id))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Retires every unused token of the account with this purpose (after one was redeemed).
pub async fn retire_all(
    conn: &impl ConnectionTrait,
    account: UserId,
    purpose: &str,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::AccountId.eq(account.get()))
        .filter(one_time_token::Column::Purpose.eq(purpose))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?
        .rows_affected)
}

/// How many tokens with this purpose the account was issued since `since` (a rate limit).
pub async fn issued_since(
    conn: &impl ConnectionTrait,
    account: UserId,
    purpose: &str,
    since: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(one_time_token::Entity::find()
        .filter(one_time_token::Column::AccountId.eq(account.get()))
        .filter(one_time_token::Column::Purpose.eq(purpose))
        .filter(one_time_token::Column::CreatedAt.gte(since))
        .count(conn)
        .await?)
}

/// Deletes tokens that expired before `before`; returns how many.
pub async fn purge_expired(conn: &impl ConnectionTrait, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(one_time_token::Entity::delete_many()
        .filter(one_time_token::Column::ExpiresAt.lt(before))
        .exec(conn)
        .await?
        .rows_affected)
}

/// Sets the password hash of an account: the only way a password changes after the account
/// was made is by redeeming a token.
pub async fn set_password_hash(
    conn: &impl ConnectionTrait,
    account: UserId,
    password_hash: &str,
) -> DbResult<()> {
    let result = account::Entity::update_many()
        .col_expr(
            account::Column::PasswordHash,
            Expr::value(password_hash.to_owned()),
        )
        .filter(account::Column::Id.eq(account.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(DbError::Conflict(format!(
            "account {account} does not exist"
        )))
    }
}

/// The name of a municipality, for the invitation mail.
pub async fn municipality_name(
    conn: &impl ConnectionTrait,
    id: MunicipalityId,
) -> DbResult<Option<String>> {
    Ok(municipality::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .map(|row| row.name))
}

/// Whether the organisation exists in this municipality (an invitation may name the
/// employer; it must be a partner of the same municipality).
pub async fn organisation_in(
    conn: &impl ConnectionTrait,
    id: OrganisationId,
    municipality: MunicipalityId,
) -> DbResult<bool> {
    Ok(organisation::Entity::find_by_id(id.get())
        .one(conn)
        .await?
        .is_some_and(|row| row.municipality_id == municipality.get()))
}
