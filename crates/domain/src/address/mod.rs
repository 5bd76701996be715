//! Dutch addresses as the BAG (Basisregistratie Adressen en Gebouwen) defines them: the parts
//! of an address key, each built only by parsing, and the reading of a BAG address file.
//!
//! An address is unique in a municipality by postcode, house number, house letter and
//! addition (`AddressKey`); that is what an import compares to find what it already has.

pub mod bag;
pub mod placement;

use std::fmt;
use std::str::FromStr;

/// An address's database key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AddressId(pub i64);

/// Why a text is not a valid part of an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressValueError {
    /// Not four digits (not starting with 0) and two letters (not SA, SD or SS).
    #[error("a postcode is four digits and two letters, like 6221 AB")]
    Postcode,
    /// Not a whole number from 1 to 99999.
    #[error("a house number is a whole number from 1 to 99999")]
    HouseNumber,
    /// Not one letter A-Z.
    #[error("a house letter is one letter A-Z")]
    HouseLetter,
    /// Not 1 to 4 letters or digits.
    #[error("a house number addition is 1 to 4 letters or digits")]
    Addition,
    /// Not `BU` followed by 8 digits.
    #[error("a CBS buurt code is BU followed by 8 digits")]
    BuurtCode,
}

/// A Dutch postcode, stored without the space: `6221AB`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Postcode(String);

impl Postcode {
    /// The compact form, `6221AB`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Postcode {
    type Err = AddressValueError;

    /// Accepts `6221AB`, `6221 ab` and `6221  AB`; `PostNL` never issues SA, SD or SS.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = compact.as_bytes();
        let valid = bytes.len() == 6
            && bytes[0].is_ascii_digit()
            && bytes[0] != b'0'
            && bytes[1..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_alphabetic)
            && s.trim().len() <= 8;
        if !valid {
            return Err(AddressValueError::Postcode);
        }
        let upper = compact.to_ascii_uppercase();
        if matches!(&upper[4..], "SA" | "SD" | "SS") {
            return Err(AddressValueError::Postcode);
        }
        Ok(Postcode(upper))
    }
}

impl fmt::Display for Postcode {
    /// As printed on a letter: `6221 AB`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", &self.0[..4], &self.0[4..])
    }
}

/// A house number, 1 to 99999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HouseNumber(u32);

impl HouseNumber {
    /// The highest number the BAG allows.
    pub const MAX: u32 = 99_999;

    /// A house number from an integer, if in range.
    pub fn new(n: u32) -> Result<Self, AddressValueError> {
        if (1..=Self::MAX).contains(&n) {
            Ok(HouseNumber(n))
        } else {
            Err(AddressValueError::HouseNumber)
        }
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl FromStr for HouseNumber {
    type Err = AddressValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AddressValueError::HouseNumber);
        }
        HouseNumber::new(s.parse().map_err(|_| AddressValueError::HouseNumber)?)
    }
}

/// A house letter, `A` to `Z` (stored upper case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HouseLetter(char);

impl HouseLetter {
    /// The letter.
    pub fn get(self) -> char {
        self.0
    }
}

impl FromStr for HouseLetter {
    type Err = AddressValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut chars = s.trim().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => Ok(HouseLetter(c.to_ascii_uppercase())),
            _ => Err(AddressValueError::HouseLetter),
        }
    }
}

/// A house number addition (huisnummertoevoeging): 1 to 4 letters or digits, upper case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Addition(String);

impl Addition {
    /// The addition.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Addition {
    type Err = AddressValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(AddressValueError::Addition);
        }
        Ok(Addition(s.to_ascii_uppercase()))
    }
}

/// A CBS buurt code, `BU` and 8 digits (4 for the municipality, 2 for the district, 2 for
/// the neighbourhood). Eight digits alone are accepted and get the prefix.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BuurtCode(String);

impl BuurtCode {
    /// The code, e.g. `BU09350101`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for BuurtCode {
    type Err = AddressValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let digits = match (s.get(..2), s.get(2..)) {
            (Some(prefix), Some(rest)) if prefix.eq_ignore_ascii_case("BU") => rest,
            _ => s,
        };
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AddressValueError::BuurtCode);
        }
        Ok(BuurtCode(format!("BU{digits}")))
    }
}

/// What makes an address unique within a municipality.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AddressKey {
    /// Postcode.
    pub postcode: Postcode,
    /// House number.
    pub number: HouseNumber,
    /// House letter, if any.
    pub letter: Option<HouseLetter>,
    /// Addition, if any.
    pub addition: Option<Addition>,
}

impl AddressKey {
    /// The key from its stored columns, where no letter or addition is an empty string.
    pub fn from_columns(
        postcode: &str,
        number: i64,
        letter: &str,
        addition: &str,
    ) -> Result<Self, AddressValueError> {
        let number = u32::try_from(number).map_err(|_| AddressValueError::HouseNumber)?;
        Ok(AddressKey {
            postcode: postcode.parse()?,
            number: HouseNumber::new(number)?,
            letter: non_empty(letter).map(str::parse).transpose()?,
            addition: non_empty(addition).map(str::parse).transpose()?,
        })
    }

    /// The letter as stored: empty when there is none.
    pub fn letter_column(&self) -> String {
        self.letter.map(|l| l.get().to_string()).unwrap_or_default()
    }

    /// The addition as stored: empty when there is none.
    pub fn addition_column(&self) -> String {
        self.addition
            .as_ref()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default()
    }
}

impl fmt::Display for AddressKey {
    /// As the BAG writes a house number: `12A-2`, then the postcode.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number.get())?;
        if let Some(letter) = self.letter {
            write!(f, "{}", letter.get())?;
        }
        if let Some(addition) = &self.addition {
            write!(f, "-{}", addition.as_str())?;
        }
        write!(f, ", {}", self.postcode)
    }
}

fn non_empty(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests;
