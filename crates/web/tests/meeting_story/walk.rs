//! One whole cycle of Wittevrouwenveld through HTTP: a concern heard on the street, the
//! long list, the settings and the plan, the letters, the meeting with paper and phone
//! votes, the second facilitator's confirmation, publication and the next cycle.

use services::demo::DEMO_PASSWORD;
use testkit::TestApp;

use super::{
    COORDINATOR, OTHER_TEAM, TEAM, WORKER, between, get, post, team_member_account, unescape,
    value_of,
};

/// Makes sure the long list has at least three items, grouping single concerns if needed.
async fn long_list(app: &TestApp, client: &reqwest::Client) {
    let path = format!("/werk/{TEAM}/agenda");
    for n in 0..3 {
        let page = get(app, client, &path).await.body;
        if page.matches("<h3 id=\"item-").count() >= 3 {
            return;
        }
        let single = between(&page, "name=\"concerns\" value=\"", "\"");
        let concern = single.last().expect("a concern to put on the list").clone();
        let token = testkit::csrf_of(&page);
        let title = format!("Punt {n}");
        let fields = [
            ("csrf", token.as_str()),
            ("action", "create"),
            ("title", title.as_str()),
            ("concerns", concern.as_str()),
        ];
        let response = client
            .post(app.url(&path))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "a new agenda item");
    }
}

