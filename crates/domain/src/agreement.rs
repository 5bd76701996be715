//! Agreements (afspraken): who does what by when for a priority, and the record of keeping
//! it. The report's lesson is that verbal agreements got lost; here each one has an owner, a
//! target date, a state that moves only along [`AgreementState::may_become`], and a timeline.
//!
//! Two things are kept apart on purpose, because residents and aldermen both distrust
//! inflated fix rates: "done" and "closed without result" (not done, withdrawn) are different
//! states, and [`promises_kept`] counts an agreement as kept only when it was done by the date
//! first agreed, however often the target moved afterwards.

use chrono::NaiveDate;

use crate::inventory::FieldProblem;
use crate::{DepartmentId, PersonId};

coded_enum! {
    /// Where an agreement stands.
    pub enum AgreementState as "agreement state" {
        /// Written down, not yet confirmed by its owner.
        Proposed => "proposed",
        /// The owner has taken it on.
        Agreed => "agreed",
        /// Work has started.
        InProgress => "in-progress",
        /// Done.
        Done => "done",
        /// Closed without result, with the reason why.
        NotDone => "not-done",
        /// No longer wanted (the problem went away, or another agreement replaced it), with
        /// the reason why.
        Withdrawn => "withdrawn",
    }
}

impl AgreementState {
    /// Whether nothing more happens to it.
    pub const fn is_closed(self) -> bool {
        matches!(
            self,
            AgreementState::Done | AgreementState::NotDone | AgreementState::Withdrawn
        )
    }

    /// The states it may move to next. Closed states are final: reopening a promise that
    /// was reported done would change figures residents have already read, so a new
    /// agreement is made instead.
    pub const fn next(self) -> &'static [AgreementState] {
        use AgreementState as S;
        match self {
            S::Proposed => &[S::Agreed, S::Withdrawn],
            S::Agreed => &[S::InProgress, S::Done, S::NotDone, S::Withdrawn],
            S::InProgress => &[S::Done, S::NotDone, S::Withdrawn],
            S::Done | S::NotDone | S::Withdrawn => &[],
        }
    }

    /// Whether it may move to `to`.
    pub fn may_become(self, to: AgreementState) -> bool {
        self.next().contains(&to)
    }

    /// Whether moving here needs a reason (closing without result).
    pub const fn needs_reason(self) -> bool {
        matches!(self, AgreementState::NotDone | AgreementState::Withdrawn)
    }
}

/// Why a state change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransitionError {
    /// That state does not follow this one.
    NotAllowed,
    /// Closing without result needs a reason.
    ReasonMissing,
}

impl TransitionError {
    /// The message key the interface shows.
    pub const fn message_key(self) -> &'static str {
        match self {
            TransitionError::NotAllowed => "error-agreement-transition",
            TransitionError::ReasonMissing => "error-agreement-reason",
        }
    }
}

/// Checks a state change from `from` to `to` with the `note` given.
pub fn transition(
    from: AgreementState,
    to: AgreementState,
    note: &str,
) -> Result<AgreementState, TransitionError> {
    if !from.may_become(to) {
        return Err(TransitionError::NotAllowed);
    }
    if to.needs_reason() && note.trim().is_empty() {
        return Err(TransitionError::ReasonMissing);
    }
    Ok(to)
}

/// Who carries an agreement out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A person of a partner organisation (a team member, a department's contact).
    Person(PersonId),
    /// A department of a partner organisation, as a whole.
    Department(DepartmentId),
    /// Residents themselves (the NO DRUGS posters), named as they want to be named.
    Residents(String),
}

impl Owner {
    /// The owner as a form sends it: `person:12`, `department:3` or `residents` (with the
    /// residents' names in another field).
    pub fn parse(raw: &str, residents: &str) -> Option<Owner> {
        let raw = raw.trim();
        if raw == "residents" {
            let names = residents.trim();
            return (!names.is_empty() && crate::text::is_clean_line(names))
                .then(|| Owner::Residents(names.to_owned()));
        }
        let (kind, id) = raw.split_once(':')?;
        let id: i64 = id.parse().ok().filter(|id| *id > 0)?;
        match kind {
            "person" => Some(Owner::Person(PersonId(id))),
            "department" => Some(Owner::Department(DepartmentId(id))),
            _ => None,
        }
    }

    /// The owner as the form's value.
    pub fn form_value(&self) -> String {
        match self {
            Owner::Person(id) => format!("person:{id}"),
            Owner::Department(id) => format!("department:{id}"),
            Owner::Residents(_) => "residents".to_owned(),
        }
    }
}

/// The longest description of an agreement, in characters.
pub const MAX_WHAT: usize = 500;

