//! The escalation ladder's pages: the escalations on an agreement's page, a group's queue,
//! and one escalation as a group sees it (with the forms of the steps it may take).

use askama::Template;

use crate::I18n;
use crate::admin::{FormState, Refill};
use crate::inventory::Choice;
use crate::pages::Shell;

/// One step of an escalation, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRow {
    /// When.
    pub when: String,
    /// Who.
    pub who: String,
    /// The step ("Naar de projectgroep", "Vraagt om informatie").
    pub what: String,
    /// Its text: the question, information, answer or decision.
    pub body: String,
}

/// One escalation with its steps and the form for the next step, if the visitor may take one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EscalationBlock {
    /// Key (for the anchor).
    pub id: i64,
    /// Where the step form posts.
    pub action: String,
    /// Where it stands, in words.
    pub status: String,
    /// Whether it is still on the ladder.
    pub open: bool,
    /// Its steps, oldest first.
    pub steps: Vec<StepRow>,
    /// The version the form is made from.
    pub version: i32,
    /// The steps with a text the visitor may take (the form's choices).
    pub choices: Vec<Choice>,
    /// Whether the visitor may decide (the decision form).
    pub can_decide: bool,
    /// The agreement a decision made: its page and what it says.
    pub made: Option<(String, String)>,
}

/// One item of a group's queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    /// Its page.
    pub href: String,
    /// The team that asks.
    pub team: String,
    /// The stuck agreement (empty when the visitor may not read it).
    pub what: String,
    /// The question asked of the group.
    pub question: String,
    /// How long it waits, in words ("12 dagen").
    pub age: String,
    /// Whether the group asked the team for information and waits for it.
    pub waiting: bool,
}

/// `/groepen/{group}`: what waits at a project or steering group, the oldest first.
#[derive(Template)]
#[template(path = "action/queue.html")]
pub struct QueuePage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The group's name.
    pub group_name: String,
    /// The queue.
    pub rows: Vec<QueueRow>,
}

/// `/groepen/{group}/escalaties/{id}`: one escalation as a group sees it.
#[derive(Template)]
#[template(path = "action/escalation.html")]
pub struct EscalationPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// The group's name.
    pub group_name: String,
    /// The group's queue.
    pub queue_href: String,
    /// The team that asks.
    pub team_name: String,
    /// The stuck agreement (empty when the visitor may not read it).
    pub what: String,
    /// Its owner and when it was due, in words.
    pub facts: String,
    /// The question asked of the level it is at.
    pub question: String,
    /// The escalation.
    pub block: EscalationBlock,
    /// Who may own the agreement a decision makes.
    pub owners: Vec<Choice>,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A notice.
    pub notice: Option<String>,
}

impl Refill for EscalationPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

/// A group in the visitor's list: its queue and how much waits there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupLink {
    /// Its queue.
    pub href: String,
    /// Its name.
    pub name: String,
    /// How much waits there, in words.
    pub waiting: String,
}

/// How long something waits, in words: "vandaag", "1 dag", "12 dagen".
pub fn age_text(i18n: &I18n, days: i64) -> String {
    i18n.t1("queue-age", "days", &days.max(0).to_string())
}
