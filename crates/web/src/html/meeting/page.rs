//! `GET /werk/{team}/bijeenkomst`: the cycle's calendar, the meeting's state and its next
//! step, built from `services::meeting::plan::page` (and the result once voting closed).

use axum::extract::{Query, State};
use axum::response::Html;
use domain::meeting::MeetingState;
use render::I18n;
use render::local_time;
use render::meeting::{
    BallotRow, FormView, MeetingFacts, MeetingPage, PendingCount, ResultRow, VersionRow,
};
use serde::Deserialize;
use services::meeting::plan::{self, MeetingPage as Facts};
use services::meeting::publish;

use services::TeamScope;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::to_html;

/// What the page says after a step (`klaar`) or a change under the visitor's hands
/// (`melding`).
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    klaar: Option<String>,
    melding: Option<String>,
}

impl Notice {
    fn key(&self) -> Option<&'static str> {
        if self.melding.is_some() {
            return Some("meeting-notice-conflict");
        }
        Some(match self.klaar.as_deref()? {
            "instellingen" => "meeting-notice-settings",
            "plan" => "meeting-notice-plan",
            "open" => "meeting-notice-open",
            "telling" => "meeting-notice-paper",
            "bevestigd" => "meeting-notice-confirm",
            "gesloten" => "meeting-notice-close",
            "gepubliceerd" => "meeting-notice-publish",
            _ => return None,
        })
    }
}

/// `GET /werk/{team}/bijeenkomst`.
pub async fn show(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Query(notice): Query<Notice>,
) -> Result<Html<String>, AppError> {
    to_html(&build(&state, &staff, &scope, notice.key()).await?)
}

fn n(i18n: I18n, value: impl Into<u64>) -> String {
    render::format::count(i18n.locale, value.into())
}

fn calendar(i18n: I18n, facts: &Facts) -> Vec<(String, String)> {
    let c = &facts.calendar;
    [
        ("meeting-cal-start", c.starts_on),
        ("meeting-cal-inventory-ends", c.inventory_ends_on),
        ("meeting-cal-meeting", c.meeting_on),
        ("meeting-cal-end", c.ends_on),
    ]
    .into_iter()
    .map(|(key, day)| (i18n.t(key), local_time::day(i18n.locale, day)))
    .collect()
}

fn settings(i18n: I18n, facts: &Facts) -> String {
    // An open meeting votes with the settings it opened with.
    let vote = match &facts.meeting {
        Some(m) if m.state != MeetingState::Planned => m.settings,
        _ => facts.settings.vote,
    };
    i18n.tn(
        "meeting-settings-summary",
        &[
            ("weeks", &facts.settings.weeks.to_string()),
            ("stickers", &vote.stickers.to_string()),
            ("priorities", &vote.priorities.to_string()),
            (
                "stack",
                &i18n.t(if vote.stack {
                    "meeting-stack-on"
                } else {
                    "meeting-stack-off"
                }),
            ),
            (
                "ties",
                &i18n.t(&format!("meeting-ties-{}", vote.ties.code())),
            ),
        ],
    )
}

/// The paper count's versions, the one waiting for confirmation, and the form's values
/// (the latest count, to correct).
fn paper(
    i18n: I18n,
    facts: &Facts,
    me: Option<domain::UserId>,
) -> (Vec<VersionRow>, Option<PendingCount>, FormView) {
    let name = |account: domain::UserId| facts.names.get(&account).cloned().unwrap_or_default();
    let at = |t| local_time::date_time(i18n.locale, t);
    let versions = facts
        .paper
        .iter()
        .map(|v| VersionRow {
            version: v.version,
            attendees: n(i18n, v.attendees),
            stickers: n(i18n, v.stickers.values().sum::<u64>()),
            entered: i18n.tn(
                "meeting-entered-by",
                &[("name", &name(v.entered_by)), ("at", &at(v.entered_at))],
            ),
            reason: v.reason.clone().unwrap_or_default(),
            confirmed: match (v.confirmed_by, v.confirmed_at) {
                (Some(by), Some(when)) => i18n.tn(
                    "meeting-entered-by",
                    &[("name", &name(by)), ("at", &at(when))],
                ),
                _ => i18n.t("meeting-waiting"),
            },
        })
        .collect();
    let latest = facts.paper.last();
    let pending = latest
        .filter(|v| v.confirmed_by.is_none())
        .map(|v| PendingCount {
            version: v.version,
            entered: i18n.tn(
                "meeting-pending-by",
                &[("name", &name(v.entered_by)), ("at", &at(v.entered_at))],
            ),
            attendees: n(i18n, v.attendees),
            items: facts
                .ballot
                .iter()
                .map(|b| {
                    (
                        b.title.clone(),
                        n(i18n, *v.stickers.get(&b.id).unwrap_or(&0)),
                    )
                })
                .collect(),
            own: me == Some(v.entered_by),
        });
    let mut values = Vec::new();
    if let Some(v) = latest {
        values.push(("attendees".to_owned(), v.attendees.to_string()));
        for b in &facts.ballot {
            let count = v.stickers.get(&b.id).copied().unwrap_or(0);
            values.push((format!("item-{}", b.id), count.to_string()));
        }
    }
    (versions, pending, FormView::filled(values))
}

