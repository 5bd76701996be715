//! E-mail a person reads: plain-text askama templates (`templates/mail/*.txt`, not escaped,
//! since no browser renders them) with the subject from the catalogue.

use askama::Template;
use domain::Locale;

use crate::I18n;

/// A rendered message: what the outbox stores.
#[derive(Clone, PartialEq, Eq)]
pub struct MailText {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// The body carries sign-in links: never in logs.
impl std::fmt::Debug for MailText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailText")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// The mail with a password-reset link.
#[derive(Template)]
#[template(path = "mail/password_reset.txt")]
pub struct PasswordResetMail<'a> {
    /// Translator.
    pub i18n: I18n,
    /// "Hello <name>,".
    pub greeting: String,
    /// The absolute link that opens the reset form.
    pub link: &'a str,
    /// How long the link works, in words.
    pub valid: String,
}

impl<'a> PasswordResetMail<'a> {
    /// The mail in `locale` to `name`, with `link` valid for `valid_minutes`.
    pub fn new(locale: Locale, name: &str, link: &'a str, valid_minutes: i64) -> Self {
        let i18n = I18n::new(locale);
        PasswordResetMail {
            greeting: i18n.t1("mail-greeting", "name", name),
            valid: i18n.t1("mail-reset-valid", "minutes", &valid_minutes.to_string()),
            i18n,
            link,
        }
    }

    /// Subject and body.
    pub fn to_mail(&self) -> Result<MailText, askama::Error> {
        Ok(MailText {
            subject: self.i18n.t("mail-reset-subject"),
            body: self.render()?,
        })
    }
}

/// What an invitation says.
#[derive(Clone, Copy, Debug)]
pub struct Invitation<'a> {
    /// The invited person's name.
    pub name: &'a str,
    /// The municipality's name.
    pub municipality: &'a str,
    /// The address the person will sign in with.
    pub email: &'a str,
    /// The absolute link that opens the form to choose a password.
    pub link: &'a str,
    /// How long the link works.
    pub valid_days: i64,
}

/// The mail with an invitation link.
#[derive(Template)]
#[template(path = "mail/invitation.txt")]
pub struct InvitationMail<'a> {
    /// Translator.
    pub i18n: I18n,
    /// "Hello <name>,".
    pub greeting: String,
    /// Who invites to what.
    pub intro: String,
    /// The link.
    pub link: &'a str,
    /// The address to sign in with, in a sentence.
    pub sign_in_with: String,
    /// How long the link works, in words.
    pub valid: String,
}

impl<'a> InvitationMail<'a> {
    /// The mail in `locale`.
    pub fn new(locale: Locale, invitation: &Invitation<'a>) -> Self {
        let i18n = I18n::new(locale);
        InvitationMail {
            greeting: i18n.t1("mail-greeting", "name", invitation.name),
            intro: i18n.t1(
                "mail-invitation-intro",
                "municipality",
                invitation.municipality,
            ),
            link: invitation.link,
            sign_in_with: i18n.t1("mail-invitation-email", "email", invitation.email),
            valid: i18n.t1(
                "mail-invitation-valid",
                "days",
                &invitation.valid_days.to_string(),
            ),
            i18n,
        }
    }

    /// Subject and body.
    pub fn to_mail(&self) -> Result<MailText, askama::Error> {
        Ok(MailText {
            subject: self.i18n.t("mail-invitation-subject"),
            body: self.render()?,
        })
    }
}

/// A reminder to the owner of an agreement: it is due in some days, or today. For a
/// police-restricted agreement the mail does not say what it is about.
#[derive(Template)]
#[template(path = "mail/agreement_reminder.txt")]
pub struct AgreementReminderMail<'a> {
    /// Translator.
    pub i18n: I18n,
    /// The team's name.
    pub team: &'a str,
    /// What the agreement says, unless it is for the police only.
    pub what: Option<&'a str>,
    /// The target date, in words.
    pub due: String,
    /// Days left (0: today).
    pub days: u32,
    /// The agreement's page.
    pub link: &'a str,
}

impl<'a> AgreementReminderMail<'a> {
    /// The mail in `locale`.
    pub fn new(
        locale: Locale,
        team: &'a str,
        what: Option<&'a str>,
        due: chrono::NaiveDate,
        days: u32,
        link: &'a str,
    ) -> Self {
        AgreementReminderMail {
            i18n: I18n::new(locale),
            team,
            what,
            due: crate::local_time::day(locale, due),
            days,
            link,
        }
    }

