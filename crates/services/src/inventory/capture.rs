//! A team member captures a concern: on a phone in the street, at the door, from a call.
//! Sending the same capture twice (a phone resending after a lost connection, a double
//! click) stores it once: the client id decides.

use domain::access::Action;
use domain::{ConcernId, MunicipalityId, NeighbourhoodId};
use store::repo::concerns;

use super::{ContactInput, Placed, ToStore, client_id, problems, store_concern};
use crate::scope::TeamScope;
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// A concern as a team member's form sends it.
#[derive(Clone, Debug, Default)]
pub struct Capture {
    /// The concern and where it is for.
    pub placed: Placed,
    /// The resident's contact details, if they want to be contacted.
    pub contact: ContactInput,
}

/// A stored capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    /// Key.
    pub id: ConcernId,
    /// Public reference, for the resident.
    pub reference: String,
    /// `false` when this client id was stored before (nothing new was written).
    pub new: bool,
}

/// Stores a concern for the team of `scope`. `Forbidden` unless the actor may edit
/// the team's work; `Validation` with every wrong field.
pub async fn capture(ctx: &Ctx, scope: &TeamScope, input: &Capture) -> ServiceResult<Captured> {
    let team = scope.team_for(Action::EditTeam)?;
    let now = ctx.clock.now();
    let client_id = client_id(&input.placed.client_id)?;
    // A resend needs no checks: it was stored as sent the first time.
    if let Some(existing) =
        concerns::by_client_id(ctx.store.conn(), scope.municipality(), &client_id).await?
    {
        if existing.team_id != team.id {
            return Err(ServiceError::invalid(
                "client_id",
                "error-concern-client-id",
            ));
        }
        return Ok(Captured {
            id: existing.id,
            reference: existing.reference,
            new: false,
        });
    }
    let draft = input.placed.concern.check();
    let contact = input.contact.check(now);
    let neighbourhood = neighbourhood_of(team, &input.placed.neighbourhood);
    let (draft, contact, neighbourhood) = match (draft, contact, neighbourhood) {
        (Ok(draft), Ok(contact), Ok(neighbourhood)) => (draft, contact, neighbourhood),
        (draft, contact, neighbourhood) => {
            return Err(merge(
                draft.err().map(problems),
                contact.err(),
                neighbourhood.err(),
            ));
        }
    };

    let detail = serde_json::json!({
        "team": team.id.get(),
        "channel": draft.channel.code(),
        "sensitivity": draft.sensitivity.code(),
        "urgent": draft.urgent,
        "contact": contact.is_some(),
    });
    let (stored, new) = store_concern(
        ctx,
        ToStore {
            m: scope.municipality(),
            team: team.id,
            neighbourhood,
            client_id: &client_id,
            draft: &draft,
            contact: contact.as_ref(),
            actor: scope.actor(),
            action: "concern.create",
            detail,
            from: None,
        },
    )
    .await?;
    Ok(Captured {
        id: stored.id,
        reference: stored.reference,
        new,
    })
}

/// The neighbourhood a capture is for: the one chosen (it must be the team's), or the
/// team's only one.
fn neighbourhood_of(
    team: &domain::structure::TeamDetail,
    raw: &str,
) -> ServiceResult<NeighbourhoodId> {
    let raw = raw.trim();
    if raw.is_empty() {
        if let [(only, _)] = team.neighbourhoods.as_slice() {
            return Ok(*only);
        }
        return Err(ServiceError::invalid("neighbourhood", "error-choose"));
    }
    raw.parse::<i64>()
        .ok()
        .map(NeighbourhoodId)
        .filter(|id| team.neighbourhoods.iter().any(|(n, _)| n == id))
        .ok_or_else(|| ServiceError::invalid("neighbourhood", "error-choose"))
}

/// One `Validation` error with the field errors of every part that failed.
pub(crate) fn merge(
    concern: Option<ServiceError>,
    contact: Option<ServiceError>,
    neighbourhood: Option<ServiceError>,
) -> ServiceError {
    let mut fields = Vec::new();
    for error in [neighbourhood, concern, contact].into_iter().flatten() {
        match error {
            ServiceError::Validation(list) => fields.extend(list),
            other => return other,
        }
    }
    ServiceError::Validation(fields)
}

/// What the capture form offers for a team.
#[derive(Clone, Debug)]
pub struct CaptureForm {
    /// The team.
    pub team: domain::structure::TeamDetail,
    /// The municipality's categories that are offered (not archived).
    pub categories: Vec<store::repo::cycles::CategoryRecord>,
    /// The team's streets, by name.
    pub streets: Vec<(i64, String)>,
}

/// The capture form of the team, for those who may note its concerns.
pub async fn form(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<CaptureForm> {
    let team = scope.team_for(Action::EditTeam)?.clone();
    let conn = ctx.store.conn();
    let categories = super::report::categories(ctx, scope.municipality()).await?;
    let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
    let streets = store::repo::addresses::streets_in(conn, &ids)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    Ok(CaptureForm {
        team,
        categories,
        streets,
    })
}

/// The teams whose work `actor` may see, each with whether it may note concerns there.
pub async fn my_teams(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
) -> ServiceResult<Vec<(domain::structure::TeamSummary, bool)>> {
    let teams = store::repo::teams::list_teams(ctx.store.conn(), m).await?;
    Ok(teams
        .into_iter()
        .filter_map(|team| {
            let scope = domain::access::Scope::Team {
                municipality: m,
                team: team.id,
            };
            actor.authorize(Action::ViewTeamInternal, &scope).ok()?;
            let edit = actor.authorize(Action::EditTeam, &scope).is_ok();
            Some((team, edit))
        })
        .collect())
}
