//! The data of the meeting's printed documents (`render::documents`): the invitation letter
//! to every household in the team's neighbourhoods, the poster, the code cards and the A3
//! ballot sheet. The coordinator and the team (`PrepareAgenda`) print them.

use domain::meeting::MeetingState;
use render::documents::{BallotSheet, Contact, Heard, Household, MeetingInfo};
use render::local_time::amsterdam;
use store::repo::{addresses, agenda, meetings, places};

use super::plan::running;
use crate::scope::TeamScope;
use crate::{Ctx, ServiceError, ServiceResult};

/// The facts every document of the team's planned (or running) meeting prints.
pub async fn meeting_info(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<MeetingInfo> {
    let scene = running(ctx, scope).await?;
    let meeting = scene.planned()?;
    let conn = ctx.store.conn();
    let mut heard = Vec::new();
    if meeting.state == MeetingState::Planned {
        for item in agenda::items(conn, scene.team.id, scene.cycle.id).await? {
            let n = agenda::concerns_of(conn, item.id).await?.len();
            heard.push(Heard {
                title: item.title,
                concerns: domain::fit(n, "concerns of an item")?,
            });
        }
    } else {
        for item in meetings::ballot(conn, meeting.id).await? {
            let n = match item.agenda_item {
                Some(id) => agenda::concerns_of(conn, id).await?.len(),
                None => 0,
            };
            heard.push(Heard {
                title: item.title,
                concerns: domain::fit(n, "concerns of an item")?,
            });
        }
    }
    // Most concerns first: the letter shows the first few.
    heard.sort_by_key(|h| std::cmp::Reverse(h.concerns));
    let ids: Vec<_> = scene
        .team
        .neighbourhoods
        .iter()
        .map(|(id, _)| *id)
        .collect();
    let slug = places::slugs_of(conn, &ids)
        .await?
        .into_iter()
        .next()
        .unwrap_or_default();
    let contact = &scene.team.contact;
    Ok(MeetingInfo {
        team: scene.team.name.clone(),
        neighbourhoods: scene
            .team
            .neighbourhoods
            .iter()
            .map(|(_, name)| name.clone())
            .collect(),
        starts: amsterdam(meeting.starts_at),
        ends: amsterdam(meeting.ends_at),
        venue: meeting.venue.clone(),
        venue_address: meeting.venue_address.clone(),
        accessibility: meeting.accessibility.clone(),
        stickers: meeting_settings(&scene).stickers,
        priorities: meeting_settings(&scene).priorities,
        one_voice: !meeting_settings(&scene).stack,
        heard,
        contact: Contact {
            phone: contact.phone.clone(),
            email: contact.email.clone(),
            office_hours: contact.office_hours.clone(),
        },
        meeting_url: format!("{}/buurten/{slug}/bijeenkomst", ctx.public_url),
    })
}

/// The vote's settings: the meeting's once open (frozen), else the team's.
fn meeting_settings(scene: &super::Scene) -> domain::tally::Settings {
    match &scene.meeting {
        Some(m) if m.state != MeetingState::Planned => m.settings,
        _ => scene.settings.vote,
    }
}

/// One address block per household in the team's neighbourhoods, in delivery order:
/// the greeting ("Aan de bewoners van"), street and number, postcode and town (in capitals,
/// as the post asks).
pub async fn households(
    ctx: &Ctx,
    scope: &TeamScope,
    greeting: &str,
) -> ServiceResult<Vec<Household>> {
    let scene = running(ctx, scope).await?;
    let town = places::municipality_name(ctx.store.conn(), scope.municipality())
        .await?
        .unwrap_or_default();
    let ids: Vec<_> = scene
        .team
        .neighbourhoods
        .iter()
        .map(|(id, _)| *id)
        .collect();
    let all = addresses::households(ctx.store.conn(), &ids).await?;
    Ok(all
        .into_iter()
        .map(|a| {
            let mut number = a.number.to_string();
            if !a.letter.is_empty() {
                number.push_str(&a.letter);
            }
            if !a.addition.is_empty() {
                number.push(' ');
                number.push_str(&a.addition);
            }
            let postcode = if a.postcode.len() == 6 {
                format!("{} {}", &a.postcode[..4], &a.postcode[4..])
            } else {
                a.postcode.clone()
            };
            Household {
                lines: vec![
                    greeting.to_owned(),
                    format!("{} {number}", a.street),
                    format!("{postcode}  {}", town.to_uppercase()),
                ],
            }
        })
        .collect())
}

/// The ballot of the team's meeting as a sheet for stickers: the frozen ballot once
/// open, the long list before.
pub async fn ballot_sheet(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<BallotSheet> {
    let scene = running(ctx, scope).await?;
    let meeting = scene.planned()?;
    let conn = ctx.store.conn();
    // Sheets are printed before the meeting: until it opens, the long list as it stands
    // (which is what opening will freeze, unless someone changes it first).
    let items: Vec<String> = if meeting.state == MeetingState::Planned {
        agenda::items(conn, scene.team.id, scene.cycle.id)
            .await?
            .into_iter()
            .map(|i| i.title)
            .collect()
    } else {
        meetings::ballot(conn, meeting.id)
            .await?
            .into_iter()
            .map(|i| i.title)
            .collect()
    };
    if items.is_empty() {
        return Err(ServiceError::invalid("ballot", "error-meeting-no-items"));
    }
    Ok(BallotSheet {
        team: scene.team.name.clone(),
        starts: amsterdam(meeting.starts_at),
        items,
        stickers: meeting.settings.stickers,
        one_voice: !meeting.settings.stack,
    })
}
