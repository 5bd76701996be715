//! Tests of the map pictures: well-formed, escaped, the markers where the frame says.

use domain::boundary::{Boundary, GeoPoint};

use super::*;

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

fn input<'a>(boundary: &'a Boundary, title: &'a str, markers: &'a [GeoPoint]) -> MapInput<'a> {
    MapInput {
        id: "kaart-1",
        title,
        boundary,
        size: (640.0, 560.0),
        addresses: &[],
        markers,
        chosen: None,
        standalone: false,
    }
}

/// Every `<tag` has its `</tag>` or ends in `/>`, in order: enough to catch a broken template.
fn balanced(svg: &str) -> bool {
    let mut open: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').unwrap();
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop().as_deref() != Some(name) {
                return false;
            }
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().unwrap().to_owned());
        }
        rest = &rest[end + 1..];
    }
    open.is_empty()
}

#[test]
fn the_picture_is_well_formed_with_its_name_and_numbered_markers() {
    let boundary = square();
    let points = [
        GeoPoint {
            lat: 50.86,
            lon: 5.71,
        },
        GeoPoint {
            lat: 50.855,
            lon: 5.705,
        },
    ];
    let (svg, (width, height)) = svg(&input(&boundary, "Kaart van Limmel", &points)).unwrap();
    assert!(balanced(&svg), "{svg}");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\" aria-labelledby=\"kaart-1-title\""));
    assert!(svg.contains("<title id=\"kaart-1-title\">Kaart van Limmel</title>"));
    assert!(svg.contains(">1</text>") && svg.contains(">2</text>"));
    assert!(width <= 640.0 && height <= 560.0);
    let frame = Frame::fit(&boundary, 640.0, 560.0);
    let (x, y) = frame.to_view(points[1]);
    assert!(
        svg.contains(&format!("cx=\"{}\" cy=\"{}\"", n(x), n(y))),
        "{svg}"
    );
}

#[test]
fn text_in_the_picture_is_escaped() {
    let boundary = square();
    let (svg, _) = svg(&input(&boundary, "<script>alert(1)</script> & \"x\"", &[])).unwrap();
    assert!(!svg.contains("<script>"), "{svg}");
    assert!(
        svg.contains("&#60;script&#62;") && svg.contains("&#38;"),
        "{svg}"
    );
    assert!(balanced(&svg));
}

#[test]
fn a_standalone_picture_has_a_size_and_becomes_a_data_address() {
    let boundary = square();
    let mut picker = input(&boundary, "Kies een plek", &[]);
    picker.size = (240.0, 300.0);
    picker.standalone = true;
    picker.chosen = Some(GeoPoint {
        lat: 50.86,
        lon: 5.71,
    });
    let (svg, (width, _)) = svg(&picker).unwrap();
    assert!(svg.contains(&format!("width=\"{}\"", n(width))));
    assert!(svg.contains("map-chosen"));
    assert!(!svg.contains("role=\"img\""));
    let url = data_url(&svg);
    assert!(url.starts_with("data:image/svg+xml,%3Csvg%20xmlns"));
    for c in ['<', '>', '"', '#', '&', ' ', '\n'] {
        assert!(!url.contains(c), "{c} in {url}");
    }
}

#[test]
fn numbers_are_short() {
    assert_eq!(n(12.0), "12");
    assert_eq!(n(12.25), "12.2");
}
