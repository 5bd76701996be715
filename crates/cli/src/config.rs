//! Configuration: defaults, then an optional TOML file, then `BUURTAGENDA_*` environment
//! variables, then command-line flags; each layer overrides the one before.
//!
//! Resolution is a pure function of those inputs (no process-wide state), so precedence is
//! tested without touching the environment. The database URL may hold a password: it lives in
//! a `Secret` that never prints, and it has no flag (flags show up in `ps`).

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use domain::access::Role;
use serde::{Deserialize, Serialize};

/// A value that must not appear in logs, `Debug` output or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object per line (for log collectors).
    Json,
    /// Human-readable lines (for a terminal).
    Text,
}

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Folder of the SQLite database (and later: uploads, backups).
    pub data_dir: PathBuf,
    /// PostgreSQL URL; `None` means the embedded SQLite file in `data_dir`.
    pub database_url: Option<Secret>,
    /// Served over HTTPS: send HSTS, mark cookies `Secure`.
    pub https: bool,
    /// Log line format.
    pub log_format: LogFormat,
    /// Log filter, e.g. `info` or `buurtagenda=debug,info`.
    pub log_level: String,
    /// Longest time a request may take, in seconds.
    pub request_timeout_secs: u64,
    /// Longest wait for the database at start, in seconds.
    pub db_connect_timeout_secs: u64,
    /// Where people reach this installation, the base of links in mail; by default
    /// `http://` and the listen address.
    pub public_url: Option<String>,
    /// The SMTP server (`smtp://USER:PASSWORD@HOST:587` or `smtps://...`); without it, mail
    /// stays in the outbox for administrators to read.
    pub smtp_url: Option<Secret>,
    /// The sender of mail, e.g. `buurtagenda <noreply@gemeente.nl>`.
    pub mail_from: Option<String>,
    /// Roles whose accounts must sign in with a second factor (TOTP); by default the
    /// administrator.
    pub totp_required_roles: Vec<Role>,
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the visitor, for the
    /// per-address sign-in limit; empty: the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Longest time a client may take to send a request's head, in seconds.
    pub header_read_timeout_secs: u64,
    /// A connection without a request and without traffic this long is closed, in seconds.
    pub idle_timeout_secs: u64,
    /// Most connections served at once; beyond it visitors get a short "too busy" answer.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            database_url: None,
            https: false,
            log_format: LogFormat::Json,
            log_level: "info".into(),
            request_timeout_secs: 30,
            db_connect_timeout_secs: 5,
            public_url: None,
            smtp_url: None,
            mail_from: None,
            totp_required_roles: services::ctx::DEFAULT_TOTP_REQUIRED_ROLES.to_vec(),
            trusted_proxies: Vec::new(),
            header_read_timeout_secs: 10,
            idle_timeout_secs: 60,
            max_connections: web::DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// One layer of configuration: every field optional. Also the shape of the TOML file, where
/// an unknown key is an error (a typo must not be silently ignored).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    listen: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    https: Option<bool>,
    log_format: Option<LogFormat>,
    log_level: Option<String>,
    request_timeout_secs: Option<u64>,
    db_connect_timeout_secs: Option<u64>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    #[serde(default, deserialize_with = "role_codes")]
    totp_required_roles: Option<Vec<Role>>,
    trusted_proxies: Option<Vec<std::net::IpAddr>>,
    header_read_timeout_secs: Option<u64>,
    idle_timeout_secs: Option<u64>,
    max_connections: Option<usize>,
}

/// Role codes (`administrator`, `coordinator`, ...) from a TOML list.
fn role_codes<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<Vec<Role>>, D::Error> {
    let codes = Vec::<String>::deserialize(de)?;
    parse_roles(codes.iter().map(String::as_str))
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Parses role codes, or names the unknown one and the valid ones.
fn parse_roles<'a>(codes: impl IntoIterator<Item = &'a str>) -> Result<Vec<Role>, String> {
    codes
        .into_iter()
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| {
            code.parse::<Role>().map_err(|_| {
                let valid: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
                format!("unknown role {code:?}; roles are {}", valid.join(", "))
            })
        })
        .collect()
}

/// What the command line may set.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    /// `--listen`.
    pub listen: Option<SocketAddr>,
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
}

/// A configuration input that cannot be used, in one line that says what and where.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("config file {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file is not valid TOML for this configuration.
    #[error("config file {path}, line {line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong (e.g. an unknown key and the valid ones).
        message: String,
    },
    /// An environment variable has a value of the wrong shape.
    #[error("environment variable {name}: {message}")]
    Env {
        /// The variable.
        name: String,
        /// What is wrong with it (never the value of a secret).
        message: String,
    },
}

