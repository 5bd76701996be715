//! `/beheer/structuur`: the whole structure of the municipality, with a form for each part.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use domain::access::Action;
use render::admin::{FormState, StructurePage};
use services::structure::{self, NeighbourhoodForm, PersonForm, groups, teams};

use super::{Saved, after, translate};
use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

const BACK: &str = "/beheer/structuur?opgeslagen=1";

async fn page(state: &AppState, staff: &Staff, saved: bool) -> Result<StructurePage, AppError> {
    let s = structure::overview(&state.ctx, &staff.actor, staff.municipality).await?;
    let shell = staff.page.shell();
    Ok(StructurePage {
        i18n: render::I18n::new(shell.locale),
        shell,
        csrf: staff.csrf.clone(),
        can_manage: staff.may(Action::ManageStructure),
        districts: s.districts,
        organisations: s.organisations,
        people: s.people,
        teams: s.teams,
        groups: s.groups,
        failed: None,
        saved,
    })
}

/// Shows the structure.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(saved): Query<Saved>,
) -> Result<Html<String>, AppError> {
    to_html(&page(&state, &staff, saved.saved()).await?)
}

/// The page again with a failed form.
async fn again(
    state: &AppState,
    staff: &Staff,
) -> Result<impl FnOnce(FormState) -> Result<String, askama::Error> + Send + 'static, AppError> {
    let page = page(state, staff, false).await?;
    Ok(move |mut failed: FormState| {
        let mut page = page;
        translate(&mut failed, &page.i18n);
        page.failed = Some(failed);
        askama::Template::render(&page)
    })
}

/// `POST /beheer/structuur/wijk`.
pub async fn add_district(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let result = structure::add_district(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &fields.get("name"),
    )
    .await;
    after(
        result,
        &format!("{BACK}#wijken"),
        "district",
        fields,
        again(&state, &staff).await?,
    )
}

/// `POST /beheer/structuur/buurt`.
pub async fn add_neighbourhood(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let form = NeighbourhoodForm {
        district: fields.get("district"),
        name: fields.get("name"),
        cbs_code: fields.get("cbs_code"),
        population: fields.get("population"),
    };
    let result =
        structure::add_neighbourhood(&state.ctx, &staff.actor, staff.municipality, &form).await;
    after(
        result,
        &format!("{BACK}#wijken"),
        "neighbourhood",
        fields,
        again(&state, &staff).await?,
    )
}

/// `POST /beheer/structuur/organisatie`.
pub async fn add_organisation(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let result = structure::add_organisation(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &fields.get("name"),
        &fields.get("kind"),
    )
    .await;
    after(
        result,
        &format!("{BACK}#organisaties"),
        "organisation",
        fields,
        again(&state, &staff).await?,
    )
}

/// `POST /beheer/structuur/afdeling`.
pub async fn add_department(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let result = structure::add_department(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &fields.get("organisation"),
        &fields.get("department"),
    )
    .await;
    after(
        result,
        &format!("{BACK}#organisaties"),
        "department",
        fields,
        again(&state, &staff).await?,
    )
}

/// `POST /beheer/structuur/persoon`.
pub async fn add_person(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let form = PersonForm {
        name: fields.get("name"),
        function: fields.get("function"),
        organisation: fields.get("organisation"),
        email: fields.get("email"),
        phone: fields.get("phone"),
    };
    let result = structure::add_person(&state.ctx, &staff.actor, staff.municipality, &form).await;
    after(
        result,
        &format!("{BACK}#mensen"),
        "person",
        fields,
        again(&state, &staff).await?,
    )
}

/// `POST /beheer/structuur/team`.
pub async fn add_team(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let form = teams::TeamForm {
        name: fields.get("name"),
        neighbourhoods: fields.all("neighbourhoods"),
    };
    match teams::add_team(&state.ctx, &staff.actor, staff.municipality, &form).await {
        Ok(slug) => Ok(
            axum::response::Redirect::to(&format!("/beheer/teams/{slug}?opgeslagen=1"))
                .into_response(),
        ),
        Err(e) => after(
            Err::<(), _>(e),
            BACK,
            "team",
            fields,
            again(&state, &staff).await?,
        ),
    }
}

/// `POST /beheer/structuur/groep`.
pub async fn add_group(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let result = groups::add_group(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &fields.get("kind"),
        &fields.get("name"),
    )
    .await;
    after(
        result,
        &format!("{BACK}#groepen"),
        "group",
        fields,
        again(&state, &staff).await?,
    )
}

/// `POST /beheer/structuur/groepslid`.
pub async fn add_group_member(
    State(state): State<AppState>,
    staff: Staff,
    fields: FormFields,
) -> Result<Response, AppError> {
    let chair = fields.get("chair") == "1";
    let result = groups::set_member(
        &state.ctx,
        &staff.actor,
        staff.municipality,
        &fields.get("group"),
        &fields.get("person"),
        chair,
    )
    .await;
    after(
        result,
        &format!("{BACK}#groepen"),
        "member",
        fields,
        again(&state, &staff).await?,
    )
}
