//! `/afspraken`: the visitor's own open agreements, the overdue ones first.

use axum::extract::State;
use axum::response::Html;
use render::I18n;
use render::action::{AgreementRow, MinePage, due_text, state_label};
use render::escalation::GroupLink;
use services::action::{agreements, escalations, requests};

use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::to_html;

/// `GET /afspraken`.
pub async fn show(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    let list = agreements::mine(&state.ctx, &staff.actor).await?;
    let groups = escalations::my_groups(&state.ctx, &staff.actor).await?;
    let department = requests::department_of(&state.ctx, &staff.actor).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let today = services::scope::today(state.ctx.clock.now());
    let week = today + chrono::Duration::days(7);
    let mut page = MinePage {
        overdue: Vec::new(),
        soon: Vec::new(),
        later: Vec::new(),
        groups: groups
            .into_iter()
            .map(|g| GroupLink {
                href: format!("/groepen/{}", g.id),
                name: g.name,
                waiting: i18n.t1("mine-group-waiting", "count", &g.waiting.to_string()),
            })
            .collect(),
        department,
        i18n,
        shell,
    };
    for m in list {
        let a = &m.agreement;
        let (due, overdue) = due_text(&i18n, a.target, a.state, today);
        let row = AgreementRow {
            href: if m.via_inbox {
                format!("/verzoeken/{}", a.id)
            } else {
                format!("/werk/{}/afspraken/{}", m.team.0, a.id)
            },
            what: a.what.clone(),
            owner: String::new(),
            state: state_label(&i18n, a.state),
            state_code: a.state.code(),
            due,
            overdue,
            context: m.team.1.clone(),
        };
        match a.target {
            t if t < today => page.overdue.push(row),
            t if t <= week => page.soon.push(row),
            _ => page.later.push(row),
        }
    }
    to_html(&page)
}
