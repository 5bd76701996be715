//! Pieces of typst markup shared by the documents: the page and text set-up, and QR codes as
//! in-memory SVG files. Every piece of data enters the markup as a quoted string literal
//! (`engine::string`), never as markup, so a street name cannot change the layout.

use std::fmt::Write as _;

use domain::Locale;

use super::DocumentError;
use super::engine::{FAMILY, Job, string};

/// Paper sizes the documents use.
#[derive(Clone, Copy, Debug)]
pub enum Paper {
    /// 210 x 297 mm, portrait.
    A4,
    /// 297 x 420 mm, portrait.
    A3,
    /// 420 x 297 mm.
    A3Landscape,
}

/// The set-up every document starts with: paper, margins, the font, the language (for
/// hyphenation and quotes) and a size for body text.
pub fn preamble(locale: Locale, paper: Paper, margin: &str, size_pt: f64) -> String {
    let (name, flipped) = match paper {
        Paper::A4 => ("a4", false),
        Paper::A3 => ("a3", false),
        Paper::A3Landscape => ("a3", true),
    };
    let lang = match locale {
        Locale::Nl => "nl",
        Locale::En => "en",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#set page(paper: \"{name}\", flipped: {flipped}, margin: {margin})"
    );
    let _ = writeln!(
        out,
        "#set text(font: {}, size: {size_pt}pt, lang: \"{lang}\", hyphenate: false)",
        string(FAMILY)
    );
    // Plain-language readers: no justified text, generous but not loose lines.
    out.push_str("#set par(justify: false, leading: 0.6em, spacing: 1em)\n");
    out.push_str("#set document(author: \"buurtagenda\")\n");
    out
}

/// An SVG QR code for `url`, or an error when the URL is too long for one.
pub fn qr(url: &str) -> Result<String, DocumentError> {
    crate::qr::svg(url, "QR").ok_or(DocumentError::UrlTooLong(url.len()))
}

/// Adds the QR code for `url` to `job` as `/name` and returns the markup that shows it
/// `size` wide (e.g. "35mm").
pub fn add_qr(job: &mut Job, name: &str, url: &str, size: &str) -> Result<String, DocumentError> {
    job.add_file(name, qr(url)?);
    Ok(format!(
        "image({}, width: {size})",
        string(&format!("/{name}"))
    ))
}

/// The host (and port) of `url`, e.g. `buurtagenda.nl` for `https://buurtagenda.nl/x?y`;
/// the whole string when it has no scheme.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_a_url() {
        assert_eq!(host("https://buurtagenda.nl/stemmen/ABC"), "buurtagenda.nl");
        assert_eq!(host("http://localhost:8080?x=1"), "localhost:8080");
        assert_eq!(host("buurt.nl"), "buurt.nl");
    }

    #[test]
    fn too_long_urls_are_an_error() {
        assert!(matches!(
            qr(&"x".repeat(8000)),
            Err(DocumentError::UrlTooLong(8000))
        ));
    }
}
