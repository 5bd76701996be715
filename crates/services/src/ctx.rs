//! What every use case gets: the store, the clock, and who is acting.

use std::sync::Arc;

use store::Store;

use crate::clock::{Clock, SharedClock, SystemClock};

/// The service context: cheap to clone, shared by all requests.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The database.
    pub store: Store,
    /// The time source.
    pub clock: SharedClock,
}

impl Ctx {
    /// A context on the real clock.
    pub fn new(store: Store) -> Self {
        Ctx {
            store,
            clock: Arc::new(SystemClock),
        }
    }

    /// A context with another clock (tests).
    pub fn with_clock(store: Store, clock: impl Clock + 'static) -> Self {
        Ctx {
            store,
            clock: Arc::new(clock),
        }
    }
}

/// Who performs a use case; recorded in the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// An anonymous visitor of the public pages.
    Public,
    /// An operator at the command line.
    Cli,
    /// The product itself (jobs, start-up).
    System,
    /// A signed-in account.
    User(domain::UserId),
}

impl Actor {
    /// The actor as the audit log writes it.
    pub fn audit_name(&self) -> String {
        match self {
            Actor::Public => "public".into(),
            Actor::Cli => "cli".into(),
            Actor::System => "system".into(),
            Actor::User(id) => format!("user:{id}"),
        }
    }
}
