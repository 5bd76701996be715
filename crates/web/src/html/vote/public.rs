//! What residents see of the meetings on a neighbourhood's pages: the current priorities
//! and next meeting on `/buurten/{slug}` (built here, shown by the neighbourhood page),
//! `/buurten/{slug}/bijeenkomst` (the QR code on the letters leads there),
//! `/buurten/{slug}/bijeenkomst.ics` and `/buurten/{slug}/prioriteiten` (past results).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::place::Neighbourhood;
use render::vote::{
    InvitationView, MeetingPage, NextMeeting, PastView, PrioritiesPage, PriorityView,
    ResultRowView, TeamAgendaView, when,
};
use serde::Deserialize;
use services::meeting::room::MeetingRecord;
use services::meeting::{invite, public};

use crate::AppState;
use crate::error::AppError;
use crate::html::shell::PageCtx;
use crate::html::to_html;
use render::ical::{Event, calendar as ical_calendar};

/// `?gemeente=` picks the municipality (as on the neighbourhood page); `?team=` the team
/// of the calendar file when several cover the neighbourhood.
#[derive(Debug, Default, Deserialize)]
pub struct Where {
    gemeente: Option<String>,
    team: Option<i64>,
}

fn encoded(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

impl Where {
    fn query(&self) -> String {
        self.gemeente
            .as_deref()
            .map(|m| format!("?gemeente={}", encoded(m)))
            .unwrap_or_default()
    }
}

async fn find(state: &AppState, slug: &str, at: &Where) -> Result<Neighbourhood, AppError> {
    services::inventory::report::neighbourhood(&state.ctx, slug, at.gemeente.as_deref())
        .await?
        .ok_or(AppError::NotFound)
}

fn next_meeting(
    i18n: render::I18n,
    meeting: &MeetingRecord,
    place: &Neighbourhood,
    query: &str,
) -> NextMeeting {
    let joiner = if query.is_empty() { '?' } else { '&' };
    NextMeeting {
        when: when(i18n.locale, meeting.starts_at, meeting.ends_at),
        venue: meeting.venue.clone(),
        address: meeting.venue_address.clone(),
        accessibility: meeting.accessibility.clone(),
        ics: format!(
            "/buurten/{}/bijeenkomst.ics{query}{joiner}team={}",
            place.slug,
            meeting.team.get()
        ),
    }
}

/// The meetings' part of the neighbourhood page: per team, its current priorities and the
/// next meeting.
pub(crate) async fn agendas(
    state: &AppState,
    place: &Neighbourhood,
    i18n: render::I18n,
    query: &str,
) -> Result<Vec<TeamAgendaView>, AppError> {
    let agendas = public::for_teams(&state.ctx, &place.teams).await?;
    Ok(agendas
        .iter()
        .map(|a| TeamAgendaView {
            name: a.name.clone(),
            current: a
                .current
                .iter()
                .map(|p| PriorityView {
                    title: p.priority.title.clone(),
                    since: p
                        .continues
                        .then(|| i18n.t1("public-agenda-since", "n", &p.cycle_number.to_string())),
                    quick_win: p.priority.quick_win,
                    residents_act: p.priority.residents_act,
                })
                .collect(),
            next: a.next.as_ref().map(|m| next_meeting(i18n, m, place, query)),
            has_past: !a.past.is_empty(),
        })
        .collect())
}

/// `GET /buurten/{slug}/bijeenkomst`: when and where, how the stickers work, and what the
/// team heard.
pub async fn meeting(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
) -> Result<Response, AppError> {
    let page = meeting_page(&state, &page_ctx, &slug, &at);
    crate::html::public_page(&state, &page_ctx, page).await
}

async fn meeting_page(
    state: &AppState,
    page_ctx: &PageCtx,
    slug: &str,
    at: &Where,
) -> Result<Html<String>, AppError> {
    let place = find(state, slug, at).await?;
    let invitations = invite::invitations(&state.ctx, &place.teams).await?;
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    let query = at.query();
    let page = MeetingPage {
        back: format!("/buurten/{}{query}", place.slug),
        teams: invitations
            .iter()
            .map(|inv| InvitationView {
                team: inv.name.clone(),
                next: inv
                    .meeting
                    .as_ref()
                    .map(|m| next_meeting(i18n, m, &place, &query)),
                stickers: i18n.t1(
                    if inv.settings.stack {
                        "invite-stickers-stack"
                    } else {
                        "invite-stickers"
                    },
                    "n",
                    &inv.settings.stickers.to_string(),
                ),
                heard: inv.heard.clone(),
            })
            .collect(),
        name: place.name,
        i18n,
        shell,
    };
    to_html(&page)
}

/// `GET /buurten/{slug}/bijeenkomst.ics`: the next meeting as a calendar file. With none
/// planned, the meeting page (which says so).
pub async fn calendar(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
) -> Result<Response, AppError> {
    let place = find(&state, &slug, &at).await?;
    let invitations = invite::invitations(&state.ctx, &place.teams).await?;
    let chosen = invitations
        .iter()
        .filter(|inv| at.team.is_none_or(|t| inv.team.get() == t))
        .find_map(|inv| inv.meeting.as_ref().map(|m| (inv, m)));
    let page_url = format!("/buurten/{}/bijeenkomst{}", place.slug, at.query());
    let Some((inv, meeting)) = chosen else {
        return Ok(Redirect::to(&page_url).into_response());
    };
    let i18n = render::I18n::new(page_ctx.locale);
    let base = state.ctx.public_url.trim_end_matches('/');
    let event = Event {
        uid: format!(
            "meeting-{}@{}",
            meeting.id,
            base.split("//").last().unwrap_or(base)
        ),
        stamp: state.ctx.clock.now(),
        starts: meeting.starts_at,
        ends: meeting.ends_at,
        summary: i18n.t1("invite-calendar-summary", "team", &inv.name),
        location: [meeting.venue.as_str(), meeting.venue_address.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        description: i18n.t("invite-calendar-description"),
        url: format!("{base}{page_url}"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"buurtbijeenkomst.ics\"",
            ),
        ],
        ical_calendar(&event),
    )
        .into_response())
}

