//! The printed documents as a reader's tools see them: poppler's `pdfinfo` for pages and
//! paper size, `pdftotext` for what each page says. Both come with Debian's poppler-utils
//! (`bash .ci/run install`); without them these tests fail rather than skip.

use crate::support;

use std::io::Write as _;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::Locale;
use render::documents::{
    BallotSheet, CodeCard, DocumentError, Household, ballot_sheet, code_cards, letters, poster,
};

/// Runs a poppler tool on `pdf` (written to a temporary file) and returns its output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    file.write_all(pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(file.path())
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {tool} ({e}): install poppler-utils with `bash .ci/run install`")
        });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn pages(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("Pages line");
    line["Pages:".len()..].trim().parse().unwrap()
}

fn page_size(pdf: &[u8]) -> String {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("Page size line")
        .to_owned()
}

/// The text of page `n` (from 1), with runs of white space made one space, so a phrase
/// broken over two lines still matches.
fn page_text(pdf: &[u8], n: usize) -> String {
    let n = n.to_string();
    squash(&poppler("pdftotext", &["-f", &n, "-l", &n, "-layout"], pdf))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_has(text: &str, wanted: &str) {
    assert!(
        text.contains(&squash(wanted)),
        "missing {wanted:?} in:\n{text}"
    );
}

#[test]
fn one_letter_page_per_household_with_its_own_address() {
    let households = support::households(50);
    let calls = AtomicUsize::new(0);
    let last = AtomicUsize::new(0);
    let progress = |done: usize| {
        calls.fetch_add(1, Ordering::Relaxed);
        last.fetch_max(done, Ordering::Relaxed);
    };
    let pdf = letters(Locale::Nl, &support::meeting(), &households, &progress).unwrap();
    assert_eq!(pages(&pdf), 50);
    assert!(
        page_size(&pdf).contains("595.276 x 841.89"),
        "{}",
        page_size(&pdf)
    );
    assert!(calls.load(Ordering::Relaxed) >= 1);
    assert_eq!(last.load(Ordering::Relaxed), 50);
    for (index, household) in households.iter().enumerate() {
        let text = page_text(&pdf, index + 1);
        for line in &household.lines {
            assert_has(&text, line);
        }
        assert_has(&text, "dinsdag 16 november 2010, van 19.30 tot 21.30 uur");
    }
    // Only this page's household: number 2 is not on page 1.
    assert!(!page_text(&pdf, 1).contains("Rector Nuyensstraat 2 "));
}

#[test]
fn the_letter_says_what_a_resident_needs_to_know() {
    let meeting = support::meeting();
    let pdf = letters(Locale::Nl, &meeting, &support::households(1), &|_| {}).unwrap();
    let text = page_text(&pdf, 1);
    for wanted in [
        "Buurtcentrum De Romein, Rector Nuyensstraat 14, Maastricht",
        "Rolstoeltoegankelijk, ringleiding in de zaal",
        "Te hard rijden in de Lindenkruis (14 meldingen)",
        "Geluidsoverlast 's nachts (1 melding)",
        "Iedereen krijgt 3 stickers.",
        "U plakt niet meer dan één sticker bij hetzelfde onderwerp.",
        "043 350 50 50",
        "wyckerpoort@buurtteam.example",
        "Elke woensdag van 10.00 tot 12.00 uur in De Romein",
        "https://buurtagenda.example/bijeenkomsten/wyckerpoort-2010-11-16",
        "Limmel en Nazareth",
    ] {
        assert_has(&text, wanted);
    }
    assert!(!text.contains("negende onderwerp"), "at most 8 topics");
}

#[test]
fn letters_in_english() {
    let pdf = letters(
        Locale::En,
        &support::meeting(),
        &support::households(2),
        &|_| {},
    )
    .unwrap();
    assert_eq!(pages(&pdf), 2);
    let text = page_text(&pdf, 2);
    assert_has(&text, "Tuesday 16 November 2010, 7.30 pm to 9.30 pm");
    assert_has(&text, "Everyone gets 3 stickers.");
}

#[test]
fn text_that_does_not_fit_on_one_page_is_an_error_not_a_second_page() {
    let mut meeting = support::meeting();
    meeting.accessibility = "Een heel lange toelichting. ".repeat(200);
    let err = letters(Locale::Nl, &meeting, &support::households(3), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("one page"), "{err}");
}

#[test]
fn nothing_to_print_is_an_error() {
    let meeting = support::meeting();
    let empty = |r: Result<Vec<u8>, DocumentError>| matches!(r, Err(DocumentError::Empty));
    assert!(empty(letters(Locale::Nl, &meeting, &[], &|_| {})));
    assert!(empty(code_cards(Locale::Nl, &meeting, &[])));
    let sheet = BallotSheet {
        team: meeting.team.clone(),
        starts: meeting.starts,
        items: vec![],
        stickers: 3,
        one_voice: true,
    };
    assert!(empty(ballot_sheet(Locale::Nl, &sheet)));
}

#[test]
fn data_cannot_inject_markup() {
    let households = vec![Household {
        lines: vec![
            "#pagebreak() *vet* $x$ \"quote\" \\ ]".into(),
            "= Kop".into(),
        ],
    }];
    let pdf = letters(Locale::Nl, &support::meeting(), &households, &|_| {}).unwrap();
    assert_eq!(pages(&pdf), 1);
    let text = page_text(&pdf, 1);
    assert_has(&text, "#pagebreak() *vet* $x$ \"quote\" \\ ]");
    assert_has(&text, "= Kop");
}

#[test]
fn the_poster_is_a3_with_date_venue_and_address() {
    let pdf = poster(Locale::Nl, &support::meeting()).unwrap();
    assert_eq!(pages(&pdf), 1);
    assert!(
        page_size(&pdf).contains("841.89 x 1190.55"),
        "{}",
        page_size(&pdf)
    );
    let text = page_text(&pdf, 1);
    assert_has(&text, "dinsdag 16 november 2010, van 19.30 tot 21.30 uur");
    assert_has(&text, "Buurtcentrum De Romein");
    assert_has(
        &text,
        "https://buurtagenda.example/bijeenkomsten/wyckerpoort-2010-11-16",
    );
}

#[test]
fn code_cards_carry_every_code_ten_to_a_sheet() {
    let cards: Vec<CodeCard> = (0..23)
        .map(|i| {
            let code = format!("ABC{i:02}-FGHJK");
            CodeCard {
                url: format!(
                    "https://buurtagenda.example/stemmen/{}",
                    code.replace('-', "")
                ),
                code,
            }
        })
        .collect();
    let pdf = code_cards(Locale::Nl, &support::meeting(), &cards).unwrap();
    assert_eq!(pages(&pdf), 3);
    let all: String = (1..=3)
        .map(|n| page_text(&pdf, n))
        .collect::<Vec<_>>()
        .join(" ");
    for card in &cards {
        assert_has(&all, &card.code);
    }
    assert_has(&all, "Ga naar buurtagenda.example/stemmen");
    assert!(
        !all.contains("stemmen/ABC"),
        "the typed address leaves the code out"
    );
}

#[test]
fn the_ballot_sheet_is_a3_landscape_with_every_item() {
    let sheet = BallotSheet {
        team: "Wyckerpoort".into(),
        starts: support::meeting().starts,
        items: (1..=8).map(|i| format!("Onderwerp nummer {i}")).collect(),
        stickers: 3,
        one_voice: true,
    };
    let pdf = ballot_sheet(Locale::Nl, &sheet).unwrap();
    assert_eq!(pages(&pdf), 2, "6 items per sheet");
    assert!(
        page_size(&pdf).contains("1190.55 x 841.89"),
        "{}",
        page_size(&pdf)
    );
    let first = page_text(&pdf, 1);
    assert_has(
        &first,
        "Iedereen heeft 3 stickers. Eén sticker per onderwerp.",
    );
    assert_has(&first, "Blad 1 van 2");
    let all = format!("{first} {}", page_text(&pdf, 2));
    for item in &sheet.items {
        assert_has(&all, item);
    }
}

/// 7,000 letters, the size of the largest team: every page there, the first and the last
/// with their own address. About 25 s in a debug build, most of it poppler reading the
/// file; `bench/letters` times `letters` itself in release.
#[test]
fn seven_thousand_letters() {
    let households = support::households(7000);
    let pdf = letters(Locale::Nl, &support::meeting(), &households, &|_| {}).unwrap();
    assert_eq!(pages(&pdf), 7000);
    for n in [1, 7000] {
        let text = page_text(&pdf, n);
        for line in &households[n - 1].lines {
            assert_has(&text, line);
        }
    }
}
