//! Voting benchmark (issue 5, acceptance 5): phones casting ballots through `POST /stemmen`
//! at a constant rate (open loop: each ballot is sent at its own moment, whether or not the
//! ones before were answered), against the real router on a real port and a real database
//! (SQLite temp file with `synchronous=FULL`; PostgreSQL with `TEST_DATABASE_URL`), with the
//! `/healthz` baseline at the same rate in the same run.
//!
//! 1. 300 voters within 10 seconds (30 per second): p50/p99, lost and duplicate ballots.
//! 2. Rising rates, 5 seconds each, until p99 passes 100 ms or a ballot is lost: the highest
//!    sustained ballots per second.
//!
//! Each voter first opens the ballot with its code (`GET /stemmen?code=`, which gives the
//! session and its CSRF token), untimed, as a phone does before the voter taps "Stem".
//!
//! Run: `cargo bench -p buurtagenda-web --bench voting`, with `TEST_DATABASE_URL` set to a
//! PostgreSQL database for the other backend.

use std::time::{Duration, Instant};

use domain::meeting::MeetingState;
use services::inventory::agenda::{self, Change};
use services::meeting::{count, plan};
use services::{Ctx, TeamScope};
use testkit::{TestApp, csrf_of};
use tokio::task::JoinSet;

const TEAM: &str = "wittevrouwenveld";

async fn coordinator(ctx: &Ctx) -> TeamScope {
    testkit::people::in_team(ctx, "projectleider@demo.buurtagenda.nl", TEAM).await
}

/// Groups the demo's ungrouped concerns of the team's open cycle and opens its meeting.
async fn open_meeting(ctx: &Ctx, scope: &TeamScope) {
    let view = agenda::view(ctx, scope).await.unwrap();
    for (n, concern) in view.ungrouped.iter().enumerate() {
        let change = Change::Create {
            title: format!("Onderwerp {}", n + 1),
            concerns: vec![concern.id],
        };
        agenda::change(ctx, scope, &change).await.unwrap();
    }
    let page = plan::page(ctx, scope).await.unwrap();
    assert_eq!(page.meeting.map(|m| m.state), Some(MeetingState::Planned));
    plan::open(ctx, scope).await.unwrap();
}

/// A phone with its ballot open: its client (session cookie), token, code and choices.
struct Phone {
    client: reqwest::Client,
    csrf: String,
    code: String,
    choices: Vec<String>,
}

