//! `/beheer/berichten`: the mail buurtagenda sent or still has to send, for administrators,
//! so that invitations and reset links can be passed on when no mail server is set up.

use askama::Template;
use chrono::{DateTime, Utc};

use crate::pages::Shell;
use crate::{I18n, local_time};

/// Where a message stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailState {
    /// Not yet tried.
    Waiting,
    /// Sent at this moment.
    Sent(DateTime<Utc>),
    /// Failed, will be tried again.
    Retrying {
        /// What the mail server said.
        last_error: Option<String>,
    },
    /// Failed too often; no more tries.
    Failed {
        /// What the mail server said.
        last_error: Option<String>,
    },
}

/// One message as the services describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxItem {
    /// Key.
    pub id: i64,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Where it stands.
    pub state: MailState,
    /// The text, or `None` when the viewer may not read it.
    pub body: Option<String>,
}

/// One message as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxRow {
    /// Key (for the ids of the page's elements).
    pub id: i64,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Queued at, in Amsterdam time.
    pub created: String,
    /// Where it stands, in words.
    pub status: String,
    /// The mail server's last complaint, in words.
    pub error: Option<String>,
    /// The text, or `None` when hidden.
    pub body: Option<String>,
}

/// The outbox page.
#[derive(Template)]
#[template(path = "outbox.html")]
pub struct OutboxPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Messages on this page, newest first.
    pub rows: Vec<OutboxRow>,
    /// Link to older messages, if any.
    pub next_href: Option<String>,
    /// Whether this is a later page (offers a link back to the newest).
    pub is_continuation: bool,
}

impl OutboxPage {
    /// The page for these messages.
    pub fn new(
        shell: Shell,
        items: Vec<OutboxItem>,
        next_href: Option<String>,
        is_continuation: bool,
    ) -> Self {
        let i18n = I18n::new(shell.locale);
        let rows = items
            .into_iter()
            .map(|item| {
                let (status, error) = match item.state {
                    MailState::Waiting => (i18n.t("outbox-status-waiting"), None),
                    MailState::Sent(at) => (
                        i18n.t1(
                            "outbox-status-sent",
                            "time",
                            &local_time::date_time(shell.locale, at),
                        ),
                        None,
                    ),
                    MailState::Retrying { last_error } => {
                        (i18n.t("outbox-status-retrying"), last_error)
                    }
                    MailState::Failed { last_error } => {
                        (i18n.t("outbox-status-failed"), last_error)
                    }
                };
                OutboxRow {
                    id: item.id,
                    to: item.to,
                    subject: item.subject,
                    created: local_time::date_time(shell.locale, item.created_at),
                    status,
                    error: error.map(|e| i18n.t1("outbox-last-error", "error", &e)),
                    body: item.body,
                }
            })
            .collect();
        OutboxPage {
            shell,
            i18n,
            rows,
            next_href,
            is_continuation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Locale;

    #[test]
    fn shows_status_text_and_hides_what_the_viewer_may_not_read() {
        let at: DateTime<Utc> = "2026-11-28T13:05:00Z".parse().unwrap();
        let item = |id, state, body: Option<&str>| OutboxItem {
            id,
            to: "rob@example.nl".into(),
            subject: "Uitnodiging".into(),
            created_at: at,
            state,
            body: body.map(str::to_owned),
        };
        let page = OutboxPage::new(
            Shell::new(Locale::Nl, "/beheer/berichten", "/lang/en"),
            vec![
                item(2, MailState::Sent(at), Some("Hallo <Rob>")),
                item(
                    1,
                    MailState::Retrying {
                        last_error: Some("connection refused".into()),
                    },
                    None,
                ),
            ],
            None,
            false,
        );
        let html = page.render().unwrap();
        assert!(
            html.contains("Verstuurd op 28 november 2026, 14:05"),
            "{html}"
        );
        assert!(html.contains("Hallo &#60;Rob&#62;"), "escaped");
        assert!(html.contains("connection refused"));
        assert!(
            html.contains("niet mag beheren"),
            "hidden text is explained"
        );
    }
}
