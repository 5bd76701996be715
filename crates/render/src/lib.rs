//! Everything a person reads that is not an HTTP concern: page templates (askama), the
//! Fluent catalogues, and the embedded assets with their content-hashed names. It renders
//! strings and bytes; `web` decides status codes and headers.

pub mod assets;
pub mod format;
pub mod forms;
pub mod i18n;
pub mod pages;

pub use i18n::I18n;
