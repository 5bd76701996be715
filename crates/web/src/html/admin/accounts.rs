//! `/beheer/accounts`: the accounts of the municipality and the form to invite someone.

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::OrganisationId;
use domain::access::{Principal, Role, may_grant_role};
use render::accounts::{AccountRow, AccountsPage};
use render::admin::FormState;
use serde::Deserialize;
use services::accounts::{self, AccountStatus};
use services::invitations::{self, NewInvitation};

use super::{after, translate};
use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

/// Query string: what just happened, by account id (no personal data in addresses).
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// The account an invitation was just sent to.
    uitgenodigd: Option<i64>,
    /// The account whose sign-in code was just reset.
    inlogcode_gewist: Option<i64>,
}

async fn page(
    state: &AppState,
    staff: &Staff,
    invited: Option<i64>,
    code_reset: Option<i64>,
) -> Result<AccountsPage, AppError> {
    let accounts = accounts::list(&state.ctx, &staff.actor, staff.municipality).await?;
    let organisations = services::structure::overview(&state.ctx, &staff.actor, staff.municipality)
        .await?
        .organisations;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let principal = staff
        .actor
        .signed_in()
        .map_or(Principal::Anonymous, |u| Principal::SignedIn(u.clone()));
    let grantable = Role::ALL
        .into_iter()
        .filter(|r| may_grant_role(&principal, *r, staff.municipality))
        .collect();
    let find = |id: Option<i64>| id.and_then(|id| accounts.iter().find(|a| a.id.get() == id));
    let code_reset = find(code_reset).map(|a| a.name.clone());
    let invited = find(invited).map(|a| a.email.clone());
    let rows = accounts
        .into_iter()
        .map(|a| AccountRow {
            code: i18n.t(if a.code_on {
                "accounts-code-on"
            } else {
                "accounts-code-off"
            }),
            reset_code: (a.code_on && a.manageable).then_some(a.id.get()),
            resend: (a.status == AccountStatus::Invited && a.manageable).then_some(a.id.get()),
            roles: a
                .roles
                .iter()
                .map(|r| i18n.t(&format!("role-{}", r.code())))
                .collect::<Vec<_>>()
                .join(", "),
            status: i18n.t(match a.status {
                AccountStatus::Active => "accounts-status-active",
                AccountStatus::Invited => "accounts-status-invited",
                AccountStatus::Disabled => "accounts-status-disabled",
            }),
            name: a.name,
            email: a.email,
        })
        .collect();
    Ok(AccountsPage {
        shell,
        i18n,
        csrf: staff.csrf.clone(),
        rows,
        grantable,
        organisations,
        failed: None,
        invited,
        code_reset,
    })
}

/// Shows the accounts.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let page = page(&state, &staff, params.uitgenodigd, params.inlogcode_gewist).await?;
    to_html(&page)
}

/// `POST /beheer/accounts/{id}/uitnodiging-opnieuw`: sends an invitation again with a new
/// link, in the visitor's language.
pub async fn resend_invitation(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let invited = invitations::resend(
        &state.ctx,
        &staff.actor,
        domain::UserId(id),
        staff.page.locale,
    )
    .await?;
    Ok(Redirect::to(&format!("/beheer/accounts?uitgenodigd={}", invited.user)).into_response())
}

/// `POST /beheer/accounts/{id}/inlogcode-wissen`: takes the sign-in code of an account away
/// (a lost phone); it sets up an app again at its next sign-in if its role requires one.
pub async fn reset_code(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    services::totp::reset(&state.ctx, &staff.actor, domain::UserId(id)).await?;
    Ok(Redirect::to(&format!("/beheer/accounts?inlogcode_gewist={id}")).into_response())
}

/// `POST /beheer/accounts/uitnodigen`: invites someone by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let organisation = match fields.get("organisation").trim() {
        "" => None,
        raw => Some(OrganisationId(raw.parse().unwrap_or(-1))),
    };
    let input = NewInvitation {
        municipality: staff.municipality,
        email: fields.get("email"),
        name: fields.get("name"),
        role: fields.get("role"),
        function: fields.get("function"),
        organisation,
        locale: staff.page.locale,
    };
    match invitations::invite(&state.ctx, &staff.actor, &input).await {
        Ok(invited) => Ok(
            Redirect::to(&format!("/beheer/accounts?uitgenodigd={}", invited.user)).into_response(),
        ),
        Err(error) => {
            let page = page(&state, &staff, None, None).await?;
            after(
                Err::<(), _>(error),
                "/beheer/accounts",
                "invite",
                fields,
                move |mut failed: FormState| {
                    let mut page = page;
                    translate(&mut failed, &page.i18n);
                    page.failed = Some(failed);
                    askama::Template::render(&page)
                },
            )
        }
    }
}
