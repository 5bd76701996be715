//! What can be wrong with an uploaded file (an address CSV, a boundary GeoJSON), and where.
//!
//! Each problem has a Fluent message key (`places.ftl`) and at most one argument, so the
//! web pages and the command line can say it in the reader's language. Problems are
//! collected, never thrown one by one: a person fixing a file wants to see all of them.

/// Where in a file a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// The file as a whole (size, encoding, kind).
    File,
    /// A line of a CSV file, counted from 1 (the header is line 1).
    Line(u64),
    /// A feature of a GeoJSON `FeatureCollection`, counted from 1.
    Feature(usize),
}

/// Every problem found at one location.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// Where.
    pub at: Location,
    /// What, in the order found; never empty.
    pub problems: Vec<Problem>,
}

impl Located {
    /// One problem about the whole file.
    pub fn file(problem: Problem) -> Self {
        Located {
            at: Location::File,
            problems: vec![problem],
        }
    }
}

/// One thing wrong with an uploaded file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Bigger than the limit, in megabytes.
    TooLarge { limit_mb: u64 },
    /// More data rows than the limit.
    TooManyRows { limit: usize },
    /// Not UTF-8; the first invalid byte is on this line.
    NotUtf8 { line: u64 },
    /// UTF-16 text ("Unicode text" from a spreadsheet).
    Utf16,
    /// A spreadsheet workbook (xlsx, xls) instead of CSV.
    Spreadsheet,
    /// Binary data, not text.
    Binary,
    /// No content at all.
    Empty,
    /// JSON where CSV was expected.
    JsonNotCsv,
    /// A header without any data rows.
    NoRows,
    /// A required column is not in the header.
    MissingColumn(&'static str),
    /// A column this import does not know.
    UnknownColumn(String),
    /// The same column twice.
    DuplicateColumn(String),
    /// `lat` without `lon` or the other way round.
    LatLonPair,
    /// A row with a different number of fields than the header.
    FieldCount { found: usize },
    /// A required value is empty.
    Missing(&'static str),
    /// A street or place name that is too long or has control characters.
    Name(&'static str),
    /// Not a Dutch postcode.
    Postcode(String),
    /// Not a house number from 1 to 99999.
    HouseNumber(String),
    /// Not one letter A-Z.
    HouseLetter(String),
    /// Not 1 to 4 letters or digits.
    Addition(String),
    /// Not a CBS buurt code (`BU` and 8 digits).
    BuurtCode(String),
    /// Not a latitude in degrees.
    Latitude(String),
    /// Not a longitude in degrees.
    Longitude(String),
    /// Only one of lat and lon filled in.
    PointIncomplete,
    /// A point outside the Netherlands (often lat and lon swapped).
    OutsideNetherlands,
    /// The same address as on an earlier line.
    Duplicate { first_line: u64 },
    /// Not JSON; the syntax error is on this line.
    NotJson { line: usize },
    /// JSON, but not a `FeatureCollection`; the type found.
    NotFeatureCollection(String),
    /// A `FeatureCollection` without features.
    NoFeatures,
    /// More features than the limit.
    TooManyFeatures { limit: usize },
    /// A feature without a `slug` or `buurtcode` property.
    FeatureUnnamed,
    /// No neighbourhood of the municipality has this slug or buurt code.
    UnknownNeighbourhood(String),
    /// Two features name the same neighbourhood.
    DuplicateNeighbourhood(String),
    /// A feature without geometry.
    GeometryMissing,
    /// A geometry that is not a `Polygon` or `MultiPolygon`; the type found.
    GeometryType(String),
    /// Coordinates missing or malformed.
    GeometryUnreadable,
    /// A ring whose last position is not its first.
    RingNotClosed,
    /// A ring with fewer than four positions or three distinct points.
    RingTooShort,
    /// A longitude or latitude out of range.
    CoordinateOutOfRange,
    /// Coordinates in the Dutch grid (RD, EPSG:28992) instead of degrees.
    ProjectedCoordinates,
    /// More positions than the limit.
    TooManyPositions { limit: usize },
    /// A ring crosses itself.
    SelfIntersection,
    /// A hole lies outside its polygon.
    HoleOutside,
    /// Two rings of a polygon cross or touch along a line.
    RingsIntersect,
    /// Two polygons of a multipolygon overlap or touch along a line.
    PartsOverlap,
}

impl Problem {
    /// The Fluent message key.
    pub fn message_key(&self) -> &'static str {
        self.key_of_file_problem()
            .or_else(|| self.key_of_row_problem())
            .unwrap_or_else(|| self.key_of_geo_problem())
    }

    fn key_of_file_problem(&self) -> Option<&'static str> {
        Some(match self {
            Problem::TooLarge { .. } => "import-too-large",
            Problem::TooManyRows { .. } => "import-too-many-rows",
            Problem::NotUtf8 { .. } => "import-not-utf8",
            Problem::Utf16 => "import-utf16",
            Problem::Spreadsheet => "import-spreadsheet",
            Problem::Binary => "import-binary",
            Problem::Empty => "import-empty",
            Problem::JsonNotCsv => "import-json-not-csv",
            Problem::NoRows => "import-no-rows",
            Problem::MissingColumn(_) => "import-column-missing",
            Problem::UnknownColumn(_) => "import-column-unknown",
            Problem::DuplicateColumn(_) => "import-column-duplicate",
            Problem::LatLonPair => "import-column-lat-lon",
            _ => return None,
        })
    }

    fn key_of_row_problem(&self) -> Option<&'static str> {
        Some(match self {
            Problem::FieldCount { .. } => "import-field-count",
            Problem::Missing(_) => "import-value-missing",
            Problem::Name(_) => "import-name-invalid",
            Problem::Postcode(_) => "import-postcode-invalid",
            Problem::HouseNumber(_) => "import-house-number-invalid",
            Problem::HouseLetter(_) => "import-house-letter-invalid",
            Problem::Addition(_) => "import-addition-invalid",
            Problem::BuurtCode(_) => "import-buurtcode-invalid",
            Problem::Latitude(_) => "import-latitude-invalid",
            Problem::Longitude(_) => "import-longitude-invalid",
            Problem::PointIncomplete => "import-point-incomplete",
            Problem::OutsideNetherlands => "import-point-outside",
            Problem::Duplicate { .. } => "import-duplicate",
            _ => return None,
        })
    }

    fn key_of_geo_problem(&self) -> &'static str {
        match self {
            Problem::NotJson { .. } => "import-not-json",
            Problem::NotFeatureCollection(_) => "import-not-feature-collection",
            Problem::NoFeatures => "import-no-features",
            Problem::TooManyFeatures { .. } => "import-too-many-features",
            Problem::FeatureUnnamed => "import-feature-unnamed",
            Problem::UnknownNeighbourhood(_) => "import-neighbourhood-unknown",
            Problem::DuplicateNeighbourhood(_) => "import-neighbourhood-duplicate",
            Problem::GeometryMissing => "import-geometry-missing",
            Problem::GeometryType(_) => "import-geometry-type",
            Problem::GeometryUnreadable => "import-geometry-unreadable",
            Problem::RingNotClosed => "import-ring-not-closed",
            Problem::RingTooShort => "import-ring-too-short",
            Problem::CoordinateOutOfRange => "import-coordinate-out-of-range",
            Problem::ProjectedCoordinates => "import-coordinates-projected",
            Problem::TooManyPositions { .. } => "import-too-many-positions",
            Problem::SelfIntersection => "import-geometry-self-intersection",
            Problem::HoleOutside => "import-geometry-hole-outside",
            Problem::RingsIntersect => "import-geometry-rings-intersect",
            Problem::PartsOverlap => "import-geometry-parts-overlap",
            // The file and row problems are answered above.
            _ => "import-invalid",
        }
    }

    /// The one argument of the message, if it has one: its Fluent name and value.
    pub fn message_arg(&self) -> Option<(&'static str, String)> {
        let number = |name, n: &dyn ToString| Some((name, n.to_string()));
        match self {
            Problem::TooLarge { limit_mb } => number("limit", limit_mb),
            Problem::TooManyRows { limit }
            | Problem::TooManyFeatures { limit }
            | Problem::TooManyPositions { limit } => number("limit", limit),
            Problem::NotUtf8 { line } | Problem::Duplicate { first_line: line } => {
                number("line", line)
            }
            Problem::NotJson { line } => number("line", line),
            Problem::FieldCount { found } => number("found", found),
            Problem::MissingColumn(c) | Problem::Missing(c) | Problem::Name(c) => {
                Some(("column", (*c).to_owned()))
            }
            Problem::UnknownColumn(c) | Problem::DuplicateColumn(c) => Some(("column", c.clone())),
            Problem::Postcode(v)
            | Problem::HouseNumber(v)
            | Problem::HouseLetter(v)
            | Problem::Addition(v)
            | Problem::BuurtCode(v)
            | Problem::Latitude(v)
            | Problem::Longitude(v) => Some(("value", v.clone())),
            Problem::NotFeatureCollection(t) | Problem::GeometryType(t) => {
                Some(("found", t.clone()))
            }
            Problem::UnknownNeighbourhood(n) | Problem::DuplicateNeighbourhood(n) => {
                Some(("name", n.clone()))
            }
            _ => None,
        }
    }

    /// One problem of every kind, for the test that every message key is translated.
    pub fn examples() -> Vec<Problem> {
        let s = || "x".to_owned();
        vec![
            Problem::TooLarge { limit_mb: 1 },
            Problem::TooManyRows { limit: 1 },
            Problem::NotUtf8 { line: 1 },
            Problem::Utf16,
            Problem::Spreadsheet,
            Problem::Binary,
            Problem::Empty,
            Problem::JsonNotCsv,
            Problem::NoRows,
            Problem::MissingColumn("postcode"),
            Problem::UnknownColumn(s()),
            Problem::DuplicateColumn(s()),
            Problem::LatLonPair,
            Problem::FieldCount { found: 1 },
            Problem::Missing("postcode"),
            Problem::Name("woonplaats"),
            Problem::Postcode(s()),
            Problem::HouseNumber(s()),
            Problem::HouseLetter(s()),
            Problem::Addition(s()),
            Problem::BuurtCode(s()),
            Problem::Latitude(s()),
            Problem::Longitude(s()),
            Problem::PointIncomplete,
            Problem::OutsideNetherlands,
            Problem::Duplicate { first_line: 2 },
            Problem::NotJson { line: 1 },
            Problem::NotFeatureCollection(s()),
            Problem::NoFeatures,
            Problem::TooManyFeatures { limit: 1 },
            Problem::FeatureUnnamed,
            Problem::UnknownNeighbourhood(s()),
            Problem::DuplicateNeighbourhood(s()),
            Problem::GeometryMissing,
            Problem::GeometryType(s()),
            Problem::GeometryUnreadable,
            Problem::RingNotClosed,
            Problem::RingTooShort,
            Problem::CoordinateOutOfRange,
            Problem::ProjectedCoordinates,
            Problem::TooManyPositions { limit: 1 },
            Problem::SelfIntersection,
            Problem::HoleOutside,
            Problem::RingsIntersect,
            Problem::PartsOverlap,
        ]
    }
}

