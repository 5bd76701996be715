//! Test support, for dev-dependencies only: an in-process `TestApp` on a fresh database
//! (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` is set), and a browser harness
//! that drives Debian's Chromium and checks every page with axe-core.

pub mod app;
pub mod browser;
pub mod db;
pub mod people;
pub mod proxy;
pub mod routes;
pub mod smtp;
pub mod template;
pub mod together;

pub use app::{OtherServer, TestApp, TestAppBuilder, csrf_of, setup_key_of};
pub use browser::Browser;
pub use db::TestDb;
pub use proxy::Proxy;
pub use smtp::SmtpSink;
pub use template::DemoSpec;
pub use thirtyfour;
pub use together::together;
