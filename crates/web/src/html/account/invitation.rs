//! `GET /uitnodiging/{token}` greets an invited colleague with the form to choose a
//! password; `POST` sets it and signs the person in.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use render::account::{ChoosePassword, Notice, PasswordPurpose};
use render::forms;
use serde::Deserialize;
use services::invitations::{self, InvitationView};
use services::one_time::ChosenPassword;
use tower_sessions::Session;

use super::reset_password::gone;
use crate::AppState;
use crate::auth;
use crate::csrf;
use crate::error::AppError;
use crate::html::shell::PageCtx;
use crate::html::to_html;

/// What the form sends.
#[derive(Deserialize)]
pub struct Input {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

fn form(page_ctx: &PageCtx, csrf: String, token: &str, view: InvitationView) -> ChoosePassword {
    let purpose = PasswordPurpose::Invitation {
        name: view.name,
        email: view.email,
    };
    ChoosePassword::new(
        page_ctx.shell(),
        csrf,
        invitations::link_path(token),
        purpose,
    )
}

/// Shows the form, if the invitation still works.
pub async fn show(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(view) = invitations::view(&state.ctx, &token).await? else {
        return gone(&page_ctx, Notice::InvitationGone);
    };
    let csrf = csrf::token(&session).await?;
    Ok(to_html(&form(&page_ctx, csrf, &token, view))?.into_response())
}

/// Sets the password and signs in; the form again on a mistake.
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
    match invitations::accept(&state.ctx, &token, &chosen).await {
        Ok(Some(signed_in)) => {
            auth::begin(&session, signed_in.user, state.ctx.clock.now()).await?;
            Ok(Redirect::to("/").into_response())
        }
        Ok(None) => gone(&page_ctx, Notice::InvitationGone),
        Err(error) => {
            let Some(view) = invitations::view(&state.ctx, &token).await? else {
                return gone(&page_ctx, Notice::InvitationGone);
            };
            let csrf = csrf::token(&session).await?;
            let form = form(&page_ctx, csrf, &token, view);
            Err(AppError::form(error, move |errors, _| {
                let mut form = form;
                let pairs: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
                form.errors = forms::messages(&form.i18n, &pairs);
                askama::Template::render(&form)
            }))
        }
    }
}
