//! Translations: Fluent catalogues in `locales/<tag>/main.ftl`, compiled into the binary.

use std::borrow::Cow;
use std::collections::HashMap;

use domain::Locale;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Bidi isolation marks would end up inside HTML attributes and URLs.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NL: LanguageIdentifier = langid!("nl");
static EN: LanguageIdentifier = langid!("en");

/// A translator for one locale; templates call `i18n.t("key")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n {
    /// The language pages are rendered in.
    pub locale: Locale,
}

impl I18n {
    /// A translator for `locale`.
    pub fn new(locale: Locale) -> Self {
        I18n { locale }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self.locale {
            Locale::Nl => &NL,
            Locale::En => &EN,
        }
    }

    /// The message `key`. A missing key shows as the key itself (the catalogue test makes
    /// sure none is missing).
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with one named argument.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            HashMap::from([(Cow::Borrowed(name), argument(value))]);
        LOCALES
            .try_lookup_with_args(self.langid(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with any number of named arguments.
    pub fn tn(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), argument(value)))
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with two named arguments.
    pub fn t2(
        &self,
        key: &str,
        first: (&'static str, &str),
        second: (&'static str, &str),
    ) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = HashMap::from([
            (Cow::Borrowed(first.0), argument(first.1)),
            (Cow::Borrowed(second.0), argument(second.1)),
        ]);
        LOCALES
            .try_lookup_with_args(self.langid(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Whether the catalogue of this locale has `key` (for tests).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(self.langid(), key).is_some()
    }
}

/// An argument as Fluent should see it: plain digits as a number, so that a message's
/// plural variants (`[one]`) apply; anything else (including numbers already written with
/// thousands separators, which are plural anyway) as text, printed as given.
fn argument(value: &str) -> FluentValue<'static> {
    match value.parse::<u64>() {
        Ok(n) if value.len() <= 15 && value.bytes().all(|b| b.is_ascii_digit()) => {
            FluentValue::from(n)
        }
        _ => FluentValue::from(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_select_the_plural_and_print_as_given() {
        let nl = I18n::new(Locale::Nl);
        assert_eq!(nl.t1("concerns-residents", "n", "1"), "1 bewoner");
        assert!(nl.t1("concerns-residents", "n", "12").contains("12"));
        assert!(nl.t1("concerns-residents", "n", "12").contains("bewoners"));
        assert!(
            I18n::new(Locale::En)
                .t1("concerns-residents", "n", "1")
                .contains("1 resident")
        );
    }
    use std::collections::BTreeSet;

    fn keys(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap().trim().to_owned())
            .collect()
    }

    /// Every key of every catalogue file of one locale (each area may have its own file).
    fn locale_keys(tag: &str) -> BTreeSet<String> {
        let dir = format!("{}/locales/{tag}", env!("CARGO_MANIFEST_DIR"));
        let mut all = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let found = keys(&std::fs::read_to_string(&path).unwrap());
                for key in &found {
                    assert!(!all.contains(key), "{key} defined twice in {tag}");
                }
                all.extend(found);
            }
        }
        all
    }

    #[test]
    fn catalogues_have_the_same_keys() {
        let nl = locale_keys("nl");
        let en = locale_keys("en");
        assert!(!nl.is_empty());
        assert_eq!(
            nl.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in en"
        );
        assert_eq!(
            en.difference(&nl).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in nl"
        );
    }

    #[test]
    fn every_key_used_in_templates_exists() {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        let mut used = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for part in text.split("i18n.t").skip(1) {
                let key = part.trim_start_matches('1').trim_start_matches("(\"");
                used.insert(key.split('"').next().unwrap().to_owned());
            }
        }
        assert!(used.len() > 5, "found {used:?}");
        for locale in Locale::ALL {
            let defined = locale_keys(locale.tag());
            for key in &used {
                assert!(defined.contains(key), "{key} missing in {locale}");
            }
        }
    }

    #[test]
    fn arguments_are_filled_in() {
        let text = I18n::new(Locale::En).t1("error-reference", "id", "abc-123");
        assert!(text.contains("abc-123"), "{text}");
    }
}
