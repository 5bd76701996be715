//! Background jobs: queue reminders about agreements due soon, send due mail (when an SMTP
//! server is configured), remove mail and links
//! past their retention, remove expired sessions and day-old rate-limit claims. `serve` runs them on an interval;
//! `buurtagenda run-jobs --once` runs them once (for tests and cron).

use std::time::Duration;

use anyhow::Context;
use services::Ctx;
use services::mail::{SendReport, SmtpMailer};

use super::open;
use crate::config::Config;

/// How often `serve` (and `run-jobs` without `--once`) runs the jobs.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// The mailer the configuration asks for, if any.
pub fn mailer(config: &Config) -> anyhow::Result<Option<SmtpMailer>> {
    let Some(url) = &config.smtp_url else {
        return Ok(None);
    };
    let from = config
        .mail_from
        .as_deref()
        .context("mail_from (BUURTAGENDA_MAIL_FROM) is required when smtp_url is set")?;
    Ok(Some(SmtpMailer::new(url.expose(), from)?))
}

/// What one run did.
#[derive(Clone, Copy, Debug, Default)]
pub struct JobsReport {
    /// Mail sent and failed; `None` without an SMTP server.
    pub mail: Option<SendReport>,
    /// Old messages removed.
    pub mails_removed: u64,
    /// Long-expired links removed.
    pub links_removed: u64,
    /// Expired sessions removed.
    pub sessions_removed: u64,
    /// Day-old sign-in attempts and rate-limit claims removed.
    pub claims_removed: u64,
    /// Reminders about agreements queued.
    pub reminders: u64,
}

/// Runs every job once.
pub async fn run_due(ctx: &Ctx, mailer: Option<&SmtpMailer>) -> anyhow::Result<JobsReport> {
    let purged = services::mail::purge_old(ctx)
        .await
        .context("removing old mail")?;
    let sessions_removed = services::sessions::purge_expired(ctx, ctx.clock.now())
        .await
        .context("removing expired sessions")?;
    let claims_removed = services::limits::purge_old(ctx)
        .await
        .context("removing old rate-limit claims")?;
    let reminders = services::action::reminders::send_due(ctx)
        .await
        .context("queueing reminders about agreements")?;
    let mail = match mailer {
        Some(mailer) => Some(
            services::mail::send_due(ctx, mailer)
                .await
                .context("sending mail")?,
        ),
        None => None,
    };
    Ok(JobsReport {
        mail,
        mails_removed: purged.mails,
        links_removed: purged.tokens,
        sessions_removed,
        claims_removed,
        reminders,
    })
}

/// Runs the jobs every `INTERVAL` until the task is dropped; failures are logged and the
/// next run tries again.
pub async fn run_forever(ctx: Ctx, mailer: Option<SmtpMailer>) {
    let mut ticks = tokio::time::interval(INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match run_due(&ctx, mailer.as_ref()).await {
            Ok(report) => {
                if report.reminders > 0 {
                    tracing::info!(queued = report.reminders, "reminders about agreements");
                }
                if let Some(mail) = report.mail.filter(|m| m.sent + m.failed > 0) {
                    tracing::info!(sent = mail.sent, failed = mail.failed, "mail sent");
                }
            }
            Err(err) => tracing::error!(error = format!("{err:#}"), "background jobs"),
        }
    }
}

/// `buurtagenda run-jobs [--once]`.
pub async fn run(config: &Config, once: bool) -> anyhow::Result<()> {
    let mailer = mailer(config)?;
    let store = open(config).await?;
    store.migrate().await?;
    let ctx = config.ctx(store.clone());
    if !once {
        println!("Running jobs every {} s. Stop: Ctrl+C", INTERVAL.as_secs());
        tokio::select! {
            () = run_forever(ctx, mailer) => {},
            _ = tokio::signal::ctrl_c() => {},
        }
        store.close().await?;
        return Ok(());
    }
    let report = run_due(&ctx, mailer.as_ref()).await?;
    println!("Reminders about agreements queued: {}.", report.reminders);
    match report.mail {
        Some(mail) => println!(
            "Mail: {} sent, {} failed (tried again later).",
            mail.sent, mail.failed
        ),
        None => println!(
            "Mail: no SMTP server configured (smtp_url); messages stay in the outbox, \
             readable at {}/beheer/berichten.",
            config.public_url()
        ),
    }
    println!(
        "Removed: {} old message(s), {} expired link(s), {} expired session(s), \
         {} old rate-limit claim(s).",
        report.mails_removed, report.links_removed, report.sessions_removed, report.claims_removed
    );
    store.close().await?;
    Ok(())
}
