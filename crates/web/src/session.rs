//! Server-side sessions: tower-sessions with a store in our own database (through
//! `services::sessions`), so sessions survive restarts and work across processes.
//!
//! Sessions end after 30 idle minutes (cookie and record expiry, renewed on use) and, for a
//! signed-in account, 12 hours after sign-in at most (checked by `auth::CurrentUser`).

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use services::Ctx;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::{Expiry, SessionManagerLayer, SessionStore};

/// The session cookie's name.
pub const COOKIE_NAME: &str = "buurtagenda_session";

/// Idle minutes after which a session ends.
pub const IDLE_MINUTES: i64 = 30;

/// Sessions kept in the product's database.
#[derive(Clone)]
pub struct DbSessionStore {
    ctx: Ctx,
}

impl fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbSessionStore")
    }
}

impl DbSessionStore {
    /// A store on the services' context.
    pub fn new(ctx: Ctx) -> Self {
        DbSessionStore { ctx }
    }
}

fn backend(err: impl fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

fn to_chrono(t: OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), 0).unwrap_or_default()
}

fn to_offset(t: DateTime<Utc>) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(t.timestamp()).map_err(backend)
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        while services::sessions::exists(&self.ctx, &record.id.to_string())
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        services::sessions::save(
            &self.ctx,
            &record.id.to_string(),
            &data,
            to_chrono(record.expiry_date),
        )
        .await
        .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = to_chrono(OffsetDateTime::now_utc());
        let Some((data, expires_at)) = services::sessions::load(&self.ctx, &id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: to_offset(expires_at)?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        services::sessions::delete(&self.ctx, &id.to_string())
            .await
            .map_err(backend)
    }
}

/// The session layer: `HttpOnly`, `SameSite=Lax`, `Secure` under https, 30 idle minutes.
pub fn layer(ctx: Ctx, https: bool) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(ctx))
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(https)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(Duration::minutes(IDLE_MINUTES)))
}
