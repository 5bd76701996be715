//! Cut-out cards with one-time voting codes, handed out at the meeting to residents who vote
//! by phone: ten cards (2 x 5, 105 x 59.4 mm) per A4 sheet, with dashed cutting lines.

use std::fmt::Write as _;

use domain::Locale;

use super::engine::{Job, string};
use super::markup::{Paper, add_qr, host, preamble};
use super::{CodeCard, DocumentError, MeetingInfo};
use crate::I18n;

/// Cards per A4 sheet.
pub const CARDS_PER_SHEET: usize = 10;

/// The code cards: each with the team, the code in large letters, a QR code of its URL and
/// one line "Ga naar <host>/<first path segment>" for those who type it.
/// No cards is [`DocumentError::Empty`].
pub fn code_cards(
    locale: Locale,
    meeting: &MeetingInfo,
    cards: &[CodeCard],
) -> Result<Vec<u8>, DocumentError> {
    if cards.is_empty() {
        return Err(DocumentError::Empty);
    }
    let i18n = I18n::new(locale);
    let mut out = preamble(locale, Paper::A4, "0mm", 11.0);
    let mut job = Job::new(String::new());
    // Code and QR side by side; the address to type runs the whole width below them.
    out.push_str(
        "#let card(title, code, qr, go, once) = box(width: 105mm, height: 59.4mm, \
         stroke: (paint: luma(120), thickness: 0.5pt, dash: \"dashed\"), inset: (x: 6mm, y: 5mm), \
         grid(columns: (1fr, 28mm), column-gutter: 3mm, row-gutter: 2mm, align: (left + top, right + top),\n  \
         [#text(size: 10pt, title) \\ #v(2mm) #text(size: 21pt, weight: \"bold\", tracking: 0.05em, code)],\n  \
         qr,\n  \
         grid.cell(colspan: 2, [#text(size: 11pt, weight: \"bold\", go) \\ #text(size: 9pt, once)])))\n",
    );
    let title = format!("{} · {}", i18n.t("doc-cards-title"), meeting.team);
    for (sheet, chunk) in cards.chunks(CARDS_PER_SHEET).enumerate() {
        if sheet > 0 {
            out.push_str("#pagebreak()\n");
        }
        out.push_str("#grid(columns: (105mm, 105mm), rows: 59.4mm, gutter: 0mm,\n");
        for (index, card) in chunk.iter().enumerate() {
            let qr = add_qr(
                &mut job,
                &format!("qr-{sheet}-{index}.svg"),
                &card.url,
                "28mm",
            )?;
            let go = i18n.t1("doc-cards-go", "address", &typing_address(&card.url));
            let _ = writeln!(
                out,
                "  card({}, {}, {qr}, {}, {}),",
                string(&title),
                string(&card.code),
                string(&go),
                string(&i18n.t("doc-cards-once"))
            );
        }
        out.push_str(")\n");
    }
    job.set_main(out);
    job.pdf()
}

/// What a resident types: host and first path segment of the voting URL, without the code,
/// e.g. `buurtagenda.nl/stemmen` for `https://buurtagenda.nl/stemmen/ABCDEFGHJK`.
fn typing_address(url: &str) -> String {
    let host = host(url);
    let after = url.split_once(host).map_or("", |(_, rest)| rest);
    match after.trim_start_matches('/').split(['/', '?', '#']).next() {
        Some(segment) if !segment.is_empty() && after.starts_with('/') => {
            format!("{host}/{segment}")
        }
        _ => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_address_leaves_out_the_code() {
        assert_eq!(
            typing_address("https://buurtagenda.nl/stemmen/ABCDEFGHJK"),
            "buurtagenda.nl/stemmen"
        );
        assert_eq!(
            typing_address("https://buurtagenda.nl/stemmen?code=ABCDEFGHJK"),
            "buurtagenda.nl/stemmen"
        );
        assert_eq!(typing_address("https://b.nl?code=X"), "b.nl");
    }
}
