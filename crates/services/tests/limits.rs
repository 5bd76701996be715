//! Rate limits under concurrency and across servers, on a real database (SQLite, and
//! PostgreSQL with `TEST_DATABASE_URL`): attempts sent at the same moment, half of them to a
//! second server (its own pool on the same database), are counted one after the other, so no
//! more than the limit are ever evaluated.

use std::future::Future;

use chrono::{Duration, Utc};
use domain::Locale;
use domain::credentials::Email;
use services::auth::{self, Credentials, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP};
use services::inventory::report::{self, Report};
use services::limits::{REPORTS_PER_WINDOW, WRONG_CODES_PER_WINDOW};
use services::password_reset::{self, MAX_LINKS_PER_HOUR};
use services::{Actor, Ctx, ManualClock, ServiceError, ServiceResult, demo, totp};
use store::repo::{accounts, sign_in};
use testkit::TestDb;

const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
const ADMIN: &str = "beheer@demo.buurtagenda.nl";
const IP: &str = "192.0.2.7";

/// The demo on a fresh database, and two servers on it (two pools, one clock).
async fn setup() -> (TestDb, [Ctx; 2]) {
    let db = TestDb::new().await;
    let clock = ManualClock::new(Utc::now());
    let one = Ctx::with_clock(db.store().await, clock.clone());
    demo::load_demo(&one, &Actor::Cli).await.unwrap();
    let two = Ctx::with_clock(db.store().await, clock);
    (db, [one, two])
}

