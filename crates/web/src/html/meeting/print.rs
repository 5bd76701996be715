//! The meeting's printed matter as PDF: the A3 poster, the A3 ballot sheet, the code cards,
//! and the invitation letters to every household, which are made in the background (7,000
//! letters take well under a second in a release build, but a page must never wait for
//! them): `POST .../brieven` starts the job and sends the visitor to its page, which shows
//! the progress (htmx every second; without JavaScript a link) and then the download.
//! Jobs live in memory for an hour, with their municipality and account: only the account
//! that started one sees it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::I18n;
use render::documents::{self, CodeCard, DocumentError};
use render::meeting::{LettersJob, LettersPage};
use services::meeting::documents as docs;

use services::TeamScope;

use crate::AppState;
use crate::auth::{InTeam, Staff};
use crate::error::AppError;
use crate::html::to_html;

/// How long a finished letters job is kept.
const KEEP: Duration = Duration::from_hours(1);

/// One letters job.
#[derive(Debug)]
struct Job {
    municipality: domain::MunicipalityId,
    user: domain::UserId,
    team: String,
    started: Instant,
    total: usize,
    done: Arc<AtomicUsize>,
    /// The PDF, or the failure's message key.
    outcome: Option<Result<Arc<Vec<u8>>, &'static str>>,
}

/// The letters jobs, shared by the handlers and the background tasks.
#[derive(Clone, Debug, Default)]
pub struct LetterJobs(Arc<Mutex<HashMap<uuid::Uuid, Job>>>);

impl LetterJobs {
    fn with<R>(&self, f: impl FnOnce(&mut HashMap<uuid::Uuid, Job>) -> R) -> R {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, job| job.started.elapsed() < KEEP);
        f(&mut map)
    }
}

fn user_of(staff: &Staff) -> Result<domain::UserId, AppError> {
    staff
        .actor
        .signed_in()
        .map(|u| u.user)
        .ok_or(AppError::NotFound)
}

fn pdf(bytes: Vec<u8>, name: &str) -> Response {
    (
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// A document of a meeting not (or no longer) planned: back to the page, which says so.
fn or_back(team: &str, error: services::ServiceError) -> Result<Response, AppError> {
    match error {
        services::ServiceError::Conflict(_) => {
            Ok(Redirect::to(&super::page_path(team, "?melding=veranderd")).into_response())
        }
        other => Err(other.into()),
    }
}

fn rendered(result: Result<Vec<u8>, DocumentError>) -> Result<Vec<u8>, AppError> {
    result.map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))
}

/// `GET /werk/{team}/bijeenkomst/affiche.pdf`: the A3 poster.
pub async fn poster(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
) -> Result<Response, AppError> {
    let info = match docs::meeting_info(&state.ctx, &scope).await {
        Ok(info) => info,
        Err(error) => return or_back(&team, error),
    };
    let locale = staff.page.shell().locale;
    let bytes = tokio::task::spawn_blocking(move || documents::poster(locale, &info))
        .await
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))?;
    Ok(pdf(rendered(bytes)?, &format!("affiche-{team}.pdf")))
}

/// `GET /werk/{team}/bijeenkomst/stembiljet.pdf`: the ballot as A3 sheets for stickers.
pub async fn ballot_sheet(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
) -> Result<Response, AppError> {
    let sheet = match docs::ballot_sheet(&state.ctx, &scope).await {
        Ok(sheet) => sheet,
        Err(services::ServiceError::Validation(_)) => {
            return Ok(Redirect::to(&super::page_path(&team, "?melding=veranderd")).into_response());
        }
        Err(error) => return or_back(&team, error),
    };
    let locale = staff.page.shell().locale;
    let bytes = tokio::task::spawn_blocking(move || documents::ballot_sheet(locale, &sheet))
        .await
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))?;
    Ok(pdf(rendered(bytes)?, &format!("stembiljet-{team}.pdf")))
}

/// The code cards of freshly printed `codes` as a PDF (from `steps::codes`).
pub(crate) async fn code_cards(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    codes: &[domain::vote_code::VoteCode],
) -> Result<Response, AppError> {
    let info = docs::meeting_info(&state.ctx, scope).await?;
    let cards: Vec<CodeCard> = codes
        .iter()
        .map(|code| CodeCard {
            code: code.to_string(),
            url: format!("{}/stemmen?code={code}", state.ctx.public_url),
        })
        .collect();
    let locale = staff.page.shell().locale;
    let bytes = tokio::task::spawn_blocking(move || documents::code_cards(locale, &info, &cards))
        .await
        .map_err(|e| AppError::Service(services::ServiceError::Internal(e.into())))?;
    Ok(pdf(
        rendered(bytes)?,
        &format!("stemcodes-{}.pdf", scope.team().slug),
    ))
}

