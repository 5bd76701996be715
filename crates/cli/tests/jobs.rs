//! `buurtagenda run-jobs --once` as an operator runs it: without an SMTP server mail stays
//! in the outbox; with one (an in-process SMTP server here) the due mail is sent, once; a
//! half configuration is one clear line; the SMTP password never shows.

use std::path::Path;
use std::process::{Command, Output};

use domain::Locale;
use services::Ctx;
use store::{Store, StoreOptions};
use testkit::SmtpSink;

const EMAIL: &str = "wijkagent@demo.buurtagenda.nl";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_buurtagenda"));
    for (key, _) in std::env::vars() {
        if key.starts_with("BUURTAGENDA_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("BUURTAGENDA_LOG_FORMAT", "text")
        .env("RUST_LOG", "warn");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the binary off the async runtime, so the SMTP server keeps answering meanwhile.
async fn run(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("running buurtagenda"))
        .await
        .unwrap()
}

/// A data folder with the demo and one reset mail in the outbox.
async fn data_with_a_queued_mail(dir: &Path) {
    let mut demo = bin();
    demo.arg("demo").arg("--data-dir").arg(dir);
    let out = run(demo).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.join("buurtagenda.sqlite").display()
    );
    let store = Store::connect(&StoreOptions::new(url)).await.unwrap();
    let ctx = Ctx::new(store.clone());
    services::password_reset::request(&ctx, EMAIL, Locale::Nl)
        .await
        .unwrap();
    store.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_jobs_once_sends_due_mail_over_smtp_or_leaves_it_in_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    data_with_a_queued_mail(dir.path()).await;

    let mut offline = bin();
    offline
        .args(["run-jobs", "--once", "--data-dir"])
        .arg(dir.path());
    let out = run(offline).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("no SMTP server") && said.contains("/beheer/berichten"),
        "{said}"
    );
    // The demo has agreements due this week: their owners' reminders are queued too.
    let reminders: usize = said
        .split("Reminders about agreements queued: ")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .and_then(|n| n.parse().ok())
        .expect("the run says how many reminders it queued");

    let sink = SmtpSink::start().await;
    let with_smtp = |sink: &SmtpSink| {
        let mut cmd = bin();
        cmd.args(["run-jobs", "--once", "--data-dir"])
            .arg(dir.path())
            .env(
                "BUURTAGENDA_SMTP_URL",
                sink.url().replace("smtp://", "smtp://mailer:hunter2@"),
            )
            .env("BUURTAGENDA_MAIL_FROM", "buurtagenda <noreply@example.nl>")
            .env("BUURTAGENDA_PUBLIC_URL", "https://buurt.example.nl");
        cmd
    };
    let out = run(with_smtp(&sink)).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains(&format!("Mail: {} sent, 0 failed", 1 + reminders)),
        "{said}"
    );
    assert!(!said.contains("hunter2") && !text(&out.stderr).contains("hunter2"));
    let received: Vec<_> = sink
        .wait_for(1 + reminders)
        .await
        .into_iter()
        .filter(|m| !m.data.contains("Herinnering"))
        .collect();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, [EMAIL]);
    assert_eq!(received[0].from, "noreply@example.nl");

    let out = run(with_smtp(&sink)).await;
    assert!(
        text(&out.stdout).contains("Mail: 0 sent, 0 failed"),
        "sent once"
    );
    assert_eq!(sink.messages().len(), 1 + reminders);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smtp_url_without_a_sender_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = bin();
    cmd.args(["run-jobs", "--once", "--data-dir"])
        .arg(dir.path())
        .env(
            "BUURTAGENDA_SMTP_URL",
            "smtp://mailer:hunter2@mail.example.nl",
        );
    let out = run(cmd).await;
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("buurtagenda: error:") && stderr.contains("mail_from"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_show_redacts_the_smtp_password() {
    let mut cmd = bin();
    cmd.args(["config", "show"]).env(
        "BUURTAGENDA_SMTP_URL",
        "smtp://mailer:hunter2@mail.example.nl:587",
    );
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("smtp_url = \"smtp://mailer:***@mail.example.nl:587\""),
        "{shown}"
    );
    assert!(!shown.contains("hunter2") && !text(&out.stderr).contains("hunter2"));
}
