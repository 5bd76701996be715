//! `buurtagenda import addresses|boundaries FILE --municipality SLUG`: places from files.
//!
//! A file with problems imports nothing; the problems go to stderr in English, one line
//! when the file as a whole is wrong (encoding, columns) and one line per bad row or
//! feature otherwise, and the exit code is 1.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand};
use domain::Locale;
use services::import::{ImportOutcome, Located, Location, Problem};
use services::{Actor, Ctx};

use crate::CommonArgs;
use crate::config::Config;

/// `import` subcommands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import addresses from a CSV file with the BAG's column names: openbareruimte,
    /// huisnummer, huisletter, huisnummertoevoeging, postcode, woonplaats, and optionally
    /// buurtcode or lat and lon. All or nothing; addresses already there are skipped.
    Addresses(ImportArgs),
    /// Set neighbourhood boundaries from a GeoJSON feature collection whose features name
    /// their neighbourhood with a "slug" or "buurtcode" property. All or nothing.
    Boundaries(ImportArgs),
}

/// The flags of both import subcommands.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// The file to import.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Slug of the municipality, e.g. maastricht.
    #[arg(long)]
    municipality: String,
}

/// What to import, once the database flags went into the configuration.
#[derive(Debug)]
pub struct ImportJob {
    addresses: bool,
    file: PathBuf,
    municipality: String,
}

impl ImportCommand {
    /// The configuration flags (made by `flags`) and the subcommand to run.
    pub(crate) fn into_run(
        self,
        flags: impl FnOnce(CommonArgs) -> crate::config::Flags,
    ) -> (crate::config::Flags, super::Run) {
        let (addresses, args) = match self {
            ImportCommand::Addresses(args) => (true, args),
            ImportCommand::Boundaries(args) => (false, args),
        };
        let job = ImportJob {
            addresses,
            file: args.file,
            municipality: args.municipality,
        };
        (flags(args.common), super::Run::Import(job))
    }
}

/// Runs the import and prints what it did.
pub async fn run(config: &Config, job: ImportJob) -> anyhow::Result<()> {
    let limit = if job.addresses {
        domain::address::bag::MAX_FILE_BYTES
    } else {
        domain::boundary::feature_collection::MAX_FILE_BYTES
    };
    let bytes = read_limited(&job.file, limit)?;
    let store = super::open(config).await?;
    store.migrate().await?;
    let ctx = config.ctx(store.clone());
    let result = if job.addresses {
        import_addresses(&ctx, &job, &bytes).await
    } else {
        set_boundaries(&ctx, &job, &bytes).await
    };
    store.close().await?;
    result
}

async fn import_addresses(ctx: &Ctx, job: &ImportJob, bytes: &[u8]) -> anyhow::Result<()> {
    let outcome = services::import::import_addresses(ctx, &Actor::Cli, &job.municipality, bytes)
        .await
        .map_err(|e| anyhow::anyhow!(super::describe(&e)))?;
    let r = match outcome {
        ImportOutcome::Imported(report) => report,
        ImportOutcome::Rejected(problems) => return Err(rejected(&job.file, &problems)),
    };
    println!(
        "Imported {} addresses into {}: {} new, {} already there; {} new streets.",
        r.rows, job.municipality, r.added, r.already_present, r.streets_added
    );
    println!(
        "New addresses placed in a neighbourhood: {} by buurt code, {} by coordinates; {} in none.",
        r.placed_by_code, r.placed_by_point, r.unplaced
    );
    Ok(())
}

async fn set_boundaries(ctx: &Ctx, job: &ImportJob, bytes: &[u8]) -> anyhow::Result<()> {
    let outcome = services::import::set_boundaries(ctx, &Actor::Cli, &job.municipality, bytes)
        .await
        .map_err(|e| anyhow::anyhow!(super::describe(&e)))?;
    let r = match outcome {
        ImportOutcome::Imported(report) => report,
        ImportOutcome::Rejected(problems) => return Err(rejected(&job.file, &problems)),
    };
    println!(
        "Set {} neighbourhood boundaries for {}; {} addresses placed anew by their coordinates.",
        r.boundaries, job.municipality, r.addresses_moved
    );
    Ok(())
}

/// Reads at most `limit + 1` bytes: enough for the import to say the file is too large
/// without reading a huge file into memory.
fn read_limited(path: &Path, limit: usize) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(bytes)
}

/// The problems as an error: one line when only the file as a whole or its header is
/// wrong, else a first line and one line per bad row or feature.
fn rejected(file: &Path, problems: &[Located]) -> anyhow::Error {
    let i18n = render::I18n::new(Locale::En);
    let name = file.display();
    if let [only] = problems
        && matches!(only.at, Location::File | Location::Line(1))
    {
        return anyhow::anyhow!("{name}: {}", describe(i18n, only));
    }
    let lines: Vec<String> = problems.iter().map(|p| describe(i18n, p)).collect();
    anyhow::anyhow!(
        "nothing imported from {name}: {} with problems\n{}",
        plural(
            problems.len(),
            problems.first().map_or(&Location::File, |p| &p.at)
        ),
        lines.join("\n")
    )
}

fn plural(n: usize, at: &Location) -> String {
    let what = if matches!(at, Location::Feature(_)) {
        "feature"
    } else {
        "line"
    };
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `line 12: "12345" is not a postcode (...). "0" is not a house number (...).`
fn describe(i18n: render::I18n, located: &Located) -> String {
    let text: Vec<String> = located.problems.iter().map(|p| message(i18n, p)).collect();
    let text = text.join(" ");
    match located.at {
        Location::File => text,
        Location::Line(n) => format!(
            "{}: {text}",
            i18n.t1("import-at-line", "line", &n.to_string())
        ),
        Location::Feature(n) => {
            format!(
                "{}: {text}",
                i18n.t1("import-at-feature", "feature", &n.to_string())
            )
        }
    }
}

fn message(i18n: render::I18n, problem: &Problem) -> String {
    match problem.message_arg() {
        Some((name, value)) => i18n.t1(problem.message_key(), name, &value),
        None => i18n.t(problem.message_key()),
    }
}
