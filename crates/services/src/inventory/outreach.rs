//! Outreach and coverage: the team records where it went to hear residents, and sees per
//! street whether it reached it this cycle, in an earlier one, or never, so that each new
//! cycle goes where the team has not been.

use chrono::NaiveDate;
use domain::PersonId;
use domain::access::Action;
use domain::inventory::OutreachKind;
use domain::structure::TeamDetail;
use store::repo::audit::{self, AuditRecord};
use store::repo::cycles;
use store::repo::outreach::{self, NewOutreach, OutreachRecord};

use super::{current_cycle, today};
use crate::scope::TeamScope;
use crate::structure::input::Checker;
use crate::{Ctx, ServiceError, ServiceResult};

/// An outreach activity as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct OutreachInput {
    /// Kind code.
    pub kind: String,
    /// The day, `YYYY-MM-DD`.
    pub held_on: String,
    /// Residents spoken.
    pub residents_spoken: String,
    /// A note.
    pub note: String,
    /// Street ids.
    pub streets: Vec<String>,
    /// Person ids of team members present.
    pub members: Vec<String>,
}

/// Records an outreach activity of the team; audited. It counts for the cycle its
/// day falls in (the current cycle when none does).
pub async fn record(ctx: &Ctx, scope: &TeamScope, input: &OutreachInput) -> ServiceResult<i64> {
    let team = scope.team_for(Action::EditTeam)?;
    let now = ctx.clock.now();
    let mut c = Checker::default();
    let kind = c.parse::<OutreachKind>("kind", &input.kind);
    let held_on = match NaiveDate::parse_from_str(input.held_on.trim(), "%Y-%m-%d") {
        Ok(day) if day <= today(now) => Some(day),
        Ok(_) => {
            c.reject("held_on", "error-outreach-future");
            None
        }
        Err(_) => {
            c.reject("held_on", "error-outreach-date");
            None
        }
    };
    let spoken = c
        .count("residents_spoken", &input.residents_spoken)
        .unwrap_or(0);
    let note = c.text("note", &input.note, 2000);
    let allowed = team_streets(ctx, team).await?;
    let streets: Vec<i64> = input
        .streets
        .iter()
        .filter_map(|s| s.parse::<i64>().ok())
        .filter(|s| allowed.iter().any(|(id, _)| id == s))
        .collect();
    if streets.is_empty() || streets.len() != input.streets.len() {
        c.reject("streets", "error-outreach-streets");
    }
    let members: Vec<PersonId> = input
        .members
        .iter()
        .filter_map(|p| p.parse::<i64>().ok().map(PersonId))
        .filter(|p| team.members.iter().any(|member| member.id == *p))
        .collect();
    if members.len() != input.members.len() {
        c.reject("members", "error-choose");
    }
    c.finish()?;
    let (Some(kind), Some(held_on)) = (kind, held_on) else {
        return Err(ServiceError::invalid("kind", "error-choose"));
    };
    let tx = ctx.store.begin_write().await?;
    let all = cycles::list(&tx, team.id).await?;
    let cycle = match all
        .iter()
        .find(|c| c.starts_on <= held_on && held_on <= c.ends_on)
    {
        Some(cycle) => *cycle,
        None => current_cycle(&tx, scope.municipality(), team.id, today(now), now).await?,
    };
    let new = NewOutreach {
        municipality: scope.municipality(),
        team: team.id,
        cycle: cycle.id,
        kind: kind.code(),
        held_on,
        residents_spoken: domain::fit(spoken, "residents spoken")?,
        note: note.as_deref(),
        streets: &streets,
        members: &members,
        created_by: scope.actor().signed_in().map(|u| u.user),
    };
    let id = outreach::insert(&tx, &new, now).await?;
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(scope.municipality()),
            actor: scope.actor().audit_name(),
            action: "outreach.create".into(),
            entity: "outreach".into(),
            entity_id: Some(id),
            detail: Some(serde_json::json!({
                "team": team.id.get(),
                "kind": kind.code(),
                "streets": streets.len(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn team_streets(ctx: &Ctx, team: &TeamDetail) -> ServiceResult<Vec<(i64, String)>> {
    let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
    Ok(store::repo::addresses::streets_in(ctx.store.conn(), &ids)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect())
}

/// Where a street stands in the team's outreach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Reached in the current cycle.
    ThisCycle,
    /// Reached before, last in cycle `number`.
    Earlier(i32),
    /// Never reached.
    Never,
}

/// One street of the coverage view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreetCoverage {
    /// Street key.
    pub street: i64,
    /// Name.
    pub name: String,
    /// Where it stands.
    pub reach: Reach,
    /// The last day the team was there.
    pub last: Option<NaiveDate>,
}

/// The coverage of a team: every street, never-reached first, with the recent outreach.
#[derive(Clone, Debug)]
pub struct Coverage {
    /// The team.
    pub team: TeamDetail,
    /// The current cycle's number, if a cycle exists.
    pub cycle: Option<i32>,
    /// Every street of the team's neighbourhoods.
    pub streets: Vec<StreetCoverage>,
    /// The latest outreach activities.
    pub recent: Vec<OutreachRecord>,
}

/// The coverage view of the team.
pub async fn coverage(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<Coverage> {
    let team = scope.team_for(Action::ViewTeamInternal)?;
    let conn = ctx.store.conn();
    let today = today(ctx.clock.now());
    let all = cycles::list(conn, team.id).await?;
    // Between cycles nothing counts as "this cycle".
    let current = all
        .iter()
        .find(|c| c.starts_on <= today && today <= c.ends_on);
    let reached = outreach::reached_streets(conn, team.id).await?;
    let number_of =
        |cycle: domain::CycleId| all.iter().find(|c| c.id == cycle).map_or(0, |c| c.number);
    let mut streets: Vec<StreetCoverage> = team_streets(ctx, team)
        .await?
        .into_iter()
        .map(|(street, name)| {
            let (reach, last) = match reached.get(&street) {
                None => (Reach::Never, None),
                Some((cycles, last)) => {
                    let this = current.is_some_and(|c| cycles.contains(&c.id));
                    let latest = cycles.iter().map(|c| number_of(*c)).max().unwrap_or(0);
                    let reach = if this {
                        Reach::ThisCycle
                    } else {
                        Reach::Earlier(latest)
                    };
                    (reach, Some(*last))
                }
            };
            StreetCoverage {
                street,
                name,
                reach,
                last,
            }
        })
        .collect();
    let rank = |r: &Reach| match r {
        Reach::Never => 0,
        Reach::Earlier(_) => 1,
        Reach::ThisCycle => 2,
    };
    streets.sort_by(|a, b| {
        rank(&a.reach)
            .cmp(&rank(&b.reach))
            .then(a.name.cmp(&b.name))
    });
    let recent = outreach::recent(conn, team.id, 10).await?;
    Ok(Coverage {
        cycle: current.map(|c| c.number),
        team: team.clone(),
        streets,
        recent,
    })
}
