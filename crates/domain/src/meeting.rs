//! The cycle calendar and the meeting around the vote: a team's settings as typed and
//! checked, the default calendar of a cycle, a meeting's plan (when, where, how accessible)
//! and the states a meeting goes through. The vote itself is in [`crate::tally`].

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::inventory::FieldProblem;
use crate::tally::{Settings, TieRule};

coded_enum! {
    /// Where a meeting is: planned (the ballot can still change), open (ballot frozen, votes
    /// come in), closed (no more votes; counts are confirmed and the result prepared), and
    /// published (the result is public and the next cycle has started).
    pub enum MeetingState as "meeting state" {
        /// Planned; the long list can still change.
        Planned => "planned",
        /// The ballot is frozen and votes are taken.
        Open => "open",
        /// Voting closed by the chair.
        Closed => "closed",
        /// The result is published.
        Published => "published",
    }
}

/// Longest cycle a team may set, in weeks.
pub const MAX_WEEKS: u32 = 26;
/// Most stickers per attendee.
pub const MAX_STICKERS: u32 = 10;
/// Most priorities per meeting.
pub const MAX_PRIORITIES: u32 = 10;
/// Longest venue name, address or accessibility note, in characters.
pub const MAX_PLACE: usize = 500;

/// A team's settings: its cycle length and its vote settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TeamSettings {
    /// Length of a cycle in weeks (default 8).
    pub weeks: u32,
    /// The vote.
    pub vote: Settings,
}

impl Default for TeamSettings {
    fn default() -> Self {
        TeamSettings {
            weeks: 8,
            vote: Settings::default(),
        }
    }
}

/// The settings form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsInput {
    /// Weeks per cycle.
    pub weeks: String,
    /// Stickers per attendee.
    pub stickers: String,
    /// Number of priorities.
    pub priorities: String,
    /// "on" when one person may put several stickers on one item.
    pub stack: String,
    /// `all-tied` or `chair-decides`.
    pub ties: String,
}

impl SettingsInput {
    /// The form filled in with `settings`.
    pub fn from_settings(settings: &TeamSettings) -> Self {
        SettingsInput {
            weeks: settings.weeks.to_string(),
            stickers: settings.vote.stickers.to_string(),
            priorities: settings.vote.priorities.to_string(),
            stack: if settings.vote.stack { "on" } else { "" }.to_owned(),
            ties: settings.vote.ties.code().to_owned(),
        }
    }

    /// The settings, or every wrong field with its message key.
    pub fn check(&self) -> Result<TeamSettings, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut whole = |field: &'static str, value: &str, max: u32, key: &'static str| match value
            .trim()
            .parse::<u32>()
        {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                problems.push((field, key));
                0
            }
        };
        let weeks = whole("weeks", &self.weeks, MAX_WEEKS, "error-settings-weeks");
        let stickers = whole(
            "stickers",
            &self.stickers,
            MAX_STICKERS,
            "error-settings-stickers",
        );
        let priorities = whole(
            "priorities",
            &self.priorities,
            MAX_PRIORITIES,
            "error-settings-priorities",
        );
        let ties = self.ties.trim().parse::<TieRule>().ok();
        if ties.is_none() {
            problems.push(("ties", "error-settings-ties"));
        }
        match (problems.is_empty(), ties) {
            (true, Some(ties)) => Ok(TeamSettings {
                weeks,
                vote: Settings {
                    stickers,
                    priorities,
                    stack: !self.stack.trim().is_empty(),
                    ties,
                },
            }),
            _ => Err(problems),
        }
    }
}

/// A cycle's calendar: the inventory runs from `starts_on` to `inventory_ends_on`, the
/// meeting is on `meeting_on`, the cycle ends on `ends_on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day of the inventory (the ballot is prepared after it).
    pub inventory_ends_on: NaiveDate,
    /// The meeting's day.
    pub meeting_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
}

