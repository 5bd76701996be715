//! Numbers and dates as each language writes them.

use domain::Locale;

/// A whole number with thousands separators: `14.913` in Dutch, `14,913` in English.
pub fn count(locale: Locale, n: u64) -> String {
    let sep = match locale {
        Locale::Nl => '.',
        Locale::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(count(Locale::Nl, 14_913), "14.913");
        assert_eq!(count(Locale::En, 118_000), "118,000");
        assert_eq!(count(Locale::Nl, 999), "999");
        assert_eq!(count(Locale::En, 1_000_000), "1,000,000");
        assert_eq!(count(Locale::Nl, 0), "0");
    }
}
