//! Who is signed in: the session holds the account id and the moment of sign-in; every
//! request re-reads the account, so a disabled account is out at once.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::UserId;
use services::accounts::AccountSummary;
use tower_sessions::Session;

use crate::AppState;
use crate::csrf;
use crate::error::AppError;

const USER_KEY: &str = "user";
const SIGNED_IN_AT_KEY: &str = "signed_in_at";

/// Longest a sign-in lasts, however active the session.
pub const MAX_SESSION_HOURS: i64 = 12;

/// The signed-in account and its CSRF token, for pages and forms.
#[derive(Clone, Debug)]
pub struct SignedInUser {
    /// The account.
    pub account: AccountSummary,
    /// The session's CSRF token.
    pub csrf: String,
}

/// Extractor: the signed-in account, if any. Never rejects.
#[derive(Clone, Debug)]
pub struct MaybeUser(pub Option<SignedInUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Session(msg.to_owned()))?;
        let Some(id) = session
            .get::<i64>(USER_KEY)
            .await
            .map_err(AppError::session)?
        else {
            return Ok(MaybeUser(None));
        };
        let signed_in_at = session
            .get::<i64>(SIGNED_IN_AT_KEY)
            .await
            .map_err(AppError::session)?
            .unwrap_or_default();
        let now = state.ctx.clock.now().timestamp();
        if now - signed_in_at > MAX_SESSION_HOURS * 3600 {
            end(&session).await?;
            return Ok(MaybeUser(None));
        }
        match services::accounts::summary(&state.ctx, UserId(id)).await? {
            Some(account) if !account.disabled => {
                let csrf = csrf::token(&session).await?;
                Ok(MaybeUser(Some(SignedInUser { account, csrf })))
            }
            _ => {
                end(&session).await?;
                Ok(MaybeUser(None))
            }
        }
    }
}

/// Starts a signed-in session: a new session id (against fixation), the account, the time,
/// and a fresh CSRF token.
pub async fn begin(session: &Session, user: UserId, now: i64) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::session)?;
    session
        .insert(USER_KEY, user.get())
        .await
        .map_err(AppError::session)?;
    session
        .insert(SIGNED_IN_AT_KEY, now)
        .await
        .map_err(AppError::session)?;
    csrf::rotate(session).await?;
    Ok(())
}

/// Ends the session entirely.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(AppError::session)
}

/// Extractor for pages that need a signed-in account: anonymous visitors are sent to the
/// sign-in page and come back afterwards.
#[derive(Clone, Debug)]
pub struct Staff {
    /// The account as services see it (roles, memberships).
    pub actor: services::Actor,
    /// Its municipality.
    pub municipality: domain::MunicipalityId,
    /// Shell, language and CSRF token of the page.
    pub page: crate::html::shell::PageCtx,
    /// The session's CSRF token.
    pub csrf: String,
}

impl Staff {
    /// Whether this account may do `action` in its whole municipality.
    pub fn may(&self, action: domain::access::Action) -> bool {
        self.actor
            .authorize(
                action,
                &domain::access::Scope::Municipality(self.municipality),
            )
            .is_ok()
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let page = crate::html::shell::PageCtx::from_request_parts(parts, state).await?;
        let next = parts
            .uri
            .path_and_query()
            .map_or("/", axum::http::uri::PathAndQuery::as_str)
            .to_owned();
        let Some(user) = page.user.clone() else {
            return Err(AppError::SignInRequired(next));
        };
        let principal = services::accounts::principal(&state.ctx, user.account.id)
            .await?
            .ok_or(AppError::SignInRequired(next))?;
        Ok(Staff {
            municipality: principal.municipality,
            actor: services::Actor::User(Box::new(principal)),
            csrf: user.csrf,
            page,
        })
    }
}
