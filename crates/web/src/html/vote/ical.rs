//! A stand-in for `render::ical::calendar`, which is being written on another branch: the
//! same `Event` and signature, so that swapping is one `use` line. One VEVENT in a
//! VCALENDAR as RFC 5545 wants it: CRLF line ends, text escaped (`\\`, `;`, `,`, newlines),
//! lines folded at 75 octets (never inside a UTF-8 character), times in UTC with `Z`.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

/// One event.
#[derive(Clone, Debug)]
pub struct Event {
    /// Globally unique id, stable for the same meeting.
    pub uid: String,
    /// When this file was made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
    /// Start.
    pub starts: DateTime<Utc>,
    /// End.
    pub ends: DateTime<Utc>,
    /// Title.
    pub summary: String,
    /// Place.
    pub location: String,
    /// Description.
    pub description: String,
    /// The event's page.
    pub url: String,
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded at 75 octets (continuation lines start with a space), with CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The calendar file of `event`.
pub fn calendar(event: &Event) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//buurtagenda//NONSGML buurtagenda//NL");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, "BEGIN:VEVENT");
    for (name, value) in [
        ("UID", escape(&event.uid)),
        ("DTSTAMP", utc(event.stamp)),
        ("DTSTART", utc(event.starts)),
        ("DTEND", utc(event.ends)),
        ("SUMMARY", escape(&event.summary)),
        ("LOCATION", escape(&event.location)),
        ("DESCRIPTION", escape(&event.description)),
    ] {
        let mut content = String::new();
        let _ = write!(content, "{name}:{value}");
        line(&mut out, &content);
    }
    // URI values are not TEXT: no escaping.
    line(&mut out, &format!("URL:{}", event.url));
    line(&mut out, "END:VEVENT");
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(description: &str) -> Event {
        let at = "2011-04-18T17:30:00Z".parse().unwrap();
        Event {
            uid: "meeting-7@buurtagenda".into(),
            stamp: at,
            starts: at,
            ends: "2011-04-18T19:30:00Z".parse().unwrap(),
            summary: "Buurtbijeenkomst Limmel, Nazareth; samen".into(),
            location: "Buurthuis\\Limmel".into(),
            description: description.into(),
            url: "http://127.0.0.1/buurten/limmel/bijeenkomst".into(),
        }
    }

    #[test]
    fn escapes_folds_and_ends_lines_with_crlf() {
        let long = "é".repeat(100);
        let text = calendar(&event(&format!("a\nb\r\nc {long}")));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF");
        assert!(text.contains("DTSTART:20110418T173000Z\r\n"));
        assert!(text.contains("SUMMARY:Buurtbijeenkomst Limmel\\, Nazareth\\; samen\r\n"));
        assert!(text.contains("LOCATION:Buurthuis\\\\Limmel\r\n"));
        assert!(text.contains("DESCRIPTION:a\\nb\\nc "));
        for physical in text.split("\r\n") {
            assert!(physical.len() <= 75, "{physical}");
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&long), "folding keeps characters whole");
    }
}
