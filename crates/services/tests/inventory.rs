//! Capturing concerns, the team's list, and residents' reports, on a real database (SQLite,
//! and PostgreSQL with `TEST_DATABASE_URL`).

use chrono::Utc;
use domain::access::Role;
use domain::credentials::Email;
use domain::inventory::{ConcernInput, ConcernStatus, Sensitivity};
use services::inventory::capture::{Capture, capture};
use services::inventory::list::{Query, list};
use services::inventory::report::{self, Report};
use services::inventory::{ContactInput, Placed};
use services::{Actor, Ctx, ManualClock, ServiceError, TeamScope, demo};
use store::repo::accounts;
use testkit::TestDb;

const TEAM: &str = "wyckerpoort";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";

async fn setup() -> (TestDb, Ctx, domain::MunicipalityId) {
    let now = Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let ctx = Ctx::with_clock(db.store().await, ManualClock::new(now));
    (db, ctx, demo.municipality)
}

async fn actor(ctx: &Ctx, email: &str) -> Actor {
    let email: Email = email.parse().unwrap();
    let account = accounts::find_by_email(ctx.store.conn(), &email)
        .await
        .unwrap()
        .unwrap();
    let principal = services::accounts::principal(ctx, account.id)
        .await
        .unwrap()
        .unwrap();
    Actor::User(Box::new(principal))
}

/// `actor` in the demo team, checked.
async fn team(ctx: &Ctx, actor: &Actor, m: domain::MunicipalityId) -> TeamScope {
    TeamScope::enter(ctx, actor, m, TEAM).await.unwrap()
}

