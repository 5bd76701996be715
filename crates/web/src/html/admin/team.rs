//! `/beheer/teams/{slug}`: a team's members, their team roles, and the contact point.

use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use domain::access::Action;
use render::admin::{FormState, TeamAdminPage};
use services::structure::{self, teams};

use super::{Saved, after, translate};
use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::form::FormFields;

async fn page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    saved: bool,
) -> Result<TeamAdminPage, AppError> {
    let team = teams::team(&state.ctx, &staff.actor, staff.municipality, slug).await?;
    let people = structure::overview(&state.ctx, &staff.actor, staff.municipality)
        .await?
        .people;
    let shell = staff.page.shell();
    Ok(TeamAdminPage {
        i18n: render::I18n::new(shell.locale),
        shell,
        csrf: staff.csrf.clone(),
        can_manage: staff.may(Action::ManageStructure),
        team,
        people,
        failed: None,
        saved,
    })
}

async fn again(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<impl FnOnce(FormState) -> Result<String, askama::Error> + Send + 'static, AppError> {
    let page = page(state, staff, slug, false).await?;
    Ok(move |mut failed: FormState| {
        let mut page = page;
        translate(&mut failed, &page.i18n);
        page.failed = Some(failed);
        askama::Template::render(&page)
    })
}

/// Shows the team.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(saved): Query<Saved>,
) -> Result<Html<String>, AppError> {
    let page = page(&state, &staff, &slug, saved.saved()).await?;
    askama::Template::render(&page)
        .map(Html)
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))
}

/// `POST /beheer/teams/{slug}/lid`: adds a member or changes their roles.
pub async fn set_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let result = teams::set_member(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &slug,
        &fields.get("person"),
        &fields.all("roles"),
    )
    .await;
    after(
        result,
        &format!("/beheer/teams/{slug}?opgeslagen=1#members"),
        "member",
        fields,
        again(&state, &staff, &slug).await?,
    )
}

/// `POST /beheer/teams/{slug}/lid-verwijderen`.
pub async fn remove_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let result = teams::remove_member(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &slug,
        &fields.get("person"),
    )
    .await;
    after(
        result,
        &format!("/beheer/teams/{slug}?opgeslagen=1#members"),
        "remove",
        fields,
        again(&state, &staff, &slug).await?,
    )
}

/// `POST /beheer/teams/{slug}/contact`.
pub async fn set_contact(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let form = teams::ContactForm {
        phone: fields.get("phone"),
        email: fields.get("email"),
        office_hours: fields.get("office_hours"),
    };
    let result =
        teams::set_contact(&state.ctx, &staff.actor, staff.municipality, &slug, &form).await;
    after(
        result,
        &format!("/beheer/teams/{slug}?opgeslagen=1"),
        "contact",
        fields,
        again(&state, &staff, &slug).await?,
    )
}
