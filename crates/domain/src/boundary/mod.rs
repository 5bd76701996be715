//! Where things are: points in WGS84 degrees, neighbourhood boundaries (a Polygon or
//! `MultiPolygon`, checked on the way in), and finding the neighbourhood a point lies in.
//!
//! The geometry itself is the `geo` crate's; this module decides what a valid boundary is
//! and how a problem with one is told to a person.

pub mod feature_collection;

use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon};
use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Polygon, Rect, Validation};
use geojson::{GeometryValue, Position};

use crate::import::Problem;

/// The most positions one boundary may have (a detailed CBS buurt has a few thousand).
pub const MAX_POSITIONS: usize = 100_000;

/// A point in WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoPoint {
    /// Latitude, north positive.
    pub lat: f64,
    /// Longitude, east positive.
    pub lon: f64,
}

impl GeoPoint {
    /// Whether the point lies in the European Netherlands (a generous box around it).
    pub fn in_netherlands(self) -> bool {
        (50.70..=53.60).contains(&self.lat) && (3.30..=7.25).contains(&self.lon)
    }

    fn coord(self) -> Coord<f64> {
        Coord {
            x: self.lon,
            y: self.lat,
        }
    }
}

/// A valid neighbourhood boundary: one or more polygons, rings closed, coordinates in
/// degrees, no self-intersections.
#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    shape: MultiPolygon<f64>,
    bbox: Rect<f64>,
}

impl Boundary {
    /// Checks a GeoJSON geometry and turns it into a boundary, or says everything wrong.
    pub fn from_geometry(value: &GeometryValue) -> Result<Boundary, Vec<Problem>> {
        let polygons: Vec<&Vec<Vec<Position>>> = match value {
            GeometryValue::Polygon { coordinates } => vec![coordinates],
            GeometryValue::MultiPolygon { coordinates } => coordinates.iter().collect(),
            other => return Err(vec![Problem::GeometryType(other.type_name().to_owned())]),
        };
        let mut problems = Vec::new();
        let positions: usize = polygons.iter().flat_map(|p| p.iter()).map(Vec::len).sum();
        if positions > MAX_POSITIONS {
            return Err(vec![Problem::TooManyPositions {
                limit: MAX_POSITIONS,
            }]);
        }
        if polygons.is_empty() || polygons.iter().any(|p| p.is_empty()) {
            problems.push(Problem::RingTooShort);
        }
        for ring in polygons.iter().flat_map(|p| p.iter()) {
            check_ring(ring, &mut problems);
        }
        if !problems.is_empty() {
            return Err(dedup(problems));
        }
        let shape = MultiPolygon::new(polygons.into_iter().map(|p| to_polygon(p)).collect());
        let problems: Vec<Problem> = shape
            .validation_errors()
            .iter()
            .map(explain_invalid)
            .collect();
        let bbox = shape.bounding_rect();
        match bbox {
            Some(bbox) if problems.is_empty() => Ok(Boundary { shape, bbox }),
            _ if problems.is_empty() => Err(vec![Problem::RingTooShort]),
            _ => Err(dedup(problems)),
        }
    }

    /// A boundary of one polygon without holes, from its ring of (longitude, latitude).
    pub fn polygon(ring: &[[f64; 2]]) -> Result<Boundary, Vec<Problem>> {
        Boundary::from_geometry(&GeometryValue::new_polygon([ring.iter().copied()]))
    }

    /// A boundary from a stored GeoJSON geometry object.
    pub fn from_geojson(text: &str) -> Result<Boundary, Vec<Problem>> {
        let geometry: geojson::Geometry =
            serde_json::from_str(text).map_err(|_| vec![Problem::GeometryUnreadable])?;
        Boundary::from_geometry(&geometry.value)
    }

    /// The boundary as a GeoJSON geometry object (a `MultiPolygon`), for storing and maps.
    pub fn to_geojson(&self) -> String {
        GeometryValue::from(&self.shape).to_string()
    }

    /// The polygons.
    pub fn shape(&self) -> &MultiPolygon<f64> {
        &self.shape
    }

