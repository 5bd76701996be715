//! Endpoints for operators and load balancers.

pub mod health;
