//! The geometry of a neighbourhood map: projecting WGS84 points onto a flat plane, fitting a
//! boundary into a picture, and deciding where a concern's marker goes.
//!
//! The projection is equirectangular around the neighbourhood's centre: east-west distances
//! are scaled by the cosine of the centre's latitude. A Dutch neighbourhood spans a few
//! kilometres, where the error of that scale (it changes with latitude by about
//! `tan(lat) * distance / earth radius`) stays under 0.05 %, far below a pixel; a real map
//! projection (Rijksdriehoek, Web Mercator) would add a dependency and gain nothing here.
//!
//! Public views never show an exact location: a concern with a street is drawn at that
//! street's representative point, one with only a point at the centre of its grid cell of
//! [`GRID_METRES`]. Markers at the same spot become one marker with a count.

use std::collections::BTreeMap;

use geo::{BoundingRect, Centroid};

use crate::boundary::{Boundary, GeoPoint};

/// The side of a grid cell for public markers, in metres (the rule asks for at least 50).
pub const GRID_METRES: f64 = 75.0;

/// The size of the maps on pages (SVG units; the picture scales with the page).
pub const VIEW: (f64, f64) = (640.0, 560.0);

/// The size of the point picker on the capture form, in CSS pixels. It is shown at exactly
/// this size (a click's position is in CSS pixels of the picture as drawn) and fits a 320 px
/// wide phone inside the form's margins.
pub const PICKER: (f64, f64) = (240.0, 300.0);

/// The mean earth radius, in metres.
const EARTH_RADIUS: f64 = 6_371_008.8;

/// A point on the flat plane: metres east and north of the projection's centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    /// Metres east.
    pub x: f64,
    /// Metres north.
    pub y: f64,
}

/// An equirectangular projection around a centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    centre: GeoPoint,
    cos_lat: f64,
}

impl Projection {
    /// A projection around `centre`.
    pub fn around(centre: GeoPoint) -> Self {
        Projection {
            centre,
            cos_lat: centre.lat.to_radians().cos(),
        }
    }

    /// Where `point` lies on the plane.
    pub fn to_plane(&self, point: GeoPoint) -> Plane {
        Plane {
            x: (point.lon - self.centre.lon).to_radians() * self.cos_lat * EARTH_RADIUS,
            y: (point.lat - self.centre.lat).to_radians() * EARTH_RADIUS,
        }
    }

    /// The WGS84 point at `plane`.
    pub fn to_geo(&self, plane: Plane) -> GeoPoint {
        GeoPoint {
            lat: self.centre.lat + (plane.y / EARTH_RADIUS).to_degrees(),
            lon: self.centre.lon + (plane.x / (EARTH_RADIUS * self.cos_lat)).to_degrees(),
        }
    }

    /// The grid cell `point` lies in (cells of [`GRID_METRES`], anchored at the centre).
    pub fn cell(&self, point: GeoPoint) -> (i64, i64) {
        let p = self.to_plane(point);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a cell index of a point in the Netherlands is small"
        )]
        let index = |v: f64| (v / GRID_METRES).floor() as i64;
        (index(p.x), index(p.y))
    }

    /// The centre of grid cell `cell`.
    pub fn cell_centre(&self, cell: (i64, i64)) -> GeoPoint {
        #[expect(
            clippy::cast_precision_loss,
            reason = "a cell index of a point in the Netherlands is small"
        )]
        let middle = |i: i64| (i as f64 + 0.5) * GRID_METRES;
        self.to_geo(Plane {
            x: middle(cell.0),
            y: middle(cell.1),
        })
    }
}

/// A boundary fitted into a picture of `width` x `height` units (CSS pixels for the point
/// picker), north up, with a margin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    projection: Projection,
    /// Picture units per metre.
    scale: f64,
    /// The plane point at the picture's top left corner.
    origin: Plane,
    /// Width of the picture.
    pub width: f64,
    /// Height of the picture.
    pub height: f64,
}

/// The margin around the boundary, in picture units.
const MARGIN: f64 = 8.0;

