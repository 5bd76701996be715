//! Tests of reading a `FeatureCollection` of boundaries.

use proptest::prelude::*;

use super::*;

const SQUARE: &str = "[[[5.70,50.86],[5.71,50.86],[5.71,50.87],[5.70,50.87],[5.70,50.86]]]";

fn feature(properties: &str, geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{properties},"geometry":{geometry}}}"#)
}

fn polygon(coordinates: &str) -> String {
    format!(r#"{{"type":"Polygon","coordinates":{coordinates}}}"#)
}

fn collection(features: &[String]) -> Vec<u8> {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
    .into_bytes()
}

fn resolve(name: &AreaName) -> Option<u8> {
    match name {
        AreaName::Slug(s) if s.as_str() == "limmel" => Some(1),
        AreaName::BuurtCode(c) if c.as_str() == "BU09350201" => Some(2),
        _ => None,
    }
}

#[test]
fn features_are_named_by_slug_or_buurtcode() {
    let bytes = collection(&[
        feature(r#"{"slug":"limmel","naam":"Limmel"}"#, &polygon(SQUARE)),
        feature(r#"{"buurtcode":"BU09350201"}"#, &polygon(SQUARE)),
    ]);
    let read = read(&bytes, resolve).unwrap();
    assert_eq!(read.iter().map(|(k, _)| *k).collect::<Vec<_>>(), vec![1, 2]);
}

#[test]
fn every_bad_feature_is_reported_with_its_number() {
    let bytes = collection(&[
        feature(r#"{"slug":"limmel"}"#, &polygon(SQUARE)),
        feature(r#"{"slug":"atlantis"}"#, &polygon(SQUARE)),
        feature(
            r#"{"naam":"Nazareth"}"#,
            r#"{"type":"Point","coordinates":[5.7,50.8]}"#,
        ),
        feature(r#"{"buurtcode":"BU09350201"}"#, "null"),
        feature(r#"{"slug":"limmel"}"#, &polygon(SQUARE)),
    ]);
    let err = read(&bytes, resolve).unwrap_err();
    let at: Vec<_> = err.iter().map(|l| l.at).collect();
    assert_eq!(
        at,
        vec![
            Location::Feature(2),
            Location::Feature(3),
            Location::Feature(4),
            Location::Feature(5)
        ]
    );
    assert_eq!(
        err[0].problems,
        vec![Problem::UnknownNeighbourhood("atlantis".into())]
    );
    assert_eq!(
        err[1].problems,
        vec![
            Problem::FeatureUnnamed,
            Problem::GeometryType("Point".into())
        ]
    );
    assert_eq!(err[2].problems, vec![Problem::GeometryMissing]);
    assert_eq!(
        err[3].problems,
        vec![Problem::DuplicateNeighbourhood("limmel".into())]
    );
}

#[test]
fn files_that_are_not_feature_collections_are_named() {
    let whole = |bytes: &[u8]| {
        let err = read(bytes, resolve).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].at, Location::File);
        err[0].problems[0].clone()
    };
    assert_eq!(
        whole(b"openbareruimte,huisnummer\n"),
        Problem::NotJson { line: 1 }
    );
    assert_eq!(
        whole(b"{\n\"type\": \"FeatureCollection\",\n\"features\": [}"),
        Problem::NotJson { line: 3 }
    );
    assert_eq!(
        whole(polygon(SQUARE).as_bytes()),
        Problem::NotFeatureCollection("Polygon".into())
    );
    assert_eq!(
        whole(br#"{"type":"FeatureCollection","features":[]}"#),
        Problem::NoFeatures
    );
    assert_eq!(whole(b"\xFF\xFE{\0"), Problem::Utf16);
    let huge = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(whole(&huge), Problem::TooLarge { limit_mb: 20 });
}

#[test]
fn unreadable_coordinates_are_a_problem_not_a_panic() {
    let bytes = collection(&[feature(
        r#"{"slug":"limmel"}"#,
        r#"{"type":"Polygon","coordinates":[[[5.7],[5.8,50.8]]]}"#,
    )]);
    let err = read(&bytes, resolve).unwrap_err();
    assert_eq!(err[0].problems, vec![Problem::GeometryUnreadable]);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
        let _ = read(&bytes, resolve);
    }

    #[test]
    fn arbitrary_json_never_panics(text in r#"\{"type":"FeatureCollection","features":\[\{"type":"Feature","properties":\{"slug":"limmel"\},"geometry":\{"type":"(Polygon|MultiPolygon|Point)","coordinates":[\[\]0-9.,-]{0,60}\}\}\]\}"#) {
        let _ = read(text.as_bytes(), resolve);
    }
}
