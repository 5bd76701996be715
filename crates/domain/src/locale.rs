//! The languages the interface speaks, and how a browser's wishes pick one.

use std::fmt;
use std::str::FromStr;

/// An interface language. Dutch is the default: residents read Dutch first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// Dutch, at a level (B1) most residents read with ease.
    #[default]
    Nl,
    /// English, on request.
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::Nl, Locale::En];

    /// The BCP 47 tag, as used in `lang` attributes and cookies.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    /// Picks the best supported locale from an `Accept-Language` header value, honouring
    /// quality values; `None` when the header names nothing we speak.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(Locale, u16)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_quality);
            let (Some(quality), Ok(locale)) = (quality, tag.parse::<Locale>()) else {
                continue;
            };
            if quality > 0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((locale, quality));
            }
        }
        best.map(|(locale, _)| locale)
    }
}

/// A quality value as thousandths, so that comparison needs no floats.
fn parse_quality(raw: &str) -> Option<u16> {
    let raw = raw.trim();
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = whole.parse().ok()?;
    let frac: u16 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<3}").parse().ok()?
    };
    let value = whole.checked_mul(1000)?.checked_add(frac)?;
    (value <= 1000).then_some(value)
}

/// The tag names no language we speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language: {0}")]
pub struct UnsupportedLocale(pub String);

impl FromStr for Locale {
    type Err = UnsupportedLocale;

    /// Accepts a primary tag with any region (`nl`, `nl-BE`, `en-GB`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "nl" => Ok(Locale::Nl),
            "en" => Ok(Locale::En),
            _ => Err(UnsupportedLocale(s.to_owned())),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(
            Locale::negotiate("en-GB,en;q=0.9,nl;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::negotiate("de, en;q=0.5, nl;q=0.7"),
            Some(Locale::Nl)
        );
        assert_eq!(Locale::negotiate("nl-BE"), Some(Locale::Nl));
        assert_eq!(Locale::negotiate("fr, de"), None);
        assert_eq!(Locale::negotiate("en;q=0"), None);
        assert_eq!(Locale::negotiate(""), None);
    }

    #[test]
    fn first_of_equal_quality_wins() {
        assert_eq!(Locale::negotiate("en, nl"), Some(Locale::En));
        assert_eq!(Locale::negotiate("nl, en"), Some(Locale::Nl));
    }

    #[test]
    fn rejects_malformed_quality() {
        assert_eq!(Locale::negotiate("en;q=abc, nl;q=0.1"), Some(Locale::Nl));
        assert_eq!(Locale::negotiate("en;q=1.5"), None);
    }

    proptest! {
        #[test]
        fn negotiation_never_panics(header in ".{0,200}") {
            let _ = Locale::negotiate(&header);
        }

        #[test]
        fn tag_round_trips(idx in 0usize..2) {
            let locale = Locale::ALL[idx];
            prop_assert_eq!(locale.tag().parse::<Locale>().unwrap(), locale);
        }
    }
}
