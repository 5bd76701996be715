//! Isolated PostgreSQL schemas: one database server, many independent copies of the schema.
//! Tests use it so that they run in parallel; it is also how a trial installation can sit
//! beside production on one server.

use sea_orm::{ConnectionTrait, Database};

use crate::error::DbResult;
use crate::{DbError, url};

/// Creates the schema `name` (letters, digits, underscores) in the database at `base_url`
/// and returns a URL whose connections work inside it.
pub async fn create_pg_schema(base_url: &str, name: &str) -> DbResult<String> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(DbError::Misconfigured(format!(
            "invalid schema name {name:?}"
        )));
    }
    let db = Database::connect(base_url)
        .await
        .map_err(|e| DbError::Unreachable {
            target: url::pg_target(base_url),
            reason: e.to_string(),
        })?;
    db.execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS \"{name}\""))
        .await?;
    db.close().await?;
    let separator = if base_url.contains('?') { '&' } else { '?' };
    Ok(format!(
        "{base_url}{separator}options=-c%20search_path%3D{name}"
    ))
}

/// Drops the schema `name` and everything in it.
pub async fn drop_pg_schema(base_url: &str, name: &str) -> DbResult<()> {
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(DbError::Misconfigured(format!(
            "invalid schema name {name:?}"
        )));
    }
    let db = Database::connect(base_url).await?;
    db.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE"))
        .await?;
    db.close().await?;
    Ok(())
}
