//! Pages around an account's password: asking for a reset link, choosing a new password,
//! accepting an invitation, and the page for a link that no longer works.

use askama::Template;

use crate::I18n;
use crate::forms::FieldMessage;
use crate::pages::Shell;

fn message_for<'a>(errors: &'a [FieldMessage], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|m| m.field == field)
        .map(|m| m.text.as_str())
}

/// `/wachtwoord-vergeten`: the form that asks for a reset link.
#[derive(Template)]
#[template(path = "account/forgot_password.html")]
pub struct ForgotPassword {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The CSRF token.
    pub csrf: String,
    /// The address as typed (kept after an error).
    pub email: String,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
}

impl ForgotPassword {
    /// The empty form, or the form with `email` kept.
    pub fn new(shell: Shell, csrf: String, email: String) -> Self {
        let i18n = I18n::new(shell.locale);
        ForgotPassword {
            shell,
            i18n,
            csrf,
            email,
            errors: Vec::new(),
        }
    }

    /// The message for `field`, if it failed.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        message_for(&self.errors, field)
    }
}

/// What a page with a short message and links says. One template serves the answer after
/// asking for a link, the "password changed" page and the "link no longer works" page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// After asking for a reset link: the same words whether or not the address is known.
    ResetLinkSent,
    /// After choosing a new password.
    PasswordChanged,
    /// A reset link that is expired, used or unknown.
    ResetLinkGone,
    /// An invitation link that is expired, used or unknown.
    InvitationGone,
}

/// A link on a notice page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeLink {
    /// Where to.
    pub href: &'static str,
    /// Its text.
    pub text: String,
}

/// A page with a title, one or two paragraphs and links onward.
#[derive(Template)]
#[template(path = "account/notice.html")]
pub struct NoticePage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Heading and title.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// Links onward.
    pub links: Vec<NoticeLink>,
}

impl NoticePage {
    /// The page for `notice`.
    pub fn new(shell: Shell, notice: Notice) -> Self {
        let i18n = I18n::new(shell.locale);
        let link = |href, key: &str| NoticeLink {
            href,
            text: i18n.t(key),
        };
        let (title, paragraphs, links) = match notice {
            Notice::ResetLinkSent => (
                "forgot-sent-title",
                vec!["forgot-sent-body", "forgot-sent-spam"],
                vec![
                    link("/wachtwoord-vergeten", "forgot-again-link"),
                    link("/inloggen", "forgot-back-to-sign-in"),
                ],
            ),
            Notice::PasswordChanged => (
                "reset-done-title",
                vec!["reset-done-body"],
                vec![link("/inloggen", "reset-done-sign-in")],
            ),
            Notice::ResetLinkGone => (
                "link-gone-title",
                vec!["link-gone-reset"],
                vec![link("/wachtwoord-vergeten", "link-gone-reset-action")],
            ),
            Notice::InvitationGone => (
                "link-gone-title",
                vec!["link-gone-invitation"],
                vec![link("/inloggen", "link-gone-invitation-action")],
            ),
        };
        NoticePage {
            title: i18n.t(title),
            paragraphs: paragraphs.into_iter().map(|k| i18n.t(k)).collect(),
            links,
            shell,
            i18n,
        }
    }
}

/// What the form to choose a password is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordPurpose {
    /// Resetting a forgotten password.
    Reset,
    /// Accepting an invitation: greets the person and shows the address they sign in with.
    Invitation {
        /// The person's name.
        name: String,
        /// The sign-in address.
        email: String,
    },
}

/// `/wachtwoord-herstellen/{token}` and `/uitnodiging/{token}`: choose a password, twice.
#[derive(Template)]
#[template(path = "account/choose_password.html")]
pub struct ChoosePassword {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The CSRF token.
    pub csrf: String,
    /// Where the form posts to (the link's own path).
    pub action: String,
    /// Reset or invitation.
    pub purpose: PasswordPurpose,
    /// The greeting of an invitation, in words.
    pub greeting: Option<String>,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
}

impl ChoosePassword {
    /// The empty form.
    pub fn new(shell: Shell, csrf: String, action: String, purpose: PasswordPurpose) -> Self {
        let i18n = I18n::new(shell.locale);
        let greeting = match &purpose {
            PasswordPurpose::Invitation { name, .. } => {
                Some(i18n.t1("invitation-intro", "name", name))
            }
            PasswordPurpose::Reset => None,
        };
        ChoosePassword {
            shell,
            i18n,
            csrf,
            action,
            purpose,
            greeting,
            errors: Vec::new(),
        }
    }

    /// The message for `field`, if it failed.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        message_for(&self.errors, field)
    }

    /// The page's heading.
    pub fn title(&self) -> String {
        match self.purpose {
            PasswordPurpose::Reset => self.i18n.t("reset-title"),
            PasswordPurpose::Invitation { .. } => self.i18n.t("invitation-title"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Locale;

    fn shell(locale: Locale) -> Shell {
        Shell::new(locale, "/x", "/lang/en?next=%2Fx")
    }

    #[test]
    fn every_notice_renders_in_both_languages() {
        for locale in Locale::ALL {
            for notice in [
                Notice::ResetLinkSent,
                Notice::PasswordChanged,
                Notice::ResetLinkGone,
                Notice::InvitationGone,
            ] {
                let page = NoticePage::new(shell(locale), notice);
                let html = page.render().unwrap();
                assert!(!page.title.ends_with("-title"), "{notice:?} {locale}");
                assert!(html.contains(&page.title));
                assert!(!page.links.is_empty());
            }
        }
    }

    #[test]
    fn the_invitation_form_greets_and_shows_the_address_escaped() {
        let page = ChoosePassword::new(
            shell(Locale::Nl),
            "t".into(),
            "/uitnodiging/abc".into(),
            PasswordPurpose::Invitation {
                name: "<b>Rob</b>".into(),
                email: "rob@example.nl".into(),
            },
        );
        let html = page.render().unwrap();
        assert!(html.contains("&#60;b&#62;Rob"), "escaped");
        assert!(html.contains("value=\"rob@example.nl\""));
        assert!(html.contains("action=\"/uitnodiging/abc\""));
        assert!(html.contains("autocomplete=\"new-password\""));
    }
}
