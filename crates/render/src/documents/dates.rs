//! Meeting dates and times as printed on paper: "dinsdag 16 november 2010, van 19.30 tot
//! 21.30 uur" and "Tuesday 16 November 2010, 7.30 pm to 9.30 pm". The sentence around the
//! parts comes from the catalogue; day and month names from `local_time` and the lists here.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use domain::Locale;

use crate::I18n;
use crate::local_time;

fn weekday(locale: Locale, day: Weekday) -> &'static str {
    const NL: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let index = day.num_days_from_monday() as usize;
    match locale {
        Locale::Nl => NL[index],
        Locale::En => EN[index],
    }
}

/// The day with its weekday: "dinsdag 16 november 2010" / "Tuesday 16 November 2010".
pub fn day(locale: Locale, at: NaiveDateTime) -> String {
    format!(
        "{} {}",
        weekday(locale, at.weekday()),
        local_time::day(locale, at.date())
    )
}

/// A clock time: "19.30" (Dutch, 24 hours) or "7.30 pm" (English, 12 hours; noon is
/// "12.00 pm", midnight "12.00 am").
pub fn time(locale: Locale, at: NaiveDateTime) -> String {
    match locale {
        Locale::Nl => format!("{}.{:02}", at.hour(), at.minute()),
        Locale::En => {
            let (pm, hour) = at.hour12();
            let half = if pm { "pm" } else { "am" };
            format!("{hour}.{:02} {half}", at.minute())
        }
    }
}

/// Day and times of a meeting in one phrase, as the letters and poster print it.
pub fn meeting(locale: Locale, starts: NaiveDateTime, ends: NaiveDateTime) -> String {
    I18n::new(locale).tn(
        "doc-when",
        &[
            ("day", &day(locale, starts)),
            ("from", &time(locale, starts)),
            ("to", &time(locale, ends)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn dutch_meeting_phrase() {
        assert_eq!(
            meeting(
                Locale::Nl,
                at(2010, 11, 16, 19, 30),
                at(2010, 11, 16, 21, 30)
            ),
            "dinsdag 16 november 2010, van 19.30 tot 21.30 uur"
        );
        assert_eq!(
            meeting(Locale::Nl, at(2026, 3, 1, 9, 5), at(2026, 3, 1, 10, 0)),
            "zondag 1 maart 2026, van 9.05 tot 10.00 uur"
        );
    }

    #[test]
    fn english_meeting_phrase() {
        assert_eq!(
            meeting(
                Locale::En,
                at(2010, 11, 16, 19, 30),
                at(2010, 11, 16, 21, 30)
            ),
            "Tuesday 16 November 2010, 7.30 pm to 9.30 pm"
        );
    }

    #[test]
    fn english_noon_and_midnight() {
        assert_eq!(time(Locale::En, at(2026, 6, 1, 12, 0)), "12.00 pm");
        assert_eq!(time(Locale::En, at(2026, 6, 1, 0, 15)), "12.15 am");
        assert_eq!(time(Locale::En, at(2026, 6, 1, 11, 59)), "11.59 am");
    }

    #[test]
    fn every_weekday_is_named() {
        // 5 to 11 January 2026 is Monday to Sunday.
        let names: Vec<String> = (5..=11)
            .map(|d| day(Locale::Nl, at(2026, 1, d, 12, 0)))
            .collect();
        assert_eq!(names[0], "maandag 5 januari 2026");
        assert_eq!(names[6], "zondag 11 januari 2026");
        assert_eq!(
            day(Locale::En, at(2026, 1, 10, 12, 0)),
            "Saturday 10 January 2026"
        );
    }
}
