//! Residents' pages: `/buurten/{slug}` (the neighbourhood), `/buurten/{slug}/melden` (the
//! report form: no account, a honeypot field against bots, a limit per network address) and
//! `/melding`, `/melding/{reference}` (where a report stands).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::place::Neighbourhood;
use render::admin::FormState;
use render::inventory::{
    Choice, InventoryLabels, Labels, NeighbourhoodPage, ReportPage, StatusPage, StatusView,
    category_label,
};
use serde::Deserialize;
use services::inventory::report::{self, Report};
use tower_sessions::Session;

use super::work::contact_of;
use crate::AppState;
use crate::client_ip::ClientIp;
use crate::csrf;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::shell::PageCtx;
use crate::html::to_html;

/// `?gemeente=` picks the municipality when several have a neighbourhood of that name.
#[derive(Debug, Default, Deserialize)]
pub struct Where {
    gemeente: Option<String>,
}

impl Where {
    pub(super) fn query(&self) -> String {
        self.gemeente
            .as_deref()
            .map(|m| {
                let m: String = url::form_urlencoded::byte_serialize(m.as_bytes()).collect();
                format!("?gemeente={m}")
            })
            .unwrap_or_default()
    }
}

pub(super) async fn find(
    state: &AppState,
    slug: &str,
    at: &Where,
) -> Result<Neighbourhood, AppError> {
    report::neighbourhood(&state.ctx, slug, at.gemeente.as_deref())
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /buurten/{slug}`: the neighbourhood's public page.
pub async fn neighbourhood(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
) -> Result<Response, AppError> {
    let page = neighbourhood_page(&state, &page_ctx, &slug, &at);
    crate::html::public_page(&state, &page_ctx, page).await
}

async fn neighbourhood_page(
    state: &AppState,
    page_ctx: &PageCtx,
    slug: &str,
    at: &Where,
) -> Result<Html<String>, AppError> {
    let place = find(state, slug, at).await?;
    let counts = report::public_counts(&state.ctx, &place).await?;
    let shell = page_ctx.shell();
    let labels = Labels(render::I18n::new(shell.locale));
    // meeting (public)
    let agendas = crate::html::vote::public::agendas(state, &place, labels.0, &at.query()).await?;
    let page = NeighbourhoodPage {
        agendas,
        name: place.name.clone(),
        slug: place.slug.to_string(),
        municipality_query: at.query(),
        teams: place
            .teams
            .iter()
            .map(|(id, n)| (id.get(), n.clone()))
            .collect(),
        heard: counts
            .iter()
            .map(|(status, n)| {
                (
                    labels.status_label(status),
                    render::format::count(shell.locale, *n),
                )
            })
            .collect(),
        i18n: labels.0,
        shell,
    };
    to_html(&page)
}

async fn report_page(
    state: &AppState,
    page_ctx: &PageCtx,
    session: &Session,
    place: &Neighbourhood,
    at: &Where,
) -> Result<ReportPage, AppError> {
    let (categories, streets) = report::form(&state.ctx, place).await?;
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    Ok(ReportPage {
        csrf: csrf::token(session).await?,
        neighbourhood: place.name.clone(),
        action: format!("/buurten/{}/melden{}", place.slug, at.query()),
        categories: categories
            .iter()
            .map(|c| Choice {
                value: c.code.clone(),
                label: category_label(&i18n, &c.code, c.label.as_deref()),
            })
            .collect(),
        streets: streets
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name,
            })
            .collect(),
        client_id: uuid::Uuid::new_v4().to_string(),
        failed: None,
        notice: None,
        i18n,
        shell,
    })
}

/// `GET /buurten/{slug}/melden`: the report form.
pub async fn report_form(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
) -> Result<Html<String>, AppError> {
    let place = find(&state, &slug, &at).await?;
    let page = report_page(&state, &page_ctx, &session, &place, &at).await?;
    to_html(&page)
}

/// `POST /buurten/{slug}/melden`: stores the report and shows its reference; the form
/// again with every value and a message per field when something is wrong; 429 when this
/// address sent too many.
pub async fn report_submit(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    ip: ClientIp,
    Path(slug): Path<String>,
    Query(at): Query<Where>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let place = find(&state, &slug, &at).await?;
    // A bot fills in every field; a person never sees this one. Answer as if it worked,
    // so the bot learns nothing, and store nothing.
    if !fields.get("website").trim().is_empty() {
        return Ok(Redirect::to("/melding").into_response());
    }
    let input = Report {
        category: fields.get("category"),
        what: fields.get("what"),
        street: fields.get("street"),
        house_number: fields.get("house_number"),
        landmark: fields.get("landmark"),
        days: fields.all("days"),
        day_parts: fields.all("day_parts"),
        since: fields.get("since"),
        client_id: fields.get("client_id"),
        contact: contact_of(&fields),
        from: ip.0.to_string(),
    };
    match report::report(&state.ctx, &place, &input).await {
        Ok(reported) => Ok(
            Redirect::to(&format!("/melding/{}?verstuurd=1", reported.reference)).into_response(),
        ),
        Err(services::ServiceError::RateLimited { retry_after_secs }) => {
            let mut page = report_page(&state, &page_ctx, &session, &place, &at).await?;
            page.notice = Some(page.i18n.t("report-too-many"));
            page.failed = Some(FormState {
                form: "concern",
                values: fields.without_token(),
                errors: Vec::new(),
            });
            let mut response = (StatusCode::TOO_MANY_REQUESTS, to_html(&page)?).into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            Ok(response)
        }
        Err(error @ services::ServiceError::Validation(_)) => {
            let page = report_page(&state, &page_ctx, &session, &place, &at).await?;
            let i18n = page.i18n;
            Err(super::refill(
                error,
                fields.without_token(),
                page,
                i18n,
                |page, failed| {
                    // The same form id, so a second try after fixing stores one concern.
                    if let Some((_, id)) = failed.values.iter().find(|(k, _)| k == "client_id") {
                        page.client_id.clone_from(id);
                    }
                    page.failed = Some(failed);
                },
            ))
        }
        Err(other) => Err(other.into()),
    }
}

/// `?ref=` of the lookup form, `?verstuurd=1` right after sending.
#[derive(Debug, Default, Deserialize)]
pub struct Lookup {
    #[serde(rename = "ref")]
    reference: Option<String>,
    verstuurd: Option<String>,
}

/// `GET /melding`: the lookup form; with `?ref=` it goes to the report's page.
pub async fn lookup(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Query(lookup): Query<Lookup>,
) -> Result<Response, AppError> {
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    let mut page = StatusPage {
        found: None,
        just_sent: false,
        unknown: None,
        i18n,
        shell,
    };
    let Some(reference) = lookup.reference.filter(|r| !r.trim().is_empty()) else {
        return Ok(to_html(&page)?.into_response());
    };
    match report::status(&state.ctx, &reference).await {
        Ok(found) => Ok(Redirect::to(&format!("/melding/{}", found.reference)).into_response()),
        Err(services::ServiceError::NotFound) => {
            page.unknown = Some(
                reference
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(40)
                    .collect(),
            );
            Ok((StatusCode::NOT_FOUND, to_html(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /melding/{reference}`: where the report stands.
pub async fn status(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    Path(reference): Path<String>,
    Query(lookup): Query<Lookup>,
) -> Result<Html<String>, AppError> {
    let found = report::status(&state.ctx, &reference).await?;
    let shell = page_ctx.shell();
    let labels = Labels(render::I18n::new(shell.locale));
    let i18n = labels.0;
    let neighbourhood = services::places::neighbourhood_name(&state.ctx, found.neighbourhood)
        .await?
        .unwrap_or_default();
    let view = StatusView {
        received: i18n.t2(
            "status-received",
            (
                "date",
                &render::local_time::date(shell.locale, found.received_at),
            ),
            ("neighbourhood", &neighbourhood),
        ),
        topic: i18n.t1(
            "status-topic",
            "category",
            &category_label(&i18n, &found.category.0, found.category.1.as_deref()),
        ),
        status: labels.status_label(&found.status),
        meeting: i18n.t1(
            "status-meeting",
            "date",
            &render::local_time::day(shell.locale, found.cycle_ends_on),
        ),
        reference: found.reference,
    };
    let page = StatusPage {
        found: Some(view),
        just_sent: lookup.verstuurd.is_some(),
        unknown: None,
        i18n,
        shell,
    };
    to_html(&page)
}
