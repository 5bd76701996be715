//! Public pages kept rendered. A public page (the home page, a neighbourhood's pages) is the
//! same for every anonymous visitor until staff change something it shows; rendering it
//! takes a dozen queries, serving it again takes one.
//!
//! Each request reads the version of what public pages show (`services::places::
//! public_version`; the database bumps it in the transaction of every change to a table a
//! public page reads, whichever server or tool made it) and looks for the page rendered at
//! that version, in that language, for that path and query. The version is read before the
//! page's data, so a page is never kept under a version older than what it shows, and it is
//! read after the request arrived (requests at the same moment share one read that began
//! after all of them, `version`), so a change committed on any server is on every server's
//! next answer. Entries of older versions are never asked for again and make way for new
//! ones.
//!
//! Only anonymous visitors' pages are kept: a signed-in visitor's page carries their name
//! and the sign-out form's token, and is rendered afresh and marked `no-store`. Memory is
//! bounded by `WebConfig::page_cache_bytes` (bodies and keys counted), with `quick_cache`'s
//! S3-FIFO eviction, which lets pages asked for once go first; one visitor making up query
//! strings cannot push out the pages everyone reads. Several requests for the same missing
//! page wait for one rendering instead of each doing it.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, VARY};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use domain::Locale;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::AppState;
use crate::conditional;
use crate::error::AppError;
use crate::html::shell::PageCtx;

mod version;

/// Default of `WebConfig::page_cache_bytes`: room for some thousands of pages.
pub const DEFAULT_PAGE_CACHE_BYTES: usize = 32 * 1024 * 1024;

/// What an anonymous visitor's public page says about keeping it: a browser or proxy may
/// keep it but must ask again (with `If-None-Match`) before showing it; it differs by
/// language (cookie, `Accept-Language`) and by session cookie (a signed-in visitor's page).
const CACHING: [(HeaderName, &str); 2] = [
    (CACHE_CONTROL, "no-cache"),
    (VARY, "Cookie, Accept-Language"),
];

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    version: i64,
    locale: Locale,
    /// Path and query as requested (the page links to itself in the language switch).
    target: String,
}

#[derive(Debug)]
struct Rendered {
    body: Bytes,
    etag: HeaderValue,
}

#[derive(Clone, Debug)]
struct Weight;

impl Weighter<Key, Arc<Rendered>> for Weight {
    fn weight(&self, key: &Key, page: &Arc<Rendered>) -> u64 {
        // The body and the key, and about as much again for the entry's own bookkeeping.
        u64::try_from(page.body.len() + key.target.len() + 128).unwrap_or(u64::MAX)
    }
}

/// Rendered public pages by version, language and address. Cheap to clone (one shared
/// pointer: `AppState` is cloned for every request).
#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    pages: Cache<Key, Arc<Rendered>, Weight>,
    versions: version::VersionReads,
    rendered: AtomicU64,
    served: AtomicU64,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("pages", &self.0.pages.len())
            .field("bytes", &self.0.pages.weight())
            .finish_non_exhaustive()
    }
}

impl PageCache {
    /// A cache holding at most about `bytes` of pages (at least one page's worth).
    pub fn new(bytes: usize) -> Self {
        let bytes = bytes.max(64 * 1024);
        PageCache(Arc::new(Inner {
            // quick_cache sizes its tables from the expected number of entries.
            pages: Cache::with_weighter(
                (bytes / (16 * 1024)).max(16),
                u64::try_from(bytes).unwrap_or(u64::MAX),
                Weight,
            ),
            versions: version::VersionReads::default(),
            rendered: AtomicU64::new(0),
            served: AtomicU64::new(0),
        }))
    }

    /// Pages rendered to be kept (each a miss).
    pub fn rendered(&self) -> u64 {
        self.0.rendered.load(Ordering::Relaxed)
    }

    /// Answers given from a page kept earlier.
    pub fn served(&self) -> u64 {
        self.0.served.load(Ordering::Relaxed)
    }

