//! Places: the neighbourhoods residents live in, as the rest of the product sees them.

use crate::{DistrictId, MunicipalityId, NeighbourhoodId, Slug, TeamId};

/// A neighbourhood (buurt) as listed on public pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbourhood {
    /// Key.
    pub id: NeighbourhoodId,
    /// The municipality (tenant) it belongs to.
    pub municipality: MunicipalityId,
    /// The district (wijk) it lies in.
    pub district: DistrictId,
    /// Name of the district, for grouping lists.
    pub district_name: String,
    /// Display name, as residents say it.
    pub name: String,
    /// URL name, unique within the municipality.
    pub slug: Slug,
    /// Statistics Netherlands (CBS) buurt code, when known.
    pub cbs_code: Option<String>,
    /// Residents, from the latest profile.
    pub population: Option<u32>,
    /// The teams that cover it (usually one), with their names.
    pub teams: Vec<(TeamId, String)>,
}
