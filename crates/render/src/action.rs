//! The action phase's pages: the team's board of agreements per priority, one agreement
//! with its timeline, and "my agreements" (phone first).

use askama::Template;
use chrono::NaiveDate;
use domain::agreement::AgreementState;

use crate::I18n;
use crate::admin::{FormState, Refill};
use crate::inventory::Choice;
use crate::pages::Shell;

/// An agreement's state in words.
pub fn state_label(i18n: &I18n, state: AgreementState) -> String {
    i18n.t(&format!("agreement-state-{}", state.code()))
}

/// When an agreement is due, in words, with whether it is late: "klaar op 12 maart 2011",
/// "te laat: had klaar moeten zijn op ...". Closed agreements are never late.
pub fn due_text(
    i18n: &I18n,
    target: NaiveDate,
    state: AgreementState,
    today: NaiveDate,
) -> (String, bool) {
    let day = crate::local_time::day(i18n.locale, target);
    if !state.is_closed() && target < today {
        (i18n.t1("agreement-overdue", "date", &day), true)
    } else {
        (i18n.t1("agreement-due", "date", &day), false)
    }
}

/// One agreement in a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementRow {
    /// Its page.
    pub href: String,
    /// What will be done.
    pub what: String,
    /// Who does it.
    pub owner: String,
    /// Its state in words.
    pub state: String,
    /// The state's code (for the style).
    pub state_code: &'static str,
    /// When it is due, in words.
    pub due: String,
    /// Whether it is overdue.
    pub overdue: bool,
    /// Where it belongs (the team, on "my agreements"), or empty.
    pub context: String,
}

/// One priority with its agreements on the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityBlock {
    /// Anchor id.
    pub id: domain::PriorityId,
    /// Title.
    pub title: String,
    /// "Ronde 3 · prioriteit 1 · quick win", in words.
    pub facts: String,
    /// Whether it is still open.
    pub open: bool,
    /// Its agreements.
    pub agreements: Vec<AgreementRow>,
}

/// `/werk/{team}/afspraken`: each priority with its agreements, and the form for a new one.
#[derive(Template)]
#[template(path = "action/board.html")]
pub struct BoardPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// Team name.
    pub team_name: String,
    /// Team URL name.
    pub team_slug: String,
    /// Promises kept, in words ("3 van de 5 afspraken (60%)"), or empty when none was due.
    pub kept: String,
    /// The priorities.
    pub priorities: Vec<PriorityBlock>,
    /// Whether the visitor may write agreements down.
    pub can_edit: bool,
    /// The open priorities, for the form.
    pub priority_choices: Vec<Choice>,
    /// People and departments who may own one, for the form.
    pub owners: Vec<Choice>,
    /// Who may see it, for the form.
    pub sensitivities: Vec<Choice>,
    /// The form's id (a new one per page).
    pub client_id: String,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A confirmation.
    pub notice: Option<String>,
}

impl Refill for BoardPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

/// One entry of the timeline, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    /// When.
    pub when: String,
    /// Who.
    pub who: String,
    /// What changed, in words.
    pub what: Vec<String>,
    /// The note.
    pub note: String,
    /// Whether residents may read it.
    pub public: bool,
}

/// `/werk/{team}/afspraken/{id}`: one agreement, its timeline and the form to change it.
#[derive(Template)]
#[template(path = "action/agreement.html")]
pub struct AgreementPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// Team name.
    pub team_name: String,
    /// Team URL name.
    pub team_slug: String,
    /// Key.
    pub id: i64,
    /// The agreement as a row (what, owner, state, due).
    pub row: AgreementRow,
    /// The priority's title.
    pub priority: String,
    /// The target date in words.
    pub target_day: String,
    /// The date first agreed, when the target moved since.
    pub promised: Option<String>,
    /// The deadline, if any.
    pub hard: Option<String>,
    /// Who may see it, in words.
    pub visibility: String,
    /// Whether residents may read notes on it.
    pub public: bool,
    /// The timeline, oldest first.
    pub timeline: Vec<TimelineRow>,
    /// The current state and the ones it may move to.
    pub states: Vec<Choice>,
    /// The current target date (`YYYY-MM-DD`).
    pub target: String,
    /// The version the form was made from.
    pub version: i32,
    /// Whether the visitor may change it (and it is not closed).
    pub can_change: bool,
    /// Its escalations, oldest first.
    pub escalations: Vec<crate::escalation::EscalationBlock>,
    /// The group the visitor may send it up to (when it may go up now).
    pub raise_to: Option<String>,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A notice.
    pub notice: Option<String>,
}

