//! Importing places from files: addresses from a BAG CSV (`import_addresses`) and
//! neighbourhood boundaries from GeoJSON (`set_boundaries`).
//!
//! Both check the whole file first and either import all of it, in one transaction with one
//! audit record, or nothing. A file with problems is not an error of the service: it comes
//! back as `ImportOutcome::Rejected` with every problem and where it is, for the page or the
//! terminal to show.

mod addresses;
mod boundaries;

pub use addresses::{
    AddressImportReport, import_addresses, import_addresses_into, import_addresses_with_progress,
};
pub use boundaries::{BoundaryReport, set_boundaries, set_boundaries_of};
pub use domain::import::{Located, Location, Problem};

use domain::access::{Action, Scope};
use domain::address::placement::Placer;
use domain::boundary::Locator;
use domain::{MunicipalityId, Slug};
use store::Db;
use store::repo::{boundaries as boundary_repo, places};

use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// What an import did with a file.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome<T> {
    /// Everything was imported; the report says what.
    Imported(T),
    /// Nothing was imported: every problem of the file, in file order.
    Rejected(Vec<Located>),
}

impl<T> ImportOutcome<T> {
    /// The report, if imported.
    pub fn imported(self) -> Option<T> {
        match self {
            ImportOutcome::Imported(report) => Some(report),
            ImportOutcome::Rejected(_) => None,
        }
    }

    /// The problems, if rejected.
    pub fn rejected(&self) -> Option<&[Located]> {
        match self {
            ImportOutcome::Imported(_) => None,
            ImportOutcome::Rejected(problems) => Some(problems),
        }
    }
}

/// How far an import is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportProgress {
    /// Reading and checking the whole file.
    Checking,
    /// Writing: `done` of `total` new addresses stored (not yet committed).
    Writing {
        /// Stored so far.
        done: usize,
        /// To store in all.
        total: usize,
    },
    /// Committed.
    Done,
}

/// Who may import into a municipality: its coordinators and administrators (managing the
/// structure), and the command line and the product itself.
fn may_import(actor: &Actor, municipality: MunicipalityId) -> ServiceResult<()> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(municipality))
}

/// The municipality with this slug, or a validation error on the `municipality` field.
async fn municipality(ctx: &Ctx, slug: &str) -> ServiceResult<MunicipalityId> {
    let unknown = || ServiceError::invalid("municipality", "error-municipality-unknown");
    let slug: Slug = slug.trim().parse().map_err(|_| unknown())?;
    places::find_municipality(ctx.store.conn(), &slug)
        .await?
        .ok_or_else(unknown)
}

/// A placer over the municipality's neighbourhood codes and stored boundaries.
async fn placer(conn: &impl Db, municipality: MunicipalityId) -> ServiceResult<Placer> {
    let refs = boundary_repo::neighbourhood_refs(conn, municipality).await?;
    let areas = boundary_repo::boundaries(conn, municipality).await?;
    Ok(Placer::new(
        refs.into_iter()
            .filter_map(|r| r.cbs_code.map(|code| (code, r.id))),
        Locator::new(
            areas
                .into_iter()
                .map(|b| (b.neighbourhood, b.boundary))
                .collect(),
        ),
    ))
}
