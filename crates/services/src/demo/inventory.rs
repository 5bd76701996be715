//! The demo's inventory: what residents told the three teams in their first three cycles
//! (November 2010 to April 2011), captured through the real capture service on a clock set
//! to a day in each cycle, so that it plausibly leads to the priorities of table 3 of the
//! report; the streets the teams went out to; and after each cycle its meeting
//! (`meetings::hold`), which publishes the priorities and starts the next cycle. All fictional, marked as demo by its
//! place (demo streets).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use domain::inventory::ConcernInput;
use domain::{MunicipalityId, TeamId};

use crate::inventory::capture::{Capture, capture};
use crate::inventory::outreach::{OutreachInput, record};
use crate::inventory::{ContactInput, Placed};
use crate::scope::TeamScope;
use crate::{Actor, Ctx, FixedClock, ServiceResult};

/// The first day of the first demo cycle; the next ones start when a meeting publishes.
const FIRST_DAY: (i32, u32, u32) = (2010, 11, 1);

/// Team slug, cycle, category, what, channel, residents, days, day parts, sensitivity.
type Seed = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const W: &str = "wyckerpoort";
const LN: &str = "limmel-nazareth";
const WV: &str = "wittevrouwenveld";
const WEEKEND: &[&str] = &["fri", "sat", "sun"];
const WEEK: &[&str] = &["mon", "tue", "wed", "thu", "fri"];
const NONE: &[&str] = &[];