impl Calendar {
    /// The default calendar of a cycle of `weeks` weeks from `starts_on`: the meeting in the
    /// last week (a week before the end), the inventory closing two weeks before the meeting
    /// so that the letters reach every household in time. A one-week cycle collapses onto
    /// its days.
    pub fn default_for(starts_on: NaiveDate, weeks: u32) -> Calendar {
        let days = i64::from(weeks.max(1)) * 7;
        let ends_on = starts_on + Duration::days(days - 1);
        let meeting_on = (ends_on - Duration::days(6)).max(starts_on);
        let inventory_ends_on = (meeting_on - Duration::days(14)).max(starts_on);
        Calendar {
            starts_on,
            inventory_ends_on,
            meeting_on,
            ends_on,
        }
    }

    /// Whether the days are in order: start, end of inventory, meeting, end.
    pub fn in_order(&self) -> bool {
        self.starts_on <= self.inventory_ends_on
            && self.inventory_ends_on <= self.meeting_on
            && self.meeting_on <= self.ends_on
    }
}

/// The meeting form as typed: the day, the times, the place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanInput {
    /// The meeting's day, `YYYY-MM-DD`.
    pub day: String,
    /// Start, `HH:MM`.
    pub starts: String,
    /// End, `HH:MM`.
    pub ends: String,
    /// Venue name.
    pub venue: String,
    /// Venue address.
    pub venue_address: String,
    /// How accessible the venue is (step-free, hearing loop, ...).
    pub accessibility: String,
    /// First day of the cycle, `YYYY-MM-DD`.
    pub cycle_starts: String,
    /// Last day of the inventory, `YYYY-MM-DD`.
    pub inventory_ends: String,
    /// Last day of the cycle, `YYYY-MM-DD`.
    pub cycle_ends: String,
}

/// A checked meeting plan, in local (Dutch) time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Start.
    pub starts: NaiveDateTime,
    /// End.
    pub ends: NaiveDateTime,
    /// Venue.
    pub venue: String,
    /// Venue address.
    pub venue_address: String,
    /// Accessibility.
    pub accessibility: String,
    /// The cycle's calendar (its meeting day is the meeting's).
    pub calendar: Calendar,
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

impl PlanInput {
    /// The form filled in for a cycle with `calendar` and, if planned, its meeting.
    pub fn from_plan(calendar: &Calendar, plan: Option<&Plan>) -> Self {
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let time = |t: NaiveDateTime| t.format("%H:%M").to_string();
        PlanInput {
            day: day(calendar.meeting_on),
            starts: plan.map_or_else(|| "19:30".into(), |p| time(p.starts)),
            ends: plan.map_or_else(|| "21:30".into(), |p| time(p.ends)),
            venue: plan.map(|p| p.venue.clone()).unwrap_or_default(),
            venue_address: plan.map(|p| p.venue_address.clone()).unwrap_or_default(),
            accessibility: plan.map(|p| p.accessibility.clone()).unwrap_or_default(),
            cycle_starts: day(calendar.starts_on),
            inventory_ends: day(calendar.inventory_ends_on),
            cycle_ends: day(calendar.ends_on),
        }
    }

