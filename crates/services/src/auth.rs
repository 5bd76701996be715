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
///
/// The attempt is claimed (counted as a failure) before the password is checked (`claim`),
/// so attempts sent together cannot get past the limit; a right password settles it.
pub async fn sign_in(ctx: &Ctx, credentials: &Credentials) -> ServiceResult<SignInStep> {
    let now = ctx.clock.now();
    let key = credentials.email.trim().to_lowercase();
    let attempt = claim(ctx, &key, &credentials.ip, now).await?;
    let account = match key.parse::<Email>() {
        Ok(email) => accounts::find_by_email(ctx.store.conn(), &email).await?,
        Err(_) => None,
    };
    let stored = account.as_ref().and_then(|a| a.password_hash.as_deref());
    let password_ok = passwords::verify(&credentials.password, stored);
    // A failure is recorded already: nothing more to do, the same for every kind of failure.
    let Some(account) = account.filter(|a| password_ok && !a.disabled) else {
        return Err(ServiceError::invalid("email", "error-sign-in-failed"));
    };
    let roles: RoleSet = account.roles.iter().copied().collect();
    let has_code = totp::state(ctx.store.conn(), account.id)
        .await?
        .is_some_and(|state| state.enabled());
    let step = if has_code {
        Some(SignInStep::Code(account.id))
    } else if crate::totp::required(ctx, roles) {
        Some(SignInStep::Enrol(account.id))
    } else {
        None
    };
    let tx = ctx.store.begin_write().await?;
    settle_success(&tx, attempt).await?;
    if step.is_none() {
        record_sign_in(&tx, account.id, account.municipality, now).await?;
    }
    tx.commit().await?;
    Ok(step.unwrap_or(SignInStep::Done(SignedIn {
        user: account.id,
        name: account.name,
    })))
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

/// A claimed sign-in attempt (`claim`): a failure until `settle_success`.
#[derive(Clone, Copy, Debug)]
#[must_use = "a right password or code settles its attempt"]
pub(crate) struct Attempt(i64);

/// Claims an attempt to sign in as `email` (normalised) from `ip`, before the password or
/// code is checked: `RateLimited` when `email` had `MAX_FAILURES_PER_ACCOUNT` or `ip`
/// `MAX_FAILURES_PER_IP` failures in the window, else the attempt counts as a failure until
/// `settle_success`. One write transaction in which the claims for one address or network
/// address take turns (`store::repo::limits::take_turns`): attempts sent together, to one
/// server or several, are counted one after the other, and only those within the limit are
/// checked at all.
pub(crate) async fn claim(
    ctx: &Ctx,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Attempt> {
    let window = Duration::minutes(WINDOW_MINUTES);
    let limits = sign_in::AttemptLimits {
        since: now - window,
        per_email: MAX_FAILURES_PER_ACCOUNT,
        per_ip: MAX_FAILURES_PER_IP,
    };
    let tx = ctx.store.begin_write().await?;
    let claim = sign_in::claim_attempt(&tx, email, ip, now, limits).await?;
    tx.commit().await?;
    match claim {
        sign_in::AttemptClaim::Claimed(id) => Ok(Attempt(id)),
        sign_in::AttemptClaim::Refused { oldest } => Err(ServiceError::RateLimited {
            retry_after_secs: crate::limits::retry_after(oldest, window, now),
        }),
    }
}

/// Within `tx`: the claimed `attempt` was right after all, so it is no failure.
pub(crate) async fn settle_success(tx: &store::Tx, attempt: Attempt) -> ServiceResult<()> {
    Ok(sign_in::settle_success(tx, attempt.0).await?)
}