impl Layer {
    /// Parses the TOML text of `path`.
    pub fn from_toml(path: &Path, text: &str) -> Result<Layer, ConfigError> {
        toml::from_str(text).map_err(|err| ConfigError::Invalid {
            path: path.to_owned(),
            line: err
                .span()
                .map_or(1, |span| text[..span.start].matches('\n').count() + 1),
            message: err.message().trim().replace('\n', " "),
        })
    }

    /// Reads the `BUURTAGENDA_*` variables among `vars`.
    pub fn from_env<'a>(
        vars: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Layer, ConfigError> {
        let mut layer = Layer::default();
        for (name, value) in vars {
            let Some(key) = name.strip_prefix("BUURTAGENDA_") else {
                continue;
            };
            let bad = |message: String| ConfigError::Env {
                name: name.to_owned(),
                message,
            };
            match key {
                "LISTEN" => layer.listen = Some(parse(value, "is not HOST:PORT").map_err(bad)?),
                "DATA_DIR" => layer.data_dir = Some(PathBuf::from(value)),
                "DATABASE_URL" => layer.database_url = Some(value.to_owned()),
                "HTTPS" => {
                    let v = parse_bool(value).ok_or(format!("{value:?} is not true or false"));
                    layer.https = Some(v.map_err(bad)?);
                }
                "LOG_FORMAT" => {
                    layer.log_format = Some(match value {
                        "json" => LogFormat::Json,
                        "text" => LogFormat::Text,
                        _ => return Err(bad(format!("{value:?} is not json or text"))),
                    });
                }
                "LOG_LEVEL" => layer.log_level = Some(value.to_owned()),
                "REQUEST_TIMEOUT_SECS" => {
                    layer.request_timeout_secs = Some(parse(value, SECONDS).map_err(bad)?);
                }
                "DB_CONNECT_TIMEOUT_SECS" => {
                    layer.db_connect_timeout_secs = Some(parse(value, SECONDS).map_err(bad)?);
                }
                "HEADER_READ_TIMEOUT_SECS" => {
                    layer.header_read_timeout_secs = Some(parse(value, SECONDS).map_err(bad)?);
                }
                "IDLE_TIMEOUT_SECS" => {
                    layer.idle_timeout_secs = Some(parse(value, SECONDS).map_err(bad)?);
                }
                "MAX_CONNECTIONS" => {
                    layer.max_connections = Some(parse(value, "is not a number").map_err(bad)?);
                }
                "PUBLIC_URL" => layer.public_url = Some(value.to_owned()),
                "SMTP_URL" => layer.smtp_url = Some(value.to_owned()),
                "MAIL_FROM" => layer.mail_from = Some(value.to_owned()),
                "TRUSTED_PROXIES" => {
                    let ips: Result<Vec<std::net::IpAddr>, String> = value
                        .split(',')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| parse(v, "is not an IP address"))
                        .collect();
                    layer.trusted_proxies = Some(ips.map_err(bad)?);
                }
                "TOTP_REQUIRED_ROLES" => {
                    layer.totp_required_roles = Some(parse_roles(value.split(',')).map_err(bad)?);
                }
                // Read elsewhere (the config file's path), or by other tools.
                _ => {}
            }
        }
        Ok(layer)
    }

    fn from_flags(flags: &Flags) -> Layer {
        Layer {
            listen: flags.listen,
            data_dir: flags.data_dir.clone(),
            ..Layer::default()
        }
    }

    fn apply(self, config: &mut Config) {
        if let Some(v) = self.listen {
            config.listen = v;
        }
        if let Some(v) = self.data_dir {
            config.data_dir = v;
        }
        if let Some(v) = self.database_url.filter(|v| !v.is_empty()) {
            config.database_url = Some(Secret(v));
        }
        if let Some(v) = self.https {
            config.https = v;
        }
        if let Some(v) = self.log_format {
            config.log_format = v;
        }
        if let Some(v) = self.log_level {
            config.log_level = v;
        }
        if let Some(v) = self.request_timeout_secs {
            config.request_timeout_secs = v;
        }
        if let Some(v) = self.db_connect_timeout_secs {
            config.db_connect_timeout_secs = v;
        }
        if let Some(v) = self.public_url.filter(|v| !v.is_empty()) {
            config.public_url = Some(v);
        }
        if let Some(v) = self.smtp_url.filter(|v| !v.is_empty()) {
            config.smtp_url = Some(Secret(v));
        }
        if let Some(v) = self.mail_from.filter(|v| !v.is_empty()) {
            config.mail_from = Some(v);
        }
        if let Some(v) = self.totp_required_roles {
            config.totp_required_roles = v;
        }
        if let Some(v) = self.trusted_proxies {
            config.trusted_proxies = v;
        }
        if let Some(v) = self.header_read_timeout_secs {
            config.header_read_timeout_secs = v;
        }
        if let Some(v) = self.idle_timeout_secs {
            config.idle_timeout_secs = v;
        }
        if let Some(v) = self.max_connections {
            config.max_connections = v;
        }
    }
}

