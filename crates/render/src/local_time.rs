//! Moments shown as people in the Netherlands read them: Europe/Amsterdam time (CET, and
//! CEST from the last Sunday of March to the last Sunday of October, switching at 01:00 UTC
//! as in the whole EU), with the month written out.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc, Weekday};
use domain::Locale;

/// The last Sunday of `month` in `year`, at 01:00 UTC: when EU summer time starts or ends.
fn switch_moment(year: i32, month: u32) -> NaiveDateTime {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or_default();
    let mut day = first_of_next - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day.and_hms_opt(1, 0, 0).unwrap_or_default()
}

/// The wall-clock time in Amsterdam at the moment `at`.
pub fn amsterdam(at: DateTime<Utc>) -> NaiveDateTime {
    let utc = at.naive_utc();
    let summer = utc >= switch_moment(at.year(), 3) && utc < switch_moment(at.year(), 10);
    utc + Duration::hours(if summer { 2 } else { 1 })
}

/// The moment at which Amsterdam's clocks show `local`. In the hour the clocks go back it
/// takes the earlier moment (summer time); a time that does not exist (the hour skipped in
/// spring) is read as winter time.
pub fn from_amsterdam(local: NaiveDateTime) -> DateTime<Utc> {
    [2, 1]
        .into_iter()
        .map(|hours| local - Duration::hours(hours))
        .map(|utc| DateTime::<Utc>::from_naive_utc_and_offset(utc, Utc))
        .find(|at| amsterdam(*at) == local)
        .unwrap_or_else(|| {
            DateTime::<Utc>::from_naive_utc_and_offset(local - Duration::hours(1), Utc)
        })
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Date and time: `28 november 2026, 14:05` (Dutch) or `28 November 2026, 14:05` (English).
pub fn date_time(locale: Locale, at: DateTime<Utc>) -> String {
    let local = amsterdam(at);
    let months = match locale {
        Locale::Nl => &MONTHS_NL,
        Locale::En => &MONTHS_EN,
    };
    let month = months[local.month0() as usize];
    format!(
        "{} {month} {}, {:02}:{:02}",
        local.day(),
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// A calendar day: `28 november 2026` (Dutch) or `28 November 2026` (English).
pub fn day(locale: Locale, day: chrono::NaiveDate) -> String {
    let months = match locale {
        Locale::Nl => &MONTHS_NL,
        Locale::En => &MONTHS_EN,
    };
    format!(
        "{} {} {}",
        day.day(),
        months[day.month0() as usize],
        day.year()
    )
}

/// The day of moment `at` in the Netherlands, as `day` writes it.
pub fn date(locale: Locale, at: DateTime<Utc>) -> String {
    day(locale, amsterdam(at).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn from_amsterdam_inverts_amsterdam() {
        for at in [
            "2010-11-16T18:30:00Z",
            "2026-07-01T17:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-03-29T01:30:00Z",
        ] {
            assert_eq!(from_amsterdam(amsterdam(utc(at))), utc(at), "{at}");
        }
    }

    #[test]
    fn days_without_time() {
        assert_eq!(
            date(Locale::Nl, utc("2026-12-31T23:30:00Z")),
            "1 januari 2027"
        );
        let d = chrono::NaiveDate::from_ymd_opt(2011, 4, 5).unwrap();
        assert_eq!(day(Locale::En, d), "5 April 2011");
    }

    #[test]
    fn winter_and_summer_time() {
        assert_eq!(
            date_time(Locale::Nl, utc("2026-11-28T13:05:00Z")),
            "28 november 2026, 14:05"
        );
        assert_eq!(
            date_time(Locale::En, utc("2026-07-01T22:30:00Z")),
            "2 July 2026, 00:30"
        );
    }

    #[test]
    fn switches_on_the_last_sundays_of_march_and_october_at_one_utc() {
        // 2026: summer time from 29 March, back on 25 October.
        assert_eq!(amsterdam(utc("2026-03-29T00:59:00Z")).hour(), 1);
        assert_eq!(amsterdam(utc("2026-03-29T01:00:00Z")).hour(), 3);
        assert_eq!(amsterdam(utc("2026-10-25T00:59:00Z")).hour(), 2);
        assert_eq!(amsterdam(utc("2026-10-25T01:00:00Z")).hour(), 2);
        assert_eq!(amsterdam(utc("2026-10-25T01:00:00Z")).minute(), 0);
    }
}
