//! Which language a request gets: the `lang` cookie (set by the language switch), then
//! `Accept-Language`, then Dutch.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use domain::Locale;

/// The cookie that remembers a visitor's language choice.
pub const COOKIE_NAME: &str = "lang";

/// The locale for a request with these headers.
pub fn from_headers(headers: &HeaderMap) -> Locale {
    cookie_locale(headers)
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or_default()
}

fn cookie_locale(headers: &HeaderMap) -> Option<Locale> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .and_then(|(_, value)| value.parse().ok())
}

/// Extractor: the request's locale. Never fails.
#[derive(Clone, Copy, Debug)]
pub struct PageLocale(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for PageLocale {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageLocale(from_headers(&parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cookie_beats_accept_language_beats_default() {
        assert_eq!(from_headers(&headers(&[])), Locale::Nl);
        assert_eq!(
            from_headers(&headers(&[("accept-language", "en-GB,en;q=0.9")])),
            Locale::En
        );
        assert_eq!(
            from_headers(&headers(&[
                ("accept-language", "en"),
                ("cookie", "a=b; lang=nl")
            ])),
            Locale::Nl
        );
        assert_eq!(from_headers(&headers(&[("cookie", "lang=xx")])), Locale::Nl);
    }
}
