//! Checked integer conversions. A number that does not fit its target type is an error that
//! says which number it was, never silently clamped to the largest value or to zero: a
//! clamped sticker count or rank would be a wrong published result that nobody notices.

use std::fmt::Display;

/// A number did not fit where it had to go (a database column, or the type a reader
/// expects of a column, e.g. a negative count).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} out of range: {value}")]
pub struct OutOfRange {
    /// What the number is (e.g. `"paper count attendees"`).
    pub what: &'static str,
    /// The number, as text (it may not fit any one integer type of the caller).
    pub value: String,
}

/// `value` as a `T`, or `OutOfRange` naming `what` when it does not fit.
///
/// # Errors
/// `OutOfRange` when `T` cannot hold `value`.
pub fn fit<T, U>(value: U, what: &'static str) -> Result<T, OutOfRange>
where
    T: TryFrom<U>,
    U: Copy + Display,
{
    T::try_from(value).map_err(|_| OutOfRange {
        what,
        value: value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_or_names_the_number() {
        assert_eq!(fit::<i32, u32>(7, "rank"), Ok(7));
        assert_eq!(
            fit::<i32, u64>(u64::from(u32::MAX), "stickers"),
            Err(OutOfRange {
                what: "stickers",
                value: "4294967295".to_owned()
            })
        );
        assert!(fit::<u32, i32>(-1, "attendees").is_err());
        assert_eq!(
            fit::<u32, i32>(-1, "attendees").unwrap_err().to_string(),
            "attendees out of range: -1"
        );
    }
}
