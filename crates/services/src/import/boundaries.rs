//! `set_boundaries`: neighbourhood outlines from a GeoJSON `FeatureCollection`, after which
//! the addresses placed by point are placed again.

use std::collections::BTreeMap;

use domain::address::AddressId;
use domain::address::placement::Placement;
use domain::boundary::feature_collection::{self, AreaName};
use domain::{MunicipalityId, NeighbourhoodId};
use store::Db;
use store::repo::boundaries::{self as boundary_repo, NeighbourhoodRef};
use store::repo::{addresses, audit};

use super::{ImportOutcome, may_import, municipality, placer};
use crate::{Actor, Ctx, ServiceResult};

/// What a boundary import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoundaryReport {
    /// The municipality imported into.
    pub municipality: MunicipalityId,
    /// Boundaries set (new or replaced).
    pub boundaries: usize,
    /// Addresses placed by point that moved to another neighbourhood (or into one).
    pub addresses_moved: usize,
}

/// Sets the boundaries in a GeoJSON `FeatureCollection` whose features name their
/// neighbourhood by a `slug` or `buurtcode` property: all of them or, when any feature is
/// bad, none (`ImportOutcome::Rejected` lists every bad feature). Replaces earlier (also
/// demo) boundaries of the same neighbourhoods, then places again every address that has
/// coordinates and no buurt code of a known neighbourhood.
pub async fn set_boundaries(
    ctx: &Ctx,
    actor: &Actor,
    municipality_slug: &str,
    bytes: &[u8],
) -> ServiceResult<ImportOutcome<BoundaryReport>> {
    let municipality = municipality(ctx, municipality_slug).await?;
    set_boundaries_of(ctx, actor, municipality, bytes).await
}

/// `set_boundaries` for the municipality with this id (the web pages know the coordinator's
/// municipality, not its slug).
pub async fn set_boundaries_of(
    ctx: &Ctx,
    actor: &Actor,
    municipality: MunicipalityId,
    bytes: &[u8],
) -> ServiceResult<ImportOutcome<BoundaryReport>> {
    may_import(actor, municipality)?;
    let refs = boundary_repo::neighbourhood_refs(ctx.store.conn(), municipality).await?;
    let areas = match feature_collection::read(bytes, |name| resolve(&refs, name)) {
        Ok(areas) => areas,
        Err(problems) => return Ok(ImportOutcome::Rejected(problems)),
    };
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    for (neighbourhood, boundary) in &areas {
        boundary_repo::save_boundary(&tx, municipality, *neighbourhood, boundary, false, now)
            .await?;
    }
    let moved = place_by_point(&tx, municipality).await?;
    let report = BoundaryReport {
        municipality,
        boundaries: areas.len(),
        addresses_moved: moved,
    };
    audit::record(
        &tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(municipality),
            actor: actor.audit_name(),
            action: "boundary.import".into(),
            entity: "municipality".into(),
            entity_id: Some(municipality.get()),
            detail: Some(serde_json::json!({
                "boundaries": report.boundaries,
                "addresses_moved": report.addresses_moved,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ImportOutcome::Imported(report))
}

fn resolve(refs: &[NeighbourhoodRef], name: &AreaName) -> Option<NeighbourhoodId> {
    refs.iter()
        .find(|r| match name {
            AreaName::Slug(slug) => r.slug == *slug,
            AreaName::BuurtCode(code) => r.cbs_code.as_ref() == Some(code),
        })
        .map(|r| r.id)
}

/// Places again every address with a point whose buurt code is not a neighbourhood's: the
/// code, when known, wins. Returns how many moved.
async fn place_by_point(conn: &impl Db, municipality: MunicipalityId) -> ServiceResult<usize> {
    let placer = placer(conn, municipality).await?;
    let mut moves: BTreeMap<Option<NeighbourhoodId>, Vec<AddressId>> = BTreeMap::new();
    for address in addresses::with_points(conn, municipality).await? {
        let code = address.buurtcode.as_deref().and_then(|c| c.parse().ok());
        let target = match placer.place(code.as_ref(), Some(address.point)) {
            Placement::ByCode(_) => continue,
            placement => placement.neighbourhood(),
        };
        if target != address.neighbourhood {
            moves.entry(target).or_default().push(address.id);
        }
    }
    let mut count = 0;
    for (target, ids) in moves {
        count += ids.len();
        addresses::set_neighbourhood(conn, &ids, target).await?;
    }
    Ok(count)
}