    /// The plan, or every wrong field. The calendar must be in order: start, end of
    /// inventory, meeting, end.
    pub fn check(&self) -> Result<Plan, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let cycle_starts = parse_day(&self.cycle_starts);
        if cycle_starts.is_none() {
            problems.push(("cycle_starts", "error-meeting-date"));
        }
        let day = parse_day(&self.day);
        match (day, cycle_starts) {
            (None, _) => problems.push(("day", "error-meeting-date")),
            (Some(d), Some(start)) if d < start => {
                problems.push(("day", "error-meeting-day-early"));
            }
            _ => {}
        }
        let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
        let starts = time(&self.starts);
        if starts.is_none() {
            problems.push(("starts", "error-meeting-time"));
        }
        let ends = time(&self.ends);
        match (starts, ends) {
            (_, None) => problems.push(("ends", "error-meeting-time")),
            (Some(s), Some(e)) if e <= s => problems.push(("ends", "error-meeting-ends")),
            _ => {}
        }
        let text = |value: &str, field: &'static str, required: bool, problems: &mut Vec<_>| {
            let value = value.trim().to_owned();
            if !crate::text::is_clean_line(&value) {
                problems.push((field, crate::text::CONTROL_CHARACTERS));
            } else if required && value.is_empty() {
                problems.push((field, "error-meeting-required"));
            } else if value.chars().count() > MAX_PLACE {
                problems.push((field, "error-meeting-too-long"));
            }
            value
        };
        let venue = text(&self.venue, "venue", true, &mut problems);
        let venue_address = text(&self.venue_address, "venue_address", true, &mut problems);
        let accessibility = text(&self.accessibility, "accessibility", false, &mut problems);
        let inventory_ends_on = parse_day(&self.inventory_ends).filter(|d| {
            cycle_starts.is_none_or(|start| *d >= start) && day.is_none_or(|day| *d <= day)
        });
        if inventory_ends_on.is_none() {
            problems.push(("inventory_ends", "error-meeting-inventory-ends"));
        }
        let ends_on = parse_day(&self.cycle_ends).filter(|d| day.is_none_or(|day| *d >= day));
        if ends_on.is_none() {
            problems.push(("cycle_ends", "error-meeting-cycle-ends"));
        }
        match (day, starts, ends, cycle_starts, inventory_ends_on, ends_on) {
            (
                Some(day),
                Some(s),
                Some(e),
                Some(starts_on),
                Some(inventory_ends_on),
                Some(ends_on),
            ) if problems.is_empty() => Ok(Plan {
                starts: day.and_time(s),
                ends: day.and_time(e),
                venue,
                venue_address,
                accessibility,
                calendar: Calendar {
                    starts_on,
                    inventory_ends_on,
                    meeting_on: day,
                    ends_on,
                },
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn settings_round_trip_and_refusals() {
        let defaults = TeamSettings::default();
        assert_eq!(
            SettingsInput::from_settings(&defaults).check(),
            Ok(defaults)
        );
        let wrong = SettingsInput {
            weeks: "0".into(),
            stickers: "eleven".into(),
            priorities: "11".into(),
            stack: String::new(),
            ties: "coin".into(),
        };
        let fields: Vec<_> = wrong
            .check()
            .unwrap_err()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(fields, ["weeks", "stickers", "priorities", "ties"]);
    }

    #[test]
    fn plan_checks_every_field() {
        let calendar = Calendar::default_for(day("2010-11-01"), 8);
        let plan = PlanInput {
            venue: "Buurtcentrum".into(),
            venue_address: "Hoofdstraat 1".into(),
            ..PlanInput::from_plan(&calendar, None)
        };
        let checked = plan.check().unwrap();
        assert_eq!(checked.starts.to_string(), "2010-12-20 19:30:00");
        assert_eq!(checked.calendar, calendar);
        assert_eq!(PlanInput::from_plan(&calendar, Some(&checked)), plan);
        let wrong = PlanInput {
            day: "2010-10-01".into(),
            ends: "18:00".into(),
            venue: " ".into(),
            inventory_ends: "2011-01-01".into(),
            cycle_ends: "2010-09-01".into(),
            ..plan
        };
        let fields: Vec<_> = wrong
            .check()
            .unwrap_err()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(
            fields,
            ["day", "ends", "venue", "inventory_ends", "cycle_ends"]
        );
    }

    proptest! {
        #[test]
        fn default_calendar_is_in_order_and_as_long_as_set(offset in 0i64..20_000, weeks in 1u32..=MAX_WEEKS) {
            let start = day("2000-01-03") + Duration::days(offset);
            let calendar = Calendar::default_for(start, weeks);
            prop_assert!(calendar.in_order());
            prop_assert_eq!((calendar.ends_on - calendar.starts_on).num_days() + 1, i64::from(weeks) * 7);
        }
    }
}
