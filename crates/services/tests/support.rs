//! What the services' stories share: the demo on a manual clock at now, a validation error
//! as (field, message key) pairs, a date some days from the clock's today as a form sends
//! it, and the person behind a demo account.

use chrono::{Duration, Utc};
use services::{Ctx, ManualClock, ServiceError};
use testkit::TestDb;

/// A fresh demo database and a context on it whose clock stands at now.
pub async fn demo() -> (TestDb, Ctx) {
    let now = Utc::now();
    let (db, _) = TestDb::demo(now).await;
    let ctx = Ctx::with_clock(db.store().await, ManualClock::new(now));
    (db, ctx)
}

/// The fields and message keys of a validation error (panics on any other error).
pub fn keys(err: ServiceError) -> Vec<(&'static str, &'static str)> {
    match err {
        ServiceError::Validation(list) => list.iter().map(|e| (e.field, e.message_key)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The clock's date `days` from today, `YYYY-MM-DD`.
pub fn day(ctx: &Ctx, days: i64) -> String {
    (ctx.clock.now().date_naive() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// The person behind the demo account `email`.
pub async fn person_of(ctx: &Ctx, email: &str) -> domain::PersonId {
    let actor = testkit::people::actor(ctx, email).await;
    store::repo::agreements::person_of_account(ctx.store.conn(), actor.signed_in().unwrap().user)
        .await
        .unwrap()
        .unwrap()
        .0
}
