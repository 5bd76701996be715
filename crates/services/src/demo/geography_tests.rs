//! Tests of the demo places generator: valid, separate outlines, and addresses that are
//! unique, as many as the brief asks, and inside their own neighbourhood only.

use std::collections::HashSet;

use super::*;

fn population(name: &str) -> usize {
    match name {
        "Limmel" => 2116,
        "Nazareth" => 3351,
        "Wittevrouwenveld" => 5455,
        "Wyckerpoort" => 3991,
        _ => unreachable!(),
    }
}

#[test]
fn outlines_are_valid_and_do_not_overlap() {
    let outlines: Vec<Boundary> = AREAS.iter().map(|a| outline(a).unwrap()).collect();
    for (i, a) in outlines.iter().enumerate() {
        for b in &outlines[i + 1..] {
            assert!(!a.overlaps(b), "{} overlaps another", AREAS[i].name);
        }
    }
    for area in &AREAS {
        for p in area.outline {
            assert!((5.69..=5.73).contains(&p[0]) && (50.85..=50.88).contains(&p[1]));
        }
    }
}

#[test]
fn addresses_are_unique_counted_and_inside_their_own_area_only() {
    let outlines: Vec<Boundary> = AREAS.iter().map(|a| outline(a).unwrap()).collect();
    let mut keys = HashSet::new();
    let mut total = 0;
    for (i, area) in AREAS.iter().enumerate() {
        let count = population(area.name).div_ceil(2);
        let generated = generate(area, &outlines[i], count).unwrap();
        assert_eq!(generated.len(), count, "{}", area.name);
        for a in &generated {
            assert!(keys.insert(a.key.clone()), "duplicate {}", a.key);
            let inside: Vec<usize> = (0..AREAS.len())
                .filter(|j| outlines[*j].contains(a.point))
                .collect();
            assert_eq!(inside, vec![i], "{} {:?}", a.key, a.point);
            assert!(area.streets.contains(&a.street));
        }
        total += count;
    }
    assert_eq!(
        total, 7_458,
        "about one address per two of 14,913 residents"
    );
}

#[test]
fn generation_is_deterministic() {
    let area = &AREAS[0];
    let boundary = outline(area).unwrap();
    let one = generate(area, &boundary, 50).unwrap();
    let two = generate(area, &boundary, 50).unwrap();
    let keys = |v: &[DemoAddress]| {
        v.iter()
            .map(|a| (a.key.clone(), a.point.lat.to_bits()))
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&one), keys(&two));
    assert_eq!(letters(0), "AA");
    assert_eq!(letters(18 * 26), "SB", "SA is skipped");
    assert_eq!(letters(18 * 26 + 23), "TA", "and SD and SS too");
}
