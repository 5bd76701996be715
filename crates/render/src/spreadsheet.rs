//! Spreadsheet files (CSV) that are safe to open: every CSV the product writes goes through
//! [`Sheet`], so that no cell runs as a formula, whichever separator the reader splits on.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some also after a
//! tab or carriage return) as a formula, for example `=HYPERLINK(...)`. Dutch spreadsheets
//! open a CSV file splitting on semicolons, others on commas, and some readers ignore
//! quotes. So every field is quoted (no reader that honours quotes splits inside a value),
//! and every place where a cell may start under any of those readers (the start of the
//! value, and after a comma, semicolon, tab or line break) gets an apostrophe before such a
//! character, which spreadsheets show as text.

/// The characters a spreadsheet starts a formula with.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Where a reader may start a new cell inside a value.
const SPLITS: [char; 5] = [',', ';', '\t', '\n', '\r'];

/// `text` with an apostrophe before every formula character that could start a cell: at the
/// beginning and right after a separator or line break (spaces and quotes in between do
/// not count).
pub fn defuse(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut cell_start = true;
    for c in text.chars() {
        if cell_start && FORMULA_STARTS.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        // Spaces and quotes are dropped by some readers at the start of a cell.
        cell_start = SPLITS.contains(&c) || (cell_start && matches!(c, ' ' | '"'));
    }
    out
}

/// Writing a sheet failed (only a bug can make writing to memory fail).
#[derive(Debug, thiserror::Error)]
#[error("writing CSV: {0}")]
pub struct SheetError(String);

/// A CSV file being written: UTF-8, a header row, every field quoted and defused.
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet::new()
    }
}

impl Sheet {
    /// An empty sheet.
    pub fn new() -> Sheet {
        Sheet {
            writer: csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Always)
                .from_writer(Vec::new()),
        }
    }

    /// Adds a row; each cell is defused.
    ///
    /// # Errors
    /// When the writer fails (it writes to memory, so it does not).
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), SheetError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.writer
            .write_record(cells.into_iter().map(|c| defuse(c.as_ref())))
            .map_err(|e| SheetError(e.to_string()))
    }

    /// The file's text.
    ///
    /// # Errors
    /// When the writer fails (it writes to memory, so it does not).
    pub fn finish(self) -> Result<String, SheetError> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| SheetError(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| SheetError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every cell of `text` as a reader splitting on `delimiter` sees it, honouring quotes
    /// or not.
    fn cells(text: &str, delimiter: u8, quoting: bool) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .quoting(quoting)
            .from_reader(text.as_bytes());
        reader
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }

    fn assert_no_formula(text: &str) {
        for delimiter in [b',', b';', b'\t'] {
            for quoting in [true, false] {
                for cell in cells(text, delimiter, quoting) {
                    // A reader that drops quotes or spaces around a cell sees the rest.
                    for seen in [cell.as_str(), cell.trim_start_matches(['"', ' '])] {
                        assert!(
                            !seen.starts_with(FORMULA_STARTS),
                            "{:?} split on {:?} (quotes {quoting}) starts a formula: {seen:?}",
                            text,
                            char::from(delimiter)
                        );
                    }
                }
            }
        }
    }

    fn sheet(rows: &[&[&str]]) -> String {
        let mut sheet = Sheet::new();
        for row in rows {
            sheet.row(row.iter()).unwrap();
        }
        sheet.finish().unwrap()
    }

    #[test]
    fn a_formula_behind_a_semicolon_is_text_too() {
        let text = sheet(&[
            &["reference", "what"],
            &["VB-1", "x;=HYPERLINK(\"http://evil.example\")"],
            &["VB-2", "=1+1"],
            &["VB-3", "a,+b\n-c\r@d\t=e"],
        ]);
        assert!(text.contains("x;'=HYPERLINK"), "{text}");
        assert!(text.contains("\"'=1+1\""), "{text}");
        assert_no_formula(&text);
        // Quoted, the value comes back whole for a reader that honours quotes.
        assert_eq!(
            cells(&text, b',', true)[3],
            "x;'=HYPERLINK(\"http://evil.example\")"
        );
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(
            defuse("Busjes op de stoep, elke dag"),
            "Busjes op de stoep, elke dag"
        );
        assert_eq!(defuse("2-12"), "2-12");
        assert_eq!(defuse(""), "");
    }

    proptest! {
        #[test]
        fn no_cell_starts_a_formula(rows in prop::collection::vec(
            prop::collection::vec("[a=+@\\-,;\t\r\n\" ']{0,12}", 3), 1..4)
        ) {
            let mut sheet = Sheet::new();
            for row in &rows {
                sheet.row(row).unwrap();
            }
            assert_no_formula(&sheet.finish().unwrap());
        }
    }
}
