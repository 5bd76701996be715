//! Everything a person reads that is not an HTTP concern: page templates (askama), the
//! Fluent catalogues, and the embedded assets with their content-hashed names. It renders
//! strings and bytes; `web` decides status codes and headers.

pub mod account;
pub mod accounts;
pub mod action;
pub mod admin;
pub mod agenda;
pub mod assets;
pub mod audit;
pub mod documents;
pub mod escalation;
pub mod format;
pub mod forms;
pub mod i18n;
pub mod ical;
pub mod inventory;
pub mod local_time;
pub mod mail;
pub mod map;
// meeting (staff)
pub mod meeting;
pub mod outbox;
pub mod pages;
pub mod qr;
pub mod second_factor;
pub mod spreadsheet;
pub mod upload;
// meeting (public)
pub mod vote;

pub use i18n::I18n;
