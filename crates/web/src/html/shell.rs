//! Builds the page shell for a request: its language and the link to the other language.

use axum::http::Uri;
use domain::Locale;
use render::pages::Shell;

/// The shell for a page at `uri` in `locale`.
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
