//! The demo's neighbourhood meetings: at the end of each of the three cycles (November 2010
//! to April 2011) the coordinator groups the cycle's concerns into agenda items, plans and
//! opens the meeting, prints codes for the phone voters, enters the paper count that a team
//! member confirms, closes the vote and publishes, all through the real services, on a clock
//! set to that day. The generated ballots are made so that the published priorities are
//! exactly those of table 3 of the report (`priorities-nov2010-apr2011.csv`), including the
//! cycles with two priorities (a ballot of two items) and with four (a tie at the cut-off,
//! which the default rule makes all priorities).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::MunicipalityId;
use domain::meeting::{Calendar, MeetingState, PlanInput};

use crate::inventory::agenda::{self, Change};
use crate::meeting::count::{self, PaperInput};
use crate::meeting::plan;
use crate::meeting::publish::{self, PublishInput};
use crate::meeting::vote;
use crate::scope::TeamScope;
use crate::{Actor, Ctx, FixedClock, ServiceResult};

/// One agenda item of a demo cycle: team, cycle, title, the categories of its concerns,
/// and whether the meeting chose it (the CSV's priorities, in rank order).
type ItemSeed = (
    &'static str,
    usize,
    &'static str,
    &'static [&'static str],
    bool,
);

const W: &str = "wyckerpoort";
const ACCESSIBILITY: &str =
    "Rolstoeltoegankelijk, met een invalidentoilet. In de zaal is een ringleiding.";
const LN: &str = "limmel-nazareth";
const WV: &str = "wittevrouwenveld";

#[rustfmt::skip]
const ITEMS: &[ItemSeed] = &[
    (W, 1, "Parkeeroverlast", &["parking"], true),
    (W, 1, "Overlast drugs(runners)", &["drug-nuisance"], true),
    (W, 1, "Verloedering winkelstrip", &["litter"], true),
    (W, 1, "Kapotte straatverlichting", &["street-lighting"], false),
    (W, 1, "Hondenpoep op het grasveld", &["dog-fouling"], false),
    (LN, 1, "Inbraakpreventie", &["burglary"], true),
    (LN, 1, "Opschoonactie rond school", &["litter"], true),
    (WV, 1, "Drugsoverlast", &["drug-nuisance"], true),
    (WV, 1, "Ad hoc problemen", &["other", "street-lighting"], true),
    (W, 2, "Drugsoverlast", &["drug-nuisance"], true),
    (W, 2, "Hardrijdende scooters", &["speeding"], true),
    (W, 2, "Geen brievenbus op plein", &["other"], true),
    (W, 2, "Parkeeroverlast in de ochtend", &["parking"], false),
    (LN, 2, "Overlast drugshandel", &["drug-dealing"], true),
    (LN, 2, "Onrust door vertrek van winkels en verpaupering", &["litter"], true),
    (LN, 2, "Criminaliteit", &["burglary", "antisocial-behaviour", "vandalism"], true),
    (LN, 2, "Hondenpoep", &["dog-fouling"], false),
    (LN, 2, "Hard rijden op de doorgaande weg", &["speeding"], false),
    (WV, 2, "Drugsoverlast", &["drug-nuisance"], true),
    (WV, 2, "Jongerenoverlast", &["youth-nuisance"], true),
    (WV, 2, "Overlast door buren", &["neighbour-nuisance"], true),
    (WV, 2, "Te hard rijden in de woonstraat", &["speeding"], false),
    (W, 3, "Inbraken", &["burglary"], true),
    (W, 3, "Parkeeroverlast", &["parking"], true),
    (W, 3, "Asociaal woongedrag", &["antisocial-behaviour"], true),
    (W, 3, "Drugsrunners", &["drug-nuisance"], false),
    (LN, 3, "Hondenpoep", &["dog-fouling"], true),
    (LN, 3, "Asociaal woongedrag", &["antisocial-behaviour"], true),
    (LN, 3, "Meer toezicht", &["other"], true),
    (LN, 3, "Overlast studenten", &["neighbour-nuisance"], true),
    (WV, 3, "Drugsoverlast", &["drug-nuisance"], true),
    (WV, 3, "Snelheid verkeer", &["speeding"], true),
    (WV, 3, "Parkeerproblemen", &["parking"], true),
];

/// Attendees per team and cycle: about 20 at the first meetings, 35-40 later, and the
/// meeting of 160 on burglary in Wyckerpoort.
fn attendees(team: &str, cycle: usize) -> u64 {
    match (team, cycle) {
        (W, 1) => 21,
        (LN, 1) => 19,
        (WV, 1) => 17,
        (W, 3) => 160,
        (LN, 3) => 40,
        (_, 2) => 36,
        _ => 38,
    }
}

