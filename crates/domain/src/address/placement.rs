//! Which neighbourhood an address lies in: by its CBS buurt code when a neighbourhood has
//! that code, else by its coordinates inside a neighbourhood's boundary, else none.

use std::collections::HashMap;

use super::BuurtCode;
use crate::NeighbourhoodId;
use crate::boundary::{GeoPoint, Locator};

/// How an address was placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Its buurt code is a neighbourhood's code.
    ByCode(NeighbourhoodId),
    /// Its point lies inside a neighbourhood's boundary.
    ByPoint(NeighbourhoodId),
    /// Neither: it lies outside every known neighbourhood (or says nothing of where it is).
    Unplaced,
}

impl Placement {
    /// The neighbourhood, if placed.
    pub fn neighbourhood(self) -> Option<NeighbourhoodId> {
        match self {
            Placement::ByCode(id) | Placement::ByPoint(id) => Some(id),
            Placement::Unplaced => None,
        }
    }
}

/// Places addresses among the neighbourhoods of one municipality.
#[derive(Clone, Debug, Default)]
pub struct Placer {
    codes: HashMap<BuurtCode, NeighbourhoodId>,
    locator: Locator<NeighbourhoodId>,
}

impl Placer {
    /// A placer from the neighbourhoods' codes and boundaries (in a stable order).
    pub fn new(
        codes: impl IntoIterator<Item = (BuurtCode, NeighbourhoodId)>,
        locator: Locator<NeighbourhoodId>,
    ) -> Self {
        Placer {
            codes: codes.into_iter().collect(),
            locator,
        }
    }

    /// The neighbourhood with this code, if any.
    pub fn by_code(&self, code: &BuurtCode) -> Option<NeighbourhoodId> {
        self.codes.get(code).copied()
    }

    /// Where an address with this code and point belongs: the code wins over the point.
    pub fn place(&self, code: Option<&BuurtCode>, point: Option<GeoPoint>) -> Placement {
        if let Some(id) = code.and_then(|c| self.by_code(c)) {
            return Placement::ByCode(id);
        }
        match point.and_then(|p| self.locator.locate(p)) {
            Some(id) => Placement::ByPoint(id),
            None => Placement::Unplaced,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::Boundary;
    use geojson::GeometryValue;

    fn square(lon: f64, lat: f64) -> Boundary {
        let ring = [
            [lon, lat],
            [lon + 0.01, lat],
            [lon + 0.01, lat + 0.01],
            [lon, lat + 0.01],
            [lon, lat],
        ];
        Boundary::from_geometry(&GeometryValue::new_polygon([ring])).unwrap()
    }

    #[test]
    fn code_first_then_point_then_nothing() {
        let code: BuurtCode = "BU09350101".parse().unwrap();
        let placer = Placer::new(
            [(code.clone(), NeighbourhoodId(1))],
            Locator::new(vec![(NeighbourhoodId(2), square(5.70, 50.86))]),
        );
        let inside = GeoPoint {
            lat: 50.865,
            lon: 5.705,
        };
        let outside = GeoPoint {
            lat: 51.0,
            lon: 5.705,
        };
        assert_eq!(
            placer.place(Some(&code), Some(inside)),
            Placement::ByCode(NeighbourhoodId(1))
        );
        let other: BuurtCode = "BU09350199".parse().unwrap();
        assert_eq!(
            placer.place(Some(&other), Some(inside)),
            Placement::ByPoint(NeighbourhoodId(2))
        );
        assert_eq!(placer.place(None, Some(outside)), Placement::Unplaced);
        assert_eq!(placer.place(Some(&other), None).neighbourhood(), None);
    }
}
