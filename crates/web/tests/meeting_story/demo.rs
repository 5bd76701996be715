//! Acceptance 6: the public pages of the demo's four neighbourhoods show their team's
//! current priorities and, one click away, every published cycle's, exactly as table 3 of
//! the report (`priorities-nov2010-apr2011.csv`).

use std::collections::BTreeMap;

use testkit::TestApp;

use super::{get, unescape};

#[tokio::test]
async fn the_neighbourhood_pages_show_the_priorities_of_the_report() {
    let app = TestApp::with_demo().await;
    let csv = include_str!("../../../services/src/demo/priorities-nov2010-apr2011.csv");
    let mut by_team: BTreeMap<&str, BTreeMap<u32, Vec<&str>>> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let cols: Vec<&str> = line.splitn(4, ',').collect();
        by_team
            .entry(cols[0])
            .or_default()
            .entry(cols[1].parse().unwrap())
            .or_default()
            .push(cols[3]);
    }
    for (slug, team) in [
        ("wyckerpoort", "Wyckerpoort"),
        ("limmel", "Limmel & Nazareth"),
        ("nazareth", "Limmel & Nazareth"),
        ("wittevrouwenveld", "Wittevrouwenveld"),
    ] {
        let cycles = &by_team[team];
        let page = unescape(
            &get(&app, &app.client, &format!("/buurten/{slug}"))
                .await
                .body,
        );
        let current = &page[page.find("class=\"priorities\"").expect("the priorities")..];
        let current = &current[..current.find("</ul>").unwrap()];
        for title in &cycles[&3] {
            assert!(current.contains(title), "{slug}: now {title}");
        }
        for title in cycles[&1].iter().chain(&cycles[&2]) {
            if !cycles[&3].contains(title) {
                assert!(!current.contains(title), "{slug}: {title} is past");
            }
        }
        assert!(page.contains(&format!("/buurten/{slug}/prioriteiten")));
        let past = unescape(
            &get(&app, &app.client, &format!("/buurten/{slug}/prioriteiten"))
                .await
                .body,
        );
        for titles in cycles.values() {
            for title in titles {
                assert!(past.contains(title), "{slug}: the past holds {title}");
            }
        }
    }
}
