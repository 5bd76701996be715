//! Import jobs running in the background: an in-memory registry of their progress and
//! outcome, with the municipality and account that started each one. Jobs are forgotten an
//! hour after they started; a restart forgets them all (the import itself is one
//! transaction, so it either happened or did not).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use domain::MunicipalityId;
use domain::import::Located;
use services::import::{AddressImportReport, BoundaryReport, ImportProgress};

/// How long a job is kept after it started.
pub const KEEP: Duration = Duration::from_hours(1);

/// A job's id: random, so one cannot be guessed from another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JobId(uuid::Uuid);

impl JobId {
    fn new() -> Self {
        JobId(uuid::Uuid::new_v4())
    }
}

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.simple())
    }
}

impl std::str::FromStr for JobId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::try_parse(s).map(JobId)
    }
}

/// Where a job is.
#[derive(Clone, Debug, PartialEq)]
pub enum JobStatus {
    /// Running, this far.
    Running(ImportProgress),
    /// Addresses imported.
    Addresses(AddressImportReport),
    /// Boundaries imported.
    Boundaries(BoundaryReport),
    /// Nothing imported: the file's problems.
    Rejected(Vec<Located>),
    /// Nothing imported: the import failed (logged).
    Failed,
}

/// A job and whose it is.
#[derive(Clone, Debug)]
pub struct JobState {
    /// The municipality imported into: only its staff see the job.
    pub municipality: MunicipalityId,
    /// The account that started it.
    pub user: domain::UserId,
    /// When it started.
    pub started: Instant,
    /// Where it is.
    pub status: JobStatus,
}

/// The registry, shared by the handlers and the background tasks.
#[derive(Clone, Debug, Default)]
pub struct Jobs(Arc<Mutex<HashMap<JobId, JobState>>>);

impl Jobs {
    fn with<R>(&self, f: impl FnOnce(&mut HashMap<JobId, JobState>) -> R) -> R {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, job| job.started.elapsed() < KEEP);
        f(&mut map)
    }

    /// Registers a new running job.
    pub fn start(&self, municipality: MunicipalityId, user: domain::UserId) -> JobId {
        let id = JobId::new();
        self.with(|map| {
            map.insert(
                id,
                JobState {
                    municipality,
                    user,
                    started: Instant::now(),
                    status: JobStatus::Running(ImportProgress::Checking),
                },
            );
        });
        id
    }

    /// Records where a job is.
    pub fn set(&self, id: JobId, status: JobStatus) {
        self.with(|map| {
            if let Some(job) = map.get_mut(&id) {
                job.status = status;
            }
        });
    }

    /// The job, if it exists, has not expired, and belongs to `municipality`.
    pub fn get(&self, id: JobId, municipality: MunicipalityId) -> Option<JobState> {
        self.with(|map| {
            map.get(&id)
                .filter(|job| job.municipality == municipality)
                .cloned()
        })
    }
}
