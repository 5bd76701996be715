//! The binary as an operator uses it: subcommands, configuration, clear one-line errors,
//! and a server that prints where to open it and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_buurtagenda"));
    // The test's own environment must not leak into the binary's configuration.
    for (key, _) in std::env::vars() {
        if key.starts_with("BUURTAGENDA_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("BUURTAGENDA_LOG_FORMAT", "text")
        .env("RUST_LOG", "warn");
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("running buurtagenda")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts the failure is one clear line, not a panic or a backtrace.
fn assert_one_line_error(out: &Output, must_contain: &str) {
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected, got: {stderr}");
    assert!(lines[0].starts_with("buurtagenda: error:"), "{stderr}");
    assert!(
        lines[0].contains(must_contain),
        "{must_contain:?} not in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn version_and_help_on_every_subcommand() {
    let out = run(bin().arg("--version"));
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("buurtagenda {}", env!("CARGO_PKG_VERSION"))
    );
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["demo", "--help"],
        &["config", "--help"],
        &["config", "show", "--help"],
    ] {
        let out = run(bin().args(args));
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn demo_code_prints_the_code_an_app_with_the_demo_key_shows() {
    let before = chrono::Utc::now();
    let out = run(bin().arg("demo-code"));
    let after = chrono::Utc::now();
    assert!(out.status.success());
    let code = text(&out.stdout).trim().to_owned();
    assert_eq!(code.len(), 6, "{code}");
    let expected = [before, after]
        .map(|at| services::totp::code_at(services::demo::DEMO_TOTP_SECRET, at).unwrap());
    assert!(expected.contains(&code), "{code} not in {expected:?}");
}

#[test]
fn unknown_flags_and_subcommands_get_a_usage_error() {
    for args in [
        &["serve", "--no-such-flag"][..],
        &["frobnicate"],
        &["serve", "--listen", "nope"],
    ] {
        let out = run(bin().args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("error:") && stderr.contains("--help"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn config_show_applies_precedence_and_redacts_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ba.toml");
    std::fs::write(&file, "listen = \"0.0.0.0:9000\"\nlog_level = \"debug\"\n").unwrap();
    let out = run(bin()
        .args(["config", "show", "--data-dir", "/srv/flag", "--config"])
        .arg(&file)
        .env("BUURTAGENDA_LISTEN", "127.0.0.1:9001")
        .env(
            "BUURTAGENDA_DATABASE_URL",
            "postgres://app:hunter2@db.internal:5433/ba",
        ));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("listen = \"127.0.0.1:9001\""),
        "env beats file: {shown}"
    );
    assert!(shown.contains("data_dir = \"/srv/flag\""), "flag: {shown}");
    assert!(shown.contains("log_level = \"debug\""), "file: {shown}");
    assert!(
        shown.contains("postgres://app:***@db.internal:5433/ba"),
        "{shown}"
    );
    assert!(!shown.contains("hunter2") && !text(&out.stderr).contains("hunter2"));
}

#[test]
fn a_typo_in_the_config_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ba.toml");
    std::fs::write(&file, "https = false\nlisten_adress = \"127.0.0.1:1\"\n").unwrap();
    let out = run(bin().args(["migrate", "--config"]).arg(&file));
    assert_one_line_error(&out, "line 2");
    assert!(text(&out.stderr).contains("listen_adress"));
}

#[test]
fn migrate_and_demo_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = run(bin().arg("migrate").arg("--data-dir").arg(&data));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = text(&out.stdout);
    assert!(
        first.contains("migration(s) applied") && !first.contains("(0 migration"),
        "{first}"
    );
    let out = run(bin().arg("migrate").arg("--data-dir").arg(&data));
    assert!(text(&out.stdout).contains("0 migration(s) applied"));
    for _ in 0..2 {
        let out = run(bin().arg("demo").arg("--data-dir").arg(&data));
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("4 neighbourhoods, 3 teams"));
    }
    assert!(data.join("buurtagenda.sqlite").exists());
}

#[test]
fn an_unwritable_data_folder_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let out = run(bin()
        .arg("migrate")
        .arg("--data-dir")
        .arg(blocker.join("data")));
    assert_one_line_error(&out, "not-a-folder");
}

#[test]
fn a_corrupt_database_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("buurtagenda.sqlite"), vec![7u8; 4096]).unwrap();
    let out = run(bin().arg("serve").arg("--data-dir").arg(dir.path()));
    assert_one_line_error(&out, "buurtagenda.sqlite");
}

