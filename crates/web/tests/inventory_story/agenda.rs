//! The long list: the coordinator groups the concerns into agenda items.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use super::{COORDINATOR, OFFICER, first_option_after, get, hidden, post};

/// The hidden concern ids of the suggestion form that follows `title` on the agenda page.
pub fn suggestion_ids(page: &str, title: &str) -> Vec<String> {
    let at = page
        .find(&format!("name=\"title\" value=\"{title}\""))
        .expect(title);
    let form = &page[at..at + page[at..].find("</form>").unwrap()];
    form.match_indices("name=\"concerns\" value=\"")
        .map(|(i, m)| {
            let rest = &form[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn item_ids(page: &str) -> Vec<String> {
    page.match_indices("<h3 id=\"item-")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// A concern heard in the street, through the team's capture form.
async fn heard(app: &TestApp, officer: &reqwest::Client, category: &str, residents: &str) {
    let (_, _, form) = get(app, officer, "/werk/wyckerpoort/nieuw").await;
    let street = first_option_after(&form, "id=\"concern-street\"");
    let (status, _, _) = post(
        app,
        officer,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", category),
            ("what", &format!("Gehoord over {category}")),
            ("street", &street),
            ("channel", "street-corner"),
            ("residents", residents),
            ("sensitivity", "public"),
        ],
    )
    .await;
    assert_eq!(status, 303);
}

fn concern_count(page: &str) -> usize {
    // Every concern shows once: under an item (with a release button) or among the single ones.
    page.matches("name=\"concern\" value=\"").count()
        + page.matches("name=\"concerns\" value=\"").count()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn the_coordinator_groups_the_concerns_into_agenda_items() {
    let app = TestApp::with_demo().await;
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    // The demo's open cycle holds the items its last meeting did not choose; the officer
    // adds what was heard since.
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    let carried = item_ids(&page);
    let (_, _, list) = get(&app, &coordinator, "/werk/wyckerpoort?stand=on-agenda").await;
    let on_agenda = list.matches("class=\"concern\"").count();
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    for (category, residents) in [("parking", "4"), ("parking", "2"), ("burglary", "1")] {
        heard(&app, &officer, category, residents).await;
    }
    let (status, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ronde 4"), "the demo's open cycle");
    assert!(page.contains("Maak agendapunt"), "suggestions by topic");
    assert!(page.contains("(zelfde onderwerp)"), "each says why");
    let parking = suggestion_ids(&page, "Parkeren");
    assert_eq!(parking.len(), 2);
    let token = csrf_of(&page);
    let post_change = |fields: Vec<(&'static str, String)>| {
        let client = coordinator.clone();
        let url = app.url("/werk/wyckerpoort/agenda");
        let token = token.clone();
        async move {
            let mut all = vec![("csrf", token)];
            all.extend(fields);
            client.post(url).form(&all).send().await.unwrap()
        }
    };

    // Accept the suggestion.
    let mut fields = vec![
        ("action", "create".to_owned()),
        ("title", "Parkeren".to_owned()),
    ];
    fields.extend(parking.iter().map(|id| ("concerns", id.clone())));
    let response = post_change(fields).await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    let seen = concern_count(&page);
    assert!(page.contains("<h3 id=\"item-"));
    assert!(
        page.contains("Staat voor 2 zorgen van 6 bewoners"),
        "counts"
    );

    // A new item without a name: the page again, the choice kept.
    let single = page
        .match_indices("name=\"concerns\" value=\"")
        .last()
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .unwrap();
    let response = post_change(vec![
        ("action", "create".to_owned()),
        ("title", "  ".to_owned()),
        ("concerns", single.clone()),
    ])
    .await;
    assert_eq!(response.status(), 422);
    let again = response.text().await.unwrap();
    assert!(again.contains("Geef het agendapunt een naam"));
    assert!(again.contains(&format!("value=\"{single}\" checked")));
    let response = post_change(vec![
        ("action", "create".to_owned()),
        ("title", "Inbraken <b>samen</b> voorkomen".to_owned()),
        ("concerns", single.clone()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert!(page.contains("Inbraken &#60;b&#62;samen&#60;/b&#62; voorkomen"));
    assert_eq!(
        concern_count(&page),
        seen,
        "no concern lost or counted twice"
    );

    // Merge the two, then take one concern out again.
    let items: Vec<String> = item_ids(&page)
        .into_iter()
        .filter(|i| !carried.contains(i))
        .collect();
    assert_eq!(items.len(), 2);
    let response = post_change(vec![
        ("action", "merge".to_owned()),
        ("item", items[1].clone()),
        ("into", items[0].clone()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert_eq!(item_ids(&page).len(), carried.len() + 1);
    assert!(page.contains("Staat voor 3 zorgen"));
    let response = post_change(vec![
        ("action", "release".to_owned()),
        ("concern", single.clone()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let response = post_change(vec![
        ("action", "rename".to_owned()),
        ("item", items[0].clone()),
        ("title", "Parkeeroverlast".to_owned()),
    ])
    .await;
    assert_eq!(response.status(), 303);
    let (_, _, page) = get(&app, &coordinator, "/werk/wyckerpoort/agenda").await;
    assert!(page.contains(">Parkeeroverlast</h3>"));
    assert!(page.contains("Staat voor 2 zorgen"));
    assert_eq!(concern_count(&page), seen);
    let response = post_change(vec![("action", "explode".to_owned())]).await;
    assert_eq!(
        response.status(),
        422,
        "an unknown change is a message, not an error"
    );

    // The concerns on the list say so in the team's list; the steering group only reads.
    let (_, _, list) = get(&app, &coordinator, "/werk/wyckerpoort?stand=on-agenda").await;
    assert_eq!(list.matches("class=\"concern\"").count(), on_agenda + 2);
    let (alderman, _) = app
        .sign_in("wethouder@demo.buurtagenda.nl", DEMO_PASSWORD)
        .await;
    let (status, _, page) = get(&app, &alderman, "/werk/wyckerpoort/agenda").await;
    assert_eq!(status, 200);
    assert!(!page.contains("Maak agendapunt"));
    let response = alderman
        .post(app.url("/werk/wyckerpoort/agenda"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("action", "up"),
            ("item", items[0].as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}
