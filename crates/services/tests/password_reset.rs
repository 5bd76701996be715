//! Password reset on a real database (SQLite, and PostgreSQL with `TEST_DATABASE_URL`): the
//! same outcome for unknown and known addresses, links that work once and for 60 minutes,
//! and a limit on links per address.

use chrono::{Duration, Utc};
use domain::Locale;
use services::auth::{Credentials, sign_in};
use services::one_time::ChosenPassword;
use services::{Ctx, ManualClock, ServiceError, demo, password_reset};
use store::repo::mail as outbox;
use store::repo::tokens;
use testkit::TestDb;

const EMAIL: &str = "wijkagent@demo.buurtagenda.nl";
const NEW_PASSWORD: &str = "een nieuwe lange zin";

async fn setup() -> (TestDb, Ctx, ManualClock) {
    let now = Utc::now();
    let (db, _) = TestDb::demo(now).await;
    let clock = ManualClock::new(now);
    let ctx =
        Ctx::with_clock(db.store().await, clock.clone()).with_public_url("https://buurt.test/");
    (db, ctx, clock)
}

async fn mails_to(ctx: &Ctx, to: &str) -> Vec<outbox::MailRecord> {
    outbox::for_address(ctx.store.conn(), to).await.unwrap()
}

/// The token from the last reset mail to `to`.
async fn last_token(ctx: &Ctx, to: &str) -> String {
    let mails = mails_to(ctx, to).await;
    let body = &mails.last().expect("a mail").body;
    let start = body
        .find("https://buurt.test/wachtwoord-herstellen/")
        .expect("a link with the public URL")
        + "https://buurt.test/wachtwoord-herstellen/".len();
    body[start..start + 64].to_owned()
}

fn chosen(password: &str) -> ChosenPassword {
    ChosenPassword {
        password: password.into(),
        confirmation: password.into(),
    }
}

async fn can_sign_in(ctx: &Ctx, password: &str) -> bool {
    let credentials = Credentials {
        email: EMAIL.into(),
        password: password.into(),
        ip: "192.0.2.1".into(),
    };
    sign_in(ctx, &credentials).await.is_ok()
}

#[tokio::test]
async fn unknown_and_known_addresses_get_the_same_answer_and_only_known_ones_a_mail() {
    let (db, ctx, _) = setup().await;
    let known = password_reset::request(&ctx, EMAIL, Locale::Nl).await;
    let unknown = password_reset::request(&ctx, "niemand@demo.buurtagenda.nl", Locale::Nl).await;
    assert!(known.is_ok() && unknown.is_ok(), "{known:?} {unknown:?}");
    assert_eq!(mails_to(&ctx, EMAIL).await.len(), 1);
    assert!(
        mails_to(&ctx, "niemand@demo.buurtagenda.nl")
            .await
            .is_empty()
    );
    let mail = &mails_to(&ctx, EMAIL).await[0];
    assert!(
        mail.body.starts_with("Hallo Rob Janssen,"),
        "Dutch, personal"
    );
    assert!(matches!(
        password_reset::request(&ctx, "geen adres", Locale::Nl).await,
        Err(ServiceError::Validation(_))
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn a_link_sets_a_new_password_once_and_no_other_link_works_after() {
    let (db, ctx, _) = setup().await;
    password_reset::request(&ctx, EMAIL, Locale::En)
        .await
        .unwrap();
    let first = last_token(&ctx, EMAIL).await;
    password_reset::request(&ctx, EMAIL, Locale::En)
        .await
        .unwrap();
    let second = last_token(&ctx, EMAIL).await;
    assert_ne!(first, second);
    assert!(mails_to(&ctx, EMAIL).await[0].body.starts_with("Hello"));

    assert!(password_reset::check(&ctx, &second).await.unwrap());
    let mismatch = ChosenPassword {
        password: NEW_PASSWORD.into(),
        confirmation: "iets anders".into(),
    };
    assert!(matches!(
        password_reset::complete(&ctx, &second, &mismatch).await,
        Err(ServiceError::Validation(_))
    ));
    assert!(
        password_reset::check(&ctx, &second).await.unwrap(),
        "a refused form does not use the link"
    );
    let user = password_reset::complete(&ctx, &second, &chosen(NEW_PASSWORD))
        .await
        .unwrap();
    assert!(user.is_some());
    assert!(can_sign_in(&ctx, NEW_PASSWORD).await);
    assert!(!can_sign_in(&ctx, demo::DEMO_PASSWORD).await);

    for used in [&second, &first] {
        assert!(!password_reset::check(&ctx, used).await.unwrap());
        assert_eq!(
            password_reset::complete(&ctx, used, &chosen("nog een andere zin"))
                .await
                .unwrap(),
            None,
            "a used or retired link does not work"
        );
    }
    assert!(can_sign_in(&ctx, NEW_PASSWORD).await);
    db.cleanup().await;
}

#[tokio::test]
async fn a_link_expires_after_sixty_minutes() {
    let (db, ctx, clock) = setup().await;
    password_reset::request(&ctx, EMAIL, Locale::Nl)
        .await
        .unwrap();
    let token = last_token(&ctx, EMAIL).await;
    clock.advance(Duration::minutes(59));
    assert!(password_reset::check(&ctx, &token).await.unwrap());
    clock.advance(Duration::minutes(1));
    assert!(!password_reset::check(&ctx, &token).await.unwrap());
    assert_eq!(
        password_reset::complete(&ctx, &token, &chosen(NEW_PASSWORD))
            .await
            .unwrap(),
        None
    );
    assert!(can_sign_in(&ctx, demo::DEMO_PASSWORD).await);
    db.cleanup().await;
}

#[tokio::test]
async fn an_address_gets_three_links_an_hour_and_the_answer_stays_the_same() {
    let (db, ctx, clock) = setup().await;
    for _ in 0..5 {
        password_reset::request(&ctx, EMAIL, Locale::Nl)
            .await
            .unwrap();
    }
    assert_eq!(mails_to(&ctx, EMAIL).await.len(), 3);
    clock.advance(Duration::minutes(61));
    password_reset::request(&ctx, EMAIL, Locale::Nl)
        .await
        .unwrap();
    assert_eq!(mails_to(&ctx, EMAIL).await.len(), 4);
    db.cleanup().await;
}

#[tokio::test]
async fn tokens_are_stored_as_hashes_only() {
    use sha2::Digest;
    let (db, ctx, _) = setup().await;
    password_reset::request(&ctx, EMAIL, Locale::Nl)
        .await
        .unwrap();
    let token = last_token(&ctx, EMAIL).await;
    let conn = ctx.store.conn();
    let purpose = "password-reset";
    assert_eq!(tokens::find(conn, purpose, &token).await.unwrap(), None);
    let hash = sha2::Sha256::digest(token.as_bytes())
        .iter()
        .fold(String::new(), |mut out, b| {
            use std::fmt::Write;
            let _ = write!(out, "{b:02x}");
            out
        });
    let stored = tokens::find(conn, purpose, &hash).await.unwrap().unwrap();
    assert_eq!(stored.expires_at - stored.created_at, Duration::minutes(60));
    db.cleanup().await;
}