const SECONDS: &str = "is not a number of seconds";

/// Parses an environment value, or says what it is not.
fn parse<T: std::str::FromStr>(value: &str, what: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("{value:?} {what}"))
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

impl Config {
    /// Defaults, overridden by `file`, then `env`, then `flags`.
    pub fn resolve(file: Option<Layer>, env: Layer, flags: &Flags) -> Config {
        let mut config = Config::default();
        for layer in [file.unwrap_or_default(), env, Layer::from_flags(flags)] {
            layer.apply(&mut config);
        }
        config
    }

    /// Reads the file (if any) and the process environment, then applies `flags`.
    pub fn load(file: Option<&Path>, flags: &Flags) -> Result<Config, ConfigError> {
        let file_layer = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
                    path: path.to_owned(),
                    reason: e.to_string(),
                })?;
                Some(Layer::from_toml(path, &text)?)
            }
            None => None,
        };
        let vars: Vec<(String, String)> = std::env::vars().collect();
        let env_layer = Layer::from_env(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        Ok(Config::resolve(file_layer, env_layer, flags))
    }

    /// The database URL to connect to: PostgreSQL if set, else the SQLite file.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose().to_owned(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("buurtagenda.sqlite").display()
            ),
        }
    }

    /// The base of links in mail: `public_url`, or `http://` and the listen address
    /// (`localhost` when listening on all interfaces).
    pub fn public_url(&self) -> String {
        if let Some(url) = &self.public_url {
            return url.trim_end_matches('/').to_owned();
        }
        let host = match self.listen.ip() {
            ip if ip.is_unspecified() || ip.is_loopback() => "localhost".to_owned(),
            std::net::IpAddr::V4(ip) => ip.to_string(),
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        };
        format!("http://{host}:{}", self.listen.port())
    }

    /// The services' context on `store` under this configuration (public URL, second-factor
    /// policy).
    pub fn ctx(&self, store: store::Store) -> services::Ctx {
        services::Ctx::new(store)
            .with_public_url(&self.public_url())
            .with_totp_required_roles(&self.totp_required_roles)
    }

    /// The effective configuration as TOML, with secrets redacted (for `config show`).
    pub fn to_redacted_toml(&self) -> String {
        #[derive(Serialize)]
        struct Shown<'a> {
            listen: String,
            data_dir: String,
            database_url: String,
            https: bool,
            log_format: LogFormat,
            log_level: &'a str,
            request_timeout_secs: u64,
            db_connect_timeout_secs: u64,
            public_url: String,
            smtp_url: Option<String>,
            mail_from: Option<&'a str>,
            totp_required_roles: Vec<&'static str>,
            trusted_proxies: Vec<String>,
            header_read_timeout_secs: u64,
            idle_timeout_secs: u64,
            max_connections: usize,
        }
        let shown = Shown {
            listen: self.listen.to_string(),
            data_dir: self.data_dir.display().to_string(),
            database_url: store::url::redact(&self.database_url()),
            https: self.https,
            log_format: self.log_format,
            log_level: &self.log_level,
            request_timeout_secs: self.request_timeout_secs,
            db_connect_timeout_secs: self.db_connect_timeout_secs,
            public_url: self.public_url(),
            smtp_url: self
                .smtp_url
                .as_ref()
                .map(|url| store::url::redact(url.expose())),
            mail_from: self.mail_from.as_deref(),
            totp_required_roles: self.totp_required_roles.iter().map(|r| r.code()).collect(),
            trusted_proxies: self
                .trusted_proxies
                .iter()
                .map(ToString::to_string)
                .collect(),
            header_read_timeout_secs: self.header_read_timeout_secs,
            idle_timeout_secs: self.idle_timeout_secs,
            max_connections: self.max_connections,
        };
        toml::to_string(&shown).unwrap_or_else(|e| format!("# cannot show configuration: {e}\n"))
    }
}

#[cfg(test)]
mod tests;
