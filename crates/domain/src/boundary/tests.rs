//! Unit and property tests of boundaries and point-in-polygon.

use geojson::GeometryValue;
use proptest::prelude::*;

use super::*;

fn polygon(rings: &[&[[f64; 2]]]) -> GeometryValue {
    GeometryValue::new_polygon(rings.iter().map(|r| r.iter().copied()))
}

/// A square of side 0.01 degree with its south-west corner at (lon, lat).
fn square(lon: f64, lat: f64) -> GeometryValue {
    let d = 0.01;
    polygon(&[&[
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
    ]])
}

fn problems(value: &GeometryValue) -> Vec<Problem> {
    Boundary::from_geometry(value).unwrap_err()
}

#[test]
fn a_square_contains_its_inside_and_edge_but_not_its_outside() {
    let b = Boundary::from_geometry(&square(5.70, 50.86)).unwrap();
    let at = |lon, lat| b.contains(GeoPoint { lat, lon });
    assert!(at(5.705, 50.865));
    assert!(at(5.70, 50.865), "the edge belongs to the area");
    assert!(!at(5.715, 50.865));
    assert!(!at(5.705, 50.859));
}

#[test]
fn only_polygons_and_multipolygons() {
    let point = GeometryValue::new_point([5.7, 50.86]);
    assert_eq!(
        problems(&point),
        vec![Problem::GeometryType("Point".into())]
    );
    let multi = GeometryValue::MultiPolygon {
        coordinates: vec![
            polygon_rings(&square(5.70, 50.86)),
            polygon_rings(&square(5.80, 50.86)),
        ],
    };
    let b = Boundary::from_geometry(&multi).unwrap();
    assert!(b.contains(GeoPoint {
        lat: 50.865,
        lon: 5.805
    }));
}

fn polygon_rings(value: &GeometryValue) -> Vec<Vec<Position>> {
    match value {
        GeometryValue::Polygon { coordinates } => coordinates.clone(),
        _ => unreachable!(),
    }
}

#[test]
fn rings_must_be_closed_long_enough_and_in_degrees() {
    let open = polygon(&[&[[5.7, 50.8], [5.8, 50.8], [5.8, 50.9], [5.7, 50.9]]]);
    assert_eq!(problems(&open), vec![Problem::RingNotClosed]);
    let short = polygon(&[&[[5.7, 50.8], [5.8, 50.8], [5.7, 50.8]]]);
    assert_eq!(problems(&short), vec![Problem::RingTooShort]);
    let rd = polygon(&[&[
        [176_000.0, 317_000.0],
        [177_000.0, 317_000.0],
        [177_000.0, 318_000.0],
        [176_000.0, 317_000.0],
    ]]);
    assert_eq!(problems(&rd), vec![Problem::ProjectedCoordinates]);
    let far = polygon(&[&[[5.7, 95.0], [5.8, 50.8], [5.8, 50.9], [5.7, 95.0]]]);
    assert_eq!(problems(&far), vec![Problem::CoordinateOutOfRange]);
}

#[test]
fn self_intersections_and_overlapping_parts_are_refused() {
    let bow_tie = polygon(&[&[
        [5.70, 50.80],
        [5.80, 50.90],
        [5.80, 50.80],
        [5.70, 50.90],
        [5.70, 50.80],
    ]]);
    assert_eq!(problems(&bow_tie), vec![Problem::SelfIntersection]);
    let overlapping = GeometryValue::MultiPolygon {
        coordinates: vec![
            polygon_rings(&square(5.700, 50.86)),
            polygon_rings(&square(5.705, 50.86)),
        ],
    };
    assert_eq!(problems(&overlapping), vec![Problem::PartsOverlap]);
    let hole_outside = polygon(&[
        &[[5.70, 50.80], [5.71, 50.80], [5.71, 50.81], [5.70, 50.80]],
        &[[5.80, 50.80], [5.81, 50.80], [5.81, 50.81], [5.80, 50.80]],
    ]);
    assert_eq!(problems(&hole_outside), vec![Problem::HoleOutside]);
}

#[test]
fn a_boundary_survives_storage() {
    let b = Boundary::from_geometry(&square(5.70, 50.86)).unwrap();
    let again = Boundary::from_geojson(&b.to_geojson()).unwrap();
    assert_eq!(again, b);
    assert!(b.to_geojson().contains("MultiPolygon"));
    assert_eq!(
        Boundary::from_geojson("{not json"),
        Err(vec![Problem::GeometryUnreadable])
    );
}

#[test]
fn neighbours_touch_but_do_not_overlap() {
    let a = Boundary::from_geometry(&square(5.70, 50.86)).unwrap();
    let b = Boundary::from_geometry(&square(5.71, 50.86)).unwrap();
    let c = Boundary::from_geometry(&square(5.705, 50.86)).unwrap();
    assert!(!a.overlaps(&b));
    assert!(a.overlaps(&c));
    let far = Boundary::from_geometry(&square(6.0, 52.0)).unwrap();
    assert!(!a.overlaps(&far));
}

#[test]
fn the_locator_finds_the_first_area() {
    let locator = Locator::new(vec![
        (1, Boundary::from_geometry(&square(5.70, 50.86)).unwrap()),
        (2, Boundary::from_geometry(&square(5.71, 50.86)).unwrap()),
    ]);
    let at = |lon, lat| locator.locate(GeoPoint { lat, lon });
    assert_eq!(at(5.705, 50.865), Some(1));
    assert_eq!(at(5.715, 50.865), Some(2));
    assert_eq!(at(5.71, 50.865), Some(1), "a shared edge goes to the first");
    assert_eq!(at(5.9, 50.865), None);
    assert!(Locator::<i32>::new(vec![]).is_empty());
}

proptest! {
    #[test]
    fn point_in_square_matches_the_arithmetic(
        lon0 in 3.5f64..7.0,
        lat0 in 50.8f64..53.5,
        dx in -0.005f64..0.015,
        dy in -0.005f64..0.015,
    ) {
        let b = Boundary::from_geometry(&square(lon0, lat0)).unwrap();
        let point = GeoPoint { lat: lat0 + dy, lon: lon0 + dx };
        let inside = (lon0..=lon0 + 0.01).contains(&point.lon)
            && (lat0..=lat0 + 0.01).contains(&point.lat);
        // Within a hair of the edge floating point may go either way.
        let near_edge = [point.lon - lon0, lon0 + 0.01 - point.lon, point.lat - lat0, lat0 + 0.01 - point.lat]
            .iter()
            .any(|d| d.abs() < 1e-9);
        prop_assume!(!near_edge);
        prop_assert_eq!(b.contains(point), inside);
    }

    #[test]
    fn arbitrary_rings_never_panic(
        ring in proptest::collection::vec((-400.0f64..400.0, -400.0f64..400.0), 0..8),
    ) {
        let ring: Vec<[f64; 2]> = ring.into_iter().map(|(x, y)| [x, y]).collect();
        let _ = Boundary::from_geometry(&polygon(&[&ring]));
    }
}
