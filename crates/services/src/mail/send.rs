//! Sending what is due: claim rows, hand each to a `Mailer`, mark it sent or note the error
//! and try again later, waiting longer after each failure.

use std::future::Future;

use chrono::Duration;
use store::repo::audit::{self, AuditRecord};
use store::repo::mail as outbox;

use crate::{Actor, Ctx, ServiceResult};

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: u32 = 8;
/// Messages claimed at once.
const BATCH: u64 = 50;
/// How long a claimed message is left alone (if the sender dies mid-way, it is tried again
/// after this).
const LEASE_MINUTES: i64 = 10;

/// A message as a mail server gets it.
#[derive(Clone, Copy)]
pub struct Outgoing<'a> {
    /// Recipient address.
    pub to: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// Plain-text body.
    pub body: &'a str,
}

impl std::fmt::Debug for Outgoing<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// Why a message was not accepted, in the mail server's words (never a password).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

/// Something that delivers mail: SMTP in production, a fake in tests.
pub trait Mailer: Send + Sync {
    /// Delivers one message.
    fn send(&self, mail: Outgoing<'_>) -> impl Future<Output = Result<(), MailError>> + Send;
}

/// What one run of `send_due` did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Messages the mail server accepted.
    pub sent: usize,
    /// Messages that failed (to be tried again, or given up).
    pub failed: usize,
}

/// How long to wait before the next try after `attempts` failed ones: 1 minute, 5, 15, then
/// an hour, then four hours.
pub fn backoff(attempts: u32) -> Duration {
    match attempts {
        0 | 1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(15),
        4 => Duration::hours(1),
        _ => Duration::hours(4),
    }
}

/// Sends every message that is due, batch by batch, through `mailer`.
pub async fn send_due(ctx: &Ctx, mailer: &impl Mailer) -> ServiceResult<SendReport> {
    let mut report = SendReport::default();
    loop {
        let now = ctx.clock.now();
        let tx = ctx.store.begin_write().await?;
        let claimed = outbox::claim_due(
            &tx,
            now,
            now + Duration::minutes(LEASE_MINUTES),
            MAX_ATTEMPTS,
            BATCH,
        )
        .await?;
        tx.commit().await?;
        let full_batch = claimed.len() == usize::try_from(BATCH).unwrap_or(usize::MAX);
        for mail in claimed {
            let outgoing = Outgoing {
                to: &mail.to,
                subject: &mail.subject,
                body: &mail.body,
            };
            let result = mailer.send(outgoing).await;
            let now = ctx.clock.now();
            let tx = ctx.store.begin_write().await?;
            match &result {
                Ok(()) => outbox::mark_sent(&tx, mail.id, now).await?,
                Err(err) => {
                    tracing::warn!(mail = mail.id, attempt = mail.attempts, error = %err, "sending mail failed");
                    outbox::mark_failed(&tx, mail.id, &err.0, now + backoff(mail.attempts)).await?;
                }
            }
            audit::record(
                &tx,
                AuditRecord {
                    at: now,
                    municipality: mail.municipality,
                    actor: Actor::System.audit_name(),
                    action: if result.is_ok() {
                        "mail.send".into()
                    } else {
                        "mail.send-failed".into()
                    },
                    entity: "outbox".into(),
                    entity_id: Some(mail.id),
                    detail: Some(serde_json::json!({ "attempt": mail.attempts })),
                },
            )
            .await?;
            tx.commit().await?;
            if result.is_ok() {
                report.sent += 1;
            } else {
                report.failed += 1;
            }
        }
        if !full_batch {
            return Ok(report);
        }
    }
}
