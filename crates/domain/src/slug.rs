//! URL-safe names for places, built only by parsing.

use std::fmt;
use std::str::FromStr;

/// A lowercase ASCII name for URLs: letters, digits and single hyphens, 1 to 64 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Slug(String);

/// Why a text is not a slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    /// Nothing, or more than 64 characters.
    #[error("a slug has 1 to 64 characters")]
    Length,
    /// Something other than `a-z`, `0-9` and single inner hyphens.
    #[error("a slug has only a-z, 0-9 and single hyphens between them")]
    Characters,
}

impl Slug {
    /// Makes a slug from a display name: accents dropped, spaces and punctuation as hyphens.
    ///
    /// ```
    /// use domain::Slug;
    /// assert_eq!(Slug::from_name("Limmel & Nazareth").unwrap().as_str(), "limmel-nazareth");
    /// ```
    pub fn from_name(name: &str) -> Result<Slug, SlugError> {
        let mut out = String::with_capacity(name.len());
        for c in name.chars().flat_map(fold_accent) {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out.parse()
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Maps the accented letters of Dutch and neighbouring languages to their base letter.
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        other => other,
    };
    std::iter::once(base)
}

impl FromStr for Slug {
    type Err = SlugError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() || s.len() > 64 {
            return Err(SlugError::Length);
        }
        let valid_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_chars || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(SlugError::Characters);
        }
        Ok(Slug(s.to_owned()))
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn from_display_names() {
        assert_eq!(
            Slug::from_name("Wittevrouwenveld").unwrap().as_str(),
            "wittevrouwenveld"
        );
        assert_eq!(
            Slug::from_name("Limmel & Nazareth").unwrap().as_str(),
            "limmel-nazareth"
        );
        assert_eq!(Slug::from_name("  Café Ré ").unwrap().as_str(), "cafe-re");
        assert_eq!(Slug::from_name("!!!"), Err(SlugError::Length));
    }

    #[test]
    fn parsing_is_strict() {
        assert!("limmel".parse::<Slug>().is_ok());
        assert_eq!("Limmel".parse::<Slug>(), Err(SlugError::Characters));
        assert_eq!("-a".parse::<Slug>(), Err(SlugError::Characters));
        assert_eq!("a--b".parse::<Slug>(), Err(SlugError::Characters));
        assert_eq!("".parse::<Slug>(), Err(SlugError::Length));
    }

    proptest! {
        #[test]
        fn from_name_yields_parseable_slugs(name in "\\PC{0,80}") {
            if let Ok(slug) = Slug::from_name(&name) {
                prop_assert_eq!(slug.as_str().parse::<Slug>(), Ok(slug.clone()));
            }
        }
    }
}