/// The result table and its facts, once voting has closed.
async fn result(
    state: &AppState,
    scope: &TeamScope,
    i18n: I18n,
) -> Result<(Vec<ResultRow>, Vec<String>, Option<String>), AppError> {
    let view = publish::result(&state.ctx, scope).await?;
    let rows = view
        .rows
        .iter()
        .map(|r| ResultRow {
            id: r.item.id,
            rank: r.rank.to_string(),
            title: r.item.title.clone(),
            paper: n(i18n, r.count.paper),
            phone: n(i18n, r.count.phone),
            total: n(i18n, r.count.paper + r.count.phone),
            chosen: r.chosen,
            tied: r.tied,
        })
        .collect();
    let mut facts = vec![
        i18n.tn(
            "meeting-fact-attendees",
            &[
                ("n", &n(i18n, view.attendees)),
                ("phone", &n(i18n, view.phone_voters)),
            ],
        ),
        i18n.t1("meeting-fact-stickers", "n", &n(i18n, view.stickers_used)),
        i18n.t1("meeting-fact-hash", "hash", &view.export_hash),
    ];
    if view.paper_waiting {
        facts.push(i18n.t("meeting-fact-waiting"));
    }
    let chair = view
        .chair_must_choose
        .then(|| i18n.t1("meeting-chair-places", "n", &view.places_left.to_string()));
    Ok((rows, facts, chair))
}

/// The meeting page of `team` with an optional notice (a message key).
pub(crate) async fn build(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    notice: Option<&str>,
) -> Result<MeetingPage, AppError> {
    let facts = plan::page(&state.ctx, scope).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let me = staff.actor.signed_in().map(|u| u.user);
    let meeting_state = facts.meeting.as_ref().map(|m| m.state);
    let state_code = meeting_state.map_or("none", |s| s.code());
    let (versions, pending, paper_form) = paper(i18n, &facts, me);
    let previous = facts.paper.last();
    let (result, result_facts, chair_choice) = if meeting_state == Some(MeetingState::Closed) {
        result(state, scope, i18n).await?
    } else {
        (Vec::new(), Vec::new(), None)
    };
    Ok(MeetingPage {
        csrf: staff.csrf.clone(),
        team_name: facts.team.name.clone(),
        team_slug: facts.team.slug.to_string(),
        cycle: i18n.t1(
            "concerns-cycle-n",
            "number",
            &facts.cycle.number.to_string(),
        ),
        calendar: calendar(i18n, &facts),
        state: state_code.to_owned(),
        state_label: i18n.t(&format!("meeting-state-{state_code}")),
        meeting: facts.meeting.as_ref().map(|m| MeetingFacts {
            when: format!(
                "{} – {}",
                local_time::date_time(i18n.locale, m.starts_at),
                local_time::amsterdam(m.ends_at).format("%H:%M")
            ),
            venue: m.venue.clone(),
            venue_address: m.venue_address.clone(),
            accessibility: m.accessibility.clone(),
        }),
        settings: settings(i18n, &facts),
        can_run: facts.can_run,
        notice: notice.map(|key| i18n.t(key)),
        agenda: facts
            .agenda
            .iter()
            .map(|(title, concerns)| BallotRow {
                id: None,
                title: title.clone(),
                note: i18n.t1("meeting-concerns", "n", &concerns.to_string()),
            })
            .collect(),
        ballot: facts
            .ballot
            .iter()
            .map(|b| BallotRow {
                id: Some(b.id),
                title: b.title.clone(),
                note: previous
                    .map(|v| {
                        let count = v.stickers.get(&b.id).copied().unwrap_or(0);
                        i18n.t1("meeting-previous", "n", &n(i18n, count))
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        codes: i18n.tn(
            "meeting-codes-state",
            &[
                ("printed", &n(i18n, facts.codes.0)),
                ("used", &n(i18n, facts.codes.1)),
            ],
        ),
        pending,
        versions,
        result,
        result_facts,
        chair_choice,
        open_priorities: facts
            .open_priorities
            .iter()
            .map(|p| (p.id, p.title.clone()))
            .collect(),
        open_form: FormView::default(),
        codes_form: FormView::filled(vec![("count".into(), String::new())]),
        paper_form,
        confirm_form: FormView::default(),
        publish_form: FormView::default(),
        i18n,
        shell,
    })
}
