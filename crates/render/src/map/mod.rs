//! Neighbourhood maps as SVG, drawn on the server: the outline, the address points faintly
//! (they show where the streets run), numbered markers, and on the capture form the point
//! chosen. The pages put a table with the same data beside every map; the markers' numbers
//! match its rows. Text in the picture (its title) is escaped by askama; every other value
//! is a number.

use std::collections::HashSet;
use std::fmt::Write as _;

use askama::Template;
use domain::boundary::{Boundary, GeoPoint};
use domain::map::Frame;

use crate::I18n;
use crate::inventory::Choice;
use crate::pages::Shell;

/// One marker as drawn.
#[derive(Clone, Debug)]
pub struct MarkerSvg {
    /// Its number (the table's row).
    pub number: usize,
    /// Centre, in picture units.
    pub x: String,
    /// Centre, in picture units.
    pub y: String,
    /// Radius.
    pub radius: u32,
    /// Size of the number.
    pub font: u32,
}

/// The SVG picture of a map.
#[derive(Template)]
#[template(path = "map/map.svg", escape = "html")]
struct MapSvg<'a> {
    id: &'a str,
    title: &'a str,
    width: String,
    height: String,
    outline: String,
    dots: String,
    markers: Vec<MarkerSvg>,
    chosen: Option<(String, String)>,
    standalone: bool,
}

/// What to draw.
#[derive(Clone, Debug)]
pub struct MapInput<'a> {
    /// Prefix of the ids in the picture (unique on the page).
    pub id: &'a str,
    /// The accessible name.
    pub title: &'a str,
    /// The outline.
    pub boundary: &'a Boundary,
    /// The largest picture, in units.
    pub size: (f64, f64),
    /// Address points (drawn faintly).
    pub addresses: &'a [GeoPoint],
    /// Markers: where, in the order of their numbers (1, 2, ...).
    pub markers: &'a [GeoPoint],
    /// The point chosen on the capture form.
    pub chosen: Option<GeoPoint>,
    /// A document of its own (an image's source) instead of markup inside a page.
    pub standalone: bool,
}

/// A number for an SVG attribute: one decimal is a tenth of a pixel.
fn n(v: f64) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// The picture, and its size.
pub fn svg(input: &MapInput<'_>) -> Result<(String, (f64, f64)), askama::Error> {
    let frame = Frame::fit(input.boundary, input.size.0, input.size.1);
    let mut outline = String::new();
    for ring in frame.rings(input.boundary) {
        for (i, (x, y)) in ring.iter().enumerate() {
            let _ = write!(
                outline,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                n(*x),
                n(*y)
            );
        }
        outline.push('Z');
    }
    // One dot per 3 units is enough to see a street; a neighbourhood has thousands.
    let mut seen = HashSet::new();
    let mut dots = String::new();
    for point in input.addresses {
        let (x, y) = frame.to_view(*point);
        #[expect(clippy::cast_possible_truncation, reason = "picture units are small")]
        let key = ((x / 3.0).round() as i64, (y / 3.0).round() as i64);
        if seen.insert(key) {
            let _ = write!(dots, "M{} {}h0", n(x), n(y));
        }
    }
    let small = frame.width < 400.0;
    let markers = input
        .markers
        .iter()
        .enumerate()
        .map(|(i, at)| {
            let (x, y) = frame.to_view(*at);
            MarkerSvg {
                number: i + 1,
                x: n(x),
                y: n(y),
                radius: if small { 9 } else { 13 },
                font: if small { 10 } else { 14 },
            }
        })
        .collect();
    let chosen = input.chosen.map(|p| {
        let (x, y) = frame.to_view(p);
        (n(x), n(y))
    });
    let picture = MapSvg {
        id: input.id,
        title: input.title,
        width: n(frame.width),
        height: n(frame.height),
        outline,
        dots,
        markers,
        chosen,
        standalone: input.standalone,
    };
    Ok((picture.render()?, (frame.width, frame.height)))
}

/// `svg` as a `data:` address for an image (the content security policy allows `data:`
/// images): everything but letters and digits percent-encoded.
pub fn data_url(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() * 2 + 24);
    out.push_str("data:image/svg+xml,");
    for byte in svg.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b' ' | b'.' | b'-' | b'/' | b'=' | b':') {
            if byte == b' ' {
                out.push_str("%20");
            } else {
                out.push(char::from(byte));
            }
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// One row of the table beside a map.
#[derive(Clone, Debug)]
pub struct MapRow {
    /// The marker's number.
    pub number: usize,
    /// Where, in words.
    pub place: String,
    /// The topics with their counts, in words.
    pub topics: String,
    /// How many concerns.
    pub concerns: String,
    /// How many residents.
    pub residents: String,
}

/// One neighbourhood's map with its table.
#[derive(Clone, Debug)]
pub struct MapSection {
    /// Id prefix (unique on the page).
    pub id: String,
    /// The neighbourhood's name.
    pub name: String,
    /// The picture (markup from `svg`), or `None` when no outline is known.
    pub svg: Option<String>,
    /// The table's rows.
    pub rows: Vec<MapRow>,
    /// "2 zorgen zonder plek op de kaart", or empty.
    pub unplaced: String,
}

/// `/buurten/{slug}/kaart`: where residents' concerns are, without exact places.
#[derive(Template)]
#[template(path = "map/public.html")]
pub struct PublicMapPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// The neighbourhood's URL name.
    pub slug: String,
    /// `?gemeente=...` when needed.
    pub municipality_query: String,
    /// The map.
    pub section: MapSection,
}

/// `/werk/{team}/kaart`: the team's concerns on a map per neighbourhood.
#[derive(Template)]
#[template(path = "map/team.html")]
pub struct TeamMapPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Team name.
    pub team_name: String,
    /// Team URL name.
    pub team_slug: String,
    /// Filter choices.
    pub cycles: Vec<Choice>,
    /// Categories.
    pub categories: Vec<Choice>,
    /// Statuses.
    pub statuses: Vec<Choice>,
    /// Sensitivities the visitor may see.
    pub sensitivities: Vec<Choice>,
    /// The current filter.
    pub filter: Vec<(String, String)>,
    /// One map per neighbourhood.
    pub sections: Vec<MapSection>,
}

impl TeamMapPage {
    /// Whether `value` is the filter's value for `field`.
    pub fn chosen(&self, field: &str, value: &str) -> bool {
        self.filter.iter().any(|(f, v)| f == field && v == value)
    }
}

/// The point picker of the capture form.
#[derive(Clone, Debug)]
pub struct Picker {
    /// The picture as a `data:` address.
    pub src: String,
    /// Its width in CSS pixels (shown at exactly this size).
    pub width: String,
    /// Its height.
    pub height: String,
    /// The neighbourhood shown (id).
    pub neighbourhood: String,
    /// Its name.
    pub name: String,
    /// What the picture shows, for those who cannot see it.
    pub alt: String,
    /// Whether a point is chosen.
    pub chosen: bool,
}

#[cfg(test)]
mod tests;