/// A phone votes through `/stemmen`: opens the ballot with its code (as the card's QR does)
/// and sends `items`; the answer's status.
async fn phone_vote(app: &TestApp, code: &str, items: &[String]) -> u16 {
    let phone = app.session_client();
    let opened = get(app, &phone, &format!("/stemmen?code={code}")).await;
    if !opened.body.contains("name=\"csrf\"") {
        // A used code or a closed meeting: the page says so before any ballot.
        return opened.status;
    }
    let ballot = opened.body;
    let mut form = vec![
        ("csrf", testkit::csrf_of(&ballot)),
        ("code", code.to_owned()),
    ];
    form.extend(items.iter().map(|i| ("keuze", i.clone())));
    let response = phone
        .post(app.url("/stemmen"))
        .form(&form)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

/// A concern heard in the street, through the team's capture form.
async fn heard(app: &TestApp, client: &reqwest::Client, what: &str) {
    let path = format!("/werk/{TEAM}/nieuw");
    let form = get(app, client, &path).await.body;
    let street = between(&form, "<option value=\"", "\"")
        .into_iter()
        .find(|v| v.parse::<i64>().is_ok())
        .expect("a street");
    let answer = post(
        app,
        client,
        &path,
        &[
            (
                "client_id",
                &between(&form, "name=\"client_id\" value=\"", "\"")[0],
            ),
            ("category", "litter"),
            ("what", what),
            ("street", &street),
            ("channel", "street-corner"),
            ("residents", "2"),
            ("sensitivity", "public"),
        ],
    )
    .await;
    assert_eq!(answer.status, 303, "captured");
}

/// The ballot items' ids and titles, in ballot order, from the paper form.
fn ballot(page: &str) -> Vec<(String, String)> {
    between(page, "<label for=\"paper-item-", "</label>")
        .into_iter()
        .map(|s| {
            let (id, title) = s.split_once("\">").unwrap();
            (id.to_owned(), unescape(title))
        })
        .collect()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn two_facilitators_run_a_whole_meeting() {
    let app = TestApp::with_demo().await;
    let (team, team_name) = team_member_account(&app).await;
    let (worker, status) = app.sign_in(WORKER, DEMO_PASSWORD).await;
    assert_eq!(status, 303);
    let (chair, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (outsider, _) = app.sign_in(OTHER_TEAM, DEMO_PASSWORD).await;
    let base = format!("/werk/{TEAM}/bijeenkomst");
    let at = |p: &str| format!("{base}{p}");

    // The team's work pages lead here; another team's member may not look.
    let list = get(&app, &worker, &format!("/werk/{TEAM}")).await.body;
    assert!(
        list.contains(&format!("href=\"{base}\"")),
        "linked from the list"
    );
    assert_eq!(get(&app, &outsider, &base).await.status, 403);
    assert_eq!(post(&app, &outsider, &at("/open"), &[]).await.status, 403);

    // Settings: a wrong number is refused with what was typed; then saved.
    let form = get(&app, &worker, &at("/instellingen")).await;
    assert_eq!(form.status, 200);
    let wrong = [
        ("weeks", "0"),
        ("stickers", "3"),
        ("priorities", "2"),
        ("ties", "chair-decides"),
    ];
    let refused = post(&app, &worker, &at("/instellingen"), &wrong).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("van 1 tot en met 26"), "the reason");
    assert_eq!(value_of(&refused.body, "settings-weeks"), "0", "kept");
    let mut right = wrong;
    right[0].1 = "8";
    let saved = post(&app, &worker, &at("/instellingen"), &right).await;
    assert_eq!(
        (saved.status, saved.location.as_str()),
        (303, "/werk/wittevrouwenveld/bijeenkomst?klaar=instellingen")
    );

    // Plan: the form comes filled in with the cycle's calendar; the place is required.
    let form = get(&app, &worker, &at("/plan")).await.body;
    let field = |f: &str| value_of(&form, &format!("plan-{f}"));
    let mut plan: Vec<(&str, String)> = [
        "day",
        "starts",
        "ends",
        "cycle_starts",
        "inventory_ends",
        "cycle_ends",
    ]
    .into_iter()
    .map(|f| (f, field(f)))
    .collect();
    let fields: Vec<(&str, &str)> = plan.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = post(&app, &worker, &at("/plan"), &fields).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("href=\"#plan-venue\""),
        "summary links the field"
    );
    plan.push(("venue", "Buurthuis De Romein".into()));
    plan.push(("venue_address", "Populierweg 2, Maastricht".into()));
    plan.push(("accessibility", "Zonder drempels, met ringleiding".into()));
    let fields: Vec<(&str, &str)> = plan.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&app, &worker, &at("/plan"), &fields).await.status, 303);

    // The inventory: the worker notes what he heard on the street corner.
    heard(
        &app,
        &worker,
        "Vuilniszakken naast de containers bij de flat",
    )
    .await;
    // The long list (the demo's carried-over items, or some made now) goes on the ballot.
    long_list(&app, &chair).await;
    // The invitation letters for every household, made in the background.
    let letters = post(&app, &chair, &at("/brieven"), &[]).await;
    assert_eq!(letters.status, 303);
    // A debug build on a busy machine takes seconds for the demo's households: wait
    // while the page shows progress.
    let mut job = String::new();
    for _ in 0..1_200 {
        job = get(&app, &chair, &letters.location).await.body;
        if !job.contains("<progress") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(job.contains("brieven.pdf"), "the letters are ready: {job}");
    let page = get(&app, &worker, &base).await.body;
    assert!(page.contains("Buurthuis De Romein"));
    assert!(page.contains("Open de bijeenkomst"));
    let cycle: String = between(&page, "(Ronde ", ")").remove(0);

    // Codes for the phones: cards to print, each with its QR code.
    let cards = post(&app, &worker, &at("/codes"), &[("count", "3")]).await;
    assert_eq!(cards.status, 200);
    let codes = between(&cards.body, "</span>", "</p>")
        .into_iter()
        .filter(|c| c.len() == 11 && c.as_bytes()[5] == b'-')
        .collect::<Vec<_>>();
    assert_eq!(codes.len(), 3, "{}", cards.body);
    assert_eq!(cards.body.matches("<svg class=\"qr\"").count(), 3);
    assert!(cards.body.contains("/stemmen"));
    let refused = post(&app, &worker, &at("/codes"), &[("count", "veel")]).await;
    assert_eq!(refused.status, 422);
    assert_eq!(value_of(&refused.body, "codes-count"), "veel");

    // Open: the ballot is frozen; opening twice only says the meeting changed.
    let opened = post(&app, &worker, &at("/open"), &[]).await;
    assert_eq!(opened.location, format!("{base}?klaar=open"));
    let again = post(&app, &chair, &at("/open"), &[]).await;
    assert_eq!(again.location, format!("{base}?melding=veranderd"));
    let page = get(&app, &chair, &again.location).await.body;
    assert!(page.contains("intussen veranderd"));
    assert!(page.contains("Sluit de stemming"));
    let items = ballot(&page);
    assert!(items.len() >= 3, "{items:?}");
    let (a, b, c) = (&items[0].0, &items[1].0, &items[2].0);
    let (item_a, item_b, item_c) = (
        format!("item-{a}"),
        format!("item-{b}"),
        format!("item-{c}"),
    );

    // The worker enters the paper count; he may not confirm it himself.
    let first = [
        ("attendees", "5"),
        (item_a.as_str(), "4"),
        (item_b.as_str(), "2"),
        (item_c.as_str(), "1"),
    ];
    let entered = post(&app, &worker, &at("/papier"), &first).await;
    assert_eq!(entered.location, format!("{base}?klaar=telling"));
    let page = get(&app, &worker, &base).await.body;
    assert!(page.contains("Iemand anders van het team moet haar bevestigen"));
    assert!(
        !page.contains("/papier/bevestig"),
        "no button for the one who entered"
    );
    let own = post(&app, &worker, &at("/papier/bevestig"), &[("version", "1")]).await;
    assert_eq!(own.status, 422);
    assert!(own.body.contains("U hebt deze telling zelf ingevoerd"));

    // The chair sees who entered it and confirms.
    let page = get(&app, &chair, &base).await.body;
    assert!(page.contains("Ingevoerd door Karim Bouzid"));
    assert!(page.contains("/papier/bevestig"));
    let confirmed = post(&app, &chair, &at("/papier/bevestig"), &[("version", "1")]).await;
    assert_eq!(confirmed.location, format!("{base}?klaar=bevestigd"));

    // An impossible correction is refused with the reason, the numbers kept.
    let impossible = [
        ("attendees", "1"),
        (item_a.as_str(), "4"),
        (item_b.as_str(), "2"),
        (item_c.as_str(), "2"),
        ("reason", "Opnieuw geteld"),
    ];
    let refused = post(&app, &chair, &at("/papier"), &impossible).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Dit kan niet"), "the reason");
    assert_eq!(value_of(&refused.body, "paper-attendees"), "1");
    assert_eq!(value_of(&refused.body, &format!("paper-{item_a}")), "4");
    // A correction needs a reason; with one, it waits for the worker's confirmation.
    let mut correction = impossible;
    correction[0].1 = "5";
    correction[4].1 = "";
    let refused = post(&app, &chair, &at("/papier"), &correction).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Zeg waarom u de telling verbetert"));
    correction[4].1 = "Eén vel lag nog op tafel";
    let corrected = post(&app, &chair, &at("/papier"), &correction).await;
    assert_eq!(corrected.location, format!("{base}?klaar=telling"));
    let page = get(&app, &worker, &base).await.body;
    assert!(
        page.contains("Eén vel lag nog op tafel"),
        "the versions show the reason"
    );
    assert!(
        page.contains("Vorige telling: 2"),
        "the previous count beside the field"
    );
    let confirmed = post(&app, &worker, &at("/papier/bevestig"), &[("version", "2")]).await;
    assert_eq!(confirmed.status, 303);

    // Residents vote on their phones with two of the codes; a code counts once.
    let ids: Vec<String> = [a, b, c].iter().map(ToString::to_string).collect();
    assert_eq!(phone_vote(&app, &codes[0], &ids).await, 303);
    assert_eq!(phone_vote(&app, &codes[1], &ids).await, 303);
    assert_eq!(phone_vote(&app, &codes[0], &ids).await, 422, "once");

    // Close: no more votes; the result has A first and B and C tied for the second place.
    let closed = post(&app, &chair, &at("/sluiten"), &[]).await;
    assert_eq!(closed.location, format!("{base}?klaar=gesloten"));
    assert_eq!(phone_vote(&app, &codes[2], &ids).await, 422, "closed");
    let page = get(&app, &chair, &base).await.body;
    assert!(page.contains("Uitslag"));
    assert!(page.contains("Gelijk"));
    assert!(
        page.contains("Punten staan gelijk"),
        "the chair must choose"
    );
    assert!(
        page.contains(&format!("id=\"chair-{b}\"")) && page.contains(&format!("id=\"chair-{c}\""))
    );
    assert!(
        !page.contains(&format!("id=\"chair-{a}\"")),
        "A is chosen by the rule"
    );

    // Residents' pages, kept rendered for anonymous visitors, do not have the result yet.
    let public = format!("/buurten/{TEAM}/prioriteiten");
    let before = get(&app, &app.client, &public).await;
    assert_eq!(before.status, 200);
    assert!(!unescape(&before.body).contains("Dit punt speelt al langer"));
    let neighbourhood = get(&app, &app.client, &format!("/buurten/{TEAM}"))
        .await
        .body;

    // Publishing without the chair's choice is refused; with it, the next cycle starts.
    let refused = post(
        &app,
        &chair,
        &at("/publiceren"),
        &[("quick_wins", a.as_str())],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Kies precies zoveel punten"));
    let publish = [
        ("chair", b.as_str()),
        ("reason", "Dit punt speelt al langer"),
        ("quick_wins", a.as_str()),
        ("residents_act", b.as_str()),
    ];
    let published = post(&app, &chair, &at("/publiceren"), &publish).await;
    assert_eq!(published.location, format!("{base}?klaar=gepubliceerd"));
    let page = get(&app, &worker, &published.location).await.body;
    let next: u32 = cycle.parse::<u32>().unwrap() + 1;
    assert!(page.contains(&format!("(Ronde {next})")), "the next cycle");
    assert!(page.contains("Nog niet gepland"));
    assert!(page.contains("De uitslag is gepubliceerd"));

    // Residents see it on their next visit: the published result and the new priorities.
    let after = unescape(&get(&app, &app.client, &public).await.body);
    assert!(
        after.contains("Dit punt speelt al langer"),
        "the chair's reason"
    );
    let now = unescape(
        &get(&app, &app.client, &format!("/buurten/{TEAM}"))
            .await
            .body,
    );
    assert_ne!(now, unescape(&neighbourhood));
    assert!(
        now.contains(&items[0].1),
        "a chosen priority on the neighbourhood page"
    );

    // The priorities are public.
    let agenda = services::meeting::public::team_agenda(&app.ctx, team, &team_name)
        .await
        .unwrap();
    let mut chosen: Vec<&str> = agenda
        .current
        .iter()
        .filter(|p| !p.continues)
        .map(|p| p.priority.title.as_str())
        .collect();
    chosen.sort_unstable();
    let mut want = [items[0].1.as_str(), items[1].1.as_str()];
    want.sort_unstable();
    assert_eq!(chosen, want);
    assert!(agenda.current.iter().any(|p| p.priority.quick_win));
}
