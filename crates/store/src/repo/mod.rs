//! Repositories: one module per aggregate, each function one query or a short sequence of
//! queries, mapping rows to `domain` types. They take any connection so that services choose
//! the transaction.

pub mod accounts;
pub mod addresses;
pub mod agenda;
pub mod agreements;
pub mod audit;
pub mod boundaries;
pub mod concerns;
pub mod cycles;
pub mod escalations;
pub mod groups;
pub mod limits;
pub mod mail;
pub mod meetings;
pub mod orgs;
pub mod outreach;
pub mod places;
pub mod priorities;
pub mod public_version;
pub mod routing;
pub mod sign_in;
pub mod structure;
pub mod teams;
pub mod tokens;
pub mod totp;
pub mod votes;

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    PrimaryKeyTrait,
};

use crate::error::{DbError, DbResult};

/// Inserts a row whose key is an auto-incremented `i64` and returns that key, with
/// constraint violations reported as `DbError::Conflict`.
pub(crate) async fn insert_returning_id<A>(conn: &impl ConnectionTrait, row: A) -> DbResult<i64>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    <<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: Into<i64>,
{
    let inserted = <A::Entity as EntityTrait>::insert(row)
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(inserted.last_insert_id.into())
}
