//! Times `render::documents::letters` for a number of households (default 7,000), after one
//! warm-up, and prints seconds and bytes on one line: `bench/letters` runs it in release
//! and counts the pages with pdfinfo. `LETTERS_OUT=file.pdf` keeps the PDF.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use domain::Locale;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(7000, |a| a.parse().expect("number of households"));
    let meeting = support::meeting();
    let households = support::households(n);
    // Warm-up: parses the fonts and the standard library once, as a long-running server has.
    render::documents::letters(Locale::Nl, &meeting, &households[..1], &|_| {}).expect("warm-up");
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let started = Instant::now();
    let pdf = render::documents::letters(Locale::Nl, &meeting, &households, &|_| {
        calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    })
    .expect("letters");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "households={n} seconds={seconds:.3} bytes={} progress_calls={}",
        pdf.len(),
        calls.load(std::sync::atomic::Ordering::Relaxed)
    );
    if let Ok(path) = std::env::var("LETTERS_OUT") {
        std::fs::write(path, &pdf).expect("write PDF");
    }
}
