//! What residents and the meeting room read of the vote: the phone's code form, ballot and
//! thank-you page (`/stemmen`), the projector (`/werk/{team}/bijeenkomst/scherm`), and the
//! public meeting page, priorities and past results of a neighbourhood.

use askama::Template;
use chrono::{DateTime, Timelike, Utc};
use domain::Locale;

use crate::I18n;
use crate::forms::FieldMessage;
use crate::pages::Shell;

/// A meeting's day and hours in Dutch time: `14 maart 2011, 19:30–21:30`.
pub fn when(locale: Locale, starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
    let (s, e) = (
        crate::local_time::amsterdam(starts),
        crate::local_time::amsterdam(ends),
    );
    format!(
        "{}, {:02}:{:02}–{:02}:{:02}",
        crate::local_time::date(locale, starts),
        s.hour(),
        s.minute(),
        e.hour(),
        e.minute()
    )
}

/// `GET /stemmen`: the code form.
#[derive(Template)]
#[template(path = "vote/code.html")]
pub struct CodePage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The code as typed (kept after an error).
    pub code: String,
    /// What is wrong with it.
    pub error: Option<String>,
    /// A message for the whole form (too many wrong codes).
    pub notice: Option<String>,
}

/// One item on the phone's ballot.
#[derive(Clone, Debug)]
pub struct BallotRow {
    /// Ballot item id (the value sent).
    pub id: domain::BallotItemId,
    /// Title.
    pub title: String,
    /// Chosen (kept after an error).
    pub checked: bool,
    /// With stacking: the stickers typed for it (kept after an error), else empty.
    pub stickers: String,
}

/// The ballot of a phone (`/stemmen?code=...`, and again after a refused vote).
#[derive(Template)]
#[template(path = "vote/ballot.html")]
pub struct BallotPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// The code (hidden; a visible field when it is what went wrong).
    pub code: String,
    /// The meeting's id, so that a refused vote can show the same ballot again.
    pub meeting: domain::MeetingId,
    /// The team's name.
    pub team: String,
    /// Stickers per voter.
    pub stickers: u32,
    /// Several stickers on one item allowed.
    pub stack: bool,
    /// The items.
    pub items: Vec<BallotRow>,
    /// Messages per field (`code`, `choices`).
    pub errors: Vec<FieldMessage>,
    /// A message for the whole form (too many wrong codes).
    pub notice: Option<String>,
}

impl BallotPage {
    /// The message for `field`, if it failed.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.text.as_str())
    }

    /// The rule above the items.
    pub fn rule(&self) -> String {
        let n = self.stickers.to_string();
        if self.stack {
            self.i18n.t1("vote-rule-stack", "n", &n)
        } else {
            self.i18n.t1("vote-rule", "n", &n)
        }
    }
}

/// `GET /stemmen/bedankt`: says the vote counted, and nothing about it.
#[derive(Template)]
#[template(path = "vote/thanks.html")]
pub struct ThanksPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
}

/// One bar of the projector's chart.
#[derive(Clone, Debug)]
pub struct Bar {
    /// Title.
    pub title: String,
    /// Paper stickers.
    pub paper: u64,
    /// Phone stickers.
    pub phone: u64,
    /// Width of the paper part, of 1000.
    pub paper_width: u64,
    /// Width of the phone part, of 1000.
    pub phone_width: u64,
    /// The numbers as a sentence.
    pub label: String,
}

/// The state of the vote on the projector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenState {
    /// Not open yet.
    Waiting,
    /// Voting.
    Open,
    /// Closed.
    Closed,
}

/// The part of the projector that htmx fetches again every second.
#[derive(Template)]
#[template(path = "vote/stand.html")]
pub struct Stand {
    /// Translator.
    pub i18n: I18n,
    /// The state.
    pub state: ScreenState,
    /// The bars, in ballot order.
    pub bars: Vec<Bar>,
    /// "N mensen hebben gestemd (X op papier, Y met de telefoon)".
    pub voters: String,
    /// A paper count waits for its second facilitator.
    pub paper_waiting: bool,
    /// The URL to fetch next (carries the voters it has announced).
    pub next: String,
    /// Whether the voter line changed since the last fetch (then it is swapped, and read
    /// out by screen readers; otherwise left alone).
    pub announce: bool,
}

