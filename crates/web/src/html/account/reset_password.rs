//! `GET /wachtwoord-herstellen/{token}` shows the form to choose a new password (or says
//! the link no longer works); `POST` sets it and leads to `/wachtwoord-gewijzigd`.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use render::account::{ChoosePassword, Notice, NoticePage, PasswordPurpose};
use render::forms;
use serde::Deserialize;
use services::one_time::ChosenPassword;
use tower_sessions::Session;

use crate::AppState;
use crate::csrf;
use crate::error::AppError;
use crate::html::shell::PageCtx;
use crate::html::to_html;

/// Where a successful reset leads.
pub const DONE_PATH: &str = "/wachtwoord-gewijzigd";

/// What the form sends.
#[derive(Deserialize)]
pub struct Input {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// The page for a link that does not work (404, as for a link that never existed: the page
/// does not say which), with the way to a new one.
pub(super) fn gone(page_ctx: &PageCtx, notice: Notice) -> Result<Response, AppError> {
    let page = NoticePage::new(page_ctx.shell(), notice);
    Ok((StatusCode::NOT_FOUND, to_html(&page)?).into_response())
}

/// Shows the form, if the link works.
pub async fn show(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !services::password_reset::check(&state.ctx, &token).await? {
        return gone(&page_ctx, Notice::ResetLinkGone);
    }
    let csrf = csrf::token(&session).await?;
    let action = services::password_reset::link_path(&token);
    let page = ChoosePassword::new(page_ctx.shell(), csrf, action, PasswordPurpose::Reset);
    Ok(to_html(&page)?.into_response())
}

/// Sets the new password; the form again on a mistake (never with the passwords typed).
pub async fn submit(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    Path(token): Path<String>,
    Form(input): Form<Input>,
) -> Result<Response, AppError> {
    let chosen = ChosenPassword {
        password: input.password,
        confirmation: input.password_confirm,
    };
    match services::password_reset::complete(&state.ctx, &token, &chosen).await {
        Ok(Some(_)) => Ok(Redirect::to(DONE_PATH).into_response()),
        Ok(None) => gone(&page_ctx, Notice::ResetLinkGone),
        Err(error) => {
            let csrf = csrf::token(&session).await?;
            let action = services::password_reset::link_path(&token);
            let form = ChoosePassword::new(page_ctx.shell(), csrf, action, PasswordPurpose::Reset);
            Err(AppError::form(error, move |errors, _| {
                let mut form = form;
                let pairs: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
                form.errors = forms::messages(&form.i18n, &pairs);
                askama::Template::render(&form)
            }))
        }
    }
}

/// `GET /wachtwoord-gewijzigd`: the password was changed; sign in with it.
pub async fn done(page_ctx: PageCtx) -> Result<Response, AppError> {
    let page = NoticePage::new(page_ctx.shell(), Notice::PasswordChanged);
    Ok(to_html(&page)?.into_response())
}
