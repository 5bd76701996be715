//! `import_addresses`: a BAG address file into streets and addresses, each placed in its
//! neighbourhood by buurt code or by point.

use domain::MunicipalityId;
use domain::address::bag::{self, BagRow};
use domain::address::placement::{Placement, Placer};
use store::repo::{addresses, audit};

use super::{ImportOutcome, ImportProgress, may_import, municipality, placer};
use crate::{Actor, Ctx, ServiceResult};

/// New addresses per write step: one progress report each.
const STEP: usize = 5_000;

/// What an address import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressImportReport {
    /// The municipality imported into.
    pub municipality: MunicipalityId,
    /// Addresses in the file.
    pub rows: usize,
    /// Addresses added.
    pub added: usize,
    /// Addresses the municipality had already (skipped).
    pub already_present: usize,
    /// Streets added.
    pub streets_added: usize,
    /// Added addresses placed by their buurt code.
    pub placed_by_code: usize,
    /// Added addresses placed by their point inside a neighbourhood's boundary.
    pub placed_by_point: usize,
    /// Added addresses outside every known neighbourhood (or without code and point).
    pub unplaced: usize,
}

impl AddressImportReport {
    fn empty(municipality: MunicipalityId, rows: usize) -> Self {
        AddressImportReport {
            municipality,
            rows,
            added: 0,
            already_present: 0,
            streets_added: 0,
            placed_by_code: 0,
            placed_by_point: 0,
            unplaced: 0,
        }
    }
}

/// Imports a BAG address file (CSV, UTF-8) into the municipality with this slug: all of it
/// or, when any row is bad, nothing (`ImportOutcome::Rejected` lists every bad row).
/// Addresses the municipality already has are skipped, so importing a file twice adds
/// nothing the second time.
pub async fn import_addresses(
    ctx: &Ctx,
    actor: &Actor,
    municipality_slug: &str,
    bytes: &[u8],
) -> ServiceResult<ImportOutcome<AddressImportReport>> {
    import_addresses_with_progress(ctx, actor, municipality_slug, bytes, &|_| {}).await
}

/// `import_addresses`, telling `progress` how far it is (for an upload page's progress bar).
pub async fn import_addresses_with_progress(
    ctx: &Ctx,
    actor: &Actor,
    municipality_slug: &str,
    bytes: &[u8],
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> ServiceResult<ImportOutcome<AddressImportReport>> {
    let municipality = municipality(ctx, municipality_slug).await?;
    import_addresses_into(ctx, actor, municipality, bytes, progress).await
}

/// `import_addresses_with_progress` into the municipality with this id (the web pages know
/// the coordinator's municipality, not its slug).
pub async fn import_addresses_into(
    ctx: &Ctx,
    actor: &Actor,
    municipality: MunicipalityId,
    bytes: &[u8],
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> ServiceResult<ImportOutcome<AddressImportReport>> {
    may_import(actor, municipality)?;
    progress(ImportProgress::Checking);
    let rows = match bag::read_file(bytes) {
        Ok(rows) => rows,
        Err(problems) => return Ok(ImportOutcome::Rejected(problems)),
    };
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let placer = placer(&tx, municipality).await?;
    let existing = addresses::existing_keys(&tx, municipality).await?;
    let new: Vec<&BagRow> = rows.iter().filter(|r| !existing.contains(&r.key)).collect();
    let mut report = AddressImportReport::empty(municipality, rows.len());
    let to_add = place(&placer, &new, &mut report);
    for (i, step) in to_add.chunks(STEP).enumerate() {
        let inserted = addresses::insert_addresses(&tx, municipality, step, false, now).await?;
        report.added += domain::fit::<usize, _>(inserted.addresses, "addresses added")?;
        report.streets_added += domain::fit::<usize, _>(inserted.streets, "streets added")?;
        progress(ImportProgress::Writing {
            done: (i * STEP + step.len()).min(to_add.len()),
            total: to_add.len(),
        });
    }
    report.already_present = report.rows - report.added;
    audit::record(&tx, audit_record(actor, &report, now)).await?;
    tx.commit().await?;
    progress(ImportProgress::Done);
    Ok(ImportOutcome::Imported(report))
}

/// The rows as new addresses, each placed; the report counts how.
fn place<'a>(
    placer: &Placer,
    rows: &[&'a BagRow],
    report: &mut AddressImportReport,
) -> Vec<addresses::NewAddress<'a>> {
    rows.iter()
        .map(|row| {
            let placement = placer.place(row.buurtcode.as_ref(), row.point);
            match placement {
                Placement::ByCode(_) => report.placed_by_code += 1,
                Placement::ByPoint(_) => report.placed_by_point += 1,
                Placement::Unplaced => report.unplaced += 1,
            }
            addresses::NewAddress {
                street: &row.street,
                town: &row.town,
                key: &row.key,
                neighbourhood: placement.neighbourhood(),
                buurtcode: row.buurtcode.as_ref(),
                point: row.point,
            }
        })
        .collect()
}

fn audit_record(
    actor: &Actor,
    report: &AddressImportReport,
    now: chrono::DateTime<chrono::Utc>,
) -> audit::AuditRecord {
    audit::AuditRecord {
        at: now,
        municipality: Some(report.municipality),
        actor: actor.audit_name(),
        action: "address.import".into(),
        entity: "municipality".into(),
        entity_id: Some(report.municipality.get()),
        detail: Some(serde_json::json!({
            "rows": report.rows,
            "added": report.added,
            "already_present": report.already_present,
            "streets_added": report.streets_added,
            "placed_by_code": report.placed_by_code,
            "placed_by_point": report.placed_by_point,
            "unplaced": report.unplaced,
        })),
    }
}
