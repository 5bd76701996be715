//! HTML pages, one folder per area and one file per action.

pub mod home;
pub mod lang;
pub mod shell;
