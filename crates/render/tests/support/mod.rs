//! Sample data for the document tests and the letters benchmark: a meeting as the web layer
//! would pass it, and any number of distinct households.

#![allow(dead_code)]

use chrono::NaiveDate;
use render::documents::{Contact, Heard, Household, MeetingInfo};

/// The meeting every sample document is about: 16 November 2010, 19.30 to 21.30.
pub fn meeting() -> MeetingInfo {
    let day = NaiveDate::from_ymd_opt(2010, 11, 16).unwrap();
    MeetingInfo {
        team: "Wyckerpoort".into(),
        neighbourhoods: vec!["Limmel".into(), "Nazareth".into()],
        starts: day.and_hms_opt(19, 30, 0).unwrap(),
        ends: day.and_hms_opt(21, 30, 0).unwrap(),
        venue: "Buurtcentrum De Romein".into(),
        venue_address: "Rector Nuyensstraat 14, Maastricht".into(),
        accessibility: "Rolstoeltoegankelijk, ringleiding in de zaal".into(),
        stickers: 3,
        priorities: 3,
        one_voice: true,
        heard: [
            ("Te hard rijden in de Lindenkruis", 14),
            ("Zwerfvuil bij de speeltuin", 11),
            ("Hondenpoep op de stoep", 9),
            ("Overlast van jongeren bij het winkelcentrum", 7),
            ("Fietsen op de stoep", 5),
            ("Slechte verlichting in het park", 4),
            ("Parkeren op de hoek", 2),
            ("Geluidsoverlast 's nachts", 1),
            ("Dit negende onderwerp past niet meer", 1),
        ]
        .into_iter()
        .map(|(title, concerns)| Heard {
            title: title.into(),
            concerns,
        })
        .collect(),
        contact: Contact {
            phone: Some("043 350 50 50".into()),
            email: Some("wyckerpoort@buurtteam.example".into()),
            office_hours: Some("Elke woensdag van 10.00 tot 12.00 uur in De Romein".into()),
        },
        meeting_url: "https://buurtagenda.example/bijeenkomsten/wyckerpoort-2010-11-16".into(),
    }
}

/// `n` households with distinct addresses; household `i` lives at number `i + 1`.
pub fn households(n: usize) -> Vec<Household> {
    const STREETS: [&str; 4] = [
        "Lindenkruis",
        "Rector Nuyensstraat",
        "Meerssenerweg",
        "Ambyerstraat Noord",
    ];
    (0..n)
        .map(|i| Household {
            lines: vec![
                "Aan de bewoners van".into(),
                format!(
                    "{} {}{}",
                    STREETS[i % STREETS.len()],
                    i + 1,
                    if i % 3 == 0 { " A" } else { "" }
                ),
                format!("62{:02} AB  Maastricht", 20 + i % 10),
            ],
        })
        .collect()
}
