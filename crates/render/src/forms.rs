//! Forms: the sign-in form, and the translated messages every form shows next to its fields.

use askama::Template;

use crate::I18n;
use crate::pages::Shell;

/// A translated message for one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMessage {
    /// The field's name (and the id of its input).
    pub field: &'static str,
    /// The message, in the page's language.
    pub text: String,
}

/// The messages for a form's failed fields, translated.
pub fn messages(i18n: &I18n, errors: &[(&'static str, &'static str)]) -> Vec<FieldMessage> {
    errors
        .iter()
        .map(|(field, key)| FieldMessage {
            field,
            text: i18n.t(key),
        })
        .collect()
}

/// The sign-in page, `/inloggen`.
#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignIn {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The CSRF token.
    pub csrf: String,
    /// The address as typed (kept after an error).
    pub email: String,
    /// Where to go after signing in.
    pub next: String,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
    /// A message for the whole form (e.g. too many attempts).
    pub notice: Option<String>,
}

impl SignIn {
    /// The message for `field`, if it failed.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.text.as_str())
    }
}
