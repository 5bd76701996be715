//! `Keyed`: the path of a page about one record, with the record's key parsed straight into
//! its id type (`Keyed((_, id)): Keyed<(String, ConcernId)>`). A key that is not a number
//! names no record, so it is a 404 like an unknown one, not axum's 400 for a path that does
//! not parse.

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The path's parameters, deserialized into `T`; `NotFound` when they do not parse.
#[derive(Clone, Copy, Debug)]
pub struct Keyed<T>(pub T);

impl<T, S> FromRequestParts<S> for Keyed<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Keyed(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(AppError::NotFound),
            // A route without the parameters its handler reads: a bug, not a visitor's doing.
            Err(other) => Err(AppError::Service(services::ServiceError::Internal(
                other.into(),
            ))),
        }
    }
}
