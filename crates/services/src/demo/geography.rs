//! Demo places: approximate outlines of the four neighbourhoods of Maastricht-Noordoost (east
//! of the Maas) and generated addresses in them, about one per two residents, on fictional
//! but Maastricht-like streets. Everything is marked as demo.
//!
//! The generator is pure arithmetic (a Halton sequence spreads the points), so every load
//! makes the same addresses and a second load adds nothing.

use std::collections::{HashMap, HashSet};

use domain::address::{AddressKey, HouseLetter, HouseNumber};
use domain::boundary::{Boundary, GeoPoint};
use domain::{MunicipalityId, NeighbourhoodId};
use store::Tx;
use store::repo::{addresses, boundaries};

use crate::{ServiceError, ServiceResult};

/// The town every demo street lies in.
const TOWN: &str = "Maastricht";

/// Addresses per postcode, as on one side of a stretch of street.
const PER_POSTCODE: usize = 24;

/// One demo neighbourhood: its name, postcode digits, outline (lon, lat) and streets.
struct Area {
    name: &'static str,
    postcode: u16,
    outline: &'static [[f64; 2]],
    streets: &'static [&'static str],
}

/// The outlines share their edges exactly, so they touch without overlapping.
const AREAS: [Area; 4] = [
    Area {
        name: "Limmel",
        postcode: 6222,
        outline: &[
            [5.6950, 50.8650],
            [5.7120, 50.8650],
            [5.7110, 50.8720],
            [5.7100, 50.8790],
            [5.6990, 50.8800],
            [5.6950, 50.8720],
            [5.6950, 50.8650],
        ],
        streets: &[
            "Limmelderweg",
            "Veerweg",
            "Schippersstraat",
            "Jaagpad",
            "Op de Maasberm",
            "Limmelse Kerkstraat",
            "Kloosterhof",
            "Sint-Annalaan",
            "Molenweg",
        ],
    },
    Area {
        name: "Nazareth",
        postcode: 6223,
        outline: &[
            [5.7120, 50.8650],
            [5.7300, 50.8650],
            [5.7290, 50.8760],
            [5.7180, 50.8780],
            [5.7100, 50.8790],
            [5.7110, 50.8720],
            [5.7120, 50.8650],
        ],
        streets: &[
            "Nazarethweg",
            "Sint-Jozefstraat",
            "Kapelstraat",
            "Akkerstraat",
            "Hoogveldweg",
            "Zandkuil",
            "Bergerstraat",
            "Dennenlaan",
            "Rozenhof",
            "Populierenweg",
        ],
    },
    Area {
        name: "Wittevrouwenveld",
        postcode: 6224,
        outline: &[
            [5.7150, 50.8520],
            [5.7300, 50.8530],
            [5.7300, 50.8650],
            [5.7120, 50.8650],
            [5.7150, 50.8600],
            [5.7150, 50.8520],
        ],
        streets: &[
            "Meerssenerweg",
            "Wittevrouwensingel",
            "Kasteel Meerssenhovenweg",
            "Kasteel Hillenraedtstraat",
            "Kasteel Schaloenstraat",
            "Kasteel Rivierenstraat",
            "Kasteel Stochemstraat",
            "Kasteel Wittemstraat",
            "Kasteel Neubourgstraat",
            "Kasteel Erensteinstraat",
            "Kasteel Genhoesstraat",
            "Kasteel Cortenbachstraat",
        ],
    },
    Area {
        name: "Wyckerpoort",
        postcode: 6221,
        outline: &[
            [5.6990, 50.8530],
            [5.7150, 50.8520],
            [5.7150, 50.8600],
            [5.7120, 50.8650],
            [5.6980, 50.8650],
            [5.6960, 50.8590],
            [5.6990, 50.8530],
        ],
        streets: &[
            "Wyckerpoortstraat",
            "Sint-Maartenslaan",
            "Scharnerweg",
            "Parallelweg",
            "Spoorweglaan",
            "Hertogsingel",
            "Frontensingel",
            "Koningin Emmaplein",
            "Oranjeplein",
            "Vliegenstraat",
        ],
    },
];

/// One generated address.
struct DemoAddress {
    street: &'static str,
    key: AddressKey,
    point: GeoPoint,
}

/// Adds the demo boundaries (where a neighbourhood has none yet) and the demo addresses
/// (those not there yet) inside the caller's transaction.
pub(super) async fn load(
    tx: &Tx,
    municipality: MunicipalityId,
    ids: &HashMap<&str, NeighbourhoodId>,
    populations: &HashMap<String, u32>,
    now: chrono::DateTime<chrono::Utc>,
) -> ServiceResult<()> {
    let stored: HashSet<NeighbourhoodId> = boundaries::boundaries(tx, municipality)
        .await?
        .into_iter()
        .map(|b| b.neighbourhood)
        .collect();
    let existing = addresses::existing_keys(tx, municipality).await?;
    let mut generated = Vec::new();
    for area in &AREAS {
        let id = *ids.get(area.name).ok_or_else(|| internal(area.name))?;
        let boundary = outline(area)?;
        if !stored.contains(&id) {
            boundaries::save_boundary(tx, municipality, id, &boundary, true, now).await?;
        }
        let residents = populations.get(area.name).copied().unwrap_or(0);
        let count = usize::try_from(residents.div_ceil(2)).unwrap_or(0);
        for address in generate(area, &boundary, count)? {
            if !existing.contains(&address.key) {
                generated.push((id, address));
            }
        }
    }
    let rows: Vec<addresses::NewAddress<'_>> = generated
        .iter()
        .map(|(id, a)| addresses::NewAddress {
            street: a.street,
            town: TOWN,
            key: &a.key,
            neighbourhood: Some(*id),
            buurtcode: None,
            point: Some(a.point),
        })
        .collect();
    addresses::insert_addresses(tx, municipality, &rows, true, now).await?;
    Ok(())
}

