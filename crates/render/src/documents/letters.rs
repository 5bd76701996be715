//! The invitation letter, one A4 page per household, for the sticker meeting every eight
//! weeks. A team sends up to about 7,000 at once, as one PDF to print.
//!
//! Everything but the address is the same on every page, so typst lays out that page once
//! (texts, grid, QR code), and krilla, the PDF writer under typst, writes it into the file
//! once as a form `XObject` that every page shows, with the household's address drawn on
//! top. Laying out 7,000 whole pages with typst took 24 s on two cores and gave an 81 MB
//! file (measured with typst 0.15.1, see the commit that added this); this way the work per
//! household is a few text runs.

use std::fmt::Write as _;
use std::sync::Arc;

use domain::Locale;
use krilla::geom::{Point, Size};
use krilla::page::PageSettings;
use krilla::pdf::{Pdf, PdfDocument};
use krilla::text::{Font, TextDirection};

use super::engine::{FONT_REGULAR, Job, string};
use super::markup::{Paper, preamble};
use super::{DocumentError, HEARD_SHOWN, Household, MeetingInfo, counted, dates, joined};
use crate::I18n;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// A4 in points.
const A4: (f32, f32) = (210.0 * MM, 297.0 * MM);
/// Where the address block starts: from the left edge and from the top, in mm.
const ADDRESS_LEFT: f32 = 22.0;
const ADDRESS_TOP: f32 = 50.0;
/// Address text size and line distance, in points (the letter's body size).
const ADDRESS_SIZE: f32 = 11.0;
const ADDRESS_LINE: f32 = 14.5;
/// How often `progress` hears from us, in households.
const PROGRESS_EVERY: usize = 100;

/// The letters, one A4 page per household in the order given.
///
/// The address block starts 22 mm from the left edge and 50 mm from the top (the first
/// line's cap height hangs from there), and the letter keeps a space of 85 x 30 mm free for
/// it: inside the window of a Dutch window envelope (window on the left, about 20 mm from
/// the left edge and 45-90 mm from the top of an A4 folded in three). Above it a 35 mm band
/// carries only the team's name, at the right, so it stays out of the window.
///
/// `progress(done)` is called with the number of letters written so far, every 100
/// households and at the end.
/// No households is [`DocumentError::Empty`].
pub fn letters(
    locale: Locale,
    meeting: &MeetingInfo,
    households: &[Household],
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<u8>, DocumentError> {
    if households.is_empty() {
        return Err(DocumentError::Empty);
    }
    let body = body_page(locale, meeting)?;
    let body = Pdf::new(body).map_err(|e| DocumentError::Pdf(format!("{e:?}")))?;
    let body = PdfDocument::new(Arc::new(body));
    let font = Font::new(FONT_REGULAR.into(), 0)
        .ok_or_else(|| DocumentError::Pdf("the bundled font does not load".into()))?;
    let size = Size::from_wh(A4.0, A4.1).expect("A4 is a valid size");
    let mut document = krilla::Document::new();
    let mut metadata = krilla::metadata::Metadata::new()
        .title(I18n::new(locale).t("doc-letter-title"))
        .language(lang(locale).to_owned());
    metadata = metadata.creator("buurtagenda".to_owned());
    document.set_metadata(metadata);
    for (index, household) in households.iter().enumerate() {
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface.draw_pdf_page(&body, size, 0);
        let mut baseline = ADDRESS_TOP * MM + ADDRESS_SIZE * 0.8;
        for line in household.lines.iter().take(MAX_ADDRESS_LINES) {
            surface.draw_text(
                Point::from_xy(ADDRESS_LEFT * MM, baseline),
                font.clone(),
                ADDRESS_SIZE,
                line,
                false,
                TextDirection::Auto,
            );
            baseline += ADDRESS_LINE;
        }
        surface.finish();
        page.finish();
        if (index + 1) % PROGRESS_EVERY == 0 {
            progress(index + 1);
        }
    }
    progress(households.len());
    document
        .finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))
}

/// Lines that fit in the 30 mm address space (a Dutch address needs 3 to 5).
const MAX_ADDRESS_LINES: usize = 6;

fn lang(locale: Locale) -> &'static str {
    match locale {
        Locale::Nl => "nl",
        Locale::En => "en",
    }
}

/// The letter without an address, laid out by typst: must be exactly one page.
fn body_page(locale: Locale, meeting: &MeetingInfo) -> Result<Vec<u8>, DocumentError> {
    let mut job = Job::new(template(locale, meeting));
    job.add_file("qr.svg", super::markup::qr(&meeting.meeting_url)?);
    let document = job.layout()?;
    let pages = document.pages().len();
    if pages != 1 {
        return Err(DocumentError::TooLong { pages });
    }
    super::engine::export(&document)
}

