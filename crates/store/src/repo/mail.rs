//! The outbox: mail is written here inside the transaction of the change that causes it, and
//! a job claims due rows, sends them and marks the outcome.

use chrono::{DateTime, Utc};
use domain::{Cursor, MunicipalityId, Page, PageRequest};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use crate::entity::outbox;
use crate::error::{DbError, DbResult};

/// A message to queue.
#[derive(Clone, Debug)]
pub struct NewMail<'a> {
    /// The tenant the message belongs to (its administrators see it).
    pub municipality: Option<MunicipalityId>,
    /// Recipient address.
    pub to: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// Plain-text body.
    pub body: &'a str,
    /// About a police-only concern: the text is for the police only.
    pub police_only: bool,
}

/// A queued or sent message.
#[derive(Clone, PartialEq, Eq)]
pub struct MailRecord {
    /// Key.
    pub id: i64,
    /// Tenant.
    pub municipality: Option<MunicipalityId>,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Not sent before this time (retry back-off, or the claim of a running job).
    pub send_after: DateTime<Utc>,
    /// Sent at, once sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// Sending attempts so far.
    pub attempts: u32,
    /// What the mail server said at the last failure.
    pub last_error: Option<String>,
    /// About a police-only concern: the text is for the police only.
    pub police_only: bool,
}

/// The body holds links that sign people in: never in logs.
impl std::fmt::Debug for MailRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailRecord")
            .field("id", &self.id)
            .field("attempts", &self.attempts)
            .field("sent_at", &self.sent_at)
            .finish_non_exhaustive()
    }
}

impl TryFrom<outbox::Model> for MailRecord {
    type Error = DbError;

    fn try_from(row: outbox::Model) -> DbResult<Self> {
        Ok(MailRecord {
            id: row.id,
            municipality: row.municipality_id.map(MunicipalityId),
            to: row.to_address,
            subject: row.subject,
            body: row.body_text,
            created_at: row.created_at,
            send_after: row.send_after,
            sent_at: row.sent_at,
            attempts: domain::fit(row.attempts, "mail attempts")?,
            last_error: row.last_error,
            police_only: row.police_only,
        })
    }
}

/// Queues a message, due at once.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    mail: &NewMail<'_>,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    let row = outbox::ActiveModel {
        municipality_id: Set(mail.municipality.map(MunicipalityId::get)),
        to_address: Set(mail.to.to_owned()),
        subject: Set(mail.subject.to_owned()),
        body_text: Set(mail.body.to_owned()),
        created_at: Set(now),
        send_after: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        police_only: Set(mail.police_only),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await
}

/// Claims up to `limit` unsent messages that are due at `now` and have had fewer than
/// `max_attempts` attempts: counts the attempt and pushes `send_after` to `lease_until`, so
/// that a second job running at the same time skips them (the outer condition is checked
/// again on the locked row).
pub async fn claim_due(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    max_attempts: u32,
    limit: u64,
) -> DbResult<Vec<MailRecord>> {
    let max_attempts: i32 = domain::fit(max_attempts, "mail attempts")?;
    let due = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::SendAfter.lte(now))
        .filter(outbox::Column::Attempts.lt(max_attempts))
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .into_query();
    let mut rows = outbox::Entity::update_many()
        .col_expr(outbox::Column::SendAfter, Expr::value(lease_until))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.in_subquery(due))
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::SendAfter.lte(now))
        .exec_with_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    rows.sort_by_key(|row| row.id);
    rows.into_iter().map(MailRecord::try_from).collect()
}

/// Marks a claimed message as sent.
pub async fn mark_sent(conn: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> DbResult<()> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(at))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records a failed attempt; the message is tried again from `retry_at`.
pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    id: i64,
    error: &str,
    retry_at: DateTime<Utc>,
) -> DbResult<()> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LastError, Expr::value(error.to_owned()))
        .col_expr(outbox::Column::SendAfter, Expr::value(retry_at))
        .filter(outbox::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The messages of one municipality, newest first, paginated by id.
pub async fn list(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    page: &PageRequest,
) -> DbResult<Page<MailRecord>> {
    let mut query = outbox::Entity::find()
        .filter(outbox::Column::MunicipalityId.eq(municipality.get()))
        .order_by_desc(outbox::Column::Id)
        .limit(page.limit + 1);
    if let Some(after) = &page.after {
        query = query.filter(outbox::Column::Id.lt(after.id));
    }
    let rows: Vec<MailRecord> = query
        .all(conn)
        .await?
        .into_iter()
        .map(MailRecord::try_from)
        .collect::<DbResult<_>>()?;
    Ok(Page::from_overfetch(rows, page.limit, |row| Cursor {
        key: String::new(),
        id: row.id,
    }))
}

/// Every message to `to`, oldest first (for tests and subject-access requests).
pub async fn for_address(conn: &impl ConnectionTrait, to: &str) -> DbResult<Vec<MailRecord>> {
    outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(to))
        .order_by_asc(outbox::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(MailRecord::try_from)
        .collect()
}

/// Deletes messages written before `before` (personal data, kept 30 days); returns how many.
pub async fn purge(conn: &impl ConnectionTrait, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::CreatedAt.lt(before))
        .exec(conn)
        .await?
        .rows_affected)
}