impl Frame {
    /// Fits `boundary` into at most `max_width` x `max_height`, keeping its proportions.
    pub fn fit(boundary: &Boundary, max_width: f64, max_height: f64) -> Frame {
        let shape = boundary.shape();
        let rect = shape.bounding_rect();
        let centre = rect.map_or_else(
            || {
                shape
                    .centroid()
                    .map_or(GeoPoint { lat: 0.0, lon: 0.0 }, |c| GeoPoint {
                        lat: c.y(),
                        lon: c.x(),
                    })
            },
            |r| GeoPoint {
                lat: f64::midpoint(r.min().y, r.max().y),
                lon: f64::midpoint(r.min().x, r.max().x),
            },
        );
        let projection = Projection::around(centre);
        let (min, max) = rect.map_or((Plane { x: 0.0, y: 0.0 }, Plane { x: 1.0, y: 1.0 }), |r| {
            (
                projection.to_plane(GeoPoint {
                    lat: r.min().y,
                    lon: r.min().x,
                }),
                projection.to_plane(GeoPoint {
                    lat: r.max().y,
                    lon: r.max().x,
                }),
            )
        });
        let span_x = (max.x - min.x).max(1.0);
        let span_y = (max.y - min.y).max(1.0);
        let scale = ((max_width - 2.0 * MARGIN) / span_x).min((max_height - 2.0 * MARGIN) / span_y);
        let width = (span_x * scale + 2.0 * MARGIN).round();
        let height = (span_y * scale + 2.0 * MARGIN).round();
        // Centre the drawing in the rounded picture.
        let origin = Plane {
            x: f64::midpoint(min.x, max.x) - width / 2.0 / scale,
            y: f64::midpoint(min.y, max.y) + height / 2.0 / scale,
        };
        Frame {
            projection,
            scale,
            origin,
            width,
            height,
        }
    }

    /// The projection the frame uses (its grid snaps public markers).
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// Where `point` lies in the picture (x to the right, y down).
    pub fn to_view(&self, point: GeoPoint) -> (f64, f64) {
        let p = self.projection.to_plane(point);
        (
            (p.x - self.origin.x) * self.scale,
            (self.origin.y - p.y) * self.scale,
        )
    }

    /// The WGS84 point under picture position (`x`, `y`); `None` outside the picture or for
    /// numbers that are not finite.
    pub fn from_view(&self, x: f64, y: f64) -> Option<GeoPoint> {
        let inside = x.is_finite()
            && y.is_finite()
            && (0.0..=self.width).contains(&x)
            && (0.0..=self.height).contains(&y);
        inside.then(|| {
            self.projection.to_geo(Plane {
                x: self.origin.x + x / self.scale,
                y: self.origin.y - y / self.scale,
            })
        })
    }

    /// The boundary's rings in picture units, each a list of (x, y).
    pub fn rings(&self, boundary: &Boundary) -> Vec<Vec<(f64, f64)>> {
        boundary
            .shape()
            .iter()
            .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
            .map(|ring| {
                ring.coords()
                    .map(|c| self.to_view(GeoPoint { lat: c.y, lon: c.x }))
                    .collect()
            })
            .collect()
    }
}

/// The representative point of every street: of the street's address points (in one
/// neighbourhood), the one nearest their centroid. It is a point on the street (an
/// address), never the place of a concern.
pub fn street_points(addresses: &[(i64, GeoPoint)]) -> BTreeMap<i64, GeoPoint> {
    let mut by_street: BTreeMap<i64, Vec<GeoPoint>> = BTreeMap::new();
    for (street, point) in addresses {
        by_street.entry(*street).or_default().push(*point);
    }
    by_street
        .into_iter()
        .filter_map(|(street, points)| {
            #[expect(clippy::cast_precision_loss, reason = "a street has few addresses")]
            let n = points.len() as f64;
            let centre = GeoPoint {
                lat: points.iter().map(|p| p.lat).sum::<f64>() / n,
                lon: points.iter().map(|p| p.lon).sum::<f64>() / n,
            };
            let projection = Projection::around(centre);
            points
                .into_iter()
                .min_by(|a, b| {
                    distance(&projection, *a, centre).total_cmp(&distance(&projection, *b, centre))
                })
                .map(|p| (street, p))
        })
        .collect()
}

