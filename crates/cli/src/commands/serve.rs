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
        ..web::WebConfig::default()
    };
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
    let app = web::router(web::AppState::new(ctx, web_config));
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
    let served = web::serve(listener, app, signal);
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
