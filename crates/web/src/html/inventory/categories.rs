//! `/beheer/onderwerpen`: the coordinators' list of topics for concerns.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::inventory::{CategoriesPage, category_label};
use services::inventory::categories::{self, Change};

use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

async fn page(state: &AppState, staff: &Staff) -> Result<CategoriesPage, AppError> {
    let all = categories::all(&state.ctx, &staff.actor, staff.municipality).await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    Ok(CategoriesPage {
        csrf: staff.csrf.clone(),
        categories: all
            .iter()
            .map(|c| {
                (
                    c.id,
                    category_label(&i18n, &c.code, c.label.as_deref()),
                    !c.archived,
                )
            })
            .collect(),
        failed: None,
        i18n,
        shell,
    })
}

/// `GET /beheer/onderwerpen`.
pub async fn show(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    to_html(&page(&state, &staff).await?)
}

/// `POST /beheer/onderwerpen`: adds a topic.
pub async fn add(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let change = Change::Add(fields.get("name"));
    match categories::change(&state.ctx, &staff.actor, staff.municipality, &change).await {
        Ok(_) => Ok(Redirect::to("/beheer/onderwerpen").into_response()),
        Err(error @ services::ServiceError::Validation(_)) => {
            let page = page(&state, &staff).await?;
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

/// `POST /beheer/onderwerpen/{id}`: offers a topic no longer (`offered=0`) or again.
pub async fn offer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let change = Change::Offer {
        id,
        offered: fields.get("offered") == "1",
    };
    categories::change(&state.ctx, &staff.actor, staff.municipality, &change).await?;
    Ok(Redirect::to("/beheer/onderwerpen").into_response())
}
