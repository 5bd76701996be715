//! Reading places: the public list of neighbourhoods, and the version of what public pages
//! show.

use domain::place::Neighbourhood;
use domain::{Page, PageRequest};

use crate::{Actor, Ctx, ServiceResult};

/// One page of neighbourhoods, for anybody: the list is public.
pub async fn list_neighbourhoods(
    ctx: &Ctx,
    _actor: &Actor,
    page: &PageRequest,
) -> ServiceResult<Page<Neighbourhood>> {
    Ok(store::repo::places::list_neighbourhoods(ctx.store.conn(), page).await?)
}

/// The name of a neighbourhood, for public pages.
pub async fn neighbourhood_name(
    ctx: &Ctx,
    id: domain::NeighbourhoodId,
) -> ServiceResult<Option<String>> {
    Ok(store::repo::places::neighbourhood_name(ctx.store.conn(), id).await?)
}

/// The version of what public pages show: it grows with every committed change to data a
/// public page shows, made by any server (the database keeps it, see
/// `store::repo::public_version`). Pages rendered at one version may be served again while
/// it holds.
pub async fn public_version(ctx: &Ctx) -> ServiceResult<i64> {
    Ok(store::repo::public_version::current(ctx.store.conn()).await?)
}
