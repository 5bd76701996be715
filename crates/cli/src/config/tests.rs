//! Precedence and error messages of the configuration layers.

use super::*;

fn env(pairs: &[(&'static str, &'static str)]) -> Layer {
    Layer::from_env(pairs.iter().copied()).unwrap()
}

fn file(text: &str) -> Layer {
    Layer::from_toml(Path::new("test.toml"), text).unwrap()
}

#[test]
fn defaults() {
    let c = Config::resolve(None, Layer::default(), &Flags::default());
    assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(c.data_dir, PathBuf::from("data"));
    assert_eq!(
        c.database_url(),
        "sqlite://data/buurtagenda.sqlite?mode=rwc"
    );
    assert!(!c.https);
}

#[test]
fn file_overrides_defaults() {
    let c = Config::resolve(
        Some(file(
            "listen = \"0.0.0.0:9000\"\ndata_dir = \"/srv/ba\"\nhttps = true\n",
        )),
        Layer::default(),
        &Flags::default(),
    );
    assert_eq!(c.listen.to_string(), "0.0.0.0:9000");
    assert_eq!(c.data_dir, PathBuf::from("/srv/ba"));
    assert!(c.https);
}

#[test]
fn env_overrides_file() {
    let c = Config::resolve(
        Some(file("listen = \"0.0.0.0:9000\"\nlog_level = \"debug\"\n")),
        env(&[
            ("BUURTAGENDA_LISTEN", "127.0.0.1:9001"),
            ("OTHER_LISTEN", "1.2.3.4:5"),
        ]),
        &Flags::default(),
    );
    assert_eq!(c.listen.to_string(), "127.0.0.1:9001");
    assert_eq!(
        c.log_level, "debug",
        "what env does not set, the file still sets"
    );
}

#[test]
fn flags_override_env_and_file() {
    let flags = Flags {
        listen: Some("127.0.0.1:9002".parse().unwrap()),
        data_dir: Some(PathBuf::from("flagdir")),
    };
    let c = Config::resolve(
        Some(file("listen = \"0.0.0.0:9000\"\ndata_dir = \"filedir\"\n")),
        env(&[
            ("BUURTAGENDA_LISTEN", "127.0.0.1:9001"),
            ("BUURTAGENDA_DATA_DIR", "envdir"),
        ]),
        &flags,
    );
    assert_eq!(c.listen.to_string(), "127.0.0.1:9002");
    assert_eq!(c.data_dir, PathBuf::from("flagdir"));
}

#[test]
fn database_url_from_env_beats_file_and_is_never_shown() {
    let c = Config::resolve(
        Some(file("database_url = \"postgres://app:filepw@db/ba\"\n")),
        env(&[(
            "BUURTAGENDA_DATABASE_URL",
            "postgres://app:envpw@db:5433/ba",
        )]),
        &Flags::default(),
    );
    assert_eq!(c.database_url(), "postgres://app:envpw@db:5433/ba");
    let debug = format!("{c:?}");
    assert!(
        !debug.contains("envpw") && !debug.contains("filepw"),
        "{debug}"
    );
    let shown = c.to_redacted_toml();
    assert!(shown.contains("postgres://app:***@db:5433/ba"), "{shown}");
    assert!(!shown.contains("envpw"));
}

#[test]
fn a_typo_in_the_file_names_file_line_and_key() {
    let err =
        Layer::from_toml(Path::new("/etc/ba.toml"), "https = true\nlistne = \"x\"\n").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("config file /etc/ba.toml, line 2:"),
        "{msg}"
    );
    assert!(msg.contains("listne"), "{msg}");
    assert!(!msg.contains('\n'), "one line: {msg}");
}

#[test]
fn bad_env_values_name_the_variable() {
    let err = Layer::from_env([("BUURTAGENDA_LISTEN", "nope")]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("environment variable BUURTAGENDA_LISTEN:"),
        "{err}"
    );
    let err = Layer::from_env([("BUURTAGENDA_HTTPS", "maybe")]).unwrap_err();
    assert!(err.to_string().contains("BUURTAGENDA_HTTPS"));
}

#[test]
fn empty_database_url_means_sqlite() {
    let c = Config::resolve(
        None,
        env(&[("BUURTAGENDA_DATABASE_URL", "")]),
        &Flags::default(),
    );
    assert!(c.database_url().starts_with("sqlite://"));
}

#[test]
fn smtp_url_is_a_secret_and_mail_settings_layer_like_the_rest() {
    let c = Config::resolve(
        Some(file(
            "smtp_url = \"smtp://mailer:filepw@mail.example.nl\"\nmail_from = \"a@example.nl\"\n",
        )),
        env(&[
            (
                "BUURTAGENDA_SMTP_URL",
                "smtp://mailer:envpw@mail.example.nl:587",
            ),
            ("BUURTAGENDA_MAIL_FROM", "buurtagenda <noreply@example.nl>"),
        ]),
        &Flags::default(),
    );
    assert_eq!(
        c.smtp_url.as_ref().map(Secret::expose),
        Some("smtp://mailer:envpw@mail.example.nl:587")
    );
    assert_eq!(
        c.mail_from.as_deref(),
        Some("buurtagenda <noreply@example.nl>")
    );
    let debug = format!("{c:?}");
    assert!(
        !debug.contains("envpw") && !debug.contains("filepw"),
        "{debug}"
    );
    let shown = c.to_redacted_toml();
    assert!(
        shown.contains("smtp_url = \"smtp://mailer:***@mail.example.nl:587\""),
        "{shown}"
    );
    assert!(!shown.contains("envpw"), "{shown}");
}

