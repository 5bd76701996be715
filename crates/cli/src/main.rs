//! The `buurtagenda` binary: parses the command line, loads the configuration, wires the
//! crates together and runs one subcommand. Errors end here as one line on stderr.

mod commands;
mod config;
mod telemetry;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Safer Neighbourhoods: residents set the agenda, professionals act as one team.
#[derive(Debug, Parser)]
#[command(name = "buurtagenda", version, about, long_about = None)]
struct Cli {
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "BUURTAGENDA_CONFIG",
        help = "TOML configuration file (keys as in `config show`); BUURTAGENDA_* environment \
                variables override it, and flags override both"
    )]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (migrates the database first).
    Serve(ServeArgs),
    /// Bring the database schema up to date. Safe to run again.
    Migrate(CommonArgs),
    /// Load the demo data set of Maastricht-Noordoost. Safe to run again.
    Demo(DemoArgs),
    /// Print the sign-in code of the demo accounts that need one (the administrator), as an
    /// authenticator app with the public demo key would show it now.
    DemoCode,
    /// Administer accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Import places from files: addresses (BAG CSV) or neighbourhood boundaries (GeoJSON).
    #[command(subcommand)]
    Import(commands::import::ImportCommand),
    /// Run the background jobs (send mail, remove old data); `serve` runs them too.
    RunJobs(RunJobsArgs),
    /// Inspect the configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Args)]
struct DemoArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Also add this many generated concerns, spread over the demo teams (for benchmarks).
    #[arg(long, value_name = "N")]
    concerns: Option<usize>,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create a person with an account and one role.
    CreateUser(CreateUserArgs),
}

#[derive(Debug, Args)]
struct CreateUserArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Sign-in e-mail address.
    #[arg(long)]
    email: String,
    /// Full name.
    #[arg(long)]
    name: String,
    /// Role: administrator, coordinator, team-member, project-group-member,
    /// steering-group-member or department-contact.
    #[arg(long)]
    role: String,
    /// Slug of the municipality, e.g. maastricht.
    #[arg(long)]
    municipality: String,
    /// Function, e.g. project-leader or community-police-officer.
    #[arg(long, default_value = "other")]
    function: String,
    /// Read the password from standard input (required: passwords do not belong in flags).
    #[arg(long, required = true)]
    password_stdin: bool,
}

#[derive(Debug, Args)]
struct RunJobsArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Run every due job once and exit (otherwise repeat every 30 seconds).
    #[arg(long)]
    once: bool,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the effective configuration, with secrets redacted.
    Show(CommonArgs),
}

/// Flags every database command takes.
#[derive(Debug, Args)]
struct CommonArgs {
    #[arg(
        long,
        value_name = "DIR",
        help = "Folder for the SQLite database [env: BUURTAGENDA_DATA_DIR] [default: ./data]. \
                Not used when BUURTAGENDA_DATABASE_URL names a PostgreSQL database"
    )]
    data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    common: CommonArgs,
    #[arg(
        long,
        value_name = "HOST:PORT",
        help = "Address to listen on [env: BUURTAGENDA_LISTEN] [default: 127.0.0.1:8080]"
    )]
    listen: Option<SocketAddr>,
    /// Load the demo data set before serving (safe to repeat).
    #[arg(long)]
    demo: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("buurtagenda: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let (flags, command) = match cli.command {
        Command::DemoCode => {
            let code = services::totp::code_at(
                services::demo::DEMO_TOTP_SECRET,
                services::Clock::now(&services::SystemClock),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{code}");
            return Ok(());
        }
        Command::Serve(args) => (
            config::Flags {
                listen: args.listen,
                data_dir: args.common.data_dir,
            },
            commands::Run::Serve { demo: args.demo },
        ),
        Command::Migrate(args) => (flags_of(args), commands::Run::Migrate),
        Command::Demo(args) => (
            flags_of(args.common),
            commands::Run::Demo {
                concerns: args.concerns.unwrap_or(0),
            },
        ),
        Command::RunJobs(args) => (
            flags_of(args.common),
            commands::Run::Jobs { once: args.once },
        ),
        Command::Import(import) => import.into_run(flags_of),
        Command::Config {
            command: ConfigCommand::Show(args),
        } => (flags_of(args), commands::Run::ConfigShow),
        Command::Admin {
            command: AdminCommand::CreateUser(args),
        } => {
            let password = commands::read_password_stdin()?;
            let account = services::accounts::NewAccount {
                municipality: args.municipality,
                email: args.email,
                name: args.name,
                role: args.role,
                function: args.function,
                password,
            };
            (
                flags_of(args.common),
                commands::Run::CreateUser(Box::new(account)),
            )
        }
    };
    let config = config::Config::load(cli.config.as_deref(), &flags)?;
    commands::run(&config, command)
}

fn flags_of(args: CommonArgs) -> config::Flags {
    config::Flags {
        listen: None,
        data_dir: args.data_dir,
    }
}
