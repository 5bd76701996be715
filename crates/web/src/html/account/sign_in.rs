//! `GET /inloggen` shows the form; `POST /inloggen` checks it and starts a signed-in session,
//! or sends the account on to the second step (`/inloggen/code`) when it needs a code.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::forms::{self, SignIn};
use render::pages::Shell;
use serde::Deserialize;
use services::auth::{Credentials, SignInStep};
use tower_sessions::Session;

use crate::AppState;
use crate::auth;
use crate::client_ip::ClientIp;
use crate::csrf;
use crate::error::{AppError, Notice};
use crate::html::local_path;
use crate::html::shell::PageCtx;

/// Query string of the form page.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Where to go after signing in.
    next: Option<String>,
}

/// What the form sends.
#[derive(Deserialize)]
pub struct Input {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

fn page(shell: Shell, csrf: String, email: String, next: String) -> SignIn {
    let i18n = render::I18n::new(shell.locale);
    SignIn {
        shell,
        i18n,
        csrf,
        email,
        next,
        errors: Vec::new(),
        notice: None,
    }
}

/// Shows the form.
pub async fn show(
    page_ctx: PageCtx,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    if page_ctx.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let token = csrf::token(&session).await?;
    let next = local_path(params.next);
    let html = askama::Template::render(&page(page_ctx.shell(), token, String::new(), next))
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))?;
    Ok(Html(html).into_response())
}

/// Checks the credentials; on success a new session, on failure the form again.
pub async fn submit(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    ip: ClientIp,
    Form(input): Form<Input>,
) -> Result<Response, AppError> {
    let next = local_path(Some(input.next));
    let credentials = Credentials {
        email: input.email.clone(),
        password: input.password,
        ip: ip.to_string(),
    };
    let now = state.ctx.clock.now();
    // No address holds a control character; PostgreSQL could not even look it up.
    let outcome = if domain::text::is_clean_line(&credentials.email) {
        services::auth::sign_in(&state.ctx, &credentials).await
    } else {
        Err(services::ServiceError::invalid(
            "email",
            domain::text::CONTROL_CHARACTERS,
        ))
    };
    match outcome {
        Ok(SignInStep::Done(signed_in)) => {
            auth::begin(&session, signed_in.user, now).await?;
            Ok(Redirect::to(&next).into_response())
        }
        Ok(SignInStep::Code(user) | SignInStep::Enrol(user)) => {
            auth::begin_pending(&session, user, &next, now.timestamp()).await?;
            Ok(Redirect::to(super::second_factor::PATH).into_response())
        }
        Err(error) => {
            let token = csrf::token(&session).await?;
            let form = page(page_ctx.shell(), token, input.email, next);
            Err(AppError::form(error, move |errors, notice| {
                let mut form = form;
                let pairs: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
                form.errors = forms::messages(&form.i18n, &pairs);
                form.notice = notice.map(|Notice::RateLimited { minutes }| {
                    form.i18n
                        .t1("sign-in-rate-limited", "minutes", &minutes.to_string())
                });
                askama::Template::render(&form)
            }))
        }
    }
}
