//! Suggested groupings on the long list, on a real database: by street across topics and by
//! shared words, each confirmed by a person; a confirmed group leaves the suggestions.

use chrono::Utc;
use domain::inventory::ConcernInput;
use services::inventory::agenda::{self, Change, SuggestionReason};
use services::inventory::capture::{Capture, capture};
use services::inventory::{ContactInput, Placed};
use services::{Ctx, ManualClock};
use testkit::TestDb;
use testkit::people::in_team;

const TEAM: &str = "wyckerpoort";

fn noted(category: &str, street: Option<i64>, what: &str, n: usize) -> Capture {
    Capture {
        placed: Placed {
            neighbourhood: String::new(),
            client_id: format!("0b0c1d2e-0000-4000-8000-00000000010{n}"),
            concern: ConcernInput {
                category: category.into(),
                what: what.into(),
                street: street.map(|s| s.to_string()).unwrap_or_default(),
                landmark: if street.is_none() {
                    "bij de school".into()
                } else {
                    String::new()
                },
                channel: "street-corner".into(),
                residents: "1".into(),
                sensitivity: "public".into(),
                ..ConcernInput::default()
            },
        },
        contact: ContactInput::default(),
    }
}

#[tokio::test]
async fn the_list_suggests_groups_by_street_and_by_words_and_a_person_confirms() {
    let now = Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let ctx = Ctx::with_clock(db.store().await, ManualClock::new(now));
    let m = demo.municipality;
    let officer = in_team(&ctx, "wijkagent@demo.buurtagenda.nl", TEAM).await;
    let coordinator = in_team(&ctx, "projectleider@demo.buurtagenda.nl", TEAM).await;
    let team = store::repo::teams::team_detail(ctx.store.conn(), m, &TEAM.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
    let streets = store::repo::addresses::streets_in(ctx.store.conn(), &ids)
        .await
        .unwrap();
    let (street, street_name) = (streets[0].0, streets[0].1.clone());

    // The current cycle (the demo's fourth) gets three concerns of three topics.
    let mut id = Vec::new();
    for (n, (category, street, what)) in [
        ("parking", Some(street), "Scooters staan op de stoep"),
        ("speeding", Some(street), "Auto's racen 's avonds"),
        ("youth-nuisance", None, "Scooterrijders bij het schoolplein"),
    ]
    .into_iter()
    .enumerate()
    {
        let input = noted(category, street, what, n);
        id.push(capture(&ctx, &officer, &input).await.unwrap().id);
    }
    let view = agenda::view(&ctx, &coordinator).await.unwrap();
    assert_eq!(view.ungrouped.len(), 3);
    // The demo's last meeting carried its items not chosen over to this cycle.
    let carried = view.items.len();
    let found = |view: &agenda::AgendaView| -> Vec<(String, Vec<domain::ConcernId>)> {
        view.suggestions
            .iter()
            .map(|s| {
                let why = match &s.reason {
                    SuggestionReason::Category(c) => format!("category {}", c.code),
                    SuggestionReason::Street(name) => format!("street {name}"),
                    SuggestionReason::Nearby => "nearby".to_owned(),
                    SuggestionReason::Words(word) => format!("words {word}"),
                };
                (why, s.concerns.clone())
            })
            .collect()
    };
    assert_eq!(
        found(&view),
        vec![
            (format!("street {street_name}"), vec![id[0], id[1]]),
            ("words scooters".to_owned(), vec![id[0], id[2]]),
        ]
    );

    // The coordinator takes the words suggestion; what is left suggests nothing more.
    let change = Change::Create {
        title: "Scooters".into(),
        concerns: vec![id[0], id[2]],
    };
    agenda::change(&ctx, &coordinator, &change).await.unwrap();
    let view = agenda::view(&ctx, &coordinator).await.unwrap();
    assert_eq!(view.items.len(), carried + 1);
    let scooters = view
        .items
        .iter()
        .find(|i| i.item.title == "Scooters")
        .unwrap();
    assert_eq!(scooters.concerns.len(), 2);
    assert_eq!(view.ungrouped.len(), 1, "no concern lost or counted twice");
    assert!(found(&view).is_empty(), "{:?}", found(&view));
    db.cleanup().await;
}
