//! Static assets compiled into the binary and served under content-hashed names, so browsers
//! may cache them for a year and a new release is never mixed with an old stylesheet.
//!
//! The stylesheet refers to fonts and icons by their plain path (`/assets/<name>`); those
//! references are rewritten to the hashed names before the stylesheet itself is hashed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use sha2::{Digest, Sha256};

/// One asset as served.
#[derive(Debug)]
pub struct Asset {
    /// The name in the source tree, e.g. `app.css`.
    pub name: &'static str,
    /// The public URL path, e.g. `/assets/app.3f9a1c0b2d.css`.
    pub url: String,
    /// The `Content-Type` to send.
    pub content_type: &'static str,
    /// The bytes (rewritten for stylesheets).
    pub bytes: Cow<'static, [u8]>,
}

struct Raw {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! raw {
    ($name:literal, $type:literal) => {
        Raw {
            name: $name,
            content_type: $type,
            bytes: include_bytes!(concat!("../assets/", $name)),
        }
    };
}

/// Stylesheets last: they are rewritten with the hashed names of the others.
const RAW: &[Raw] = &[
    raw!("htmx-2.0.11.min.js", "text/javascript; charset=utf-8"),
    raw!("capture.js", "text/javascript; charset=utf-8"),
    raw!("icon.svg", "image/svg+xml"),
    // The installed app's icons: app-icon.svg drawn full-bleed (safe for masks), and PNG
    // copies of it (rendered once with headless Chromium) for systems that want bitmaps.
    raw!("app-icon.svg", "image/svg+xml"),
    raw!("app-icon-192.png", "image/png"),
    raw!("app-icon-512.png", "image/png"),
    raw!(
        "fonts/atkinson-hyperlegible-latin-400-normal.woff2",
        "font/woff2"
    ),
    raw!(
        "fonts/atkinson-hyperlegible-latin-700-normal.woff2",
        "font/woff2"
    ),
    raw!("app.css", "text/css; charset=utf-8"),
];

struct Table {
    by_name: HashMap<&'static str, Asset>,
    by_file: HashMap<String, &'static str>,
}

static TABLE: LazyLock<Table> = LazyLock::new(build);

fn hashed_url(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash = digest[..5].iter().fold(String::new(), |mut out, b| {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
        out
    });
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("/assets/{stem}.{hash}.{ext}"),
        None => format!("/assets/{file}.{hash}"),
    }
}

fn build() -> Table {
    let mut by_name = HashMap::new();
    let mut by_file = HashMap::new();
    for raw in RAW {
        let bytes: Cow<'static, [u8]> = if raw.content_type.starts_with("text/css") {
            let mut css = String::from_utf8_lossy(raw.bytes).into_owned();
            for asset in by_name.values() {
                let asset: &Asset = asset;
                css = css.replace(&format!("/assets/{}", asset.name), &asset.url);
            }
            Cow::Owned(css.into_bytes())
        } else {
            Cow::Borrowed(raw.bytes)
        };
        let url = hashed_url(raw.name, &bytes);
        by_file.insert(url.trim_start_matches("/assets/").to_owned(), raw.name);
        by_name.insert(
            raw.name,
            Asset {
                name: raw.name,
                url,
                content_type: raw.content_type,
                bytes,
            },
        );
    }
    Table { by_name, by_file }
}

/// The public URL of the asset named `name` in the source tree.
///
/// # Panics
/// When no such asset is embedded: names are constants in templates, checked by tests.
pub fn url(name: &str) -> &'static str {
    match TABLE.by_name.get(name) {
        Some(asset) => &asset.url,
        None => panic!("no embedded asset named {name}"),
    }
}

/// The asset served at `/assets/<file>`, if `file` is a current hashed name.
pub fn lookup(file: &str) -> Option<&'static Asset> {
    let name = TABLE.by_file.get(file)?;
    TABLE.by_name.get(name)
}

/// Every embedded asset.
pub fn all() -> impl Iterator<Item = &'static Asset> {
    TABLE.by_name.values()
}

/// The service worker (`/sw.js`), with this release's asset names filled in: a new release
/// is a new worker, which fetches the new assets and drops the old ones.
pub fn service_worker() -> &'static str {
    static WORKER: LazyLock<String> = LazyLock::new(|| {
        let mut urls: Vec<&str> = all().map(|asset| asset.url.as_str()).collect();
        urls.sort_unstable();
        let list = serde_json::to_string(&urls).unwrap_or_else(|_| "[]".to_owned());
        let version = hashed_url("sw", urls.concat().as_bytes());
        include_str!("../assets/sw.js")
            .replace("__ASSETS__", &list)
            .replace("__VERSION__", version.trim_start_matches("/assets/sw."))
    });
    &WORKER
}

/// The web app manifest (`/manifest.webmanifest`): the capture form as an installable app.
pub fn manifest() -> &'static str {
    static MANIFEST: LazyLock<String> = LazyLock::new(|| {
        serde_json::json!({
            "name": "buurtagenda",
            "short_name": "buurtagenda",
            "description": "Veilige Buurten: zorgen van bewoners noteren, ook zonder internet.",
            "lang": "nl",
            "start_url": "/werk",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#1d3a6e",
            "icons": [
                {"src": url("app-icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any maskable"},
                {"src": url("app-icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any maskable"},
                {"src": url("app-icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
            ],
        })
        .to_string()
    });
    &MANIFEST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_is_reachable_by_its_hashed_name() {
        assert_eq!(all().count(), RAW.len());
        for asset in all() {
            let file = asset.url.trim_start_matches("/assets/");
            assert_eq!(lookup(file).unwrap().name, asset.name);
        }
        assert!(lookup("app.css").is_none(), "plain names are not served");
    }

    #[test]
    fn stylesheet_points_at_hashed_fonts() {
        let css = std::str::from_utf8(&TABLE.by_name["app.css"].bytes).unwrap();
        let font = url("fonts/atkinson-hyperlegible-latin-400-normal.woff2");
        assert!(css.contains(font), "{font} not in css");
        assert!(
            !css.contains("/assets/fonts/"),
            "unrewritten font reference"
        );
    }

    #[test]
    fn the_service_worker_keeps_every_asset_of_this_release() {
        let worker = service_worker();
        assert!(!worker.contains("__ASSETS__") && !worker.contains("__VERSION__"));
        for asset in all() {
            assert!(
                worker.contains(&format!("\"{}\"", asset.url)),
                "{}",
                asset.name
            );
        }
    }

    #[test]
    fn the_manifest_names_icons_that_are_served() {
        let manifest: serde_json::Value = serde_json::from_str(manifest()).unwrap();
        let icons = manifest["icons"].as_array().unwrap();
        assert_eq!(icons.len(), 3);
        for icon in icons {
            let src = icon["src"].as_str().unwrap();
            assert!(
                lookup(src.trim_start_matches("/assets/")).is_some(),
                "{src}"
            );
        }
        assert_eq!(manifest["start_url"], "/werk");
    }

    #[test]
    fn names_carry_a_content_hash() {
        let u = url("app.css");
        let hash = u.trim_start_matches("/assets/app.").trim_end_matches("css");
        assert!(
            hash.len() == 11
                && hash.ends_with('.')
                && hash[..10].bytes().all(|b| b.is_ascii_hexdigit()),
            "{u}"
        );
    }
}
