//! Reminders about agreements: a set number of days before the target date and on it, the
//! owner gets one mail (through the outbox), once per threshold and due date; a moved date
//! re-arms them. Run by the background jobs; safe to run twice, also on two servers at once.

use chrono::Duration;
use domain::agreement::reminders_due;
use domain::credentials::Email;
use domain::inventory::Sensitivity;
use render::mail::AgreementReminderMail;
use store::repo::agreements;

use crate::{Ctx, ServiceResult};

/// Days before the target date that a reminder goes (0: on the day itself).
pub const THRESHOLDS: [u32; 2] = [7, 0];

/// Queues the reminders that are due today; the number queued.
pub async fn send_due(ctx: &Ctx) -> ServiceResult<u64> {
    let now = ctx.clock.now();
    let today = crate::scope::today(now);
    let horizon = THRESHOLDS.iter().copied().max().unwrap_or(0);
    let until = today + Duration::days(i64::from(horizon));
    let candidates = agreements::due_by(ctx.store.conn(), until).await?;
    let mut queued = 0;
    for c in candidates {
        let a = &c.agreement;
        let due = reminders_due(&THRESHOLDS, a.target, today, &c.sent);
        let Some(most_urgent) = due.first().copied() else {
            continue;
        };
        let Ok(to) = c.email.parse::<Email>() else {
            tracing::warn!(
                agreement = a.id.get(),
                "an owner's e-mail address is not one"
            );
            continue;
        };
        let link = format!("{}/werk/{}/afspraken/{}", ctx.public_url, c.team.0, a.id);
        // A police-restricted agreement's mail says only that there is one.
        let police = a.sensitivity == Sensitivity::Police;
        let mail = AgreementReminderMail::new(
            domain::Locale::Nl,
            &c.team.1,
            if police { None } else { Some(a.what.as_str()) },
            a.target,
            most_urgent,
            &link,
        );
        let text = crate::mail::rendered(mail.to_mail())?;
        let tx = ctx.store.begin_write().await?;
        if !agreements::note_reminders(&tx, a.id, &due, a.target, now).await? {
            tx.rollback().await?;
            continue;
        }
        if police {
            crate::mail::enqueue_police_only(&tx, Some(c.municipality), &to, &text, now).await?;
        } else {
            crate::mail::enqueue(&tx, Some(c.municipality), &to, &text, now).await?;
        }
        tx.commit().await?;
        queued += 1;
    }
    Ok(queued)
}
