//! Maps: `/buurten/{slug}/kaart` (public, snapped markers), `/werk/{team}/kaart` (the team's
//! concerns it may see), and the point picker of the capture form: an image button whose
//! click (`kaart.x`, `kaart.y`) the server turns into a point, showing the form again with
//! everything typed; nothing is saved until the form's own button is pressed.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::boundary::GeoPoint;
use render::admin::FormState;
use render::inventory::{Labels, category_label};
use render::map::{MapInput, MapRow, MapSection, Picker, PublicMapPage, TeamMapPage};
use services::inventory::map::{self as maps, NeighbourhoodMap, Place};

use super::public::{Where, find};
use super::work::ListParams;
use services::TeamScope;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::shell::PageCtx;
use crate::html::to_html;

fn internal(e: askama::Error) -> AppError {
    AppError::Service(services::ServiceError::Internal(e.into()))
}

/// A neighbourhood's map and table as the page shows them.
fn section(i18n: render::I18n, map: &NeighbourhoodMap) -> Result<MapSection, AppError> {
    let locale = i18n.locale;
    let id = format!("kaart-{}", map.base.id.get());
    let count = |n: u64| render::format::count(locale, n);
    let svg = match &map.base.boundary {
        None => None,
        Some(boundary) => {
            let title = i18n.t2(
                "map-title",
                ("name", &map.base.name),
                ("n", &map.markers.len().to_string()),
            );
            let addresses: Vec<GeoPoint> = map.base.addresses.iter().map(|(_, p)| *p).collect();
            let markers: Vec<GeoPoint> = map.markers.iter().map(|m| m.at).collect();
            let input = MapInput {
                id: &id,
                title: &title,
                boundary,
                size: domain::map::VIEW,
                addresses: &addresses,
                markers: &markers,
                chosen: None,
                standalone: false,
            };
            Some(render::map::svg(&input).map_err(internal)?.0)
        }
    };
    let rows = map
        .markers
        .iter()
        .enumerate()
        .map(|(i, m)| MapRow {
            number: i + 1,
            place: match &m.place {
                Place::Street(name) => name.clone(),
                Place::Near(name) => i18n.t1("map-near", "street", name),
                Place::Unnamed => i18n.t("map-unnamed"),
            },
            topics: m
                .topics
                .iter()
                .map(|((code, own), n)| {
                    i18n.t2(
                        "map-topic",
                        ("topic", &category_label(&i18n, code, own.as_deref())),
                        ("n", &n.to_string()),
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            concerns: count(m.concerns as u64),
            residents: count(m.residents),
        })
        .collect();
    Ok(MapSection {
        id,
        name: map.base.name.clone(),
        svg,
        rows,
        unplaced: if map.unplaced == 0 {
            String::new()
        } else {
            i18n.t1("map-unplaced", "n", &map.unplaced.to_string())
        },
    })
}

/// `GET /buurten/{slug}/kaart`: the public map of a neighbourhood.
pub async fn public_map(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
) -> Result<Response, AppError> {
    let page = public_map_page(&state, &page_ctx, &slug, &at);
    crate::html::public_page(&state, &page_ctx, page).await
}

async fn public_map_page(
    state: &AppState,
    page_ctx: &PageCtx,
    slug: &str,
    at: &Where,
) -> Result<Html<String>, AppError> {
    let place = find(state, slug, at).await?;
    let map = maps::public_map(&state.ctx, &place).await?;
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    let page = PublicMapPage {
        slug: place.slug.to_string(),
        municipality_query: at.query(),
        section: section(i18n, &map)?,
        i18n,
        shell,
    };
    to_html(&page)
}

/// `GET /werk/{team}/kaart`: the team's concerns on a map, with the list's filters.
pub async fn team_map(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Query(params): Query<ListParams>,
) -> Result<Html<String>, AppError> {
    let query = params.query()?;
    let map = maps::team_map(&state.ctx, &scope, &query).await?;
    let shell = staff.page.shell();
    let labels = Labels(render::I18n::new(shell.locale));
    let i18n = labels.0;
    let choices = super::filter_choices(&labels, &map.cycles, &map.categories, &map.visible);
    let page = TeamMapPage {
        team_name: map.team.name.clone(),
        team_slug: map.team.slug.to_string(),
        cycles: choices.cycles,
        categories: choices.categories,
        statuses: choices.statuses,
        sensitivities: choices.sensitivities,
        filter: params.chosen(),
        sections: map
            .maps
            .iter()
            .map(|m| section(i18n, m))
            .collect::<Result<_, _>>()?,
        i18n,
        shell,
    };
    to_html(&page)
}

/// The value of `field` in `values`, or empty.
fn value<'a>(values: &'a [(String, String)], field: &str) -> &'a str {
    values
        .iter()
        .find(|(k, _)| k == field)
        .map_or("", |(_, v)| v.as_str())
}

/// Sets `field` to `to` in `values`.
fn set(values: &mut Vec<(String, String)>, field: &str, to: String) {
    values.retain(|(k, _)| k != field);
    values.push((field.to_owned(), to));
}

/// The point picker of the capture form for the neighbourhood chosen in `values` (else the
/// team's first), with the point in `values` marked; `None` when no outline is known.
pub(crate) async fn picker(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    values: &[(String, String)],
) -> Result<Option<Picker>, AppError> {
    let wanted = value(values, "neighbourhood");
    let Some(base) = maps::picker(&state.ctx, scope, wanted).await? else {
        return Ok(None);
    };
    let Some(boundary) = &base.boundary else {
        return Ok(None);
    };
    let number = |field| value(values, field).trim().parse::<f64>().ok();
    let chosen = number("lat")
        .zip(number("lon"))
        .map(|(lat, lon)| GeoPoint { lat, lon })
        .filter(|p| p.lat.is_finite() && p.lon.is_finite() && boundary.contains(*p));
    let i18n = render::I18n::new(staff.page.locale);
    let alt = i18n.t1("map-pick-alt", "name", &base.name);
    let addresses: Vec<GeoPoint> = base.addresses.iter().map(|(_, p)| *p).collect();
    let input = MapInput {
        id: "kiezer",
        title: &alt,
        boundary,
        size: domain::map::PICKER,
        addresses: &addresses,
        markers: &[],
        chosen,
        standalone: true,
    };
    let (svg, (width, height)) = render::map::svg(&input).map_err(internal)?;
    Ok(Some(Picker {
        src: render::map::data_url(&svg),
        width: width.to_string(),
        height: height.to_string(),
        neighbourhood: base.id.get().to_string(),
        name: base.name.clone(),
        alt,
        chosen: chosen.is_some(),
    }))
}

/// The capture form's map buttons, if one was pressed: a click on the map (`kaart.x`),
/// removing the point (`kaart_weg`), or showing the chosen neighbourhood's map
/// (`kaart_toon`). Each shows the form again with everything typed and saves nothing.
pub(crate) async fn capture_map_action(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    fields: &FormFields,
) -> Option<Result<Response, AppError>> {
    let clicked = fields.0.iter().any(|(k, _)| k == "kaart.x");
    let remove = !fields.get("kaart_weg").is_empty();
    let show = !fields.get("kaart_toon").is_empty();
    if !(clicked || remove || show) {
        return None;
    }
    let mut values: Vec<(String, String)> = fields
        .clone()
        .without_token()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("kaart"))
        .collect();
    let result = if clicked {
        let (x, y) = (fields.get("kaart.x"), fields.get("kaart.y"));
        if x.trim() == "0" && y.trim() == "0" {
            // What a keyboard sends when it presses the picture.
            Err(services::ServiceError::invalid("lat", "error-map-keyboard"))
        } else {
            let shown = fields.get("kaart_buurt");
            maps::pick(&state.ctx, scope, &shown, (&x, &y))
                .await
                .map(Some)
        }
    } else {
        Ok(None)
    };
    Some(
        respond(
            state,
            staff,
            scope,
            values_after(&mut values, remove, result),
        )
        .await,
    )
}

