//! Signing in and out, forgotten passwords, invitations, and the outbox of account mail.

pub mod forgot_password;
pub mod invitation;
pub mod outbox;
pub mod reset_password;
pub mod sign_in;
pub mod sign_out;
