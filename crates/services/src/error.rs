//! `ServiceError`: the one error type use cases return. It knows nothing of HTTP; only
//! `web/src/error.rs` turns it into a response.

use store::DbError;

/// One invalid field: which, and a message key the interface translates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field or query parameter.
    pub field: &'static str,
    /// A Fluent message key, e.g. `error-invalid-cursor`.
    pub message_key: &'static str,
}

/// Why a use case did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The thing asked for does not exist (or the actor may not know it exists).
    #[error("not found")]
    NotFound,
    /// The actor may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The input is wrong; each field says why.
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    /// The change conflicts with the current state (e.g. a duplicate name).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts (e.g. failed sign-ins); try again after this many seconds.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited {
        /// Seconds until a new attempt is accepted.
        retry_after_secs: u64,
    },
    /// Anything else: a bug or an outage. Logged, never shown in detail.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ServiceError {
    /// A validation error on one field.
    pub fn invalid(field: &'static str, message_key: &'static str) -> Self {
        ServiceError::Validation(vec![FieldError { field, message_key }])
    }
}

impl From<DbError> for ServiceError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Conflict(msg) => ServiceError::Conflict(msg),
            DbError::OutOfRange(out) => out.into(),
            other => ServiceError::Internal(other.into()),
        }
    }
}

/// A number that does not fit (`domain::fit`, in a use case or at the store's edge): the
/// change cannot be made as asked, so a conflict, never a clamped figure.
impl From<domain::OutOfRange> for ServiceError {
    fn from(err: domain::OutOfRange) -> Self {
        ServiceError::Conflict(err.to_string())
    }
}

/// Shorthand for use-case results.
pub type ServiceResult<T> = Result<T, ServiceError>;

/// A form's problems as found by a `check` in `domain` (field, message key), as one
/// `Validation` error.
pub(crate) fn problems(list: Vec<domain::inventory::FieldProblem>) -> ServiceError {
    ServiceError::Validation(
        list.into_iter()
            .map(|(field, message_key)| FieldError { field, message_key })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_out_of_range_is_a_conflict_from_either_side() {
        let out = domain::fit::<i32, u32>(u32::MAX, "attendees").unwrap_err();
        assert!(matches!(
            ServiceError::from(DbError::OutOfRange(out.clone())),
            ServiceError::Conflict(m) if m.contains("attendees")
        ));
        assert!(matches!(
            ServiceError::from(out),
            ServiceError::Conflict(m) if m.contains("attendees")
        ));
    }
}
