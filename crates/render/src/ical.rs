//! RFC 5545 iCalendar for one meeting: a `VCALENDAR` with one `VEVENT` that a resident adds to
//! their calendar from the meeting page.
//!
//! Written by hand rather than with the `icalendar` crate's builder: that builder (0.17.17)
//! folds a line of exactly 150 octets into a continuation line of 76 octets (the space plus
//! 75), passes a carriage return in a text value through unescaped (which ends the content
//! line early), and stamps each event with the wall clock unless told otherwise. The format
//! needed here is small; the crate's parser still checks the output in the tests.

use chrono::{DateTime, Utc};

/// The longest content line, in octets, not counting the CRLF (RFC 5545, 3.1).
const LINE_LIMIT: usize = 75;

/// One meeting as a calendar event. All times are UTC and written with a `Z`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Globally unique and stable across updates, e.g. `meeting-42@buurtagenda.example`.
    pub uid: String,
    /// When this calendar object was made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
    /// Start of the meeting.
    pub starts: DateTime<Utc>,
    /// End of the meeting.
    pub ends: DateTime<Utc>,
    /// Title, e.g. "Buurtbijeenkomst Wyckerpoort".
    pub summary: String,
    /// Venue and address.
    pub location: String,
    /// Longer text; may contain line breaks.
    pub description: String,
    /// The public meeting page.
    pub url: String,
}

/// The event as an iCalendar object: `PRODID`, `VERSION:2.0`, `METHOD:PUBLISH`, one
/// `VEVENT`; CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character),
/// text values escaped.
pub fn calendar(event: &Event) -> String {
    let mut out = String::with_capacity(512 + event.description.len());
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//buurtagenda//buurtagenda//NL");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, "BEGIN:VEVENT");
    line(&mut out, &format!("UID:{}", text(&event.uid)));
    line(&mut out, &format!("DTSTAMP:{}", utc(event.stamp)));
    line(&mut out, &format!("DTSTART:{}", utc(event.starts)));
    line(&mut out, &format!("DTEND:{}", utc(event.ends)));
    line(&mut out, &format!("SUMMARY:{}", text(&event.summary)));
    line(&mut out, &format!("LOCATION:{}", text(&event.location)));
    line(
        &mut out,
        &format!("DESCRIPTION:{}", text(&event.description)),
    );
    // A URI value is not TEXT: it is written as is, only stripped of line breaks.
    line(
        &mut out,
        &format!("URL:{}", event.url.replace(['\r', '\n'], "")),
    );
    line(&mut out, "END:VEVENT");
    line(&mut out, "END:VCALENDAR");
    out
}

/// A UTC date-time in the basic format, e.g. `20101116T183000Z`.
fn utc(time: DateTime<Utc>) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma, and line breaks
/// (CRLF, CR or LF all become `\n`). Other control characters are dropped: TEXT forbids them.
fn text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `content` as one content line, folded: after at most 75 octets a CRLF and a space
/// start the next physical line, which then holds at most 74 octets of content.
fn line(out: &mut String, content: &str) {
    let mut limit = LINE_LIMIT;
    let mut rest = content;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = LINE_LIMIT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Undoes the folding (for tests and readers): every CRLF followed by a space or tab goes.
#[cfg(test)]
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "").replace("\r\n\t", "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> Event {
        Event {
            uid: "meeting-42@buurtagenda.example".into(),
            stamp: Utc.with_ymd_and_hms(2010, 11, 1, 8, 0, 0).unwrap(),
            starts: Utc.with_ymd_and_hms(2010, 11, 16, 18, 30, 0).unwrap(),
            ends: Utc.with_ymd_and_hms(2010, 11, 16, 20, 30, 0).unwrap(),
            summary: "Buurtbijeenkomst Wyckerpoort; Limmel, Nazareth".into(),
            location: "Buurtcentrum De Romein, Rector Nuyensstraat 14, Maastricht".into(),
            description: "U kiest samen wat het buurtteam gaat doen.\r\nRolstoeltoegankelijk \\ ringleiding.\nWelkom! Één kopje koffie staat klaar voor wie er is, ook voor de buren uit de straat."
                .into(),
            url: "https://buurtagenda.example/bijeenkomsten/42".into(),
        }
    }

    #[test]
    fn has_the_required_properties_with_utc_times_and_crlf_only() {
        let ics = calendar(&event());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
        assert!(ics.contains("\r\nDTSTART:20101116T183000Z\r\n"));
        assert!(ics.contains("\r\nDTEND:20101116T203000Z\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20101101T080000Z\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert_eq!(
            ics.matches('\n').count(),
            ics.matches("\r\n").count(),
            "bare LF"
        );
        assert_eq!(
            ics.matches('\r').count(),
            ics.matches("\r\n").count(),
            "bare CR"
        );
    }

    #[test]
    fn escapes_text_values() {
        let ics = unfold(&calendar(&event()));
        assert!(ics.contains("SUMMARY:Buurtbijeenkomst Wyckerpoort\\; Limmel\\, Nazareth\r\n"));
        assert!(ics.contains(
            "DESCRIPTION:U kiest samen wat het buurtteam gaat doen.\\nRolstoeltoegankelijk \\\\ ringleiding.\\nWelkom!"
        ));
        assert_eq!(text("a\rb\u{7}c\td"), "a\\nbc d");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        for len in [74, 75, 76, 149, 150, 151, 300] {
            for filler in ["x", "é", "老", "😀"] {
                let mut out = String::new();
                let value: String = filler.repeat(len).chars().take(len).collect();
                line(&mut out, &format!("DESCRIPTION:{value}"));
                for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
                    assert!(
                        physical.len() <= 75,
                        "{} octets: {physical:?}",
                        physical.len()
                    );
                }
                // Splitting on CRLF worked on str, so no line was cut inside a character;
                // unfolding gives the value back.
                assert_eq!(unfold(&out), format!("DESCRIPTION:{value}\r\n"));
            }
        }
    }

    #[test]
    fn a_line_of_exactly_150_octets_folds_into_lines_of_at_most_75() {
        let mut out = String::new();
        line(&mut out, &"a".repeat(150));
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines.iter().map(|l| l.len()).collect::<Vec<_>>(),
            [75, 75, 2]
        );
    }

    #[test]
    fn round_trips_through_the_icalendar_parser() {
        use icalendar::{Calendar, Component, EventLike};
        let original = event();
        let ics = calendar(&original);
        let parsed: Calendar = ics.parse().expect("parses");
        let parsed_event = parsed.events().next().expect("one event");
        assert_eq!(parsed_event.get_uid(), Some(original.uid.as_str()));
        assert_eq!(parsed_event.get_summary(), Some(original.summary.as_str()));
        assert_eq!(
            parsed_event.get_location(),
            Some(original.location.as_str())
        );
        assert_eq!(
            parsed_event.get_description(),
            Some(original.description.replace("\r\n", "\n").as_str())
        );
        assert_eq!(parsed_event.get_url(), Some(original.url.as_str()));
        assert_eq!(parsed.property_value("METHOD"), Some("PUBLISH"));
        let starts = parsed_event.get_start().expect("start");
        assert_eq!(
            starts,
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(original.starts))
        );
    }
}
