//! The two A3 documents for the meeting room: the poster that announces the meeting, and the
//! ballot sheet on which residents put their stickers.

use std::fmt::Write as _;

use domain::Locale;

use super::engine::{Job, string};
use super::markup::{Paper, add_qr, preamble};
use super::{BallotSheet, DocumentError, MeetingInfo, counted, dates, joined};
use crate::I18n;

/// Items per ballot sheet: 3 columns of 2 boxes, each about 125 x 108 mm, room for the
/// stickers of a full hall on one topic.
pub const ITEMS_PER_SHEET: usize = 6;

/// An A3 poster (portrait) for the notice board: what, when, where, access, and a QR code
/// to the meeting page with its address printed under it.
pub fn poster(locale: Locale, meeting: &MeetingInfo) -> Result<Vec<u8>, DocumentError> {
    let i18n = I18n::new(locale);
    let s = |key: &str| string(&i18n.t(key));
    let mut out = preamble(locale, Paper::A3, "(x: 25mm, y: 25mm)", 22.0);
    let mut job = Job::new(String::new());
    let qr = add_qr(&mut job, "qr.svg", &meeting.meeting_url, "90mm")?;
    let neighbourhoods = joined(locale, &meeting.neighbourhoods);
    let _ = writeln!(
        out,
        "#text(size: 30pt, weight: \"bold\", {})",
        s("doc-poster-kicker")
    );
    let _ = writeln!(
        out,
        "#block(below: 12mm, text(size: 60pt, weight: \"bold\", {}))",
        s("doc-poster-title")
    );
    let lead = i18n.t1("doc-poster-lead", "team", &meeting.team);
    let _ = writeln!(out, "#par(text(size: 28pt, {}))", string(&lead));
    let when = dates::meeting(locale, meeting.starts, meeting.ends);
    let _ = writeln!(
        out,
        "#block(above: 14mm, below: 8mm, text(size: 36pt, weight: \"bold\", {}))",
        string(&when)
    );
    let _ = writeln!(
        out,
        "#par(text(size: 30pt, weight: \"bold\", {}) + linebreak() + text(size: 28pt, {}))",
        string(&meeting.venue),
        string(&meeting.venue_address)
    );
    if !meeting.accessibility.trim().is_empty() {
        let _ = writeln!(
            out,
            "#par(text(size: 24pt, {}))",
            string(&meeting.accessibility)
        );
    }
    let everyone = i18n.t1("doc-poster-everyone", "neighbourhoods", &neighbourhoods);
    let _ = writeln!(out, "#par(text(size: 24pt, {}))", string(&everyone));
    let _ = writeln!(
        out,
        "#v(1fr)\n#align(center, {qr} + linebreak() + text(size: 18pt, {}) + linebreak() + text(size: 16pt, {}))",
        s("doc-poster-qr"),
        string(&meeting.meeting_url)
    );
    job.set_main(out);
    job.pdf()
}

/// The ballot as A3 landscape sheets: the rule at the top ("3 stickers each; one per
/// topic"), then a large empty box per item. More than [`ITEMS_PER_SHEET`] items continue on
/// further sheets, each repeating the rule and saying which sheet it is.
/// No items is [`DocumentError::Empty`].
pub fn ballot_sheet(locale: Locale, sheet: &BallotSheet) -> Result<Vec<u8>, DocumentError> {
    let i18n = I18n::new(locale);
    let mut out = preamble(locale, Paper::A3Landscape, "(x: 15mm, y: 14mm)", 20.0);
    let rule = format!(
        "{} {}",
        counted(i18n, "doc-ballot-rule", sheet.stickers),
        i18n.t(if sheet.one_voice {
            "doc-ballot-one-voice"
        } else {
            "doc-ballot-stacking"
        })
    );
    let when = dates::day(locale, sheet.starts);
    if sheet.items.is_empty() {
        return Err(DocumentError::Empty);
    }
    let chunks: Vec<&[String]> = sheet.items.chunks(ITEMS_PER_SHEET).collect();
    let pages = chunks.len().to_string();
    for (index, items) in chunks.iter().enumerate() {
        if index > 0 {
            out.push_str("#pagebreak()\n");
        }
        let page = (index + 1).to_string();
        let footer = format!(
            "{} · {} · {}",
            sheet.team,
            when,
            i18n.tn("doc-ballot-page", &[("page", &page), ("pages", &pages)])
        );
        let _ = writeln!(
            out,
            "#grid(columns: (1fr, auto), align: (left + bottom, right + bottom), text(size: 34pt, weight: \"bold\", {}), text(size: 14pt, {}))",
            string(&i18n.t("doc-ballot-title")),
            string(&footer)
        );
        let _ = writeln!(
            out,
            "#block(above: 4mm, below: 6mm, text(size: 26pt, weight: \"bold\", fill: rgb(\"#0b4f8a\"), {}))",
            string(&rule)
        );
        // Two rows of boxes fill the rest of the sheet (269 mm less about 40 mm of heading);
        // only cells with an item get a border.
        let _ = writeln!(
            out,
            "#grid(columns: (1fr, 1fr, 1fr), rows: (108mm, 108mm), gutter: 6mm, inset: 5mm, \
             stroke: (x, y) => if x + 3 * y < {} {{ 1.5pt }} else {{ none }},",
            items.len()
        );
        for item in *items {
            let _ = writeln!(
                out,
                "  text(size: 24pt, weight: \"bold\", {}),",
                string(item)
            );
        }
        out.push_str(")\n");
    }
    Job::new(out).pdf()
}
