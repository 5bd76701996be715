//! Neighbourhood repository: keyset pagination over many rows, on both backends.

use domain::{PageRequest, Slug};
use store::repo::{places, teams};
use testkit::TestDb;

#[tokio::test]
async fn keyset_pages_cover_every_row_once_in_order() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let now = chrono::Utc::now();
    let conn = store.conn();
    let m = places::ensure_municipality(conn, &"testdorp".parse().unwrap(), "Testdorp", None, now)
        .await
        .unwrap();
    let d = places::ensure_district(conn, m, &"centrum".parse().unwrap(), "Centrum")
        .await
        .unwrap();
    // Equal names on purpose: the id must break the tie.
    let names: Vec<String> = (0..57).map(|i| format!("Buurt {:02}", i / 2)).collect();
    for (i, name) in names.iter().enumerate() {
        let slug: Slug = format!("buurt-{i}").parse().unwrap();
        let input = places::NeighbourhoodInput {
            municipality: m,
            district: d,
            name,
            slug: &slug,
            cbs_code: None,
            population: Some(100),
        };
        places::upsert_neighbourhood(conn, &input).await.unwrap();
    }
    let team = teams::ensure_team(conn, m, &"t".parse().unwrap(), "Team T")
        .await
        .unwrap();
    let first = places::list_neighbourhoods(conn, &PageRequest::first(1))
        .await
        .unwrap();
    teams::ensure_coverage(conn, team, first.items[0].id)
        .await
        .unwrap();
    teams::ensure_coverage(conn, team, first.items[0].id)
        .await
        .unwrap();

    let mut seen = Vec::new();
    let mut request = PageRequest::first(20);
    let mut pages = 0;
    loop {
        let page = places::list_neighbourhoods(conn, &request).await.unwrap();
        pages += 1;
        seen.extend(page.items.iter().map(|n| (n.name.clone(), n.id)));
        match page.next {
            Some(cursor) => request = PageRequest::new(Some(cursor), 20),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 57);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(
        seen, sorted,
        "ordered by (name, id) without gaps or repeats"
    );
    let again = places::list_neighbourhoods(conn, &PageRequest::first(1))
        .await
        .unwrap();
    assert_eq!(again.items[0].teams, vec![(team, "Team T".to_owned())]);
    assert_eq!(places::count_neighbourhoods(conn).await.unwrap(), 57);
    db.cleanup().await;
}