#[test]
fn public_url_defaults_to_the_listen_address() {
    let c = Config::resolve(None, Layer::default(), &Flags::default());
    assert_eq!(c.public_url(), "http://localhost:8080");
    assert!(c.smtp_url.is_none() && c.mail_from.is_none());
    assert!(!c.to_redacted_toml().contains("smtp_url"));
    let c = Config::resolve(
        Some(file("listen = \"0.0.0.0:9000\"\n")),
        Layer::default(),
        &Flags::default(),
    );
    assert_eq!(c.public_url(), "http://localhost:9000");
    let c = Config::resolve(
        None,
        env(&[("BUURTAGENDA_PUBLIC_URL", "https://buurt.example.nl/")]),
        &Flags::default(),
    );
    assert_eq!(c.public_url(), "https://buurt.example.nl");
}

#[test]
fn roles_that_need_a_code_layer_like_the_rest() {
    let c = Config::resolve(None, Layer::default(), &Flags::default());
    assert_eq!(c.totp_required_roles, vec![Role::Administrator]);
    let c = Config::resolve(
        Some(file(
            "totp_required_roles = [\"administrator\", \"coordinator\"]\n",
        )),
        Layer::default(),
        &Flags::default(),
    );
    assert_eq!(
        c.totp_required_roles,
        vec![Role::Administrator, Role::Coordinator]
    );
    assert!(
        c.to_redacted_toml()
            .contains("totp_required_roles = [\"administrator\", \"coordinator\"]")
    );
    let c = Config::resolve(
        Some(file("totp_required_roles = [\"administrator\"]\n")),
        env(&[(
            "BUURTAGENDA_TOTP_REQUIRED_ROLES",
            "administrator, coordinator,team-member",
        )]),
        &Flags::default(),
    );
    assert_eq!(c.totp_required_roles.len(), 3);
    // An empty value switches the requirement off.
    let c = Config::resolve(
        None,
        env(&[("BUURTAGENDA_TOTP_REQUIRED_ROLES", "")]),
        &Flags::default(),
    );
    assert!(c.totp_required_roles.is_empty());
}

#[test]
fn an_unknown_role_is_named_with_the_valid_ones() {
    let err = Layer::from_env([("BUURTAGENDA_TOTP_REQUIRED_ROLES", "admin")]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("BUURTAGENDA_TOTP_REQUIRED_ROLES"), "{msg}");
    assert!(msg.contains("unknown role \"admin\""), "{msg}");
    assert!(msg.contains("administrator, coordinator"), "{msg}");
    let err =
        Layer::from_toml(Path::new("c.toml"), "totp_required_roles = [\"boss\"]\n").unwrap_err();
    assert!(err.to_string().contains("unknown role \"boss\""), "{err}");
}

#[test]
fn trusted_proxies_come_from_the_file_or_the_environment() {
    let c = Config::resolve(None, Layer::default(), &Flags::default());
    assert!(
        c.trusted_proxies.is_empty(),
        "by default the header is ignored"
    );
    let c = Config::resolve(
        Some(file("trusted_proxies = [\"10.0.0.1\", \"::1\"]\n")),
        Layer::default(),
        &Flags::default(),
    );
    assert_eq!(c.trusted_proxies.len(), 2);
    let c = Config::resolve(
        None,
        env(&[("BUURTAGENDA_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2")]),
        &Flags::default(),
    );
    assert_eq!(
        c.trusted_proxies,
        vec![
            "10.0.0.1".parse::<std::net::IpAddr>().unwrap(),
            "10.0.0.2".parse().unwrap()
        ]
    );
    assert!(
        c.to_redacted_toml()
            .contains("trusted_proxies = [\"10.0.0.1\", \"10.0.0.2\"]")
    );
    let err = Layer::from_env([("BUURTAGENDA_TRUSTED_PROXIES", "proxy.local")]).unwrap_err();
    assert!(err.to_string().contains("is not an IP address"), "{err}");
}

#[test]
fn connection_limits_come_from_the_file_or_the_environment() {
    let c = Config::resolve(None, Layer::default(), &Flags::default());
    assert_eq!(
        (
            c.header_read_timeout_secs,
            c.idle_timeout_secs,
            c.max_connections
        ),
        (10, 60, web::DEFAULT_MAX_CONNECTIONS)
    );
    let c = Config::resolve(
        Some(file(
            "header_read_timeout_secs = 5\nidle_timeout_secs = 30\nmax_connections = 100\n",
        )),
        env(&[("BUURTAGENDA_MAX_CONNECTIONS", "200")]),
        &Flags::default(),
    );
    assert_eq!(
        (
            c.header_read_timeout_secs,
            c.idle_timeout_secs,
            c.max_connections
        ),
        (5, 30, 200)
    );
    let c = Config::resolve(
        None,
        env(&[
            ("BUURTAGENDA_HEADER_READ_TIMEOUT_SECS", "3"),
            ("BUURTAGENDA_IDLE_TIMEOUT_SECS", "20"),
        ]),
        &Flags::default(),
    );
    assert_eq!((c.header_read_timeout_secs, c.idle_timeout_secs), (3, 20));
    assert!(c.to_redacted_toml().contains("max_connections = 768"));
    let err = Layer::from_env([("BUURTAGENDA_MAX_CONNECTIONS", "many")]).unwrap_err();
    assert!(err.to_string().contains("is not a number"), "{err}");
}
