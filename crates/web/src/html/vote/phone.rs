//! `/stemmen`: a phone votes with the one-time code of its card. `GET` shows the code form,
//! or with `?code=` (the card's QR code) the ballot; `POST` casts the vote and sends the
//! phone to a thank-you page that says nothing about the vote. Every refusal shows the page
//! again with a plain message and the choice kept (422). Wrong and malformed codes are
//! counted per network address in the database (`services::limits::wrong_vote_code`, so
//! the count holds across servers): beyond `services::limits::WRONG_CODES_PER_WINDOW` their
//! answer is 429 with a notice. A right code is never refused for its address: a whole hall
//! shares one. (Guessing is hopeless anyway: a code has about 48 random bits.)

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{BallotItemId, MeetingId};
use render::forms::FieldMessage;
use render::vote::{BallotPage, BallotRow, CodePage, ThanksPage};
use serde::Deserialize;
use services::meeting::vote::{self, UNKNOWN_CODE, VoteBallot};
use services::meeting::{BallotItemRecord, room};
use services::{FieldError, ServiceError};
use tower_sessions::Session;

use crate::AppState;
use crate::client_ip::ClientIp;
use crate::csrf;
use crate::error::AppError;
use crate::html::form::FormFields;
use crate::html::shell::PageCtx;
use crate::html::to_html;

/// Most stickers read from one form: far above any team's setting, so that a made-up
/// number cannot make the server build a huge list.
const MOST_STICKERS: usize = 100;

/// `?code=`, from the code form or the card's QR code.
#[derive(Debug, Default, Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

/// What the voter sent, to show it again.
#[derive(Debug, Default)]
struct Sent {
    code: String,
    /// Item ids, once per sticker.
    choices: Vec<BallotItemId>,
    /// With stacking: the numbers as typed, per item.
    typed: Vec<(BallotItemId, String)>,
}

/// Whether a refusal is a wrong code (counted against the address).
fn wrong_code(errors: &[FieldError]) -> bool {
    errors
        .iter()
        .any(|e| e.message_key == UNKNOWN_CODE || e.message_key == "error-vote-code-form")
}

/// Counts a wrong code; the seconds to wait when the address is over the limit.
async fn over_limit(
    state: &AppState,
    ip: ClientIp,
    errors: &[FieldError],
) -> Result<Option<u64>, AppError> {
    if wrong_code(errors) {
        Ok(services::limits::wrong_vote_code(&state.ctx, &ip.0.to_string()).await?)
    } else {
        Ok(None)
    }
}

fn with_status(
    status: StatusCode,
    html: axum::response::Html<String>,
    wait: Option<u64>,
) -> Response {
    let mut response = (status, html).into_response();
    if let Some(wait) = wait {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    }
    response
}

fn code_page(
    page_ctx: &PageCtx,
    code: String,
    errors: &[FieldError],
    wait: Option<u64>,
) -> CodePage {
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    CodePage {
        error: errors.first().map(|e| i18n.t(e.message_key)),
        notice: wait.map(|_| i18n.t("vote-too-many-codes")),
        code,
        i18n,
        shell,
    }
}