/// Runs `n` calls of `f` at once, alternating between the two servers.
async fn together<T, F, Fut>(servers: &[Ctx; 2], n: usize, f: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(Ctx, usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
{
    testkit::together(n, |i| f(servers[i % 2].clone(), i)).await
}

fn credentials(email: &str, password: &str) -> Credentials {
    Credentials {
        email: email.into(),
        password: password.into(),
        ip: IP.into(),
    }
}

/// How many answers were a wrong password or code, how many `RateLimited`, how many right.
fn tally<T: std::fmt::Debug>(answers: &[ServiceResult<T>]) -> (usize, usize, usize) {
    let (mut wrong, mut limited, mut right) = (0, 0, 0);
    for answer in answers {
        match answer {
            Err(ServiceError::Validation(_)) => wrong += 1,
            Err(ServiceError::RateLimited { retry_after_secs }) => {
                assert!(*retry_after_secs >= 1, "a Retry-After");
                limited += 1;
            }
            Ok(_) => right += 1,
            Err(other) => panic!("{other:?}"),
        }
    }
    (wrong, limited, right)
}

fn limit(n: u64) -> usize {
    usize::try_from(n).unwrap()
}

async fn attempts(ctx: &Ctx, email: &str) -> Vec<bool> {
    let since = ctx.clock.now() - Duration::hours(1);
    sign_in::attempts_for(ctx.store.conn(), email, since)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_sent_together_are_checked_five_times_at_most() {
    let (db, servers) = setup().await;
    let answers = together(&servers, 40, |ctx, _| async move {
        auth::sign_in(&ctx, &credentials(COORDINATOR, "not the password")).await
    })
    .await;
    let (wrong, limited, _) = tally(&answers);
    assert_eq!(wrong, limit(MAX_FAILURES_PER_ACCOUNT), "{answers:?}");
    assert_eq!(limited, 40 - limit(MAX_FAILURES_PER_ACCOUNT));
    assert_eq!(attempts(&servers[0], COORDINATOR).await, vec![false; 5]);
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_right_password_among_wrong_ones_signs_in_only_within_the_limit() {
    let (db, servers) = setup().await;
    let answers = together(&servers, 25, |ctx, i| async move {
        let password = if i == 12 {
            demo::DEMO_PASSWORD
        } else {
            "not the password"
        };
        auth::sign_in(&ctx, &credentials(COORDINATOR, password)).await
    })
    .await;
    let (wrong, limited, right) = tally(&answers);
    let most = limit(MAX_FAILURES_PER_ACCOUNT);
    // Never more than the limit of wrong ones is checked. The right one, while it is being
    // checked, holds a slot like any attempt (nobody knows yet it is right), so the ones
    // refused meanwhile may leave one slot of the limit unused: then one fewer wrong one.
    let expected = if right == 1 {
        most - 1..=most
    } else {
        most..=most
    };
    assert!(
        expected.contains(&wrong),
        "{wrong} wrong ones checked, {right} right, limit {most}"
    );
    assert_eq!(wrong + limited + right, 25);
    // In the order the attempts were claimed: the right one, if it was let through at all,
    // came before the limit was reached.
    let claimed = attempts(&servers[0], COORDINATOR).await;
    assert_eq!(claimed.iter().filter(|ok| !**ok).count(), wrong);
    match claimed.iter().position(|ok| *ok) {
        Some(at) => {
            assert_eq!(right, 1);
            assert!(at < most, "signed in after {at} failures: {claimed:?}");
        }
        None => assert_eq!((right, limited), (0, 25 - most)),
    }
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failures_from_one_address_sent_together_stop_at_thirty() {
    let (db, servers) = setup().await;
    let answers = together(&servers, 100, |ctx, i| async move {
        let email = format!("iemand{i}@demo.buurtagenda.nl");
        auth::sign_in(&ctx, &credentials(&email, "not the password")).await
    })
    .await;
    let (wrong, limited, _) = tally(&answers);
    assert_eq!(wrong, limit(MAX_FAILURES_PER_IP));
    assert_eq!(limited, 100 - limit(MAX_FAILURES_PER_IP));
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_codes_sent_together_in_one_half_finished_sign_in_are_checked_five_times() {
    let (db, servers) = setup().await;
    let ctx = &servers[0];
    let email: Email = ADMIN.parse().unwrap();
    let admin = accounts::find_by_email(ctx.store.conn(), &email)
        .await
        .unwrap()
        .unwrap()
        .id;
    // The password was right: the sign-in waits for the code.
    let step = auth::sign_in(ctx, &credentials(ADMIN, demo::DEMO_PASSWORD)).await;
    assert_eq!(step.unwrap(), auth::SignInStep::Code(admin));
    let wrong =
        totp::code_at(demo::DEMO_TOTP_SECRET, ctx.clock.now() + Duration::hours(2)).unwrap();
    let answers = together(&servers, 40, |ctx, _| {
        let wrong = wrong.clone();
        async move { totp::sign_in_with_code(&ctx, admin, &wrong, IP).await }
    })
    .await;
    let (wrong, limited, right) = tally(&answers);
    assert_eq!(wrong, limit(MAX_FAILURES_PER_ACCOUNT), "{answers:?}");
    assert_eq!((limited, right), (40 - wrong, 0));
    // The right code now waits too.
    let code = totp::code_at(demo::DEMO_TOTP_SECRET, ctx.clock.now()).unwrap();
    let late = totp::sign_in_with_code(ctx, admin, &code, IP).await;
    assert!(
        matches!(late, Err(ServiceError::RateLimited { .. })),
        "{late:?}"
    );
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_vote_codes_are_counted_across_servers() {
    let (db, servers) = setup().await;
    let answers = together(&servers, 40, |ctx, _| async move {
        services::limits::wrong_vote_code(&ctx, IP).await.unwrap()
    })
    .await;
    let over = answers.iter().filter(|wait| wait.is_some()).count();
    assert_eq!(over, 40 - limit(WRONG_CODES_PER_WINDOW), "{answers:?}");
    assert!(
        answers
            .iter()
            .flatten()
            .all(|wait| (1..=600).contains(wait))
    );
    // Another address is not affected; after the window this one is free again.
    assert_eq!(
        services::limits::wrong_vote_code(&servers[1], "192.0.2.8")
            .await
            .unwrap(),
        None
    );
    let later = servers[0].at(services::FixedClock(
        servers[0].clock.now() + Duration::minutes(11),
    ));
    assert_eq!(
        services::limits::wrong_vote_code(&later, IP).await.unwrap(),
        None
    );
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reports_from_one_address_stop_at_ten_across_servers_and_the_rest_is_not_stored() {
    let (db, servers) = setup().await;
    let neighbourhood = report::neighbourhood(&servers[0], "wyckerpoort", None)
        .await
        .unwrap()
        .expect("Wyckerpoort");
    let answers = together(&servers, 20, |ctx, i| {
        let neighbourhood = neighbourhood.clone();
        async move {
            let input = Report {
                category: "speeding".into(),
                what: format!("Er wordt hard gereden ({i})"),
                landmark: "Bij de school".into(),
                client_id: format!("form-{i}"),
                from: IP.into(),
                ..Report::default()
            };
            report::report(&ctx, &neighbourhood, &input).await
        }
    })
    .await;
    let (invalid, limited, stored) = tally(&answers);
    assert_eq!(invalid, 0, "{answers:?}");
    assert_eq!(stored, limit(REPORTS_PER_WINDOW));
    assert_eq!(limited, 20 - limit(REPORTS_PER_WINDOW));
    let mut references: Vec<_> = answers.into_iter().flatten().map(|r| r.reference).collect();
    references.sort();
    references.dedup();
    assert_eq!(
        references.len(),
        limit(REPORTS_PER_WINDOW),
        "ten distinct reports"
    );
    for reference in &references {
        let status = report::status(&servers[1], reference).await.unwrap();
        assert_eq!(&status.reference, reference);
    }
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reset_links_asked_together_stay_at_three() {
    const EMAIL: &str = "wijkagent@demo.buurtagenda.nl";
    let (db, servers) = setup().await;
    let answers = together(&servers, 12, |ctx, _| async move {
        password_reset::request(&ctx, EMAIL, Locale::Nl).await
    })
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    let mails = store::repo::mail::for_address(servers[0].store.conn(), EMAIL)
        .await
        .unwrap();
    assert_eq!(mails.len(), limit(MAX_LINKS_PER_HOUR));
    db.cleanup().await;
}
