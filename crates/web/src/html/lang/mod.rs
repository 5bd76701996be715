//! The language switch.

pub mod switch;
