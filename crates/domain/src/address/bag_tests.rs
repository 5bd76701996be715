//! Tests of reading BAG address files.

use proptest::prelude::*;

use super::*;

const HEADER: &str =
    "openbareruimte,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaats";

fn file(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text.into_bytes()
}

fn problems_at(err: &[Located], line: u64) -> Vec<Problem> {
    err.iter()
        .find(|l| l.at == Location::Line(line))
        .map(|l| l.problems.clone())
        .unwrap_or_default()
}

#[test]
fn a_good_file_reads_with_line_numbers() {
    let rows = read_file(&file(&[
        "Meerssenerweg,12,a,,6224 AB,Maastricht",
        "Meerssenerweg,12,,2,6224AB,Maastricht",
        "  Kasteel   Hillenraedtstraat ,3,,,6224ac, Maastricht",
    ]))
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].key.to_string(), "12A, 6224 AB");
    assert_eq!(rows[1].key.to_string(), "12-2, 6224 AB");
    assert_eq!(rows[2].street, "Kasteel Hillenraedtstraat");
    assert_eq!(rows[2].town, "Maastricht");
    assert_eq!(rows[2].point, None);
}

#[test]
fn every_bad_row_is_reported_with_every_problem() {
    let err = read_file(&file(&[
        "Meerssenerweg,12,,,6224AB,Maastricht",
        ",0,AB,12345,12,",
        "Meerssenerweg,13,,,6224AB",
        "Meerssenerweg,12,,,6224 ab,Maastricht",
    ]))
    .unwrap_err();
    assert_eq!(err.len(), 3, "{err:?}");
    assert_eq!(
        problems_at(&err, 3),
        vec![
            Problem::Missing("openbareruimte"),
            Problem::Missing("woonplaats"),
            Problem::Postcode("12".into()),
            Problem::HouseNumber("0".into()),
            Problem::HouseLetter("AB".into()),
            Problem::Addition("12345".into()),
        ]
    );
    assert_eq!(problems_at(&err, 4), vec![Problem::FieldCount { found: 5 }]);
    assert_eq!(
        problems_at(&err, 5),
        vec![Problem::Duplicate { first_line: 2 }]
    );
}

#[test]
fn the_header_names_every_missing_and_unknown_column() {
    let err = read_file(b"straat,huisnummer,huisletter,postcode,postcode\nx,1,,6221AB,6221AB\n")
        .unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].at, Location::Line(1));
    assert_eq!(
        err[0].problems,
        vec![
            Problem::UnknownColumn("straat".into()),
            Problem::DuplicateColumn("postcode".into()),
            Problem::MissingColumn("openbareruimte"),
            Problem::MissingColumn("woonplaats"),
        ]
    );
    let err = read_file(b"openbareruimte,huisnummer,postcode,woonplaats,lat\n").unwrap_err();
    assert_eq!(err[0].problems, vec![Problem::LatLonPair]);
}

#[test]
fn semicolons_decimal_commas_and_optional_columns() {
    let text = "\u{feff}OpenbareRuimte;Huisnummer;Postcode;Woonplaats;Buurtcode;Lat;Lon\r\n\
                Meerssenerweg;12;6224AB;Maastricht;BU09350201;50,8652;5,7101\r\n\
                Meerssenerweg;14;6224AB;Maastricht;;;\r\n";
    let rows = read_file(text.as_bytes()).unwrap();
    assert_eq!(
        rows[0].buurtcode.as_ref().map(BuurtCode::as_str),
        Some("BU09350201")
    );
    let point = rows[0].point.unwrap();
    assert!((point.lat - 50.8652).abs() < 1e-9 && (point.lon - 5.7101).abs() < 1e-9);
    assert_eq!((rows[1].buurtcode.clone(), rows[1].point), (None, None));
}

#[test]
fn points_must_be_complete_and_in_the_netherlands() {
    let text = "openbareruimte,huisnummer,postcode,woonplaats,lat,lon\n\
                A,1,6224AB,Maastricht,50.86,\n\
                A,2,6224AB,Maastricht,5.71,50.86\n\
                A,3,6224AB,Maastricht,north,1e3\n\
                A,4,6224AB,Maastricht,NaN,inf\n";
    let err = read_file(text.as_bytes()).unwrap_err();
    assert_eq!(problems_at(&err, 2), vec![Problem::PointIncomplete]);
    assert_eq!(problems_at(&err, 3), vec![Problem::OutsideNetherlands]);
    assert_eq!(
        problems_at(&err, 4),
        vec![
            Problem::Latitude("north".into()),
            Problem::Longitude("1e3".into())
        ]
    );
    assert_eq!(problems_at(&err, 5).len(), 2);
}

#[test]
fn files_that_are_not_address_csv_are_named() {
    let whole = |bytes: &[u8]| {
        let err = read_file(bytes).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        err[0].problems[0].clone()
    };
    assert_eq!(whole(b""), Problem::Empty);
    assert_eq!(whole(HEADER.as_bytes()), Problem::NoRows);
    assert_eq!(
        whole(br#"{"type":"FeatureCollection"}"#),
        Problem::JsonNotCsv
    );
    assert_eq!(whole(b"PK\x03\x04\x14\0\x06\0"), Problem::Spreadsheet);
    let latin1 = [
        HEADER.as_bytes(),
        b"\nSint Pieter\xEBn,1,,,6221AB,Maastricht\n",
    ]
    .concat();
    assert_eq!(whole(&latin1), Problem::NotUtf8 { line: 2 });
    assert_eq!(
        whole(&vec![b'a'; MAX_FILE_BYTES + 1]),
        Problem::TooLarge { limit_mb: 50 }
    );
}

#[test]
fn blank_lines_are_skipped_and_quoted_newlines_keep_line_numbers() {
    let text = format!(
        "{HEADER}\n\n\"Meersse\nnerweg\u{7}\",1,,,6224AB,Maastricht\n,,,,,\nMeerssenerweg,x,,,6224AB,Maastricht\n"
    );
    let err = read_file(text.as_bytes()).unwrap_err();
    assert_eq!(err.len(), 2, "{err:?}");
    assert_eq!(
        problems_at(&err, 3),
        vec![Problem::Name("openbareruimte")],
        "{err:?}"
    );
    assert_eq!(problems_at(&err, 6), vec![Problem::HouseNumber("x".into())]);
}

#[test]
fn long_values_are_shortened_in_messages() {
    let long = "9".repeat(100);
    let err = read_file(&file(&[&format!("A,{long},,,6224AB,Maastricht")])).unwrap_err();
    let Problem::HouseNumber(shown) = &err[0].problems[0] else {
        panic!("{err:?}")
    };
    assert_eq!(shown.chars().count(), 41);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = read_file(&bytes);
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec("[^\n]{0,40}", 0..6)) {
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let _ = read_file(&file(&refs));
    }

    #[test]
    fn valid_rows_all_come_back(numbers in proptest::collection::btree_set(1u32..=99_999, 1..40)) {
        let rows: Vec<String> = numbers
            .iter()
            .map(|n| format!("Meerssenerweg,{n},,,6224AB,Maastricht"))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let read = read_file(&file(&refs)).unwrap();
        prop_assert_eq!(read.len(), numbers.len());
        for (row, n) in read.iter().zip(&numbers) {
            prop_assert_eq!(row.key.number.get(), *n);
        }
    }
}
