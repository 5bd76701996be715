//! `/werk/{team}/agenda`: the long list for the neighbourhood meeting, and its changes
//! (one form per change, each a plain POST: it all works without JavaScript).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::inventory::{
    AgendaConcern, AgendaItemRow, AgendaPage, InventoryLabels, Labels, SuggestionRow,
    category_label,
};
use services::inventory::ConcernRecord;
use services::inventory::agenda::{self, Change, Suggestion, SuggestionReason};

use services::TeamScope;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A suggestion as the page shows it: a title to start from, and why.
fn suggestion(i18n: render::I18n, s: &Suggestion) -> SuggestionRow {
    let (title, why) = match &s.reason {
        SuggestionReason::Category(c) => (
            category_label(&i18n, &c.code, c.label.as_deref()),
            i18n.t("agenda-why-category"),
        ),
        SuggestionReason::Street(street) => (
            i18n.t1("agenda-title-street", "street", street),
            i18n.t("agenda-why-street"),
        ),
        SuggestionReason::Nearby => (i18n.t("agenda-title-nearby"), i18n.t("agenda-why-nearby")),
        SuggestionReason::Words(word) => (
            i18n.t1("agenda-title-words", "word", &capitalised(word)),
            i18n.t1("agenda-why-words", "word", word),
        ),
    };
    SuggestionRow {
        title,
        why,
        count: i18n.t1("agenda-count", "n", &s.concerns.len().to_string()),
        concerns: s.concerns.clone(),
    }
}

async fn page(state: &AppState, staff: &Staff, scope: &TeamScope) -> Result<AgendaPage, AppError> {
    let view = agenda::view(&state.ctx, scope).await?;
    let shell = staff.page.shell();
    let labels = Labels(render::I18n::new(shell.locale));
    let i18n = labels.0;
    let category = |id: i64| {
        view.categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| category_label(&i18n, &c.code, c.label.as_deref()))
            .unwrap_or_default()
    };
    let concern = |c: &ConcernRecord| {
        let channel = c
            .channel
            .parse()
            .unwrap_or(domain::inventory::Channel::Other);
        AgendaConcern {
            id: c.id,
            category: category(c.category_id),
            what: c.what.clone(),
            facts: format!(
                "{} · {}",
                i18n.t1("concerns-residents", "n", &c.residents.to_string()),
                labels.channel_label(&channel)
            ),
        }
    };
    let items = view
        .items
        .iter()
        .map(|item| AgendaItemRow {
            id: item.item.id,
            title: item.item.title.clone(),
            stands_for: i18n.t2(
                "agenda-stands-for",
                ("concerns", &item.concerns.len().to_string()),
                ("residents", &item.residents.to_string()),
            ),
            channels: item
                .channels
                .iter()
                .map(|(c, n)| format!("{} {n}", labels.channel_label(c)))
                .collect::<Vec<_>>()
                .join(", "),
            concerns: item.concerns.iter().map(concern).collect(),
        })
        .collect();
    Ok(AgendaPage {
        csrf: staff.csrf.clone(),
        team_name: view.team.name.clone(),
        team_slug: view.team.slug.to_string(),
        cycle: view
            .cycle
            .map(|c| i18n.t1("concerns-cycle-n", "number", &c.number.to_string()))
            .unwrap_or_default(),
        items,
        ungrouped: view.ungrouped.iter().map(concern).collect(),
        suggestions: view
            .suggestions
            .iter()
            .map(|s| suggestion(i18n, s))
            .collect(),
        can_prepare: view.can_prepare,
        problem: None,
        kept_title: String::new(),
        kept: Vec::new(),
        i18n,
        shell,
    })
}

/// `GET /werk/{team}/agenda`.
pub async fn show(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
) -> Result<Html<String>, AppError> {
    to_html(&page(&state, &staff, &scope).await?)
}

/// A key from the form; a garbled one is a wrong choice.
fn id<T: std::str::FromStr>(raw: &str) -> Result<T, services::ServiceError> {
    raw.trim()
        .parse()
        .map_err(|_| services::ServiceError::invalid("concerns", "error-choose"))
}

/// The change the form asks for.
fn change_of(
    fields: &FormFields,
    concerns: Vec<domain::ConcernId>,
) -> Result<Change, services::ServiceError> {
    Ok(match fields.get("action").as_str() {
        "create" => Change::Create {
            title: fields.get("title"),
            concerns,
        },
        "rename" => Change::Rename {
            item: id(&fields.get("item"))?,
            title: fields.get("title"),
        },
        "up" => Change::Up(id(&fields.get("item"))?),
        "down" => Change::Down(id(&fields.get("item"))?),
        "merge" => Change::Merge {
            item: id(&fields.get("item"))?,
            into: id(&fields.get("into"))?,
        },
        "release" => Change::Release(id(&fields.get("concern"))?),
        _ => return Err(services::ServiceError::invalid("action", "error-choose")),
    })
}

/// `POST /werk/{team}/agenda`: one change (`action`: create, rename, up, down, merge, release).
pub async fn change(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
    fields: FormFields,
) -> Result<Response, AppError> {
    scope.require(domain::access::Action::PrepareAgenda)?;
    let concerns: Result<Vec<domain::ConcernId>, _> =
        fields.all("concerns").iter().map(|c| id(c)).collect();
    let kept = concerns.as_ref().map(Clone::clone).unwrap_or_default();
    let result = match concerns.and_then(|c| change_of(&fields, c)) {
        Ok(change) => agenda::change(&state.ctx, &scope, &change).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/werk/{team}/agenda")).into_response()),
        Err(services::ServiceError::Validation(errors)) => {
            let mut page = page(&state, &staff, &scope).await?;
            page.problem = errors.first().map(|e| page.i18n.t(e.message_key));
            page.kept_title = fields.get("title");
            page.kept = kept;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, to_html(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