/// An agreement as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgreementInput {
    /// What will be done.
    pub what: String,
    /// The owner (`person:12`, `department:3`, `residents`).
    pub owner: String,
    /// The residents' names when they own it.
    pub residents: String,
    /// Target date, `YYYY-MM-DD`.
    pub target: String,
    /// Hard date (a deadline that cannot move), `YYYY-MM-DD` or empty.
    pub hard: String,
}

/// A checked agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementDraft {
    /// What will be done.
    pub what: String,
    /// Who does it.
    pub owner: Owner,
    /// When it should be done.
    pub target: NaiveDate,
    /// When it must be done at the latest, if there is such a date.
    pub hard: Option<NaiveDate>,
}

fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

impl AgreementInput {
    /// Checks every field at once, `today` being the day it is made: a target in the past or
    /// a hard date before the target is refused. Whether the owner belongs to the
    /// municipality is for the caller to check.
    pub fn check(&self, today: NaiveDate) -> Result<AgreementDraft, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let what = self.what.trim();
        if what.is_empty() {
            problems.push(("what", "error-agreement-what"));
        } else if what.chars().count() > MAX_WHAT {
            problems.push(("what", "error-agreement-what-long"));
        } else if !crate::text::is_clean_text(what) {
            problems.push(("what", "error-control-characters"));
        }
        let owner = Owner::parse(&self.owner, &self.residents);
        match (&owner, self.owner.trim()) {
            (None, "residents") => problems.push(("residents", "error-agreement-residents")),
            (None, _) => problems.push(("owner", "error-agreement-owner")),
            _ => {}
        }
        let target = day(&self.target);
        match target {
            None => problems.push(("target", "error-agreement-date")),
            Some(t) if t < today => problems.push(("target", "error-agreement-past")),
            Some(_) => {}
        }
        let hard = if self.hard.trim().is_empty() {
            None
        } else {
            match (day(&self.hard), target) {
                (None, _) => {
                    problems.push(("hard", "error-agreement-date"));
                    None
                }
                (Some(h), Some(t)) if h < t => {
                    problems.push(("hard", "error-agreement-hard-early"));
                    None
                }
                (h, _) => h,
            }
        };
        match (owner, target, problems.is_empty()) {
            (Some(owner), Some(target), true) => Ok(AgreementDraft {
                what: what.to_owned(),
                owner,
                target,
                hard,
            }),
            _ => Err(problems),
        }
    }
}

/// What [`promises_kept`] needs of one agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Promise {
    /// The target date as first agreed (later moves do not count).
    pub promised: NaiveDate,
    /// How it ended, and on which day; `None` while open.
    pub closed: Option<(AgreementState, NaiveDate)>,
}

/// Promises kept: of the agreements that were due by `as_of`, how many were done by the date
/// first agreed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kept {
    /// Agreements due: first-agreed date on or before `as_of`, and not withdrawn before it.
    pub due: u32,
    /// Of those, done on or before the first-agreed date.
    pub kept: u32,
}

impl Kept {
    /// The share kept in whole percent, rounded down; `None` when nothing was due.
    pub fn percent(self) -> Option<u32> {
        (self.due > 0).then(|| self.kept * 100 / self.due)
    }
}

/// Counts promises kept by this definition: an agreement is *due* when the date first agreed
/// is on or before `as_of` and it was not withdrawn before that date (withdrawing a promise
/// that has already run late does not take it out of the count); it is *kept* when it was
/// done on or before that date. The order of the list does not matter.
pub fn promises_kept(promises: &[Promise], as_of: NaiveDate) -> Kept {
    let mut out = Kept::default();
    for p in promises {
        if p.promised > as_of {
            continue;
        }
        match p.closed {
            Some((AgreementState::Withdrawn, on)) if on < p.promised => continue,
            Some((AgreementState::Done, on)) if on <= p.promised => out.kept += 1,
            _ => {}
        }
        out.due += 1;
    }
    out
}

/// The reminder thresholds reached on `today` for something due on `due` that have not been
/// sent for that due date yet. `thresholds` are days before the due date (0 is the day
/// itself); `sent` are the `(threshold, due date)` pairs already sent. Moving the due date
/// re-arms every threshold, because the pairs name the old date. The caller sends one
/// reminder (the most urgent) and records every threshold returned, so that a job that did
/// not run for a while does not send a pile.
pub fn reminders_due(
    thresholds: &[u32],
    due: NaiveDate,
    today: NaiveDate,
    sent: &[(u32, NaiveDate)],
) -> Vec<u32> {
    let mut out: Vec<u32> = thresholds
        .iter()
        .copied()
        .filter(|days| {
            due.checked_sub_days(chrono::Days::new(u64::from(*days)))
                .is_some_and(|from| from <= today)
        })
        .filter(|days| !sent.contains(&(*days, due)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
#[path = "agreement_tests.rs"]
mod tests;
