//! `/inloggen/code`: the second sign-in step. After a right password, an account with an
//! authenticator app enters its code here; an account whose role requires one but has none
//! yet sets up the app here first (QR code and key), and is signed in by its first code.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use render::forms;
use render::second_factor::{Enrolment, SecondFactorStep};
use serde::Deserialize;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::{self, Pending};
use crate::client_ip::ClientIp;
use crate::csrf;
use crate::error::{AppError, Notice};
use crate::html::shell::PageCtx;
use crate::html::to_html;

/// Where the step lives.
pub const PATH: &str = "/inloggen/code";

/// What the form sends.
#[derive(Deserialize)]
pub struct Input {
    #[serde(default)]
    code: String,
}

/// The sign-in waiting for this step, or `None` (then the visitor starts at `/inloggen`).
async fn waiting(state: &AppState, session: &Session) -> Result<Option<Pending>, AppError> {
    auth::pending(session, state.ctx.clock.now().timestamp()).await
}

/// The app to set up, if the account has none.
async fn enrolment(
    state: &AppState,
    session: &Session,
    pending: &Pending,
    i18n: &render::I18n,
) -> Result<Option<Enrolment>, AppError> {
    if services::totp::enabled(&state.ctx, pending.user).await? {
        return Ok(None);
    }
    Ok(Some(offer(state, session, pending.user, i18n).await?))
}

/// The app set-up for `user` (signed in, or with a right password just now): the key kept in
/// the session, so that a phone which already scanned it stays right, or a new key, kept.
pub(super) async fn offer(
    state: &AppState,
    session: &Session,
    user: domain::UserId,
    i18n: &render::I18n,
) -> Result<Enrolment, AppError> {
    let offered = if let Some(secret) = auth::enrolment_secret(session).await? {
        services::totp::resume_enrolment(&state.ctx, user, &secret).await?
    } else {
        let offered = services::totp::begin_enrolment_for(&state.ctx, user).await?;
        auth::keep_enrolment_secret(session, &offered.secret).await?;
        offered
    };
    Ok(Enrolment::new(i18n, &offered.secret, &offered.otpauth_url))
}

/// Shows the code field, or the app set-up with it.
pub async fn show(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
) -> Result<Response, AppError> {
    let Some(pending) = waiting(&state, &session).await? else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    let enrolment = enrolment(&state, &session, &pending, &i18n).await?;
    let token = csrf::token(&session).await?;
    let page = SecondFactorStep::new(shell, token, enrolment);
    Ok(to_html(&page)?.into_response())
}

/// Checks the code; on success the account is signed in (with a new session id).
pub async fn submit(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    ip: ClientIp,
    Form(input): Form<Input>,
) -> Result<Response, AppError> {
    let Some(pending) = waiting(&state, &session).await? else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    let ip = ip.to_string();
    let secret = auth::enrolment_secret(&session).await?;
    let has_app = services::totp::enabled(&state.ctx, pending.user).await?;
    let result = match (&secret, has_app) {
        (Some(secret), false) => {
            services::totp::sign_in_with_enrolment(
                &state.ctx,
                pending.user,
                secret,
                &input.code,
                &ip,
            )
            .await
        }
        _ => services::totp::sign_in_with_code(&state.ctx, pending.user, &input.code, &ip).await,
    };
    match result {
        Ok(signed_in) => {
            auth::begin(&session, signed_in.user, state.ctx.clock.now()).await?;
            Ok(Redirect::to(&pending.next).into_response())
        }
        Err(error) => {
            let shell = page_ctx.shell();
            let i18n = render::I18n::new(shell.locale);
            let enrolment = enrolment(&state, &session, &pending, &i18n).await?;
            let token = csrf::token(&session).await?;
            let mut page = SecondFactorStep::new(shell, token, enrolment);
            page.code = input.code;
            Err(AppError::form(error, move |errors, notice| {
                let pairs: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
                page.errors = forms::messages(&page.i18n, &pairs);
                page.notice = notice.map(|Notice::RateLimited { minutes }| {
                    page.i18n
                        .t1("code-rate-limited", "minutes", &minutes.to_string())
                });
                askama::Template::render(&page)
            }))
        }
    }
}