fn past_view(i18n: render::I18n, team: &str, past: &public::PastMeeting) -> PastView {
    let n = |v: Option<u32>| render::format::count(i18n.locale, u64::from(v.unwrap_or(0)));
    let m = &past.meeting;
    PastView {
        heading: i18n.tn(
            "past-heading",
            &[("team", team), ("n", &past.cycle_number.to_string())],
        ),
        id: format!("meeting-{}", m.id),
        when: when(i18n.locale, m.starts_at, m.ends_at),
        facts: vec![
            (i18n.t("past-attendees"), n(m.attendees)),
            (i18n.t("past-phone-voters"), n(m.phone_voters)),
            (i18n.t("past-stickers-used"), n(m.stickers_used)),
        ],
        rows: past
            .ballot
            .iter()
            .map(|b| ResultRowView {
                rank: b.rank.map(|r| r.to_string()).unwrap_or_default(),
                title: b.title.clone(),
                paper: n(b.paper),
                phone: n(b.phone),
                chosen: b.chosen,
                marks: [
                    b.quick_win.then(|| i18n.t("public-mark-quick-win")),
                    b.residents_act.then(|| i18n.t("public-mark-residents-act")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            })
            .collect(),
        chair_reason: m.chair_reason.clone(),
        hash: m.export_hash.clone().unwrap_or_default(),
    }
}

/// `GET /buurten/{slug}/prioriteiten`: every published result, newest first.
pub async fn priorities(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
) -> Result<Response, AppError> {
    let page = priorities_page(&state, &page_ctx, &slug, &at);
    crate::html::public_page(&state, &page_ctx, page).await
}

async fn priorities_page(
    state: &AppState,
    page_ctx: &PageCtx,
    slug: &str,
    at: &Where,
) -> Result<Html<String>, AppError> {
    let place = find(state, slug, at).await?;
    let agendas = public::for_teams(&state.ctx, &place.teams).await?;
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    let mut past: Vec<(chrono::DateTime<chrono::Utc>, PastView)> = agendas
        .iter()
        .flat_map(|a| {
            a.past
                .iter()
                .map(|p| (p.meeting.starts_at, past_view(i18n, &a.name, p)))
        })
        .collect();
    past.sort_by_key(|p| std::cmp::Reverse(p.0));
    let page = PrioritiesPage {
        back: format!("/buurten/{}{}", place.slug, at.query()),
        past: past.into_iter().map(|(_, p)| p).collect(),
        name: place.name,
        i18n,
        shell,
    };
    to_html(&page)
}
