//! Maps of concerns per neighbourhood: the public map (public concerns only, never an exact
//! location: markers snap to the street or to a grid cell), the team's map (what the
//! visitor may see, exact points included), and the point picker of the capture form.
//!
//! Who sees what is decided as for the lists: the public map takes the public concerns the
//! neighbourhood page counts; the team's map takes `list::visible`, the same rule as the
//! team's list, so police-restricted concerns stay invisible outside the police.

use std::collections::{BTreeMap, HashMap};

use domain::access::Action;
use domain::boundary::{Boundary, GeoPoint};
use domain::inventory::Sensitivity;
use domain::map::{self, Exposure, Frame, Spot};
use domain::place::Neighbourhood;
use domain::structure::TeamDetail;
use domain::{MunicipalityId, NeighbourhoodId};
use store::repo::concerns::{self, Filter};
use store::repo::cycles::{self, CategoryRecord, CycleRecord};
use store::repo::{addresses, boundaries};

use super::list;
use crate::scope::TeamScope;
use crate::{Ctx, ServiceError, ServiceResult};

/// A neighbourhood's outline and streets: what every map draws under its markers.
#[derive(Clone, Debug)]
pub struct BaseMap {
    /// Key.
    pub id: NeighbourhoodId,
    /// Name.
    pub name: String,
    /// The outline, when one is known.
    pub boundary: Option<Boundary>,
    /// Address points with their street keys (drawn faintly; they show where streets run).
    pub addresses: Vec<(i64, GeoPoint)>,
    /// Street names by key.
    pub street_names: HashMap<i64, String>,
}

/// Where a marker is, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// In this street (the marker is drawn at the street's representative point).
    Street(String),
    /// In the area around this street (a grid cell, or an exact point for staff).
    Near(String),
    /// Somewhere without a street nearby to name it.
    Unnamed,
}

/// One marker with the concerns it stands for.
#[derive(Clone, Debug)]
pub struct MapMarker {
    /// What it stands for.
    pub spot: Spot,
    /// Where it is drawn.
    pub at: GeoPoint,
    /// Where it is, in words.
    pub place: Place,
    /// Per topic (category code and the municipality's own name), how many concerns.
    pub topics: Vec<((String, Option<String>), usize)>,
    /// How many concerns.
    pub concerns: usize,
    /// How many residents raised them.
    pub residents: u64,
}

/// A neighbourhood's map with its markers.
#[derive(Clone, Debug)]
pub struct NeighbourhoodMap {
    /// The outline and streets.
    pub base: BaseMap,
    /// The markers, numbered in this order.
    pub markers: Vec<MapMarker>,
    /// Concerns without a place on the map (only a landmark).
    pub unplaced: usize,
    /// How exact the markers are.
    pub exposure: Exposure,
}

/// The base map of neighbourhood `id` named `name`.
async fn base(
    ctx: &Ctx,
    m: MunicipalityId,
    id: NeighbourhoodId,
    name: &str,
) -> ServiceResult<BaseMap> {
    let conn = ctx.store.conn();
    let boundary = boundaries::boundaries(conn, m)
        .await?
        .into_iter()
        .find(|b| b.neighbourhood == id)
        .map(|b| b.boundary);
    let addresses = addresses::points_in(conn, id).await?;
    let mut street_ids: Vec<i64> = addresses.iter().map(|(s, _)| *s).collect();
    street_ids.sort_unstable();
    street_ids.dedup();
    let street_names = addresses::street_names(conn, &street_ids).await?;
    Ok(BaseMap {
        id,
        name: name.to_owned(),
        boundary,
        addresses,
        street_names,
    })
}

/// The markers of `rows` on `base` under `exposure`.
fn draw(
    base: BaseMap,
    rows: &[concerns::MapRow],
    categories: &[CategoryRecord],
    exposure: Exposure,
) -> NeighbourhoodMap {
    let Some(boundary) = &base.boundary else {
        return NeighbourhoodMap {
            unplaced: rows.len(),
            markers: Vec::new(),
            base,
            exposure,
        };
    };
    let frame = Frame::fit(boundary, map::VIEW.0, map::VIEW.1);
    let projection = frame.projection();
    let streets = map::street_points(&base.addresses);
    let placed: Vec<map::Placed> = rows
        .iter()
        .map(|r| map::Placed {
            street: r.street,
            point: r.point.map(|(lat, lon)| GeoPoint { lat, lon }),
        })
        .collect();
    let (markers, unplaced) = map::markers(&placed, &streets, projection, exposure);
    let name = |street: i64| base.street_names.get(&street).cloned();
    let markers = markers
        .into_iter()
        .map(|marker| {
            let place = match marker.spot {
                Spot::Street(s) => name(s).map_or(Place::Unnamed, Place::Street),
                // Named after the spot drawn, never after the concern's own point.
                Spot::Cell(..) | Spot::Exact(..) => map::nearest_street(&base.addresses, marker.at)
                    .and_then(name)
                    .map_or(Place::Unnamed, Place::Near),
            };
            let mut topics: BTreeMap<i64, usize> = BTreeMap::new();
            for i in &marker.concerns {
                *topics.entry(rows[*i].category).or_default() += 1;
            }
            let mut topics: Vec<((String, Option<String>), usize)> = topics
                .into_iter()
                .map(|(id, n)| {
                    let category = categories.iter().find(|c| c.id == id).map_or_else(
                        || ("other".to_owned(), None),
                        |c| (c.code.clone(), c.label.clone()),
                    );
                    (category, n)
                })
                .collect();
            topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            MapMarker {
                spot: marker.spot,
                at: marker.at,
                place,
                topics,
                concerns: marker.concerns.len(),
                residents: marker
                    .concerns
                    .iter()
                    .map(|i| u64::from(rows[*i].residents))
                    .sum(),
            }
        })
        .collect();
    NeighbourhoodMap {
        markers,
        unplaced: unplaced.len(),
        base,
        exposure,
    }
}

