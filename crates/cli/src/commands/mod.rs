//! The subcommands. Each builds what it needs from the configuration and runs to completion.

pub mod import;
mod jobs;
mod serve;

use std::time::Duration;

use anyhow::Context;
use services::Actor;
use store::{Backend, Store, StoreOptions};

use crate::config::Config;
use crate::telemetry;

/// A subcommand, after its flags went into the configuration.
#[derive(Debug)]
pub enum Run {
    /// `serve`.
    Serve {
        /// `--demo`.
        demo: bool,
    },
    /// `migrate`.
    Migrate,
    /// `demo`, with `--concerns N` generated concerns on top.
    Demo {
        /// `--concerns`.
        concerns: usize,
    },
    /// `config show`.
    ConfigShow,
    /// `admin create-user`.
    CreateUser(Box<services::accounts::NewAccount>),
    /// `run-jobs`.
    Jobs {
        /// `--once`.
        once: bool,
    },
    /// `import addresses|boundaries`.
    Import(import::ImportJob),
}

/// Reads one line (the password) from standard input, without its line ending.
pub fn read_password_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Runs `command` on a fresh multi-threaded runtime.
pub fn run(config: &Config, command: Run) -> anyhow::Result<()> {
    if let Run::ConfigShow = command {
        print!("{}", config.to_redacted_toml());
        return Ok(());
    }
    telemetry::init(config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        match command {
            Run::Serve { demo } => serve::run(config, demo).await,
            Run::Jobs { once } => jobs::run(config, once).await,
            Run::Import(job) => import::run(config, job).await,
            Run::Migrate => {
                let store = open(config).await?;
                let applied = store.migrate().await?;
                println!("Database up to date ({applied} migration(s) applied).");
                store.close().await?;
                Ok(())
            }
            Run::Demo { concerns } => {
                let store = open(config).await?;
                store.migrate().await?;
                let summary = load_demo(config, &store).await?;
                println!(
                    "Demo data loaded: Maastricht, {} neighbourhoods, {} teams, {} organisations.",
                    summary.neighbourhoods, summary.teams, summary.organisations
                );
                if concerns > 0 {
                    let added = services::demo::bulk::add_concerns(
                        &config.ctx(store.clone()),
                        &Actor::Cli,
                        concerns,
                    )
                    .await
                    .map_err(|e| anyhow::anyhow!("adding generated concerns: {e}"))?;
                    println!("{added} generated concern(s) added.");
                }
                store.close().await?;
                Ok(())
            }
            Run::CreateUser(account) => {
                let store = open(config).await?;
                store.migrate().await?;
                let ctx = config.ctx(store.clone());
                let id = services::accounts::create_account(&ctx, &Actor::Cli, &account)
                    .await
                    .map_err(|e| anyhow::anyhow!(describe(&e)))?;
                println!("Account {id} created for {}.", account.email.trim());
                store.close().await?;
                Ok(())
            }
            Run::ConfigShow => Ok(()),
        }
    })
}

/// Opens the configured database.
async fn open(config: &Config) -> anyhow::Result<Store> {
    let mut options = StoreOptions::new(config.database_url());
    options.connect_timeout = Duration::from_secs(config.db_connect_timeout_secs.max(1));
    Ok(Store::connect(&options).await?)
}

async fn load_demo(config: &Config, store: &Store) -> anyhow::Result<services::demo::DemoSummary> {
    services::demo::load_demo(&config.ctx(store.clone()), &Actor::Cli)
        .await
        .map_err(|e| anyhow::anyhow!("loading the demo data: {e}"))
}

/// Where the data lives, for the start-up banner.
fn describe_database(config: &Config, store: &Store) -> String {
    match store.backend() {
        Backend::Sqlite => format!(
            "SQLite, {}",
            config.data_dir.join("buurtagenda.sqlite").display()
        ),
        Backend::Postgres => format!("PostgreSQL, {}", store::url::redact(&config.database_url())),
    }
}

/// A service error in words for the terminal (English, like the rest of the CLI).
fn describe(err: &services::ServiceError) -> String {
    match err {
        services::ServiceError::Validation(fields) => {
            let i18n = render::I18n::new(domain::Locale::En);
            fields
                .iter()
                .map(|f| format!("{}: {}", f.field, i18n.t(f.message_key)))
                .collect::<Vec<_>>()
                .join("; ")
        }
        other => other.to_string(),
    }
}
