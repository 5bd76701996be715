//! "My agreements": the open agreements of the signed-in account's person and department,
//! across all teams.

use domain::access::{Action, Scope};
use domain::inventory::Sensitivity;
use store::repo::agreements;

use super::agreements::AgreementRecord;
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// One of "my agreements": the agreement, its team and its priority's title.
#[derive(Clone, Debug)]
pub struct Mine {
    /// The agreement.
    pub agreement: AgreementRecord,
    /// The team's slug and name.
    pub team: (String, String),
    /// Whether the visitor reads it in their department's inbox (`/verzoeken`) because they
    /// may not open the team's pages.
    pub via_inbox: bool,
}

/// The open agreements of the signed-in account's person (and of their department), the
/// soonest first; police-restricted ones only for the police.
pub async fn mine(ctx: &Ctx, actor: &Actor) -> ServiceResult<Vec<Mine>> {
    let user = actor.signed_in().ok_or(ServiceError::Forbidden)?;
    let conn = ctx.store.conn();
    let Some((person, department)) = agreements::person_of_account(conn, user.user).await? else {
        return Ok(Vec::new());
    };
    let teams = store::repo::teams::list_teams(conn, user.municipality).await?;
    let list = agreements::open_of_owner(conn, user.municipality, person, department).await?;
    Ok(list
        .into_iter()
        .filter(|a| a.sensitivity != Sensitivity::Police || user.police)
        .filter_map(|agreement| {
            let team = teams.iter().find(|t| t.id == agreement.team)?;
            let in_team = Scope::Team {
                municipality: user.municipality,
                team: team.id,
            };
            Some(Mine {
                via_inbox: actor.authorize(Action::ViewTeamInternal, &in_team).is_err(),
                team: (team.slug.clone(), team.name.clone()),
                agreement,
            })
        })
        .collect())
}
