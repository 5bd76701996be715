//! Maps in Chromium: the public map and the team's map through axe in both languages and on
//! a 320 px phone; the capture form's point picked by a real click on the map (no script
//! needed for it), an error state, and the concern saved with its point.

use serde_json::json;
use testkit::Browser;
use testkit::thirtyfour::prelude::*;

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";

#[tokio::test]
async fn the_public_and_team_maps_are_accessible_in_both_languages() {
    let app = super::app().await;
    let browser = Browser::start().await;
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!(
                "/lang/{tag}?next=%2Fbuurten%2Fwyckerpoort%2Fkaart"
            )))
            .await;
        let markers = browser
            .eval("return document.querySelectorAll('svg .map-marker').length")
            .await;
        let rows = browser
            .eval("return document.querySelectorAll('.map-table tbody tr').length")
            .await;
        assert!(
            markers.as_i64().unwrap() > 0,
            "the demo has public concerns"
        );
        assert_eq!(markers, rows, "a row per marker");
        browser
            .assert_accessible(&format!("public map ({tag})"))
            .await;
        browser.resize(320, 800).await;
        super::no_sideways_scroll(&browser, "public map at 320 px").await;
        browser.resize(1280, 900).await;
    }
    super::sign_in(&browser, &app, OFFICER).await;
    for tag in ["nl", "en"] {
        browser
            .goto(&app.url(&format!("/lang/{tag}?next=%2Fwerk%2Fwyckerpoort%2Fkaart")))
            .await;
        browser
            .assert_accessible(&format!("team map ({tag})"))
            .await;
        browser.resize(320, 800).await;
        super::no_sideways_scroll(&browser, "team map at 320 px").await;
        browser.resize(1280, 900).await;
    }
    browser.quit().await;
}

/// The frame of Wyckerpoort's point picker.
async fn picker_frame(app: &testkit::TestApp) -> domain::map::Frame {
    let conn = app.store().conn();
    let m = store::repo::places::find_municipality(conn, &"maastricht".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let id = store::repo::places::neighbourhoods_by_slug(conn, &"wyckerpoort".parse().unwrap())
        .await
        .unwrap()[0]
        .id;
    let boundary = store::repo::boundaries::boundaries(conn, m)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.neighbourhood == id)
        .unwrap()
        .boundary;
    let (width, height) = domain::map::PICKER;
    domain::map::Frame::fit(&boundary, width, height)
}

/// Clicks the map `dx`, `dy` pixels from its middle, as a mouse does.
async fn click_map(browser: &Browser, dx: i64, dy: i64) {
    let map = browser.driver.find(By::Id("concern-lat")).await.unwrap();
    browser
        .driver
        .action_chain()
        .move_to_element_with_offset(&map, dx, dy)
        .click()
        .perform()
        .await
        .unwrap();
}

/// The value of the form's field `name`.
async fn field(browser: &Browser, name: &str) -> String {
    let value = browser
        .eval(&format!(
            "return document.querySelector('input[name={name}]').value"
        ))
        .await;
    value.as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_point_is_clicked_on_the_map_and_saved_with_the_concern() {
    let app = super::app().await;
    let browser = Browser::start().await;
    browser.resize(320, 800).await;
    super::sign_in(&browser, &app, OFFICER).await;
    browser
        .goto(&app.url("/lang/nl?next=%2Fwerk%2Fwyckerpoort%2Fnieuw"))
        .await;
    super::no_sideways_scroll(&browser, "capture form with its map at 320 px").await;
    browser
        .type_into("concern-what", "Kapotte lantaarnpaal <i>bij</i> het hek")
        .await;
    browser
        .driver
        .find(By::Id("concern-category"))
        .await
        .unwrap()
        .send_keys(Key::Down)
        .await
        .unwrap();

    // Near the picture's top left corner: outside the neighbourhood. The form comes back
    // with a message and everything typed.
    let map = browser.driver.find(By::Id("concern-lat")).await.unwrap();
    let size = map.rect().await.unwrap();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a picture's size in pixels"
    )]
    let (dx, dy) = (
        (size.width / 2.0) as i64 - 3,
        (size.height / 2.0) as i64 - 3,
    );
    click_map(&browser, -dx, -dy).await;
    browser
        .wait_until(
            "return document.getElementById('concern-lat-error') !== null",
            "the message for a point outside",
        )
        .await;
    browser
        .assert_form_errors("capture form with a point outside")
        .await;
    let what = browser
        .eval("return document.getElementById('concern-what').value")
        .await;
    assert_eq!(what, json!("Kapotte lantaarnpaal <i>bij</i> het hek"));

    // Right of and below the middle lies inside: the point is chosen, nothing saved yet.
    let frame = picker_frame(&app).await;
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a picture's size in pixels"
    )]
    let (qx, qy) = ((frame.width / 4.0) as i64, (frame.height / 4.0) as i64);
    click_map(&browser, qx, qy).await;
    browser
        .wait_until(
            "return document.querySelector('input[name=lat]').value !== ''",
            "the point chosen",
        )
        .await;
    assert!(
        browser
            .driver
            .find(By::Css("button[name=kaart_weg]"))
            .await
            .is_ok()
    );
    browser.assert_accessible("capture form with a point").await;
    let (lat, lon) = (field(&browser, "lat").await, field(&browser, "lon").await);
    // The click landed where it was aimed: the picture is shown at its own size.
    #[expect(clippy::cast_precision_loss, reason = "a picture's size in pixels")]
    let aimed = frame
        .from_view(
            frame.width / 2.0 + qx as f64,
            frame.height / 2.0 + qy as f64,
        )
        .unwrap();
    let picked = domain::boundary::GeoPoint {
        lat: lat.parse().unwrap(),
        lon: lon.parse().unwrap(),
    };
    let off = domain::map::distance(frame.projection(), picked, aimed);
    assert!(off < 20.0, "{off} m from where the click aimed");

    // Saved with the form's own button (capture.js sends it and says so).
    let client_id = field(&browser, "client_id").await;
    browser.click("form.capture > button[type=submit]").await;
    browser
        .wait_for_text(".notice", "Opgeslagen met kenmerk")
        .await;
    let conn = app.store().conn();
    let m = store::repo::places::find_municipality(conn, &"maastricht".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let stored = store::repo::concerns::by_client_id(conn, m, &client_id)
        .await
        .unwrap()
        .expect("the concern is saved");
    assert_eq!(stored.latitude.map(|l| l.to_string()), Some(lat));
    assert!(stored.longitude.is_some());
    browser.quit().await;
}
