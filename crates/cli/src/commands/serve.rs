//! `buurtagenda serve`: migrate, optionally load the demo, listen, and stop gracefully.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use super::{describe_database, load_demo, open};
use crate::config::Config;

/// How long requests in flight may take to finish after a stop signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// Runs the server until SIGTERM or SIGINT.
pub async fn run(config: &Config, demo: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let mailer = super::jobs::mailer(config)?;
    let store = open(config).await?;
    store.migrate().await?;
    if demo {
        load_demo(config, &store).await?;
    }
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener
        .local_addr()
        .context("reading the listening address")?;
    let web_config = web::WebConfig {
        https: config.https,
        request_timeout: Duration::from_secs(config.request_timeout_secs.max(1)),
        trusted_proxies: config.trusted_proxies.clone(),
        header_read_timeout: Duration::from_secs(config.header_read_timeout_secs.max(1)),
        idle_timeout: Duration::from_secs(config.idle_timeout_secs.max(1)),
        max_connections: config.max_connections.max(1),
        ..web::WebConfig::default()
    };
    warn_if_too_few_files(web_config.max_connections);
    let host = if addr.ip().is_unspecified() {
        "localhost".to_owned()
    } else {
        addr.ip().to_string()
    };
    let url = format!("http://{host}:{}/", addr.port());
    // Links in mail: the configured public URL, else the address actually listened on.
    let public_url = match &config.public_url {
        Some(_) => config.public_url(),
        None => url.trim_end_matches('/').to_owned(),
    };
    let ctx = config.ctx(store.clone()).with_public_url(&public_url);
    let jobs = tokio::spawn(super::jobs::run_forever(ctx.clone(), mailer));
    let state = web::AppState::new(ctx, web_config);
    let app = web::router(state.clone());
    println!("buurtagenda {} is running.", env!("CARGO_PKG_VERSION"));
    println!("  Open:     {url}");
    println!("  Database: {}", describe_database(config, &store));
    println!("  Mail:     {}", describe_mail(config, &public_url));
    if demo {
        println!(
            "  Sign in:  {url}inloggen with password {}",
            services::demo::DEMO_PASSWORD
        );
        for (email, name, role, ..) in services::demo::DEMO_ACCOUNTS {
            println!("            {email:<36} {name} ({})", role.code());
        }
        let coded: Vec<&str> = config
            .totp_required_roles
            .iter()
            .map(|role| role.code())
            .collect();
        if !coded.is_empty() {
            println!(
                "  Code:     accounts with role {} also need a sign-in code: run `buurtagenda demo-code`,",
                coded.join(", ")
            );
            println!(
                "            or add key {} to an authenticator app",
                services::demo::DEMO_TOTP_SECRET
            );
        }
        println!("  Try:      a neighbourhood meeting at {url}werk/wyckerpoort/bijeenkomst,");
        println!("            phones vote at {url}stemmen");
    } else {
        println!("  Sign in:  {url}inloggen (accounts: `buurtagenda admin create-user --help`)");
    }
    println!("  Stop:     Ctrl+C");
    let ready_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::info!(%addr, ready_ms, "listening");

    let stopping = Arc::new(Notify::new());
    let signal = {
        let stopping = stopping.clone();
        async move {
            stop_signal().await;
            tracing::info!("stop signal received; finishing requests in flight");
            stopping.notify_waiters();
        }
    };
    let served = web::serve(listener, app, &state.config, signal);
    let grace = async {
        stopping.notified().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = served => result.context("serving HTTP")?,
        () = grace => tracing::warn!("requests still running after {SHUTDOWN_GRACE:?}; stopping anyway"),
    }
    jobs.abort();
    store.close().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Where mail goes, for the start-up banner.
fn describe_mail(config: &Config, public_url: &str) -> String {
    match &config.smtp_url {
        Some(url) => format!("SMTP, {}", store::url::redact(url.expose())),
        None => {
            format!("no SMTP server (smtp_url): messages stay in {public_url}/beheer/berichten")
        }
    }
}

/// File descriptors the process needs besides its connections: the database pool, the
/// SQLite files, the listener, logs, the refusals of connections beyond the limit.
const OTHER_FILES: u64 = 128;

/// Warns when `max_connections` connections and the other files do not fit in the soft
/// limit on open files (`ulimit -n`; Linux, read from `/proc/self/limits`): the limit would
/// then be reached first, and new connections fail with "too many open files" instead of
/// the short "too busy" answer.
fn warn_if_too_few_files(max_connections: usize) {
    let Some(limit) = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .as_deref()
        .and_then(open_files_limit)
    else {
        return;
    };
    let needed = u64::try_from(max_connections)
        .unwrap_or(u64::MAX)
        .saturating_add(OTHER_FILES);
    if needed > limit {
        tracing::warn!(
            max_connections,
            open_files_limit = limit,
            "max_connections plus {OTHER_FILES} other files exceeds the open-file limit \
             (ulimit -n); lower max_connections or raise the limit"
        );
    }
}

/// The soft limit on open files from the text of `/proc/self/limits`.
fn open_files_limit(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.trim_start_matches("Max open files")
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Resolves on SIGINT (Ctrl+C) or SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_open_file_limit_is_read_from_proc() {
        let text = "Limit                     Soft Limit           Hard Limit           Units\n\
                    Max processes             63455                63455                processes\n\
                    Max open files            1024                 524288               files\n";
        assert_eq!(super::open_files_limit(text), Some(1024));
        assert_eq!(
            super::open_files_limit("Max open files unlimited unlimited files\n"),
            None
        );
    }
}
