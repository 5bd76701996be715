//! The sticker vote of a neighbourhood meeting, as pure functions: checking a phone ballot and
//! a paper count against the meeting's settings, adding them up, and ranking the items with
//! the cut-off and the tie rule. The same ballots and settings always give the same result,
//! whatever order they come in (property tests below).

use std::collections::{BTreeMap, BTreeSet};

/// An item on the ballot (its key).
pub type ItemKey = crate::ids::BallotItemId;

coded_enum! {
    /// What happens when items tie at the cut-off.
    pub enum TieRule as "tie rule" {
        /// Every item tied at the cut-off becomes a priority (there may be more than the number).
        AllTied => "all-tied",
        /// The chair chooses among the tied items, with a recorded reason.
        ChairDecides => "chair-decides",
    }
}

/// A team's settings for its meetings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Stickers per attendee (default 3).
    pub stickers: u32,
    /// Priorities the meeting chooses (default 3).
    pub priorities: u32,
    /// Whether one person may put more than one sticker on one item (default no).
    pub stack: bool,
    /// The tie rule (default: all tied items).
    pub ties: TieRule,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            stickers: 3,
            priorities: 3,
            stack: false,
            ties: TieRule::AllTied,
        }
    }
}

/// Why a phone ballot or a paper count cannot count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No item chosen.
    Empty,
    /// More stickers than one person has.
    TooMany {
        /// Given.
        given: u32,
        /// Allowed.
        allowed: u32,
    },
    /// Two stickers of one person on one item, where that is not allowed.
    Twice(ItemKey),
    /// An item that is not on the ballot.
    NotOnBallot(ItemKey),
    /// More stickers on the sheets than the attendees had.
    MoreThanAttendees {
        /// Stickers counted.
        stickers: u64,
        /// Stickers the attendees had.
        possible: u64,
    },
    /// More stickers on one item than attendees, where one person may put one there.
    ItemOverAttendees(ItemKey),
}

/// One phone voter's stickers, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot(BTreeMap<ItemKey, u32>);

impl Ballot {
    /// The stickers per item.
    pub fn stickers(&self) -> &BTreeMap<ItemKey, u32> {
        &self.0
    }
}

/// Checks one voter's choices (an item once per sticker) against the ballot and settings.
///
/// # Errors
/// The first reason it cannot count.
pub fn ballot(
    settings: &Settings,
    items: &[ItemKey],
    choices: &[ItemKey],
) -> Result<Ballot, Refusal> {
    if choices.is_empty() {
        return Err(Refusal::Empty);
    }
    let given = u32::try_from(choices.len()).unwrap_or(u32::MAX);
    if given > settings.stickers {
        return Err(Refusal::TooMany {
            given,
            allowed: settings.stickers,
        });
    }
    let mut stickers = BTreeMap::new();
    for item in choices {
        if !items.contains(item) {
            return Err(Refusal::NotOnBallot(*item));
        }
        let on = stickers.entry(*item).or_insert(0u32);
        *on += 1;
        if *on > 1 && !settings.stack {
            return Err(Refusal::Twice(*item));
        }
    }
    Ok(Ballot(stickers))
}

/// The paper sheets of a meeting, counted: stickers per item, and the attendees registered at
/// the door.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paper {
    /// Stickers per item.
    pub stickers: BTreeMap<ItemKey, u64>,
    /// Attendees who voted on paper.
    pub attendees: u64,
}

/// Checks a paper count: only items of the ballot, no more stickers than the attendees had,
/// and with one voice one vote no item with more stickers than attendees.
///
/// # Errors
/// The first reason it is impossible.
pub fn paper(settings: &Settings, items: &[ItemKey], count: &Paper) -> Result<(), Refusal> {
    if let Some(item) = count.stickers.keys().find(|item| !items.contains(item)) {
        return Err(Refusal::NotOnBallot(*item));
    }
    let stickers: u64 = count.stickers.values().sum();
    let possible = count.attendees.saturating_mul(u64::from(settings.stickers));
    if stickers > possible {
        return Err(Refusal::MoreThanAttendees { stickers, possible });
    }
    if !settings.stack
        && let Some((item, _)) = count.stickers.iter().find(|(_, n)| **n > count.attendees)
    {
        return Err(Refusal::ItemOverAttendees(*item));
    }
    Ok(())
}

/// The count of one item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCount {
    /// Stickers on paper.
    pub paper: u64,
    /// Stickers by phone.
    pub phone: u64,
}

impl ItemCount {
    /// Paper and phone together.
    pub fn total(self) -> u64 {
        self.paper + self.phone
    }
}

/// Paper and phone added up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Per item on the ballot (every item, also those without stickers).
    pub items: BTreeMap<ItemKey, ItemCount>,
    /// Attendees who voted on paper.
    pub paper_voters: u64,
    /// Voters by phone (ballots).
    pub phone_voters: u64,
}

