//! `/beheer/accounts`: the accounts of the municipality and the form to invite someone.

use axum::extract::{Query, State};
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

/// Query string: the address an invitation was just sent to.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    uitgenodigd: Option<String>,
}

async fn page(
    state: &AppState,
    staff: &Staff,
    invited: Option<String>,
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
    let rows = accounts
        .into_iter()
        .map(|a| AccountRow {
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
    })
}

/// Shows the accounts.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let page = page(&state, &staff, params.uitgenodigd).await?;
    askama::Template::render(&page)
        .map(Html)
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))
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
        Ok(_) => {
            let email: String =
                url::form_urlencoded::byte_serialize(input.email.trim().as_bytes()).collect();
            Ok(Redirect::to(&format!("/beheer/accounts?uitgenodigd={email}")).into_response())
        }
        Err(error) => {
            let page = page(&state, &staff, None).await?;
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
