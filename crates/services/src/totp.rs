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
use store::repo::{accounts, audit, totp};
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

/// Since when the account has a second factor, if it has one.
pub async fn enabled_since(ctx: &Ctx, user: UserId) -> ServiceResult<Option<DateTime<Utc>>> {
    Ok(totp::state(ctx.store.conn(), user)
        .await?
        .filter(totp::TotpState::enabled)
        .and_then(|state| state.enabled_at))
}

/// A fresh secret and its `otpauth://` URL for `user`. Nothing is stored.
async fn new_enrolment(ctx: &Ctx, user: UserId) -> ServiceResult<Enrolment> {
    let account = accounts::find(ctx.store.conn(), user)
        .await?
        .ok_or(ServiceError::NotFound)?;
    enrolment_for(&Secret::generate().to_base32(), &account.email)
}

/// The enrolment for a given `secret` (base32) of the account `email`.
fn enrolment_for(secret: &str, email: &str) -> ServiceResult<Enrolment> {
    let otpauth_url = build(secret, email)?
        .to_url()
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("otpauth url: {e}")))?;
    Ok(Enrolment {
        secret: secret.to_owned(),
        otpauth_url,
    })
}

/// A fresh secret and its `otpauth://` URL for the signed-in account. Nothing is stored.
pub async fn begin_enrolment(ctx: &Ctx, actor: &Actor) -> ServiceResult<Enrolment> {
    new_enrolment(ctx, signed_in(actor)?.user).await
}

/// The enrolment of `secret` for `user` again (the page shows it again after a wrong code).
pub async fn resume_enrolment(ctx: &Ctx, user: UserId, secret: &str) -> ServiceResult<Enrolment> {
    let account = accounts::find(ctx.store.conn(), user)
        .await?
        .ok_or(ServiceError::NotFound)?;
    enrolment_for(secret, &account.email)
}

/// A fresh secret for `user`: an account that is signed in, or whose password was just
/// found right while its role requires a second factor it does not have yet
/// (`auth::SignInStep::Enrol`). Nothing is stored.
///
/// The caller vouches for one of the two.
pub async fn begin_enrolment_for(ctx: &Ctx, user: UserId) -> ServiceResult<Enrolment> {
    new_enrolment(ctx, user).await
}

