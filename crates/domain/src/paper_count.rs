//! The paper count of a meeting as a history of versions: a facilitator enters the stickers
//! per item and the attendees registered at the door; a second facilitator confirms; only a
//! confirmed version counts. A correction is a new version with a reason, which must be
//! confirmed again; earlier versions stay, so no confirmed count ever changes silently.

use crate::tally::{ItemKey, Paper, Refusal, Settings, paper};

/// Who entered or confirmed a version (an account).
pub type Person = crate::ids::UserId;

/// One version of the count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// The count.
    pub count: Paper,
    /// Who entered it.
    pub entered_by: Person,
    /// Why it replaces the version before (none for the first).
    pub reason: Option<String>,
    /// Who confirmed it, if anyone has.
    pub confirmed_by: Option<Person>,
}

/// Why a step on the count is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The count itself is impossible.
    Impossible(Refusal),
    /// The one who entered a version cannot confirm it too.
    OwnVersion,
    /// There is nothing to confirm (no version, or the latest is confirmed already).
    NothingToConfirm,
    /// A correction needs a reason.
    NoReason,
    /// The first count is entered once; after that only corrections.
    AlreadyEntered,
}

/// The versions of one meeting's paper count, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History(Vec<Version>);

impl History {
    /// The history as stored, oldest first (each version was checked when it was added).
    pub fn from_versions(versions: Vec<Version>) -> Self {
        History(versions)
    }

    /// The versions, oldest first.
    pub fn versions(&self) -> &[Version] {
        &self.0
    }

    /// The first count.
    ///
    /// # Errors
    /// An impossible count, or a count entered already.
    pub fn enter(
        &mut self,
        settings: &Settings,
        items: &[ItemKey],
        count: Paper,
        by: Person,
    ) -> Result<(), Problem> {
        if !self.0.is_empty() {
            return Err(Problem::AlreadyEntered);
        }
        paper(settings, items, &count).map_err(Problem::Impossible)?;
        self.0.push(Version {
            count,
            entered_by: by,
            reason: None,
            confirmed_by: None,
        });
        Ok(())
    }

    /// A second facilitator confirms the latest version.
    ///
    /// # Errors
    /// Nothing to confirm, or the one who entered it.
    pub fn confirm(&mut self, by: Person) -> Result<(), Problem> {
        let latest = self
            .0
            .last_mut()
            .filter(|v| v.confirmed_by.is_none())
            .ok_or(Problem::NothingToConfirm)?;
        if latest.entered_by == by {
            return Err(Problem::OwnVersion);
        }
        latest.confirmed_by = Some(by);
        Ok(())
    }

    /// A new version that replaces the latest, with its reason; it counts once confirmed.
    ///
    /// # Errors
    /// No reason, or an impossible count.
    pub fn correct(
        &mut self,
        settings: &Settings,
        items: &[ItemKey],
        count: Paper,
        reason: &str,
        by: Person,
    ) -> Result<(), Problem> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Problem::NoReason);
        }
        if self.0.is_empty() {
            return Err(Problem::NothingToConfirm);
        }
        paper(settings, items, &count).map_err(Problem::Impossible)?;
        self.0.push(Version {
            count,
            entered_by: by,
            reason: Some(reason.to_owned()),
            confirmed_by: None,
        });
        Ok(())
    }

    /// The count that counts: the latest confirmed version.
    pub fn counted(&self) -> Option<&Version> {
        self.0.iter().rev().find(|v| v.confirmed_by.is_some())
    }

    /// Whether a version waits for confirmation (the result cannot be published then).
    pub fn waiting(&self) -> bool {
        self.0.last().is_some_and(|v| v.confirmed_by.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{BallotItemId as K, UserId};
    use proptest::prelude::*;

    const ITEMS: [ItemKey; 3] = [K(1), K(2), K(3)];

    fn count(one: u64, two: u64, attendees: u64) -> Paper {
        Paper {
            stickers: [(K(1), one), (K(2), two)].into_iter().collect(),
            attendees,
        }
    }

    #[test]
    fn a_count_counts_once_a_second_facilitator_confirms_it() {
        let s = Settings::default();
        let mut h = History::default();
        h.enter(&s, &ITEMS, count(10, 8, 12), UserId(7)).unwrap();
        assert_eq!(h.counted(), None, "not before confirmation");
        assert!(h.waiting());
        assert_eq!(h.confirm(UserId(7)), Err(Problem::OwnVersion));
        h.confirm(UserId(8)).unwrap();
        assert_eq!(h.counted().unwrap().count, count(10, 8, 12));
        assert_eq!(h.confirm(UserId(9)), Err(Problem::NothingToConfirm));
        assert_eq!(
            h.enter(&s, &ITEMS, count(1, 1, 1), UserId(7)),
            Err(Problem::AlreadyEntered)
        );
    }

    #[test]
    fn a_correction_is_a_new_version_with_a_reason_and_waits_for_confirmation() {
        let s = Settings::default();
        let mut h = History::default();
        h.enter(&s, &ITEMS, count(10, 8, 12), UserId(7)).unwrap();
        h.confirm(UserId(8)).unwrap();
        assert_eq!(
            h.correct(&s, &ITEMS, count(11, 8, 12), "  ", UserId(7)),
            Err(Problem::NoReason)
        );
        assert_eq!(
            h.correct(&s, &ITEMS, count(13, 8, 12), "Een vel vergeten", UserId(7)),
            Err(Problem::Impossible(Refusal::ItemOverAttendees(K(1))))
        );
        h.correct(&s, &ITEMS, count(11, 8, 12), "Een vel vergeten", UserId(7))
            .unwrap();
        assert_eq!(
            h.counted().unwrap().count,
            count(10, 8, 12),
            "the confirmed one still counts"
        );
        assert!(h.waiting());
        h.confirm(UserId(9)).unwrap();
        assert_eq!(h.counted().unwrap().count, count(11, 8, 12));
        assert_eq!(h.versions().len(), 2, "the first version stays");
        assert_eq!(h.versions()[1].reason.as_deref(), Some("Een vel vergeten"));
    }

    proptest! {
        #[test]
        fn no_confirmed_count_ever_changes_silently(
            steps in proptest::collection::vec((0u8..3, 0u64..15, 0u64..15, 1u64..10, 1i64..4), 0..20)
        ) {
            let s = Settings::default();
            let mut h = History::default();
            for (kind, one, two, attendees, by) in steps {
                let by = UserId(by);
                let before: Vec<Version> = h.versions().to_vec();
                let _ = match kind {
                    0 => h.enter(&s, &ITEMS, count(one, two, attendees), by),
                    1 => h.confirm(by),
                    _ => h.correct(&s, &ITEMS, count(one, two, attendees), "recount", by),
                };
                // Earlier versions never change; a confirmed one is never unconfirmed.
                prop_assert!(h.versions().len() >= before.len());
                for (old, now) in before.iter().zip(h.versions()) {
                    prop_assert_eq!(&old.count, &now.count);
                    prop_assert_eq!(old.entered_by, now.entered_by);
                    if old.confirmed_by.is_some() {
                        prop_assert_eq!(old.confirmed_by, now.confirmed_by);
                    }
                }
                for v in h.versions() {
                    prop_assert_ne!(Some(v.entered_by), v.confirmed_by);
                    prop_assert!(paper(&s, &ITEMS, &v.count).is_ok());
                }
            }
        }
    }
}
