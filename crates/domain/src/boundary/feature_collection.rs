//! Reading a GeoJSON `FeatureCollection` of neighbourhood boundaries: each feature names its
//! neighbourhood by a `slug` or `buurtcode` property and has a `Polygon` or `MultiPolygon`.
//!
//! Like the address file, the whole collection is checked first and every problem is
//! returned with the number of its feature.

use std::collections::HashSet;

use serde_json::Value;

use super::Boundary;
use crate::Slug;
use crate::address::BuurtCode;
use crate::import::{Located, Location, Problem, decode_text};

/// The largest GeoJSON file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The most features in one file.
pub const MAX_FEATURES: usize = 2_000;

/// How a feature names its neighbourhood.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AreaName {
    /// By the neighbourhood's slug.
    Slug(Slug),
    /// By its CBS buurt code.
    BuurtCode(BuurtCode),
}

impl AreaName {
    fn shown(&self) -> String {
        match self {
            AreaName::Slug(s) => s.as_str().to_owned(),
            AreaName::BuurtCode(c) => c.as_str().to_owned(),
        }
    }
}

/// Reads a `FeatureCollection` and resolves each feature's name to a key with `resolve`
/// (e.g. a neighbourhood id); a name it does not know is a problem of that feature. Two
/// features resolving to the same key are a problem too.
pub fn read<K: Copy + Eq + std::hash::Hash>(
    bytes: &[u8],
    resolve: impl Fn(&AreaName) -> Option<K>,
) -> Result<Vec<(K, Boundary)>, Vec<Located>> {
    let features = features(bytes).map_err(|p| vec![p])?;
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashSet<K> = HashSet::new();
    for (i, feature) in features.into_iter().enumerate() {
        let mut problems = Vec::new();
        let key = match name(&feature) {
            Ok(name) => {
                let key = resolve(&name);
                match key {
                    None => problems.push(Problem::UnknownNeighbourhood(name.shown())),
                    Some(k) if !seen.insert(k) => {
                        problems.push(Problem::DuplicateNeighbourhood(name.shown()));
                    }
                    Some(_) => {}
                }
                key
            }
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        let boundary = geometry(feature)
            .and_then(|g| Boundary::from_geometry(&g.value))
            .map_err(|p| problems.extend(p))
            .ok();
        match (key, boundary) {
            (Some(key), Some(boundary)) if problems.is_empty() => found.push((key, boundary)),
            _ => bad.push(Located {
                at: Location::Feature(i + 1),
                problems,
            }),
        }
    }
    if bad.is_empty() { Ok(found) } else { Err(bad) }
}

/// The features of a `FeatureCollection`, or what is wrong with the file as a whole.
fn features(bytes: &[u8]) -> Result<Vec<Value>, Located> {
    let text = decode_text(bytes, MAX_FILE_BYTES)?;
    let mut json: Value = serde_json::from_str(text)
        .map_err(|e| Located::file(Problem::NotJson { line: e.line() }))?;
    let kind = json.get("type").and_then(Value::as_str).unwrap_or("");
    if kind != "FeatureCollection" {
        let found = if kind.is_empty() { "?" } else { kind };
        return Err(Located::file(Problem::NotFeatureCollection(
            found.chars().take(40).collect(),
        )));
    }
    let features = match json.get_mut("features").map(Value::take) {
        Some(Value::Array(features)) if !features.is_empty() => features,
        _ => return Err(Located::file(Problem::NoFeatures)),
    };
    if features.len() > MAX_FEATURES {
        return Err(Located::file(Problem::TooManyFeatures {
            limit: MAX_FEATURES,
        }));
    }
    Ok(features)
}

/// The name a feature gives its neighbourhood: `slug` first, else `buurtcode`.
fn name(feature: &Value) -> Result<AreaName, Problem> {
    let property = |key| {
        feature
            .get("properties")
            .and_then(|p| p.get(key))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if let Some(slug) = property("slug") {
        return slug
            .parse()
            .map(AreaName::Slug)
            .map_err(|_| Problem::UnknownNeighbourhood(slug.chars().take(64).collect()));
    }
    if let Some(code) = property("buurtcode") {
        return code
            .parse()
            .map(AreaName::BuurtCode)
            .map_err(|_| Problem::BuurtCode(code.chars().take(40).collect()));
    }
    Err(Problem::FeatureUnnamed)
}

/// The geometry of a feature, read by the `geojson` crate.
fn geometry(mut feature: Value) -> Result<geojson::Geometry, Vec<Problem>> {
    let raw = match feature.get_mut("geometry").map(Value::take) {
        None | Some(Value::Null) => return Err(vec![Problem::GeometryMissing]),
        Some(raw) => raw,
    };
    let kind = raw
        .get("type")
        .and_then(Value::as_str)
        .map(|t| t.chars().take(40).collect::<String>());
    serde_json::from_value(raw).map_err(|_| match kind {
        Some(kind) if kind != "Polygon" && kind != "MultiPolygon" => {
            vec![Problem::GeometryType(kind)]
        }
        _ => vec![Problem::GeometryUnreadable],
    })
}

#[cfg(test)]
#[path = "feature_collection_tests.rs"]
mod tests;
