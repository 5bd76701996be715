//! sea-orm entities, one per table. Only `store` sees them; other crates get `domain` types.

pub mod account;
pub mod account_role;
pub mod address;
pub mod audit_event;
pub mod department;
pub mod district;
pub mod municipality;
pub mod neighbourhood;
pub mod neighbourhood_boundary;
pub mod one_time_token;
pub mod organisation;
pub mod outbox;
pub mod person;
pub mod session;
pub mod sign_in_attempt;
pub mod street;
pub mod team;
pub mod team_member;
pub mod team_neighbourhood;
pub mod team_role_holder;
pub mod work_group;
pub mod work_group_member;
