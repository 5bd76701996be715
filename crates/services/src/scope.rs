//! The checked scopes a request works in, and what every area of a team shares: today's
//! date in the Netherlands and the team's current cycle.
//!
//! A [`TeamScope`] (or [`GroupScope`]) is built once per request by [`TeamScope::enter`]:
//! it resolves the team, checks that the actor may see its working records, and keeps both.
//! Its fields are private, so a use case that takes one cannot be called without that check;
//! what the use case itself does (edit, prepare the agenda) it still asks with
//! [`TeamScope::require`], which needs no further lookup.

use chrono::{DateTime, NaiveDate, Utc};
use domain::access::{Action, Scope};
use domain::structure::{GroupDetail, TeamDetail};
use domain::{GroupId, MunicipalityId, Slug, TeamId};
use store::Tx;
use store::repo::cycles::{self, CycleRecord};
use store::repo::{groups, teams};

use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// A team that the actor may see the working records of ([`Action::ViewTeamInternal`]),
/// resolved and checked once per request.
#[derive(Clone, Debug)]
pub struct TeamScope {
    actor: Actor,
    municipality: MunicipalityId,
    team: TeamDetail,
}

impl TeamScope {
    /// The team with `slug` in `m`, if `actor` may see its working records. An unknown or
    /// malformed slug is `NotFound`, a team the actor may not see `Forbidden`.
    pub async fn enter(
        ctx: &Ctx,
        actor: &Actor,
        m: MunicipalityId,
        slug: &str,
    ) -> ServiceResult<Self> {
        let slug: Slug = slug.parse().map_err(|_| ServiceError::NotFound)?;
        let team = teams::team_detail(ctx.store.conn(), m, &slug)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let scope = TeamScope {
            actor: actor.clone(),
            municipality: m,
            team,
        };
        scope.require(Action::ViewTeamInternal)?;
        Ok(scope)
    }

    /// The team.
    pub fn team(&self) -> &TeamDetail {
        &self.team
    }

    /// The team's key.
    pub fn id(&self) -> TeamId {
        self.team.id
    }

    /// Who acts.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The team's municipality (the actor's own).
    pub fn municipality(&self) -> MunicipalityId {
        self.municipality
    }

    /// The team as the access policy names it.
    pub fn access(&self) -> Scope {
        Scope::Team {
            municipality: self.municipality,
            team: self.team.id,
        }
    }

    /// Whether the actor may do `action` in this team (for the links and buttons a page
    /// offers; the use case itself checks again with [`Self::require`]).
    pub fn may(&self, action: Action) -> bool {
        self.require(action).is_ok()
    }

    /// `Forbidden` unless the actor may do `action` in this team.
    pub fn require(&self, action: Action) -> ServiceResult<()> {
        self.actor.authorize(action, &self.access())
    }

    /// The team, once the actor may do `action` in it.
    pub(crate) fn team_for(&self, action: Action) -> ServiceResult<&TeamDetail> {
        self.require(action)?;
        Ok(&self.team)
    }
}

/// A project or steering group that the actor may see the working records of
/// ([`Action::ViewGroupInternal`]), resolved and checked once per request.
#[derive(Clone, Debug)]
pub struct GroupScope {
    actor: Actor,
    municipality: MunicipalityId,
    group: GroupDetail,
}

impl GroupScope {
    /// The group `id` of `m`, if `actor` may see its working records: `NotFound` when it is
    /// not a group of `m`, `Forbidden` when the actor may not see it.
    pub async fn enter(
        ctx: &Ctx,
        actor: &Actor,
        m: MunicipalityId,
        id: GroupId,
    ) -> ServiceResult<Self> {
        let group = groups::group_detail(ctx.store.conn(), m, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let scope = GroupScope {
            actor: actor.clone(),
            municipality: m,
            group,
        };
        scope.require(Action::ViewGroupInternal)?;
        Ok(scope)
    }

    /// The group.
    pub fn group(&self) -> &GroupDetail {
        &self.group
    }

    /// Who acts.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The group's municipality.
    pub fn municipality(&self) -> MunicipalityId {
        self.municipality
    }

    /// The group as the access policy names it.
    pub fn access(&self) -> Scope {
        Scope::Group {
            municipality: self.municipality,
            group: self.group.id,
        }
    }

    /// Whether the actor may do `action` in this group.
    pub fn may(&self, action: Action) -> bool {
        self.require(action).is_ok()
    }

    /// `Forbidden` unless the actor may do `action` in this group.
    pub fn require(&self, action: Action) -> ServiceResult<()> {
        self.actor.authorize(action, &self.access())
    }
}

/// Today in the Netherlands.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    render::local_time::amsterdam(now).date()
}

/// Today in the Netherlands as `YYYY-MM-DD` (a date field's value).
pub fn today_iso(now: DateTime<Utc>) -> String {
    today(now).format("%Y-%m-%d").to_string()
}

/// The team's current cycle among `all` (newest first): the newest whose meeting result is
/// not yet published.
pub(crate) fn current(all: &[CycleRecord]) -> Option<CycleRecord> {
    all.iter().find(|c| !c.closed).copied()
}

/// The cycle a concern of `team` made `today` belongs to, started if need be.
pub(crate) async fn current_cycle(
    tx: &Tx,
    m: MunicipalityId,
    team: TeamId,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<CycleRecord> {
    let all = cycles::list(tx, team).await?;
    if let Some(cycle) = current(&all) {
        return Ok(cycle);
    }
    let number = all.first().map_or(1, |latest| latest.number + 1);
    let weeks = store::repo::meetings::settings(tx, team).await?.weeks;
    let calendar = domain::meeting::Calendar::default_for(today, weeks);
    let cycle = cycles::create(tx, m, team, number, today, calendar.ends_on, now).await?;
    cycles::set_calendar(
        tx,
        cycle.id,
        calendar.starts_on,
        calendar.inventory_ends_on,
        calendar.ends_on,
    )
    .await?;
    Ok(CycleRecord {
        inventory_ends_on: Some(calendar.inventory_ends_on),
        ..cycle
    })
}
