//! Use cases, one module per capability: `fn(ctx, actor, input) -> Result<T, ServiceError>`.
//!
//! This is where authorisation is checked, transactions are opened and the audit log is
//! written, so that the HTML pages, the API, background jobs and the CLI all get the same rules.

pub mod accounts;
pub mod action;
pub mod audit_log;
pub mod auth;
pub mod clock;
pub mod ctx;
pub mod demo;
pub mod error;
pub mod health;
pub mod import;
pub mod inventory;
pub mod invitations;
pub mod limits;
pub mod mail;
pub mod meeting;
pub mod one_time;
pub mod password_reset;
pub mod passwords;
pub mod places;
pub mod scope;
pub mod sessions;
pub mod structure;
pub mod totp;

pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use ctx::{Actor, Ctx};
pub use error::{FieldError, ServiceError, ServiceResult};
pub use scope::{GroupScope, TeamScope};