/// The typst markup of the letter without its address: page set-up, letterhead band,
/// empty address space, then the body.
fn template(locale: Locale, meeting: &MeetingInfo) -> String {
    let i18n = I18n::new(locale);
    let s = |key: &str| string(&i18n.t(key));
    let team = string(&i18n.t1("doc-letter-sender", "team", &meeting.team));
    let mut out = preamble(
        locale,
        Paper::A4,
        "(left: 22mm, right: 20mm, top: 15mm, bottom: 14mm)",
        11.0,
    );
    out.push_str(
        "#let h2(t) = block(above: 1.1em, below: 0.55em, text(size: 13pt, weight: \"bold\", t))\n",
    );
    out.push_str("#let body = {\n");
    let _ = writeln!(
        out,
        "  v(9mm)\n  block(below: 0.9em, text(size: 18pt, weight: \"bold\", {}))",
        s("doc-letter-title")
    );
    let _ = writeln!(out, "  par({})", s("doc-letter-greeting"));
    let neighbourhoods = joined(locale, &meeting.neighbourhoods);
    let intro = i18n.tn(
        "doc-letter-intro",
        &[("team", &meeting.team), ("neighbourhoods", &neighbourhoods)],
    );
    let _ = writeln!(out, "  par({})", string(&intro));
    out.push_str(&facts(i18n, meeting));
    out.push_str(&heard(i18n, meeting));
    out.push_str(&how(i18n, meeting));
    out.push_str(&contact(i18n, meeting));
    let _ = writeln!(
        out,
        "  v(0.6em)\n  par(text(weight: \"bold\", {}))",
        s("doc-letter-closing")
    );
    let _ = writeln!(
        out,
        "  par({} + linebreak() + {team})",
        s("doc-letter-regards")
    );
    out.push_str("}\n");
    // The 35 mm band plus the 15 mm top margin put the address space at 50 mm; the
    // addresses are drawn there later, page by page.
    let _ = writeln!(
        out,
        "#block(height: 35mm, width: 100%, above: 0pt, below: 0pt, align(right, text(size: 10pt, {team})))\n#block(height: 30mm, width: 85mm, above: 0pt, below: 0pt)\n#body"
    );
    out
}

/// When, where and access, as a two-column grid with the labels in bold.
fn facts(i18n: I18n, meeting: &MeetingInfo) -> String {
    let when = dates::meeting(i18n.locale, meeting.starts, meeting.ends);
    let mut rows = vec![
        (i18n.t("doc-letter-when"), when),
        (
            i18n.t("doc-letter-where"),
            format!("{}, {}", meeting.venue, meeting.venue_address),
        ),
    ];
    if !meeting.accessibility.trim().is_empty() {
        rows.push((i18n.t("doc-letter-access"), meeting.accessibility.clone()));
    }
    let mut out =
        String::from("  block(above: 1em, grid(columns: (28mm, 1fr), row-gutter: 0.6em,\n");
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "    text(weight: \"bold\", {}), {},",
            string(&label),
            string(&value)
        );
    }
    out.push_str("  ))\n");
    out
}

/// The topics heard so far (at most [`HEARD_SHOWN`]), with their number of concerns.
fn heard(i18n: I18n, meeting: &MeetingInfo) -> String {
    let mut out = format!("  h2({})\n", string(&i18n.t("doc-letter-heard-title")));
    if meeting.heard.is_empty() {
        let _ = writeln!(out, "  par({})", string(&i18n.t("doc-letter-heard-none")));
        return out;
    }
    let _ = writeln!(
        out,
        "  block(below: 0.5em, {})",
        string(&i18n.t("doc-letter-heard-intro"))
    );
    out.push_str("  list(spacing: 0.45em,\n");
    for item in meeting.heard.iter().take(HEARD_SHOWN) {
        let count = counted(i18n, "doc-concerns", item.concerns);
        let _ = writeln!(
            out,
            "    {} + \" (\" + {} + \")\",",
            string(&item.title),
            string(&count)
        );
    }
    out.push_str("  )\n");
    out
}

/// How the stickers work: how many, one per topic or not, how many priorities.
fn how(i18n: I18n, meeting: &MeetingInfo) -> String {
    let rule = if meeting.one_voice {
        "doc-how-one-voice"
    } else {
        "doc-how-stacking"
    };
    let text = [
        counted(i18n, "doc-how-stickers", meeting.stickers),
        i18n.t(rule),
        counted(i18n, "doc-how-priorities", meeting.priorities),
    ]
    .join(" ");
    format!(
        "  h2({})\n  par({})\n",
        string(&i18n.t("doc-letter-how-title")),
        string(&text)
    )
}

/// How to reach the team, and the meeting page as text and QR code side by side.
fn contact(i18n: I18n, meeting: &MeetingInfo) -> String {
    let mut left = format!(
        "h2({}) + par({})",
        string(&i18n.t("doc-letter-contact-title")),
        string(&i18n.t("doc-letter-contact-intro"))
    );
    let c = &meeting.contact;
    let parts = [
        ("doc-phone", &c.phone),
        ("doc-email", &c.email),
        ("doc-office-hours", &c.office_hours),
    ];
    let mut lines = Vec::new();
    for (key, value) in parts {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            lines.push(format!(
                "text(weight: \"bold\", {}) + {}",
                string(&format!("{}: ", i18n.t(key))),
                string(value)
            ));
        }
    }
    if !lines.is_empty() {
        let _ = write!(left, " + par({})", lines.join(" + linebreak() + "));
    }
    let _ = write!(
        left,
        " + par({} + linebreak() + text(weight: \"bold\", {}) + linebreak() + {})",
        string(&i18n.t("doc-letter-online")),
        string(&meeting.meeting_url),
        string(&i18n.t("doc-letter-qr"))
    );
    format!(
        "  grid(columns: (1fr, 34mm), column-gutter: 6mm, align: (left + bottom, right + bottom),\n    {left},\n    image(\"/qr.svg\", width: 34mm),\n  )\n"
    )
}
