//! The outbox on a real database with an in-process SMTP server: due mail is sent once,
//! failures wait longer each time, the outbox shows administrators what was sent (but not
//! the text of mail for accounts they may not manage), and old mail is removed.

use chrono::{Duration, Utc};
use domain::credentials::Email;
use domain::{Locale, PageRequest};
use services::mail::{self, MailStatus};
use services::{Actor, Clock, Ctx, ManualClock, ServiceError, password_reset};
use store::repo::{accounts, mail as outbox};
use testkit::{SmtpSink, TestDb};

async fn setup() -> (TestDb, Ctx, ManualClock, domain::MunicipalityId) {
    let now = Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let clock = ManualClock::new(now);
    let ctx = Ctx::with_clock(db.store().await, clock.clone());
    let summary = demo;
    (db, ctx, clock, summary.municipality)
}

async fn actor(ctx: &Ctx, email: &str) -> Actor {
    let email: Email = email.parse().unwrap();
    let account = accounts::find_by_email(ctx.store.conn(), &email)
        .await
        .unwrap()
        .unwrap();
    let user = services::accounts::principal(ctx, account.id)
        .await
        .unwrap()
        .unwrap();
    Actor::User(Box::new(user))
}

#[tokio::test]
async fn due_mail_is_sent_once_over_smtp() {
    let (db, ctx, _, _) = setup().await;
    let sink = SmtpSink::start().await;
    password_reset::request(&ctx, "wijkagent@demo.buurtagenda.nl", Locale::Nl)
        .await
        .unwrap();
    let report = mail::send_due(&ctx, &sink.mailer()).await.unwrap();
    assert_eq!((report.sent, report.failed), (1, 0));
    let received = sink.wait_for(1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["wijkagent@demo.buurtagenda.nl"]);
    assert_eq!(
        received[0].header("Subject").as_deref(),
        Some("Kies een nieuw wachtwoord voor buurtagenda")
    );
    let link = received[0]
        .link_containing("/wachtwoord-herstellen/")
        .expect("the link");
    assert!(link.starts_with("http://localhost:8080/"), "{link}");
    assert!(received[0].body().contains("één keer"), "decoded text");

    let again = mail::send_due(&ctx, &sink.mailer()).await.unwrap();
    assert_eq!((again.sent, again.failed), (0, 0), "nothing twice");
    let rows = outbox::for_address(ctx.store.conn(), "wijkagent@demo.buurtagenda.nl")
        .await
        .unwrap();
    assert!(rows[0].sent_at.is_some());
    db.cleanup().await;
}

#[tokio::test]
async fn failures_are_recorded_and_retried_later() {
    let (db, ctx, clock, _) = setup().await;
    let sink = SmtpSink::start().await;
    sink.refuse(true);
    password_reset::request(&ctx, "wijkagent@demo.buurtagenda.nl", Locale::Nl)
        .await
        .unwrap();
    let report = mail::send_due(&ctx, &sink.mailer()).await.unwrap();
    assert_eq!((report.sent, report.failed), (0, 1));
    let row = &outbox::for_address(ctx.store.conn(), "wijkagent@demo.buurtagenda.nl")
        .await
        .unwrap()[0];
    assert_eq!(row.attempts, 1);
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("try again")
    );
    let wait = row.send_after - clock.now();
    assert!(
        (wait - mail::backoff(1)).num_milliseconds().abs() < 1,
        "{wait}: PostgreSQL keeps microseconds"
    );

    sink.refuse(false);
    let early = mail::send_due(&ctx, &sink.mailer()).await.unwrap();
    assert_eq!(early.sent, 0, "not before the back-off has passed");
    clock.advance(Duration::minutes(1));
    let later = mail::send_due(&ctx, &sink.mailer()).await.unwrap();
    assert_eq!(later.sent, 1);
    assert_eq!(sink.wait_for(1).await.len(), 1);
    db.cleanup().await;
}

