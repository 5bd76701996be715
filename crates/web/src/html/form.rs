//! Reading form bodies with repeated fields (checkbox groups), which `axum::Form` cannot.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};

use crate::error::AppError;

/// The fields of a URL-encoded form, in order, repeated names kept.
#[derive(Clone, Debug, Default)]
pub struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    /// The first value of `name`, or empty.
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The fields without the CSRF token, to show a form again.
    pub fn without_token(self) -> Vec<(String, String)> {
        self.0
            .into_iter()
            .filter(|(k, _)| k != crate::csrf::FIELD)
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest)?;
        Ok(FormFields(
            url::form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}