/// Stores the second factor and writes `account.totp.enable` to the audit log, in `tx`.
async fn store_enrolment(
    tx: &store::Tx,
    actor: String,
    user: UserId,
    municipality: domain::MunicipalityId,
    secret: &str,
    step: i64,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    totp::enable(tx, user, secret, step, now).await?;
    audit::record(
        tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(municipality),
            actor,
            action: "account.totp.enable".into(),
            entity: "account".into(),
            entity_id: Some(user.get()),
            detail: None,
        },
    )
    .await?;
    Ok(())
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
    store_enrolment(
        &tx,
        actor.audit_name(),
        user.user,
        user.municipality,
        secret,
        step,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Completes a sign-in that stopped at `auth::SignInStep::Enrol`: if `code` is right for
/// `secret`, the second factor is stored and the account is signed in, in one transaction.
/// A wrong code counts as a failed sign-in of the account, as in `verify`: the attempt is
/// claimed before the code is checked.
///
/// The caller vouches that the password of `user` was just checked.
pub async fn sign_in_with_enrolment(
    ctx: &Ctx,
    user: UserId,
    secret: &str,
    code: &str,
    ip: &str,
) -> ServiceResult<auth::SignedIn> {
    let now = ctx.clock.now();
    let account = active_account(ctx, user).await?;
    let key = account.email.trim().to_lowercase();
    let attempt = auth::claim(ctx, &key, ip, now).await?;
    let step = check(&build(secret, &account.email)?, code, now);
    let tx = ctx.store.begin_write().await?;
    if let Some(step) = step {
        auth::settle_success(&tx, attempt).await?;
        store_enrolment(
            &tx,
            format!("user:{user}"),
            user,
            account.municipality,
            secret,
            step,
            now,
        )
        .await?;
        auth::record_sign_in(&tx, user, account.municipality, now).await?;
    }
    tx.commit().await?;
    match step {
        Some(_) => Ok(auth::SignedIn {
            user,
            name: account.name,
        }),
        None => Err(ServiceError::invalid("code", "error-totp-code-wrong")),
    }
}

/// Completes a sign-in that stopped at `auth::SignInStep::Code`: `verify`, then the
/// sign-in is recorded.
///
/// The caller vouches that the password of `user` was just checked.
pub async fn sign_in_with_code(
    ctx: &Ctx,
    user: UserId,
    code: &str,
    ip: &str,
) -> ServiceResult<auth::SignedIn> {
    let now = ctx.clock.now();
    let account = active_account(ctx, user).await?;
    verify_and(ctx, &account, code, ip, now, true).await?;
    Ok(auth::SignedIn {
        user,
        name: account.name,
    })
}

async fn active_account(ctx: &Ctx, user: UserId) -> ServiceResult<accounts::AccountRecord> {
    accounts::find(ctx.store.conn(), user)
        .await?
        .filter(|a| !a.disabled)
        .ok_or_else(|| ServiceError::invalid("code", "error-totp-code-wrong"))
}

/// Checks the code of `user` (after the password) at `now`, from network address `ip`.
///
/// A wrong code, a code already used and an account without a second factor give the same
/// `Validation` error and count as a failed sign-in of the account; too many failures give
/// `RateLimited`, as for passwords. The attempt is claimed before the code is checked
/// (`auth::claim`), so codes sent together cannot get past the limit.
pub async fn verify(
    ctx: &Ctx,
    user: UserId,
    code: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let account = active_account(ctx, user).await?;
    verify_and(ctx, &account, code, ip, now, false).await
}

/// `verify` for a found account; with `sign_in`, a right code also records the sign-in in
/// the same transaction.
async fn verify_and(
    ctx: &Ctx,
    account: &accounts::AccountRecord,
    code: &str,
    ip: &str,
    now: DateTime<Utc>,
    record_sign_in: bool,
) -> ServiceResult<()> {
    let conn = ctx.store.conn();
    let key = account.email.trim().to_lowercase();
    let attempt = auth::claim(ctx, &key, ip, now).await?;
    let state = totp::state(conn, account.id).await?.unwrap_or_default();
    let step = match (&state.secret, state.enabled()) {
        (Some(secret), true) => check(&build(secret, &account.email)?, code, now),
        _ => None,
    };
    let tx = ctx.store.begin_write().await?;
    let accepted = match step {
        Some(step) => totp::claim_step(&tx, account.id, step).await?,
        None => false,
    };
    if accepted {
        auth::settle_success(&tx, attempt).await?;
        if record_sign_in {
            auth::record_sign_in(&tx, account.id, account.municipality, now).await?;
        }
    }
    tx.commit().await?;
    if accepted {
        Ok(())
    } else {
        Err(ServiceError::invalid("code", "error-totp-code-wrong"))
    }
}

/// Switches the second factor of the signed-in account off, unless one of its roles requires
/// it (`Forbidden`), and writes `account.totp.disable` to the audit log. Without a second
/// factor nothing changes and nothing is logged.
pub async fn disable(ctx: &Ctx, actor: &Actor) -> ServiceResult<()> {
    let user = signed_in(actor)?;
    if required(ctx, user.roles) {
        return Err(ServiceError::Forbidden);
    }
    if !enabled(ctx, user.user).await? {
        return Ok(());
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
    tx.commit().await?;
    Ok(())
}

/// Takes the second factor of `user` away, for someone who lost their phone: at the next
/// sign-in they set up an app again if their role requires one. Only for those who may
/// manage that account (`domain::access::may_manage_user`); an account of another
/// municipality does not exist for the actor (`NotFound`). Writes `account.totp.reset`.
pub async fn reset(ctx: &Ctx, actor: &Actor, user: UserId) -> ServiceResult<()> {
    use domain::access::{Principal, may_manage_user};
    let me = signed_in(actor)?;
    let target = accounts::find(ctx.store.conn(), user)
        .await?
        .filter(|a| a.municipality == me.municipality)
        .ok_or(ServiceError::NotFound)?;
    let principal = Principal::SignedIn(me.clone());
    let roles: RoleSet = target.roles.iter().copied().collect();
    if !may_manage_user(&principal, roles, target.municipality) {
        return Err(ServiceError::Forbidden);
    }
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    totp::disable(&tx, user).await?;
    // Whoever has the lost phone and a session is out as well.
    accounts::end_sessions_before(&tx, user, now).await?;
    audit::record(
        &tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(target.municipality),
            actor: actor.audit_name(),
            action: "account.totp.reset".into(),
            entity: "account".into(),
            entity_id: Some(user.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
