//! The team's work on the inventory: `/werk` (my teams), `/werk/{team}` (the list of
//! concerns with its filters) and `/werk/{team}/nieuw` (noting a concern).

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::ConcernId;
use domain::inventory::{ConcernInput, Sensitivity};
use render::inventory::{
    CapturePage, Choice, ConcernRow, ConcernsPage, InventoryLabels, Labels, category_label,
};
use serde::Deserialize;
use services::inventory::capture::{self, Capture};
use services::inventory::list::{self, Row};
use services::inventory::{ContactInput, Placed};

use services::TeamScope;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::keyed::Keyed;
use crate::html::to_html;

/// The query string of the list (Dutch names, as people see them in the address bar).
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    ronde: Option<String>,
    onderwerp: Option<String>,
    straat: Option<String>,
    manier: Option<String>,
    stand: Option<String>,
    zichtbaar: Option<String>,
    voor: Option<String>,
}

impl ListParams {
    /// The filter as `(field, value)`, for the form and the next page's link.
    pub(crate) fn chosen(&self) -> Vec<(String, String)> {
        [
            ("ronde", &self.ronde),
            ("onderwerp", &self.onderwerp),
            ("straat", &self.straat),
            ("manier", &self.manier),
            ("stand", &self.stand),
            ("zichtbaar", &self.zichtbaar),
        ]
        .into_iter()
        .filter_map(|(field, value)| {
            value
                .as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| (field.to_owned(), v.clone()))
        })
        .collect()
    }
}

/// A key from the query string; one that does not parse is a malformed request.
fn id<T: std::str::FromStr>(raw: Option<&String>) -> Result<Option<T>, AppError> {
    match raw.map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| AppError::BadRequest),
    }
}

