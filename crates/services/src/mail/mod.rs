//! E-mail through the outbox: a use case queues its message inside its own transaction (so
//! a rolled-back change sends nothing), a job sends what is due (`send_due`), and without a
//! mail server the messages stay where administrators can read them (`list_outbox`).

mod send;
mod smtp;

use chrono::{DateTime, Duration, Utc};
use domain::access::{Action, Principal, Scope, may_manage_user};
use domain::credentials::Email;
use domain::{MunicipalityId, Page, PageRequest};
use render::mail::MailText;
use store::Db;
use store::repo::mail::{self as outbox, MailRecord, NewMail};
use store::repo::{accounts, tokens};

pub use send::{MAX_ATTEMPTS, MailError, Mailer, Outgoing, SendReport, backoff, send_due};
pub use smtp::{MailConfigError, SmtpMailer};

use crate::{Actor, Ctx, ServiceResult};

/// Days a message is kept after it was written (it holds an address and a name).
pub const RETENTION_DAYS: i64 = 30;

/// Queues `mail` to `to`, in the caller's transaction.
pub(crate) async fn enqueue(
    conn: &impl Db,
    municipality: Option<MunicipalityId>,
    to: &Email,
    mail: &MailText,
    now: DateTime<Utc>,
) -> ServiceResult<i64> {
    queue(conn, municipality, to, mail, false, now).await
}

/// Queues `mail` about a police-only concern to a police mailbox `to`, in the caller's
/// transaction: the outbox shows its text to those who work for the police only.
pub(crate) async fn enqueue_police_only(
    conn: &impl Db,
    municipality: Option<MunicipalityId>,
    to: &Email,
    mail: &MailText,
    now: DateTime<Utc>,
) -> ServiceResult<i64> {
    queue(conn, municipality, to, mail, true, now).await
}

async fn queue(
    conn: &impl Db,
    municipality: Option<MunicipalityId>,
    to: &Email,
    mail: &MailText,
    police_only: bool,
    now: DateTime<Utc>,
) -> ServiceResult<i64> {
    let new = NewMail {
        municipality,
        to: to.as_str(),
        subject: &mail.subject,
        body: &mail.body,
        police_only,
    };
    Ok(outbox::enqueue(conn, &new, now).await?)
}

/// Renders a mail template, or fails as an internal error.
pub(crate) fn rendered<E: std::fmt::Display>(
    result: Result<MailText, E>,
) -> ServiceResult<MailText> {
    result.map_err(|e| anyhow::anyhow!("rendering a mail: {e}").into())
}

/// Where a message stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailStatus {
    /// Not yet tried.
    Waiting,
    /// Sent at this moment.
    Sent(DateTime<Utc>),
    /// Failed; will be tried again.
    Retrying {
        /// What the mail server said last.
        last_error: Option<String>,
    },
    /// Failed `MAX_ATTEMPTS` times; not tried again.
    Failed {
        /// What the mail server said last.
        last_error: Option<String>,
    },
}

impl MailStatus {
    fn of(record: &MailRecord) -> MailStatus {
        match record.sent_at {
            Some(at) => MailStatus::Sent(at),
            None if record.attempts == 0 => MailStatus::Waiting,
            None if record.attempts >= MAX_ATTEMPTS => MailStatus::Failed {
                last_error: record.last_error.clone(),
            },
            None => MailStatus::Retrying {
                last_error: record.last_error.clone(),
            },
        }
    }
}

/// A message in the outbox as an administrator sees it.
#[derive(Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Key.
    pub id: i64,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Where it stands.
    pub status: MailStatus,
    /// The text, or `None` when it is for an account the viewer may not manage (its link
    /// would let the viewer take that account over), or about a police-only concern and the
    /// viewer does not work for the police.
    pub body: Option<String>,
}

impl std::fmt::Debug for OutboxEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxEntry")
            .field("id", &self.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The outbox of `municipality`, newest first. Needs `ManageUsers` there. The text of a
/// message to an existing account is shown only to those who may manage that account, so
/// that a coordinator cannot read an administrator's reset link; the text of a message about
/// a police-only concern only to those who work for the police (as `may_see_concern`).
pub async fn list_outbox(
    ctx: &Ctx,
    actor: &Actor,
    municipality: MunicipalityId,
    page: &PageRequest,
) -> ServiceResult<Page<OutboxEntry>> {
    actor.authorize(Action::ManageUsers, &Scope::Municipality(municipality))?;
    let conn = ctx.store.conn();
    let records = outbox::list(conn, municipality, page).await?;
    let mut items = Vec::with_capacity(records.items.len());
    for record in records.items {
        let readable = match actor.signed_in() {
            None => true,
            Some(user) if record.police_only && !user.police => false,
            Some(user) => match record.to.parse::<Email>() {
                Ok(email) => match accounts::find_by_email(conn, &email).await? {
                    Some(target) => may_manage_user(
                        &Principal::SignedIn(user.clone()),
                        target.roles.iter().copied().collect(),
                        target.municipality,
                    ),
                    None => true,
                },
                Err(_) => true,
            },
        };
        items.push(OutboxEntry {
            id: record.id,
            status: MailStatus::of(&record),
            to: record.to,
            subject: record.subject,
            created_at: record.created_at,
            body: readable.then_some(record.body),
        });
    }
    Ok(Page {
        items,
        next: records.next,
    })
}

/// What a clean-up removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Messages older than `RETENTION_DAYS`.
    pub mails: u64,
    /// Links that expired more than a day ago.
    pub tokens: u64,
}

/// Removes messages past their retention and links long expired (a periodic job).
pub async fn purge_old(ctx: &Ctx) -> ServiceResult<Purged> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let purged = Purged {
        mails: outbox::purge(&tx, now - Duration::days(RETENTION_DAYS)).await?,
        tokens: tokens::purge_expired(&tx, now - Duration::days(1)).await?,
    };
    tx.commit().await?;
    Ok(purged)
}
