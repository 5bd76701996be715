//! The TOTP second factor on a real database (SQLite, and PostgreSQL with
//! `TEST_DATABASE_URL`): enrolment, code verification, replays refused, the shared sign-in
//! limit, and the per-role policy for switching it off.

use chrono::{Duration, Utc};
use domain::UserId;
use domain::access::Role;
use domain::credentials::Email;
use services::{Actor, Ctx, ManualClock, ServiceError, demo, totp};
use store::repo::{accounts, totp as totp_repo};
use testkit::TestDb;

const ADMIN: &str = "beheer@demo.buurtagenda.nl";
const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
const IP: &str = "192.0.2.7";

async fn setup() -> (TestDb, Ctx, ManualClock) {
    let now = Utc::now();
    let (db, _) = TestDb::demo(now).await;
    let clock = ManualClock::new(now);
    let ctx = Ctx::with_clock(db.store().await, clock.clone());
    (db, ctx, clock)
}

async fn actor(ctx: &Ctx, email: &str) -> (UserId, Actor) {
    let email: Email = email.parse().unwrap();
    let account = accounts::find_by_email(ctx.store.conn(), &email)
        .await
        .unwrap()
        .unwrap();
    let principal = services::accounts::principal(ctx, account.id)
        .await
        .unwrap()
        .unwrap();
    (account.id, Actor::User(Box::new(principal)))
}

/// Enrols `email` and returns its id, actor and secret.
async fn enrolled(ctx: &Ctx, email: &str) -> (UserId, Actor, String) {
    let (id, actor) = actor(ctx, email).await;
    // The demo administrator starts with the public demo secret; start from nothing.
    totp_repo::disable(ctx.store.conn(), id).await.unwrap();
    let enrolment = totp::begin_enrolment(ctx, &actor).await.unwrap();
    assert!(
        enrolment
            .otpauth_url
            .starts_with("otpauth://totp/Buurtagenda:")
    );
    assert!(enrolment.otpauth_url.contains(&enrolment.secret));
    assert!(
        !totp::enabled(ctx, id).await.unwrap(),
        "not stored before confirmation"
    );
    let code = totp::code_at(&enrolment.secret, ctx.clock.now()).unwrap();
    totp::confirm_enrolment(ctx, &actor, &enrolment.secret, &code)
        .await
        .unwrap();
    assert!(totp::enabled(ctx, id).await.unwrap());
    (id, actor, enrolment.secret)
}

fn is_wrong_code(result: &Result<(), ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Validation(errors))
        if errors.len() == 1 && errors[0].message_key == "error-totp-code-wrong")
}