    /// Subject and body.
    pub fn to_mail(&self) -> Result<MailText, askama::Error> {
        let subject = if self.days == 0 {
            self.i18n
                .t1("mail-reminder-subject-today", "team", self.team)
        } else {
            self.i18n.t2(
                "mail-reminder-subject",
                ("team", self.team),
                ("days", &self.days.to_string()),
            )
        };
        Ok(MailText {
            subject,
            body: self.render()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_mail_in_both_languages_has_the_link_and_no_markup_escaping() {
        let link = "https://buurt.example/wachtwoord-herstellen/abc?x=1&y=2";
        for (locale, word) in [(Locale::Nl, "minuten"), (Locale::En, "minutes")] {
            let mail = PasswordResetMail::new(locale, "Anne <de Vries>", link, 60)
                .to_mail()
                .unwrap();
            assert!(mail.body.contains(link), "{}", mail.body);
            assert!(mail.body.contains("Anne <de Vries>"), "text, not HTML");
            assert!(mail.body.contains(&format!("60 {word}")), "{}", mail.body);
            assert!(!mail.subject.starts_with("mail-"), "{}", mail.subject);
        }
    }

    #[test]
    fn invitation_mail_names_municipality_address_and_validity() {
        let invitation = Invitation {
            name: "Rob",
            municipality: "Maastricht",
            email: "rob@example.nl",
            link: "http://localhost/uitnodiging/t",
            valid_days: 7,
        };
        let mail = InvitationMail::new(Locale::Nl, &invitation)
            .to_mail()
            .unwrap();
        for needle in [
            "Hallo Rob,",
            "Maastricht",
            "rob@example.nl",
            "7 dagen",
            "/uitnodiging/t",
        ] {
            assert!(mail.body.contains(needle), "{needle} in {}", mail.body);
        }
        assert_eq!(mail.subject, "Uitnodiging voor buurtagenda");
    }
}

/// What a department hears of an urgent concern: enough to act, nothing about the resident.
#[derive(Clone, Copy, Debug)]
pub struct UrgentConcern<'a> {
    /// The category, in words.
    pub category: &'a str,
    /// The neighbourhood's name.
    pub neighbourhood: &'a str,
    /// Where, in words (street and numbers, landmark).
    pub place: &'a str,
    /// When it happens, in words.
    pub timing: &'a str,
    /// What is the matter.
    pub what: &'a str,
    /// The concern's reference.
    pub reference: &'a str,
    /// The team's name.
    pub team: &'a str,
    /// How to reach the team, in words.
    pub team_contact: &'a str,
}

/// The mail to a department about an urgent concern.
#[derive(Template)]
#[template(path = "mail/urgent_concern.txt")]
pub struct UrgentConcernMail<'a> {
    /// Translator.
    pub i18n: I18n,
    /// The concern.
    pub concern: UrgentConcern<'a>,
}

impl<'a> UrgentConcernMail<'a> {
    /// The mail in `locale`.
    pub fn new(locale: Locale, concern: UrgentConcern<'a>) -> Self {
        UrgentConcernMail {
            i18n: I18n::new(locale),
            concern,
        }
    }

    /// Subject and body.
    pub fn to_mail(&self) -> Result<MailText, askama::Error> {
        Ok(MailText {
            subject: self.i18n.t2(
                "mail-urgent-subject",
                ("category", self.concern.category),
                ("neighbourhood", self.concern.neighbourhood),
            ),
            body: self.render()?,
        })
    }
}

/// The mail to the police about an urgent police-only concern: that there is one and where
/// to read it, nothing of what or where (a mailbox is read by more people than the police
/// staff who may see it, and the outbox by administrators).
#[derive(Template)]
#[template(path = "mail/urgent_police_concern.txt")]
pub struct UrgentPoliceConcernMail<'a> {
    /// Translator.
    pub i18n: I18n,
    /// The team's name.
    pub team: &'a str,
    /// The concern's page in the team's list (which checks that the reader works for the
    /// police).
    pub link: &'a str,
}

impl<'a> UrgentPoliceConcernMail<'a> {
    /// The mail in `locale`.
    pub fn new(locale: Locale, team: &'a str, link: &'a str) -> Self {
        UrgentPoliceConcernMail {
            i18n: I18n::new(locale),
            team,
            link,
        }
    }

    /// Subject and body.
    pub fn to_mail(&self) -> Result<MailText, askama::Error> {
        Ok(MailText {
            subject: self.i18n.t("mail-urgent-police-subject"),
            body: self.render()?,
        })
    }
}
