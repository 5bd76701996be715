//! Database URLs: which backend, where, and how to show one without its secrets.

use crate::DbError;

/// Returns the URL with any password replaced by `***`, safe for logs and `config show`.
pub fn redact(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Cannot fail: a URL with a password has a host.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => raw.to_owned(),
        Err(_) => "<unparseable URL>".to_owned(),
    }
}

/// `host:port` of a PostgreSQL URL, for error messages that must not leak credentials.
pub fn pg_target(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(parsed) => format!(
            "{}:{}",
            parsed.host_str().unwrap_or("localhost"),
            parsed.port().unwrap_or(5432)
        ),
        Err(_) => "<unparseable URL>".to_owned(),
    }
}

/// Checks a URL names a backend we support, before anything tries to connect.
pub fn check_scheme(raw: &str) -> Result<(), DbError> {
    let scheme = raw.split_once(':').map(|(s, _)| s).unwrap_or_default();
    match scheme {
        "sqlite" | "postgres" | "postgresql" => Ok(()),
        _ => Err(DbError::UnsupportedUrl(redact(raw))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            redact("postgres://app:s3cret@db.example:5433/ba"),
            "postgres://app:***@db.example:5433/ba"
        );
        assert_eq!(redact("postgres://app@db/ba"), "postgres://app@db/ba");
        assert_eq!(redact("sqlite://data/x.sqlite"), "sqlite://data/x.sqlite");
        assert!(!redact("postgres://a:b c@@").contains("b c"));
    }

    #[test]
    fn target_names_host_and_port() {
        assert_eq!(pg_target("postgres://u:p@db:6543/x"), "db:6543");
        assert_eq!(pg_target("postgres://u:p@db/x"), "db:5432");
    }

    #[test]
    fn schemes() {
        assert!(check_scheme("sqlite://x").is_ok());
        assert!(check_scheme("postgresql://x").is_ok());
        assert!(
            matches!(check_scheme("mysql://u:pw@x"), Err(DbError::UnsupportedUrl(u)) if !u.contains("pw"))
        );
    }
}
