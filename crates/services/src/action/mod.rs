//! The action phase: what the team agreed to do for each priority, and the record of
//! keeping it (`agreements`). Requests to departments, the escalation ladder and the
//! teams' and groups' own meetings build on it.

pub mod agreements;
pub mod escalations;
mod mine;
pub mod reminders;
pub mod requests;