fn internal(what: &str) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("demo places: {what}"))
}

/// The outline of an area as a boundary.
fn outline(area: &Area) -> ServiceResult<Boundary> {
    Boundary::polygon(area.outline).map_err(|p| internal(&format!("{} outline: {p:?}", area.name)))
}

/// `count` addresses on the area's streets, each at a point inside its outline.
fn generate(area: &Area, boundary: &Boundary, count: usize) -> ServiceResult<Vec<DemoAddress>> {
    let per_street = count.div_ceil(area.streets.len());
    let mut points = in_blocks(
        points_inside(area, boundary).take(count).collect(),
        per_street,
    )
    .into_iter();
    let mut out = Vec::with_capacity(count);
    let mut bucket = 0;
    for street in area.streets {
        let take = per_street.min(count - out.len());
        for (i, (number, letter, addition)) in house_numbers().take(take).enumerate() {
            if i % PER_POSTCODE == 0 {
                bucket += 1;
            }
            let postcode = format!("{}{}", area.postcode, letters(bucket));
            let key = AddressKey {
                postcode: postcode.parse().map_err(|_| internal(&postcode))?,
                number: HouseNumber::new(number).map_err(|_| internal("number"))?,
                letter: letter
                    .map(|l: char| l.to_string().parse::<HouseLetter>())
                    .transpose()
                    .map_err(|_| internal("letter"))?,
                addition: addition
                    .map(|a: u8| a.to_string().parse())
                    .transpose()
                    .map_err(|_| internal("addition"))?,
            };
            let point = points.next().ok_or_else(|| internal("points"))?;
            out.push(DemoAddress { street, key, point });
        }
    }
    Ok(out)
}

/// House numbers as a street has them: 1, 2, 3, ...; every sixth number also has an `A`
/// house, and every fifteenth is a small block of flats (additions 1 to 3).
fn house_numbers() -> impl Iterator<Item = (u32, Option<char>, Option<u8>)> {
    (1..=HouseNumber::MAX).flat_map(|n| {
        let mut houses = vec![(n, None, None)];
        if n % 6 == 0 {
            houses.push((n, Some('A'), None));
        }
        if n % 15 == 0 {
            houses = (1..=3).map(|a| (n, None, Some(a))).collect();
        }
        houses
    })
}

/// The `k`-th two-letter postcode suffix, skipping the SA, SD and SS that `PostNL` never uses.
fn letters(k: usize) -> String {
    let pairs = (b'A'..=b'Z').flat_map(|a| (b'A'..=b'Z').map(move |b| [a, b]));
    let pair = pairs
        .filter(|p| ![*b"SA", *b"SD", *b"SS"].contains(p))
        .cycle()
        .nth(k)
        .unwrap_or(*b"ZZ");
    String::from_utf8_lossy(&pair).into_owned()
}

/// Points spread evenly over the outline's bounding box (Halton bases 2 and 3), kept when
/// inside, rounded to six decimals (about 10 cm).
fn points_inside<'a>(
    area: &'a Area,
    boundary: &'a Boundary,
) -> impl Iterator<Item = GeoPoint> + 'a {
    let xs = || area.outline.iter().map(|p| p[0]);
    let ys = || area.outline.iter().map(|p| p[1]);
    let west = xs().fold(f64::INFINITY, f64::min);
    let east = xs().fold(f64::NEG_INFINITY, f64::max);
    let south = ys().fold(f64::INFINITY, f64::min);
    let north = ys().fold(f64::NEG_INFINITY, f64::max);
    let round = |x: f64| (x * 1e6).round() / 1e6;
    (1u32..)
        .map(move |i| GeoPoint {
            lat: round(south + halton(i, 3) * (north - south)),
            lon: round(west + halton(i, 2) * (east - west)),
        })
        .filter(move |p| boundary.contains(*p))
}

/// The points ordered so that each run of `per_street` lies together, like the houses of one
/// street (on a map a street's addresses then form a block, not a scatter over the whole
/// neighbourhood): bands from north to south, each from west to east.
fn in_blocks(mut points: Vec<GeoPoint>, per_street: usize) -> Vec<GeoPoint> {
    points.sort_by(|a, b| b.lat.total_cmp(&a.lat));
    let streets = points.len().div_ceil(per_street.max(1)).max(1);
    // About as many bands as streets in a band, whole streets per band.
    let per_band = (1..=streets).find(|k| k * k >= streets).unwrap_or(1) * per_street.max(1);
    for band in points.chunks_mut(per_band) {
        band.sort_by(|a, b| a.lon.total_cmp(&b.lon));
    }
    points
}

/// The `i`-th element of the Halton sequence in `base`, in [0, 1).
fn halton(mut i: u32, base: u32) -> f64 {
    let (mut result, mut f) = (0.0, 1.0);
    while i > 0 {
        f /= f64::from(base);
        result += f * f64::from(i % base);
        i /= base;
    }
    result
}

#[cfg(test)]
#[path = "geography_tests.rs"]
mod tests;
