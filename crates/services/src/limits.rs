//! Limits on anonymous forms (wrong vote codes, residents' reports), counted in the database
//! so that they hold under concurrency and across several servers on one database: each
//! attempt is claimed in a write transaction in which the claims of one network address take
//! turns (`store::repo::limits`). The sign-in limits work the same way (`auth::claim`).
//! Claims are kept a day (`purge_old`, a periodic job).

use chrono::{DateTime, Duration, Utc};
use store::repo::limits::{self, Claim};
use store::repo::sign_in;

use crate::{Ctx, ServiceError, ServiceResult};

/// Reports one network address may send in `REPORT_WINDOW_MINUTES`.
pub const REPORTS_PER_WINDOW: u64 = 10;
/// The window of the report limit.
pub const REPORT_WINDOW_MINUTES: i64 = 10;
/// Wrong vote codes one network address may try in `CODE_WINDOW_MINUTES` before their
/// answer is 429.
pub const WRONG_CODES_PER_WINDOW: u64 = 20;
/// The window of the wrong-code limit.
pub const CODE_WINDOW_MINUTES: i64 = 10;
/// How long claims and sign-in attempts are kept (network addresses are personal data).
pub const KEEP_DAYS: i64 = 1;

const REPORT: &str = "report";
const WRONG_CODE: &str = "wrong-vote-code";

/// Seconds until the claim made at `oldest` leaves a `window` (at least one).
pub(crate) fn retry_after(oldest: DateTime<Utc>, window: Duration, now: DateTime<Utc>) -> u64 {
    u64::try_from((oldest + window - now).num_seconds())
        .unwrap_or(0)
        .max(1)
}

/// Counts a wrong (or malformed) vote code from `ip`: `None` within the limit, else the
/// seconds to wait, and the code is not counted. Only wrong codes are counted, after they
/// were checked: a hall full of phones shares one address, so a right code always works;
/// the caller answers a wrong code over the limit with 429 and a notice.
pub async fn wrong_vote_code(ctx: &Ctx, ip: &str) -> ServiceResult<Option<u64>> {
    let now = ctx.clock.now();
    let window = Duration::minutes(CODE_WINDOW_MINUTES);
    let tx = ctx.store.begin_write().await?;
    let claim = limits::claim(
        &tx,
        WRONG_CODE,
        ip,
        now,
        now - window,
        WRONG_CODES_PER_WINDOW,
    )
    .await?;
    tx.commit().await?;
    Ok(match claim {
        Claim::Granted => None,
        Claim::Refused { oldest } => Some(retry_after(oldest, window, now)),
    })
}

/// `RateLimited` when `ip` sent `REPORTS_PER_WINDOW` reports in the window: a cheap read
/// before the work of a report, so that a flood does not wait its turn for the writer. The
/// claim in the report's own transaction (`claim_report`) alone decides.
pub(crate) async fn reports_left(ctx: &Ctx, ip: &str) -> ServiceResult<()> {
    let now = ctx.clock.now();
    let window = Duration::minutes(REPORT_WINDOW_MINUTES);
    let look = limits::peek(
        ctx.store.conn(),
        REPORT,
        ip,
        now,
        now - window,
        REPORTS_PER_WINDOW,
    );
    refused_if_over(look.await?, window, now)
}

fn refused_if_over(claim: Claim, window: Duration, now: DateTime<Utc>) -> ServiceResult<()> {
    match claim {
        Claim::Granted => Ok(()),
        Claim::Refused { oldest } => Err(ServiceError::RateLimited {
            retry_after_secs: retry_after(oldest, window, now),
        }),
    }
}

/// Within the write transaction that stores a report: claims it for `ip`, or `RateLimited`
/// (and the transaction must not store it) when `ip` sent `REPORTS_PER_WINDOW` in the
/// window. A report that is not stored after all rolls its claim back with it.
pub(crate) async fn claim_report(
    tx: &store::Tx,
    ip: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let window = Duration::minutes(REPORT_WINDOW_MINUTES);
    let claim = limits::claim(tx, REPORT, ip, now, now - window, REPORTS_PER_WINDOW).await?;
    refused_if_over(claim, window, now)
}

/// Removes claims and sign-in attempts older than `KEEP_DAYS` (a periodic job); returns how
/// many.
pub async fn purge_old(ctx: &Ctx) -> ServiceResult<u64> {
    let before = ctx.clock.now() - Duration::days(KEEP_DAYS);
    let conn = ctx.store.conn();
    Ok(sign_in::purge_attempts(conn, before).await? + limits::purge(conn, before).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_counts_from_the_oldest_claim_and_is_at_least_a_second() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let window = Duration::minutes(10);
        assert_eq!(retry_after(now - Duration::minutes(4), window, now), 360);
        assert_eq!(retry_after(now - window, window, now), 1);
        assert_eq!(retry_after(now - Duration::hours(1), window, now), 1);
    }
}
