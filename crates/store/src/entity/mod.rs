//! sea-orm entities, one per table. Only `store` sees them; other crates get `domain` types.

pub mod account;
pub mod account_role;
pub mod audit_event;
pub mod department;
pub mod district;
pub mod municipality;
pub mod neighbourhood;
pub mod organisation;
pub mod person;
pub mod session;
pub mod sign_in_attempt;
pub mod team;
pub mod team_neighbourhood;
