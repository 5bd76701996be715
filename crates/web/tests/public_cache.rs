//! Public pages kept rendered (`web::html::cache`) and conditional GET: an anonymous
//! visitor's page comes from the cache with an `ETag` and a `304` for a current copy; a
//! change staff make is on the next answer of every server on the database; a signed-in
//! visitor's page is never kept. Assets answer `If-None-Match` too.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";

struct Answer {
    status: u16,
    etag: String,
    cache_control: String,
    body: String,
}

async fn fetch(client: &reqwest::Client, url: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = client.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    Answer {
        status: response.status().as_u16(),
        etag: header("etag"),
        cache_control: header("cache-control"),
        body: response.text().await.unwrap(),
    }
}

/// The numbers in the public map's "concerns" column, summed.
fn concerns_on_map(html: &str) -> i64 {
    html.split("</tr>")
        .filter(|row| row.contains("<th scope=\"row\">"))
        .map(|row| {
            let cells: Vec<&str> = row.split("<td class=\"num\">").collect();
            let cell = cells[cells.len() - 2];
            cell[..cell.find('<').unwrap()].parse::<i64>().unwrap()
        })
        .sum()
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect(&marker) + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn an_anonymous_visitor_gets_the_kept_page_with_an_etag_and_304_when_current() {
    let app = TestApp::with_demo().await;
    let url = app.url("/buurten/wyckerpoort");
    let first = fetch(&app.client, &url, &[]).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.cache_control, "no-cache");
    assert!(
        first.etag.starts_with('"') && first.etag.len() == 34,
        "{}",
        first.etag
    );
    let (rendered, served) = (app.state.pages.rendered(), app.state.pages.served());

    let second = fetch(&app.client, &url, &[]).await;
    assert_eq!((second.status, &second.etag), (200, &first.etag));
    assert_eq!(second.body, first.body);
    assert_eq!(app.state.pages.rendered(), rendered, "not rendered again");
    assert_eq!(
        app.state.pages.served(),
        served + 1,
        "served from the cache"
    );

    for tag in [
        first.etag.clone(),
        format!("W/{}", first.etag),
        "*".to_owned(),
    ] {
        let response = app
            .client
            .get(&url)
            .header("if-none-match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 304, "{tag}");
        assert_eq!(response.headers()["etag"], first.etag.as_str());
        assert_eq!(response.headers()["cache-control"], "no-cache");
        assert_eq!(response.headers()["vary"], "Cookie, Accept-Language");
        assert!(response.text().await.unwrap().is_empty(), "no body");
    }
    let other = fetch(
        &app.client,
        &url,
        &[("if-none-match", "\"something-else\"")],
    )
    .await;
    assert_eq!(
        (other.status, other.body.as_str()),
        (200, first.body.as_str())
    );

    // Each language and each address is a page of its own.
    let english = fetch(&app.client, &url, &[("accept-language", "en")]).await;
    assert_eq!(english.status, 200);
    assert_ne!(english.etag, first.etag);
    assert!(english.body.contains("lang=\"en\""), "the English page");
    let dutch = fetch(&app.client, &url, &[]).await;
    assert!(
        dutch.body.contains("lang=\"nl\""),
        "the Dutch page is still Dutch"
    );
    let map = fetch(&app.client, &app.url("/buurten/wyckerpoort/kaart"), &[]).await;
    assert_ne!(map.etag, first.etag);

    // An unknown neighbourhood is not found, every time.
    for _ in 0..2 {
        let missing = fetch(&app.client, &app.url("/buurten/nergens"), &[]).await;
        assert_eq!(missing.status, 404);
        assert!(missing.etag.is_empty());
    }
}

#[tokio::test]
async fn a_signed_in_visitor_gets_a_page_of_their_own_never_a_kept_one() {
    let app = TestApp::with_demo().await;
    let anonymous = fetch(&app.client, &app.url("/"), &[]).await;
    assert!(!anonymous.body.contains("name=\"csrf\""));
    let (coordinator, status) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    assert_eq!(status, 303);
    let served = app.state.pages.served();
    for path in [
        "/",
        "/buurten/wyckerpoort",
        "/buurten/wyckerpoort/prioriteiten",
    ] {
        let own = fetch(&coordinator, &app.url(path), &[]).await;
        assert_eq!(own.status, 200);
        assert!(
            own.body.contains("name=\"csrf\""),
            "{path}: the sign-out form"
        );
        assert!(own.etag.is_empty(), "{path}");
        assert_eq!(own.cache_control, "no-store", "{path}");
        // A copy an anonymous visitor had is no answer for a signed-in one.
        let conditional = fetch(
            &coordinator,
            &app.url(path),
            &[("if-none-match", anonymous.etag.as_str())],
        )
        .await;
        assert_eq!(conditional.status, 200, "{path}");
    }
    assert_eq!(app.state.pages.served(), served, "nothing from the cache");
    let again = fetch(&app.client, &app.url("/"), &[]).await;
    assert_eq!(
        again.body, anonymous.body,
        "the kept page has no one's name"
    );
}

#[tokio::test]
async fn a_change_on_one_server_is_on_the_next_answer_of_another() {
    let app = TestApp::with_demo().await;
    let other = app.another_server().await;
    let anonymous = app.session_client();
    let home = fetch(&anonymous, &other.url("/"), &[]).await;
    let map = fetch(&anonymous, &other.url("/buurten/wyckerpoort/kaart"), &[]).await;
    assert_eq!((home.status, map.status), (200, 200));
    // Kept on the other server: asked again, the same page.
    assert_eq!(
        fetch(&anonymous, &other.url("/"), &[]).await.etag,
        home.etag
    );
    assert!(!home.body.contains("Binnenstad"));

    // A coordinator adds a neighbourhood on the first server.
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let page = fetch(&coordinator, &app.url("/beheer/structuur"), &[])
        .await
        .body;
    let district = {
        let select = &page[page.find("id=\"neighbourhood-district\"").unwrap()..];
        let start = select.find("<option value=\"").unwrap() + 15;
        select[start..start + select[start..].find('"').unwrap()].to_owned()
    };
    let response = coordinator
        .post(app.url("/beheer/structuur/buurt"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("district", district.as_str()),
            ("name", "Binnenstad"),
            ("cbs_code", ""),
            ("population", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let changed = fetch(&anonymous, &other.url("/"), &[]).await;
    assert!(
        changed.body.contains("Binnenstad"),
        "on the other server at once"
    );
    assert_ne!(changed.etag, home.etag);
    let stale = fetch(
        &anonymous,
        &other.url("/"),
        &[("if-none-match", &home.etag)],
    )
    .await;
    assert_eq!(stale.status, 200, "an old copy is not current");

    // The community police officer notes a public concern in Wyckerpoort.
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let form = fetch(&officer, &app.url("/werk/wyckerpoort/nieuw"), &[])
        .await
        .body;
    let response = officer
        .post(app.url("/werk/wyckerpoort/nieuw"))
        .form(&[
            ("csrf", csrf_of(&form).as_str()),
            ("client_id", hidden(&form, "client_id").as_str()),
            ("category", "vandalism"),
            ("what", "Bankje vernield"),
            ("lat", "50.85513"),
            ("lon", "5.70437"),
            ("channel", "street-corner"),
            ("residents", "2"),
            ("sensitivity", "public"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let after = fetch(&anonymous, &other.url("/buurten/wyckerpoort/kaart"), &[]).await;
    assert_eq!(concerns_on_map(&after.body), concerns_on_map(&map.body) + 1);
}

#[tokio::test]
async fn assets_answer_if_none_match() {
    let app = TestApp::builder().spawn().await;
    let css = render::assets::url("app.css");
    for (path, caching) in [
        (css, "public, max-age=31536000, immutable"),
        ("/sw.js", "no-cache"),
        ("/manifest.webmanifest", "no-cache"),
    ] {
        let first = fetch(&app.client, &app.url(path), &[]).await;
        assert_eq!(first.status, 200, "{path}");
        assert!(!first.body.is_empty());
        assert_eq!(first.cache_control, caching, "{path}");
        assert!(first.etag.len() == 34, "{path}: {}", first.etag);
        let again = fetch(
            &app.client,
            &app.url(path),
            &[("if-none-match", &first.etag)],
        )
        .await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(
            (again.etag.as_str(), again.cache_control.as_str()),
            (first.etag.as_str(), caching)
        );
        let other = fetch(&app.client, &app.url(path), &[("if-none-match", "\"x\"")]).await;
        assert_eq!(other.status, 200, "{path}");
    }
}

#[tokio::test]
async fn under_load_every_answer_after_a_change_has_it() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let app = TestApp::with_demo().await;
    let m = app.demo_municipality();
    let stop = Arc::new(AtomicBool::new(false));
    // Visitors reading the home page all the time, so that version reads are always under
    // way and waiting when the change is made.
    let readers: Vec<_> = (0..12)
        .map(|_| {
            let (client, url, stop) = (app.client.clone(), app.url("/"), Arc::clone(&stop));
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let response = client.get(&url).send().await.unwrap();
                    assert_eq!(response.status(), 200);
                    response.bytes().await.unwrap();
                }
            })
        })
        .collect();
    let store = app.store();
    for round in 0..25 {
        let name = format!("Aaa proefbuurt {round}");
        let slug: domain::Slug = format!("proef-{round}").parse().unwrap();
        let tx = store.begin_write().await.unwrap();
        let district =
            store::repo::places::ensure_district(&tx, m, &"proef".parse().unwrap(), "Proef")
                .await
                .unwrap();
        let input = store::repo::places::NeighbourhoodInput {
            municipality: m,
            district,
            name: &name,
            slug: &slug,
            cbs_code: None,
            population: None,
        };
        store::repo::places::upsert_neighbourhood(&tx, &input)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let page = fetch(&app.client, &app.url("/"), &[]).await;
        assert!(
            page.body.contains(&name),
            "round {round}: the change is on the next answer"
        );
    }
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.await.unwrap();
    }
    assert!(
        app.state.pages.served() > 25,
        "readers were served from the cache"
    );
}
