//! `/beheer/import`: coordinators upload an address file (BAG CSV) or a boundary file
//! (GeoJSON). The import runs in the background (`crate::jobs`); the job's page shows its
//! progress, refreshing itself, and then the report or every problem of a rejected file.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::access::Action;
use render::upload::{AddressCounts, JobPage, JobView, UploadPage};
use services::ServiceError;
use services::import::{self, ImportOutcome, ImportProgress};

use crate::AppState;
use crate::auth::Staff;
use crate::error::AppError;
use crate::html::to_html;
use crate::jobs::{JobId, JobStatus};

/// The form field that carries the file.
const FILE_FIELD: &str = "bestand";

fn allowed(staff: &Staff) -> Result<(), AppError> {
    if staff.may(Action::ManageStructure) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden.into())
    }
}

fn upload_page(staff: &Staff, missing_file: Option<&'static str>) -> UploadPage {
    let shell = staff.page.shell();
    UploadPage {
        i18n: render::I18n::new(shell.locale),
        shell,
        csrf: staff.csrf.clone(),
        missing_file,
    }
}

/// `GET /beheer/import`: the two upload forms.
pub async fn show(staff: Staff) -> Result<Html<String>, AppError> {
    allowed(&staff)?;
    to_html(&upload_page(&staff, None))
}

/// The uploaded file, or `None` when the form came without one.
async fn file_of(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Option<Vec<u8>>, AppError> {
    let Ok(mut multipart) = multipart else {
        return Ok(None);
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(None),
            Err(err) => return Err(multipart_error(err.status())),
        };
        if field.name() != Some(FILE_FIELD) {
            continue;
        }
        let chosen = field.file_name().is_some_and(|name| !name.is_empty());
        let bytes = field
            .bytes()
            .await
            .map_err(|err| multipart_error(err.status()))?;
        return Ok((chosen || !bytes.is_empty()).then(|| bytes.to_vec()));
    }
}

fn multipart_error(status: StatusCode) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest
    }
}

/// Which import a form starts.
#[derive(Clone, Copy)]
enum Kind {
    Addresses,
    Boundaries,
}

async fn upload(
    state: AppState,
    staff: Staff,
    multipart: Result<Multipart, MultipartRejection>,
    kind: Kind,
) -> Result<Response, AppError> {
    allowed(&staff)?;
    let Some(bytes) = file_of(multipart).await? else {
        let form = match kind {
            Kind::Addresses => "adressen",
            Kind::Boundaries => "grenzen",
        };
        let page = to_html(&upload_page(&staff, Some(form)))?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let user = staff
        .actor
        .signed_in()
        .map(|s| s.user)
        .ok_or(ServiceError::Forbidden)?;
    let jobs = state.jobs.clone();
    let id = jobs.start(staff.municipality, user);
    let ctx = state.ctx.clone();
    let actor = staff.actor.clone();
    let municipality = staff.municipality;
    tokio::spawn(async move {
        let status = match kind {
            Kind::Addresses => {
                let progress_jobs = jobs.clone();
                let progress = move |p: ImportProgress| {
                    if p != ImportProgress::Done {
                        progress_jobs.set(id, JobStatus::Running(p));
                    }
                };
                match import::import_addresses_into(&ctx, &actor, municipality, &bytes, &progress)
                    .await
                {
                    Ok(ImportOutcome::Imported(report)) => JobStatus::Addresses(report),
                    Ok(ImportOutcome::Rejected(problems)) => JobStatus::Rejected(problems),
                    Err(err) => failed(&err),
                }
            }
            Kind::Boundaries => {
                match import::set_boundaries_of(&ctx, &actor, municipality, &bytes).await {
                    Ok(ImportOutcome::Imported(report)) => JobStatus::Boundaries(report),
                    Ok(ImportOutcome::Rejected(problems)) => JobStatus::Rejected(problems),
                    Err(err) => failed(&err),
                }
            }
        };
        jobs.set(id, status);
    });
    // Most files take well under a second: wait that long, so their report shows at once and
    // only large files get the progress page that refreshes itself.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(1500);
    while tokio::time::Instant::now() < deadline
        && state
            .jobs
            .get(id, staff.municipality)
            .is_some_and(|job| matches!(job.status, JobStatus::Running(_)))
    {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    Ok(Redirect::to(&format!("/beheer/import/{id}")).into_response())
}

fn failed(err: &ServiceError) -> JobStatus {
    tracing::error!(error = ?err, "import failed");
    JobStatus::Failed
}

/// `POST /beheer/import/adressen`: starts an address import.
pub async fn upload_addresses(
    State(state): State<AppState>,
    staff: Staff,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    upload(state, staff, multipart, Kind::Addresses).await
}

/// `POST /beheer/import/grenzen`: starts a boundary import.
pub async fn upload_boundaries(
    State(state): State<AppState>,
    staff: Staff,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    upload(state, staff, multipart, Kind::Boundaries).await
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn view_of(status: JobStatus) -> JobView {
    match status {
        JobStatus::Running(ImportProgress::Writing { done, total }) => JobView::Writing {
            done: count(done),
            total: count(total),
        },
        JobStatus::Running(_) => JobView::Checking,
        JobStatus::Addresses(r) => JobView::Addresses(AddressCounts {
            rows: count(r.rows),
            added: count(r.added),
            already_present: count(r.already_present),
            streets_added: count(r.streets_added),
            placed_by_code: count(r.placed_by_code),
            placed_by_point: count(r.placed_by_point),
            unplaced: count(r.unplaced),
        }),
        JobStatus::Boundaries(r) => JobView::Boundaries {
            boundaries: count(r.boundaries),
            moved: count(r.addresses_moved),
        },
        JobStatus::Rejected(problems) => JobView::Rejected(problems),
        JobStatus::Failed => JobView::Failed,
    }
}

/// `GET /beheer/import/{job}`: the job's progress or outcome; 422 for a rejected file. A
/// job of another municipality does not exist for the visitor.
pub async fn job(
    State(state): State<AppState>,
    staff: Staff,
    Path(job): Path<String>,
) -> Result<Response, AppError> {
    allowed(&staff)?;
    let id: JobId = job.parse().map_err(|_| AppError::NotFound)?;
    let job = state
        .jobs
        .get(id, staff.municipality)
        .ok_or(AppError::NotFound)?;
    let view = view_of(job.status);
    let status = match view {
        JobView::Rejected(_) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    let shell = staff.page.shell();
    let page = JobPage {
        i18n: render::I18n::new(shell.locale),
        shell,
        view,
    };
    Ok((status, to_html(&page)?).into_response())
}
