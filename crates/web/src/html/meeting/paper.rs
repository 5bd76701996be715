//! `POST /werk/{team}/bijeenkomst/papier` and `/papier/bevestig`: the count of the paper
//! sheets (attendees and stickers per ballot item, field `item-{id}`), entered by one
//! facilitator and confirmed by another; a later entry is a correction with a reason.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use services::meeting::count::{self, PaperInput};

use super::{Slot, finish};
use crate::AppState;
use crate::auth::InTeam;
use crate::error::AppError;
use crate::html::form::FormFields;

/// The count as typed: every `item-{id}` field is a ballot item's stickers.
fn paper_of(fields: &FormFields) -> PaperInput {
    let stickers: BTreeMap<domain::BallotItemId, String> = fields
        .0
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("item-")?.parse().ok()?;
            Some((id, v.clone()))
        })
        .collect();
    PaperInput {
        attendees: fields.get("attendees"),
        stickers,
        reason: fields.get("reason"),
    }
}

/// `POST /werk/{team}/bijeenkomst/papier`.
pub async fn enter(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    fields: FormFields,
) -> Result<Response, AppError> {
    let input = paper_of(&fields);
    let result = count::enter_paper(&state.ctx, &scope, &input).await;
    let values = fields.without_token();
    finish(
        &state,
        &staff,
        &scope,
        result,
        "telling",
        Slot::Paper,
        values,
    )
    .await
}

/// `POST /werk/{team}/bijeenkomst/papier/bevestig`: field `version`, the count the
/// facilitator looked at (a newer one must be looked at first).
pub async fn confirm(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    fields: FormFields,
) -> Result<Response, AppError> {
    // A missing or garbled version is no version: the service answers that the count
    // changed, after checking who asks.
    let version = fields.get("version").trim().parse::<i32>().unwrap_or(0);
    let result = count::confirm_paper(&state.ctx, &scope, version).await;
    finish(
        &state,
        &staff,
        &scope,
        result,
        "bevestigd",
        Slot::Confirm,
        Vec::new(),
    )
    .await
}
