//! `/werk/{team}/bereik`: where the team went to hear residents, per street, and the form
//! to record an outreach activity.

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::inventory::OutreachKind;
use render::inventory::{Choice, CoveragePage, CoverageRow};
use serde::Deserialize;
use services::inventory::outreach::{self, OutreachInput, Reach};

use services::TeamScope;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

/// What just happened.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

async fn page(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
) -> Result<CoveragePage, AppError> {
    let coverage = outreach::coverage(&state.ctx, scope).await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let locale = shell.locale;
    let can_record = scope.may(domain::access::Action::EditTeam);
    let mut counts = (0, 0, 0);
    let streets = coverage
        .streets
        .iter()
        .map(|s| {
            let (reach, class) = match s.reach {
                Reach::ThisCycle => {
                    counts.0 += 1;
                    (i18n.t("coverage-reach-now"), "now")
                }
                Reach::Earlier(n) => {
                    counts.1 += 1;
                    (
                        i18n.t1("coverage-reach-earlier", "number", &n.to_string()),
                        "earlier",
                    )
                }
                Reach::Never => {
                    counts.2 += 1;
                    (i18n.t("coverage-reach-never"), "never")
                }
            };
            CoverageRow {
                street: s.street,
                name: s.name.clone(),
                reach,
                class,
                last: s
                    .last
                    .map(|d| render::local_time::day(locale, d))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let kind_label = |code: &str| i18n.t(&format!("outreach-kind-{code}"));
    let recent = coverage
        .recent
        .iter()
        .map(|r| {
            i18n.tn(
                "coverage-recent-line",
                &[
                    ("date", &render::local_time::day(locale, r.held_on)),
                    ("kind", &kind_label(&r.kind)),
                    ("streets", &r.streets.len().to_string()),
                    ("spoken", &r.residents_spoken.to_string()),
                ],
            )
        })
        .collect();
    Ok(CoveragePage {
        csrf: staff.csrf.clone(),
        team_name: coverage.team.name.clone(),
        team_slug: coverage.team.slug.to_string(),
        cycle: coverage
            .cycle
            .map(|n| i18n.t1("concerns-cycle-n", "number", &n.to_string()))
            .unwrap_or_default(),
        counts,
        streets,
        recent,
        kinds: OutreachKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.code().to_owned(),
                label: kind_label(k.code()),
            })
            .collect(),
        members: coverage
            .team
            .members
            .iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: p.name.clone(),
            })
            .collect(),
        can_record,
        today: services::inventory::today_iso(state.ctx.clock.now()),
        failed: None,
        notice: None,
        i18n,
        shell,
    })
}

/// `GET /werk/{team}/bereik`.
pub async fn show(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Query(done): Query<Done>,
) -> Result<Html<String>, AppError> {
    let mut page = page(&state, &staff, &scope).await?;
    if done.klaar.is_some() {
        page.notice = Some(page.i18n.t("outreach-saved"));
    }
    to_html(&page)
}

/// `POST /werk/{team}/bereik`: records an outreach activity.
pub async fn record(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let input = OutreachInput {
        kind: fields.get("kind"),
        held_on: fields.get("held_on"),
        residents_spoken: fields.get("residents_spoken"),
        note: fields.get("note"),
        streets: fields.all("streets"),
        members: fields.all("members"),
    };
    match outreach::record(&state.ctx, &scope, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werk/{team}/bereik?klaar=1")).into_response()),
        Err(error @ services::ServiceError::Validation(_)) => {
            let page = page(&state, &staff, &scope).await?;
            let i18n = page.i18n;
            Err(super::refill(
                error,
                fields.without_token(),
                page,
                i18n,
                |page, failed| page.failed = Some(failed),
            ))
        }
        Err(other) => Err(other.into()),
    }
}
