//! The one check of typed text for control characters, used by every parsed value and form
//! check. A control character (NUL, escape, a C1 code) is never meant: it comes from a
//! broken client or a probe, PostgreSQL refuses NUL in text, and the others confuse logs,
//! CSV files and mail. Multi-line text may keep line breaks and tabs.

/// The message key shown next to a field that holds a control character.
pub const CONTROL_CHARACTERS: &str = "error-control-characters";

/// Whether `text` is fit for a one-line field: no control character at all.
pub fn is_clean_line(text: &str) -> bool {
    !text.chars().any(char::is_control)
}

/// Whether `text` is fit for a multi-line field: no control character but line breaks and
/// tabs.
pub fn is_clean_text(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn control_characters_are_refused() {
        for bad in ["a\0b", "\u{1b}[31m", "x\u{7f}", "\u{85}", "\u{9f}"] {
            assert!(!is_clean_line(bad), "{bad:?}");
            assert!(!is_clean_text(bad), "{bad:?}");
        }
        assert!(is_clean_line("Café 't Hoekje, nr. 8 – €5 😀"));
        assert!(!is_clean_line("twee\nregels"));
        assert!(is_clean_text("twee\nregels\r\nmet\ttab"));
    }

    proptest! {
        #[test]
        fn clean_text_has_no_nul(text in any::<String>()) {
            if is_clean_text(&text) {
                prop_assert!(!text.contains('\0'));
            }
            if is_clean_line(&text) {
                prop_assert!(is_clean_text(&text));
            }
        }
    }
}