/// The demo's coordinator and a second facilitator of `team` (its member if it has an
/// account, else the administrator).
async fn facilitators(ctx: &Ctx, team: &str) -> ServiceResult<(Actor, Actor)> {
    let actor_of = |email: &'static str| async move {
        let email: domain::credentials::Email = email.parse().map_err(super::internal)?;
        let account = store::repo::accounts::find_by_email(ctx.store.conn(), &email)
            .await?
            .ok_or_else(|| super::internal("demo account missing"))?;
        let principal = crate::accounts::principal(ctx, account.id)
            .await?
            .ok_or_else(|| super::internal("demo account disabled"))?;
        ServiceResult::Ok(Actor::User(Box::new(principal)))
    };
    let coordinator = actor_of("projectleider@demo.buurtagenda.nl").await?;
    let second = if team == W {
        actor_of("wijkagent@demo.buurtagenda.nl").await?
    } else {
        actor_of("beheer@demo.buurtagenda.nl").await?
    };
    Ok((coordinator, second))
}

/// Groups the current cycle's ungrouped concerns of `team` into the cycle's items: into an
/// item of that title if one was carried over, else a new one.
async fn group(ctx: &Ctx, scope: &TeamScope, team: &str, cycle: usize) -> ServiceResult<()> {
    for (_, _, title, categories, _) in ITEMS.iter().filter(|i| i.0 == team && i.1 == cycle) {
        let view = agenda::view(ctx, scope).await?;
        let codes: Vec<i64> = view
            .categories
            .iter()
            .filter(|c| categories.contains(&c.code.as_str()))
            .map(|c| c.id)
            .collect();
        let concerns: Vec<domain::ConcernId> = view
            .ungrouped
            .iter()
            .filter(|c| codes.contains(&c.category_id))
            .map(|c| c.id)
            .collect();
        if concerns.is_empty() {
            continue;
        }
        let existing = view
            .items
            .iter()
            .find(|i| i.item.title == *title)
            .map(|i| i.item.id);
        agenda::change(
            ctx,
            scope,
            &Change::Create {
                title: (*title).to_owned(),
                concerns,
            },
        )
        .await?;
        if let Some(into) = existing {
            let view = agenda::view(ctx, scope).await?;
            if let Some(new) = view
                .items
                .iter()
                .rev()
                .find(|i| i.item.title == *title && i.item.id != into)
            {
                agenda::change(
                    ctx,
                    scope,
                    &Change::Merge {
                        item: new.item.id,
                        into,
                    },
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Stickers per ballot item (in ballot order) for a meeting of `people` where `chosen`
/// items are the priorities in rank order: chosen items well above the rest, the last two
/// chosen equal when `tie` (four priorities out of three), the others below the cut-off.
fn targets(people: u64, titles: &[String], chosen: &[&str], tie: bool) -> Vec<u64> {
    let top = [75u64, 62, 50, 50];
    let mut out = vec![0; titles.len()];
    let mut cut = people;
    for (rank, title) in chosen.iter().enumerate() {
        let share = if tie && rank == chosen.len() - 1 {
            top[rank - 1]
        } else {
            top[rank.min(3)]
        };
        let n = (people * share).div_ceil(100).max(2);
        cut = cut.min(n);
        if let Some(at) = titles.iter().position(|t| t == title) {
            out[at] = n;
        }
    }
    let mut rest = (people * 30 / 100).min(cut.saturating_sub(1));
    for (at, title) in titles.iter().enumerate() {
        if !chosen.contains(&title.as_str()) {
            out[at] = rest;
            rest = rest * 2 / 3;
        }
    }
    out
}

/// Deals the stickers out to `people` voters, item by item, so that no voter gets two on
/// one item (each item has at most `people`) and none more than three (at most three times
/// `people` in all).
fn deal(people: u64, targets: &[u64]) -> Vec<Vec<usize>> {
    let n = usize::try_from(people).unwrap_or(0).max(1);
    let mut voters = vec![Vec::new(); n];
    let mut k = 0usize;
    for (item, count) in targets.iter().enumerate() {
        for _ in 0..*count {
            voters[k % n].push(item);
            k += 1;
        }
    }
    voters
}

/// The meeting's evening (19:30 Dutch time) on `day`.
fn evening(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    render::local_time::from_amsterdam(day.and_hms_opt(hour, 30, 0).unwrap_or_default())
}

/// Holds the meeting of `team`'s current cycle (demo cycle `cycle`) and publishes it.
pub(super) async fn hold(
    ctx: &Ctx,
    m: MunicipalityId,
    team: &str,
    cycle: usize,
) -> ServiceResult<()> {
    let (coordinator, second) = facilitators(ctx, team).await?;
    let coordinator = TeamScope::enter(ctx, &coordinator, m, team).await?;
    let second = TeamScope::enter(ctx, &second, m, team).await?;
    let page = plan::page(ctx, &coordinator).await?;
    let calendar = Calendar::default_for(page.cycle.starts_on, page.settings.weeks);
    let day_ctx = |hour: u32| ctx.at(FixedClock(evening(calendar.meeting_on, hour)));
    let before = ctx.at(FixedClock(evening(calendar.inventory_ends_on, 10)));
    group(&before, &coordinator, team, cycle).await?;
    plan::plan(
        &before,
        &coordinator,
        &PlanInput {
            venue: venue(team).0.into(),
            venue_address: venue(team).1.into(),
            accessibility: ACCESSIBILITY.into(),
            ..PlanInput::from_plan(&calendar, None)
        },
    )
    .await?;
    let opening = day_ctx(19);
    plan::open(&opening, &coordinator).await?;
    let page = plan::page(&opening, &coordinator).await?;
    let titles: Vec<String> = page.ballot.iter().map(|b| b.title.clone()).collect();
    let chosen: Vec<&str> = ITEMS
        .iter()
        .filter(|i| i.0 == team && i.1 == cycle && i.4)
        .map(|i| i.2)
        .collect();
    let people = attendees(team, cycle);
    let voters = deal(people, &targets(people, &titles, &chosen, chosen.len() > 3));
    // About a quarter vote on their phone; the rest with paper stickers.
    let phone = voters.len() / 4;
    let codes = plan::issue_codes(&opening, &coordinator, &phone.max(1).to_string()).await?;
    for (voter, code) in voters.iter().take(phone).zip(&codes) {
        let choices: Vec<domain::BallotItemId> = voter.iter().map(|i| page.ballot[*i].id).collect();
        if !choices.is_empty() {
            vote::cast(&opening, &code.to_string(), &choices).await?;
        }
    }
    let mut paper = PaperInput {
        attendees: (voters.len() - phone).to_string(),
        ..PaperInput::default()
    };
    for voter in voters.iter().skip(phone) {
        for item in voter {
            let entry = paper
                .stickers
                .entry(page.ballot[*item].id)
                .or_insert_with(|| "0".into());
            *entry = (entry.parse::<u64>().unwrap_or(0) + 1).to_string();
        }
    }
    let late = day_ctx(21);
    count::close(&late, &coordinator).await?;
    count::enter_paper(&late, &coordinator, &paper).await?;
    count::confirm_paper(&late, &second, 1).await?;
    let done: Vec<domain::PriorityId> = page.open_priorities.iter().map(|p| p.id).collect();
    publish::publish(
        &late,
        &coordinator,
        &PublishInput {
            done,
            quick_wins: quick_wins(&page.ballot, team, cycle),
            ..PublishInput::default()
        },
    )
    .await?;
    super::agreements::after_meeting(ctx, m, team, cycle, calendar.meeting_on).await
}

fn quick_wins(
    ballot: &[crate::meeting::BallotItemRecord],
    team: &str,
    cycle: usize,
) -> Vec<domain::BallotItemId> {
    ballot
        .iter()
        .filter(|b| {
            (team, cycle, b.title.as_str()) == (WV, 1, "Ad hoc problemen")
                || b.title == "Geen brievenbus op plein"
        })
        .map(|b| b.id)
        .collect()
}

/// Where each team meets.
fn venue(team: &str) -> (&'static str, &'static str) {
    match team {
        W => (
            "Buurtcentrum Wyckerpoort",
            "Wyckerpoortstraat 1, Maastricht",
        ),
        LN => ("Gemeenschapshuis Limmel", "Limmelderweg 1, Maastricht"),
        _ => (
            "Wijkcentrum Wittevrouwenveld",
            "Wittevrouwenveldweg 1, Maastricht",
        ),
    }
}

/// Plans the current cycle of `team` around today: started three weeks ago, the meeting in
/// two weeks (Wyckerpoort's in one), ready to open: the carried-over long list is its
/// ballot, and codes for live voting can be printed on the meeting page.
pub(super) async fn plan_current(ctx: &Ctx, m: MunicipalityId, team: &str) -> ServiceResult<()> {
    let (coordinator, _) = facilitators(ctx, team).await?;
    let coordinator = TeamScope::enter(ctx, &coordinator, m, team).await?;
    let page = plan::page(ctx, &coordinator).await?;
    if page
        .meeting
        .as_ref()
        .is_some_and(|mt| mt.state != MeetingState::Planned)
    {
        return Ok(());
    }
    let today = crate::scope::today(ctx.clock.now());
    let meeting_on = today + Duration::days(if team == W { 7 } else { 14 });
    let calendar = Calendar {
        starts_on: today - Duration::days(21),
        inventory_ends_on: today,
        meeting_on,
        ends_on: today + Duration::days(35),
    };
    plan::plan(
        ctx,
        &coordinator,
        &PlanInput {
            venue: venue(team).0.into(),
            venue_address: venue(team).1.into(),
            accessibility: ACCESSIBILITY.into(),
            ..PlanInput::from_plan(&calendar, None)
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dealt_stickers_keep_the_rules_and_the_targets() {
        for people in [17u64, 36, 160] {
            let titles: Vec<String> = ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec();
            let t = targets(people, &titles, &["c", "a", "e", "b"], true);
            let voters = deal(people, &t);
            assert!(voters.iter().all(|v| v.len() <= 3));
            assert!(voters.iter().all(|v| {
                let mut s = v.clone();
                s.dedup();
                s.len() == v.len()
            }));
            let mut sums = vec![0u64; titles.len()];
            for v in &voters {
                for i in v {
                    sums[*i] += 1;
                }
            }
            assert_eq!(sums, t);
            assert_eq!(t[4], t[1], "the tie at the cut-off");
            assert!(t[3].max(t[5]) < t[1], "the rest below the cut-off: {t:?}");
        }
    }
}
