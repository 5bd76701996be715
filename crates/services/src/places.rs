//! Reading places: the public list of neighbourhoods.

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
