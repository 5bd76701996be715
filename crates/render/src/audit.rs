//! The audit log page for administrators and coordinators.

use askama::Template;
use chrono::{DateTime, Utc};

use crate::I18n;
use crate::pages::Shell;

/// One row of the log.
#[derive(Clone, Debug)]
pub struct AuditRow {
    /// When, as local time text.
    pub at: String,
    /// Machine-readable time for `<time datetime>`.
    pub at_iso: String,
    /// Who.
    pub who: String,
    /// What (the action code).
    pub action: String,
    /// Which record.
    pub record: String,
    /// Field, before, after.
    pub changes: Vec<(String, String, String)>,
}

/// `/beheer/logboek`.
#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditLogPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Rows, newest first.
    pub rows: Vec<AuditRow>,
    /// The chosen action filter (`team.`, ...) or empty.
    pub action: String,
    /// Link to the next (older) page.
    pub next_href: Option<String>,
}

impl AuditLogPage {
    /// The action groups the filter offers.
    pub fn action_groups(&self) -> &'static [&'static str] {
        &[
            "account.",
            "district.",
            "neighbourhood.",
            "organisation.",
            "department.",
            "person.",
            "team.",
            "group.",
            "demo.",
        ]
    }

    /// A group's label.
    pub fn group_label(&self, group: &str) -> String {
        self.i18n
            .t(&format!("audit-group-{}", group.trim_end_matches('.')))
    }
}

/// The time of an entry as a person in the Netherlands reads it: `28-11-2026 22:31`.
pub fn when(at: DateTime<Utc>) -> (String, String) {
    let local = crate::local_time::amsterdam(at);
    (local.format("%d-%m-%Y %H:%M").to_string(), at.to_rfc3339())
}
