//! What every use case gets: the store, the clock, and who is acting.

use std::sync::Arc;

use domain::access::{Action, Principal, Role, Scope, SignedIn, may};
use store::Store;

use crate::{ServiceError, ServiceResult};

use crate::clock::{Clock, SharedClock, SystemClock};

/// The public URL until configured: `serve`'s default address.
pub const DEFAULT_PUBLIC_URL: &str = "http://localhost:8080";

/// The roles that must use a second factor until configured otherwise.
pub const DEFAULT_TOTP_REQUIRED_ROLES: &[Role] = &[Role::Administrator];

/// The service context: cheap to clone, shared by all requests.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The database.
    pub store: Store,
    /// The time source.
    pub clock: SharedClock,
    /// Where people reach this installation (`https://buurt.example`, no trailing slash):
    /// the base of the links in mail.
    pub public_url: Arc<str>,
    /// The roles whose accounts must use a second factor (TOTP); by default administrators.
    /// The policy lives here, not in the web layer, so that every caller of
    /// `totp::disable` and `totp::required` applies the same rule.
    pub totp_required_roles: Arc<[Role]>,
}

impl Ctx {
    /// A context on the real clock.
    pub fn new(store: Store) -> Self {
        Ctx {
            store,
            clock: Arc::new(SystemClock),
            public_url: Arc::from(DEFAULT_PUBLIC_URL),
            totp_required_roles: Arc::from(DEFAULT_TOTP_REQUIRED_ROLES),
        }
    }

    /// A context with another clock (tests).
    pub fn with_clock(store: Store, clock: impl Clock + 'static) -> Self {
        Ctx {
            store,
            clock: Arc::new(clock),
            public_url: Arc::from(DEFAULT_PUBLIC_URL),
            totp_required_roles: Arc::from(DEFAULT_TOTP_REQUIRED_ROLES),
        }
    }

    /// The same context on another clock (the demo replays past cycles this way).
    #[must_use]
    pub fn at(&self, clock: impl Clock + 'static) -> Self {
        Ctx {
            clock: Arc::new(clock),
            ..self.clone()
        }
    }

    /// The same context with another public URL (a trailing slash is dropped).
    #[must_use]
    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = Arc::from(url.trim_end_matches('/'));
        self
    }

    /// The same context with another second-factor policy: accounts with any of `roles` must
    /// use TOTP.
    #[must_use]
    pub fn with_totp_required_roles(mut self, roles: &[Role]) -> Self {
        self.totp_required_roles = Arc::from(roles);
        self
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
    /// A signed-in account, with its roles and memberships.
    User(Box<SignedIn>),
}

impl Actor {
    /// The actor as the audit log writes it.
    pub fn audit_name(&self) -> String {
        match self {
            Actor::Public => "public".into(),
            Actor::Cli => "cli".into(),
            Actor::System => "system".into(),
            Actor::User(user) => format!("user:{}", user.user),
        }
    }
}

impl Actor {
    /// Checks that the actor may do `action` in `scope`. The command line and the system
    /// itself are trusted (they run on the server, by its operator); visitors and accounts go
    /// through `domain::access::may`.
    pub fn authorize(&self, action: Action, scope: &Scope) -> ServiceResult<()> {
        let allowed = match self {
            Actor::Cli | Actor::System => true,
            Actor::Public => may(&Principal::Anonymous, action, scope),
            Actor::User(user) => may(&Principal::SignedIn((**user).clone()), action, scope),
        };
        if allowed {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }

    /// The signed-in account, if this actor is one.
    pub fn signed_in(&self) -> Option<&SignedIn> {
        match self {
            Actor::User(user) => Some(user),
            _ => None,
        }
    }
}
