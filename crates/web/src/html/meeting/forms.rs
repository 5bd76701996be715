//! `/werk/{team}/bijeenkomst/instellingen` and `/plan`: the team's settings and the
//! meeting's plan, each a form that shows itself again with what was typed when refused.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::meeting::{PlanInput, SettingsInput};
use render::I18n;
use render::meeting::{FormView, PlanPage, SettingsPage};
use services::ServiceError;
use services::meeting::plan;

use super::{messages, page_path};
use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

fn settings_values(input: &SettingsInput) -> Vec<(String, String)> {
    [
        ("weeks", &input.weeks),
        ("stickers", &input.stickers),
        ("priorities", &input.priorities),
        ("stack", &input.stack),
        ("ties", &input.ties),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.clone()))
    .collect()
}

fn settings_page(staff: &Staff, form: plan::FormFor<SettingsInput>) -> SettingsPage {
    let shell = staff.page.shell();
    SettingsPage {
        i18n: I18n::new(shell.locale),
        csrf: staff.csrf.clone(),
        team_name: form.team.name,
        team_slug: form.team.slug.to_string(),
        form: FormView::filled(settings_values(&form.input)),
        shell,
    }
}

/// `GET /werk/{team}/bijeenkomst/instellingen`.
pub async fn settings(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
) -> Result<Html<String>, AppError> {
    let form = plan::settings_form(&state.ctx, &scope).await?;
    to_html(&settings_page(&staff, form))
}

/// `POST /werk/{team}/bijeenkomst/instellingen`.
pub async fn save_settings(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let input = SettingsInput {
        weeks: fields.get("weeks"),
        stickers: fields.get("stickers"),
        priorities: fields.get("priorities"),
        stack: fields.get("stack"),
        ties: fields.get("ties"),
    };
    let ctx = &state.ctx;
    match plan::save_settings(ctx, &scope, &input).await {
        Ok(()) => Ok(Redirect::to(&page_path(&team, "?klaar=instellingen")).into_response()),
        Err(error @ ServiceError::Validation(_)) => {
            let form = plan::settings_form(ctx, &scope).await?;
            let mut page = settings_page(&staff, form);
            page.form.values = settings_values(&input);
            Err(refill(error, page, |p, errors| p.form.errors = errors))
        }
        Err(other) => Err(other.into()),
    }
}

/// The page again with the translated `errors` put in place by `put`.
fn refill<P>(
    error: ServiceError,
    page: P,
    put: fn(&mut P, Vec<render::forms::FieldMessage>),
) -> AppError
where
    P: askama::Template + Send + 'static + HasI18n,
{
    AppError::form(error, move |errors, _| {
        let mut page = page;
        let i18n = page.i18n();
        put(&mut page, messages(i18n, errors));
        page.render()
    })
}

/// A page with a translator.
trait HasI18n {
    fn i18n(&self) -> I18n;
}

impl HasI18n for SettingsPage {
    fn i18n(&self) -> I18n {
        self.i18n
    }
}

impl HasI18n for PlanPage {
    fn i18n(&self) -> I18n {
        self.i18n
    }
}

fn plan_values(input: &PlanInput) -> Vec<(String, String)> {
    [
        ("day", &input.day),
        ("starts", &input.starts),
        ("ends", &input.ends),
        ("venue", &input.venue),
        ("venue_address", &input.venue_address),
        ("accessibility", &input.accessibility),
        ("cycle_starts", &input.cycle_starts),
        ("inventory_ends", &input.inventory_ends),
        ("cycle_ends", &input.cycle_ends),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.clone()))
    .collect()
}

fn plan_page(staff: &Staff, form: plan::FormFor<PlanInput>) -> PlanPage {
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    PlanPage {
        csrf: staff.csrf.clone(),
        team_name: form.team.name,
        team_slug: form.team.slug.to_string(),
        cycle: i18n.t1("concerns-cycle-n", "number", &form.cycle.number.to_string()),
        form: FormView::filled(plan_values(&form.input)),
        i18n,
        shell,
    }
}

/// `GET /werk/{team}/bijeenkomst/plan`.
pub async fn plan_form(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
) -> Result<Html<String>, AppError> {
    let form = plan::plan_form(&state.ctx, &scope).await?;
    to_html(&plan_page(&staff, form))
}

/// `POST /werk/{team}/bijeenkomst/plan`. A meeting that has opened keeps its plan: the
/// page says so.
pub async fn save_plan(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    let input = PlanInput {
        day: fields.get("day"),
        starts: fields.get("starts"),
        ends: fields.get("ends"),
        venue: fields.get("venue"),
        venue_address: fields.get("venue_address"),
        accessibility: fields.get("accessibility"),
        cycle_starts: fields.get("cycle_starts"),
        inventory_ends: fields.get("inventory_ends"),
        cycle_ends: fields.get("cycle_ends"),
    };
    let ctx = &state.ctx;
    match plan::plan(ctx, &scope, &input).await {
        Ok(_) => Ok(Redirect::to(&page_path(&team, "?klaar=plan")).into_response()),
        Err(ServiceError::Conflict(_)) => {
            Ok(Redirect::to(&page_path(&team, "?melding=veranderd")).into_response())
        }
        Err(error @ ServiceError::Validation(_)) => {
            let form = plan::plan_form(ctx, &scope).await?;
            let mut page = plan_page(&staff, form);
            page.form.values = plan_values(&input);
            Err(refill(error, page, |p, errors| p.form.errors = errors))
        }
        Err(other) => Err(other.into()),
    }
}
