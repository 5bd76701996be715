//! Maps: the public map shows public concerns only and never an exact point; the team's map
//! shows what each visitor may see; the capture form's map picks a point without saving.

use domain::boundary::{Boundary, GeoPoint};
use domain::map::{Frame, PICKER, VIEW};
use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use super::{COORDINATOR, OFFICER, get, hidden, post};

/// Points inside Wyckerpoort, far apart: one per sensitivity.
const PUBLIC: GeoPoint = GeoPoint {
    lat: 50.855_13,
    lon: 5.704_37,
};
const TEAM: GeoPoint = GeoPoint {
    lat: 50.860_21,
    lon: 5.702_93,
};
const POLICE: GeoPoint = GeoPoint {
    lat: 50.862_77,
    lon: 5.709_41,
};

/// A number as the SVG writes it.
fn n(v: f64) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

fn at(frame: &Frame, point: GeoPoint) -> String {
    let (x, y) = frame.to_view(point);
    format!("cx=\"{}\" cy=\"{}\"", n(x), n(y))
}

async fn wyckerpoort(app: &TestApp) -> Boundary {
    let conn = app.store().conn();
    let m = store::repo::places::find_municipality(conn, &"maastricht".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let id = store::repo::places::neighbourhoods_by_slug(conn, &"wyckerpoort".parse().unwrap())
        .await
        .unwrap()[0]
        .id;
    store::repo::boundaries::boundaries(conn, m)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.neighbourhood == id)
        .unwrap()
        .boundary
}

async fn note(app: &TestApp, client: &reqwest::Client, point: GeoPoint, sensitivity: &str) {
    let (_, _, form) = get(app, client, "/werk/wyckerpoort/nieuw").await;
    let (lat, lon) = (point.lat.to_string(), point.lon.to_string());
    let (status, _, page) = post(
        app,
        client,
        "/werk/wyckerpoort/nieuw",
        &[
            ("csrf", &csrf_of(&form)),
            ("client_id", &hidden(&form, "client_id")),
            ("category", "vandalism"),
            ("what", "Bankje vernield"),
            ("lat", &lat),
            ("lon", &lon),
            ("channel", "street-corner"),
            ("residents", "2"),
            ("sensitivity", sensitivity),
        ],
    )
    .await;
    assert_eq!(status, 303, "{page}");
}

/// The numbers in the table's "concerns" column, summed.
fn concerns_in_table(html: &str) -> u64 {
    html.split("</tr>")
        .filter(|row| row.contains("<th scope=\"row\">"))
        .map(|row| {
            let cells: Vec<&str> = row.split("<td class=\"num\">").collect();
            let cell = cells[cells.len() - 2];
            cell[..cell.find('<').unwrap()].parse::<u64>().unwrap()
        })
        .sum()
}

#[tokio::test]
async fn the_public_map_shows_public_concerns_at_their_street_or_grid_cell_only() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    for (point, sensitivity) in [(PUBLIC, "public"), (TEAM, "team"), (POLICE, "police")] {
        note(&app, &officer, point, sensitivity).await;
    }
    let boundary = wyckerpoort(&app).await;
    let frame = Frame::fit(&boundary, VIEW.0, VIEW.1);
    let grid = |p: GeoPoint| frame.projection().cell_centre(frame.projection().cell(p));

    let anonymous = app.session_client();
    let (status, _, neighbourhood) = get(&app, &anonymous, "/buurten/wyckerpoort").await;
    assert_eq!(status, 200);
    assert!(neighbourhood.contains("href=\"/buurten/wyckerpoort/kaart\""));
    let (status, _, map) = get(&app, &anonymous, "/buurten/wyckerpoort/kaart").await;
    assert_eq!(status, 200);
    assert!(map.contains("role=\"img\""));
    assert!(
        map.contains(&at(&frame, grid(PUBLIC))),
        "the public point, snapped"
    );
    for hidden in [PUBLIC, TEAM, POLICE] {
        assert!(!map.contains(&at(&frame, hidden)), "no exact point");
    }
    for withheld in [TEAM, POLICE] {
        assert!(!map.contains(&at(&frame, grid(withheld))), "not public");
    }
    assert!(!map.contains("Bankje vernield"), "never the text");
    // The table counts exactly the public concerns the neighbourhood page counts.
    let conn = app.store().conn();
    let place = store::repo::places::neighbourhoods_by_slug(conn, &"wyckerpoort".parse().unwrap())
        .await
        .unwrap()
        .remove(0);
    let public: u64 = store::repo::concerns::public_counts(conn, place.id)
        .await
        .unwrap()
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(concerns_in_table(&map), public);
    let markers = map.matches("class=\"map-marker\"").count();
    assert_eq!(
        markers,
        map.matches("<th scope=\"row\">").count(),
        "a row per marker"
    );

    let (status, _, _) = get(&app, &anonymous, "/buurten/nergens/kaart").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_team_map_shows_exact_points_to_whoever_may_see_them() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    for (point, sensitivity) in [(PUBLIC, "public"), (TEAM, "team"), (POLICE, "police")] {
        note(&app, &officer, point, sensitivity).await;
    }
    let frame = Frame::fit(&wyckerpoort(&app).await, VIEW.0, VIEW.1);
    let (_, _, list) = get(&app, &officer, "/werk/wyckerpoort").await;
    assert!(list.contains("href=\"/werk/wyckerpoort/kaart\""));
    let (status, _, police_map) = get(&app, &officer, "/werk/wyckerpoort/kaart").await;
    assert_eq!(status, 200);
    for point in [PUBLIC, TEAM, POLICE] {
        assert!(
            police_map.contains(&at(&frame, point)),
            "the police see all"
        );
    }
    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (status, _, map) = get(&app, &coordinator, "/werk/wyckerpoort/kaart").await;
    assert_eq!(status, 200);
    assert!(map.contains(&at(&frame, PUBLIC)) && map.contains(&at(&frame, TEAM)));
    assert!(
        !map.contains(&at(&frame, POLICE)),
        "police-only stays with the police"
    );
    // Filtered by the list's filters: only team-only concerns.
    let (_, _, team_only) = get(&app, &coordinator, "/werk/wyckerpoort/kaart?zichtbaar=team").await;
    assert!(team_only.contains(&at(&frame, TEAM)) && !team_only.contains(&at(&frame, PUBLIC)));
    let (status, to, _) = get(&app, &app.session_client(), "/werk/wyckerpoort/kaart").await;
    assert_eq!((status, to.starts_with("/inloggen")), (303, true));
}