#[tokio::test]
async fn a_message_is_given_up_after_the_last_attempt() {
    let (db, ctx, clock, municipality) = setup().await;
    let sink = SmtpSink::start().await;
    sink.refuse(true);
    password_reset::request(&ctx, "wijkagent@demo.buurtagenda.nl", Locale::Nl)
        .await
        .unwrap();
    for _ in 0..mail::MAX_ATTEMPTS {
        mail::send_due(&ctx, &sink.mailer()).await.unwrap();
        clock.advance(Duration::hours(5));
    }
    sink.refuse(false);
    assert_eq!(mail::send_due(&ctx, &sink.mailer()).await.unwrap().sent, 0);
    let page = mail::list_outbox(&ctx, &Actor::Cli, municipality, &PageRequest::first(10))
        .await
        .unwrap();
    assert!(matches!(page.items[0].status, MailStatus::Failed { .. }));
    db.cleanup().await;
}

#[tokio::test]
async fn the_outbox_is_for_those_who_manage_users_and_hides_what_they_may_not_read() {
    let (db, ctx, _, municipality) = setup().await;
    for email in [
        "beheer@demo.buurtagenda.nl",
        "wijkagent@demo.buurtagenda.nl",
    ] {
        password_reset::request(&ctx, email, Locale::Nl)
            .await
            .unwrap();
    }
    let page = PageRequest::first(10);
    let team_member = actor(&ctx, "wijkagent@demo.buurtagenda.nl").await;
    assert!(matches!(
        mail::list_outbox(&ctx, &team_member, municipality, &page).await,
        Err(ServiceError::Forbidden)
    ));

    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    let seen = mail::list_outbox(&ctx, &coordinator, municipality, &page)
        .await
        .unwrap();
    assert_eq!(seen.items.len(), 2);
    let body_of = |to: &str| {
        seen.items
            .iter()
            .find(|m| m.to == to)
            .map(|m| m.body.is_some())
            .unwrap()
    };
    assert!(body_of("wijkagent@demo.buurtagenda.nl"));
    assert!(
        !body_of("beheer@demo.buurtagenda.nl"),
        "a coordinator cannot read an administrator's reset link"
    );

    let administrator = actor(&ctx, "beheer@demo.buurtagenda.nl").await;
    let all = mail::list_outbox(&ctx, &administrator, municipality, &page)
        .await
        .unwrap();
    assert!(all.items.iter().all(|m| m.body.is_some()));
    assert!(all.items[0].id > all.items[1].id, "newest first");
    assert!(all.items.iter().all(|m| m.status == MailStatus::Waiting));
    db.cleanup().await;
}

#[tokio::test]
async fn the_outbox_pages_by_key_and_old_mail_is_removed() {
    let (db, ctx, clock, municipality) = setup().await;
    for _ in 0..3 {
        password_reset::request(&ctx, "wijkagent@demo.buurtagenda.nl", Locale::Nl)
            .await
            .unwrap();
    }
    let first = mail::list_outbox(&ctx, &Actor::Cli, municipality, &PageRequest::first(2))
        .await
        .unwrap();
    assert_eq!(first.items.len(), 2);
    let second = mail::list_outbox(
        &ctx,
        &Actor::Cli,
        municipality,
        &PageRequest::new(first.next.clone(), 2),
    )
    .await
    .unwrap();
    assert_eq!(second.items.len(), 1);
    assert!(second.next.is_none());

    clock.advance(Duration::hours(2));
    let purged = mail::purge_old(&ctx).await.unwrap();
    assert_eq!(
        (purged.mails, purged.tokens),
        (0, 0),
        "expired links stay a day"
    );
    clock.advance(Duration::days(1));
    let purged = mail::purge_old(&ctx).await.unwrap();
    assert_eq!((purged.mails, purged.tokens), (0, 3));
    clock.advance(Duration::days(29));
    let purged = mail::purge_old(&ctx).await.unwrap();
    assert_eq!(
        (purged.mails, purged.tokens),
        (3, 0),
        "mail is kept 30 days"
    );
    db.cleanup().await;
}