#[expect(clippy::too_many_arguments, reason = "the parts of one page")]
fn ballot_page(
    page_ctx: &PageCtx,
    csrf: String,
    team: String,
    meeting: &services::meeting::room::MeetingRecord,
    items: &[BallotItemRecord],
    sent: &Sent,
    errors: &[FieldError],
    wait: Option<u64>,
) -> BallotPage {
    let shell = page_ctx.shell();
    let i18n = render::I18n::new(shell.locale);
    BallotPage {
        csrf,
        code: sent.code.clone(),
        meeting: meeting.id,
        team,
        stickers: meeting.settings.stickers,
        stack: meeting.settings.stack,
        items: items
            .iter()
            .map(|item| BallotRow {
                id: item.id,
                title: item.title.clone(),
                checked: sent.choices.contains(&item.id),
                stickers: sent
                    .typed
                    .iter()
                    .find(|(id, _)| *id == item.id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        errors: errors
            .iter()
            .map(|e| FieldMessage {
                field: e.field,
                text: i18n.t(e.message_key),
            })
            .collect(),
        notice: wait.map(|_| i18n.t("vote-too-many-codes")),
        i18n,
        shell,
    }
}

/// `GET /stemmen`: the code form; with `?code=` the ballot.
pub async fn show(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    ip: ClientIp,
    Query(query): Query<CodeQuery>,
) -> Result<Response, AppError> {
    let Some(code) = query.code.filter(|c| !c.trim().is_empty()) else {
        return Ok(to_html(&code_page(&page_ctx, String::new(), &[], None))?.into_response());
    };
    match vote::ballot_for(&state.ctx, &code).await {
        Ok(VoteBallot {
            code,
            team,
            meeting,
            items,
        }) => {
            let sent = Sent {
                code,
                ..Sent::default()
            };
            let csrf = csrf::token(&session).await?;
            let page = ballot_page(&page_ctx, csrf, team, &meeting, &items, &sent, &[], None);
            Ok(to_html(&page)?.into_response())
        }
        Err(ServiceError::Validation(errors)) => {
            let wait = over_limit(&state, ip, &errors).await?;
            let code: String = code.chars().take(40).collect();
            let page = code_page(&page_ctx, code, &errors, wait);
            let status = wait.map_or(StatusCode::UNPROCESSABLE_ENTITY, |_| {
                StatusCode::TOO_MANY_REQUESTS
            });
            Ok(with_status(status, to_html(&page)?, wait))
        }
        Err(other) => Err(other.into()),
    }
}

/// The choices of a ballot form: `keuze` once per ticked item, or `stickers-{id}` numbers.
fn read(fields: &FormFields) -> Result<Sent, Sent> {
    let mut sent = Sent {
        code: fields.get("code").chars().take(40).collect(),
        ..Sent::default()
    };
    let mut fine = true;
    for value in fields.all("keuze") {
        match value.trim().parse::<BallotItemId>() {
            Ok(id) => sent.choices.push(id),
            Err(_) => fine = false,
        }
    }
    for (name, value) in &fields.0 {
        let Some(id) = name
            .strip_prefix("stickers-")
            .and_then(|i| i.parse::<BallotItemId>().ok())
        else {
            continue;
        };
        sent.typed.push((id, value.chars().take(6).collect()));
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match value.parse::<usize>() {
            Ok(n) => {
                let room = MOST_STICKERS.saturating_sub(sent.choices.len());
                sent.choices.extend(std::iter::repeat_n(id, n.min(room)));
            }
            Err(_) => fine = false,
        }
    }
    if fine { Ok(sent) } else { Err(sent) }
}

/// `POST /stemmen`: casts the vote.
pub async fn cast(
    State(state): State<AppState>,
    page_ctx: PageCtx,
    session: Session,
    ip: ClientIp,
    fields: FormFields,
) -> Result<Response, AppError> {
    let meeting: Option<MeetingId> = fields.get("stemming").trim().parse().ok();
    let errors = match read(&fields) {
        Err(sent) => {
            let errors = vec![FieldError {
                field: "choices",
                message_key: "error-vote-number",
            }];
            return refused(&state, &page_ctx, &session, ip, meeting, &sent, errors).await;
        }
        Ok(sent) => match vote::cast(&state.ctx, &sent.code, &sent.choices).await {
            Ok(()) => return Ok(Redirect::to("/stemmen/bedankt").into_response()),
            Err(ServiceError::Validation(errors)) => (sent, errors),
            Err(other) => return Err(other.into()),
        },
    };
    let (sent, errors) = errors;
    refused(&state, &page_ctx, &session, ip, meeting, &sent, errors).await
}

/// A refused vote: the ballot again with the choice kept (or the code form, when the
/// meeting is unknown), 422, or 429 for a wrong code from an address over the limit.
async fn refused(
    state: &AppState,
    page_ctx: &PageCtx,
    session: &Session,
    ip: ClientIp,
    meeting: Option<MeetingId>,
    sent: &Sent,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let wait = over_limit(state, ip, &errors).await?;
    let status = wait.map_or(StatusCode::UNPROCESSABLE_ENTITY, |_| {
        StatusCode::TOO_MANY_REQUESTS
    });
    let again = match meeting {
        Some(id) => room::ballot_again(&state.ctx, id).await?,
        None => None,
    };
    let html = match again {
        Some((team, meeting, items)) => {
            let csrf = csrf::token(session).await?;
            let page = ballot_page(page_ctx, csrf, team, &meeting, &items, sent, &errors, wait);
            to_html(&page)?
        }
        None => to_html(&code_page(page_ctx, sent.code.clone(), &errors, wait))?,
    };
    Ok(with_status(status, html, wait))
}

/// `GET /stemmen/bedankt`: the vote counted.
pub async fn thanks(page_ctx: PageCtx) -> Result<Response, AppError> {
    let shell = page_ctx.shell();
    let page = ThanksPage {
        i18n: render::I18n::new(shell.locale),
        shell,
    };
    Ok(to_html(&page)?.into_response())
}
