//! Checking what a form sends: every field is checked and every problem reported at once, as
//! a message key next to the field.

use std::str::FromStr;

use domain::Slug;
use domain::credentials::Email;

use crate::{FieldError, ServiceError, ServiceResult};

/// Longest name accepted.
const MAX_NAME_CHARS: usize = 120;

/// Collects the problems of one form.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

/// The text, trimmed, or `None` when the field was left empty.
pub fn optional(raw: &str) -> Option<&str> {
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then_some(trimmed)
}

/// A value the checker accepted; its absence after `finish` would be a bug.
pub fn need<T>(value: Option<T>) -> ServiceResult<T> {
    value.ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("a checked field is missing")))
}

impl Checker {
    fn fail<T>(&mut self, field: &'static str, message_key: &'static str) -> Option<T> {
        if !self.errors.iter().any(|e| e.field == field) {
            self.errors.push(FieldError { field, message_key });
        }
        None
    }

    /// Whether `raw` is free of control characters (`multi_line`: line breaks and tabs are
    /// allowed); if not, the field fails with its message.
    pub fn clean(&mut self, field: &'static str, raw: &str, multi_line: bool) -> bool {
        let clean = if multi_line {
            domain::text::is_clean_text(raw)
        } else {
            domain::text::is_clean_line(raw)
        };
        if !clean {
            let _: Option<()> = self.fail(field, domain::text::CONTROL_CHARACTERS);
        }
        clean
    }

    /// A required name of 1 to 120 characters.
    pub fn name(&mut self, field: &'static str, raw: &str) -> Option<String> {
        if !self.clean(field, raw, false) {
            return None;
        }
        match optional(raw) {
            None => self.fail(field, "error-name-required"),
            Some(name) if name.chars().count() > MAX_NAME_CHARS => {
                self.fail(field, "error-name-too-long")
            }
            Some(name) => Some(name.to_owned()),
        }
    }

    /// The URL name of a name that passed `name`.
    pub fn slug_of(&mut self, field: &'static str, name: Option<&str>) -> Option<Slug> {
        let name = name?;
        match Slug::from_name(name) {
            Ok(slug) => Some(slug),
            Err(_) => self.fail(field, "error-name-letters"),
        }
    }

    /// A choice from a list, by id.
    pub fn id(&mut self, field: &'static str, raw: &str) -> Option<i64> {
        match raw.trim().parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => self.fail(field, "error-choose"),
        }
    }

    /// A choice from a list, by code.
    pub fn parse<T: FromStr>(&mut self, field: &'static str, raw: &str) -> Option<T> {
        match raw.trim().parse() {
            Ok(value) => Some(value),
            Err(_) => self.fail(field, "error-choose"),
        }
    }

    /// An optional CBS buurt code: `BU` and eight digits.
    pub fn cbs_code(&mut self, field: &'static str, raw: &str) -> Option<String> {
        let code = optional(raw)?.to_ascii_uppercase();
        let valid = code.len() == 10
            && code.starts_with("BU")
            && code[2..].bytes().all(|b| b.is_ascii_digit());
        if valid {
            Some(code)
        } else {
            self.fail(field, "error-cbs-code")
        }
    }

    /// An optional whole number of at most a million.
    pub fn count(&mut self, field: &'static str, raw: &str) -> Option<u32> {
        let raw = optional(raw)?.replace(['.', ' '], "");
        match raw.parse::<u32>() {
            Ok(n) if n <= 1_000_000 => Some(n),
            _ => self.fail(field, "error-count"),
        }
    }

    /// An e-mail address.
    pub fn email(&mut self, field: &'static str, raw: &str) -> Option<Email> {
        if !self.clean(field, raw, false) {
            return None;
        }
        match raw.parse() {
            Ok(email) => Some(email),
            Err(_) => self.fail(field, "error-email-invalid"),
        }
    }

    /// A phone number: digits with optional `+`, spaces, hyphens and brackets.
    pub fn phone(&mut self, field: &'static str, raw: &str) -> Option<String> {
        if !self.clean(field, raw, false) {
            return None;
        }
        let trimmed = raw.trim();
        let digits = trimmed.chars().filter(char::is_ascii_digit).count();
        let allowed = trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
        if allowed && (6..=15).contains(&digits) {
            Some(trimmed.to_owned())
        } else {
            self.fail(field, "error-phone-invalid")
        }
    }

    /// Free text of at most `max` characters (office hours, notes).
    pub fn text(&mut self, field: &'static str, raw: &str, max: usize) -> Option<String> {
        if !self.clean(field, raw, true) {
            return None;
        }
        let text = optional(raw)?;
        if text.chars().count() > max {
            self.fail(field, "error-text-too-long")
        } else {
            Some(text.to_owned())
        }
    }

    /// Records an error found elsewhere.
    pub fn reject(&mut self, field: &'static str, message_key: &'static str) {
        let _: Option<()> = self.fail(field, message_key);
    }

    /// `Validation` with every problem, or `Ok` when there were none.
    pub fn finish(self) -> ServiceResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Validation(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_field_once() {
        let mut c = Checker::default();
        assert_eq!(c.name("name", "  "), None);
        assert_eq!(c.id("district", "abc"), None);
        assert_eq!(c.id("district", "-1"), None);
        assert_eq!(c.cbs_code("cbs_code", "BU0935"), None);
        assert_eq!(c.count("population", "veel"), None);
        assert_eq!(c.phone("phone", "bel me"), None);
        let Err(ServiceError::Validation(errors)) = c.finish() else {
            panic!()
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["name", "district", "cbs_code", "population", "phone"]
        );
    }

    #[test]
    fn accepts_good_values() {
        let mut c = Checker::default();
        assert_eq!(c.name("name", " Limmel "), Some("Limmel".into()));
        assert_eq!(
            c.cbs_code("cbs_code", "bu09350101"),
            Some("BU09350101".into())
        );
        assert_eq!(c.count("population", "2.116"), Some(2116));
        assert_eq!(
            c.phone("phone", "+31 (0)43 123 45 67"),
            Some("+31 (0)43 123 45 67".into())
        );
        assert_eq!(c.cbs_code("cbs_code", ""), None, "optional");
        assert!(c.finish().is_ok());
    }
}
