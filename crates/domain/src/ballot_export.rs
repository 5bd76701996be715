//! The canonical export of a meeting's vote, and its SHA-256 hash, which the published
//! result records: anyone with the export can recompute the tally and check that nothing was
//! changed afterwards. Canonical means: the same vote always gives the same bytes, whatever
//! order the sheets were entered or the phones voted in.
//!
//! The export is CSV (RFC 4180, LF line ends, UTF-8), one record per line:
//! - `item,<key>,<title>` for every item on the ballot, by key;
//! - `paper,<attendees>,<key>:<stickers> ...` for every confirmed paper count;
//! - `phone,<key>:<stickers> ...` for every phone ballot (no code, no time: ballots cannot
//!   be traced to a voter);
//!
//! paper and phone records sorted as text, stickers within a record by item key.

use sha2::{Digest, Sha256};

use crate::tally::{Ballot, ItemKey, Paper};

/// The first line, naming the format.
pub const HEADER: &str = "buurtagenda-ballot-export,1";

fn stickers_text<'a>(pairs: impl Iterator<Item = (&'a ItemKey, u64)>) -> String {
    pairs
        .map(|(item, n)| format!("{item}:{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn record(fields: &[&str]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(fields);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The canonical export of `items` (key and title), the confirmed `papers` and the `ballots`.
pub fn canonical(items: &[(ItemKey, &str)], papers: &[Paper], ballots: &[Ballot]) -> String {
    let mut items: Vec<&(ItemKey, &str)> = items.iter().collect();
    items.sort_by_key(|(key, _)| *key);
    let mut out = format!("{HEADER}\n");
    for (key, title) in items {
        out.push_str(&record(&["item", &key.to_string(), title]));
    }
    let mut paper_lines: Vec<String> = papers
        .iter()
        .map(|p| {
            let stickers = stickers_text(p.stickers.iter().map(|(k, n)| (k, *n)));
            record(&["paper", &p.attendees.to_string(), &stickers])
        })
        .collect();
    paper_lines.sort();
    let mut phone_lines: Vec<String> = ballots
        .iter()
        .map(|b| {
            let stickers = stickers_text(b.stickers().iter().map(|(k, n)| (k, u64::from(*n))));
            record(&["phone", &stickers])
        })
        .collect();
    phone_lines.sort();
    out.extend(paper_lines);
    out.extend(phone_lines);
    out
}

/// The SHA-256 of `export`, as 64 lower-case hex digits.
pub fn hash(export: &str) -> String {
    Sha256::digest(export.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            use std::fmt::Write;
            let _ = write!(out, "{b:02x}");
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::BallotItemId as K;
    use crate::tally::{Settings, ballot};
    use proptest::prelude::*;

    const ITEMS: [(ItemKey, &str); 3] = [
        (K(1), "Drugs, dealen"),
        (K(2), "Te \"hard\" rijden"),
        (K(3), "Hondenpoep"),
    ];
    const KEYS: [ItemKey; 3] = [K(1), K(2), K(3)];

    #[test]
    fn the_export_reads_as_csv_with_titles_quoted() {
        let b = ballot(&Settings::default(), &KEYS, &[K(2), K(1)]).unwrap();
        let p = Paper {
            stickers: [(K(1), 4), (K(3), 2)].into_iter().collect(),
            attendees: 3,
        };
        let text = canonical(&ITEMS, &[p], &[b]);
        assert_eq!(
            text,
            "buurtagenda-ballot-export,1\n\
             item,1,\"Drugs, dealen\"\n\
             item,2,\"Te \"\"hard\"\" rijden\"\n\
             item,3,Hondenpoep\n\
             paper,3,1:4 3:2\n\
             phone,1:1 2:1\n"
        );
        assert_eq!(hash(&text).len(), 64);
        assert_eq!(
            hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "SHA-256 of nothing, as published"
        );
    }

    proptest! {
        #[test]
        fn the_hash_does_not_depend_on_the_order_but_on_every_sticker(
            voters in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(KEYS.to_vec()), 1..4), 1..15),
            turn in 0usize..15,
        ) {
            let ballots: Vec<Ballot> = voters
                .iter()
                .filter_map(|c| ballot(&Settings::default(), &KEYS, c).ok())
                .collect();
            prop_assume!(!ballots.is_empty());
            let mut other = ballots.clone();
            let len = other.len();
            other.rotate_left(turn % len);
            other.reverse();
            let a = hash(&canonical(&ITEMS, &[], &ballots));
            prop_assert_eq!(&a, &hash(&canonical(&ITEMS, &[], &other)));
            // One ballot less is another hash.
            other.pop();
            prop_assert_ne!(a, hash(&canonical(&ITEMS, &[], &other)));
        }
    }
}
