//! The meeting room's public side: the projector's view of the live tally (the team's
//! members, coordinators and administrators: those who run the meeting), and a phone's
//! ballot shown again after a refused vote, so the voter keeps their choice.

use domain::access::Action;
use domain::meeting::MeetingState;
use store::repo::meetings;
pub use store::repo::meetings::MeetingRecord;

use super::BallotItemRecord;
use super::count::{Live, live_of};
use crate::scope::TeamScope;
use crate::{Ctx, ServiceResult};

/// What the projector shows.
#[derive(Clone, Debug)]
pub struct Screen {
    /// The team's name.
    pub team: String,
    /// The live tally, once the vote has opened (closed included); `None` before.
    pub live: Option<Live>,
}

/// The projector of the team: those who run the meeting (`PrepareAgenda`). Before
/// the vote opens there is no tally yet, which is not an error: the screen waits for it.
pub async fn screen(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<Screen> {
    let scene = super::scene(ctx, scope, Action::PrepareAgenda).await?;
    let live = match scene.meeting {
        Some(meeting) if meeting.state != MeetingState::Planned => {
            Some(live_of(ctx, meeting, scene.team.name.clone()).await?)
        }
        _ => None,
    };
    Ok(Screen {
        team: scene.team.name,
        live,
    })
}

/// A meeting's ballot again (team name, meeting, items), for a phone whose vote was refused:
/// only of a meeting that has opened (a planned meeting has no ballot yet). The ballot is
/// what the whole room sees; a code is not needed to read it.
pub async fn ballot_again(
    ctx: &Ctx,
    meeting: domain::MeetingId,
) -> ServiceResult<Option<(String, MeetingRecord, Vec<BallotItemRecord>)>> {
    let conn = ctx.store.conn();
    let Some(meeting) = meetings::get(conn, meeting).await? else {
        return Ok(None);
    };
    if meeting.state == MeetingState::Planned {
        return Ok(None);
    }
    let items = meetings::ballot(conn, meeting.id).await?;
    let team = store::repo::teams::name(conn, meeting.team)
        .await?
        .unwrap_or_default();
    Ok(Some((team, meeting, items)))
}