    /// Bytes held now (as weighed).
    pub fn bytes(&self) -> u64 {
        self.0.pages.weight()
    }

    /// The page for `key`: kept, or rendered by `render` now (and kept; a failure is not).
    async fn get_or_render(
        &self,
        key: Key,
        render: impl Future<Output = Result<Html<String>, AppError>>,
    ) -> Result<Arc<Rendered>, AppError> {
        match self.0.pages.get_value_or_guard_async(&key).await {
            Ok(page) => {
                self.0.served.fetch_add(1, Ordering::Relaxed);
                Ok(page)
            }
            Err(guard) => {
                let Html(html) = render.await?;
                let body = Bytes::from(html);
                let page = Arc::new(Rendered {
                    etag: conditional::etag_of(&body),
                    body,
                });
                self.0.rendered.fetch_add(1, Ordering::Relaxed);
                let _ = guard.insert(Arc::clone(&page));
                Ok(page)
            }
        }
    }
}

/// Answers a public page: for an anonymous visitor from the cache (rendering it with
/// `render` when it is not there at the current version), with an `ETag` and `304` when the
/// visitor's copy is current; for a signed-in visitor rendered afresh and never kept.
/// `render` is only run when needed.
pub async fn public_page(
    state: &AppState,
    page_ctx: &PageCtx,
    render: impl Future<Output = Result<Html<String>, AppError>>,
) -> Result<Response, AppError> {
    if page_ctx.user.is_some() {
        return Ok(render.await?.into_response());
    }
    let key = Key {
        version: state.pages.0.versions.current(&state.ctx).await?,
        locale: page_ctx.locale,
        target: page_ctx
            .uri
            .path_and_query()
            .map_or("/", axum::http::uri::PathAndQuery::as_str)
            .to_owned(),
    };
    let page = state.pages.get_or_render(key, render).await?;
    if conditional::not_modified(&page_ctx.if_none_match, &page.etag) {
        return Ok(conditional::not_modified_response(&page.etag, &CACHING));
    }
    let mut response = (
        CACHING,
        [(CONTENT_TYPE, "text/html; charset=utf-8")],
        page.body.clone(),
    )
        .into_response();
    response.headers_mut().insert(ETAG, page.etag.clone());
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(target: &str) -> Key {
        Key {
            version: 1,
            locale: Locale::Nl,
            target: target.to_owned(),
        }
    }

    async fn ask(cache: &PageCache, target: &str, body: &str) {
        let page = cache
            .get_or_render(key(target), async { Ok(Html(body.to_owned())) })
            .await
            .unwrap();
        assert_eq!(page.body, body.as_bytes());
    }

    #[tokio::test]
    async fn memory_stays_bounded_and_pages_read_often_stay() {
        let bound = 256 * 1024;
        let cache = PageCache::new(bound);
        let body = "x".repeat(4096);
        // A flood of made-up addresses, each asked once, while the home page is read often.
        for i in 0..2000 {
            if i % 10 == 0 {
                ask(&cache, "/", "home").await;
            }
            ask(&cache, &format!("/?after={i}"), &body).await;
            assert!(cache.bytes() <= bound as u64, "{} bytes", cache.bytes());
        }
        assert_eq!(
            cache.rendered(),
            2001,
            "the home page once, every other page once"
        );
        assert_eq!(cache.served(), 199);
        ask(&cache, "/", "home").await;
        assert_eq!(cache.rendered(), 2001, "the home page is still there");
    }

    #[tokio::test]
    async fn a_failed_rendering_is_not_kept() {
        let cache = PageCache::new(0);
        let failed = cache
            .get_or_render(key("/buurten/nergens"), async { Err(AppError::NotFound) })
            .await;
        assert!(failed.is_err());
        ask(&cache, "/buurten/nergens", "now it exists").await;
        assert_eq!((cache.rendered(), cache.served()), (1, 0));
    }
}