/// The public map of `neighbourhood`: its public concerns (those its page counts), each at
/// its street or grid cell, never at its exact point.
pub async fn public_map(
    ctx: &Ctx,
    neighbourhood: &Neighbourhood,
) -> ServiceResult<NeighbourhoodMap> {
    let m = neighbourhood.municipality;
    let conn = ctx.store.conn();
    let base = base(ctx, m, neighbourhood.id, &neighbourhood.name).await?;
    let filter = Filter {
        sensitivities: vec![Sensitivity::Public.code()],
        ..Filter::default()
    };
    let rows = concerns::for_map(conn, neighbourhood.id, &filter).await?;
    let categories = cycles::categories(conn, m).await?;
    Ok(draw(base, &rows, &categories, Exposure::Public))
}

/// The team's map: one map per neighbourhood of the team.
#[derive(Clone, Debug)]
pub struct TeamMap {
    /// The team.
    pub team: TeamDetail,
    /// One map per neighbourhood.
    pub maps: Vec<NeighbourhoodMap>,
    /// The team's cycles, newest first (for the filter).
    pub cycles: Vec<CycleRecord>,
    /// The categories (for the filter).
    pub categories: Vec<CategoryRecord>,
    /// The sensitivities the visitor may see (for the filter).
    pub visible: Vec<Sensitivity>,
}

/// The map of the team's concerns that the actor may see, by `query` (as the list's
/// filter; its page key is ignored), with exact points.
pub async fn team_map(ctx: &Ctx, scope: &TeamScope, query: &list::Query) -> ServiceResult<TeamMap> {
    let team = scope.team_for(Action::ViewTeamInternal)?.clone();
    let (visible, filter) = list::filter_for(scope, query)?;
    let conn = ctx.store.conn();
    let m = scope.municipality();
    let categories = cycles::categories(conn, m).await?;
    let mut maps = Vec::new();
    for (id, name) in &team.neighbourhoods {
        let base = base(ctx, m, *id, name).await?;
        let rows = if filter.sensitivities.is_empty() {
            Vec::new()
        } else {
            concerns::for_map(conn, *id, &filter).await?
        };
        maps.push(draw(base, &rows, &categories, Exposure::Exact));
    }
    Ok(TeamMap {
        cycles: cycles::list(conn, team.id).await?,
        team,
        maps,
        categories,
        visible,
    })
}

/// The neighbourhood of the team that the capture form's map shows: the one `raw` names
/// (an id of the team's), else the team's first.
fn picked(team: &TeamDetail, raw: &str) -> Option<(NeighbourhoodId, String)> {
    let wanted = raw.trim().parse::<i64>().ok().map(NeighbourhoodId);
    team.neighbourhoods
        .iter()
        .find(|(id, _)| Some(*id) == wanted)
        .or_else(|| team.neighbourhoods.first())
        .cloned()
}

/// The map of the capture form of the team: the neighbourhood `raw` names (else the
/// team's first); `None` when it has no outline to click on.
pub async fn picker(ctx: &Ctx, scope: &TeamScope, raw: &str) -> ServiceResult<Option<BaseMap>> {
    let team = scope.team_for(Action::EditTeam)?;
    let Some((id, name)) = picked(team, raw) else {
        return Ok(None);
    };
    let base = base(ctx, scope.municipality(), id, &name).await?;
    Ok(base.boundary.is_some().then_some(base))
}

/// The point clicked at (`x`, `y`) on the capture form's map of neighbourhood `raw`, as the
/// browser sends it (`kaart.x`, `kaart.y`). A click outside the picture, a number that is
/// not one, or a point outside the neighbourhood is a validation error on `lat`.
pub async fn pick(
    ctx: &Ctx,
    scope: &TeamScope,
    raw: &str,
    (x, y): (&str, &str),
) -> ServiceResult<(NeighbourhoodId, GeoPoint)> {
    let base = picker(ctx, scope, raw)
        .await?
        .ok_or_else(|| ServiceError::invalid("lat", "error-map-click"))?;
    let boundary = base
        .boundary
        .as_ref()
        .ok_or_else(|| ServiceError::invalid("lat", "error-map-click"))?;
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let frame = Frame::fit(boundary, map::PICKER.0, map::PICKER.1);
    let point = number(x)
        .zip(number(y))
        .and_then(|(x, y)| frame.from_view(x, y))
        .ok_or_else(|| ServiceError::invalid("lat", "error-map-click"))?;
    if !boundary.contains(point) {
        return Err(ServiceError::invalid("lat", "error-concern-point-outside"));
    }
    // Six decimals (about 10 cm) are more than a click can mean.
    let round = |v: f64| (v * 1e6).round() / 1e6;
    Ok((
        base.id,
        GeoPoint {
            lat: round(point.lat),
            lon: round(point.lon),
        },
    ))
}
