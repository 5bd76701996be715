//! The inventory's pages: the capture form (phone first), the team's list of concerns, and
//! for residents the neighbourhood page, the report form, and the status of a report.

use askama::Template;
use domain::inventory::{Channel, ConcernStatus, DayPart, Sensitivity, Weekday};

use crate::I18n;
use crate::admin::{FormState, Refill};
use crate::pages::Shell;

pub use crate::agenda::{AgendaConcern, AgendaItemRow, AgendaPage, SuggestionRow};

/// A choice in a list: its value and its label in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the form sends.
    pub value: String,
    /// What the person reads.
    pub label: String,
}

/// The label of a category: the municipality's own name, or the default theme's.
pub fn category_label(i18n: &I18n, code: &str, own: Option<&str>) -> String {
    own.map_or_else(|| i18n.t(&format!("category-{code}")), str::to_owned)
}

/// Where a concern is, in words: `Kerkstraat 2-12 · bij de school`.
pub fn place_text(
    street: Option<&str>,
    houses: Option<(i32, i32)>,
    landmark: Option<&str>,
) -> String {
    let mut place = Vec::new();
    if let Some(street) = street {
        match houses {
            Some((from, to)) if from == to => place.push(format!("{street} {from}")),
            Some((from, to)) => place.push(format!("{street} {from}-{to}")),
            None => place.push(street.to_owned()),
        }
    }
    if let Some(landmark) = landmark {
        place.push(landmark.to_owned());
    }
    place.join(" · ")
}

/// When a concern happens, in words: `vrijdag, zaterdag · avond · sinds de zomer`.
pub fn timing_text(
    i18n: &I18n,
    days: domain::inventory::Weekdays,
    parts: domain::inventory::DayParts,
    since: Option<&str>,
) -> String {
    let mut timing: Vec<String> = Vec::new();
    let days: Vec<String> = days
        .iter()
        .map(|d| i18n.t(&format!("weekday-{}", d.code())))
        .collect();
    if !days.is_empty() {
        timing.push(days.join(", "));
    }
    let parts: Vec<String> = parts
        .iter()
        .map(|p| i18n.t(&format!("day-part-{}", p.code())))
        .collect();
    if !parts.is_empty() {
        timing.push(parts.join(", "));
    }
    if let Some(since) = since {
        timing.push(since.to_owned());
    }
    timing.join(" · ")
}

/// The inventory's labels in one language, for code that has no page at hand.
pub struct Labels(pub I18n);

impl InventoryLabels for Labels {
    fn i18n(&self) -> &I18n {
        &self.0
    }
}

/// Labels of the inventory's coded values.
pub trait InventoryLabels {
    /// The translator.
    fn i18n(&self) -> &I18n;

    /// A channel.
    fn channel_label(&self, c: &Channel) -> String {
        self.i18n().t(&format!("channel-{}", c.code()))
    }

    /// A sensitivity.
    fn sensitivity_label(&self, s: &Sensitivity) -> String {
        self.i18n().t(&format!("sensitivity-{}", s.code()))
    }

    /// What a sensitivity means, for the one choosing it.
    fn sensitivity_hint(&self, s: &Sensitivity) -> String {
        self.i18n().t(&format!("sensitivity-{}-hint", s.code()))
    }

    /// A status.
    fn status_label(&self, s: &ConcernStatus) -> String {
        self.i18n().t(&format!("concern-status-{}", s.code()))
    }

    /// A weekday.
    fn weekday_label(&self, d: &Weekday) -> String {
        self.i18n().t(&format!("weekday-{}", d.code()))
    }

    /// A part of the day.
    fn day_part_label(&self, p: &DayPart) -> String {
        self.i18n().t(&format!("day-part-{}", p.code()))
    }

    /// Every weekday.
    fn weekdays(&self) -> &'static [Weekday] {
        &Weekday::ALL
    }

    /// Every part of the day.
    fn day_parts(&self) -> &'static [DayPart] {
        &DayPart::ALL
    }
}

/// `/werk/{team}/nieuw`: noting a concern, one column, big targets, works without scripts.
#[derive(Template)]
#[template(path = "inventory/capture.html")]
pub struct CapturePage {
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
    /// The team's neighbourhoods (a choice only when there are several).
    pub neighbourhoods: Vec<Choice>,
    /// Categories.
    pub categories: Vec<Choice>,
    /// The team's streets.
    pub streets: Vec<Choice>,
    /// A fresh id for this form: sending it twice stores one concern.
    pub client_id: String,
    /// Whose queue of concerns noted offline this form sends (capture.js keeps one queue per
    /// account on a shared phone).
    pub account: String,
    /// The form that failed, with what was typed.
    pub failed: Option<FormState>,
    /// The map to click a point on, when the neighbourhood's outline is known.
    pub picker: Option<crate::map::Picker>,
    /// The message after saving, if the page follows a save.
    pub saved: Option<String>,
}

