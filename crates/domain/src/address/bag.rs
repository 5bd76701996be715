//! Reading an address file with the BAG's column names: `openbareruimte`, `huisnummer`,
//! `huisletter`, `huisnummertoevoeging`, `postcode`, `woonplaats`, and optionally
//! `buurtcode` or `lat` and `lon`.
//!
//! The whole file is checked before anything is imported: `read_file` returns every row, or
//! every problem with its line number. It never panics on any input (a property test feeds
//! it arbitrary bytes).

use std::collections::HashMap;

use super::{AddressKey, BuurtCode};
use crate::boundary::GeoPoint;
use crate::import::{Located, Location, Problem};

/// The largest file accepted, in bytes (50 MB: about 500,000 addresses).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The most data rows accepted in one file.
pub const MAX_ROWS: usize = 500_000;

/// The longest street or place name the BAG allows.
const MAX_NAME_CHARS: usize = 80;

/// A column of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Street name.
    Openbareruimte,
    /// House number.
    Huisnummer,
    /// House letter.
    Huisletter,
    /// House number addition.
    Huisnummertoevoeging,
    /// Postcode.
    Postcode,
    /// Town.
    Woonplaats,
    /// CBS buurt code.
    Buurtcode,
    /// Latitude, WGS84 degrees.
    Lat,
    /// Longitude, WGS84 degrees.
    Lon,
}

impl Column {
    /// Every column, in this order.
    pub const ALL: [Column; 9] = [
        Column::Openbareruimte,
        Column::Huisnummer,
        Column::Huisletter,
        Column::Huisnummertoevoeging,
        Column::Postcode,
        Column::Woonplaats,
        Column::Buurtcode,
        Column::Lat,
        Column::Lon,
    ];

    /// The BAG name of the column.
    pub fn name(self) -> &'static str {
        match self {
            Column::Openbareruimte => "openbareruimte",
            Column::Huisnummer => "huisnummer",
            Column::Huisletter => "huisletter",
            Column::Huisnummertoevoeging => "huisnummertoevoeging",
            Column::Postcode => "postcode",
            Column::Woonplaats => "woonplaats",
            Column::Buurtcode => "buurtcode",
            Column::Lat => "lat",
            Column::Lon => "lon",
        }
    }

    /// Whether every file must have it.
    pub fn required(self) -> bool {
        matches!(
            self,
            Column::Openbareruimte | Column::Huisnummer | Column::Postcode | Column::Woonplaats
        )
    }

    fn position(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// One valid address row.
#[derive(Clone, Debug, PartialEq)]
pub struct BagRow {
    /// The line it starts on.
    pub line: u64,
    /// Street name, trimmed, inner spaces single.
    pub street: String,
    /// Town (woonplaats), trimmed, inner spaces single.
    pub town: String,
    /// What makes it unique.
    pub key: AddressKey,
    /// The CBS buurt code, if the file has one.
    pub buurtcode: Option<BuurtCode>,
    /// Where it is, if the file says.
    pub point: Option<GeoPoint>,
}

/// Which field of a row holds which column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    index: [Option<usize>; 9],
    width: usize,
}

impl Header {
    /// Checks the header names: every required column once, nothing unknown, `lat` and
    /// `lon` together. Names are compared without case and surrounding spaces.
    pub fn parse(names: &[&str]) -> Result<Header, Vec<Problem>> {
        let mut index = [None; 9];
        let mut problems = Vec::new();
        for (i, raw) in names.iter().enumerate() {
            let name = raw.trim().to_lowercase();
            match Column::ALL.iter().find(|c| c.name() == name) {
                Some(column) if index[column.position()].is_some() => {
                    problems.push(Problem::DuplicateColumn(name));
                }
                Some(column) => index[column.position()] = Some(i),
                None => problems.push(Problem::UnknownColumn(shorten(raw.trim(), 40))),
            }
        }
        for column in Column::ALL {
            if column.required() && index[column.position()].is_none() {
                problems.push(Problem::MissingColumn(column.name()));
            }
        }
        let lat = index[Column::Lat.position()].is_some();
        if lat != index[Column::Lon.position()].is_some() {
            problems.push(Problem::LatLonPair);
        }
        if problems.is_empty() {
            Ok(Header {
                index,
                width: names.len(),
            })
        } else {
            Err(problems)
        }
    }

