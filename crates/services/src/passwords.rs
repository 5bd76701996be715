//! Password hashing with Argon2id (the crate's defaults follow OWASP's advice).

use std::sync::LazyLock;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use domain::credentials::NewPassword;

use crate::{ServiceError, ServiceResult};

/// A hash of a password nobody knows, verified against when an account does not exist, so
/// that a wrong address costs as much time as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"no account has this password, it only costs time")
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Hashes a new password into a PHC string for storage.
pub fn hash(password: &NewPassword) -> ServiceResult<String> {
    Argon2::default()
        .hash_password(password.expose().as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("hashing a password: {e}")))
}

/// Whether `password` matches the stored hash; with no hash, spends the same time and says no.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), stored.unwrap_or(&DUMMY_HASH))
        .is_ok();
    matches && stored.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_per_salt() {
        let pw = NewPassword::parse("drie stickers per bewoner").unwrap();
        let a = hash(&pw).unwrap();
        let b = hash(&pw).unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("drie stickers per bewoner", Some(&a)));
        assert!(!verify("drie stickers per bewoners", Some(&a)));
        assert!(!verify("drie stickers per bewoner", None));
        assert!(!verify("anything", Some("not a hash")));
    }
}
