//! Public team pages.

pub mod show;
