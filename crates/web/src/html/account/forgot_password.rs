//! `GET /wachtwoord-vergeten` asks for an address; `POST` sends a reset link if the address
//! belongs to an account, and answers the same either way (`?verstuurd`).

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use render::account::{ForgotPassword, Notice, NoticePage};
use render::forms;
use serde::Deserialize;
use tower_sessions::Session;

use crate::AppState;
use crate::csrf;
use crate::error::AppError;
use crate::html::shell::PageCtx;
use crate::html::to_html;

/// Where the answer is shown after the form was sent.
pub const SENT_PATH: &str = "/wachtwoord-vergeten?verstuurd=1";

/// Query string of the page.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Present after the form was sent.
    verstuurd: Option<String>,
}

/// What the form sends.
#[derive(Deserialize)]
pub struct Input {
    #[serde(default)]
    email: String,
}

/// Shows the form, or the answer after sending it.
pub async fn show(
    page_ctx: PageCtx,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    if params.verstuurd.is_some() {
        let page = NoticePage::new(page_ctx.shell(), Notice::ResetLinkSent);
        return Ok(to_html(&page)?.into_response());
    }
    let token = csrf::token(&session).await?;
    let page = ForgotPassword::new(page_ctx.shell(), token, String::new());
    Ok(to_html(&page)?.into_response())
}

/// Asks the services for a link; the same redirect for known and unknown addresses.
pub async fn submit(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    Form(input): Form<Input>,
) -> Result<Response, AppError> {
    match services::password_reset::request(&state.ctx, &input.email, page_ctx.locale).await {
        Ok(()) => Ok(Redirect::to(SENT_PATH).into_response()),
        Err(error) => {
            let token = csrf::token(&session).await?;
            let form = ForgotPassword::new(page_ctx.shell(), token, input.email);
            Err(AppError::form(error, move |errors, _| {
                let mut form = form;
                let pairs: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
                form.errors = forms::messages(&form.i18n, &pairs);
                askama::Template::render(&form)
            }))
        }
    }
}
