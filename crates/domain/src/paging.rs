//! Keyset pagination: lists continue after the last key seen, never at an offset, so that a
//! page stays correct while rows are added and costs the same on page 1 and page 1,000.

use std::fmt;
use std::str::FromStr;

/// Where a list continues: the sort key of the last row shown, as opaque text.
///
/// The key is a sort text and an id, joined by `~`; the id breaks ties so that no row is
/// skipped or repeated when names are equal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The sort column's value of the last row shown.
    pub key: String,
    /// The id of the last row shown.
    pub id: i64,
}

/// A cursor text that was tampered with or truncated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid page cursor")]
pub struct InvalidCursor;

impl FromStr for Cursor {
    type Err = InvalidCursor;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (key, id) = s.rsplit_once('~').ok_or(InvalidCursor)?;
        let id = id.parse().map_err(|_| InvalidCursor)?;
        Ok(Cursor {
            key: key.to_owned(),
            id,
        })
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}~{}", self.key, self.id)
    }
}

/// What a caller asks of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// Continue after this row; `None` for the first page.
    pub after: Option<Cursor>,
    /// Rows per page, clamped to `1..=MAX_LIMIT`.
    pub limit: u64,
}

impl PageRequest {
    /// The largest page anybody gets.
    pub const MAX_LIMIT: u64 = 200;

    /// A request for `limit` rows after `after`, with the limit clamped.
    pub fn new(after: Option<Cursor>, limit: u64) -> Self {
        PageRequest {
            after,
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }

    /// The first page of `limit` rows.
    pub fn first(limit: u64) -> Self {
        Self::new(None, limit)
    }
}

/// One page of a list, and where the next one starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows, in order.
    pub items: Vec<T>,
    /// The cursor for the next page, `None` on the last page.
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` fetched rows: the extra row only tells that more
    /// exist, and is dropped.
    pub fn from_overfetch(mut rows: Vec<T>, limit: u64, cursor_of: impl Fn(&T) -> Cursor) -> Self {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more {
            rows.last().map(cursor_of)
        } else {
            None
        };
        Page { items: rows, next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cursor_round_trips_with_tilde_in_key() {
        let c = Cursor {
            key: "a~b".into(),
            id: 7,
        };
        assert_eq!(c.to_string().parse::<Cursor>(), Ok(c));
        assert_eq!("nope".parse::<Cursor>(), Err(InvalidCursor));
        assert_eq!("x~y".parse::<Cursor>(), Err(InvalidCursor));
    }

    #[test]
    fn limit_is_clamped() {
        assert_eq!(PageRequest::first(0).limit, 1);
        assert_eq!(PageRequest::first(10_000).limit, PageRequest::MAX_LIMIT);
    }

    proptest! {
        #[test]
        fn overfetch_pages_partition_any_list(len in 0usize..60, limit in 1u64..10) {
            let all: Vec<i64> = (0..i64::try_from(len).unwrap()).collect();
            let mut seen = Vec::new();
            let mut after: Option<i64> = None;
            loop {
                let rows: Vec<i64> = all.iter().copied()
                    .filter(|v| after.is_none_or(|a| *v > a))
                    .take(usize::try_from(limit).unwrap() + 1)
                    .collect();
                let page = Page::from_overfetch(rows, limit, |v| Cursor { key: String::new(), id: *v });
                seen.extend(page.items.iter().copied());
                match page.next {
                    Some(c) => after = Some(c.id),
                    None => break,
                }
            }
            prop_assert_eq!(seen, all);
        }
    }
}
