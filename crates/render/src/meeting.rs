//! The team's side of the neighbourhood meeting (`/werk/{team}/bijeenkomst`): the cycle's
//! calendar and the next step for the meeting's state (plan, open, count, close, publish),
//! the settings and plan forms, and the printable cards with one-time voting codes.

use askama::Template;

use crate::I18n;
use crate::forms::FieldMessage;
use crate::pages::Shell;

/// A form on a meeting page: the values to show (as typed after an error, else as stored)
/// and the translated message per failed field.
#[derive(Clone, Debug, Default)]
pub struct FormView {
    /// Field values (repeated names allowed, for checkbox groups).
    pub values: Vec<(String, String)>,
    /// Messages per field.
    pub errors: Vec<FieldMessage>,
}

impl FormView {
    /// A form showing `values`, without messages.
    pub fn filled(values: Vec<(String, String)>) -> Self {
        FormView {
            values,
            errors: Vec::new(),
        }
    }

    /// The value of `field`, or empty.
    pub fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Whether `value` is among the values of `field` (a ticked checkbox).
    pub fn has(&self, field: &str, value: &str) -> bool {
        self.values.iter().any(|(k, v)| k == field && v == value)
    }

    /// The message for `field`, if it failed.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.text.clone())
    }

    /// The error summary: anchors (`FORM-FIELD`) and messages.
    pub fn summary(&self, form: &str) -> Vec<(String, String)> {
        self.errors
            .iter()
            .map(|e| (format!("{form}-{}", e.field), e.text.clone()))
            .collect()
    }
}

/// The meeting's day and place, as read.
#[derive(Clone, Debug)]
pub struct MeetingFacts {
    /// "20 december 2010, 19:30 – 21:30".
    pub when: String,
    /// Venue.
    pub venue: String,
    /// Venue address.
    pub venue_address: String,
    /// Accessibility (may be empty).
    pub accessibility: String,
}

/// An item on the ballot (or on the long list before it is frozen).
#[derive(Clone, Debug)]
pub struct BallotRow {
    /// Ballot item key (none on the long list, which is not frozen yet).
    pub id: Option<domain::BallotItemId>,
    /// Title.
    pub title: String,
    /// A note: "4 zorgen" on the long list, the previous count on the paper form.
    pub note: String,
}

/// One version of the paper count.
#[derive(Clone, Debug)]
pub struct VersionRow {
    /// 1, 2, ...
    pub version: i32,
    /// Attendees.
    pub attendees: String,
    /// Stickers in total.
    pub stickers: String,
    /// "Ingevoerd door Karim Bouzid, 20 december 2010, 20:45".
    pub entered: String,
    /// The reason of a correction (empty for the first count).
    pub reason: String,
    /// "Bevestigd door …" or "Wacht op bevestiging".
    pub confirmed: String,
}

/// The paper count waiting for a second facilitator.
#[derive(Clone, Debug)]
pub struct PendingCount {
    /// Its version.
    pub version: i32,
    /// Who entered it, when.
    pub entered: String,
    /// Attendees.
    pub attendees: String,
    /// Stickers per item: title and number.
    pub items: Vec<(String, String)>,
    /// The visitor entered it, so someone else must confirm.
    pub own: bool,
}

/// One row of the result.
#[derive(Clone, Debug)]
pub struct ResultRow {
    /// Ballot item key.
    pub id: domain::BallotItemId,
    /// Place (ties share one).
    pub rank: String,
    /// Title.
    pub title: String,
    /// Stickers on paper.
    pub paper: String,
    /// Stickers by phone.
    pub phone: String,
    /// Together.
    pub total: String,
    /// Chosen by the rule.
    pub chosen: bool,
    /// Tied at the cut-off.
    pub tied: bool,
}

