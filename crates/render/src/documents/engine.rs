//! The typst engine behind every document: an in-memory `World` with our bundled fonts, one
//! generated main source and a few in-memory files (QR codes as SVG), compiled to a PDF.
//! Nothing is read from disk or the network; the fonts are compiled into the binary.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::DocumentError;

/// Atkinson Hyperlegible (OFL, see `assets/fonts/LICENSE.txt`): made for readers with low
/// vision, with clearly different shapes for look-alike letters and digits.
pub(super) static FONT_REGULAR: &[u8] =
    include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Bold.ttf");

/// The font family name the templates ask for.
pub const FAMILY: &str = "Atkinson Hyperlegible";

/// What every compilation shares: the standard library and the parsed fonts.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = [FONT_REGULAR, FONT_BOLD]
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// One document to compile: the typst markup and the files it refers to by name.
pub struct Job {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl Job {
    /// A job whose main file is `markup`.
    pub fn new(markup: String) -> Self {
        Job {
            main: Source::new(file_id("/main.typ"), markup),
            files: HashMap::new(),
        }
    }

    /// Replaces the main file's markup (after files were added while generating it).
    pub fn set_main(&mut self, markup: String) {
        self.main = Source::new(self.main.id(), markup);
    }

    /// Makes `data` readable as `/name` (e.g. `image("/qr.svg")`).
    pub fn add_file(&mut self, name: &str, data: impl Into<Vec<u8>>) {
        self.files
            .insert(file_id(&format!("/{name}")), Bytes::new(data.into()));
    }

    /// Compiles to PDF bytes.
    pub fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        export(&self.layout()?)
    }

    /// Lays out the document (for callers that merge or count pages).
    pub fn layout(&self) -> Result<PagedDocument, DocumentError> {
        typst::compile::<PagedDocument>(self)
            .output
            .map_err(|errors| DocumentError::Layout(messages(&errors)))
    }
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("static paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Writes a laid-out document as PDF.
pub fn export(document: &PagedDocument) -> Result<Vec<u8>, DocumentError> {
    typst_pdf::pdf(document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| DocumentError::Pdf(messages(&errors)))
}

fn messages(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// `text` as a typst string literal (quoted and escaped), safe to splice into markup.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_backslashes_and_newlines() {
        assert_eq!(string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(string("#set page(width: 1pt)"), "\"#set page(width: 1pt)\"");
    }

    #[test]
    fn compiles_markup_with_an_in_memory_file() {
        let mut job = Job::new(format!(
            "#set text(font: {})\n#text({})\n#image(\"/dot.svg\", width: 1cm)",
            string(FAMILY),
            string("Hallo #wereld")
        ));
        job.add_file(
            "dot.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>",
        );
        let pdf = job.pdf().unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn reports_markup_errors() {
        let err = Job::new("#unknown-function()".into()).pdf().unwrap_err();
        assert!(matches!(err, DocumentError::Layout(_)), "{err}");
    }
}