impl Refill for CapturePage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

impl InventoryLabels for CapturePage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}

impl CapturePage {
    /// Every channel but the web (residents use the web form themselves).
    pub fn channels(&self) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|c| *c != Channel::Web)
            .collect()
    }

    /// Every sensitivity.
    pub fn sensitivities(&self) -> &'static [Sensitivity] {
        &Sensitivity::ALL
    }

    /// The value of `field`, or `default` when the form is fresh.
    pub fn value_or(&self, field: &str, default: &str) -> String {
        if self.failed.is_some() {
            self.value("concern", field)
        } else {
            default.to_owned()
        }
    }
}

/// One concern in the team's list, ready to show.
#[derive(Clone, Debug)]
pub struct ConcernRow {
    /// Key.
    pub id: domain::ConcernId,
    /// Reference.
    pub reference: String,
    /// Noted on, as a person reads it.
    pub when: String,
    /// Category label.
    pub category: String,
    /// What.
    pub what: String,
    /// Where, in words.
    pub place: String,
    /// When it happens, in words (days, parts, since).
    pub timing: String,
    /// Channel label.
    pub channel: String,
    /// "3 bewoners".
    pub residents: String,
    /// Status label.
    pub status: String,
    /// Sensitivity label, and whether it is not public.
    pub sensitivity: (String, bool),
    /// Urgent.
    pub urgent: bool,
    /// Quick win.
    pub quick_win: bool,
}

/// `/werk/{team}`: the team's concerns with the filter form.
#[derive(Template)]
#[template(path = "inventory/concerns.html")]
pub struct ConcernsPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Team name.
    pub team_name: String,
    /// Team URL name.
    pub team_slug: String,
    /// Whether the visitor may note concerns for this team.
    pub can_capture: bool,
    /// Filter choices: cycles, categories, streets, channels, statuses, sensitivities.
    pub cycles: Vec<Choice>,
    /// Categories.
    pub categories: Vec<Choice>,
    /// Streets.
    pub streets: Vec<Choice>,
    /// Channels.
    pub channels: Vec<Choice>,
    /// Statuses.
    pub statuses: Vec<Choice>,
    /// Sensitivities the visitor may see.
    pub sensitivities: Vec<Choice>,
    /// The current filter, as `(field, value)`.
    pub filter: Vec<(String, String)>,
    /// The concerns.
    pub rows: Vec<ConcernRow>,
    /// The link to the next page.
    pub next_href: Option<String>,
    /// The link to the CSV of the filter.
    pub csv_href: String,
    /// The team map with the same filter.
    pub map_href: String,
}

impl ConcernsPage {
    /// Whether `value` is the filter's value for `field`.
    pub fn chosen(&self, field: &str, value: &str) -> bool {
        self.filter.iter().any(|(f, v)| f == field && v == value)
    }
}

/// `/buurten/{slug}`: the public page of a neighbourhood.
#[derive(Template)]
#[template(path = "inventory/neighbourhood.html")]
pub struct NeighbourhoodPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Name.
    pub name: String,
    /// URL name.
    pub slug: String,
    /// The query string that picks the municipality, when needed (`?gemeente=...`).
    pub municipality_query: String,
    /// Its teams: id and name.
    pub teams: Vec<(i64, String)>,
    /// Public concerns per status: label and count.
    pub heard: Vec<(String, String)>,
    // meeting (public)
    /// Per team covering it: current priorities and the next meeting.
    pub agendas: Vec<crate::vote::TeamAgendaView>,
}

/// `/buurten/{slug}/melden`: a resident's report form.
#[derive(Template)]
#[template(path = "inventory/report.html")]
pub struct ReportPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// Neighbourhood name.
    pub neighbourhood: String,
    /// Where the form posts.
    pub action: String,
    /// Categories.
    pub categories: Vec<Choice>,
    /// The neighbourhood's streets.
    pub streets: Vec<Choice>,
    /// A fresh id for this form.
    pub client_id: String,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A message for the whole form (too many reports).
    pub notice: Option<String>,
}

impl Refill for ReportPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

impl InventoryLabels for ReportPage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}

/// `/melding/{reference}`: where a report stands, or the form to look one up.
#[derive(Template)]
#[template(path = "inventory/status.html")]
pub struct StatusPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The report, when found: reference, received line, topic line, status, meeting line.
    pub found: Option<StatusView>,
    /// Shown after a report was just sent.
    pub just_sent: bool,
    /// The reference looked up without success.
    pub unknown: Option<String>,
}