/// `/werk/{team}/bijeenkomst`: the cycle's calendar and the meeting's next step.
#[derive(Template)]
#[template(path = "meeting/page.html")]
pub struct MeetingPage {
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
    /// "Ronde 4".
    pub cycle: String,
    /// The calendar: what and which day.
    pub calendar: Vec<(String, String)>,
    /// `none`, `planned`, `open`, `closed` or `published`.
    pub state: String,
    /// The state in words.
    pub state_label: String,
    /// Day and place, once planned.
    pub meeting: Option<MeetingFacts>,
    /// The vote's settings in one sentence.
    pub settings: String,
    /// The visitor may run the meeting.
    pub can_run: bool,
    /// A message after something changed under the visitor's hands.
    pub notice: Option<String>,
    /// Planned: the long list that goes on the ballot.
    pub agenda: Vec<BallotRow>,
    /// Open or closed: the frozen ballot (with the previous paper count as note).
    pub ballot: Vec<BallotRow>,
    /// "12 codes gedrukt, 5 gebruikt".
    pub codes: String,
    /// The paper count waiting for confirmation.
    pub pending: Option<PendingCount>,
    /// Every version, oldest first.
    pub versions: Vec<VersionRow>,
    /// Closed: the result, best first.
    pub result: Vec<ResultRow>,
    /// Closed: facts under the result (attendees, stickers, the export's hash).
    pub result_facts: Vec<String>,
    /// The chair must choose among the tied items (with this many places).
    pub chair_choice: Option<String>,
    /// Earlier priorities still open: key and title.
    pub open_priorities: Vec<(domain::PriorityId, String)>,
    /// The open form (a refusal when the long list is empty).
    pub open_form: FormView,
    /// The codes form.
    pub codes_form: FormView,
    /// The paper count form.
    pub paper_form: FormView,
    /// The confirm button.
    pub confirm_form: FormView,
    /// The publish form.
    pub publish_form: FormView,
}

impl MeetingPage {
    /// Every failed field of every form on the page, for one summary at the top.
    pub fn summary(&self) -> Vec<(String, String)> {
        [
            self.open_form.summary("open"),
            self.codes_form.summary("codes"),
            self.paper_form.summary("paper"),
            self.confirm_form.summary("confirm"),
            self.publish_form.summary("publish"),
        ]
        .concat()
    }

    /// The paper form's field for ballot item `id` (every item on the frozen ballot has one).
    pub fn item_field(&self, id: &Option<domain::BallotItemId>) -> String {
        id.map(|id| format!("item-{id}")).unwrap_or_default()
    }
}

/// `/werk/{team}/bijeenkomst/instellingen`: the team's cycle and vote settings.
#[derive(Template)]
#[template(path = "meeting/settings.html")]
pub struct SettingsPage {
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
    /// The form.
    pub form: FormView,
}

/// `/werk/{team}/bijeenkomst/plan`: the meeting's day, place and the cycle's calendar.
#[derive(Template)]
#[template(path = "meeting/plan.html")]
pub struct PlanPage {
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
    /// "Ronde 4".
    pub cycle: String,
    /// The form.
    pub form: FormView,
}

/// One printed card.
#[derive(Clone, Debug)]
pub struct CodeCard {
    /// The code as printed, `ABCDE-FGHJK`.
    pub code: String,
    /// Its QR code (inline SVG markup from [`crate::qr::svg`]) leading to the vote page.
    pub qr: Option<String>,
}

/// The answer to `POST /werk/{team}/bijeenkomst/codes`: cards to print and cut.
#[derive(Template)]
#[template(path = "meeting/codes.html")]
pub struct CodesPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Team name.
    pub team_name: String,
    /// Team URL name.
    pub team_slug: String,
    /// "example.nl/stemmen", as the card tells residents to type it.
    pub vote_address: String,
    /// The meeting's day and place, for the card.
    pub when: String,
    /// The cards.
    pub cards: Vec<CodeCard>,
}

/// A letters job as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LettersJob {
    /// Its id (in the page's address).
    pub id: String,
    /// Letters made so far.
    pub done: usize,
    /// Letters in all (households).
    pub total: usize,
    /// The PDF is ready.
    pub ready: bool,
    /// Why it failed (a message key).
    pub failed: Option<&'static str>,
}

/// `/werk/{team}/bijeenkomst/brieven/{job}`: the invitation letters being made, then the
/// download.
#[derive(Template)]
#[template(path = "meeting/letters.html")]
pub struct LettersPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Team URL name.
    pub team_slug: String,
    /// The job.
    pub job: LettersJob,
}

impl LettersPage {
    /// "1.200 van 7.000 brieven klaar".
    pub fn progress(&self) -> String {
        self.i18n.tn(
            "letters-progress",
            &[
                (
                    "done",
                    &crate::format::count(self.i18n.locale, self.job.done as u64),
                ),
                (
                    "total",
                    &crate::format::count(self.i18n.locale, self.job.total as u64),
                ),
            ],
        )
    }

    /// Why the letters could not be made, in words.
    pub fn failure(&self) -> Option<String> {
        self.job.failed.map(|key| self.i18n.t(key))
    }

    /// Whether the page should keep asking.
    pub fn running(&self) -> bool {
        !self.job.ready && self.job.failed.is_none()
    }
}
