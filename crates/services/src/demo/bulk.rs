//! Many generated concerns on top of the demo, for benchmarks (`buurtagenda demo --concerns N`):
//! spread evenly over the demo teams, their cycles and streets, every category, channel,
//! status and sensitivity, with varied Dutch texts. Each is written as a capture writes it
//! (`store::repo::concerns::insert`, with a client id, so running it twice adds nothing the
//! second time), a thousand per transaction.

use chrono::{Duration, TimeZone, Utc};
use domain::inventory::{Channel, ConcernStatus, Sensitivity};
use domain::{MunicipalityId, Slug};
use store::repo::concerns::{self, NewConcern};
use store::repo::{addresses, cycles, places, teams};

use crate::{Actor, Ctx, ServiceError, ServiceResult};

const BATCH: usize = 1000;

const TEXTS: &[&str] = &[
    "Auto's rijden veel te hard door de straat",
    "Jongeren hangen rond bij het portiek en laten rommel achter",
    "Er wordt gedeald op de hoek, vooral 's avonds",
    "Hondenpoep op de stoep voor de school",
    "De lantaarnpaal is al weken kapot",
    "Zwerfvuil en grofvuil naast de containers",
    "Fietsen worden gestolen uit de berging",
    "Geluidsoverlast van de buren tot diep in de nacht",
    "Bestelbusjes parkeren op de stoep",
    "Graffiti op de muren van het speeltuintje",
];

/// Which of `options` the `n`-th concern gets for choice `salt`: a fixed spread (no
/// randomness, so two runs make the same data), mixed (splitmix64) so that different choices
/// of one concern do not move in step.
fn pick<T: Copy>(options: &[T], n: usize, salt: usize) -> T {
    let mut x = (n as u64) ^ (salt as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    options[usize::try_from(x % options.len() as u64).unwrap_or(0)]
}

/// The demo teams with what a concern of theirs needs.
struct Team {
    id: domain::TeamId,
    cycles: Vec<cycles::CycleRecord>,
    streets: Vec<(i64, domain::NeighbourhoodId)>,
}

async fn teams_of(ctx: &Ctx, m: MunicipalityId) -> ServiceResult<Vec<Team>> {
    let mut out = Vec::new();
    for slug in ["wyckerpoort", "limmel-nazareth", "wittevrouwenveld"] {
        let slug: Slug = slug.parse().map_err(super::internal)?;
        let Some(team) = teams::team_detail(ctx.store.conn(), m, &slug).await? else {
            continue;
        };
        let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
        let streets: Vec<_> = addresses::streets_in(ctx.store.conn(), &ids)
            .await?
            .into_iter()
            .filter_map(|(street, _, nbs)| nbs.first().map(|nb| (street, *nb)))
            .collect();
        let cycles = cycles::list(ctx.store.conn(), team.id).await?;
        if !streets.is_empty() && !cycles.is_empty() {
            out.push(Team {
                id: team.id,
                cycles,
                streets,
            });
        }
    }
    Ok(out)
}

/// Adds `count` generated concerns to the demo municipality; returns how many were new.
///
/// # Errors
/// `Forbidden` for anyone but the command line; `NotFound` when the demo (with its
/// inventory) is not loaded; database errors.
pub async fn add_concerns(ctx: &Ctx, actor: &Actor, count: usize) -> ServiceResult<usize> {
    if !matches!(actor, Actor::Cli | Actor::System) {
        return Err(ServiceError::Forbidden);
    }
    let m = places::find_municipality(
        ctx.store.conn(),
        &"maastricht".parse().map_err(super::internal)?,
    )
    .await?
    .ok_or(ServiceError::NotFound)?;
    let teams = teams_of(ctx, m).await?;
    let categories = cycles::categories(ctx.store.conn(), m).await?;
    if teams.is_empty() || categories.is_empty() {
        return Err(ServiceError::NotFound);
    }
    let category_ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
    let mut added = 0;
    let mut n = 0;
    while n < count {
        let tx = ctx.store.begin_write().await?;
        for n in n..(n + BATCH).min(count) {
            let team = &teams[n % teams.len()];
            let cycle = pick(&team.cycles, n, 1);
            let (street, neighbourhood) = pick(&team.streets, n, 2);
            let at = Utc.from_utc_datetime(
                &(cycle.starts_on + Duration::days(i64::try_from(n % 50).unwrap_or(0)))
                    .and_hms_opt(9 + u32::try_from(n % 10).unwrap_or(0), 0, 0)
                    .unwrap_or_default(),
            );
            let what = format!("{} ({})", pick(TEXTS, n, 3), n + 1);
            let client_id = format!("bulk-{n}");
            let reference = crate::inventory::new_reference();
            let with_street = n % 10 < 7;
            let new = NewConcern {
                municipality: m,
                team: team.id,
                neighbourhood,
                cycle: cycle.id,
                client_id: &client_id,
                reference: &reference,
                category: pick(&category_ids, n, 4),
                what: &what,
                street: with_street.then_some(street),
                houses: None,
                landmark: (!with_street).then_some("bij het pleintje"),
                point: None,
                days: i32::try_from(n % 128).unwrap_or(0),
                day_parts: i32::try_from(n % 16).unwrap_or(0),
                since: None,
                channel: pick(&Channel::ALL, n, 5).code(),
                residents: i32::try_from(1 + n % 6).unwrap_or(1),
                quick_win: n % 9 == 0,
                urgent: false,
                sensitivity: pick(
                    &[
                        Sensitivity::Public,
                        Sensitivity::Public,
                        Sensitivity::Public,
                        Sensitivity::Team,
                        Sensitivity::Police,
                    ],
                    n,
                    6,
                )
                .code(),
                status: pick(
                    &[
                        ConcernStatus::New,
                        ConcernStatus::New,
                        ConcernStatus::Handled,
                        ConcernStatus::Closed,
                    ],
                    n,
                    7,
                )
                .code(),
                created_by: None,
            };
            if matches!(
                concerns::insert(&tx, &new, at).await?,
                concerns::Inserted::New(_)
            ) {
                added += 1;
            }
        }
        tx.commit().await?;
        n = (n + BATCH).min(count);
    }
    Ok(added)
}
