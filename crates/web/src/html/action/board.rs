//! `/werk/{team}/afspraken`: each priority with its agreements, and a new agreement.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::agreement::AgreementInput;
use render::I18n;
use render::action::{BoardPage, PriorityBlock};
use render::inventory::{Choice, InventoryLabels, Labels};
use serde::Deserialize;
use services::TeamScope;
use services::action::agreements::{self, Board, NewInput};

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

/// After a save.
#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    opgeslagen: Option<String>,
}

/// Who may own an agreement, as a form's choices.
pub(crate) fn owner_choices(
    i18n: I18n,
    owners: &services::action::agreements::Owners,
) -> Vec<Choice> {
    let people = owners.people.iter().map(|p| Choice {
        value: format!("person:{}", p.id),
        label: p
            .organisation
            .as_ref()
            .map_or_else(|| p.name.clone(), |org| format!("{} ({org})", p.name)),
    });
    let departments = owners.organisations.iter().flat_map(|o| {
        o.departments.iter().map(move |(id, name)| Choice {
            value: format!("department:{id}"),
            label: format!("{}, {name}", o.name),
        })
    });
    let residents = std::iter::once(Choice {
        value: "residents".into(),
        label: i18n.t("agreement-owner-residents"),
    });
    people.chain(departments).chain(residents).collect()
}

fn block(
    i18n: I18n,
    slug: &str,
    board: &Board,
    p: &agreements::PriorityAgreements,
) -> PriorityBlock {
    let cycle = i18n.t1("concerns-cycle-n", "number", &p.cycle_number.to_string());
    let mut facts = vec![i18n.t2(
        "board-facts",
        ("cycle", &cycle),
        ("rank", &p.priority.rank.to_string()),
    )];
    for (on, key) in [
        (p.priority.quick_win, "board-quick-win"),
        (p.priority.residents_act, "board-residents-act"),
        (!p.priority.open, "board-closed"),
    ] {
        if on {
            facts.push(i18n.t(key));
        }
    }
    PriorityBlock {
        id: p.priority.id,
        title: p.priority.title.clone(),
        facts: facts.join(" · "),
        open: p.priority.open,
        agreements: p
            .agreements
            .iter()
            .map(|a| super::row(i18n, slug, a, &board.owners, board.today))
            .collect(),
    }
}

/// The board page, empty form.
pub(crate) async fn page(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
) -> Result<BoardPage, AppError> {
    let board = agreements::board(&state.ctx, scope).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let slug = scope.team().slug.to_string();
    let labels = Labels(i18n);
    Ok(BoardPage {
        csrf: staff.csrf.clone(),
        team_name: scope.team().name.clone(),
        kept: render::action::kept_text(&i18n, board.kept),
        priorities: board
            .priorities
            .iter()
            .map(|p| block(i18n, &slug, &board, p))
            .collect(),
        can_edit: board.can_edit,
        priority_choices: board
            .priorities
            .iter()
            .filter(|p| p.priority.open)
            .map(|p| Choice {
                value: p.priority.id.to_string(),
                label: p.priority.title.clone(),
            })
            .collect(),
        owners: owner_choices(i18n, &board.owners),
        sensitivities: board
            .sensitivities
            .iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: labels.sensitivity_label(s),
            })
            .collect(),
        client_id: uuid::Uuid::new_v4().to_string(),
        team_slug: slug,
        failed: None,
        notice: None,
        i18n,
        shell,
    })
}

/// `GET /werk/{team}/afspraken`.
pub async fn show(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Query(saved): Query<Saved>,
) -> Result<Html<String>, AppError> {
    let mut page = page(&state, &staff, &scope).await?;
    page.notice = saved.opgeslagen.map(|_| page.i18n.t("agreement-saved"));
    to_html(&page)
}

/// The agreement as the form sent it.
fn input_of(fields: &FormFields) -> NewInput {
    NewInput {
        priority: fields.get("priority"),
        client_id: fields.get("client_id"),
        agreement: AgreementInput {
            what: fields.get("what"),
            owner: fields.get("owner"),
            residents: fields.get("residents"),
            target: fields.get("target"),
            hard: fields.get("hard"),
        },
        sensitivity: fields.get("sensitivity"),
        ask: fields.get("ask") == "on",
    }
}

/// `POST /werk/{team}/afspraken`: writes the agreement down, then the board again.
pub async fn create(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    fields: FormFields,
) -> Result<Response, AppError> {
    match agreements::create(&state.ctx, &scope, &input_of(&fields)).await {
        Ok(id) => {
            let to = format!(
                "/werk/{}/afspraken?opgeslagen={id}#priority-{}",
                scope.team().slug,
                fields.get("priority")
            );
            Ok(Redirect::to(&to).into_response())
        }
        Err(error @ services::ServiceError::Validation(_)) => {
            let page = page(&state, &staff, &scope).await?;
            let i18n = page.i18n;
            Err(crate::html::inventory::refill(
                error,
                fields.without_token(),
                page,
                i18n,
                |page, failed| {
                    // The same form id, so a second try after fixing stores one agreement.
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
