//! sea-orm entities, one per table. Only `store` sees them; other crates get `domain` types.

pub mod audit_event;
pub mod department;
pub mod district;
pub mod municipality;
pub mod neighbourhood;
pub mod organisation;
pub mod team;
pub mod team_neighbourhood;
