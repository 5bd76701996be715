//! Sign-in credentials as parsed values: an e-mail address and a new password that meet the
//! rules, so that nothing past the edge handles an unchecked one.

use std::fmt;
use std::str::FromStr;

/// A normalised (trimmed, lowercase) e-mail address of plausible shape.
///
/// Deliberately lenient: the only real check of an address is a message that arrives, which
/// the invitation link does.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an e-mail address")]
pub struct InvalidEmail;

impl Email {
    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Email {
    type Err = InvalidEmail;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase();
        let (local, domain) = s.rsplit_once('@').ok_or(InvalidEmail)?;
        let plausible = !local.is_empty()
            && local.len() <= 64
            && s.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            && !local.contains('@');
        if plausible {
            Ok(Email(s))
        } else {
            Err(InvalidEmail)
        }
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Addresses are personal data: `Debug` shows only the domain.
impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let domain = self.0.rsplit_once('@').map_or("", |(_, d)| d);
        write!(f, "Email(***@{domain})")
    }
}

/// A new password that meets the rules. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

/// Why a password is refused, as a message key suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than `NewPassword::MIN_CHARS` characters.
    #[error("too short")]
    TooShort,
    /// More than `NewPassword::MAX_BYTES` bytes (hashing cost must stay bounded).
    #[error("too long")]
    TooLong,
    /// One character repeated, e.g. `aaaaaaaaaaaa`.
    #[error("too simple")]
    TooSimple,
}

impl NewPassword {
    /// Fewest characters: long passphrases beat complexity rules (NIST SP 800-63B).
    pub const MIN_CHARS: usize = 12;
    /// Most bytes.
    pub const MAX_BYTES: usize = 1024;

    /// Checks a password someone chose.
    pub fn parse(raw: &str) -> Result<NewPassword, PasswordError> {
        if raw.len() > Self::MAX_BYTES {
            return Err(PasswordError::TooLong);
        }
        if raw.chars().count() < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        let mut chars = raw.chars();
        let first = chars.next();
        if chars.all(|c| Some(c) == first) {
            return Err(PasswordError::TooSimple);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// The password, for the one place that hashes it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let e: Email = "  Wijkagent@Politie.NL ".parse().unwrap();
        assert_eq!(e.as_str(), "wijkagent@politie.nl");
        for bad in [
            "", "no-at", "a@b", "@x.nl", "a@.nl", "a@x.", "a b@x.nl", "a@x@y.nl", "<a@x.nl>",
        ] {
            assert_eq!(bad.parse::<Email>(), Err(InvalidEmail), "{bad}");
        }
        assert!(!format!("{e:?}").contains("wijkagent"));
    }

    #[test]
    fn password_rules() {
        assert_eq!(NewPassword::parse("kort"), Err(PasswordError::TooShort));
        assert_eq!(
            NewPassword::parse("aaaaaaaaaaaaaaa"),
            Err(PasswordError::TooSimple)
        );
        assert_eq!(
            NewPassword::parse(&"ab".repeat(600)),
            Err(PasswordError::TooLong)
        );
        let ok = NewPassword::parse("drie stickers per bewoner").unwrap();
        assert_eq!(format!("{ok:?}"), "NewPassword(***)");
    }

    proptest! {
        #[test]
        fn parsed_emails_are_stable(raw in "[a-zA-Z0-9._%+-]{1,20}@[a-z0-9-]{1,20}\\.[a-z]{2,6}") {
            let once: Email = raw.parse().unwrap();
            let twice: Email = once.as_str().parse().unwrap();
            prop_assert_eq!(once, twice);
        }
    }
}