impl Stand {
    /// Bars from (title, paper, phone), scaled to the largest total.
    pub fn bars(i18n: I18n, items: &[(String, u64, u64)]) -> Vec<Bar> {
        let most = items
            .iter()
            .map(|(_, a, b)| a + b)
            .max()
            .unwrap_or(0)
            .max(1);
        items
            .iter()
            .map(|(title, paper, phone)| Bar {
                title: title.clone(),
                paper: *paper,
                phone: *phone,
                paper_width: paper * 1000 / most,
                phone_width: phone * 1000 / most,
                label: i18n.tn(
                    "screen-bar",
                    &[
                        ("paper", &paper.to_string()),
                        ("phone", &phone.to_string()),
                        ("total", &(paper + phone).to_string()),
                    ],
                ),
            })
            .collect()
    }
}

/// `GET /werk/{team}/bijeenkomst/scherm`: the projector.
#[derive(Template)]
#[template(path = "vote/screen.html")]
pub struct ScreenPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The team's name.
    pub team: String,
    /// The voters line.
    pub voters: String,
    /// The chart, rendered (`Stand`).
    pub stand: String,
}

/// A team's next meeting, as residents read it.
#[derive(Clone, Debug)]
pub struct NextMeeting {
    /// Day and hours.
    pub when: String,
    /// Venue.
    pub venue: String,
    /// Its address.
    pub address: String,
    /// Accessibility.
    pub accessibility: String,
    /// The calendar file's URL.
    pub ics: String,
}

/// A priority as residents read it.
#[derive(Clone, Debug)]
pub struct PriorityView {
    /// Title.
    pub title: String,
    /// "loopt door sinds ronde N", when it continues.
    pub since: Option<String>,
    /// A quick win.
    pub quick_win: bool,
    /// Residents act on it themselves.
    pub residents_act: bool,
}

/// One team's part of a neighbourhood page.
#[derive(Clone, Debug)]
pub struct TeamAgendaView {
    /// The team's name.
    pub name: String,
    /// Its current priorities.
    pub current: Vec<PriorityView>,
    /// Its next meeting.
    pub next: Option<NextMeeting>,
    /// Whether it has published results (then the page links to them).
    pub has_past: bool,
}

/// One row of a published ballot.
#[derive(Clone, Debug)]
pub struct ResultRowView {
    /// Place.
    pub rank: String,
    /// Title.
    pub title: String,
    /// Paper stickers.
    pub paper: String,
    /// Phone stickers.
    pub phone: String,
    /// Chosen.
    pub chosen: bool,
    /// Marks (quick win, residents act), as text.
    pub marks: String,
}

/// One published meeting.
#[derive(Clone, Debug)]
pub struct PastView {
    /// Heading: the team and the cycle.
    pub heading: String,
    /// Its anchor.
    pub id: String,
    /// Day and hours.
    pub when: String,
    /// Attendees, phone voters, stickers used: label and value.
    pub facts: Vec<(String, String)>,
    /// The ranked ballot.
    pub rows: Vec<ResultRowView>,
    /// The chair's reason for choosing among tied items.
    pub chair_reason: Option<String>,
    /// SHA-256 of the canonical ballot export.
    pub hash: String,
}

/// `GET /buurten/{slug}/prioriteiten`: every published result.
#[derive(Template)]
#[template(path = "vote/priorities.html")]
pub struct PrioritiesPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The neighbourhood.
    pub name: String,
    /// Back to its page.
    pub back: String,
    /// Published meetings, newest first.
    pub past: Vec<PastView>,
}

/// One team's invitation on the public meeting page.
#[derive(Clone, Debug)]
pub struct InvitationView {
    /// The team's name.
    pub team: String,
    /// The meeting, when planned.
    pub next: Option<NextMeeting>,
    /// How the stickers work.
    pub stickers: String,
    /// The titles of the long list.
    pub heard: Vec<String>,
}

/// `GET /buurten/{slug}/bijeenkomst`: the public meeting page.
#[derive(Template)]
#[template(path = "vote/meeting.html")]
pub struct MeetingPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The neighbourhood.
    pub name: String,
    /// Back to its page.
    pub back: String,
    /// Per team.
    pub teams: Vec<InvitationView>,
}
