//! The long list for the neighbourhood meeting (`/werk/{team}/agenda`): agenda items, the
//! concerns under no item yet, and the suggested groups. Re-exported by `inventory`.

use askama::Template;
use domain::{AgendaItemId, ConcernId};

use crate::I18n;
use crate::pages::Shell;

/// One concern on the long list page.
#[derive(Clone, Debug)]
pub struct AgendaConcern {
    /// Key.
    pub id: ConcernId,
    /// Category label.
    pub category: String,
    /// What.
    pub what: String,
    /// "3 bewoners · Straathoekgesprek".
    pub facts: String,
}

/// One agenda item on the long list page.
#[derive(Clone, Debug)]
pub struct AgendaItemRow {
    /// Key.
    pub id: AgendaItemId,
    /// Title.
    pub title: String,
    /// "Staat voor 4 zorgen van 11 bewoners".
    pub stands_for: String,
    /// "Straathoekgesprek 2, Huisbezoek 1".
    pub channels: String,
    /// Its concerns.
    pub concerns: Vec<AgendaConcern>,
}

/// A suggested item.
#[derive(Clone, Debug)]
pub struct SuggestionRow {
    /// The title to start from (the category, the street, the word).
    pub title: String,
    /// Why these go together.
    pub why: String,
    /// "3 zorgen".
    pub count: String,
    /// The concern keys.
    pub concerns: Vec<ConcernId>,
}

/// `/werk/{team}/agenda`: the long list for the neighbourhood meeting.
#[derive(Template)]
#[template(path = "inventory/agenda.html")]
pub struct AgendaPage {
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
    /// "Ronde 3", or empty when the team has no cycle yet.
    pub cycle: String,
    /// The items.
    pub items: Vec<AgendaItemRow>,
    /// Concerns under no item.
    pub ungrouped: Vec<AgendaConcern>,
    /// Suggested items.
    pub suggestions: Vec<SuggestionRow>,
    /// Whether the visitor may change the list.
    pub can_prepare: bool,
    /// A message about the last change that failed.
    pub problem: Option<String>,
    /// The title typed in the new-item form (kept after an error).
    pub kept_title: String,
    /// The concerns ticked in the new-item form (kept after an error).
    pub kept: Vec<ConcernId>,
}
