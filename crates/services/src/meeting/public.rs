//! What residents see of the meetings: a team's current priorities (with those continuing
//! from earlier cycles saying so), the published results of past cycles, and the next
//! meeting (for the public meeting page, the letters and the calendar file).

use chrono::{DateTime, Utc};
use domain::TeamId;
use domain::meeting::MeetingState;
use store::repo::cycles;
use store::repo::meetings::{self, MeetingRecord};
use store::repo::priorities;

use super::{BallotItemRecord, PriorityRecord};
use crate::{Ctx, ServiceResult};

/// A priority as residents read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicPriority {
    /// The priority.
    pub priority: PriorityRecord,
    /// The number of the cycle whose meeting chose it.
    pub cycle_number: i32,
    /// Chosen at an earlier meeting than the latest and still open: it continues.
    pub continues: bool,
}

/// One published meeting with its result.
#[derive(Clone, Debug)]
pub struct PastMeeting {
    /// The meeting.
    pub meeting: MeetingRecord,
    /// Its cycle's number.
    pub cycle_number: i32,
    /// The ballot with the published counts, ranked.
    pub ballot: Vec<BallotItemRecord>,
}

/// A team's public agenda.
#[derive(Clone, Debug)]
pub struct TeamAgenda {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// The priorities being worked on now: the latest meeting's, then earlier open ones.
    pub current: Vec<PublicPriority>,
    /// Published meetings, newest first.
    pub past: Vec<PastMeeting>,
    /// The next meeting, when planned (or running).
    pub next: Option<MeetingRecord>,
}

/// The public agenda of `team`.
pub async fn team_agenda(ctx: &Ctx, team: TeamId, name: &str) -> ServiceResult<TeamAgenda> {
    let conn = ctx.store.conn();
    let all_cycles = cycles::list(conn, team).await?;
    let number_of = |cycle: domain::CycleId| {
        all_cycles
            .iter()
            .find(|c| c.id == cycle)
            .map_or(0, |c| c.number)
    };
    let published = meetings::published(conn, team).await?;
    let latest_cycle = published.first().map(|m| m.cycle);
    let current = priorities::of_team(conn, team)
        .await?
        .into_iter()
        .filter(|p| p.open)
        .map(|p| PublicPriority {
            cycle_number: number_of(p.cycle),
            continues: Some(p.cycle) != latest_cycle,
            priority: p,
        })
        .collect();
    let mut past = Vec::new();
    for meeting in published {
        let mut ballot = meetings::ballot(conn, meeting.id).await?;
        ballot.sort_by_key(|b| (b.rank.unwrap_or(u32::MAX), b.position));
        past.push(PastMeeting {
            cycle_number: number_of(meeting.cycle),
            meeting,
            ballot,
        });
    }
    let next = match super::current(&all_cycles) {
        Some(cycle) => meetings::for_cycle(conn, cycle.id)
            .await?
            .filter(|m| m.state != MeetingState::Published),
        None => None,
    };
    Ok(TeamAgenda {
        team,
        name: name.to_owned(),
        current,
        past,
        next,
    })
}

/// The public agendas of the teams covering a neighbourhood.
pub async fn for_teams(ctx: &Ctx, teams: &[(TeamId, String)]) -> ServiceResult<Vec<TeamAgenda>> {
    let mut out = Vec::with_capacity(teams.len());
    for (team, name) in teams {
        out.push(team_agenda(ctx, *team, name).await?);
    }
    Ok(out)
}

/// Whether `at` lies before `meeting` starts (the meeting page shows "coming" or "held").
pub fn upcoming(meeting: &MeetingRecord, at: DateTime<Utc>) -> bool {
    at < meeting.starts_at
}