impl Tally {
    /// Every sticker counted.
    pub fn stickers(&self) -> u64 {
        self.items.values().map(|c| c.total()).sum()
    }
}

/// Adds checked paper counts and phone ballots for `items`.
pub fn tally(items: &[ItemKey], papers: &[Paper], ballots: &[Ballot]) -> Tally {
    let mut out = Tally {
        items: items.iter().map(|i| (*i, ItemCount::default())).collect(),
        ..Tally::default()
    };
    for count in papers {
        out.paper_voters += count.attendees;
        for (item, n) in &count.stickers {
            if let Some(c) = out.items.get_mut(item) {
                c.paper += n;
            }
        }
    }
    for ballot in ballots {
        out.phone_voters += 1;
        for (item, n) in ballot.stickers() {
            if let Some(c) = out.items.get_mut(item) {
                c.phone += u64::from(*n);
            }
        }
    }
    out
}

/// The outcome: the items from most stickers to fewest, and which are priorities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranking {
    /// Items with their totals, most first; equal totals by key (the ballot's order).
    pub ranked: Vec<(ItemKey, u64)>,
    /// The priorities chosen by the rule (and the chair, when asked).
    pub chosen: Vec<ItemKey>,
    /// The items tied at the cut-off, when a tie crosses it.
    pub tied: Vec<ItemKey>,
    /// Whether the chair still has to choose among `tied`.
    pub chair_must_choose: bool,
}

/// Why the chair's choice does not settle the tie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChairProblem {
    /// An item that is not among the tied ones.
    NotTied(ItemKey),
    /// Not the number of places left at the cut-off.
    WrongNumber {
        /// Chosen.
        chosen: usize,
        /// Places left.
        places: usize,
    },
}

/// Ranks `tally` and applies the cut-off (`settings.priorities`) with the tie rule. Items
/// without a sticker are never priorities. Under `ChairDecides`, `chair` names the tied items
/// that take the places left; without it the ranking says the chair must still choose.
///
/// # Errors
/// A chair's choice that is not among the tied items or not the number of places left.
pub fn rank(
    settings: &Settings,
    tally: &Tally,
    chair: Option<&[ItemKey]>,
) -> Result<Ranking, ChairProblem> {
    let mut ranked: Vec<(ItemKey, u64)> = tally
        .items
        .iter()
        .map(|(item, count)| (*item, count.total()))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let voted: Vec<(ItemKey, u64)> = ranked.iter().copied().filter(|(_, n)| *n > 0).collect();
    let places = usize::try_from(settings.priorities).unwrap_or(usize::MAX);
    if voted.len() <= places || places == 0 {
        let chosen = if places == 0 {
            Vec::new()
        } else {
            voted.iter().map(|(i, _)| *i).collect()
        };
        return Ok(Ranking {
            chosen,
            ranked,
            tied: Vec::new(),
            chair_must_choose: false,
        });
    }
    let cut = voted[places - 1].1;
    let above: Vec<ItemKey> = voted
        .iter()
        .filter(|(_, n)| *n > cut)
        .map(|(i, _)| *i)
        .collect();
    let at_cut: Vec<ItemKey> = voted
        .iter()
        .filter(|(_, n)| *n == cut)
        .map(|(i, _)| *i)
        .collect();
    let left = places - above.len();
    if at_cut.len() == left {
        let chosen = above.into_iter().chain(at_cut).collect();
        return Ok(Ranking {
            ranked,
            chosen,
            tied: Vec::new(),
            chair_must_choose: false,
        });
    }
    match settings.ties {
        TieRule::AllTied => Ok(Ranking {
            chosen: above.iter().chain(&at_cut).copied().collect(),
            ranked,
            tied: at_cut,
            chair_must_choose: false,
        }),
        TieRule::ChairDecides => {
            let Some(picked) = chair else {
                return Ok(Ranking {
                    chosen: above,
                    ranked,
                    tied: at_cut,
                    chair_must_choose: true,
                });
            };
            if let Some(wrong) = picked.iter().find(|i| !at_cut.contains(i)) {
                return Err(ChairProblem::NotTied(*wrong));
            }
            let distinct: BTreeSet<ItemKey> = picked.iter().copied().collect();
            if distinct.len() != left || picked.len() != left {
                return Err(ChairProblem::WrongNumber {
                    chosen: distinct.len(),
                    places: left,
                });
            }
            let chosen = above
                .into_iter()
                .chain(at_cut.iter().copied().filter(|i| distinct.contains(i)))
                .collect();
            Ok(Ranking {
                ranked,
                chosen,
                tied: at_cut,
                chair_must_choose: false,
            })
        }
    }
}

#[cfg(test)]
#[path = "tally_tests.rs"]
mod tests;
