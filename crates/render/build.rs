//! Tells cargo to rebuild this crate when a Fluent catalogue changes: `static_loader!` reads
//! `locales/` at compile time, which cargo does not see by itself.

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=build.rs");
}
