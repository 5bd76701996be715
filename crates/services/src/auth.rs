//! Signing in: password check, rate limits, and the same answer for unknown and known
//! addresses so the form cannot be used to find out who has an account.

use chrono::{DateTime, Duration, Utc};
use domain::UserId;
use domain::access::RoleSet;
use domain::credentials::Email;
use store::repo::{accounts, audit, sign_in, totp};

use crate::{Ctx, ServiceError, ServiceResult, passwords};

/// Failed attempts for one address within `WINDOW` before sign-in is refused.
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed attempts from one network address within `WINDOW` before sign-in is refused.
pub const MAX_FAILURES_PER_IP: u64 = 30;
/// The rate-limit window.
pub const WINDOW_MINUTES: i64 = 15;

/// What the sign-in form sends, plus where it came from.
#[derive(Clone)]
pub struct Credentials {
    /// As typed.
    pub email: String,
    /// As typed.
    pub password: String,
    /// The client's network address.
    pub ip: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(***)")
    }
}

/// A successful sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    /// The account.
    pub user: UserId,
    /// Its display name.
    pub name: String,
}

/// Where a right password leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInStep {
    /// Signed in.
    Done(SignedIn),
    /// The account has a second factor: its code comes next (`totp::sign_in_with_code`).
    Code(UserId),
    /// A role of the account requires a second factor it does not have yet: it enrols
    /// before it is signed in (`totp::sign_in_with_enrolment`).
    Enrol(UserId),
}

/// Checks the credentials. Wrong address, wrong password and disabled account all give the
/// same `Validation` error; too many failures give `RateLimited`. A right password signs in
/// at once only when no second factor is on or required; otherwise the step names what the
/// account has to do next, and nothing is recorded as a sign-in yet.
pub async fn sign_in(ctx: &Ctx, credentials: &Credentials) -> ServiceResult<SignInStep> {
    let now = ctx.clock.now();
    let key = credentials.email.trim().to_lowercase();
    throttle(ctx, &key, &credentials.ip, now).await?;
    let account = match key.parse::<Email>() {
        Ok(email) => accounts::find_by_email(ctx.store.conn(), &email).await?,
        Err(_) => None,
    };
    let stored = account.as_ref().and_then(|a| a.password_hash.as_deref());
    let password_ok = passwords::verify(&credentials.password, stored);
    let account = account.filter(|a| password_ok && !a.disabled);
    let step = match &account {
        None => None,
        Some(account) => {
            let roles: RoleSet = account.roles.iter().copied().collect();
            let has_code = totp::state(ctx.store.conn(), account.id)
                .await?
                .is_some_and(|state| state.enabled());
            if has_code {
                Some(SignInStep::Code(account.id))
            } else if crate::totp::required(ctx, roles) {
                Some(SignInStep::Enrol(account.id))
            } else {
                None
            }
        }
    };

    let tx = ctx.store.begin_write().await?;
    sign_in::record_attempt(&tx, &key, &credentials.ip, now, account.is_some()).await?;
    sign_in::purge_attempts(&tx, now - Duration::days(1)).await?;
    if let (Some(account), None) = (&account, &step) {
        record_sign_in(&tx, account.id, account.municipality, now).await?;
    }
    tx.commit().await?;
    match (account, step) {
        (None, _) => Err(ServiceError::invalid("email", "error-sign-in-failed")),
        (Some(_), Some(step)) => Ok(step),
        (Some(account), None) => Ok(SignInStep::Done(SignedIn {
            user: account.id,
            name: account.name,
        })),
    }
}

/// Notes a completed sign-in: the account's last sign-in time and `account.sign-in` in the
/// audit log.
pub(crate) async fn record_sign_in(
    tx: &store::Tx,
    user: UserId,
    municipality: domain::MunicipalityId,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    accounts::touch_sign_in(tx, user, now).await?;
    audit::record(
        tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(municipality),
            actor: format!("user:{user}"),
            action: "account.sign-in".into(),
            entity: "account".into(),
            entity_id: Some(user.get()),
            detail: None,
        },
    )
    .await?;
    Ok(())
}

/// Refuses with `RateLimited` when `email` or `ip` had too many failures in the window.
pub(crate) async fn throttle(
    ctx: &Ctx,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let conn = ctx.store.conn();
    let limited_by =
        if sign_in::failures_for_email(conn, email, since).await? >= MAX_FAILURES_PER_ACCOUNT {
            Some((Some(email), None))
        } else if sign_in::failures_from_ip(conn, ip, since).await? >= MAX_FAILURES_PER_IP {
            Some((None, Some(ip)))
        } else {
            None
        };
    let Some((email, ip)) = limited_by else {
        return Ok(());
    };
    let oldest = sign_in::oldest_failure(conn, email, ip, since)
        .await?
        .unwrap_or(now);
    let free_at = oldest + Duration::minutes(WINDOW_MINUTES);
    let retry_after_secs = u64::try_from((free_at - now).num_seconds())
        .unwrap_or(0)
        .max(1);
    Err(ServiceError::RateLimited { retry_after_secs })
}