/// The text of an uploaded file, or why it is not text: too large, a spreadsheet, UTF-16,
/// binary, empty, or not UTF-8 (naming the line of the first bad byte). A UTF-8 byte order
/// mark is dropped.
pub fn decode_text(bytes: &[u8], max_bytes: usize) -> Result<&str, Located> {
    const MB: usize = 1024 * 1024;
    if bytes.len() > max_bytes {
        let limit_mb = u64::try_from(max_bytes / MB).unwrap_or(u64::MAX);
        return Err(Located::file(Problem::TooLarge { limit_mb }));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let problem = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Some(Problem::Spreadsheet)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        Some(Problem::Utf16)
    } else if bytes.iter().all(u8::is_ascii_whitespace) {
        Some(Problem::Empty)
    } else if bytes.contains(&0) {
        // UTF-16 without a byte order mark has a zero in every other byte of ASCII text.
        let head = &bytes[..bytes.len().min(64)];
        let zeros = head.iter().fold(0, |n, b| n + usize::from(*b == 0));
        Some(if zeros * 3 >= head.len() {
            Problem::Utf16
        } else {
            Problem::Binary
        })
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(Located::file(problem));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let newlines = before.iter().fold(0, |n, b| n + usize::from(*b == b'\n'));
        let line = u64::try_from(newlines)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        Located::file(Problem::NotUtf8 { line })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn text_is_sniffed_before_it_is_read() {
        let problem = |bytes: &[u8]| decode_text(bytes, 100).unwrap_err().problems[0].clone();
        assert_eq!(decode_text(b"\xEF\xBB\xBFa,b\n", 100), Ok("a,b\n"));
        assert_eq!(problem(&[b'x'; 101]), Problem::TooLarge { limit_mb: 0 });
        assert_eq!(problem(b"PK\x03\x04rest"), Problem::Spreadsheet);
        assert_eq!(problem(b"\xFF\xFEa\0b\0"), Problem::Utf16);
        assert_eq!(problem(b"a\0b\0c\0d\0"), Problem::Utf16);
        assert_eq!(problem(b"abcdefgh\0ijklmnopq"), Problem::Binary);
        assert_eq!(problem(b" \r\n "), Problem::Empty);
        assert_eq!(
            problem(b"straat\nMaastricht\nSint Pieter \xEBn Paul\n"),
            Problem::NotUtf8 { line: 3 }
        );
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = decode_text(&bytes, 150);
        }
    }

    #[test]
    fn every_problem_has_its_own_key() {
        let examples = Problem::examples();
        let keys: HashSet<&str> = examples.iter().map(Problem::message_key).collect();
        assert_eq!(keys.len(), examples.len(), "two problems share a key");
        assert!(!keys.contains("import-invalid"));
    }

    #[test]
    fn arguments_carry_the_offending_value() {
        assert_eq!(
            Problem::Postcode("12345".into()).message_arg(),
            Some(("value", "12345".into()))
        );
        assert_eq!(
            Problem::Duplicate { first_line: 7 }.message_arg(),
            Some(("line", "7".into()))
        );
        assert_eq!(Problem::Utf16.message_arg(), None);
    }
}