fn code(raw: Option<&String>) -> Option<String> {
    raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl ListParams {
    pub(crate) fn query(&self) -> Result<list::Query, AppError> {
        Ok(list::Query {
            cycle: id(self.ronde.as_ref())?,
            category: id(self.onderwerp.as_ref())?,
            street: id(self.straat.as_ref())?,
            channel: code(self.manier.as_ref()),
            status: code(self.stand.as_ref()),
            sensitivity: code(self.zichtbaar.as_ref()),
            before: id(self.voor.as_ref())?,
        })
    }
}

/// `GET /werk/{team}/zorgen.csv`: every concern of the filter, as CSV.
pub async fn export(
    State(state): State<AppState>,
    InTeam { scope, .. }: InTeam,
    Path(team): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Response, AppError> {
    let mut query = params.query()?;
    query.before = None;
    let csv = list::export(&state.ctx, &scope, &query).await?;
    let file: String = team
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"zorgen-{file}.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}

/// `GET /werk/{team}`: the team's concerns.
pub async fn list(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Query(params): Query<ListParams>,
) -> Result<Html<String>, AppError> {
    let query = params.query()?;
    let page = list::list(&state.ctx, &scope, &query).await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let labels = Labels(i18n);
    let can_capture = scope.may(domain::access::Action::EditTeam);
    let filter = params.chosen();
    let next_href = page.next.map(|before| {
        let mut query: Vec<(String, String)> = filter.clone();
        query.push(("voor".to_owned(), before.to_string()));
        let encoded: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(query)
            .finish();
        format!("/werk/{}?{encoded}", page.team.slug)
    });
    // The export and the map show what the filter shows.
    let encoded: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(filter.clone())
        .finish();
    let query = if encoded.is_empty() {
        String::new()
    } else {
        format!("?{encoded}")
    };
    let csv_href = format!("/werk/{}/zorgen.csv{query}", page.team.slug);
    let map_href = format!("/werk/{}/kaart{query}", page.team.slug);
    let choices = super::filter_choices(&labels, &page.cycles, &page.categories, &page.visible);
    let view = ConcernsPage {
        team_name: page.team.name.clone(),
        team_slug: page.team.slug.to_string(),
        can_capture,
        cycles: choices.cycles,
        categories: choices.categories,
        streets: page
            .streets
            .iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name.clone(),
            })
            .collect(),
        channels: domain::inventory::Channel::ALL
            .iter()
            .map(|c| Choice {
                value: c.code().to_owned(),
                label: labels.channel_label(c),
            })
            .collect(),
        statuses: choices.statuses,
        sensitivities: choices.sensitivities,
        filter,
        rows: page.rows.iter().map(|r| row(&labels, r)).collect(),
        next_href,
        csv_href,
        map_href,
        i18n,
        shell,
    };
    to_html(&view)
}

fn row(labels: &Labels, r: &Row) -> ConcernRow {
    let i18n = labels.i18n();
    ConcernRow {
        id: r.id,
        reference: r.reference.clone(),
        when: render::local_time::date_time(i18n.locale, r.created_at),
        category: category_label(i18n, &r.category.0, r.category.1.as_deref()),
        what: r.what.clone(),
        place: render::inventory::place_text(r.street.as_deref(), r.houses, r.landmark.as_deref()),
        timing: render::inventory::timing_text(i18n, r.days, r.day_parts, r.since.as_deref()),
        channel: labels.channel_label(&r.channel),
        residents: i18n.t1("concerns-residents", "n", &r.residents.to_string()),
        status: labels.status_label(&r.status),
        sensitivity: (
            labels.sensitivity_label(&r.sensitivity),
            r.sensitivity != Sensitivity::Public,
        ),
        urgent: r.urgent,
        quick_win: r.quick_win,
    }
}

/// The query string after a save.
#[derive(Debug, Default, Deserialize)]
pub struct SavedParams {
    opgeslagen: Option<String>,
    eerder: Option<String>,
}

/// The capture form; `sent` (the fields of a form shown again) picks the map's
/// neighbourhood and point.
pub(crate) async fn capture_page(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    sent: &[(String, String)],
    saved: Option<String>,
) -> Result<CapturePage, AppError> {
    let form = capture::form(&state.ctx, scope).await?;
    let picker = super::map::picker(state, staff, scope, sent).await?;
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    Ok(CapturePage {
        csrf: staff.csrf.clone(),
        team_name: form.team.name.clone(),
        team_slug: form.team.slug.to_string(),
        neighbourhoods: form
            .team
            .neighbourhoods
            .iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name.clone(),
            })
            .collect(),
        categories: form
            .categories
            .iter()
            .map(|c| Choice {
                value: c.code.clone(),
                label: category_label(&i18n, &c.code, c.label.as_deref()),
            })
            .collect(),
        streets: form
            .streets
            .iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name.clone(),
            })
            .collect(),
        client_id: uuid::Uuid::new_v4().to_string(),
        account: staff.actor.audit_name(),
        failed: None,
        picker,
        saved,
        i18n,
        shell,
    })
}

/// `GET /werk/{team}/nieuw`: the capture form (after a save, with its reference).
pub async fn capture_form(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Query(params): Query<SavedParams>,
) -> Result<Html<String>, AppError> {
    let i18n = render::I18n::new(staff.page.locale);
    let reference = |r: &String| {
        r.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(16)
            .collect::<String>()
    };
    let saved = match (&params.opgeslagen, &params.eerder) {
        (Some(r), _) => Some(i18n.t1("capture-saved", "reference", &reference(r))),
        (None, Some(r)) => Some(i18n.t1("capture-again", "reference", &reference(r))),
        (None, None) => None,
    };
    let page = capture_page(&state, &staff, &scope, &[], saved).await?;
    to_html(&page)
}

/// The capture as the form sent it.
pub fn capture_of(fields: &FormFields) -> Capture {
    Capture {
        placed: Placed {
            neighbourhood: fields.get("neighbourhood"),
            client_id: fields.get("client_id"),
            concern: ConcernInput {
                category: fields.get("category"),
                what: fields.get("what"),
                street: fields.get("street"),
                house_from: fields.get("house_from"),
                house_to: fields.get("house_to"),
                landmark: fields.get("landmark"),
                lat: fields.get("lat"),
                lon: fields.get("lon"),
                days: fields.all("days"),
                day_parts: fields.all("day_parts"),
                since: fields.get("since"),
                channel: fields.get("channel"),
                residents: fields.get("residents"),
                quick_win: fields.get("quick_win") == "on",
                urgent: fields.get("urgent") == "on",
                sensitivity: fields.get("sensitivity"),
            },
        },
        contact: contact_of(fields),
    }
}

