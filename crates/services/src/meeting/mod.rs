//! The cycle and the neighbourhood meeting: a team's settings and calendar, planning the
//! meeting, freezing the ballot, one-time codes, paper counts confirmed by a second
//! facilitator, live phone votes, closing, the result with the team's tie rule, publishing
//! (which starts the next cycle) and the public priorities.
//!
//! Running a meeting is `Action::PrepareAgenda` in the team (team members, coordinators);
//! voting is public with a valid code.

pub mod count;
pub mod documents;
// meeting (public)
pub mod invite;
pub mod room;
// end meeting (public)
pub mod plan;
pub mod public;
pub mod publish;
pub mod vote;

use domain::access::Action;
use domain::meeting::{Calendar, MeetingState, TeamSettings};
use domain::structure::TeamDetail;
use store::repo::cycles::{self, CycleRecord};
use store::repo::meetings::{self, MeetingRecord};

use crate::scope::TeamScope;
use crate::{Actor, Ctx, ServiceError, ServiceResult};

pub use store::repo::meetings::BallotItemRecord;
pub use store::repo::priorities::PriorityRecord;
pub use store::repo::votes::PaperVersionRecord;

pub(crate) use crate::scope::current;

/// A team with its current cycle and that cycle's meeting, for a use case that `actor` may
/// do (`action`).
pub(crate) struct Scene {
    pub team: TeamDetail,
    pub settings: TeamSettings,
    pub cycle: CycleRecord,
    pub meeting: Option<MeetingRecord>,
}

impl Scene {
    /// The meeting, or `NotFound` when none is planned.
    pub fn meeting(&self) -> ServiceResult<&MeetingRecord> {
        self.meeting.as_ref().ok_or(ServiceError::NotFound)
    }

    /// The meeting, or a conflict when none is planned yet: the team exists, so a step of
    /// the meeting that comes too early is a matter of order, not a missing page.
    pub fn planned(&self) -> ServiceResult<&MeetingRecord> {
        self.meeting
            .as_ref()
            .ok_or_else(|| ServiceError::Conflict("no meeting is planned".into()))
    }

    /// The meeting if it is in `state`, else a conflict naming the state it is in (or that
    /// none is planned).
    pub fn meeting_in(&self, state: MeetingState) -> ServiceResult<&MeetingRecord> {
        let meeting = self.planned()?;
        if meeting.state == state {
            Ok(meeting)
        } else {
            Err(ServiceError::Conflict(format!(
                "the meeting is {}, not {}",
                meeting.state, state
            )))
        }
    }

    /// The cycle's calendar: as planned, else the default for its first day.
    pub fn calendar(&self) -> Calendar {
        let default = Calendar::default_for(self.cycle.starts_on, self.settings.weeks);
        Calendar {
            inventory_ends_on: self
                .cycle
                .inventory_ends_on
                .unwrap_or(default.inventory_ends_on),
            meeting_on: self.meeting.as_ref().map_or(default.meeting_on, |m| {
                render::local_time::amsterdam(m.starts_at).date()
            }),
            ends_on: self.cycle.ends_on,
            ..default
        }
    }
}

/// Loads the scene of the team, starting its first cycle if it has none.
pub(crate) async fn scene(ctx: &Ctx, scope: &TeamScope, action: Action) -> ServiceResult<Scene> {
    let team = scope.team_for(action)?;
    let conn = ctx.store.conn();
    let settings = meetings::settings(conn, team.id).await?;
    let cycle = if let Some(cycle) = current(&cycles::list(conn, team.id).await?) {
        cycle
    } else {
        let now = ctx.clock.now();
        let tx = ctx.store.begin_write().await?;
        store::repo::teams::lock(&tx, team.id).await?;
        let today = crate::scope::today(now);
        let cycle =
            crate::scope::current_cycle(&tx, scope.municipality(), team.id, today, now).await?;
        tx.commit().await?;
        cycle
    };
    let meeting = meetings::for_cycle(conn, cycle.id).await?;
    Ok(Scene {
        team: team.clone(),
        settings,
        cycle,
        meeting,
    })
}

/// The account behind `actor`: paper counts name who entered and who confirmed them.
pub(crate) fn facilitator(actor: &Actor) -> ServiceResult<domain::UserId> {
    actor
        .signed_in()
        .map(|user| user.user)
        .ok_or(ServiceError::Forbidden)
}

pub(crate) use crate::structure::audit;
