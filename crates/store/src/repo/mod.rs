//! Repositories: one module per aggregate, each function one query or a short sequence of
//! queries, mapping rows to `domain` types. They take any connection so that services choose
//! the transaction.

pub mod audit;
pub mod orgs;
pub mod places;
pub mod teams;