#[rustfmt::skip]
const SEEDS: &[Seed] = &[
    // Wyckerpoort, cycle 1: parking, drug runners, the neglected shopping strip.
    (W, 1, "parking", "Bestelbusjes staan elke ochtend op de stoep, met een kinderwagen kom je er niet langs.", "street-corner", 4, WEEK, &["morning"], "public"),
    (W, 1, "parking", "Bezoekers van de sportschool parkeren in de hele straat; bewoners vinden 's avonds geen plek.", "home-visit", 2, WEEK, &["evening"], "public"),
    (W, 1, "parking", "Auto's dubbel geparkeerd bij de school, de bus kan er niet door.", "meeting", 6, WEEK, &["morning", "afternoon"], "public"),
    (W, 1, "drug-nuisance", "Drugsrunners spreken auto's met Belgische en Duitse kentekens aan bij de afrit.", "street-corner", 5, WEEKEND, &["afternoon", "evening"], "public"),
    (W, 1, "drug-nuisance", "Er wordt gedeald vanuit een auto die steeds op dezelfde plek staat.", "home-visit", 1, NONE, &["evening"], "police"),
    (W, 1, "drug-nuisance", "Kinderen worden op weg naar school aangesproken door runners.", "interview", 3, WEEK, &["morning"], "public"),
    (W, 1, "litter", "De winkelstrip ligt vol zwerfvuil en de lege winkels zijn dichtgetimmerd.", "interview", 7, NONE, NONE, "public"),
    (W, 1, "litter", "Graffiti op de rolluiken van de lege winkels, het ziet er verwaarloosd uit.", "form", 2, NONE, NONE, "public"),
    (W, 1, "street-lighting", "Twee lantaarnpalen bij het pleintje doen het al weken niet.", "phone", 1, NONE, &["evening", "night"], "public"),
    (W, 1, "dog-fouling", "Hondenpoep op het grasveldje waar kinderen spelen.", "street-corner", 2, NONE, NONE, "public"),
    // Limmel & Nazareth, cycle 1: burglary prevention, a clean-up around the school.
    (LN, 1, "burglary", "In de laatste maand is er in drie woningen in onze straat ingebroken.", "meeting", 9, NONE, &["evening", "night"], "public"),
    (LN, 1, "burglary", "Achterpaden zijn donker en de poorten gaan niet op slot.", "home-visit", 3, NONE, &["night"], "public"),
    (LN, 1, "burglary", "Ouderen vragen hoe ze hun woning beter kunnen beveiligen.", "interview", 4, NONE, NONE, "public"),
    (LN, 1, "litter", "Rond de basisschool liggen blikjes, chipszakken en glas.", "street-corner", 5, WEEK, &["afternoon"], "public"),
    (LN, 1, "litter", "De groenstrook bij de school wordt als stortplaats gebruikt.", "form", 2, NONE, NONE, "public"),
    (LN, 1, "speeding", "Er wordt hard gereden over de doorgaande weg, vooral 's avonds.", "street-corner", 2, NONE, &["evening"], "public"),
    (LN, 1, "vandalism", "Het bushokje is voor de tweede keer vernield.", "phone", 1, NONE, NONE, "public"),
    // Wittevrouwenveld, cycle 1: drug nuisance, and small problems to solve at once.
    (WV, 1, "drug-nuisance", "Drugsoverlast in de portiek: spuiten en mensen die er slapen.", "home-visit", 6, NONE, &["evening", "night"], "public"),
    (WV, 1, "drug-nuisance", "Steeds dezelfde auto's die kort stoppen bij de flat.", "street-corner", 3, NONE, &["evening"], "police"),
    (WV, 1, "drug-nuisance", "Bewoners durven 's avonds niet meer langs het park.", "meeting", 8, NONE, &["evening"], "public"),
    (WV, 1, "other", "De bank bij de speeltuin is kapot en de prullenbak is weg.", "street-corner", 2, NONE, NONE, "public"),
    (WV, 1, "street-lighting", "Lamp in het fietspad achter de flat is kapot.", "phone", 1, NONE, &["evening", "night"], "public"),
    (WV, 1, "other", "Losliggende stoeptegels voor de ingang van het buurthuis.", "interview", 2, NONE, NONE, "public"),
    // Wyckerpoort, cycle 2: drug nuisance, speeding scooters, no letterbox on the square.
    (W, 2, "drug-nuisance", "Runners zijn verplaatst naar de straat achter het plein.", "street-corner", 4, WEEKEND, &["evening"], "public"),
    (W, 2, "drug-nuisance", "Handel in het portiek van het flatje, bewoners voelen zich onveilig.", "home-visit", 3, NONE, &["evening", "night"], "police"),
    (W, 2, "speeding", "Scooters scheuren over het fietspad langs de school.", "street-corner", 5, WEEK, &["afternoon"], "public"),
    (W, 2, "speeding", "Jongens op scooters rijden rondjes over het plein, zonder helm.", "meeting", 4, WEEKEND, &["evening"], "public"),
    (W, 2, "other", "Sinds de winkel dicht is, is er geen brievenbus meer op het plein; ouderen moeten ver lopen.", "interview", 6, NONE, NONE, "public"),
    (W, 2, "other", "Kan er weer een brievenbus komen bij het plein?", "form", 3, NONE, NONE, "public"),
    (W, 2, "parking", "Nog steeds busjes op de stoep in de ochtend.", "phone", 1, WEEK, &["morning"], "public"),
    // Limmel & Nazareth, cycle 2: drug dealing, unrest about closing shops, crime.
    (LN, 2, "drug-dealing", "Er wordt gehandeld vanuit een woning, veel aanloop tot laat.", "home-visit", 2, NONE, &["evening", "night"], "police"),
    (LN, 2, "drug-dealing", "Dealers bij het winkelcentrum spreken jongeren aan.", "street-corner", 4, WEEKEND, &["afternoon"], "public"),
    (LN, 2, "litter", "Steeds meer winkels gaan weg, het winkelcentrum verpaupert.", "meeting", 10, NONE, NONE, "public"),
    (LN, 2, "litter", "Leegstaande panden trekken zwerfvuil en hangjongeren aan.", "interview", 3, NONE, NONE, "public"),
    (LN, 2, "burglary", "Autokraken op het parkeerterrein bij de flats.", "street-corner", 3, NONE, &["night"], "public"),
    (LN, 2, "antisocial-behaviour", "Mensen voelen zich niet veilig meer, er gebeurt steeds wat.", "meeting", 6, NONE, NONE, "public"),
    (LN, 2, "dog-fouling", "Veel hondenpoep op de stoep bij de school.", "form", 2, NONE, NONE, "public"),
    // Wittevrouwenveld, cycle 2: drug nuisance, youth nuisance, neighbour nuisance.
    (WV, 2, "drug-nuisance", "Nog steeds gebruikers in de portiek, de deur sluit niet goed.", "home-visit", 4, NONE, &["night"], "public"),
    (WV, 2, "drug-nuisance", "Gebruikte spuiten in de speeltuin gevonden.", "phone", 2, NONE, NONE, "public"),
    (WV, 2, "youth-nuisance", "Groep jongeren hangt bij het buurthuis, harde muziek en scheldpartijen.", "street-corner", 6, WEEKEND, &["evening"], "public"),
    (WV, 2, "youth-nuisance", "Jongeren gooien met stenen naar bussen.", "interview", 3, NONE, &["evening"], "public"),
    (WV, 2, "neighbour-nuisance", "Buren maken tot diep in de nacht lawaai, al maanden.", "home-visit", 2, WEEKEND, &["night"], "team"),
    (WV, 2, "neighbour-nuisance", "Overlast van buren met veel bezoek en ruzies in het trappenhuis.", "phone", 1, NONE, &["evening"], "team"),
    (WV, 2, "speeding", "Auto's rijden te hard door de woonstraat.", "form", 2, NONE, NONE, "public"),
    // Wyckerpoort, cycle 3: burglaries, parking, antisocial living.
    (W, 3, "burglary", "Een reeks inbraken in de straat, ook overdag.", "meeting", 12, NONE, &["afternoon"], "public"),
    (W, 3, "burglary", "Inbraak via de achterdeur; de achterpaden zijn niet verlicht.", "home-visit", 3, NONE, &["night"], "public"),
    (W, 3, "burglary", "Bewoners willen weten hoe ze samen kunnen opletten.", "meeting", 20, NONE, NONE, "public"),
    (W, 3, "parking", "Parkeeroverlast bij de sporthal tijdens wedstrijden.", "street-corner", 4, WEEKEND, &["morning", "afternoon"], "public"),
    (W, 3, "parking", "Auto's op het trottoir bij de kruising, slecht zicht.", "form", 2, NONE, NONE, "public"),
    (W, 3, "antisocial-behaviour", "Afval uit het raam gegooid, vuilniszakken blijven op straat staan.", "home-visit", 3, NONE, NONE, "public"),
    (W, 3, "antisocial-behaviour", "Tuin vol rommel en ongedierte bij een woning.", "phone", 2, NONE, NONE, "team"),
    (W, 3, "drug-nuisance", "Minder runners dan eerst, maar nog niet weg.", "street-corner", 2, WEEKEND, &["evening"], "public"),
    // Limmel & Nazareth, cycle 3: dog fouling, antisocial living, more surveillance, students.
    (LN, 3, "dog-fouling", "Hondenpoep overal op de stoep en in het park.", "street-corner", 8, NONE, NONE, "public"),
    (LN, 3, "dog-fouling", "Hondenbezitters ruimen niet op bij het schoolplein.", "form", 4, WEEK, &["morning"], "public"),
    (LN, 3, "antisocial-behaviour", "Grofvuil wordt zomaar buiten gezet.", "home-visit", 3, NONE, NONE, "public"),
    (LN, 3, "antisocial-behaviour", "Buren laten hun tuin verwilderen, ratten.", "phone", 2, NONE, NONE, "team"),
    (LN, 3, "other", "Meer toezicht op straat graag, je ziet nooit iemand.", "meeting", 9, NONE, &["evening"], "public"),
    (LN, 3, "other", "Kan de wijkagent vaker langskomen in de avond?", "interview", 4, NONE, &["evening"], "public"),
    (LN, 3, "neighbour-nuisance", "Studentenhuis: feesten doordeweeks tot laat.", "street-corner", 5, WEEK, &["night"], "public"),
    (LN, 3, "neighbour-nuisance", "Fietsen van studenten blokkeren de stoep.", "form", 3, NONE, NONE, "public"),
    // Wittevrouwenveld, cycle 3: drug nuisance, speeding, parking problems.
    (WV, 3, "drug-nuisance", "Drugsoverlast verplaatst naar het fietspad langs het spoor.", "street-corner", 4, NONE, &["evening", "night"], "public"),
    (WV, 3, "drug-nuisance", "Dealen bij de bushalte na schooltijd.", "interview", 3, WEEK, &["afternoon"], "police"),
    (WV, 3, "speeding", "Te hard rijden op de Meerssenerweg, gevaarlijk oversteken.", "meeting", 7, NONE, NONE, "public"),
    (WV, 3, "speeding", "Snelheid in de woonstraat: graag drempels.", "form", 3, NONE, NONE, "public"),
    (WV, 3, "parking", "Te weinig parkeerplekken sinds de nieuwbouw.", "home-visit", 5, NONE, &["evening"], "public"),
    // The current cycle (three weeks old): what Limmel & Nazareth and Wittevrouwenveld heard
    // so far, not yet grouped. Wyckerpoort's long list is what its last meeting carried over.
    (LN, 4, "litter", "Zwerfafval langs de Maas bij de trap naar de kade.", "street-corner", 3, WEEKEND, &["afternoon"], "public"),
    (LN, 4, "speeding", "Vrachtwagens rijden te hard door de Kasteel Limmelstraat.", "meeting", 4, WEEK, &["morning"], "public"),
    (LN, 4, "youth-nuisance", "Jongeren met scooters bij de speeltuin, 's avonds laat.", "home-visit", 2, WEEKEND, &["evening", "night"], "public"),
    (LN, 4, "street-lighting", "Donker fietspad onder het spoor door.", "form", 1, NONE, &["evening", "night"], "public"),
    (LN, 4, "litter", "Blikjes en plastic rond de bushalte bij de school.", "phone", 2, WEEK, &["afternoon"], "public"),
    (LN, 4, "speeding", "Auto's racen 's avonds over de Limmelderweg.", "street-corner", 3, NONE, &["evening"], "public"),
    (WV, 4, "litter", "Vuilniszakken naast de containers bij de flat.", "street-corner", 3, NONE, NONE, "public"),
    (WV, 4, "drug-nuisance", "Weer gebruikers onder het viaduct.", "home-visit", 2, NONE, &["night"], "public"),
    (WV, 4, "parking", "Busjes op de stoep bij de school.", "phone", 1, WEEK, &["morning"], "public"),
    (WV, 4, "vandalism", "Fietsenstalling bij het station vernield.", "form", 1, NONE, NONE, "public"),
    (WV, 3, "parking", "Vrachtwagens parkeren 's nachts in de straat.", "phone", 2, NONE, &["night"], "public"),
    (WV, 3, "youth-nuisance", "Jongeren op het schoolplein na sluitingstijd.", "street-corner", 2, WEEKEND, &["evening"], "public"),
];

