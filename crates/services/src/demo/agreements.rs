//! The demo's agreements, made through the real services on a clock set to each day: after
//! each of the three 2010-2011 meetings every priority gets two agreements (a team member's
//! and one that tells residents, or one residents take on themselves), most kept, some done
//! late after their date moved, one not done with its reason; the current priorities get
//! agreements around today (one late, one due this week, one for the traffic department
//! later), so the board and "my agreements" have something to show.
//!
//! The escalation ladder as the report tells it: after Wyckerpoort's first meeting the
//! traffic department is asked for a speed display and does not answer; the team sends it to
//! the project group, which sends it on to the steering group, which decides (the municipality
//! pays, traffic places it), and the display is there. Today one late agreement waits at the
//! project group, so its queue has something to show.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::MunicipalityId;
use domain::agreement::AgreementInput;

use crate::action::agreements::{self, ChangeInput, NewInput, PriorityAgreements};
use crate::action::escalations::{self, RaiseInput, StepInput};
use crate::scope::{GroupScope, TeamScope};
use crate::{Actor, Ctx, FixedClock, ServiceResult};

fn noon(day: NaiveDate) -> DateTime<Utc> {
    render::local_time::from_amsterdam(day.and_hms_opt(12, 0, 0).unwrap_or_default())
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// What an agreement says, and who owns it, for agreement `n` of `priority`.
fn seed(
    scope: &TeamScope,
    p: &PriorityAgreements,
    index: usize,
    n: usize,
) -> (String, String, String) {
    let members = &scope.team().members;
    let member = |k: usize| {
        members
            .get((index + k) % members.len().max(1))
            .map_or_else(String::new, |m| format!("person:{}", m.id))
    };
    let title = &p.priority.title;
    match n {
        0 => (
            format!("{title}: aanpak afspreken met de partners en uitvoeren"),
            member(0),
            String::new(),
        ),
        _ if p.priority.residents_act => (
            format!("Bewoners pakken '{title}' zelf mee op"),
            "residents".into(),
            "Buurtkader".into(),
        ),
        _ => (
            format!("Bewoners laten weten wat er met '{title}' gebeurt"),
            member(1),
            String::new(),
        ),
    }
}

async fn make(
    ctx: &Ctx,
    scope: &TeamScope,
    p: &PriorityAgreements,
    (index, n): (usize, usize),
    target: NaiveDate,
    client: &str,
) -> ServiceResult<domain::AgreementId> {
    let (what, owner, residents) = seed(scope, p, index, n);
    agreements::create(
        ctx,
        scope,
        &NewInput {
            priority: p.priority.id.to_string(),
            client_id: client.to_owned(),
            agreement: AgreementInput {
                what,
                owner,
                residents,
                target: iso(target),
                hard: String::new(),
            },
            sensitivity: "public".into(),
            ask: false,
        },
    )
    .await
}

async fn step(
    ctx: &Ctx,
    scope: &TeamScope,
    id: domain::AgreementId,
    on: NaiveDate,
    change: ChangeInput,
) -> ServiceResult<()> {
    let version = agreements::detail(ctx, scope, id).await?.agreement.version;
    let at = ctx.at(FixedClock(noon(on)));
    agreements::change(
        &at,
        scope,
        id,
        &ChangeInput {
            version: version.to_string(),
            ..change
        },
    )
    .await
}

/// The agreements of the priorities the meeting of `day` just chose, and how they went.
pub(super) async fn after_meeting(
    ctx: &Ctx,
    m: MunicipalityId,
    team: &str,
    cycle: usize,
    day: NaiveDate,
) -> ServiceResult<()> {
    let scope = TeamScope::enter(ctx, &Actor::System, m, team).await?;
    let at = ctx.at(FixedClock(noon(day + Duration::days(2))));
    let board = agreements::board(&at, &scope).await?;
    let chosen = board.priorities.iter().filter(|p| p.priority.open);
    for (index, p) in chosen.enumerate() {
        for n in 0..2 {
            let target = day + Duration::days(21 + 7 * i64::try_from(n + index).unwrap_or(0));
            let client = format!("demo-agreement-{team}-{cycle}-{index}-{n}");
            let id = make(&at, &scope, p, (index, n), target, &client).await?;
            let note = |text: &str| ChangeInput {
                note: text.into(),
                public: true,
                ..ChangeInput::default()
            };
            if (team, cycle, index, n) == ("wyckerpoort", 1, 0, 0) {
                speed_display(ctx, m, &scope, p, day).await?;
            }
            if (team, cycle, index, n) == ("wyckerpoort", 2, 0, 1) {
                let reason = "Niet gelukt: de gemeente had dit jaar geen geld meer voor een extra bewonersbrief. We nemen het mee in de volgende ronde.";
                step(
                    ctx,
                    &scope,
                    id,
                    target - Duration::days(2),
                    ChangeInput {
                        state: "not-done".into(),
                        ..note(reason)
                    },
                )
                .await?;
            } else if (index + cycle + n).is_multiple_of(4) {
                let later = target + Duration::days(14);
                step(
                    ctx,
                    &scope,
                    id,
                    target - Duration::days(3),
                    ChangeInput {
                        target: iso(later),
                        ..note("Later klaar: wachten op de partner.")
                    },
                )
                .await?;
                step(
                    ctx,
                    &scope,
                    id,
                    later - Duration::days(1),
                    ChangeInput {
                        state: "done".into(),
                        ..note("Klaar, twee weken later dan afgesproken.")
                    },
                )
                .await?;
            } else {
                step(
                    ctx,
                    &scope,
                    id,
                    target - Duration::days(4),
                    ChangeInput {
                        state: "in-progress".into(),
                        ..note("Mee bezig.")
                    },
                )
                .await?;
                step(
                    ctx,
                    &scope,
                    id,
                    target - Duration::days(1),
                    ChangeInput {
                        state: "done".into(),
                        ..note("Klaar.")
                    },
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// The department called `name` among the owners.
fn department(board: &agreements::Board, name: &str) -> Option<domain::DepartmentId> {
    board.owners.organisations.iter().find_map(|o| {
        o.departments
            .iter()
            .find(|(_, n)| n == name)
            .map(|(id, _)| *id)
    })
}

/// One step on the ladder on `on`, by the group at `level` (1: project group, 2: steering
/// group).
async fn group_step(
    ctx: &Ctx,
    m: MunicipalityId,
    level: usize,
    id: domain::EscalationId,
    on: NaiveDate,
    input: StepInput,
) -> ServiceResult<()> {
    let at = ctx.at(FixedClock(noon(on)));
    let ladder = escalations::ladder(ctx, m).await?;
    let Some(group) = ladder.0.get(level - 1).copied() else {
        return Ok(());
    };
    let scope = GroupScope::enter(&at, &Actor::System, m, group).await?;
    let version = escalations::in_group(&at, &scope, id)
        .await?
        .escalation
        .version;
    escalations::step_in_group(
        &at,
        &scope,
        id,
        &StepInput {
            version: version.to_string(),
            ..input
        },
    )
    .await
}

/// The speed display of 2010: asked of traffic, unanswered, escalated twice, decided, placed.
async fn speed_display(
    ctx: &Ctx,
    m: MunicipalityId,
    scope: &TeamScope,
    p: &PriorityAgreements,
    day: NaiveDate,
) -> ServiceResult<()> {
    let at = ctx.at(FixedClock(noon(day + Duration::days(2))));
    let board = agreements::board(&at, scope).await?;
    let Some(traffic) = department(&board, "Verkeer") else {
        return Ok(());
    };
    let asked = agreements::create(
        &at,
        scope,
        &NewInput {
            priority: p.priority.id.to_string(),
            client_id: "demo-agreement-wyckerpoort-speed-display".into(),
            agreement: AgreementInput {
                what: "Verkeer plaatst een snelheidsdisplay in de Balijeweg".into(),
                owner: format!("department:{traffic}"),
                residents: String::new(),
                target: iso(day + Duration::days(28)),
                hard: String::new(),
            },
            sensitivity: "public".into(),
            ask: false,
        },
    )
    .await?;
    let stuck_on = day + Duration::days(42);
    let id = escalations::raise(
        &ctx.at(FixedClock(noon(stuck_on))),
        scope,
        asked,
        &RaiseInput {
            question: "Verkeer heeft na zes weken nog niet geantwoord op de vraag om een snelheidsdisplay. Kan de projectgroep Verkeer aanspreken?".into(),
        },
    )
    .await?;
    group_step(
        ctx,
        m,
        1,
        id,
        stuck_on + Duration::days(7),
        StepInput {
            step: "escalate".into(),
            text: "Verkeer wil wel, maar heeft dit jaar geen budget voor een display. Dat kan alleen de stuurgroep oplossen.".into(),
            ..StepInput::default()
        },
    )
    .await?;
    let decided_on = stuck_on + Duration::days(21);
    group_step(
        ctx,
        m,
        2,
        id,
        decided_on,
        StepInput {
            step: "decide".into(),
            decision: AgreementInput {
                what: "De gemeente betaalt het snelheidsdisplay uit het werkbudget; Verkeer plaatst het in de Balijeweg".into(),
                owner: format!("department:{traffic}"),
                residents: String::new(),
                target: iso(decided_on + Duration::days(21)),
                hard: String::new(),
            },
            ..StepInput::default()
        },
    )
    .await?;
    placed(ctx, m, scope, id, asked, decided_on).await
}

/// The decision's agreement done, the asked one withdrawn in its favour.
async fn placed(
    ctx: &Ctx,
    m: MunicipalityId,
    scope: &TeamScope,
    id: domain::EscalationId,
    asked: domain::AgreementId,
    decided_on: NaiveDate,
) -> ServiceResult<()> {
    // The steering group decided (a ladder set to one level leaves it undecided).
    let Some(steering) = escalations::ladder(ctx, m).await?.0.get(1).copied() else {
        return Ok(());
    };
    let scope_above = GroupScope::enter(ctx, &Actor::System, m, steering).await?;
    let made = escalations::in_group(ctx, &scope_above, id)
        .await?
        .steps
        .iter()
        .find_map(|s| s.agreement);
    if let Some(made) = made {
        step(
            ctx,
            scope,
            made,
            decided_on + Duration::days(18),
            ChangeInput {
                state: "done".into(),
                note: "Het display staat in de Balijeweg.".into(),
                public: true,
                ..ChangeInput::default()
            },
        )
        .await?;
    }
    // The asked agreement itself did not happen as asked: the decision took its place.
    step(
        ctx,
        scope,
        asked,
        decided_on,
        ChangeInput {
            state: "withdrawn".into(),
            note: "Vervangen door het besluit van de stuurgroep.".into(),
            public: true,
            ..ChangeInput::default()
        },
    )
    .await
}

/// Agreements around today for the team's open priorities: one late, one due this week,
/// and for the first priority a request the traffic department took on, due later.
pub(super) async fn current(ctx: &Ctx, m: MunicipalityId, team: &str) -> ServiceResult<()> {
    let scope = TeamScope::enter(ctx, &Actor::System, m, team).await?;
    let today = crate::scope::today(ctx.clock.now());
    let then = ctx.at(FixedClock(noon(today - Duration::days(14))));
    let board = agreements::board(&then, &scope).await?;
    let traffic = department(&board, "Verkeer");
    let open: Vec<&PriorityAgreements> = board
        .priorities
        .iter()
        .filter(|p| p.priority.open)
        .collect();
    for (index, p) in open.iter().enumerate() {
        let late = make(
            &then,
            &scope,
            p,
            (index, 0),
            today - Duration::days(3),
            &format!("demo-agreement-{team}-now-{index}-0"),
        )
        .await?;
        step(
            ctx,
            &scope,
            late,
            today - Duration::days(8),
            ChangeInput {
                state: "in-progress".into(),
                note: "Eerste gesprek gevoerd.".into(),
                public: true,
                ..ChangeInput::default()
            },
        )
        .await?;
        make(
            &then,
            &scope,
            p,
            (index, 1),
            today + Duration::days(4),
            &format!("demo-agreement-{team}-now-{index}-1"),
        )
        .await?;
        if team == "wyckerpoort" && index == 0 {
            escalations::raise(
                &ctx.at(FixedClock(noon(today - Duration::days(2)))),
                &scope,
                late,
                &RaiseInput {
                    question: "De woningcorporatie reageert niet op onze vraag. Kan de projectgroep haar aanspreken?".into(),
                },
            )
            .await?;
        }
    }
    if let (Some(first), Some(traffic)) = (open.first(), traffic) {
        agreements::create(
            &then,
            &scope,
            &NewInput {
                priority: first.priority.id.to_string(),
                client_id: format!("demo-agreement-{team}-now-traffic"),
                agreement: AgreementInput {
                    what: "Snelheidsdisplay plaatsen in de straat waar het meest te hard wordt gereden".into(),
                    owner: format!("department:{traffic}"),
                    residents: String::new(),
                    target: iso(today + Duration::days(20)),
                    hard: String::new(),
                },
                sensitivity: "public".into(),
                ask: false,
            },
        )
        .await?;
        if team == "wyckerpoort" {
            // A request traffic has not answered yet: it waits in the department's inbox.
            agreements::create(
                &ctx.at(FixedClock(noon(today - Duration::days(5)))),
                &scope,
                &NewInput {
                    priority: first.priority.id.to_string(),
                    client_id: format!("demo-agreement-{team}-now-traffic-request"),
                    agreement: AgreementInput {
                        what: "Een drempel bij de basisschool in de Balijeweg".into(),
                        owner: format!("department:{traffic}"),
                        residents: String::new(),
                        target: iso(today + Duration::days(30)),
                        hard: String::new(),
                    },
                    sensitivity: "public".into(),
                    ask: true,
                },
            )
            .await?;
        }
    }
    Ok(())
}
