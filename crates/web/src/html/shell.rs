//! Builds the page shell for a request: its language, the link to the other language, and
//! the signed-in account for the header.

use axum::extract::FromRequestParts;
use axum::http::Uri;
use axum::http::request::Parts;
use domain::Locale;
use render::pages::{Shell, ShellUser};

use crate::AppState;
use crate::auth::{MaybeUser, SignedInUser};
use crate::error::AppError;
use crate::locale;

/// The shell for a page at `uri` in `locale`, for an anonymous visitor.
pub fn for_uri(locale: Locale, uri: &Uri) -> Shell {
    let here = uri
        .path_and_query()
        .map_or("/", axum::http::uri::PathAndQuery::as_str);
    let other = match locale {
        Locale::Nl => Locale::En,
        Locale::En => Locale::Nl,
    };
    let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
    Shell::new(
        locale,
        uri.path(),
        format!("/lang/{}?next={next}", other.tag()),
    )
}

/// Extractor: what every page handler needs to build its shell.
#[derive(Clone, Debug)]
pub struct PageCtx {
    /// The page's language.
    pub locale: Locale,
    /// The requested URI.
    pub uri: Uri,
    /// The signed-in account, if any.
    pub user: Option<SignedInUser>,
    /// The request's `If-None-Match` values (for public pages, `html::cache`).
    pub if_none_match: Vec<axum::http::HeaderValue>,
}

impl PageCtx {
    /// The shell of this page.
    pub fn shell(&self) -> Shell {
        for_uri(self.locale, &self.uri).with_user(self.user.as_ref().map(|u| ShellUser {
            name: u.account.name.clone(),
            csrf: u.csrf.clone(),
        }))
    }
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        Ok(PageCtx {
            locale: locale::from_headers(&parts.headers),
            uri: parts.uri.clone(),
            user,
            if_none_match: crate::conditional::if_none_match(&parts.headers),
        })
    }
}