/// The day in the cycle that started on `start` on which the `n`-th concern of a team was
/// heard: spread over the first five weeks, in the afternoon.
fn heard_on(start: NaiveDate, n: usize) -> chrono::DateTime<Utc> {
    let day = start + Duration::days(i64::try_from(3 + (n * 5) % 33).unwrap_or(3));
    Utc.from_utc_datetime(&day.and_hms_opt(14, 0, 0).unwrap_or_default())
}

/// Whether the demo inventory is there already (then nothing is added).
async fn present(ctx: &Ctx, team: TeamId) -> ServiceResult<bool> {
    Ok(!store::repo::cycles::list(ctx.store.conn(), team)
        .await?
        .is_empty())
}

/// The first demo cycle of `team`, with its calendar; the meetings start the others.
async fn create_first_cycle(ctx: &Ctx, m: MunicipalityId, team: TeamId) -> ServiceResult<()> {
    let (y, mo, d) = FIRST_DAY;
    let starts_on = NaiveDate::from_ymd_opt(y, mo, d).unwrap_or_default();
    let calendar = domain::meeting::Calendar::default_for(starts_on, 8);
    let tx = ctx.store.begin_write().await?;
    let cycle = store::repo::cycles::create(
        &tx,
        m,
        team,
        1,
        starts_on,
        calendar.ends_on,
        ctx.clock.now(),
    )
    .await?;
    store::repo::cycles::set_calendar(
        &tx,
        cycle.id,
        starts_on,
        calendar.inventory_ends_on,
        calendar.ends_on,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The first day of `team`'s current cycle.
async fn current_start(ctx: &Ctx, team: TeamId) -> ServiceResult<NaiveDate> {
    let all = store::repo::cycles::list(ctx.store.conn(), team).await?;
    Ok(crate::meeting::current(&all).map_or_else(
        || NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).unwrap_or_default(),
        |c| c.starts_on,
    ))
}

/// Adds the demo inventory of every demo team that has no cycle yet.
pub(super) async fn load(ctx: &Ctx, m: MunicipalityId) -> ServiceResult<()> {
    for slug in [W, LN, WV] {
        let system = match TeamScope::enter(ctx, &Actor::System, m, slug).await {
            Ok(scope) => scope,
            Err(crate::ServiceError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        let team = system.team();
        if present(ctx, team.id).await? {
            continue;
        }
        let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
        let streets = store::repo::addresses::streets_in(ctx.store.conn(), &ids).await?;
        if streets.is_empty() {
            continue;
        }
        create_first_cycle(ctx, m, team.id).await?;
        // Cycles 1-3 end with their meeting; the fourth is today's, three weeks old.
        for cycle in 1..=4 {
            let start = current_start(ctx, team.id).await?;
            for (n, seed) in SEEDS
                .iter()
                .filter(|s| s.0 == slug && s.1 == cycle)
                .enumerate()
            {
                let at = if cycle == 4 {
                    ctx.clock.now() - Duration::days(i64::try_from(2 + 3 * n).unwrap_or(2))
                } else {
                    heard_on(start, n)
                };
                let day_ctx = ctx.at(FixedClock(at));
                let (street, _, street_nbs) = &streets[(n * 3 + cycle) % streets.len()];
                let neighbourhood = street_nbs
                    .first()
                    .map(|nb| nb.get().to_string())
                    .unwrap_or_default();
                let input = Capture {
                    placed: Placed {
                        neighbourhood,
                        client_id: format!("demo-{slug}-{cycle}-{n}"),
                        concern: ConcernInput {
                            category: seed.2.into(),
                            what: seed.3.into(),
                            street: street.to_string(),
                            days: seed.6.iter().map(|d| (*d).to_owned()).collect(),
                            day_parts: seed.7.iter().map(|p| (*p).to_owned()).collect(),
                            channel: seed.4.into(),
                            residents: seed.5.to_string(),
                            quick_win: seed.2 == "street-lighting" || seed.2 == "other",
                            sensitivity: seed.8.into(),
                            ..ConcernInput::default()
                        },
                    },
                    contact: ContactInput::default(),
                };
                capture(&day_ctx, &system, &input).await?;
            }
            // Two outreach rounds per cycle, one street each; later cycles go on to streets
            // not reached before, and half the streets are never reached: the coverage view
            // shows the team where to go next.
            if cycle == 4 {
                break;
            }
            for round in 0..2 {
                let at = heard_on(start, round * 4 + 1);
                let day_ctx = ctx.at(FixedClock(at));
                let index = (cycle - 1) * 2 + round;
                let chosen: Vec<String> = [index]
                    .into_iter()
                    .filter(|i| *i < streets.len() / 2)
                    .map(|i| streets[i].0.to_string())
                    .collect();
                if chosen.is_empty() {
                    continue;
                }
                let input = OutreachInput {
                    kind: if round == 0 {
                        "street-corner"
                    } else {
                        "home-visits"
                    }
                    .into(),
                    held_on: crate::inventory::today_iso(at),
                    residents_spoken: (8 + cycle * 3 + round * 5).to_string(),
                    note: String::new(),
                    streets: chosen,
                    members: team
                        .members
                        .iter()
                        .take(2)
                        .map(|p| p.id.get().to_string())
                        .collect(),
                };
                record(&day_ctx, &system, &input).await?;
            }
            super::meetings::hold(ctx, m, slug, cycle).await?;
        }
        super::meetings::plan_current(ctx, m, slug).await?;
        super::agreements::current(ctx, m, slug).await?;
    }
    Ok(())
}