#[tokio::test]
async fn enrolment_needs_a_right_code_and_is_audited() {
    let (db, ctx, _) = setup().await;
    let (id, actor) = actor(&ctx, ADMIN).await;
    totp_repo::disable(ctx.store.conn(), id).await.unwrap();
    let enrolment = totp::begin_enrolment(&ctx, &actor).await.unwrap();
    let wrong = totp::code_at(&enrolment.secret, ctx.clock.now() + Duration::hours(1)).unwrap();
    let result = totp::confirm_enrolment(&ctx, &actor, &enrolment.secret, &wrong).await;
    assert!(is_wrong_code(&result), "{result:?}");
    assert!(!totp::enabled(&ctx, id).await.unwrap());
    assert!(
        totp::begin_enrolment(&ctx, &Actor::Public).await.is_err(),
        "only a signed-in account enrols"
    );

    enrolled(&ctx, ADMIN).await;
    let log = store::repo::audit::latest_by_action(ctx.store.conn(), "account.totp.enable", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    db.cleanup().await;
}

#[tokio::test]
async fn a_code_is_accepted_once_and_only_in_its_window() {
    let (db, ctx, _) = setup().await;
    let (id, _, secret) = enrolled(&ctx, ADMIN).await;

    // The step that confirmed the enrolment is used up.
    let now = ctx.clock.now();
    let same_step = totp::code_at(&secret, now).unwrap();
    assert!(is_wrong_code(
        &totp::verify(&ctx, id, &same_step, IP, now).await
    ));

    let later = now + Duration::seconds(90);
    let code = totp::code_at(&secret, later).unwrap();
    totp::verify(&ctx, id, &code, IP, later).await.unwrap();
    // A replay within the skew window is refused.
    let replay = totp::verify(&ctx, id, &code, IP, later + Duration::seconds(10)).await;
    assert!(is_wrong_code(&replay), "{replay:?}");

    // One step of skew is accepted; two are not.
    let at = later + Duration::seconds(120);
    let previous = totp::code_at(&secret, at - Duration::seconds(30)).unwrap();
    totp::verify(&ctx, id, &previous, IP, at).await.unwrap();
    let stale_at = at + Duration::seconds(300);
    let stale = totp::code_at(&secret, stale_at - Duration::seconds(90)).unwrap();
    assert!(is_wrong_code(
        &totp::verify(&ctx, id, &stale, IP, stale_at).await
    ));

    // Spaces as apps show them are fine.
    let spaced_at = stale_at + Duration::seconds(60);
    let spaced = totp::code_at(&secret, spaced_at).unwrap();
    let spaced = format!("{} {}", &spaced[..3], &spaced[3..]);
    totp::verify(&ctx, id, &spaced, IP, spaced_at)
        .await
        .unwrap();
    db.cleanup().await;
}

#[tokio::test]
async fn wrong_codes_count_towards_the_sign_in_limit() {
    let (db, ctx, clock) = setup().await;
    let (id, _, secret) = enrolled(&ctx, ADMIN).await;
    clock.advance(Duration::minutes(1));
    let now = ctx.clock.now();
    let wrong = totp::code_at(&secret, now + Duration::hours(2)).unwrap();
    for _ in 0..services::auth::MAX_FAILURES_PER_ACCOUNT {
        assert!(is_wrong_code(
            &totp::verify(&ctx, id, &wrong, IP, now).await
        ));
    }
    let right = totp::code_at(&secret, now).unwrap();
    let limited = totp::verify(&ctx, id, &right, IP, now).await;
    assert!(
        matches!(limited, Err(ServiceError::RateLimited { retry_after_secs }) if retry_after_secs > 0),
        "{limited:?}"
    );
    // The same limit holds for the password of that account.
    let credentials = services::auth::Credentials {
        email: ADMIN.into(),
        password: demo::DEMO_PASSWORD.into(),
        ip: IP.into(),
    };
    let password = services::auth::sign_in(&ctx, &credentials).await;
    assert!(matches!(password, Err(ServiceError::RateLimited { .. })));
    // After the window it works again.
    let after = now + Duration::minutes(services::auth::WINDOW_MINUTES + 1);
    let right = totp::code_at(&secret, after).unwrap();
    totp::verify(&ctx, id, &right, IP, after).await.unwrap();
    db.cleanup().await;
}

#[tokio::test]
async fn an_account_without_a_second_factor_has_no_valid_code() {
    let (db, ctx, _) = setup().await;
    let (id, _) = actor(&ctx, COORDINATOR).await;
    let secret = totp::begin_enrolment(&ctx, &actor(&ctx, COORDINATOR).await.1)
        .await
        .unwrap()
        .secret;
    let now = ctx.clock.now();
    let code = totp::code_at(&secret, now).unwrap();
    assert!(is_wrong_code(&totp::verify(&ctx, id, &code, IP, now).await));
    db.cleanup().await;
}

#[tokio::test]
async fn switching_off_follows_the_role_policy() {
    let (db, ctx, _) = setup().await;
    let (admin, admin_actor, _) = enrolled(&ctx, ADMIN).await;
    assert!(matches!(
        totp::disable(&ctx, &admin_actor).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(totp::enabled(&ctx, admin).await.unwrap());

    let (coordinator, coordinator_actor, _) = enrolled(&ctx, COORDINATOR).await;
    let strict = ctx.clone().with_totp_required_roles(&[Role::Coordinator]);
    assert!(matches!(
        totp::disable(&strict, &coordinator_actor).await,
        Err(ServiceError::Forbidden)
    ));
    totp::disable(&ctx, &coordinator_actor).await.unwrap();
    assert!(!totp::enabled(&ctx, coordinator).await.unwrap());
    let log = store::repo::audit::latest_by_action(ctx.store.conn(), "account.totp.disable", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    db.cleanup().await;
}

#[tokio::test]
async fn the_secret_never_prints() {
    let (db, ctx, _) = setup().await;
    let (id, actor, secret) = enrolled(&ctx, ADMIN).await;
    let state = totp_repo::state(ctx.store.conn(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.secret.as_deref(), Some(secret.as_str()));
    assert!(!format!("{state:?}").contains(&secret));
    let enrolment = totp::begin_enrolment(&ctx, &actor).await.unwrap();
    assert!(!format!("{enrolment:?}").contains(&enrolment.secret));
    let account = accounts::find(ctx.store.conn(), id).await.unwrap().unwrap();
    assert!(!format!("{account:?}").contains(&secret));
    db.cleanup().await;
}

fn credentials(email: &str) -> services::auth::Credentials {
    services::auth::Credentials {
        email: email.into(),
        password: demo::DEMO_PASSWORD.into(),
        ip: IP.into(),
    }
}

async fn sign_ins(ctx: &Ctx) -> usize {
    store::repo::audit::latest_by_action(ctx.store.conn(), "account.sign-in", 50)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_password_alone_does_not_sign_in_an_account_with_a_second_factor() {
    let (db, ctx, clock) = setup().await;
    let (id, _) = actor(&ctx, ADMIN).await;
    assert!(
        totp::enabled(&ctx, id).await.unwrap(),
        "the demo secret is on"
    );
    let step = services::auth::sign_in(&ctx, &credentials(ADMIN))
        .await
        .unwrap();
    assert_eq!(step, services::auth::SignInStep::Code(id));
    assert_eq!(sign_ins(&ctx).await, 0, "not signed in before the code");

    let wrong =
        totp::code_at(demo::DEMO_TOTP_SECRET, ctx.clock.now() + Duration::hours(1)).unwrap();
    let result = totp::sign_in_with_code(&ctx, id, &wrong, IP).await;
    assert!(
        matches!(result, Err(ServiceError::Validation(_))),
        "{result:?}"
    );
    assert_eq!(sign_ins(&ctx).await, 0);

    clock.advance(Duration::seconds(30));
    let code = totp::code_at(demo::DEMO_TOTP_SECRET, ctx.clock.now()).unwrap();
    let signed_in = totp::sign_in_with_code(&ctx, id, &code, IP).await.unwrap();
    assert_eq!(signed_in.user, id);
    assert_eq!(sign_ins(&ctx).await, 1);
    db.cleanup().await;
}

#[tokio::test]
async fn a_role_that_requires_a_second_factor_enrols_before_signing_in() {
    let (db, ctx, _) = setup().await;
    let strict = ctx.clone().with_totp_required_roles(&[Role::Coordinator]);
    let (id, _) = actor(&strict, COORDINATOR).await;
    let step = services::auth::sign_in(&strict, &credentials(COORDINATOR))
        .await
        .unwrap();
    assert_eq!(step, services::auth::SignInStep::Enrol(id));
    // Under the default policy the coordinator signs in with the password alone.
    let step = services::auth::sign_in(&ctx, &credentials(COORDINATOR))
        .await
        .unwrap();
    assert!(
        matches!(step, services::auth::SignInStep::Done(_)),
        "{step:?}"
    );
    assert_eq!(sign_ins(&ctx).await, 1);

    let enrolment = totp::begin_enrolment_for(&strict, id).await.unwrap();
    let again = totp::resume_enrolment(&strict, id, &enrolment.secret)
        .await
        .unwrap();
    assert_eq!(again, enrolment);
    let wrong = totp::code_at(&enrolment.secret, strict.clock.now() + Duration::hours(1)).unwrap();
    let result = totp::sign_in_with_enrolment(&strict, id, &enrolment.secret, &wrong, IP).await;
    assert!(
        matches!(result, Err(ServiceError::Validation(_))),
        "{result:?}"
    );
    assert!(!totp::enabled(&strict, id).await.unwrap());

    let code = totp::code_at(&enrolment.secret, strict.clock.now()).unwrap();
    totp::sign_in_with_enrolment(&strict, id, &enrolment.secret, &code, IP)
        .await
        .unwrap();
    assert!(totp::enabled(&strict, id).await.unwrap());
    assert_eq!(sign_ins(&ctx).await, 2);
    // The code that confirmed the enrolment cannot be used again.
    let replay = totp::verify(&strict, id, &code, IP, strict.clock.now()).await;
    assert!(is_wrong_code(&replay), "{replay:?}");
    // From now on the password leads to the code.
    let step = services::auth::sign_in(&strict, &credentials(COORDINATOR))
        .await
        .unwrap();
    assert_eq!(step, services::auth::SignInStep::Code(id));
    db.cleanup().await;
}