    /// Whether the point lies inside or on the edge.
    pub fn contains(&self, point: GeoPoint) -> bool {
        let c = point.coord();
        self.bbox.intersects(&c) && self.shape.intersects(&c)
    }

    /// Whether the two boundaries share more than an edge.
    pub fn overlaps(&self, other: &Boundary) -> bool {
        use geo::Relate;
        self.bbox.intersects(&other.bbox) && {
            let matrix = self.shape.relate(&other.shape);
            matrix.is_intersects() && !matrix.is_touches()
        }
    }
}

/// Checks one ring as written: at least four positions, closed, in degrees.
fn check_ring(ring: &[Position], problems: &mut Vec<Problem>) {
    let xy = |p: &Position| (p.as_slice().first().copied(), p.as_slice().get(1).copied());
    if ring.iter().any(|p| p.len() < 2) {
        problems.push(Problem::GeometryUnreadable);
        return;
    }
    if ring.len() < 4 {
        problems.push(Problem::RingTooShort);
    }
    if let (Some(first), Some(last)) = (ring.first(), ring.last())
        && xy(first) != xy(last)
    {
        problems.push(Problem::RingNotClosed);
    }
    for position in ring {
        let (Some(lon), Some(lat)) = xy(position) else {
            return;
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            // Rijksdriehoek metres: x 0..300 km, y 289..629 km.
            let rd = (0.0..=300_000.0).contains(&lon) && (289_000.0..=629_000.0).contains(&lat);
            problems.push(if rd {
                Problem::ProjectedCoordinates
            } else {
                Problem::CoordinateOutOfRange
            });
            return;
        }
    }
}

fn to_polygon(rings: &[Vec<Position>]) -> Polygon<f64> {
    let ring = |r: &Vec<Position>| {
        LineString::from(
            r.iter()
                .map(|p| Coord {
                    x: p.as_slice()[0],
                    y: p.as_slice()[1],
                })
                .collect::<Vec<_>>(),
        )
    };
    let mut rings = rings.iter();
    let exterior = rings.next().map_or_else(|| LineString::new(vec![]), ring);
    Polygon::new(exterior, rings.map(ring).collect())
}

fn explain_invalid(err: &InvalidMultiPolygon) -> Problem {
    match err {
        InvalidMultiPolygon::InvalidPolygon(_, polygon) => match polygon {
            InvalidPolygon::TooFewPointsInRing(_) => Problem::RingTooShort,
            InvalidPolygon::SelfIntersection(_) => Problem::SelfIntersection,
            InvalidPolygon::NonFiniteCoord(..) => Problem::CoordinateOutOfRange,
            InvalidPolygon::InteriorRingNotContainedInExteriorRing(_) => Problem::HoleOutside,
            InvalidPolygon::IntersectingRingsOnALine(..)
            | InvalidPolygon::IntersectingRingsOnAnArea(..) => Problem::RingsIntersect,
        },
        InvalidMultiPolygon::ElementsOverlaps(..)
        | InvalidMultiPolygon::ElementsTouchOnALine(..) => Problem::PartsOverlap,
    }
}

fn dedup(mut problems: Vec<Problem>) -> Vec<Problem> {
    let mut seen = Vec::new();
    problems.retain(|p| {
        let new = !seen.contains(p);
        if new {
            seen.push(p.clone());
        }
        new
    });
    problems
}

/// Finds the area a point lies in, among boundaries keyed by `K` (a neighbourhood id).
/// Where boundaries overlap, the first in the list wins, so callers pass a stable order.
#[derive(Clone, Debug)]
pub struct Locator<K> {
    areas: Vec<(K, Boundary)>,
}

impl<K> Default for Locator<K> {
    fn default() -> Self {
        Locator { areas: Vec::new() }
    }
}

impl<K: Copy> Locator<K> {
    /// A locator over these areas, in this order.
    pub fn new(areas: Vec<(K, Boundary)>) -> Self {
        Locator { areas }
    }

    /// The first area containing the point.
    pub fn locate(&self, point: GeoPoint) -> Option<K> {
        self.areas
            .iter()
            .find(|(_, boundary)| boundary.contains(point))
            .map(|(key, _)| *key)
    }

    /// Whether there are no areas.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

#[cfg(test)]
mod tests;
