//! Suggested groupings for the long list: concerns that may belong to one agenda item because
//! they share a category, a place (the same street, or points close together) or telling
//! words. Only suggestions: a person confirms each one, and may change it afterwards.
//!
//! Words are compared by a crude stem (lower case, the first five letters of words of four
//! letters or more, after dropping common Dutch and English words): "scooters" and
//! "scooterrijders" meet, as do "parkeren" and "parkeerplekken". A word that most concerns
//! share tells nothing and is skipped.

use std::collections::{BTreeMap, BTreeSet};

use crate::ids::ConcernId;

/// One ungrouped concern, as far as grouping goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate<'a> {
    /// Key.
    pub id: ConcernId,
    /// Category key.
    pub category: i64,
    /// Street key, when known.
    pub street: Option<i64>,
    /// A point (latitude, longitude), when known.
    pub point: Option<(f64, f64)>,
    /// What the resident said.
    pub what: &'a str,
}

/// Why concerns are suggested together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The same category (its key).
    Category(i64),
    /// The same street (its key), across categories.
    Street(i64),
    /// Points within `NEARBY_METRES` of each other.
    Nearby,
    /// A word they share, as most of them wrote it.
    Words(String),
}

/// A suggested group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Why.
    pub reason: Reason,
    /// The concerns, in the order given.
    pub ids: Vec<ConcernId>,
}

/// Points closer than this are "nearby".
pub const NEARBY_METRES: f64 = 150.0;
/// At most this many groups by words (the largest first).
const MAX_WORD_GROUPS: usize = 6;
/// Letters a word's stem keeps.
const STEM: usize = 5;
/// Shorter words carry no meaning of their own here.
const MIN_WORD: usize = 4;

/// Common words that group nothing (Dutch and English, four letters or more).
const STOP_WORDS: &[&str] = &[
    "alle",
    "alleen",
    "altijd",
    "andere",
    "avond",
    "bewoner",
    "bewoners",
    "buiten",
    "daar",
    "dagen",
    "deze",
    "dingen",
    "doen",
    "door",
    "echt",
    "erg",
    "gaan",
    "gaat",
    "graag",
    "heel",
    "hier",
    "hebben",
    "heeft",
    "hele",
    "iedereen",
    "iets",
    "komen",
    "komt",
    "laat",
    "laten",
    "maar",
    "mensen",
    "meer",
    "niet",
    "nooit",
    "omdat",
    "onze",
    "over",
    "staan",
    "staat",
    "steeds",
    "straat",
    "tegen",
    "veel",
    "voor",
    "vooral",
    "wordt",
    "worden",
    "zijn",
    "zich",
    "zien",
    "zonder",
    "about",
    "after",
    "again",
    "always",
    "because",
    "from",
    "have",
    "many",
    "more",
    "people",
    "residents",
    "street",
    "that",
    "their",
    "there",
    "they",
    "this",
    "very",
    "what",
    "when",
    "where",
    "with",
];

/// The stems of the telling words of `text`, with each stem's first spelling.
fn stems(text: &str) -> BTreeMap<String, String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|word| word.chars().count() >= MIN_WORD && !word.chars().all(char::is_numeric))
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .map(|word| (word.chars().take(STEM).collect(), word))
        .fold(BTreeMap::new(), |mut out, (stem, word)| {
            out.entry(stem).or_insert(word);
            out
        })
}

/// Metres between two points (equirectangular; exact enough within a neighbourhood).
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_M: f64 = 6_371_000.0;
    let mean_lat = f64::midpoint(a.0, b.0).to_radians();
    let x = (b.1 - a.1).to_radians() * mean_lat.cos();
    let y = (b.0 - a.0).to_radians();
    EARTH_M * x.hypot(y)
}

