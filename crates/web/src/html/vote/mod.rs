//! The public side of the neighbourhood meeting: voting by phone (`/stemmen`), the
//! projector in the hall, and the meeting page, priorities and calendar file of a
//! neighbourhood. The staff's meeting pages live elsewhere.

pub mod phone;
pub mod public;
pub mod screen;

use crate::Route;

/// The routes of this area (listed in `crate::route_table`).
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/stemmen", phone::show).and_post(phone::cast),
        Route::get("/stemmen/bedankt", phone::thanks),
        Route::get("/werk/{team}/bijeenkomst/scherm", screen::show),
        Route::get("/werk/{team}/bijeenkomst/scherm/stand", screen::stand_part),
        Route::get("/buurten/{slug}/bijeenkomst", public::meeting),
        Route::get("/buurten/{slug}/bijeenkomst.ics", public::calendar),
        Route::get("/buurten/{slug}/prioriteiten", public::priorities),
    ]
}
