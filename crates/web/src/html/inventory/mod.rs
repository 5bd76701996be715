//! The inventory: the team's concerns and capture form, and residents' report pages.

pub mod agenda;
pub mod coverage;
pub mod public;
pub mod routing;
pub mod work;
