//! Unit and property tests of the address values.

use proptest::prelude::*;

use super::*;

#[test]
fn postcodes_are_normalised() {
    for raw in ["6221AB", "6221 AB", "6221ab", " 6221  aB "] {
        assert_eq!(raw.parse::<Postcode>().unwrap().as_str(), "6221AB", "{raw}");
    }
    assert_eq!("6221AB".parse::<Postcode>().unwrap().to_string(), "6221 AB");
}

#[test]
fn invalid_postcodes_are_refused() {
    for raw in [
        "",
        "0221AB",
        "622AB",
        "62211AB",
        "6221A",
        "6221 SS",
        "6221SA",
        "6221sd",
        "6221 Ä B",
        "62 21 AB 1",
        "६२२१AB",
    ] {
        assert!(raw.parse::<Postcode>().is_err(), "{raw}");
    }
}

#[test]
fn house_numbers_are_1_to_99999() {
    assert_eq!("1".parse::<HouseNumber>().unwrap().get(), 1);
    assert_eq!(" 99999 ".parse::<HouseNumber>().unwrap().get(), 99_999);
    for raw in ["0", "100000", "-1", "12a", "", "1.5", "+3", "00000"] {
        assert!(raw.parse::<HouseNumber>().is_err(), "{raw}");
    }
}

#[test]
fn letters_and_additions() {
    assert_eq!("b".parse::<HouseLetter>().unwrap().get(), 'B');
    assert!("AB".parse::<HouseLetter>().is_err());
    assert!("1".parse::<HouseLetter>().is_err());
    assert!("é".parse::<HouseLetter>().is_err());
    assert_eq!("bis".parse::<Addition>().unwrap().as_str(), "BIS");
    assert_eq!("0002".parse::<Addition>().unwrap().as_str(), "0002");
    for raw in ["", "12345", "a-1", "a b"] {
        assert!(raw.parse::<Addition>().is_err(), "{raw}");
    }
}

#[test]
fn buurt_codes_get_their_prefix() {
    assert_eq!(
        "BU09350101".parse::<BuurtCode>().unwrap().as_str(),
        "BU09350101"
    );
    assert_eq!(
        "bu09350101".parse::<BuurtCode>().unwrap().as_str(),
        "BU09350101"
    );
    assert_eq!(
        "09350101".parse::<BuurtCode>().unwrap().as_str(),
        "BU09350101"
    );
    for raw in ["BU0935010", "WK093501", "BU0935010X", "", "BU"] {
        assert!(raw.parse::<BuurtCode>().is_err(), "{raw}");
    }
}

#[test]
fn keys_round_trip_through_their_columns() {
    let key = AddressKey::from_columns("6221AB", 12, "A", "2").unwrap();
    assert_eq!(key.to_string(), "12A-2, 6221 AB");
    let again = AddressKey::from_columns(
        key.postcode.as_str(),
        i64::from(key.number.get()),
        &key.letter_column(),
        &key.addition_column(),
    )
    .unwrap();
    assert_eq!(again, key);
    let bare = AddressKey::from_columns("6221AB", 12, "", "").unwrap();
    assert_eq!((bare.letter, bare.addition), (None, None));
    assert!(AddressKey::from_columns("6221AB", -1, "", "").is_err());
}

proptest! {
    #[test]
    fn postcode_normalisation_round_trips(
        first in 1u8..=9,
        rest in 0u16..1000,
        letters in "[a-zA-Z]{2}",
        spaces in " {0,2}",
    ) {
        let raw = format!("{first}{rest:03}{spaces}{letters}");
        if let Ok(code) = raw.parse::<Postcode>() {
            prop_assert_eq!(code.as_str().len(), 6);
            prop_assert_eq!(code.to_string().parse::<Postcode>(), Ok(code.clone()));
            prop_assert_eq!(code.as_str().parse::<Postcode>(), Ok(code.clone()));
        } else {
            let upper = letters.to_ascii_uppercase();
            prop_assert!(["SA", "SD", "SS"].contains(&upper.as_str()));
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in "\\PC{0,12}") {
        let _ = s.parse::<Postcode>();
        let _ = s.parse::<HouseNumber>();
        let _ = s.parse::<HouseLetter>();
        let _ = s.parse::<Addition>();
        let _ = s.parse::<BuurtCode>();
    }

    #[test]
    fn house_numbers_in_range_parse_back(n in 1u32..=99_999) {
        prop_assert_eq!(n.to_string().parse::<HouseNumber>().map(HouseNumber::get), Ok(n));
    }
}
