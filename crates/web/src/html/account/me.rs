//! `/account`: the signed-in person's own account, where anyone can switch signing in with a
//! code (TOTP) on, and off again unless their role requires it.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::forms;
use render::second_factor::{AccountPage, SecondFactorStatus};
use serde::Deserialize;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::{self, Staff};
use crate::error::AppError;
use crate::html::to_html;

/// Where the page lives.
pub const PATH: &str = "/account";

/// Query string: what just changed.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    code: Option<String>,
}

/// What the set-up form sends.
#[derive(Deserialize)]
pub struct Input {
    #[serde(default)]
    code: String,
}

fn user(staff: &Staff) -> Result<&domain::access::SignedIn, AppError> {
    staff
        .actor
        .signed_in()
        .ok_or(AppError::Service(services::ServiceError::Forbidden))
}

async fn page(state: &AppState, staff: &Staff, session: &Session) -> Result<AccountPage, AppError> {
    let me = user(staff)?;
    let account = services::accounts::summary(&state.ctx, me.user)
        .await?
        .ok_or(AppError::NotFound)?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let since = services::totp::enabled_since(&state.ctx, me.user).await?;
    let (status, enrolment) = if let Some(since) = since {
        let status = SecondFactorStatus::On {
            since: render::local_time::date_time(shell.locale, since),
            required: services::totp::required(&state.ctx, me.roles),
        };
        (status, None)
    } else {
        let offered = super::second_factor::offer(state, session, me.user, &i18n).await?;
        (SecondFactorStatus::Off, Some(offered))
    };
    let roles = account
        .roles
        .iter()
        .map(|r| i18n.t(&format!("role-{}", r.code())))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(AccountPage {
        shell,
        i18n,
        csrf: staff.csrf.clone(),
        name: account.name,
        email: account.email,
        roles,
        status,
        enrolment,
        code: String::new(),
        errors: Vec::new(),
        notice: None,
    })
}

/// Shows the account.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let mut page = page(&state, &staff, &session).await?;
    page.notice = match params.code.as_deref() {
        Some("aan") => Some(page.i18n.t("account-totp-enabled")),
        Some("uit") => Some(page.i18n.t("account-totp-disabled")),
        _ => None,
    };
    to_html(&page)
}

/// Switches signing in with a code on, if the code is right for the key being set up.
pub async fn enable(
    State(state): State<AppState>,
    staff: Staff,
    session: Session,
    Form(input): Form<Input>,
) -> Result<Response, AppError> {
    let result = match auth::enrolment_secret(&session).await? {
        Some(secret) => {
            services::totp::confirm_enrolment(&state.ctx, &staff.actor, &secret, &input.code).await
        }
        // The key expired with the session: show a new one.
        None => Err(services::ServiceError::invalid(
            "code",
            "error-totp-secret-invalid",
        )),
    };
    match result {
        Ok(()) => {
            auth::forget_enrolment_secret(&session).await?;
            Ok(Redirect::to(&format!("{PATH}?code=aan")).into_response())
        }
        Err(error) => {
            let mut page = page(&state, &staff, &session).await?;
            page.code = input.code;
            Err(AppError::form(error, move |errors, _| {
                let pairs: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
                page.errors = forms::messages(&page.i18n, &pairs);
                askama::Template::render(&page)
            }))
        }
    }
}

/// Switches signing in with a code off (refused with 403 when a role requires it).
pub async fn disable(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    services::totp::disable(&state.ctx, &staff.actor).await?;
    Ok(Redirect::to(&format!("{PATH}?code=uit")).into_response())
}
