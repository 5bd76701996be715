//! `/werk/{team}/bijeenkomst/scherm`: the projector in the hall, for those who run the
//! meeting. The chart is plain HTML with SVG bars and the numbers as text; htmx fetches
//! `.../scherm/stand` every second and swaps it (without JavaScript: the refresh link). The
//! voters line is a polite live region that changes only when the number of voters does,
//! so a screen reader hears the count, never the bars.

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use render::vote::{ScreenPage, ScreenState, Stand};
use serde::Deserialize;
use services::meeting::room::{self, Screen};

use crate::AppState;
use crate::auth::InTeam;
use crate::error::AppError;
use crate::html::to_html;

/// `?gezien=`: the voters line the screen shows now (paper-phone).
#[derive(Debug, Default, Deserialize)]
pub struct Seen {
    gezien: Option<String>,
}

fn stand(i18n: render::I18n, team: &str, screen: &Screen, seen: Option<&str>) -> Stand {
    let (state, bars, paper, phone, waiting) = match &screen.live {
        None => (ScreenState::Waiting, Vec::new(), 0, 0, false),
        Some(live) => {
            let rows: Vec<(String, u64, u64)> = live
                .items
                .iter()
                .map(|(item, count)| (item.title.clone(), count.paper, count.phone))
                .collect();
            let state = if live.meeting.state == domain::meeting::MeetingState::Open {
                ScreenState::Open
            } else {
                ScreenState::Closed
            };
            (
                state,
                Stand::bars(i18n, &rows),
                live.paper_voters,
                live.phone_voters,
                live.paper_waiting,
            )
        }
    };
    let key = format!("{paper}-{phone}");
    let team_path: String = url::form_urlencoded::byte_serialize(team.as_bytes()).collect();
    Stand {
        state,
        bars,
        voters: i18n.tn(
            "screen-voters",
            &[
                ("n", &(paper + phone).to_string()),
                ("paper", &paper.to_string()),
                ("phone", &phone.to_string()),
            ],
        ),
        paper_waiting: waiting,
        next: format!("/werk/{team_path}/bijeenkomst/scherm/stand?gezien={key}"),
        announce: seen.is_some_and(|s| s != key),
        i18n,
    }
}

/// `GET /werk/{team}/bijeenkomst/scherm`: the projector page.
pub async fn show(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
) -> Result<Html<String>, AppError> {
    let screen = room::screen(&state.ctx, &scope).await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let stand = stand(i18n, &team, &screen, None);
    let page = ScreenPage {
        voters: stand.voters.clone(),
        stand: to_html(&stand)?.0,
        team: screen.team,
        i18n,
        shell,
    };
    to_html(&page)
}

/// `GET /werk/{team}/bijeenkomst/scherm/stand`: the chart alone, for htmx.
pub async fn stand_part(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
    Query(seen): Query<Seen>,
) -> Result<Response, AppError> {
    let screen = room::screen(&state.ctx, &scope).await?;
    let i18n = render::I18n::new(staff.page.locale);
    let stand = stand(i18n, &team, &screen, seen.gezien.as_deref());
    Ok(to_html(&stand)?.into_response())
}
