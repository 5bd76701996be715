//! QR codes as inline SVG, drawn from the module matrix of the `qrcode` crate: one `<path>`
//! of unit squares, a quiet zone of four modules, scalable to any size by CSS. No image
//! crate and no external file, so the page stays within its content security policy.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

/// Width of the empty border around the code, in modules (the standard's minimum).
const QUIET_ZONE: usize = 4;

/// An SVG QR code for `data` with `label` as its accessible name, or `None` when `data` is
/// too long for a QR code.
///
/// The result is markup: `data` only shapes the squares, and `label` is escaped.
pub fn svg(data: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (index, colour) in code.to_colors().into_iter().enumerate() {
        if colour == Color::Dark {
            let x = index % width + QUIET_ZONE;
            let y = index / width + QUIET_ZONE;
            let _ = write!(path, "M{x} {y}h1v1h-1z");
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        label = escape(label),
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_square_code_with_a_quiet_zone() {
        let svg = svg("otpauth://totp/Buurtagenda:a@b.nl?secret=ABC", "QR").unwrap();
        assert!(svg.starts_with("<svg class=\"qr\""));
        // Version 3 at level M for this length: 29 modules plus 2 x 4 quiet zone.
        let code = QrCode::with_error_correction_level(
            "otpauth://totp/Buurtagenda:a@b.nl?secret=ABC".as_bytes(),
            EcLevel::M,
        )
        .unwrap();
        let size = code.width() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(svg.matches('z').count(), dark, "one square per dark module");
        // The top-left finder pattern starts right after the quiet zone.
        assert!(svg.contains("M4 4h1v1h-1z"));
        assert!(!svg.contains("M3 3h1v1h-1z"));
    }

    #[test]
    fn escapes_the_label() {
        let svg = svg("x", "a \"b\" <c> & d").unwrap();
        assert!(svg.contains("aria-label=\"a &quot;b&quot; &lt;c&gt; &amp; d\""));
    }

    #[test]
    fn refuses_data_too_long_for_a_code() {
        assert!(svg(&"x".repeat(8000), "QR").is_none());
    }
}
