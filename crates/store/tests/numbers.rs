//! Numbers at the store's edge are checked both ways: a count too large for its column is
//! refused (nothing written), and a column holding what its reader cannot take (a negative
//! count) is refused too, never clamped to the largest value or to zero.

use chrono::{Duration, Utc};
use domain::meeting::MeetingState;
use domain::tally::Settings;
use sea_orm::ConnectionTrait;
use store::DbError;
use store::repo::meetings::{self, Place, Published};
use store::repo::{cycles, places, teams};
use testkit::TestDb;

#[tokio::test]
async fn a_count_out_of_range_is_refused_going_in_and_coming_out() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let conn = store.conn();
    let now = Utc::now();
    let m = places::ensure_municipality(conn, &"testdorp".parse().unwrap(), "Testdorp", None, now)
        .await
        .unwrap();
    let team = teams::ensure_team(conn, m, &"t".parse().unwrap(), "Team T")
        .await
        .unwrap();
    let today = now.date_naive();
    let cycle = cycles::create(conn, m, team, 1, today, today + Duration::days(55), now)
        .await
        .unwrap();
    let place = Place {
        starts_at: now,
        ends_at: now + Duration::hours(2),
        venue: "Buurthuis".into(),
        venue_address: "Plein 1".into(),
        accessibility: String::new(),
    };
    let id = meetings::create(conn, m, team, cycle.id, &place, &Settings::default(), now)
        .await
        .unwrap();

    // Going in: more attendees than the column holds.
    let published = Published {
        by: domain::UserId(1),
        attendees: u32::MAX,
        phone_voters: 0,
        stickers_used: 0,
        export_hash: String::new(),
        chair_reason: None,
    };
    let err = meetings::publish(conn, id, &published, now)
        .await
        .unwrap_err();
    assert!(matches!(err, DbError::OutOfRange(_)), "{err:?}");
    assert!(err.to_string().contains("attendees"), "{err}");
    let stored = meetings::get(conn, id).await.unwrap().unwrap();
    assert_eq!(stored.state, MeetingState::Planned, "nothing written");
    assert_eq!(stored.attendees, None);

    // Coming out: a negative sticker count is no number of stickers.
    conn.execute_unprepared(&format!("UPDATE meeting SET stickers = -1 WHERE id = {id}"))
        .await
        .unwrap();
    let err = meetings::get(conn, id).await.unwrap_err();
    assert!(matches!(err, DbError::OutOfRange(_)), "{err:?}");
    assert!(err.to_string().contains("stickers"), "{err}");
    db.cleanup().await;
}
