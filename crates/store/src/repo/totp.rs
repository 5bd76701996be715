//! The second factor of an account (TOTP): its secret, when it was switched on, and the last
//! time step accepted.
//!
//! These columns are deliberately not in the `account` entity model, whose `Debug` output
//! may reach logs: the secret is read and written only here, and `TotpState` never prints it.

use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::account;
use crate::error::{DbError, DbResult};

const SECRET: &str = "totp_secret";
const ENABLED_AT: &str = "totp_enabled_at";
const LAST_STEP: &str = "totp_last_step";

/// The second-factor state of an account.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TotpState {
    /// The shared secret (base32), while the second factor is on.
    pub secret: Option<String>,
    /// When it was switched on.
    pub enabled_at: Option<DateTime<Utc>>,
    /// The last time step whose code was accepted (codes of this or earlier steps are refused).
    pub last_step: Option<i64>,
}

impl TotpState {
    /// Whether the account has a second factor.
    pub fn enabled(&self) -> bool {
        self.secret.is_some() && self.enabled_at.is_some()
    }
}

impl std::fmt::Debug for TotpState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpState")
            .field("secret", &self.secret.as_ref().map(|_| "***"))
            .field("enabled_at", &self.enabled_at)
            .field("last_step", &self.last_step)
            .finish()
    }
}

/// The state of the account, `None` if there is no such account.
pub async fn state(conn: &impl ConnectionTrait, id: UserId) -> DbResult<Option<TotpState>> {
    let row = account::Entity::find()
        .select_only()
        .column_as(Expr::col(Alias::new(SECRET)), SECRET)
        .column_as(Expr::col(Alias::new(ENABLED_AT)), ENABLED_AT)
        .column_as(Expr::col(Alias::new(LAST_STEP)), LAST_STEP)
        .filter(account::Column::Id.eq(id.get()))
        .into_tuple::<(Option<String>, Option<DateTime<Utc>>, Option<i64>)>()
        .one(conn)
        .await?;
    Ok(row.map(|(secret, enabled_at, last_step)| TotpState {
        secret,
        enabled_at,
        last_step,
    }))
}

/// Switches the second factor on with `secret`, noting `step` (the step of the code that
/// confirmed it) as used.
pub async fn enable(
    conn: &impl ConnectionTrait,
    id: UserId,
    secret: &str,
    step: i64,
    now: DateTime<Utc>,
) -> DbResult<()> {
    account::Entity::update_many()
        .col_expr(Alias::new(SECRET), Expr::value(secret.to_owned()))
        .col_expr(Alias::new(ENABLED_AT), Expr::value(now))
        .col_expr(Alias::new(LAST_STEP), Expr::value(step))
        .filter(account::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Switches the second factor off and forgets the secret.
pub async fn disable(conn: &impl ConnectionTrait, id: UserId) -> DbResult<()> {
    account::Entity::update_many()
        .col_expr(Alias::new(SECRET), Expr::value(Option::<String>::None))
        .col_expr(
            Alias::new(ENABLED_AT),
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Alias::new(LAST_STEP), Expr::value(Option::<i64>::None))
        .filter(account::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Notes `step` as used if no later or equal step was used before, in one statement; `false`
/// means the code was already used (a replay, or two requests racing).
pub async fn claim_step(conn: &impl ConnectionTrait, id: UserId, step: i64) -> DbResult<bool> {
    let last = Expr::col(Alias::new(LAST_STEP));
    let result = account::Entity::update_many()
        .col_expr(Alias::new(LAST_STEP), Expr::value(step))
        .filter(account::Column::Id.eq(id.get()))
        .filter(last.clone().is_null().or(last.lt(step)))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(result.rows_affected == 1)
}

/// The accounts of `municipality` that have a second factor.
pub async fn enabled_in(
    conn: &impl ConnectionTrait,
    municipality: domain::MunicipalityId,
) -> DbResult<std::collections::HashSet<UserId>> {
    let ids = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::MunicipalityId.eq(municipality.get()))
        .filter(Expr::col(Alias::new(SECRET)).is_not_null())
        .filter(Expr::col(Alias::new(ENABLED_AT)).is_not_null())
        .into_tuple::<i64>()
        .all(conn)
        .await?;
    Ok(ids.into_iter().map(UserId).collect())
}