async fn a_street(ctx: &Ctx, m: domain::MunicipalityId) -> i64 {
    let team = store::repo::teams::team_detail(ctx.store.conn(), m, &TEAM.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
    store::repo::addresses::streets_in(ctx.store.conn(), &ids)
        .await
        .unwrap()[0]
        .0
}

fn concern(street: i64, sensitivity: Sensitivity, what: &str) -> ConcernInput {
    ConcernInput {
        category: "parking".into(),
        what: what.into(),
        street: street.to_string(),
        house_from: "2".into(),
        house_to: "10".into(),
        days: vec!["mon".into(), "tue".into()],
        day_parts: vec!["morning".into()],
        channel: "street-corner".into(),
        residents: "3".into(),
        sensitivity: sensitivity.code().into(),
        ..ConcernInput::default()
    }
}

/// The rows of concerns noted in this test (the demo's own are from 2010 and 2011).
fn new_rows(page: &services::inventory::list::ListPage) -> Vec<&services::inventory::list::Row> {
    page.rows
        .iter()
        .filter(|r| {
            r.created_at.date_naive() > chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
        })
        .collect()
}

fn capture_of(concern: ConcernInput, client_id: &str) -> Capture {
    Capture {
        placed: Placed {
            neighbourhood: String::new(),
            client_id: client_id.into(),
            concern,
        },
        contact: ContactInput::default(),
    }
}

#[tokio::test]
async fn a_team_member_captures_once_per_client_id() {
    let (db, ctx, m) = setup().await;
    let officer = actor(&ctx, OFFICER).await;
    let street = a_street(&ctx, m).await;
    let input = capture_of(
        concern(street, Sensitivity::Public, "Busjes op de stoep"),
        "0b0c1d2e-0000-4000-8000-000000000001",
    );
    let first = capture(&ctx, &team(&ctx, &officer, m).await, &input)
        .await
        .unwrap();
    assert!(first.new);
    assert!(first.reference.starts_with("VB-"));
    let again = capture(&ctx, &team(&ctx, &officer, m).await, &input)
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert!(!again.new, "a resend stores nothing new");

    let page = list(&ctx, &team(&ctx, &officer, m).await, &Query::default())
        .await
        .unwrap();
    let rows = new_rows(&page);
    assert_eq!(rows.len(), 1);
    let row = rows[0];
    assert_eq!(row.what, "Busjes op de stoep");
    assert_eq!(row.houses, Some((2, 10)));
    assert_eq!(
        row.cycle, 4,
        "after the demo's three cycles, a new one starts"
    );
    assert_eq!(row.status, ConcernStatus::New);
    let log = store::repo::audit::latest_by_action(ctx.store.conn(), "concern.create", 500)
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.entity_id == Some(first.id.get()))
            .count(),
        1,
        "audited once"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn sixteen_resends_at_once_store_one_concern_in_one_new_cycle() {
    let (db, ctx, m) = setup().await;
    let officer = actor(&ctx, OFFICER).await;
    let street = a_street(&ctx, m).await;
    // The same concern sent 16 times at once, as a phone on a bad connection might, while
    // the team has no current cycle yet (the demo's are from 2010): one concern, one cycle.
    let same = capture_of(
        concern(street, Sensitivity::Public, "Tegelijk verstuurd"),
        "0b0c1d2e-0000-4000-8000-000000000016",
    );
    let attempts: Vec<_> = (0..16)
        .map(|_| {
            let (ctx, officer, same) = (ctx.clone(), officer.clone(), same.clone());
            tokio::spawn(async move { capture(&ctx, &team(&ctx, &officer, m).await, &same).await })
        })
        .collect();
    let mut ids = Vec::new();
    for attempt in attempts {
        ids.push(attempt.await.unwrap().expect("no attempt fails").id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every attempt names the one concern");
    let page = list(&ctx, &team(&ctx, &officer, m).await, &Query::default())
        .await
        .unwrap();
    assert_eq!(new_rows(&page).len(), 1);
    assert_eq!(page.cycles.len(), 4, "one new cycle after the demo's three");
    db.cleanup().await;
}

#[tokio::test]
async fn wrong_fields_are_all_named_and_nothing_is_stored() {
    let (db, ctx, m) = setup().await;
    let officer = actor(&ctx, OFFICER).await;
    let input = Capture {
        placed: Placed {
            neighbourhood: String::new(),
            client_id: String::new(),
            concern: ConcernInput {
                category: "parking".into(),
                channel: "pigeon".into(),
                sensitivity: "public".into(),
                ..ConcernInput::default()
            },
        },
        contact: ContactInput {
            email: "geen adres".into(),
            ..ContactInput::default()
        },
    };
    let Err(ServiceError::Validation(errors)) =
        capture(&ctx, &team(&ctx, &officer, m).await, &input).await
    else {
        panic!("a validation error");
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    for field in [
        "what",
        "street",
        "channel",
        "contact_email",
        "contact_consent",
    ] {
        assert!(fields.contains(&field), "{field}: {fields:?}");
    }
    // A street of another neighbourhood is refused.
    let other_team =
        store::repo::teams::team_detail(ctx.store.conn(), m, &"wittevrouwenveld".parse().unwrap())
            .await
            .unwrap()
            .unwrap();
    let ids: Vec<_> = other_team
        .neighbourhoods
        .iter()
        .map(|(id, _)| *id)
        .collect();
    let elsewhere = store::repo::addresses::streets_in(ctx.store.conn(), &ids)
        .await
        .unwrap()
        .into_iter()
        .find(|(_, _, nbs)| nbs.len() == 1)
        .unwrap()
        .0;
    let outside = capture_of(concern(elsewhere, Sensitivity::Public, "Ergens anders"), "");
    let result = capture(&ctx, &team(&ctx, &officer, m).await, &outside).await;
    assert!(
        matches!(&result, Err(ServiceError::Validation(e)) if e[0].message_key == "error-concern-street-outside"),
        "{result:?}"
    );
    let page = list(&ctx, &team(&ctx, &officer, m).await, &Query::default())
        .await
        .unwrap();
    assert!(new_rows(&page).is_empty());
    db.cleanup().await;
}

#[tokio::test]
async fn police_restricted_concerns_are_seen_by_police_staff_only() {
    let (db, ctx, m) = setup().await;
    let officer = actor(&ctx, OFFICER).await;
    let street = a_street(&ctx, m).await;
    for (n, sensitivity) in Sensitivity::ALL.into_iter().enumerate() {
        let input = capture_of(
            concern(street, sensitivity, &format!("Zorg {}", sensitivity.code())),
            &format!("0b0c1d2e-0000-4000-8000-00000000001{n}"),
        );
        capture(&ctx, &team(&ctx, &officer, m).await, &input)
            .await
            .unwrap();
    }
    let count = |page: &services::inventory::list::ListPage| new_rows(page).len();
    // The community police officer works for the police: all three.
    let page = list(&ctx, &team(&ctx, &officer, m).await, &Query::default())
        .await
        .unwrap();
    assert_eq!(count(&page), 3);
    for (email, expected) in [
        ("beheer@demo.buurtagenda.nl", 2),
        ("projectleider@demo.buurtagenda.nl", 2),
        ("projectgroep@demo.buurtagenda.nl", 3),
        ("wethouder@demo.buurtagenda.nl", 2),
    ] {
        let who = actor(&ctx, email).await;
        let page = list(&ctx, &team(&ctx, &who, m).await, &Query::default())
            .await
            .unwrap();
        assert_eq!(count(&page), expected, "{email}");
        assert!(
            expected == 3
                || page
                    .rows
                    .iter()
                    .all(|r| r.sensitivity != Sensitivity::Police),
            "{email}"
        );
        // Asking for them by filter shows nothing either.
        let asked = Query {
            sensitivity: Some("police".into()),
            ..Query::default()
        };
        let page = list(&ctx, &team(&ctx, &who, m).await, &asked)
            .await
            .unwrap();
        assert_eq!(count(&page), expected - 2, "{email} filtering on police");
    }
    // A department contact does not see the team's records at all.
    let traffic = actor(&ctx, "verkeer@demo.buurtagenda.nl").await;
    assert!(matches!(
        TeamScope::enter(&ctx, &traffic, m, TEAM).await,
        Err(ServiceError::Forbidden)
    ));
    let _ = Role::Administrator;
    db.cleanup().await;
}

#[tokio::test]
async fn a_resident_reports_and_follows_the_status() {
    let (db, ctx, m) = setup().await;
    let street = a_street(&ctx, m).await;
    let neighbourhood = report::neighbourhood(&ctx, TEAM, None)
        .await
        .unwrap()
        .expect("Wyckerpoort");
    let input = Report {
        category: "speeding".into(),
        what: "Er wordt hard gereden <script>alert(1)</script>".into(),
        street: street.to_string(),
        house_number: "5".into(),
        days: vec!["sat".into()],
        day_parts: vec!["night".into()],
        client_id: "form-1".into(),
        contact: ContactInput {
            email: "bewoner@example.nl".into(),
            consent: true,
            ..ContactInput::default()
        },
        ..Report::default()
    };
    let reported = report::report(&ctx, &neighbourhood, &input).await.unwrap();
    let again = report::report(&ctx, &neighbourhood, &input).await.unwrap();
    assert_eq!(reported, again, "a double submit stores one report");
    let status = report::status(&ctx, &reported.reference.to_lowercase())
        .await
        .unwrap();
    assert_eq!(status.status, ConcernStatus::New);
    assert_eq!(status.category.0, "speeding");
    assert!(matches!(
        report::status(&ctx, "VB-0000-0000").await,
        Err(ServiceError::NotFound)
    ));
    // The team sees it, team-only, from the web; the contact details are stored apart.
    let officer = actor(&ctx, OFFICER).await;
    let page = list(&ctx, &team(&ctx, &officer, m).await, &Query::default())
        .await
        .unwrap();
    let rows = new_rows(&page);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].sensitivity, Sensitivity::Team);
    assert_eq!(rows[0].channel, domain::inventory::Channel::Web);
    let contact = store::repo::concerns::contact(ctx.store.conn(), rows[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.email.as_deref(), Some("bewoner@example.nl"));
    // Without consent the details are refused, with everything else kept by the caller.
    let no_consent = Report {
        client_id: "form-2".into(),
        contact: ContactInput {
            email: "bewoner@example.nl".into(),
            consent: false,
            ..ContactInput::default()
        },
        ..input
    };
    assert!(matches!(
        report::report(&ctx, &neighbourhood, &no_consent).await,
        Err(ServiceError::Validation(e)) if e.iter().any(|e| e.field == "contact_consent")
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn urgent_concerns_go_at_once_where_the_rules_say() {
    let (db, ctx, m) = setup().await;
    let officer = actor(&ctx, OFFICER).await;
    let street = a_street(&ctx, m).await;
    let urgent = |category: &str, sensitivity: Sensitivity, n: u8| {
        let mut input = concern(street, sensitivity, &format!("Dringend {category}"));
        input.category = category.into();
        input.urgent = true;
        capture_of(input, &format!("0b0c1d2e-0000-4000-8000-0000000002{n:02}"))
    };
    let mails = |to: &'static str| {
        let ctx = ctx.clone();
        async move {
            store::repo::mail::for_address(ctx.store.conn(), to)
                .await
                .unwrap()
        }
    };
    // Speeding goes to the traffic department's mailbox, without the resident.
    let mut with_contact = urgent("speeding", Sensitivity::Public, 1);
    with_contact.contact = ContactInput {
        phone: "06 12345678".into(),
        consent: true,
        ..ContactInput::default()
    };
    let sent = capture(&ctx, &team(&ctx, &officer, m).await, &with_contact)
        .await
        .unwrap();
    let to_traffic = mails("verkeer@demo.buurtagenda.nl").await;
    assert_eq!(to_traffic.len(), 1);
    assert!(
        to_traffic[0]
            .subject
            .starts_with("Dringend: Te hard rijden in")
    );
    assert!(to_traffic[0].body.contains("Dringend speeding"));
    assert!(to_traffic[0].body.contains(&sent.reference));
    assert!(!to_traffic[0].body.contains("12345678"), "no personal data");
    let stored = store::repo::concerns::find(ctx.store.conn(), m, sent.id)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.routed_to_organisation_id.is_some() && stored.routed_at.is_some());
    // A police-restricted one goes only to the police.
    capture(
        &ctx,
        &team(&ctx, &officer, m).await,
        &urgent("speeding", Sensitivity::Police, 2),
    )
    .await
    .unwrap();
    assert_eq!(
        mails("verkeer@demo.buurtagenda.nl").await.len(),
        1,
        "withheld"
    );
    capture(
        &ctx,
        &team(&ctx, &officer, m).await,
        &urgent("drug-dealing", Sensitivity::Police, 3),
    )
    .await
    .unwrap();
    assert_eq!(
        mails("wijkteam-noordoost@demo.buurtagenda.nl").await.len(),
        1
    );
    // No rule, or not urgent: nothing is sent.
    capture(
        &ctx,
        &team(&ctx, &officer, m).await,
        &urgent("litter", Sensitivity::Public, 4),
    )
    .await
    .unwrap();
    let mut calm = urgent("speeding", Sensitivity::Public, 5);
    calm.placed.concern.urgent = false;
    capture(&ctx, &team(&ctx, &officer, m).await, &calm)
        .await
        .unwrap();
    assert_eq!(mails("verkeer@demo.buurtagenda.nl").await.len(), 1);
    let routed = store::repo::audit::latest_by_action(ctx.store.conn(), "concern.route", 10)
        .await
        .unwrap();
    assert_eq!(routed.len(), 2);
    // Loading the demo again keeps the rules as they are.
    let before = store::repo::routing::rules(ctx.store.conn(), m)
        .await
        .unwrap();
    demo::load_demo(&ctx, &Actor::Cli).await.unwrap();
    assert_eq!(
        store::repo::routing::rules(ctx.store.conn(), m)
            .await
            .unwrap(),
        before
    );
    db.cleanup().await;
}