impl Refill for AgreementPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

/// `/afspraken`: the visitor's own open agreements, the overdue ones first.
#[derive(Template)]
#[template(path = "action/mine.html")]
pub struct MinePage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Overdue.
    pub overdue: Vec<AgreementRow>,
    /// Due within a week.
    pub soon: Vec<AgreementRow>,
    /// Later.
    pub later: Vec<AgreementRow>,
    /// The project and steering groups the visitor works in, with their queues.
    pub groups: Vec<crate::escalation::GroupLink>,
    /// The department whose requests the visitor answers (the link to its inbox).
    pub department: Option<String>,
}

impl MinePage {
    /// The three lists with their headings.
    pub fn groups(&self) -> [(String, &[AgreementRow]); 3] {
        [
            (self.i18n.t("mine-overdue"), &self.overdue),
            (self.i18n.t("mine-soon"), &self.soon),
            (self.i18n.t("mine-later"), &self.later),
        ]
    }
}

/// Promises kept in words, or empty when nothing was due yet.
pub fn kept_text(i18n: &I18n, kept: domain::agreement::Kept) -> String {
    kept.percent().map_or_else(String::new, |percent| {
        i18n.tn(
            "board-kept",
            &[
                ("kept", &kept.kept.to_string()),
                ("due", &kept.due.to_string()),
                ("percent", &percent.to_string()),
            ],
        )
    })
}

/// `/verzoeken`: a department's inbox across all teams.
#[derive(Template)]
#[template(path = "action/requests.html")]
pub struct RequestsPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The department.
    pub department: String,
    /// Waiting for an answer.
    pub to_answer: Vec<AgreementRow>,
    /// Taken on, not finished.
    pub taken_on: Vec<AgreementRow>,
}

impl RequestsPage {
    /// The two lists with their headings and what each says when empty.
    pub fn sections(&self) -> [(String, &[AgreementRow], String); 2] {
        [
            (
                self.i18n.t("requests-to-answer"),
                &self.to_answer,
                self.i18n.t("requests-none-to-answer"),
            ),
            (
                self.i18n.t("requests-taken-on"),
                &self.taken_on,
                self.i18n.t("requests-none-taken-on"),
            ),
        ]
    }
}

/// `/verzoeken/{id}`: one request as its department sees it, with the answer form (or, once
/// accepted, the form to move it on).
#[derive(Template)]
#[template(path = "action/request.html")]
pub struct RequestPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// Key.
    pub id: i64,
    /// The department.
    pub department: String,
    /// The team that asks.
    pub team_name: String,
    /// The request as a row (what, state, due).
    pub row: AgreementRow,
    /// The priority's title.
    pub priority: String,
    /// The deadline, if any.
    pub hard: Option<String>,
    /// The timeline, oldest first.
    pub timeline: Vec<TimelineRow>,
    /// Whether it waits for the department's answer.
    pub to_answer: bool,
    /// After acceptance: the current state and the ones it may move to.
    pub states: Vec<Choice>,
    /// The current target date (`YYYY-MM-DD`).
    pub target: String,
    /// The version the form was made from.
    pub version: i32,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A notice.
    pub notice: Option<String>,
}

impl Refill for RequestPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}