fn by_category(candidates: &[Candidate<'_>]) -> Vec<Group> {
    let mut groups: BTreeMap<i64, Vec<ConcernId>> = BTreeMap::new();
    for c in candidates {
        groups.entry(c.category).or_default().push(c.id);
    }
    groups
        .into_iter()
        .filter(|(_, ids)| ids.len() >= 2)
        .map(|(category, ids)| Group {
            reason: Reason::Category(category),
            ids,
        })
        .collect()
}

fn by_street(candidates: &[Candidate<'_>]) -> Vec<Group> {
    let mut groups: BTreeMap<i64, Vec<&Candidate<'_>>> = BTreeMap::new();
    for c in candidates {
        if let Some(street) = c.street {
            groups.entry(street).or_default().push(c);
        }
    }
    groups
        .into_iter()
        .filter(|(_, members)| {
            // Only across categories: one category on one street is in the category's group.
            let categories: BTreeSet<i64> = members.iter().map(|c| c.category).collect();
            members.len() >= 2 && categories.len() >= 2
        })
        .map(|(street, members)| Group {
            reason: Reason::Street(street),
            ids: members.iter().map(|c| c.id).collect(),
        })
        .collect()
}

/// The cluster `i` belongs to (union-find with path halving).
fn root(cluster: &mut [usize], mut i: usize) -> usize {
    while cluster[i] != i {
        cluster[i] = cluster[cluster[i]];
        i = cluster[i];
    }
    i
}

/// Clusters of points each within `NEARBY_METRES` of another in the cluster.
fn nearby(candidates: &[Candidate<'_>]) -> Vec<Group> {
    let placed: Vec<(ConcernId, (f64, f64))> = candidates
        .iter()
        .filter_map(|c| c.point.map(|p| (c.id, p)))
        .collect();
    let mut cluster: Vec<usize> = (0..placed.len()).collect();
    for i in 0..placed.len() {
        for j in (i + 1)..placed.len() {
            if distance_m(placed[i].1, placed[j].1) <= NEARBY_METRES {
                let (a, b) = (root(&mut cluster, i), root(&mut cluster, j));
                cluster[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<ConcernId>> = BTreeMap::new();
    for (i, (id, _)) in placed.iter().enumerate() {
        let r = root(&mut cluster, i);
        groups.entry(r).or_default().push(*id);
    }
    groups
        .into_values()
        .filter(|ids| ids.len() >= 2)
        .map(|ids| Group {
            reason: Reason::Nearby,
            ids,
        })
        .collect()
}

fn by_words(candidates: &[Candidate<'_>]) -> Vec<Group> {
    let mut shared: BTreeMap<String, (Vec<ConcernId>, BTreeMap<String, usize>)> = BTreeMap::new();
    for c in candidates {
        for (stem, word) in stems(c.what) {
            let entry = shared.entry(stem).or_default();
            entry.0.push(c.id);
            *entry.1.entry(word).or_default() += 1;
        }
    }
    // A word in more than half of the concerns (of at least four) groups nothing.
    let common = candidates.len().max(4) / 2;
    let mut groups: Vec<Group> = shared
        .into_values()
        .filter(|(ids, _)| ids.len() >= 2 && ids.len() <= common.max(2))
        .map(|(ids, spellings)| {
            let word = spellings
                .into_iter()
                .max_by(|a, b| {
                    // The most written; on a tie the shortest (the most general), then A-Z.
                    a.1.cmp(&b.1)
                        .then_with(|| b.0.len().cmp(&a.0.len()))
                        .then_with(|| b.0.cmp(&a.0))
                })
                .map(|(word, _)| word)
                .unwrap_or_default();
            Group {
                reason: Reason::Words(word),
                ids,
            }
        })
        .collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.ids.len()));
    groups.truncate(MAX_WORD_GROUPS);
    groups
}

/// The suggested groups of `candidates`: by category, then by street and nearness, then by
/// words. A group with exactly the concerns of an earlier one is left out; a concern may be
/// in several suggestions (a person picks one).
pub fn suggest(candidates: &[Candidate<'_>]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut seen: BTreeSet<Vec<ConcernId>> = BTreeSet::new();
    let all = by_category(candidates)
        .into_iter()
        .chain(by_street(candidates))
        .chain(nearby(candidates))
        .chain(by_words(candidates));
    for group in all {
        let mut key = group.ids.clone();
        key.sort_unstable();
        if seen.insert(key) {
            out.push(group);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(id: i64, category: i64, street: Option<i64>, what: &str) -> Candidate<'_> {
        Candidate {
            id: ConcernId(id),
            category,
            street,
            point: None,
            what,
        }
    }

    #[test]
    fn same_category_goes_together() {
        let list = [
            c(1, 10, None, "Hondenpoep op de stoep"),
            c(2, 11, None, "Te hard rijden"),
            c(3, 10, None, "Poep bij de school"),
        ];
        let groups = suggest(&list);
        assert_eq!(
            groups[0],
            Group {
                reason: Reason::Category(10),
                ids: vec![ConcernId(1), ConcernId(3)]
            }
        );
    }

    #[test]
    fn one_street_across_categories_goes_together() {
        let list = [
            c(1, 10, Some(5), "Dealen op de hoek"),
            c(2, 11, Some(5), "Scooters racen"),
            c(3, 12, Some(6), "Lamp kapot"),
        ];
        assert!(suggest(&list).contains(&Group {
            reason: Reason::Street(5),
            ids: vec![ConcernId(1), ConcernId(2)]
        }));
    }

    #[test]
    fn points_close_together_go_together_and_far_ones_do_not() {
        let near = |id, lat, lon| Candidate {
            id: ConcernId(id),
            category: id,
            street: None,
            point: Some((lat, lon)),
            what: "",
        };
        // About 60 m apart, and one about 1 km away.
        let list = [
            near(1, 50.8560, 5.7000),
            near(2, 50.8565, 5.7003),
            near(3, 50.8650, 5.7000),
        ];
        let groups = suggest(&list);
        assert_eq!(
            groups,
            vec![Group {
                reason: Reason::Nearby,
                ids: vec![ConcernId(1), ConcernId(2)]
            }]
        );
        assert!((distance_m((50.856, 5.7), (50.865, 5.7)) - 1000.0).abs() < 10.0);
    }

    #[test]
    fn shared_words_go_together_by_their_stem() {
        let list = [
            c(1, 10, None, "Scooters racen over het plein"),
            c(2, 11, None, "Scooterrijders zonder helm"),
            c(3, 12, None, "Lantaarnpaal kapot"),
            c(4, 13, None, "Zwerfvuil bij de containers"),
            c(5, 14, None, "Geluidsoverlast 's nachts"),
        ];
        let groups = suggest(&list);
        assert_eq!(
            groups,
            vec![Group {
                reason: Reason::Words("scooters".into()),
                ids: vec![ConcernId(1), ConcernId(2)]
            }]
        );
    }

    #[test]
    fn common_words_and_stop_words_group_nothing() {
        let list = [
            c(1, 10, None, "Veel overlast van mensen"),
            c(2, 11, None, "Mensen rijden veel te hard"),
            c(3, 12, None, "Overlast van jongeren"),
            c(4, 13, None, "Overlast door honden"),
        ];
        // "overlast" is in three of four: too common; "veel" and "mensen" are stop words.
        assert!(suggest(&list).is_empty(), "{:?}", suggest(&list));
    }

    proptest! {
        #[test]
        fn every_suggestion_names_only_given_concerns_once_each(
            rows in proptest::collection::vec(
                (0i64..4, proptest::option::of(0i64..3), proptest::option::of((50.85f64..50.87, 5.69f64..5.71)), "[a-z ]{0,30}"),
                0..25,
            )
        ) {
            let candidates: Vec<Candidate<'_>> = rows
                .iter()
                .enumerate()
                .map(|(i, (category, street, point, what))| Candidate {
                    id: ConcernId(i64::try_from(i).unwrap()),
                    category: *category,
                    street: *street,
                    point: *point,
                    what,
                })
                .collect();
            let groups = suggest(&candidates);
            let mut keys = BTreeSet::new();
            for group in &groups {
                prop_assert!(group.ids.len() >= 2);
                let unique: BTreeSet<ConcernId> = group.ids.iter().copied().collect();
                prop_assert_eq!(unique.len(), group.ids.len(), "no concern twice in a group");
                prop_assert!(group.ids.iter().all(|id| candidates.iter().any(|c| c.id == *id)));
                prop_assert!(keys.insert(unique.into_iter().collect::<Vec<_>>()), "no group twice");
            }
        }
    }
}