/// `POST /werk/{team}/bijeenkomst/brieven`: starts making the letters.
pub async fn start_letters(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path(team): Path<String>,
) -> Result<Response, AppError> {
    let ctx = &state.ctx;
    let info = match docs::meeting_info(ctx, &scope).await {
        Ok(info) => info,
        Err(error) => return or_back(&team, error),
    };
    let i18n = I18n::new(staff.page.shell().locale);
    let households = docs::households(ctx, &scope, &i18n.t("letters-greeting")).await?;
    let user = user_of(&staff)?;
    let id = uuid::Uuid::new_v4();
    let done = Arc::new(AtomicUsize::new(0));
    state.letters.with(|jobs| {
        jobs.insert(
            id,
            Job {
                municipality: staff.municipality,
                user,
                team: team.clone(),
                started: Instant::now(),
                total: households.len(),
                done: done.clone(),
                outcome: None,
            },
        )
    });
    let (jobs, locale) = (state.letters.clone(), i18n.locale);
    tokio::spawn(async move {
        let progress = done.clone();
        let made = tokio::task::spawn_blocking(move || {
            documents::letters(locale, &info, &households, &|n| {
                progress.store(n, Ordering::Relaxed);
            })
        })
        .await;
        let outcome = match made {
            Ok(Ok(bytes)) => Ok(Arc::new(bytes)),
            Ok(Err(DocumentError::Empty)) => Err("letters-none"),
            Ok(Err(DocumentError::TooLong { .. })) => Err("letters-too-long"),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "letters failed");
                Err("letters-failed")
            }
            Err(e) => {
                tracing::error!(error = %e, "letters task failed");
                Err("letters-failed")
            }
        };
        jobs.with(|all| {
            if let Some(job) = all.get_mut(&id) {
                job.outcome = Some(outcome);
            }
        });
    });
    Ok(Redirect::to(&format!("/werk/{team}/bijeenkomst/brieven/{}", id.simple())).into_response())
}

/// The job `id` of this visitor for `team`, as the page shows it.
fn job_view(
    state: &AppState,
    staff: &Staff,
    scope: &TeamScope,
    id: &str,
) -> Result<LettersJob, AppError> {
    let id = uuid::Uuid::try_parse(id).map_err(|_| AppError::NotFound)?;
    state.letters.with(|jobs| {
        let job = jobs
            .get(&id)
            .filter(|j| {
                j.municipality == staff.municipality
                    && Some(j.user) == user_of(staff).ok()
                    && j.team == scope.team().slug.as_str()
            })
            .ok_or(AppError::NotFound)?;
        Ok(LettersJob {
            id: id.simple().to_string(),
            done: job.done.load(Ordering::Relaxed),
            total: job.total,
            ready: matches!(job.outcome, Some(Ok(_))),
            failed: match job.outcome {
                Some(Err(key)) => Some(key),
                _ => None,
            },
        })
    })
}

/// `GET /werk/{team}/bijeenkomst/brieven/{job}`: the job's progress, then its download.
pub async fn letters_status(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path((team, id)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    scope.require(domain::access::Action::PrepareAgenda)?;
    let job = job_view(&state, &staff, &scope, &id)?;
    let shell = staff.page.shell();
    let page = LettersPage {
        i18n: I18n::new(shell.locale),
        shell,
        team_slug: team,
        job,
    };
    to_html(&page)
}

/// `GET /werk/{team}/bijeenkomst/brieven/{job}/brieven.pdf`: the letters, once made.
pub async fn letters_pdf(
    State(state): State<AppState>,
    InTeam { staff, scope }: InTeam,
    Path((team, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    scope.require(domain::access::Action::PrepareAgenda)?;
    job_view(&state, &staff, &scope, &id)?;
    let uuid = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound)?;
    let bytes = state
        .letters
        .with(
            |jobs| match jobs.get(&uuid).and_then(|j| j.outcome.clone()) {
                Some(Ok(bytes)) => Some(bytes),
                _ => None,
            },
        )
        .ok_or(AppError::NotFound)?;
    Ok(pdf(bytes.to_vec(), &format!("brieven-{team}.pdf")))
}
