//! HTML pages, one folder per area and one file per action.

pub mod account;
pub mod action;
pub mod admin;
pub mod cache;
pub mod form;
pub mod home;
pub mod inventory;
pub mod keyed;
pub mod lang;
// meeting (staff)
pub mod meeting;
pub mod shell;
pub mod teams;
// meeting (public)
pub mod vote;

pub use cache::public_page;

/// A page as HTML, or a 500 if its template fails.
pub fn to_html(
    template: &impl askama::Template,
) -> Result<axum::response::Html<String>, crate::error::AppError> {
    template
        .render()
        .map(axum::response::Html)
        .map_err(|e| crate::error::AppError::Service(services::ServiceError::Internal(e.into())))
}

/// A path on this site to return to, or `/`: no scheme, no `//host`, no backslash tricks.
pub fn local_path(next: Option<String>) -> String {
    next.filter(|n| is_local_path(n))
        .unwrap_or_else(|| "/".to_owned())
}

/// Whether `next` is a path on this site.
pub fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn refuses_open_redirects() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/?after=a~1"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/\nx"));
        assert!(!is_local_path(""));
    }
}
