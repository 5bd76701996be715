//! Printed documents as PDF: the letter to every household, the poster, the code cards and
//! the ballot sheet. Pure functions of plain data: the caller fetches the data and stores or
//! serves the bytes. Each document is typst markup generated here (`markup`), laid out and
//! exported by typst (`engine`) with the bundled Atkinson Hyperlegible font.

mod cards;
pub mod dates;
pub mod engine;
mod letters;
mod markup;
mod sheets;

pub use cards::code_cards;
pub use letters::letters;
pub use sheets::{ballot_sheet, poster};

/// One household's address block as printed in the envelope window, line by line, e.g.
/// `["Aan de bewoners van", "Lindenkruis 12 A", "6222 AB  Maastricht"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Household {
    /// The lines of the address block, top to bottom.
    pub lines: Vec<String>,
}

/// A topic the team heard about so far, and how many concerns it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heard {
    /// The agenda item as residents will see it on the ballot.
    pub title: String,
    /// How many concerns it stands for.
    pub concerns: u32,
}

/// How residents reach the team; every part is optional and printed only when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    /// A phone number as it should be printed.
    pub phone: Option<String>,
    /// An e-mail address.
    pub email: Option<String>,
    /// When and where the team holds office hours, free text.
    pub office_hours: Option<String>,
}

/// Everything the letter and the poster say about one meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingInfo {
    /// The team's name, e.g. "Wyckerpoort".
    pub team: String,
    /// The neighbourhoods the team works in, e.g. `["Limmel", "Nazareth"]`.
    pub neighbourhoods: Vec<String>,
    /// Start, local time (Europe/Amsterdam).
    pub starts: chrono::NaiveDateTime,
    /// End, local time (Europe/Amsterdam).
    pub ends: chrono::NaiveDateTime,
    /// The venue's name, e.g. "Buurtcentrum De Romein".
    pub venue: String,
    /// The venue's address, e.g. "Rector Nuyensstraat 14, Maastricht".
    pub venue_address: String,
    /// Free text about access, e.g. "Rolstoeltoegankelijk, ringleiding in de zaal".
    pub accessibility: String,
    /// Stickers per attendee (usually 3).
    pub stickers: u32,
    /// How many priorities the meeting chooses (usually 3).
    pub priorities: u32,
    /// Whether a person may put at most one sticker on an item.
    pub one_voice: bool,
    /// What the team heard so far, most concerns first; the letter prints the first
    /// [`HEARD_SHOWN`].
    pub heard: Vec<Heard>,
    /// How to reach the team.
    pub contact: Contact,
    /// The public meeting page, printed and as a QR code.
    pub meeting_url: String,
}

/// How many topics of [`MeetingInfo::heard`] the letter prints (the rest would push it onto
/// a second page).
pub const HEARD_SHOWN: usize = 8;

/// One voting code to hand out at the meeting.
#[derive(Clone, PartialEq, Eq)]
pub struct CodeCard {
    /// The code as printed, e.g. "ABCDE-FGHJK".
    pub code: String,
    /// The voting URL with the code in it, for the QR code.
    pub url: String,
}

/// Not derived: a code is a one-time secret and stays out of logs.
impl std::fmt::Debug for CodeCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeCard { .. }")
    }
}

/// The ballot for the sticker vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotSheet {
    /// The team's name.
    pub team: String,
    /// Start of the meeting, local time.
    pub starts: chrono::NaiveDateTime,
    /// The agenda items, in the order printed.
    pub items: Vec<String>,
    /// Stickers per attendee.
    pub stickers: u32,
    /// Whether a person may put at most one sticker on an item.
    pub one_voice: bool,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// Nothing to print: no households, no cards or no items.
    #[error("there is nothing to print")]
    Empty,
    /// A URL is too long to fit in a QR code.
    #[error("the address is too long for a QR code ({0} bytes)")]
    UrlTooLong(usize),
    /// The texts do not fit on the page (e.g. a very long accessibility note): the letter
    /// for one household must stay one page.
    #[error("the letter does not fit on one page: it takes {pages} pages")]
    TooLong {
        /// Pages the letter took.
        pages: usize,
    },
    /// The generated markup did not lay out (a bug in our templates).
    #[error("document layout failed: {0}")]
    Layout(String),
    /// The laid-out document could not be written as PDF.
    #[error("PDF export failed: {0}")]
    Pdf(String),
}

/// The plural category for `n` in Dutch and English, for catalogue selectors (the catalogue
/// gets the number as text, which Fluent does not map to a category by itself).
fn plural(n: u32) -> &'static str {
    if n == 1 { "one" } else { "other" }
}

/// A message with a count `n` and its plural category.
fn counted(i18n: crate::I18n, key: &str, n: u32) -> String {
    i18n.tn(key, &[("n", &n.to_string()), ("plural", plural(n))])
}

/// Names joined for a sentence: "Limmel", "Limmel en Nazareth", "A, B en C".
fn joined(locale: domain::Locale, names: &[String]) -> String {
    let and = match locale {
        domain::Locale::Nl => " en ",
        domain::Locale::En => " and ",
    };
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Locale;

    #[test]
    fn joins_names_for_a_sentence() {
        let names = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(joined(Locale::Nl, &names(&["Limmel"])), "Limmel");
        assert_eq!(joined(Locale::Nl, &names(&["A", "B", "C"])), "A, B en C");
        assert_eq!(joined(Locale::En, &names(&["A", "B"])), "A and B");
    }

    #[test]
    fn counts_choose_singular_and_plural() {
        let nl = crate::I18n::new(Locale::Nl);
        assert_eq!(counted(nl, "doc-concerns", 1), "1 melding");
        assert_eq!(counted(nl, "doc-concerns", 12), "12 meldingen");
        let en = crate::I18n::new(Locale::En);
        assert_eq!(counted(en, "doc-concerns", 0), "0 reports");
    }

    #[test]
    fn code_cards_do_not_print_their_code_in_debug_output() {
        let card = CodeCard {
            code: "ABCDE-FGHJK".into(),
            url: "https://x.nl/stemmen/ABCDEFGHJK".into(),
        };
        assert!(!format!("{card:?}").contains("ABCDE"));
    }
}