/// The contact fields of a concern form.
pub fn contact_of(fields: &FormFields) -> ContactInput {
    ContactInput {
        name: fields.get("contact_name"),
        phone: fields.get("contact_phone"),
        email: fields.get("contact_email"),
        consent: fields.get("contact_consent") == "on",
    }
}

/// `POST /werk/{team}/nieuw`: stores the concern, then the empty form for the next one.
pub async fn capture_submit(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    if let Some(shown) = super::map::capture_map_action(&state, &staff, &scope, &fields).await {
        return shown;
    }
    let input = capture_of(&fields);
    match capture::capture(&state.ctx, &scope, &input).await {
        Ok(captured) => {
            let key = if captured.new { "opgeslagen" } else { "eerder" };
            Ok(
                Redirect::to(&format!("/werk/{team}/nieuw?{key}={}", captured.reference))
                    .into_response(),
            )
        }
        Err(error @ services::ServiceError::Validation(_)) => {
            let page = capture_page(&state, &staff, &scope, &fields.0, None).await?;
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

/// `GET /werk`: the teams whose work the visitor sees; with one team, that team's list.
pub async fn my_teams(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let teams = capture::my_teams(&state.ctx, &staff.actor, staff.municipality).await?;
    if let [(team, _)] = teams.as_slice() {
        return Ok(Redirect::to(&format!("/werk/{}", team.slug)).into_response());
    }
    let shell = staff.page.shell();
    let i18n = render::I18n::new(shell.locale);
    let page = render::inventory::MyTeamsPage {
        teams: teams
            .into_iter()
            .map(|(team, edit)| (team.slug, team.name, team.neighbourhoods.join(", "), edit))
            .collect(),
        i18n,
        shell,
    };
    Ok(to_html(&page)?.into_response())
}

/// After a change on a concern's page.
#[derive(Debug, Default, Deserialize)]
pub struct ChangedParams {
    klaar: Option<String>,
}

/// `GET /werk/{team}/zorg/{id}`: one concern; `NotFound` for what the visitor may not see.
pub async fn concern(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Keyed((_, id)): Keyed<(String, ConcernId)>,
    Query(params): Query<ChangedParams>,
) -> Result<Html<String>, AppError> {
    let detail = list::detail(&state.ctx, &scope, id).await?;
    let shell = staff.page.shell();
    let labels = Labels(render::I18n::new(shell.locale));
    let i18n = labels.0;
    let contact = detail
        .contact
        .iter()
        .flat_map(|c| {
            [
                ("contact-name", c.name.clone()),
                ("contact-phone", c.phone.clone()),
                ("contact-email", c.email.clone()),
            ]
        })
        .filter_map(|(key, value)| value.map(|v| (i18n.t(key), v)))
        .collect();
    let page = render::inventory::ConcernPage {
        csrf: staff.csrf.clone(),
        team_name: detail.team.name.clone(),
        team_slug: detail.team.slug.to_string(),
        id,
        contact,
        routed: detail.routed_at.map(|at| {
            i18n.t1(
                "concern-routed",
                "date",
                &render::local_time::date_time(shell.locale, at),
            )
        }),
        sensitivity: (detail.row.sensitivity.code().to_owned(), detail.can_edit),
        notice: params.klaar.map(|_| i18n.t("concern-saved")),
        row: row(&labels, &detail.row),
        i18n,
        shell,
    };
    to_html(&page)
}

/// `POST /werk/{team}/zorg/{id}`: who may see it.
pub async fn concern_update(
    State(state): State<AppState>,
    InTeam { scope, .. }: InTeam,
    Keyed((team, id)): Keyed<(String, ConcernId)>,
    fields: FormFields,
) -> Result<Response, AppError> {
    match list::set_sensitivity(&state.ctx, &scope, id, &fields.get("sensitivity")).await {
        // A wrong choice cannot be typed: the radio buttons offer only right ones. Show the
        // page again as it is.
        Ok(()) | Err(services::ServiceError::Validation(_)) => {
            Ok(Redirect::to(&format!("/werk/{team}/zorg/{id}?klaar=1")).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
