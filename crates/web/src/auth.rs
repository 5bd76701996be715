//! Who is signed in: the session holds the account id and the moment of sign-in; every
//! request re-reads the account, so a disabled account is out at once, and so is a session
//! begun before its password changed or its second factor was reset.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use domain::UserId;
use services::accounts::AccountSummary;
use tower_sessions::Session;

use crate::AppState;
use crate::csrf;
use crate::error::AppError;

const USER_KEY: &str = "user";
/// The moment of sign-in, in milliseconds since 1970 (a password changed a moment later
/// must end this session).
const SIGNED_IN_AT_KEY: &str = "signed_in_at_ms";
const PENDING_USER_KEY: &str = "pending_user";
const PENDING_AT_KEY: &str = "pending_at";
const PENDING_NEXT_KEY: &str = "pending_next";
const PENDING_SECRET_KEY: &str = "pending_secret";

/// How long the second sign-in step (the code) may wait after the password, in seconds.
pub const PENDING_SECS: i64 = 10 * 60;

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
        let now = state.ctx.clock.now().timestamp_millis();
        if now - signed_in_at > MAX_SESSION_HOURS * 3_600_000 {
            end(&session).await?;
            return Ok(MaybeUser(None));
        }
        // A new password or a reset second factor ends the sessions begun before it.
        let cut_off = |account: &AccountSummary| {
            account
                .sessions_valid_after
                .is_some_and(|after| signed_in_at < after.timestamp_millis())
        };
        match services::accounts::summary(&state.ctx, UserId(id)).await? {
            Some(account) if !account.disabled && !cut_off(&account) => {
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

/// A sign-in halfway: the password was right, the second factor comes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// The account whose password was right.
    pub user: UserId,
    /// Where to go once signed in.
    pub next: String,
}

/// Notes that the password of `user` was right and the code comes next (for at most
/// `PENDING_SECS`). The session id changes here already, so the half-signed-in session is
/// not the anonymous one.
pub async fn begin_pending(
    session: &Session,
    user: UserId,
    next: &str,
    now: i64,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::session)?;
    for (key, value) in [
        (PENDING_USER_KEY, serde_json::json!(user.get())),
        (PENDING_AT_KEY, serde_json::json!(now)),
        (PENDING_NEXT_KEY, serde_json::json!(next)),
    ] {
        session
            .insert(key, value)
            .await
            .map_err(AppError::session)?;
    }
    session
        .remove_value(PENDING_SECRET_KEY)
        .await
        .map_err(AppError::session)?;
    Ok(())
}

/// The sign-in waiting for its second step, if any and not expired.
pub async fn pending(session: &Session, now: i64) -> Result<Option<Pending>, AppError> {
    let user = session
        .get::<i64>(PENDING_USER_KEY)
        .await
        .map_err(AppError::session)?;
    let at = session
        .get::<i64>(PENDING_AT_KEY)
        .await
        .map_err(AppError::session)?;
    match (user, at) {
        (Some(user), Some(at)) if now - at <= PENDING_SECS => {
            let next = session
                .get::<String>(PENDING_NEXT_KEY)
                .await
                .map_err(AppError::session)?
                .unwrap_or_else(|| "/".to_owned());
            Ok(Some(Pending {
                user: UserId(user),
                next,
            }))
        }
        (None, None) => Ok(None),
        _ => {
            clear_pending(session).await?;
            Ok(None)
        }
    }
}

/// Forgets a sign-in halfway and the secret being set up.
pub async fn clear_pending(session: &Session) -> Result<(), AppError> {
    for key in [
        PENDING_USER_KEY,
        PENDING_AT_KEY,
        PENDING_NEXT_KEY,
        PENDING_SECRET_KEY,
    ] {
        session.remove_value(key).await.map_err(AppError::session)?;
    }
    Ok(())
}

/// The secret (base32) offered for setting up an app in this session, kept until it is
/// confirmed so the page can be shown again after a wrong code.
pub async fn enrolment_secret(session: &Session) -> Result<Option<String>, AppError> {
    session
        .get::<String>(PENDING_SECRET_KEY)
        .await
        .map_err(AppError::session)
}

/// Keeps `secret` as the one being set up in this session.
pub async fn keep_enrolment_secret(session: &Session, secret: &str) -> Result<(), AppError> {
    session
        .insert(PENDING_SECRET_KEY, secret)
        .await
        .map_err(AppError::session)
}

/// Forgets the secret being set up (once it is stored).
pub async fn forget_enrolment_secret(session: &Session) -> Result<(), AppError> {
    session
        .remove_value(PENDING_SECRET_KEY)
        .await
        .map(|_| ())
        .map_err(AppError::session)
}

/// Starts a signed-in session: a new session id (against fixation), the account, the time,
/// and a fresh CSRF token. A sign-in halfway is over.
pub async fn begin(
    session: &Session,
    user: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    clear_pending(session).await?;
    session.cycle_id().await.map_err(AppError::session)?;
    session
        .insert(USER_KEY, user.get())
        .await
        .map_err(AppError::session)?;
    session
        .insert(SIGNED_IN_AT_KEY, now.timestamp_millis())
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

/// Extractor for the pages of one project or steering group (`/groepen/{group}/...`): the
/// signed-in account and the group of the path as a checked scope, resolved once per request.
/// A group the account may not see is refused here; acting in it the service checks.
#[derive(Clone, Debug)]
pub struct InGroup {
    /// The signed-in account.
    pub staff: Staff,
    /// The group, checked.
    pub scope: services::GroupScope,
}

impl FromRequestParts<AppState> for InGroup {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = Staff::from_request_parts(parts, state).await?;
        let Path(params) =
            Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|_| AppError::NotFound)?;
        let id = params
            .get("group")
            .and_then(|raw| raw.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .ok_or(AppError::NotFound)?;
        let scope = services::GroupScope::enter(
            &state.ctx,
            &staff.actor,
            staff.municipality,
            domain::GroupId(id),
        )
        .await?;
        Ok(InGroup { staff, scope })
    }
}

/// Extractor for the pages of one team (`/werk/{team}/...`): the signed-in account and the
/// team of the path as a checked scope, resolved once per request. A team the account may
/// not see is refused here, before the handler runs; what the handler does there (edit,
/// prepare the agenda) the service it calls checks on the scope.
#[derive(Clone, Debug)]
pub struct InTeam {
    /// The signed-in account.
    pub staff: Staff,
    /// The team, checked.
    pub scope: services::TeamScope,
}

impl FromRequestParts<AppState> for InTeam {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = Staff::from_request_parts(parts, state).await?;
        let Path(params) =
            Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|_| AppError::NotFound)?;
        let slug = params.get("team").ok_or(AppError::NotFound)?;
        let scope =
            services::TeamScope::enter(&state.ctx, &staff.actor, staff.municipality, slug).await?;
        Ok(InTeam { staff, scope })
    }
}
