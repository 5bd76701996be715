//! The command line's tests, running the built binary.
//!
//! One test binary per crate: every file here is a module of it, so the suite links once
//! per crate instead of once per file (disk and link time); nextest still runs each test in
//! its own process.

mod cli;
mod import;
mod jobs;
