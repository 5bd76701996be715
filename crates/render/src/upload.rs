//! The import pages for coordinators: uploading an address or boundary file, then following
//! its progress to the report (or to every problem of a rejected file).

use askama::Template;
use domain::import::{Located, Location, Problem};

use crate::I18n;
use crate::format::count;
use crate::pages::Shell;

/// `/beheer/import`: the two upload forms.
#[derive(Template)]
#[template(path = "upload/form.html")]
pub struct UploadPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The session's CSRF token, carried in the forms' action URL (multipart forms).
    pub csrf: String,
    /// Which form was sent without a file (`adressen` or `grenzen`), if one was.
    pub missing_file: Option<&'static str>,
}

/// What an address import did, as counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddressCounts {
    /// Addresses in the file.
    pub rows: u64,
    /// Added.
    pub added: u64,
    /// Already present (skipped).
    pub already_present: u64,
    /// Streets added.
    pub streets_added: u64,
    /// Placed by buurt code.
    pub placed_by_code: u64,
    /// Placed by point.
    pub placed_by_point: u64,
    /// Not placed in any neighbourhood.
    pub unplaced: u64,
}

/// Where an import job is.
#[derive(Clone, Debug, PartialEq)]
pub enum JobView {
    /// Reading and checking the file.
    Checking,
    /// Storing addresses.
    Writing {
        /// Stored so far.
        done: u64,
        /// To store.
        total: u64,
    },
    /// Addresses imported.
    Addresses(AddressCounts),
    /// Boundaries imported.
    Boundaries {
        /// Boundaries set.
        boundaries: u64,
        /// Addresses moved to another neighbourhood.
        moved: u64,
    },
    /// Nothing imported: every problem of the file.
    Rejected(Vec<Located>),
    /// Nothing imported: the import failed for another reason (reference for the log).
    Failed,
}

/// `/beheer/import/{job}`: progress, then the report.
#[derive(Template)]
#[template(path = "upload/job.html")]
pub struct JobPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Where the job is.
    pub view: JobView,
}

impl JobPage {
    /// Whether the job is still running (the page then polls for its progress).
    pub fn running(&self) -> bool {
        matches!(self.view, JobView::Checking | JobView::Writing { .. })
    }

    /// A number as this language writes it.
    pub fn n(&self, n: &u64) -> String {
        count(self.i18n.locale, *n)
    }

    /// "Bezig: 5.000 van 10.000 adressen".
    pub fn progress_text(&self, done: &u64, total: &u64) -> String {
        self.i18n.t2(
            "upload-progress",
            ("done", &self.n(done)),
            ("total", &self.n(total)),
        )
    }

    /// Every problem of a rejected file, one line per location: "Regel 12: ...".
    pub fn problem_lines(&self) -> Vec<String> {
        match &self.view {
            JobView::Rejected(problems) => {
                problems.iter().map(|l| describe(self.i18n, l)).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// One location with its problems in the reader's language: `Regel 12: ...`.
pub fn describe(i18n: I18n, located: &Located) -> String {
    let text: Vec<String> = located.problems.iter().map(|p| message(i18n, p)).collect();
    let text = text.join(" ");
    let at = match located.at {
        Location::File => return capitalised(&text),
        Location::Line(n) => i18n.t1("import-at-line", "line", &n.to_string()),
        Location::Feature(n) => i18n.t1("import-at-feature", "feature", &n.to_string()),
    };
    format!("{}: {text}", capitalised(&at))
}

fn message(i18n: I18n, problem: &Problem) -> String {
    match problem.message_arg() {
        Some((name, value)) => i18n.t1(problem.message_key(), name, &value),
        None => i18n.t(problem.message_key()),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Locale;

    #[test]
    fn a_line_is_named_with_a_capital() {
        let located = Located {
            at: Location::Line(12),
            problems: vec![Problem::examples().remove(0)],
        };
        let text = describe(I18n::new(Locale::Nl), &located);
        assert!(text.starts_with("Regel 12: "), "{text}");
    }
}
