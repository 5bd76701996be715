//! `/beheer/routering`: the coordinator's agreements on where urgent concerns go at once.

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::inventory::{Choice, RoutingPage, RuleRow, category_label};
use serde::Deserialize;
use services::inventory::routing::{self, RuleInput};

use crate::AppState;
use crate::auth::Staff;
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
    notice: Option<&str>,
) -> Result<RoutingPage, AppError> {
    let m = staff.municipality;
    let rules = routing::rules(&state.ctx, &staff.actor, m).await?;
    let overview = services::structure::overview(&state.ctx, &staff.actor, m).await?;
    let categories = services::inventory::report::categories(&state.ctx, m).await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let category_name = |id: i64| {
        categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| category_label(&i18n, &c.code, c.label.as_deref()))
            .unwrap_or_default()
    };
    let neighbourhoods: Vec<(i64, String)> = overview
        .districts
        .iter()
        .flat_map(|d| d.neighbourhoods.iter().map(|(id, n)| (id.get(), n.clone())))
        .collect();
    let rows = rules
        .iter()
        .map(|r| {
            let organisation = overview
                .organisations
                .iter()
                .find(|o| o.id == r.organisation);
            let department = r.department.and_then(|d| {
                organisation
                    .and_then(|o| o.departments.iter().find(|(id, _)| *id == d))
                    .map(|(_, name)| name.clone())
            });
            let to = match (organisation, department) {
                (Some(o), Some(d)) => format!("{}, {d}", o.name),
                (Some(o), None) => o.name.clone(),
                (None, _) => String::new(),
            };
            RuleRow {
                id: r.id,
                category: category_name(r.category),
                area: r
                    .neighbourhood
                    .and_then(|n| neighbourhoods.iter().find(|(id, _)| *id == n.get()))
                    .map_or_else(|| i18n.t("routing-everywhere"), |(_, name)| name.clone()),
                to,
                email: r.email.clone(),
            }
        })
        .collect();
    Ok(RoutingPage {
        csrf: staff.csrf.clone(),
        rules: rows,
        categories: categories
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: category_label(&i18n, &c.code, c.label.as_deref()),
            })
            .collect(),
        neighbourhoods: neighbourhoods
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name,
            })
            .collect(),
        organisations: overview
            .organisations
            .iter()
            .map(|o| Choice {
                value: o.id.to_string(),
                label: o.name.clone(),
            })
            .collect(),
        departments: overview
            .organisations
            .iter()
            .flat_map(|o| {
                o.departments.iter().map(move |(id, name)| Choice {
                    value: id.to_string(),
                    label: format!("{name} ({})", o.name),
                })
            })
            .collect(),
        failed: None,
        notice: notice.map(|key| i18n.t(key)),
        i18n,
        shell,
    })
}

/// `GET /beheer/routering`.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(done): Query<Done>,
) -> Result<Html<String>, AppError> {
    let notice = match done.klaar.as_deref() {
        Some("opgeslagen") => Some("routing-saved"),
        Some("verwijderd") => Some("routing-removed"),
        _ => None,
    };
    to_html(&page(&state, &staff, notice).await?)
}

/// `POST /beheer/routering`: saves an agreement.
pub async fn save(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let input = RuleInput {
        category: fields.get("category"),
        neighbourhood: fields.get("neighbourhood"),
        organisation: fields.get("organisation"),
        department: fields.get("department"),
        email: fields.get("email"),
    };
    match routing::set_rule(&state.ctx, &staff.actor, staff.municipality, &input).await {
        Ok(_) => Ok(Redirect::to("/beheer/routering?klaar=opgeslagen").into_response()),
        Err(error @ services::ServiceError::Validation(_)) => {
            let page = page(&state, &staff, None).await?;
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

/// `POST /beheer/routering/{id}/verwijderen`.
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    routing::remove_rule(&state.ctx, &staff.actor, staff.municipality, id).await?;
    Ok(Redirect::to("/beheer/routering?klaar=verwijderd").into_response())
}
