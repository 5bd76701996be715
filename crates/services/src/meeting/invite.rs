//! The public meeting page (the QR code on the invitation letters leads there): per team
//! covering a neighbourhood, the next meeting, how the stickers work, and what the team
//! heard (the titles of the current long list). Nothing here needs an account.

use domain::TeamId;
use domain::meeting::MeetingState;
use domain::tally::Settings;
use store::repo::meetings::{self, MeetingRecord};
use store::repo::{agenda, cycles};

use crate::{Ctx, ServiceResult};

/// What residents read about one team's next meeting.
#[derive(Clone, Debug)]
pub struct Invitation {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// The vote's settings: the meeting's once it opened (frozen), else the team's.
    pub settings: Settings,
    /// The next meeting, when planned (or running).
    pub meeting: Option<MeetingRecord>,
    /// The titles of the current long list, in order.
    pub heard: Vec<String>,
}

/// The invitation of each of `teams` (id, name), in that order.
pub async fn invitations(ctx: &Ctx, teams: &[(TeamId, String)]) -> ServiceResult<Vec<Invitation>> {
    let conn = ctx.store.conn();
    let mut out = Vec::with_capacity(teams.len());
    for (team, name) in teams {
        let team_settings = meetings::settings(conn, *team).await?;
        let cycle = super::current(&cycles::list(conn, *team).await?);
        let (meeting, heard) = match cycle {
            Some(cycle) => {
                let meeting = meetings::for_cycle(conn, cycle.id)
                    .await?
                    .filter(|m| m.state != MeetingState::Published);
                let heard = match &meeting {
                    // Once open, the frozen ballot is what the room votes on.
                    Some(m) if m.state != MeetingState::Planned => meetings::ballot(conn, m.id)
                        .await?
                        .into_iter()
                        .map(|b| b.title)
                        .collect(),
                    _ => agenda::items(conn, *team, cycle.id)
                        .await?
                        .into_iter()
                        .map(|i| i.title)
                        .collect(),
                };
                (meeting, heard)
            }
            None => (None, Vec::new()),
        };
        let settings = match &meeting {
            Some(m) if m.state != MeetingState::Planned => m.settings,
            _ => team_settings.vote,
        };
        out.push(Invitation {
            team: *team,
            name: name.clone(),
            settings,
            meeting,
            heard,
        });
    }
    Ok(out)
}
