//! The second factor: time-based one-time codes (TOTP, RFC 6238; SHA-1, 6 digits, 30-second
//! steps, one step of clock skew either way), computed by the `totp-rs` crate.
//!
//! Enrolment is two steps: `begin_enrolment` makes a secret that the caller keeps (the web
//! layer in the session) until `confirm_enrolment` receives a correct code for it; only then
//! is it stored. `verify` accepts each time step once (the last accepted step is kept), and
//! its failures count towards the sign-in limit of the account (`auth`), so a code cannot be
//! guessed faster than a password. Which roles must use a second factor is
//! `Ctx::totp_required_roles`.

use chrono::{DateTime, Utc};
use domain::UserId;
use domain::access::RoleSet;
use store::repo::{accounts, audit, sign_in, totp};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::{Actor, Ctx, ServiceError, ServiceResult, auth};

/// The issuer shown in authenticator apps.
pub const ISSUER: &str = "Buurtagenda";

/// A secret offered for enrolment, not yet stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Enrolment {
    /// The secret in base32, to keep until confirmed and to show for typing.
    pub secret: String,
    /// The `otpauth://` URL for a QR code.
    pub otpauth_url: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Enrolment(***)")
    }
}

fn build(secret: &str, account_name: &str) -> ServiceResult<Totp> {
    let bytes = Secret::try_from_base32(secret)
        .map_err(|_| ServiceError::invalid("code", "error-totp-secret-invalid"))?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_skew(1)
        .with_secret(bytes)
        .with_account_name(account_name.replace(':', "_"))
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|_| ServiceError::invalid("code", "error-totp-secret-invalid"))
}

fn seconds(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or(0)
}

/// The step whose code `code` is at `at`, if it is right (spaces are ignored).
fn check(totp: &Totp, code: &str, at: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    totp.check(&code, seconds(at))
        .and_then(|step| i64::try_from(step).ok())
}

/// The code for `secret` (base32) at `at`: for tests, the demo, and people without an app.
pub fn code_at(secret: &str, at: DateTime<Utc>) -> ServiceResult<String> {
    Ok(build(secret, "code")?.generate(seconds(at)).to_string())
}

/// Whether an account with `roles` must use a second factor.
pub fn required(ctx: &Ctx, roles: RoleSet) -> bool {
    roles
        .iter()
        .any(|role| ctx.totp_required_roles.contains(&role))
}

/// Whether the account has a second factor switched on.
pub async fn enabled(ctx: &Ctx, user: UserId) -> ServiceResult<bool> {
    Ok(totp::state(ctx.store.conn(), user)
        .await?
        .is_some_and(|state| state.enabled()))
}

fn signed_in(actor: &Actor) -> ServiceResult<&domain::access::SignedIn> {
    actor.signed_in().ok_or(ServiceError::Forbidden)
}

/// A fresh secret and its `otpauth://` URL for the signed-in account. Nothing is stored.
pub async fn begin_enrolment(ctx: &Ctx, actor: &Actor) -> ServiceResult<Enrolment> {
    let user = signed_in(actor)?;
    let account = accounts::find(ctx.store.conn(), user.user)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let secret = Secret::generate().to_base32();
    let otpauth_url = build(&secret, &account.email)?
        .to_url()
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("otpauth url: {e}")))?;
    Ok(Enrolment {
        secret,
        otpauth_url,
    })
}

/// Stores `secret` for the signed-in account if `code` is right for it now, and writes
/// `account.totp.enable` to the audit log.
pub async fn confirm_enrolment(
    ctx: &Ctx,
    actor: &Actor,
    secret: &str,
    code: &str,
) -> ServiceResult<()> {
    let user = signed_in(actor)?;
    let now = ctx.clock.now();
    let step = check(&build(secret, "code")?, code, now)
        .ok_or_else(|| ServiceError::invalid("code", "error-totp-code-wrong"))?;
    let tx = ctx.store.begin_write().await?;
    totp::enable(&tx, user.user, secret, step, now).await?;
    audit::record(
        &tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(user.municipality),
            actor: actor.audit_name(),
            action: "account.totp.enable".into(),
            entity: "account".into(),
            entity_id: Some(user.user.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await.map_err(store::DbError::from)?;
    Ok(())
}

/// Checks the code of `user` (after the password) at `now`, from network address `ip`.
///
/// A wrong code, a code already used and an account without a second factor give the same
/// `Validation` error and count as a failed sign-in of the account; too many failures give
/// `RateLimited`, as for passwords.
pub async fn verify(
    ctx: &Ctx,
    user: UserId,
    code: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let conn = ctx.store.conn();
    let account = accounts::find(conn, user)
        .await?
        .filter(|a| !a.disabled)
        .ok_or_else(|| ServiceError::invalid("code", "error-totp-code-wrong"))?;
    let key = account.email.trim().to_lowercase();
    auth::throttle(ctx, &key, ip, now).await?;
    let state = totp::state(conn, user).await?.unwrap_or_default();
    let step = match (&state.secret, state.enabled()) {
        (Some(secret), true) => check(&build(secret, &account.email)?, code, now),
        _ => None,
    };
    let tx = ctx.store.begin_write().await?;
    let accepted = match step {
        Some(step) => totp::claim_step(&tx, user, step).await?,
        None => false,
    };
    if !accepted {
        sign_in::record_attempt(&tx, &key, ip, now, false).await?;
    }
    tx.commit().await.map_err(store::DbError::from)?;
    if accepted {
        Ok(())
    } else {
        Err(ServiceError::invalid("code", "error-totp-code-wrong"))
    }
}

/// Switches the second factor of the signed-in account off, unless one of its roles requires
/// it (`Forbidden`), and writes `account.totp.disable` to the audit log.
pub async fn disable(ctx: &Ctx, actor: &Actor) -> ServiceResult<()> {
    let user = signed_in(actor)?;
    if required(ctx, user.roles) {
        return Err(ServiceError::Forbidden);
    }
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    totp::disable(&tx, user.user).await?;
    audit::record(
        &tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(user.municipality),
            actor: actor.audit_name(),
            action: "account.totp.disable".into(),
            entity: "account".into(),
            entity_id: Some(user.user.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await.map_err(store::DbError::from)?;
    Ok(())
}