#[test]
fn unreachable_postgres_fails_within_ten_seconds_naming_host_and_port() {
    let started = Instant::now();
    let out = run(bin().arg("migrate").env(
        "BUURTAGENDA_DATABASE_URL",
        "postgres://app:hunter2@127.0.0.1:1/ba",
    ));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_one_line_error(&out, "127.0.0.1:1");
    assert!(!text(&out.stderr).contains("hunter2"));
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(bin().arg("migrate").arg("--data-dir").arg(dir.path()));
    assert!(out.status.success());
    mark_schema_as_newer(&dir.path().join("buurtagenda.sqlite"));
    let out = run(bin().arg("migrate").arg("--data-dir").arg(dir.path()));
    assert_one_line_error(&out, "newer than this buurtagenda");
}

fn mark_schema_as_newer(file: &Path) {
    use sea_orm::{ConnectionTrait, Statement};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}", file.display());
        let store = store::Store::connect(&store::StoreOptions::new(url))
            .await
            .unwrap();
        let sql =
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20990101_000001_x', 0)";
        let backend = store.conn().get_database_backend();
        store
            .conn()
            .execute_raw(Statement::from_string(backend, sql))
            .await
            .unwrap();
        store.close().await.unwrap();
    });
}

#[test]
fn serve_prints_where_to_open_it_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut url = None;
    let mut banner = String::new();
    for line in lines.by_ref().take(20) {
        let line = line.unwrap();
        banner.push_str(&line);
        banner.push('\n');
        if let Some(rest) = line.trim().strip_prefix("Open:") {
            url = Some(rest.trim().to_owned());
        }
        if line.contains("Stop:") {
            break;
        }
    }
    let url = url.unwrap_or_else(|| panic!("no URL in banner:\n{banner}"));
    assert!(banner.contains("Sign in:"), "{banner}");
    assert!(
        banner.contains("buurtagenda demo-code")
            && banner.contains(services::demo::DEMO_TOTP_SECRET),
        "how to get the administrator's code: {banner}"
    );
    let home = reqwest::blocking::get(&url).unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().unwrap().contains("Wyckerpoort"));

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(code) = child.try_wait().unwrap() {
            assert!(code.success(), "exit status {code:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn create_user(data: &Path, email: &str, password: &str) -> Output {
    use std::io::Write;
    let mut child = bin()
        .args([
            "admin",
            "create-user",
            "--municipality",
            "maastricht",
            "--role",
            "coordinator",
        ])
        .args([
            "--name",
            "Petra Peeters",
            "--function",
            "policy-officer",
            "--password-stdin",
        ])
        .args(["--email", email, "--data-dir"])
        .arg(data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn admin_create_user_reads_the_password_from_stdin_and_explains_refusals() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        run(bin().arg("demo").arg("--data-dir").arg(dir.path()))
            .status
            .success()
    );
    let out = create_user(
        dir.path(),
        "petra@gemeente.example",
        "een lange zin als wachtwoord",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("created for petra@gemeente.example"));

    let out = create_user(
        dir.path(),
        "Petra@Gemeente.example",
        "een lange zin als wachtwoord",
    );
    assert_one_line_error(&out, "There already is an account with this e-mail address");
    let out = create_user(dir.path(), "nieuw@gemeente.example", "kort");
    assert_one_line_error(&out, "at least 12 characters");
    assert!(
        !text(&out.stderr).contains("kort"),
        "the password is never echoed"
    );
    let out = run(bin().args(["admin", "create-user", "--email", "a@b.nl"]));
    assert_eq!(
        out.status.code(),
        Some(2),
        "missing flags are a usage error"
    );
}
