//! The second sign-in step (`/inloggen/code`: a code from an app, or setting the app up when
//! the role requires it) and the account page (`/account`) where anyone can switch it on.

use askama::Template;

use crate::I18n;
use crate::forms::FieldMessage;
use crate::pages::Shell;

/// What setting up the app shows: a QR code and the same key to type.
#[derive(Clone, Debug)]
pub struct Enrolment {
    /// The QR code of the `otpauth://` URL, as inline SVG markup.
    pub qr_svg: Option<String>,
    /// The key in groups of four characters, easier to type over.
    pub key: String,
}

impl Enrolment {
    /// The view of `secret` (base32) and its `otpauth://` URL.
    pub fn new(i18n: &I18n, secret: &str, otpauth_url: &str) -> Self {
        let key = secret
            .as_bytes()
            .chunks(4)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        Enrolment {
            qr_svg: crate::qr::svg(otpauth_url, &i18n.t("enrol-qr-label")),
            key,
        }
    }
}

fn message_for<'a>(errors: &'a [FieldMessage], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|m| m.field == field)
        .map(|m| m.text.as_str())
}

/// `/inloggen/code`: the code after the password, or setting up the app first.
#[derive(Template)]
#[template(path = "account/second_factor.html")]
pub struct SecondFactorStep {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The CSRF token.
    pub csrf: String,
    /// Set when the account has no app yet and must set it up now.
    pub enrolment: Option<Enrolment>,
    /// The code as typed (kept after an error).
    pub code: String,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
    /// A message for the whole form (too many attempts).
    pub notice: Option<String>,
}

impl SecondFactorStep {
    /// The empty form.
    pub fn new(shell: Shell, csrf: String, enrolment: Option<Enrolment>) -> Self {
        SecondFactorStep {
            i18n: I18n::new(shell.locale),
            shell,
            csrf,
            enrolment,
            code: String::new(),
            errors: Vec::new(),
            notice: None,
        }
    }

    /// The page title.
    pub fn title(&self) -> String {
        self.i18n.t(if self.enrolment.is_some() {
            "enrol-title"
        } else {
            "code-title"
        })
    }

    /// The message for `field`, if it failed.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        message_for(&self.errors, field)
    }
}

/// Where the second factor of the account stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondFactorStatus {
    /// Off; the page offers to set it up.
    Off,
    /// On since this (formatted) moment; `required` when the role does not allow switching
    /// it off.
    On {
        /// When it was switched on, in the page's language.
        since: String,
        /// Whether a role of the account requires it.
        required: bool,
    },
}

/// `/account`: who you are, and signing in with a code.
#[derive(Template)]
#[template(path = "account/account.html")]
pub struct AccountPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The CSRF token.
    pub csrf: String,
    /// Name of the account holder.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Role names, translated and joined.
    pub roles: String,
    /// The second factor.
    pub status: SecondFactorStatus,
    /// Setting up the app, while the second factor is off.
    pub enrolment: Option<Enrolment>,
    /// The code as typed (kept after an error).
    pub code: String,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
    /// A confirmation or a message for the whole form.
    pub notice: Option<String>,
}

impl AccountPage {
    /// The message for `field`, if it failed.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        message_for(&self.errors, field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_shown_in_groups_of_four() {
        let i18n = I18n::new(domain::Locale::Nl);
        let view = Enrolment::new(&i18n, "ABCDEFGHIJ", "otpauth://totp/x?secret=ABCDEFGHIJ");
        assert_eq!(view.key, "ABCD EFGH IJ");
        assert!(view.qr_svg.unwrap().contains("aria-label=\"QR-code"));
    }
}
