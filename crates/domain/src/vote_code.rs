//! The one-time codes of live voting: printed on a code card, typed or scanned on a phone at
//! `/stemmen`. Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in
//! two groups of five, about 48 random bits: guessing one of a meeting's few hundred codes
//! takes in the order of 10^12 tries, which the per-address limit makes useless.

use std::fmt;

const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTVWXZ";
const LENGTH: usize = 10;

/// A well-formed code (it may still be unknown, used or expired: the store knows).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VoteCode(String);

/// Why what was typed is not a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    /// Nothing typed.
    Empty,
    /// Not ten characters (without spaces and dashes).
    Length(usize),
    /// A character that codes do not use.
    Character(char),
}

impl VoteCode {
    /// A code from eight random bytes (from the operating system's generator).
    pub fn from_random(random: [u8; 8]) -> VoteCode {
        let mut n = u64::from_le_bytes(random);
        let base = ALPHABET.len() as u64;
        let mut text = String::with_capacity(LENGTH);
        for _ in 0..LENGTH {
            text.push(char::from(ALPHABET[usize::try_from(n % base).unwrap_or(0)]));
            n /= base;
        }
        VoteCode(text)
    }

    /// What a voter typed, forgiving case, spaces and dashes.
    ///
    /// # Errors
    /// Empty, the wrong length, or a character codes do not use.
    pub fn parse(typed: &str) -> Result<VoteCode, CodeProblem> {
        let text: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if text.is_empty() {
            return Err(CodeProblem::Empty);
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !c.is_ascii() || !ALPHABET.contains(&(*c as u8)))
        {
            return Err(CodeProblem::Character(bad));
        }
        let length = text.chars().count();
        if length != LENGTH {
            return Err(CodeProblem::Length(length));
        }
        Ok(VoteCode(text))
    }

    /// The ten characters, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VoteCode {
    /// As printed: `ABCDE-FGHJK`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..5], &self.0[5..])
    }
}

impl fmt::Debug for VoteCode {
    /// Never the code itself: a log line must not let anyone vote with it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VoteCode(***)")
    }
}

/// Random bits in a code: `LENGTH * log2(29)`.
pub fn entropy_bits() -> f64 {
    let length = u32::try_from(LENGTH).unwrap_or(u32::MAX);
    let letters = u32::try_from(ALPHABET.len()).unwrap_or(u32::MAX);
    f64::from(length) * f64::from(letters).log2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_carry_at_least_forty_random_bits() {
        assert!(entropy_bits() >= 48.0, "{}", entropy_bits());
        // 29^10 fits in 64 bits, so every code can come from some bytes.
        assert!(29u128.pow(10) < u128::from(u64::MAX));
    }

    #[test]
    fn typing_forgives_case_spaces_and_dashes_but_not_look_alikes() {
        let code = VoteCode::from_random([7, 1, 200, 3, 99, 42, 0, 255]);
        let printed = code.to_string();
        assert_eq!(printed.len(), 11);
        assert_eq!(VoteCode::parse(&printed.to_lowercase()), Ok(code.clone()));
        assert_eq!(
            VoteCode::parse(&format!(" {} ", printed.replace('-', " "))),
            Ok(code)
        );
        assert_eq!(
            VoteCode::parse("ABCDE-FGHJO"),
            Err(CodeProblem::Character('O'))
        );
        assert_eq!(
            VoteCode::parse("ABCDE-1GHJK"),
            Err(CodeProblem::Character('1'))
        );
        assert_eq!(VoteCode::parse("ABCDE"), Err(CodeProblem::Length(5)));
        assert_eq!(VoteCode::parse("  - "), Err(CodeProblem::Empty));
        assert_eq!(
            VoteCode::parse("ABCDÉ-FGHJK"),
            Err(CodeProblem::Character('É'))
        );
        assert_eq!(
            format!("{:?}", VoteCode::parse("ABCDE-FGHJK").unwrap()),
            "VoteCode(***)"
        );
    }

    proptest! {
        #[test]
        fn every_code_reads_back_as_printed(random in any::<[u8; 8]>()) {
            let code = VoteCode::from_random(random);
            prop_assert_eq!(code.as_str().len(), 10);
            prop_assert_eq!(VoteCode::parse(&code.to_string()), Ok(code));
        }

        #[test]
        fn different_bytes_give_different_codes(a in any::<u64>(), b in any::<u64>()) {
            // Codes are the bytes in base 29, so two byte strings below 29^10 never share one.
            let limit = 29u64.pow(10);
            prop_assume!(a % limit != b % limit);
            prop_assert_ne!(
                VoteCode::from_random((a % limit).to_le_bytes()),
                VoteCode::from_random((b % limit).to_le_bytes())
            );
        }
    }
}
