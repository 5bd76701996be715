//! `buurtagenda import` as an operator uses it: counts on success; on a bad file nothing is
//! imported, the problems go to stderr (one line for a wrong file, one line per bad row),
//! the exit code is 1, and nothing panics.

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_buurtagenda"));
    for (key, _) in std::env::vars() {
        if key.starts_with("BUURTAGENDA_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("BUURTAGENDA_LOG_FORMAT", "text")
        .env("RUST_LOG", "warn");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn import(data: &Path, kind: &str, file: &Path) -> Output {
    bin()
        .args(["import", kind])
        .arg(file)
        .args(["--municipality", "maastricht", "--data-dir"])
        .arg(data)
        .output()
        .expect("running buurtagenda")
}

/// A data folder with the demo loaded, and a folder for input files.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = bin()
        .arg("demo")
        .arg("--data-dir")
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, data)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn assert_one_line_error(out: &Output, must_contain: &str) {
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected, got: {stderr}");
    assert!(lines[0].starts_with("buurtagenda: error:"), "{stderr}");
    assert!(
        lines[0].contains(must_contain),
        "{must_contain:?} not in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

const HEADER: &str =
    "openbareruimte,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaats";

#[test]
fn help_lists_both_imports() {
    let out = bin().args(["import", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(
        help.contains("addresses") && help.contains("boundaries"),
        "{help}"
    );
    let out = bin().args(["import", "addresses"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "FILE and --municipality are required"
    );
}

#[test]
fn bad_rows_are_each_reported_with_their_line_and_nothing_is_imported() {
    let (dir, data) = setup();
    let csv = format!(
        "{HEADER}\nKerkstraat,1,,,9999XX,Maastricht\nKerkstraat,nul,,,9999XX,Maastricht\n\
         Kerkstraat,2,,,62,Maastricht\n"
    );
    let file = write(dir.path(), "bad.csv", csv.as_bytes());
    let out = import(&data, "addresses", &file);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with("buurtagenda: error: nothing imported from"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("line 3: \"nul\" is not a house number"),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with("line 4: \"62\" is not a postcode"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));

    let good = write(
        dir.path(),
        "good.csv",
        format!("{HEADER}\nKerkstraat,1,,,9999XX,Maastricht\n").as_bytes(),
    );
    let out = import(&data, "addresses", &good);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 new, 0 already there"),
        "line 2 of bad.csv was not imported"
    );
}

#[test]
fn importing_twice_adds_nothing_the_second_time() {
    let (dir, data) = setup();
    let csv = format!(
        "{HEADER},lat,lon\nKerkstraat,1,,,9999XX,Maastricht,50.872,5.703\n\
         Kerkstraat,1,b,,9999XX,Maastricht,,\n"
    );
    let file = write(dir.path(), "ok.csv", csv.as_bytes());
    let out = import(&data, "addresses", &file);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = text(&out.stdout);
    assert!(
        first.contains("Imported 2 addresses into maastricht: 2 new, 0 already there"),
        "{first}"
    );
    assert!(first.contains("1 by coordinates; 1 in none"), "{first}");
    let out = import(&data, "addresses", &file);
    assert!(text(&out.stdout).contains("0 new, 2 already there"));
}

#[test]
fn files_that_are_not_what_they_claim_are_one_clear_line() {
    let (dir, data) = setup();
    let columns = write(dir.path(), "columns.csv", b"straat,nummer\nA,1\n");
    assert_one_line_error(
        &import(&data, "addresses", &columns),
        "The column \"openbareruimte\" is missing",
    );
    let latin1 = [
        HEADER.as_bytes(),
        b"\nSint Pieter\xEBn,1,,,9999XX,Maastricht\n",
    ]
    .concat();
    let latin1 = write(dir.path(), "latin1.csv", &latin1);
    assert_one_line_error(&import(&data, "addresses", &latin1), "not UTF-8 text");
    let workbook = write(dir.path(), "adressen.xlsx", b"PK\x03\x04\x14\0\x06\0\0\0");
    assert_one_line_error(&import(&data, "addresses", &workbook), "spreadsheet");
    let missing = dir.path().join("missing.csv");
    assert_one_line_error(&import(&data, "addresses", &missing), "missing.csv");
    assert_one_line_error(&import(&data, "boundaries", &columns), "not JSON");
    let out = bin()
        .args(["import", "addresses"])
        .arg(&columns)
        .args(["--municipality", "atlantis", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert_one_line_error(&out, "municipality");
}

#[test]
fn boundaries_are_set_from_geojson() {
    let (dir, data) = setup();
    let square = "[[[5.700,50.868],[5.704,50.868],[5.704,50.872],[5.700,50.872],[5.700,50.868]]]";
    let geojson = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"slug":"limmel"}},"geometry":{{"type":"Polygon","coordinates":{square}}}}}]}}"#
    );
    let file = write(dir.path(), "limmel.geojson", geojson.as_bytes());
    let out = import(&data, "boundaries", &file);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Set 1 neighbourhood boundaries for maastricht"));

    let unknown = write(
        dir.path(),
        "x.geojson",
        geojson.replace("limmel", "atlantis").as_bytes(),
    );
    let out = import(&data, "boundaries", &unknown);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("feature 1: No neighbourhood of this municipality is called \"atlantis\""),
        "{stderr}"
    );
}