async fn phones(app: &TestApp, codes: &[String]) -> Vec<Phone> {
    let mut out = Vec::with_capacity(codes.len());
    for (n, code) in codes.iter().enumerate() {
        let client = app.session_client();
        let page = client
            .get(app.url(&format!("/stemmen?code={code}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let items: Vec<String> = page
            .match_indices("name=\"keuze\" type=\"checkbox\" value=\"")
            .map(|(i, m)| {
                let rest = &page[i + m.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect();
        assert!(items.len() >= 3, "a ballot for {code}");
        // Three different items per voter, spread over the ballot.
        let choices = (0..3)
            .map(|k| items[(n + k * 2) % items.len()].clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        out.push(Phone {
            client,
            csrf: csrf_of(&page),
            code: code.clone(),
            choices,
        });
    }
    out
}

/// What one run measured.
struct Run {
    sent: usize,
    ok: usize,
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Run {
    fn percentile(&self, p: f64) -> f64 {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        if sorted.is_empty() {
            return 0.0;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "an index into a short list of latencies"
        )]
        let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[at].as_secs_f64() * 1000.0
    }
}

/// Sends `phones`' ballots at `rate` per second, each at its own moment.
async fn vote_at(app: &TestApp, phones: Vec<Phone>, rate: f64) -> Run {
    let start = Instant::now();
    let count = phones.len();
    let mut set = JoinSet::new();
    for (n, phone) in phones.into_iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a schedule in seconds")]
        let at = start + Duration::from_secs_f64(n as f64 / rate);
        let url = app.url("/stemmen");
        set.spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            let mut form = vec![("csrf", phone.csrf), ("code", phone.code)];
            form.extend(phone.choices.into_iter().map(|c| ("keuze", c)));
            let began = Instant::now();
            let response = phone.client.post(url).form(&form).send().await;
            let took = began.elapsed();
            (response.map_or(0, |r| r.status().as_u16()), took)
        });
    }
    let mut run = Run {
        sent: count,
        ok: 0,
        latencies: Vec::with_capacity(count),
        elapsed: Duration::ZERO,
    };
    while let Some(done) = set.join_next().await {
        let (status, took) = done.unwrap();
        if status == 303 {
            run.ok += 1;
        }
        run.latencies.push(took);
    }
    run.elapsed = start.elapsed();
    run
}

/// `/healthz` at `rate` per second for `n` requests: the baseline.
async fn healthz_at(app: &TestApp, n: usize, rate: f64) -> Run {
    let start = Instant::now();
    let mut set = JoinSet::new();
    for k in 0..n {
        #[expect(clippy::cast_precision_loss, reason = "a schedule in seconds")]
        let at = start + Duration::from_secs_f64(k as f64 / rate);
        let (client, url) = (app.client.clone(), app.url("/healthz"));
        set.spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            let began = Instant::now();
            let ok = client
                .get(url)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            (ok, began.elapsed())
        });
    }
    let mut run = Run {
        sent: n,
        ok: 0,
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
    };
    while let Some(done) = set.join_next().await {
        let (ok, took) = done.unwrap();
        run.ok += usize::from(ok);
        run.latencies.push(took);
    }
    run.elapsed = start.elapsed();
    run
}

fn row(name: &str, rate: f64, run: &Run, stored: Option<u64>, base: f64) {
    let p99 = run.percentile(0.99);
    println!(
        "| {name} | {rate:.0}/s | {} | {} | {} | {:.1} | {:.1} | {p99:.1} | {:.1} |",
        run.sent,
        run.ok,
        stored.map_or_else(|| "-".to_owned(), |s| s.to_string()),
        run.percentile(0.5),
        run.percentile(0.95),
        if base > 0.0 { p99 / base } else { 0.0 },
    );
}

async fn ballots(ctx: &Ctx, scope: &TeamScope) -> u64 {
    count::live(ctx, scope).await.unwrap().phone_voters
}

async fn issue(ctx: &Ctx, scope: &TeamScope, n: usize) -> Vec<String> {
    let mut codes = Vec::with_capacity(n);
    while codes.len() < n {
        let batch = (n - codes.len()).min(plan::MAX_CODES as usize);
        codes.extend(
            plan::issue_codes(ctx, scope, &batch.to_string())
                .await
                .unwrap()
                .iter()
                .map(ToString::to_string),
        );
    }
    codes
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let backend = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite (synchronous=FULL)"
    };
    let app = TestApp::with_demo().await;
    let ctx = app.ctx.clone();
    let scope = coordinator(&ctx).await;
    open_meeting(&ctx, &scope).await;
    println!("Voting benchmark on {backend}, {} cores", num_cpus());
    println!();
    println!(
        "| run | rate | sent | answered 303 | ballots stored | p50 ms | p95 ms | p99 ms | p99 vs /healthz |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");

    // 1. 300 voters in 10 seconds.
    let base = healthz_at(&app, 300, 30.0).await;
    let base_p99 = base.percentile(0.99);
    row("/healthz (baseline)", 30.0, &base, None, base_p99);
    let codes = issue(&ctx, &scope, 300).await;
    let ready = phones(&app, &codes).await;
    let before = ballots(&ctx, &scope).await;
    let run = vote_at(&app, ready, 30.0).await;
    let stored = ballots(&ctx, &scope).await - before;
    row("300 voters in 10 s", 30.0, &run, Some(stored), base_p99);
    let (printed, used) = store_codes(&ctx, &scope).await;
    println!();
    println!(
        "300 voters: {} answered, {stored} ballots stored, {} lost, {} duplicate; codes used {used} of {printed}; took {:.1} s",
        run.ok,
        run.sent
            .saturating_sub(usize::try_from(stored).unwrap_or(0)),
        usize::try_from(stored).unwrap_or(0).saturating_sub(run.ok),
        run.elapsed.as_secs_f64(),
    );
    println!();

    // 2. Rising rates, 5 seconds each.
    println!(
        "| run | rate | sent | answered 303 | ballots stored | p50 ms | p95 ms | p99 ms | p99 vs /healthz |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut best = 0.0;
    for rate in [
        50.0, 100.0, 200.0, 400.0, 600.0, 800.0, 1200.0, 1600.0, 2400.0, 3200.0,
    ] {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a small whole number of voters"
        )]
        let n = (rate * 5.0) as usize;
        let base = healthz_at(&app, n, rate).await;
        let base_p99 = base.percentile(0.99);
        row("/healthz (baseline)", rate, &base, None, base_p99);
        let codes = issue(&ctx, &scope, n).await;
        let ready = phones(&app, &codes).await;
        let before = ballots(&ctx, &scope).await;
        let run = vote_at(&app, ready, rate).await;
        let stored = ballots(&ctx, &scope).await - before;
        row("ballots", rate, &run, Some(stored), base_p99);
        let whole = usize::try_from(stored).unwrap_or(0) == n && run.ok == n;
        if run.percentile(0.99) <= 100.0 && whole {
            best = rate;
        } else {
            break;
        }
    }
    println!();
    println!(
        "Highest rate sustained for 5 s with p99 <= 100 ms and every ballot stored once: {best:.0} ballots/s"
    );
}

async fn store_codes(ctx: &Ctx, scope: &TeamScope) -> (u64, u64) {
    plan::page(ctx, scope).await.unwrap().codes
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}
