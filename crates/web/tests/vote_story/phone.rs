//! Voting on a phone: the ballot from the card's QR code, the thank-you page, every refusal
//! with its plain message and the choice kept, the limit on wrong codes, and fifty copies
//! of one vote at once.

use services::meeting::count;
use testkit::TestApp;

use super::{ballot, get, items_of, open_meeting, phone_voters, vote};

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn a_phone_votes_once_and_every_refusal_is_plain() {
    let app = TestApp::with_demo().await;
    let (actor, codes) = open_meeting(&app, 6).await;
    let before = phone_voters(&app, &actor).await;

    // The code form, and the code as people type it (lower case, a space) from the QR.
    let (status, page) = get(&app, &app.session_client(), "/stemmen").await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"code\""));
    let typed = codes[0].to_lowercase().replace('-', " ");
    let (client, page, token) = ballot(&app, &typed.replace(' ', "+")).await;
    assert!(page.contains("Kies maximaal 3 onderwerpen"), "the rule");
    assert!(page.contains("Nazareth"), "the team");
    assert!(page.contains(&format!("name=\"code\" value=\"{}\"", codes[0])));
    let items = items_of(&page);
    assert!(items.len() >= 4, "{items:?}");
    let stemming = super::hidden(&page, "stemming");

    // Nothing chosen: the message, nothing stored.
    let (status, _, page) = vote(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("code", &codes[0]),
            ("stemming", &stemming),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Kies minstens één onderwerp"), "{page}");

    // Too many: the message, and the four boxes still ticked.
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("code", codes[0].as_str()),
        ("stemming", stemming.as_str()),
    ];
    fields.extend(items.iter().take(4).map(|i| ("keuze", i.as_str())));
    let (status, _, page) = vote(&app, &client, &fields).await;
    assert_eq!(status, 422);
    assert!(page.contains("U heeft te veel gekozen"), "{page}");
    for item in items.iter().take(4) {
        assert!(
            page.contains(&format!("value=\"{item}\" checked")),
            "{item} stays ticked"
        );
    }

    // A right vote: the thank-you page, which says nothing about it.
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("code", codes[0].as_str()),
        ("stemming", stemming.as_str()),
    ];
    fields.extend(items.iter().take(2).map(|i| ("keuze", i.as_str())));
    let (status, location, _) = vote(&app, &client, &fields).await;
    assert_eq!((status, location.as_str()), (303, "/stemmen/bedankt"));
    let (status, page) = get(&app, &client, "/stemmen/bedankt").await;
    assert_eq!(status, 200);
    assert!(page.contains("Uw stem is geteld"));
    assert!(!page.contains("Onderwerp"), "no trace of the ballot");
    assert_eq!(phone_voters(&app, &actor).await, before + 1);

    // The same code again: used, the choice kept.
    let (status, _, page) = vote(&app, &client, &fields).await;
    assert_eq!(status, 422);
    assert!(page.contains("Met deze code is al gestemd"), "{page}");
    assert!(page.contains(&format!("value=\"{}\" checked", items[0])));
    let (status, page) = get(&app, &client, &format!("/stemmen?code={}", codes[0])).await;
    assert_eq!(status, 422);
    assert!(page.contains("Met deze code is al gestemd"));

    // A wrong code on the ballot: the code becomes a field to correct, the choice kept.
    let (status, _, page) = vote(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("code", "ABCDE-FGHJK"),
            ("stemming", &stemming),
            ("keuze", &items[1]),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Deze code kennen we niet"), "{page}");
    assert!(page.contains("id=\"code\" name=\"code\" type=\"text\""));
    assert!(page.contains(&format!("value=\"{}\" checked", items[1])));
    let (status, page) = get(&app, &client, "/stemmen?code=nonsense").await;
    assert_eq!(status, 422);
    assert!(page.contains("Deze code klopt niet"));

    // Wrong codes from one address are limited; a right code from it still votes.
    let mut limited = false;
    for _ in 0..=services::limits::WRONG_CODES_PER_WINDOW {
        let (status, page) = get(&app, &client, "/stemmen?code=ABCDE-FGHJK").await;
        if status == 429 {
            assert!(page.contains("te veel verkeerde codes"), "{page}");
            limited = true;
        }
    }
    assert!(limited, "the limit answers 429");
    let (client, _, token) = ballot(&app, &codes[1]).await;
    let (status, location, _) = vote(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("code", &codes[1]),
            ("stemming", &stemming),
            ("keuze", &items[2]),
        ],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/stemmen/bedankt"));
    assert_eq!(phone_voters(&app, &actor).await, before + 2);

    // Closed: refused plainly, the choice kept, nothing stored.
    let (client, _, token) = ballot(&app, &codes[2]).await;
    count::close(&app.ctx, &actor).await.unwrap();
    let (status, _, page) = vote(
        &app,
        &client,
        &[
            ("csrf", &token),
            ("code", &codes[2]),
            ("stemming", &stemming),
            ("keuze", &items[3]),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("De stemming is gesloten"), "{page}");
    assert!(page.contains(&format!("value=\"{}\" checked", items[3])));
    assert_eq!(phone_voters(&app, &actor).await, before + 2);
}

#[tokio::test]
async fn fifty_copies_of_one_vote_store_one_ballot() {
    let app = TestApp::with_demo().await;
    let (actor, codes) = open_meeting(&app, 1).await;
    let before = phone_voters(&app, &actor).await;
    let mut phones = Vec::new();
    for _ in 0..50 {
        let (client, page, token) = ballot(&app, &codes[0]).await;
        phones.push((client, items_of(&page), token));
    }
    let mut sent = Vec::new();
    for (client, items, token) in phones {
        let url = app.url("/stemmen");
        let code = codes[0].clone();
        sent.push(tokio::spawn(async move {
            client
                .post(url)
                .form(&[
                    ("csrf", token.as_str()),
                    ("code", code.as_str()),
                    ("keuze", items[0].as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for handle in sent {
        statuses.push(handle.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 422),
        "{statuses:?}"
    );
    assert_eq!(phone_voters(&app, &actor).await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_codes_sent_together_to_two_servers_are_counted_once() {
    let app = TestApp::with_demo().await;
    let other = app.another_server().await;
    let path = "/stemmen?code=ABCDE-FGHJK";
    let urls = [app.url(path), other.url(path)];
    let statuses = testkit::together(40, |i| {
        let request = app.client.get(&urls[i % 2]);
        async move { request.send().await.unwrap().status().as_u16() }
    })
    .await;
    let most = usize::try_from(services::limits::WRONG_CODES_PER_WINDOW).unwrap();
    assert_eq!(
        testkit::together::count(&statuses, 422),
        most,
        "{statuses:?}"
    );
    assert_eq!(testkit::together::count(&statuses, 429), 40 - most);
}
