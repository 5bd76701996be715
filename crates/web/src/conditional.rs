//! Conditional GET (RFC 9110, section 13): entity tags for what we serve and the
//! `If-None-Match` check that turns a request for something the client already has into a
//! `304 Not Modified` without a body.

use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// A strong entity tag for `bytes`: the first 128 bits of their SHA-256, quoted. The same
/// bytes get the same tag on every server and in every release.
pub fn etag_of(bytes: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(bytes);
    let hex = digest[..16]
        .iter()
        .fold(String::with_capacity(34), |mut out, b| {
            use std::fmt::Write;
            let _ = write!(out, "{b:02x}");
            out
        });
    HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or(HeaderValue::from_static("\"\""))
}

/// The values of the request's `If-None-Match` headers.
pub fn if_none_match(headers: &HeaderMap) -> Vec<HeaderValue> {
    headers.get_all(IF_NONE_MATCH).iter().cloned().collect()
}

/// Whether the request's `If-None-Match` names `etag` (or is `*`): the client has the
/// current representation. The comparison is the weak one the RFC prescribes for this
/// header, so `W/"x"` matches `"x"`.
pub fn not_modified<'a>(
    if_none_match: impl IntoIterator<Item = &'a HeaderValue>,
    etag: &HeaderValue,
) -> bool {
    let ours = opaque(etag.as_bytes());
    if_none_match
        .into_iter()
        .flat_map(|value| value.as_bytes().split(|b| *b == b','))
        .map(<[u8]>::trim_ascii)
        .any(|tag| tag == b"*" || opaque(tag) == ours)
}

fn opaque(tag: &[u8]) -> &[u8] {
    tag.strip_prefix(b"W/").unwrap_or(tag)
}

/// `304 Not Modified` with `etag` and the given headers (those a 200 would carry that
/// concern caching: `Cache-Control`, `Vary`), and no body.
pub fn not_modified_response(
    etag: &HeaderValue,
    headers: &[(axum::http::HeaderName, &'static str)],
) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let out = response.headers_mut();
    out.insert(ETAG, etag.clone());
    for (name, value) in headers {
        out.insert(name.clone(), HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> Vec<HeaderValue> {
        let mut headers = HeaderMap::new();
        headers.insert(IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
        if_none_match(&headers)
    }

    #[test]
    fn the_same_bytes_get_the_same_tag_and_others_another() {
        assert_eq!(etag_of(b"abc"), etag_of(b"abc"));
        assert_ne!(etag_of(b"abc"), etag_of(b"abd"));
        let tag = etag_of(b"abc");
        let tag = tag.to_str().unwrap();
        assert!(
            tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34,
            "{tag}"
        );
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_as_a_list() {
        let tag = etag_of(b"page");
        let text = tag.to_str().unwrap().to_owned();
        assert!(not_modified(&with(&text), &tag));
        assert!(not_modified(&with(&format!("W/{text}")), &tag));
        assert!(not_modified(&with(&format!("\"other\", {text}")), &tag));
        assert!(not_modified(&with("*"), &tag));
        assert!(!not_modified(&with("\"other\""), &tag));
        assert!(!not_modified(&if_none_match(&HeaderMap::new()), &tag));
        // A tag is compared whole: a prefix of ours is another tag.
        assert!(!not_modified(&with(&text[..10]), &tag));
    }
}
