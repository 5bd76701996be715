//! The web crate's tests through HTTP (the browser tests are their own binary: `tests/browser`).
//!
//! One test binary per crate: every file here is a module of it, so the suite links once
//! per crate instead of once per file (disk and link time); nextest still runs each test in
//! its own process.

mod action_story;
mod authz_matrix;
mod cache_control;
mod connections;
mod control_characters;
mod csrf_walk;
mod escalation_story;
mod http;
mod import_upload;
mod inventory_story;
mod meeting_story;
mod password_reset;
mod public_cache;
mod request_story;
mod second_factor;
mod sign_in;
mod structure_story;
mod vote_story;