/// The street of the address nearest `point`, if any.
pub fn nearest_street(addresses: &[(i64, GeoPoint)], point: GeoPoint) -> Option<i64> {
    let projection = Projection::around(point);
    addresses
        .iter()
        .min_by(|a, b| {
            distance(&projection, a.1, point).total_cmp(&distance(&projection, b.1, point))
        })
        .map(|(street, _)| *street)
}

/// Metres between two points (on the plane of `projection`).
pub fn distance(projection: &Projection, a: GeoPoint, b: GeoPoint) -> f64 {
    let (a, b) = (projection.to_plane(a), projection.to_plane(b));
    (a.x - b.x).hypot(a.y - b.y)
}

/// How exactly a map may show where concerns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exposure {
    /// Residents and the public: the street's point, or the centre of a grid cell.
    Public,
    /// Staff who may see the concern: its exact point when it has one.
    Exact,
}

/// Where one concern is, as far as a map needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Its street, if any.
    pub street: Option<i64>,
    /// Its exact point, if any.
    pub point: Option<GeoPoint>,
}

/// What a marker stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Spot {
    /// A street's representative point.
    Street(i64),
    /// The centre of a grid cell.
    Cell(i64, i64),
    /// An exact point (staff), rounded to a decimetre.
    Exact(i64, i64),
}

/// One marker: where it is drawn and which concerns (indexes into the input) it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// What it stands for.
    pub spot: Spot,
    /// Where it is drawn.
    pub at: GeoPoint,
    /// The concerns at this spot (indexes into the list given).
    pub concerns: Vec<usize>,
}

/// The markers for `concerns` under `exposure`, numbered from the north-west (the order of
/// the returned list), and the indexes of the concerns that have no place on the map (only
/// a landmark, or a street without addresses with coordinates).
pub fn markers(
    concerns: &[Placed],
    streets: &BTreeMap<i64, GeoPoint>,
    projection: &Projection,
    exposure: Exposure,
) -> (Vec<Marker>, Vec<usize>) {
    let mut spots: BTreeMap<Spot, Marker> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for (i, concern) in concerns.iter().enumerate() {
        let exact = concern.point.filter(|_| exposure == Exposure::Exact);
        let street = concern
            .street
            .and_then(|s| streets.get(&s).map(|at| (Spot::Street(s), *at)));
        let found = if let Some(point) = exact {
            let plane = projection.to_plane(point);
            #[expect(
                clippy::cast_possible_truncation,
                reason = "decimetres of a point in a neighbourhood are small"
            )]
            let spot = Spot::Exact(
                (plane.x * 10.0).round() as i64,
                (plane.y * 10.0).round() as i64,
            );
            Some((spot, point))
        } else if street.is_some() {
            street
        } else {
            concern.point.map(|point| {
                let cell = projection.cell(point);
                (Spot::Cell(cell.0, cell.1), projection.cell_centre(cell))
            })
        };
        match found {
            Some((spot, at)) => spots
                .entry(spot)
                .or_insert_with(|| Marker {
                    spot,
                    at,
                    concerns: Vec::new(),
                })
                .concerns
                .push(i),
            None => unplaced.push(i),
        }
    }
    let mut list: Vec<Marker> = spots.into_values().collect();
    // Reading order: north to south in bands of a grid cell, then west to east.
    list.sort_by(|a, b| {
        let (pa, pb) = (projection.to_plane(a.at), projection.to_plane(b.at));
        let band = |p: Plane| -(p.y / GRID_METRES).floor();
        band(pa)
            .total_cmp(&band(pb))
            .then(pa.x.total_cmp(&pb.x))
            .then(a.spot.cmp(&b.spot))
    });
    (list, unplaced)
}

#[cfg(test)]
mod tests;
