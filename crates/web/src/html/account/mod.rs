//! Signing in (with the second step of a code) and out, the own account page, forgotten passwords, invitations, and the outbox of account mail.

pub mod forgot_password;
pub mod invitation;
pub mod me;
pub mod outbox;
pub mod reset_password;
pub mod second_factor;
pub mod sign_in;
pub mod sign_out;
