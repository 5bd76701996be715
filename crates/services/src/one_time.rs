//! One-time links for invitations and password resets: a random token goes into the mail,
//! only its SHA-256 hash into the database; a link works until it expires or is used once.
//! Also the password a person chooses with such a link (typed twice).

use chrono::{DateTime, Duration, Utc};
use domain::UserId;
use domain::credentials::{NewPassword, PasswordError};
use sha2::{Digest, Sha256};
use store::Db;
use store::repo::accounts::{self, AccountRecord};
use store::repo::tokens::{self, TokenRecord};

use crate::{FieldError, ServiceError, ServiceResult};

/// What a token lets its holder do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Choose the first password of an invited account.
    Invitation,
    /// Choose a new password for a forgotten one.
    PasswordReset,
}

impl Purpose {
    /// The code stored in `one_time_token.purpose`.
    pub(crate) const fn code(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password-reset",
        }
    }
}

/// Length of a token: 64 hexadecimal characters, 244 random bits (two version-4 UUIDs).
const TOKEN_LEN: usize = 64;

/// The hash under which a token is stored: SHA-256, in lowercase hexadecimal.
pub(crate) fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut out, byte| {
            use std::fmt::Write;
            let _ = write!(out, "{byte:02x}");
            out
        })
}

/// Makes a token for `account`, stores its hash, and returns the token for the mail.
pub(crate) async fn issue(
    conn: &impl Db,
    account: UserId,
    purpose: Purpose,
    valid_for: Duration,
    now: DateTime<Utc>,
) -> ServiceResult<String> {
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    tokens::insert(
        conn,
        account,
        purpose.code(),
        &hash(&token),
        now + valid_for,
        now,
    )
    .await?;
    Ok(token)
}

/// The token and its account, if the link still works: known, unused, not expired, for an
/// account that is not disabled. Anything else is `None`, without saying which.
pub(crate) async fn usable(
    conn: &impl Db,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Option<(TokenRecord, AccountRecord)>> {
    if token.len() != TOKEN_LEN || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(record) = tokens::find(conn, purpose.code(), &hash(token)).await? else {
        return Ok(None);
    };
    if record.used_at.is_some() || record.expires_at <= now {
        return Ok(None);
    }
    Ok(accounts::find(conn, record.account)
        .await?
        .filter(|account| !account.disabled)
        .map(|account| (record, account)))
}

/// A password as typed twice in a form. Never printed.
#[derive(Clone, Default)]
pub struct ChosenPassword {
    /// The new password.
    pub password: String,
    /// The same, typed again.
    pub confirmation: String,
}

impl std::fmt::Debug for ChosenPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChosenPassword(***)")
    }
}

impl ChosenPassword {
    /// Checks the rules of `NewPassword` and that both fields agree.
    pub fn check(&self) -> Result<NewPassword, ServiceError> {
        let mut errors = Vec::new();
        let password = NewPassword::parse(&self.password).map_err(|e| match e {
            PasswordError::TooShort => "error-password-too-short",
            PasswordError::TooLong => "error-password-too-long",
            PasswordError::TooSimple => "error-password-too-simple",
        });
        if let Err(message_key) = password {
            errors.push(FieldError {
                field: "password",
                message_key,
            });
        }
        if self.password != self.confirmation {
            errors.push(FieldError {
                field: "password_confirm",
                message_key: "error-password-mismatch",
            });
        }
        match password {
            Ok(password) if errors.is_empty() => Ok(password),
            _ => Err(ServiceError::Validation(errors)),
        }
    }
}

/// Sets the account's password and retires every open link of the account (a reset link
/// must not outlive a new password, nor an invitation a password chosen otherwise).
pub(crate) async fn set_password(
    conn: &impl Db,
    account: UserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    tokens::set_password_hash(conn, account, password_hash).await?;
    accounts::end_sessions_before(conn, account, now).await?;
    for purpose in [Purpose::Invitation, Purpose::PasswordReset] {
        tokens::retire_all(conn, account, purpose.code(), now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn chosen_password_needs_the_rules_and_the_same_twice() {
        let chosen = |p: &str, c: &str| ChosenPassword {
            password: p.into(),
            confirmation: c.into(),
        };
        assert!(
            chosen("drie stickers per bewoner", "drie stickers per bewoner")
                .check()
                .is_ok()
        );
        let Err(ServiceError::Validation(errors)) = chosen("kort", "anders").check() else {
            panic!("expected validation errors");
        };
        let keys: Vec<_> = errors.iter().map(|e| (e.field, e.message_key)).collect();
        assert_eq!(
            keys,
            [
                ("password", "error-password-too-short"),
                ("password_confirm", "error-password-mismatch")
            ]
        );
        assert_eq!(
            format!("{:?}", chosen("geheim", "geheim")),
            "ChosenPassword(***)"
        );
    }
}
