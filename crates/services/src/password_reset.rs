//! A forgotten password: ask for a link by e-mail, then choose a new password with it.
//!
//! Asking answers the same whether or not the address has an account, and does the same
//! work (one write transaction with an audit record), so the form cannot be used to find
//! out who has an account. A link works 60 minutes and once; an address gets at most
//! `MAX_LINKS_PER_HOUR` links an hour (more requests are accepted and silently ignored),
//! also when requests arrive together at several servers: they take turns per account.

use chrono::Duration;
use domain::credentials::Email;
use domain::{Locale, UserId};
use render::mail::PasswordResetMail;
use store::repo::audit::{self, AuditRecord};
use store::repo::{accounts, limits, tokens};

use crate::one_time::{self, ChosenPassword, Purpose};
use crate::{Actor, Ctx, ServiceError, ServiceResult, mail, passwords};

/// How long a reset link works.
pub const VALID_MINUTES: i64 = 60;
/// Links one address gets per hour at most.
pub const MAX_LINKS_PER_HOUR: u64 = 3;

/// The path of the reset form for `token`.
pub fn link_path(token: &str) -> String {
    format!("/wachtwoord-herstellen/{token}")
}

/// Sends a reset link to `email` if it belongs to an active account. Always answers `Ok`
/// for a well-formed address, known or not; only a malformed one is a `Validation` error.
pub async fn request(ctx: &Ctx, email: &str, locale: Locale) -> ServiceResult<()> {
    let email: Email = email
        .parse()
        .map_err(|_| ServiceError::invalid("email", "error-email-invalid"))?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let account = accounts::find_by_email(&tx, &email).await?;
    if let Some(account) = &account {
        // Requests for one account take turns from here to the commit, so that two sent
        // together cannot both count the links issued before either (PostgreSQL).
        limits::take_turns(&tx, &[&format!("password-reset:{}", account.id)]).await?;
    }
    let outcome = match &account {
        None => "unknown",
        Some(a) if a.disabled => "disabled",
        Some(a)
            if tokens::issued_since(
                &tx,
                a.id,
                Purpose::PasswordReset.code(),
                now - Duration::hours(1),
            )
            .await?
                >= MAX_LINKS_PER_HOUR =>
        {
            "rate-limited"
        }
        Some(a) => {
            let token = one_time::issue(
                &tx,
                a.id,
                Purpose::PasswordReset,
                Duration::minutes(VALID_MINUTES),
                now,
            )
            .await?;
            let link = format!("{}{}", ctx.public_url, link_path(&token));
            let text = mail::rendered(
                PasswordResetMail::new(locale, &a.name, &link, VALID_MINUTES).to_mail(),
            )?;
            mail::enqueue(&tx, Some(a.municipality), &email, &text, now).await?;
            "sent"
        }
    };
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: account.as_ref().map(|a| a.municipality),
            actor: Actor::Public.audit_name(),
            action: "account.password-reset-request".into(),
            entity: "account".into(),
            entity_id: account.as_ref().map(|a| a.id.get()),
            detail: Some(serde_json::json!({ "outcome": outcome })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the reset link with `token` still works (to show the form, or say it does not).
pub async fn check(ctx: &Ctx, token: &str) -> ServiceResult<bool> {
    let now = ctx.clock.now();
    Ok(
        one_time::usable(ctx.store.conn(), Purpose::PasswordReset, token, now)
            .await?
            .is_some(),
    )
}

/// Sets a new password with the link's `token`. `Ok(None)` when the link does not work
/// (expired, used, unknown); `Validation` when the password breaks the rules or the two
/// fields differ. The link and every other open link of the account stop working.
pub async fn complete(
    ctx: &Ctx,
    token: &str,
    chosen: &ChosenPassword,
) -> ServiceResult<Option<UserId>> {
    let now = ctx.clock.now();
    let Some((record, account)) =
        one_time::usable(ctx.store.conn(), Purpose::PasswordReset, token, now).await?
    else {
        return Ok(None);
    };
    let password = chosen.check()?;
    let password_hash = passwords::hash(&password)?;
    let tx = ctx.store.begin_write().await?;
    if !tokens::redeem(&tx, record.id, now).await? {
        return Ok(None);
    }
    one_time::set_password(&tx, account.id, &password_hash, now).await?;
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(account.municipality),
            actor: format!("user:{}", account.id),
            action: "account.password-reset".into(),
            entity: "account".into(),
            entity_id: Some(account.id.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(account.id))
}