/// The form's values after a map button, or the error to show with them.
fn values_after(
    values: &mut Vec<(String, String)>,
    remove: bool,
    picked: services::ServiceResult<Option<(domain::NeighbourhoodId, GeoPoint)>>,
) -> (Vec<(String, String)>, Option<services::ServiceError>) {
    if remove {
        set(values, "lat", String::new());
        set(values, "lon", String::new());
    }
    match picked {
        Ok(Some((neighbourhood, point))) => {
            set(values, "lat", point.lat.to_string());
            set(values, "lon", point.lon.to_string());
            if !value(values, "neighbourhood").is_empty() {
                set(values, "neighbourhood", neighbourhood.get().to_string());
            }
            (values.clone(), None)
        }
        Ok(None) => (values.clone(), None),
        Err(error) => (values.clone(), Some(error)),
    }
}

async fn respond(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    (values, error): (Vec<(String, String)>, Option<services::ServiceError>),
) -> Result<Response, AppError> {
    let mut page = super::work::capture_page(state, staff, scope, &values, None).await?;
    if let Some((_, id)) = values.iter().find(|(k, _)| k == "client_id") {
        page.client_id.clone_from(id);
    }
    if let Some(error) = error {
        let i18n = page.i18n;
        return Err(super::refill(error, values, page, i18n, |page, failed| {
            page.failed = Some(failed);
        }));
    }
    page.failed = Some(FormState {
        form: "concern",
        values,
        errors: Vec::new(),
    });
    Ok((StatusCode::OK, to_html(&page)?).into_response())
}