async fn stored(app: &TestApp, client_id: &str) -> Option<store::repo::concerns::ConcernRecord> {
    let conn = app.store().conn();
    let m = store::repo::places::find_municipality(conn, &"maastricht".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    store::repo::concerns::by_client_id(conn, m, client_id)
        .await
        .unwrap()
}

fn click(frame: &Frame, point: GeoPoint) -> (String, String) {
    let (x, y) = frame.to_view(point);
    (format!("{}", x.round()), format!("{}", y.round()))
}

#[tokio::test]
async fn the_capture_form_picks_a_point_on_the_map_without_saving() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    let frame = Frame::fit(&wyckerpoort(&app).await, PICKER.0, PICKER.1);
    let (_, _, form) = get(&app, &officer, "/werk/wyckerpoort/nieuw").await;
    assert!(
        form.contains("type=\"image\" id=\"concern-lat\" name=\"kaart\" src=\"data:image/svg+xml,")
    );
    let token = csrf_of(&form);
    let client_id = hidden(&form, "client_id");
    let (x, y) = click(&frame, PUBLIC);
    let typed = |extra: &[(&'static str, String)]| {
        let mut fields: Vec<(&str, String)> = vec![
            ("csrf", token.clone()),
            ("client_id", client_id.clone()),
            ("category", "litter".into()),
            ("what", "Vuilniszakken <b>naast</b> de container".into()),
            ("channel", "home-visit".into()),
            ("residents", "3".into()),
            ("sensitivity", "public".into()),
        ];
        fields.extend(extra.iter().cloned());
        fields
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let officer = officer.clone();
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(app, &officer, "/werk/wyckerpoort/nieuw", &fields).await
        }
    };
    let before = stored(&app, &client_id).await;
    assert!(before.is_none());

    // A click: the form again, everything kept, the point in hidden fields; nothing saved.
    let (status, _, page) = send(typed(&[("kaart.x", x.clone()), ("kaart.y", y.clone())])).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Vuilniszakken &#60;b&#62;naast"));
    let lat: f64 = hidden(&page, "lat").parse().unwrap();
    let lon: f64 = hidden(&page, "lon").parse().unwrap();
    let picked = GeoPoint { lat, lon };
    assert!(
        domain::map::distance(frame.projection(), picked, PUBLIC) < 15.0,
        "{picked:?}"
    );
    assert!(page.contains("name=\"kaart_weg\""));
    assert_eq!(hidden(&page, "client_id"), client_id);

    // Outside the neighbourhood, forged, or by keyboard: a message, everything kept.
    for ((x, y), message) in [
        (("2", "2"), "Deze plek ligt buiten de buurt."),
        (("abc", "1e999"), "Klik op de kaart, binnen de buurt."),
        (("99999", "5"), "Klik op de kaart, binnen de buurt."),
        (("0", "0"), "Met het toetsenbord kunt u geen plek"),
    ] {
        let (status, _, page) = send(typed(&[
            ("lat", lat.to_string()),
            ("lon", lon.to_string()),
            ("kaart.x", x.into()),
            ("kaart.y", y.into()),
        ]))
        .await;
        assert_eq!(status, 422, "{x},{y}");
        assert!(page.contains(message), "{x},{y}: {message}");
        assert!(page.contains("Vuilniszakken &#60;b&#62;naast"));
        assert_eq!(
            hidden(&page, "lat"),
            lat.to_string(),
            "the point chosen before stays"
        );
    }

    // Removing the point.
    let (status, _, page) = send(typed(&[
        ("lat", lat.to_string()),
        ("lon", lon.to_string()),
        ("kaart_weg", "1".into()),
    ]))
    .await;
    assert_eq!(status, 200);
    assert_eq!(hidden(&page, "lat"), "");

    // A forged point at saving: the form's own message.
    let (status, _, page) = send(typed(&[("lat", "999".into()), ("lon", "5.7".into())])).await;
    assert_eq!(status, 422);
    assert!(page.contains("Deze plek op de kaart klopt niet."));

    // Saving with the point.
    let (status, to, _) = send(typed(&[("lat", lat.to_string()), ("lon", lon.to_string())])).await;
    assert_eq!(status, 303, "{to}");
    let stored = stored(&app, &client_id).await.unwrap();
    assert_eq!((stored.latitude, stored.longitude), (Some(lat), Some(lon)));
}
