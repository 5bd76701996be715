//! `POST /werk/{team}/bijeenkomst/publiceren`: the chair's choice among tied items (with a
//! reason), the marks (quick wins, residents act themselves), the earlier priorities that are
//! done; publishing starts the next cycle.

use axum::extract::State;
use axum::response::Response;
use services::meeting::publish::{self, PublishInput};

use super::{Slot, finish};
use crate::AppState;
use crate::auth::InTeam;
use crate::error::AppError;
use crate::html::form::FormFields;

/// The keys ticked in checkbox group `name` (anything else is not a key and is left out).
fn ids<T: std::str::FromStr>(fields: &FormFields, name: &str) -> Vec<T> {
    fields
        .all(name)
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

/// `POST /werk/{team}/bijeenkomst/publiceren`.
pub async fn publish(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    fields: FormFields,
) -> Result<Response, AppError> {
    let input = PublishInput {
        chair: ids(&fields, "chair"),
        reason: fields.get("reason"),
        quick_wins: ids(&fields, "quick_wins"),
        residents_act: ids(&fields, "residents_act"),
        done: ids(&fields, "done"),
    };
    let result = publish::publish(&state.ctx, &scope, &input).await;
    let values = fields.without_token();
    finish(
        &state,
        &staff,
        &scope,
        result,
        "gepubliceerd",
        Slot::Publish,
        values,
    )
    .await
}
