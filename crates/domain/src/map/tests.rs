//! Tests of the map geometry: the projection, fitting, and the public snapping rule.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

const CENTRE: GeoPoint = GeoPoint {
    lat: 50.86,
    lon: 5.71,
};

fn square() -> Boundary {
    Boundary::polygon(&[
        [5.70, 50.85],
        [5.72, 50.85],
        [5.72, 50.87],
        [5.70, 50.87],
        [5.70, 50.85],
    ])
    .unwrap()
}

#[test]
fn a_degree_of_latitude_is_about_111_km_and_longitude_shrinks_with_its_cosine() {
    let p = Projection::around(CENTRE);
    let north = p.to_plane(GeoPoint {
        lat: CENTRE.lat + 0.01,
        lon: CENTRE.lon,
    });
    assert!((north.y - 1_111.95).abs() < 1.0, "{north:?}");
    assert!(north.x.abs() < 1e-9);
    let east = p.to_plane(GeoPoint {
        lat: CENTRE.lat,
        lon: CENTRE.lon + 0.01,
    });
    // cos(50.86°) = 0.6313
    assert!((east.x - 702.0).abs() < 1.0, "{east:?}");
}

#[test]
fn the_frame_keeps_proportions_margins_and_north_up() {
    let frame = Frame::fit(&square(), 240.0, 320.0);
    assert!(frame.width <= 240.0 && frame.height <= 320.0);
    // 0.02° of longitude is ~1404 m, of latitude ~2224 m: taller than wide.
    assert!(frame.height > frame.width, "{frame:?}");
    let (x, y) = frame.to_view(GeoPoint {
        lat: 50.87,
        lon: 5.70,
    });
    assert!(
        x >= 7.0 && y >= 7.0 && x < 12.0 && y < 12.0,
        "north-west corner at {x},{y}"
    );
    let (x2, y2) = frame.to_view(GeoPoint {
        lat: 50.85,
        lon: 5.72,
    });
    assert!(x2 > x && y2 > y, "south-east is right and down");
    assert!(x2 <= frame.width - 7.0 && y2 <= frame.height - 7.0);
}

#[test]
fn outside_the_picture_or_not_a_number_is_no_point() {
    let frame = Frame::fit(&square(), 240.0, 320.0);
    assert!(frame.from_view(-1.0, 5.0).is_none());
    assert!(frame.from_view(5.0, frame.height + 1.0).is_none());
    assert!(frame.from_view(f64::NAN, 5.0).is_none());
    assert!(frame.from_view(f64::INFINITY, 5.0).is_none());
    assert!(frame.from_view(0.0, 0.0).is_some());
}

#[test]
fn a_street_is_drawn_at_its_address_nearest_the_middle() {
    let a = |lat: f64, lon: f64| GeoPoint { lat, lon };
    let addresses = vec![
        (1, a(50.860, 5.700)),
        (1, a(50.860, 5.702)),
        (1, a(50.860, 5.7011)),
        (2, a(50.865, 5.71)),
    ];
    let points = street_points(&addresses);
    assert_eq!(points[&1], a(50.860, 5.7011));
    assert_eq!(points[&2], a(50.865, 5.71));
    assert_eq!(nearest_street(&addresses, a(50.8649, 5.7101)), Some(2));
    assert_eq!(nearest_street(&[], a(50.8649, 5.7101)), None);
}

#[test]
fn public_markers_use_the_street_then_the_grid_and_group_by_spot() {
    let p = Projection::around(CENTRE);
    let street_point = GeoPoint {
        lat: 50.861,
        lon: 5.711,
    };
    let streets = BTreeMap::from([(7, street_point)]);
    let exact = GeoPoint {
        lat: 50.8623,
        lon: 5.7042,
    };
    let concerns = [
        Placed {
            street: Some(7),
            point: Some(exact),
        },
        Placed {
            street: Some(7),
            point: None,
        },
        Placed {
            street: None,
            point: Some(exact),
        },
        Placed {
            street: None,
            point: None,
        },
        // A street without points, and no point: nothing to draw.
        Placed {
            street: Some(8),
            point: None,
        },
    ];
    let (public, unplaced) = markers(&concerns, &streets, &p, Exposure::Public);
    assert_eq!(unplaced, vec![3, 4]);
    assert_eq!(public.len(), 2);
    let street = public.iter().find(|m| m.spot == Spot::Street(7)).unwrap();
    assert_eq!(street.concerns, vec![0, 1]);
    assert_eq!(street.at, street_point);
    let cell = public.iter().find(|m| m.spot != Spot::Street(7)).unwrap();
    assert_eq!(cell.concerns, vec![2]);
    assert_eq!(cell.at, p.cell_centre(p.cell(exact)));
    assert_ne!(cell.at, exact);

    // Staff see the exact point.
    let (staff, _) = markers(&concerns, &streets, &p, Exposure::Exact);
    assert!(
        staff
            .iter()
            .any(|m| m.at == exact && m.concerns == vec![0, 2])
    );
}

#[test]
fn markers_are_numbered_north_to_south() {
    let p = Projection::around(CENTRE);
    let at = |lat: f64| Placed {
        street: None,
        point: Some(GeoPoint { lat, lon: 5.71 }),
    };
    let (markers, _) = markers(
        &[at(50.855), at(50.865)],
        &BTreeMap::new(),
        &p,
        Exposure::Public,
    );
    assert_eq!(markers[0].concerns, vec![1]);
    assert_eq!(markers[1].concerns, vec![0]);
}

fn near_centre() -> impl Strategy<Value = GeoPoint> {
    (-0.02f64..0.02, -0.03f64..0.03).prop_map(|(dlat, dlon)| GeoPoint {
        lat: CENTRE.lat + dlat,
        lon: CENTRE.lon + dlon,
    })
}

proptest! {
    #[test]
    fn plane_and_back_is_the_same_point(point in near_centre()) {
        let p = Projection::around(CENTRE);
        let back = p.to_geo(p.to_plane(point));
        prop_assert!((back.lat - point.lat).abs() < 1e-9 && (back.lon - point.lon).abs() < 1e-9);
    }

    #[test]
    fn the_picture_and_back_is_the_same_point(point in near_centre()) {
        let frame = Frame::fit(&square(), 240.0, 320.0);
        let (x, y) = frame.to_view(point);
        if let Some(back) = frame.from_view(x, y) {
            prop_assert!(distance(frame.projection(), back, point) < 0.01);
        }
    }

    /// A public marker is the centre of the point's cell: never further than half a cell's
    /// diagonal from it, and the same for every point in that cell, so the picture cannot
    /// tell where in the cell (of at least 50 m) the concern is.
    #[test]
    fn public_markers_hide_the_point_within_its_cell(a in near_centre(), b in near_centre()) {
        prop_assert!(GRID_METRES >= 50.0);
        let p = Projection::around(CENTRE);
        let only = |point| Placed { street: None, point: Some(point) };
        let (markers, _) = markers(&[only(a), only(b)], &BTreeMap::new(), &p, Exposure::Public);
        let shown = |i: usize| markers.iter().find(|m| m.concerns.contains(&i)).unwrap().at;
        prop_assert!(distance(&p, shown(0), a) <= GRID_METRES / 2.0 * std::f64::consts::SQRT_2 + 1e-6);
        let centre = p.cell_centre(p.cell(a));
        prop_assert_eq!(shown(0), centre);
        if p.cell(a) == p.cell(b) {
            prop_assert_eq!(markers.len(), 1);
            prop_assert_eq!(shown(1), centre);
        } else {
            prop_assert_eq!(markers.len(), 2);
        }
    }
}