/// What the status page says of a report.
#[derive(Clone, Debug)]
pub struct StatusView {
    /// The reference.
    pub reference: String,
    /// "Ontvangen op ... in ...".
    pub received: String,
    /// "Onderwerp: ...".
    pub topic: String,
    /// The status, in words.
    pub status: String,
    /// The meeting line.
    pub meeting: String,
}

/// `/werk`: the teams whose work the visitor sees.
#[derive(Template)]
#[template(path = "inventory/my_teams.html")]
pub struct MyTeamsPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Slug, name, neighbourhoods, and whether the visitor may note concerns there.
    pub teams: Vec<(String, String, String, bool)>,
}

/// One routing rule as the page lists it.
#[derive(Clone, Debug)]
pub struct RuleRow {
    /// Key.
    pub id: i64,
    /// Category label.
    pub category: String,
    /// Neighbourhood name, or "the whole municipality".
    pub area: String,
    /// Organisation (and department).
    pub to: String,
    /// Mailbox.
    pub email: String,
}

/// `/beheer/routering`: where urgent concerns go at once.
#[derive(Template)]
#[template(path = "inventory/routing.html")]
pub struct RoutingPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// The rules.
    pub rules: Vec<RuleRow>,
    /// Categories.
    pub categories: Vec<Choice>,
    /// Neighbourhoods.
    pub neighbourhoods: Vec<Choice>,
    /// Organisations.
    pub organisations: Vec<Choice>,
    /// Departments (labelled with their organisation).
    pub departments: Vec<Choice>,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A confirmation.
    pub notice: Option<String>,
}

impl Refill for RoutingPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

/// A street in the coverage view.
#[derive(Clone, Debug)]
pub struct CoverageRow {
    /// Street key (for the form's boxes).
    pub street: i64,
    /// Name.
    pub name: String,
    /// Where it stands, in words.
    pub reach: String,
    /// A class for the reach: `never`, `earlier`, `now`.
    pub class: &'static str,
    /// The last visit, as a day.
    pub last: String,
}

/// `/werk/{team}/bereik`: outreach and street coverage, with the form to record outreach.
#[derive(Template)]
#[template(path = "inventory/coverage.html")]
pub struct CoveragePage {
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
    /// "Ronde 3", or empty.
    pub cycle: String,
    /// Counts: this cycle, earlier, never.
    pub counts: (usize, usize, usize),
    /// Every street.
    pub streets: Vec<CoverageRow>,
    /// The latest outreach, in words.
    pub recent: Vec<String>,
    /// Outreach kinds.
    pub kinds: Vec<Choice>,
    /// Team members.
    pub members: Vec<Choice>,
    /// Whether the visitor may record outreach.
    pub can_record: bool,
    /// Today, for the date field.
    pub today: String,
    /// The form that failed.
    pub failed: Option<FormState>,
    /// A confirmation.
    pub notice: Option<String>,
}

impl Refill for CoveragePage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}

/// `/werk/{team}/zorg/{id}`: one concern, with who may see it.
#[derive(Template)]
#[template(path = "inventory/concern.html")]
pub struct ConcernPage {
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
    pub id: domain::ConcernId,
    /// The concern, as the list shows it.
    pub row: ConcernRow,
    /// The resident's contact details as `(label, value)`, for those who may see them.
    pub contact: Vec<(String, String)>,
    /// "Doorgestuurd op ...", when it was passed on as urgent.
    pub routed: Option<String>,
    /// The current sensitivity's code, and whether the visitor may change it.
    pub sensitivity: (String, bool),
    /// A confirmation.
    pub notice: Option<String>,
}

impl InventoryLabels for ConcernPage {
    fn i18n(&self) -> &I18n {
        &self.i18n
    }
}

impl ConcernPage {
    /// Every sensitivity.
    pub fn sensitivities(&self) -> &'static [Sensitivity] {
        &Sensitivity::ALL
    }
}

/// `/beheer/onderwerpen`: the topics concerns can have.
#[derive(Template)]
#[template(path = "inventory/categories.html")]
pub struct CategoriesPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// CSRF token.
    pub csrf: String,
    /// Key, label, and whether it is offered for new concerns.
    pub categories: Vec<(i64, String, bool)>,
    /// The form that failed.
    pub failed: Option<FormState>,
}

impl Refill for CategoriesPage {
    fn failed(&self) -> Option<&FormState> {
        self.failed.as_ref()
    }
}