    /// The trimmed value of `column`, if the row has a non-empty one.
    fn get<'a>(&self, fields: &[&'a str], column: Column) -> Option<&'a str> {
        self.index[column.position()]
            .and_then(|i| fields.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// Checks one row and returns every problem it has.
    pub fn row(&self, line: u64, fields: &[&str]) -> Result<BagRow, Vec<Problem>> {
        if fields.len() != self.width {
            return Err(vec![Problem::FieldCount {
                found: fields.len(),
            }]);
        }
        let get = |column| self.get(fields, column);
        let mut problems: Vec<Problem> = Column::ALL
            .into_iter()
            .filter(|c| c.required() && get(*c).is_none())
            .map(|c| Problem::Missing(c.name()))
            .collect();
        let p = &mut problems;
        let street = named(get(Column::Openbareruimte), Column::Openbareruimte, p);
        let town = named(get(Column::Woonplaats), Column::Woonplaats, p);
        let postcode = parsed(get(Column::Postcode), Problem::Postcode, p);
        let number = parsed(get(Column::Huisnummer), Problem::HouseNumber, p);
        let letter = parsed(get(Column::Huisletter), Problem::HouseLetter, p);
        let addition = parsed(get(Column::Huisnummertoevoeging), Problem::Addition, p);
        let buurtcode = parsed(get(Column::Buurtcode), Problem::BuurtCode, p);
        let point = point(get(Column::Lat), get(Column::Lon), p);
        match (street, town, postcode, number) {
            (Some(street), Some(town), Some(postcode), Some(number)) if problems.is_empty() => {
                Ok(BagRow {
                    line,
                    street,
                    town,
                    key: AddressKey {
                        postcode,
                        number,
                        letter,
                        addition,
                    },
                    buurtcode,
                    point,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The parsed value, or a problem naming the text that did not parse.
fn parsed<T: std::str::FromStr>(
    raw: Option<&str>,
    problem: fn(String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let raw = raw?;
    let value = raw.parse().ok();
    if value.is_none() {
        problems.push(problem(shorten(raw, 40)));
    }
    value
}

/// A valid name from `raw`, or a problem naming the column.
fn named(raw: Option<&str>, column: Column, problems: &mut Vec<Problem>) -> Option<String> {
    let value = name(raw?);
    if value.is_none() {
        problems.push(Problem::Name(column.name()));
    }
    value
}

/// A street or place name: trimmed, inner white space single, no control characters, at
/// most 80 characters.
fn name(raw: &str) -> Option<String> {
    let clean = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = !clean.is_empty()
        && clean.chars().count() <= MAX_NAME_CHARS
        && !clean.chars().any(char::is_control);
    ok.then_some(clean)
}

/// The point of a row, if it has both coordinates and they lie in the Netherlands.
fn point(lat: Option<&str>, lon: Option<&str>, problems: &mut Vec<Problem>) -> Option<GeoPoint> {
    let (lat_raw, lon_raw) = match (lat, lon) {
        (None, None) => return None,
        (Some(lat), Some(lon)) => (lat, lon),
        _ => {
            problems.push(Problem::PointIncomplete);
            return None;
        }
    };
    let lat = degrees(lat_raw, 90.0);
    let lon = degrees(lon_raw, 180.0);
    if lat.is_none() {
        problems.push(Problem::Latitude(shorten(lat_raw, 40)));
    }
    if lon.is_none() {
        problems.push(Problem::Longitude(shorten(lon_raw, 40)));
    }
    let point = GeoPoint {
        lat: lat?,
        lon: lon?,
    };
    if !point.in_netherlands() {
        problems.push(Problem::OutsideNetherlands);
        return None;
    }
    Some(point)
}

/// Degrees with a decimal point or, as Dutch spreadsheets write them, a decimal comma.
fn degrees(raw: &str, limit: f64) -> Option<f64> {
    let normal;
    let text = if raw.contains('.') {
        raw
    } else {
        normal = raw.replacen(',', ".", 1);
        &normal
    };
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
    let value: f64 = text.parse().ok().filter(|_| plain)?;
    (value.is_finite() && value.abs() <= limit).then_some(value)
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// The field separator: a semicolon (as Dutch spreadsheets save CSV) or a tab when the
/// header line has more of those than commas, else a comma.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c| header.matches(c).count();
    let commas = count(',');
    if count(';') > commas && count(';') >= count('\t') {
        b';'
    } else if count('\t') > commas {
        b'\t'
    } else {
        b','
    }
}

/// The line a record starts on. The reader counts from where it began looking, which is
/// before any blank lines it skipped.
fn record_line(text: &str, position: &csv::Position) -> u64 {
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let skipped = text
        .get(start..)
        .unwrap_or("")
        .bytes()
        .take_while(|b| *b == b'\n' || *b == b'\r')
        .fold(0, |n, b| n + u64::from(b == b'\n'));
    position.line() + skipped
}

/// Reads a whole address file: every valid row, or every problem with where it is.
pub fn read_file(bytes: &[u8]) -> Result<Vec<BagRow>, Vec<Located>> {
    let text = crate::import::decode_text(bytes, MAX_FILE_BYTES).map_err(|p| vec![p])?;
    if text.trim_start().starts_with(['{', '[']) {
        return Err(vec![Located::file(Problem::JsonNotCsv)]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => Header::parse(&record.iter().collect::<Vec<_>>()),
        _ => return Err(vec![Located::file(Problem::Empty)]),
    };
    let header = header.map_err(|problems| {
        vec![Located {
            at: Location::Line(1),
            problems,
        }]
    })?;
    let mut found = Found::default();
    for record in records {
        // The input is valid UTF-8 already, so a record error cannot happen; skip if it does.
        let Ok(record) = record else { continue };
        let line = record.position().map_or(0, |p| record_line(text, p));
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if found.rows.len() + found.bad.len() >= MAX_ROWS {
            return Err(vec![Located::file(Problem::TooManyRows {
                limit: MAX_ROWS,
            })]);
        }
        found.add(line, header.row(line, &fields));
    }
    if !found.bad.is_empty() {
        return Err(found.bad);
    }
    if found.rows.is_empty() {
        return Err(vec![Located::file(Problem::NoRows)]);
    }
    Ok(found.rows)
}

/// The rows read so far, good and bad, and the line each key was first seen on.
#[derive(Default)]
struct Found {
    rows: Vec<BagRow>,
    bad: Vec<Located>,
    first_seen: HashMap<AddressKey, u64>,
}

impl Found {
    fn add(&mut self, line: u64, row: Result<BagRow, Vec<Problem>>) {
        let problems = match row {
            Ok(row) => {
                if let Some(first) = self.first_seen.get(&row.key) {
                    vec![Problem::Duplicate { first_line: *first }]
                } else {
                    self.first_seen.insert(row.key.clone(), line);
                    self.rows.push(row);
                    return;
                }
            }
            Err(problems) => problems,
        };
        self.bad.push(Located {
            at: Location::Line(line),
            problems,
        });
    }
}

#[cfg(test)]
#[path = "bag_tests.rs"]
mod tests;
