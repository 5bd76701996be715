//! The steps of the meeting that take no more than a button: opening it (the ballot is
//! frozen), printing one-time codes (answered with cards to print), and closing the vote.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Response};
use render::I18n;
use render::meeting::{CodeCard, CodesPage};
use services::meeting::{count, plan};

use super::{Slot, finish};
use crate::AppState;
use crate::auth::InTeam;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::to_html;

/// `POST /werk/{team}/bijeenkomst/open`.
pub async fn open(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
) -> Result<Response, AppError> {
    let result = plan::open(&state.ctx, &scope).await;
    finish(
        &state,
        &staff,
        &scope,
        result,
        "open",
        Slot::Open,
        Vec::new(),
    )
    .await
}

/// `POST /werk/{team}/bijeenkomst/sluiten`.
pub async fn close(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
) -> Result<Response, AppError> {
    let result = count::close(&state.ctx, &scope).await;
    finish(
        &state,
        &staff,
        &scope,
        result,
        "gesloten",
        Slot::Open,
        Vec::new(),
    )
    .await
}

/// `POST /werk/{team}/bijeenkomst/codes`: the cards to print (a PDF with `formaat=pdf`, else
/// a page), the only time the codes exist in clear. It is never stored by a cache; printing again means new codes.
pub async fn codes(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    fields: FormFields,
) -> Result<Response, AppError> {
    let typed = fields.get("count");
    let ctx = &state.ctx;
    let codes = match plan::issue_codes(ctx, &scope, &typed).await {
        Ok(codes) => codes,
        Err(error) => {
            let values = vec![("count".to_owned(), typed)];
            return finish(&state, &staff, &scope, Err(error), "", Slot::Codes, values).await;
        }
    };
    if fields.get("formaat") == "pdf" {
        return super::print::code_cards(&state, &staff, &scope, &codes).await;
    }
    let facts = plan::page(ctx, &scope).await?;
    let shell = staff.page.shell();
    let i18n = I18n::new(shell.locale);
    let vote_url = format!("{}/stemmen", ctx.public_url);
    let vote_address = vote_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .to_owned();
    let qr_label = i18n.t("meeting-card-qr");
    let page = CodesPage {
        team_name: facts.team.name.clone(),
        team_slug: facts.team.slug.to_string(),
        when: facts.meeting.as_ref().map_or_else(String::new, |m| {
            render::local_time::date_time(i18n.locale, m.starts_at)
        }),
        cards: codes
            .iter()
            .map(|code| CodeCard {
                code: code.to_string(),
                qr: render::qr::svg(&format!("{vote_url}?code={code}"), &qr_label),
            })
            .collect(),
        vote_address,
        i18n,
        shell,
    };
    let html = to_html(&page)?;
    Ok(([(CACHE_CONTROL, "no-store")], html).into_response())
}
