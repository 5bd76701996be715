//! The inventory: what residents worry about, how it reached the team, where and when it
//! happens, and who may see it. Also the outreach that goes looking for it.
//!
//! A concern as typed (`ConcernInput`, strings as a form sends them) becomes a
//! `ConcernDraft` only through `ConcernInput::check`, which names every wrong field at once,
//! so that a form can show all its messages together and keep everything typed.

/// A wrong field: its name and the catalogue key of the message.
pub type FieldProblem = (&'static str, &'static str);

coded_enum! {
    /// How a concern reached the team.
    pub enum Channel as "channel" {
        /// A street-corner meeting (straathoekgesprek).
        StreetCorner => "street-corner",
        /// A home visit (huisbezoek).
        HomeVisit => "home-visit",
        /// An interview at a community centre or shop.
        Interview => "interview",
        /// A form filled in face to face.
        Form => "form",
        /// A phone call.
        Phone => "phone",
        /// The public report form on the web.
        Web => "web",
        /// A meeting (the neighbourhood meeting, a residents' platform).
        Meeting => "meeting",
        /// Anything else.
        Other => "other",
    }
}

coded_enum! {
    /// Who may see a concern. Public concerns show on public pages (without personal data
    /// and without an exact location); team-only ones only to those who may see the team's
    /// work; police-restricted ones only to police staff among those.
    pub enum Sensitivity as "sensitivity" {
        /// May be shown to residents.
        Public => "public",
        /// For the team and those who oversee it.
        Team => "team",
        /// For police staff only (information about people, ongoing investigations).
        Police => "police",
    }
}

coded_enum! {
    /// Where a concern stands, as the resident's status page says it.
    pub enum ConcernStatus as "concern-status" {
        /// Received; the team has not looked at it together yet.
        New => "new",
        /// On the long list for the next neighbourhood meeting.
        OnAgenda => "on-agenda",
        /// Chosen as a priority: the team is working on it.
        Priority => "priority",
        /// Dealt with.
        Handled => "handled",
        /// Closed without being taken up (with the reason on the agenda item).
        Closed => "closed",
    }
}

coded_enum! {
    /// A part of the day when a nuisance happens.
    pub enum DayPart as "day-part" {
        /// 06:00-12:00.
        Morning => "morning",
        /// 12:00-18:00.
        Afternoon => "afternoon",
        /// 18:00-24:00.
        Evening => "evening",
        /// 00:00-06:00.
        Night => "night",
    }
}

coded_enum! {
    /// A day of the week, Monday first as in the Netherlands.
    pub enum Weekday as "weekday" {
        /// Maandag.
        Monday => "mon",
        /// Dinsdag.
        Tuesday => "tue",
        /// Woensdag.
        Wednesday => "wed",
        /// Donderdag.
        Thursday => "thu",
        /// Vrijdag.
        Friday => "fri",
        /// Zaterdag.
        Saturday => "sat",
        /// Zondag.
        Sunday => "sun",
    }
}

coded_enum! {
    /// The kind of an outreach activity: how the team went out to hear residents.
    pub enum OutreachKind as "outreach-kind" {
        /// A street-corner meeting.
        StreetCorner => "street-corner",
        /// Door to door.
        HomeVisits => "home-visits",
        /// Interviews at a community centre or shopping centre.
        Interviews => "interviews",
        /// A meeting with residents.
        Meeting => "meeting",
        /// Anything else.
        Other => "other",
    }
}

/// The themes the report found, seeded as every municipality's first category list (codes;
/// names come from the catalogue). Coordinators may add their own later.
pub const DEFAULT_CATEGORIES: [&str; 13] = [
    "drug-nuisance",
    "drug-dealing",
    "parking",
    "burglary",
    "youth-nuisance",
    "speeding",
    "dog-fouling",
    "litter",
    "neighbour-nuisance",
    "antisocial-behaviour",
    "vandalism",
    "street-lighting",
    "other",
];

/// A set of values of a small coded enum, stored as one integer (a bit per value, in the
/// order of `ALL`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BitSet<T> {
    bits: u8,
    kind: std::marker::PhantomData<T>,
}

/// Days of the week.
pub type Weekdays = BitSet<Weekday>;
/// Parts of the day.
pub type DayParts = BitSet<DayPart>;

/// What `BitSet` needs of a coded enum.
pub trait Small: Copy + PartialEq + 'static {
    /// Every value, in a fixed order (at most 8).
    fn all() -> &'static [Self];
}

impl Small for Weekday {
    fn all() -> &'static [Self] {
        &Weekday::ALL
    }
}

impl Small for DayPart {
    fn all() -> &'static [Self] {
        &DayPart::ALL
    }
}

impl<T: Small> BitSet<T> {
    /// The set stored as `bits`; bits beyond the enum are dropped.
    pub fn from_bits(bits: i64) -> Self {
        let mask = (1u16 << T::all().len()) - 1;
        BitSet {
            bits: u8::try_from(i64::from(mask) & bits).unwrap_or(0),
            kind: std::marker::PhantomData,
        }
    }

    /// The stored form.
    pub fn bits(self) -> i64 {
        i64::from(self.bits)
    }

    fn bit(value: T) -> u8 {
        let index = T::all().iter().position(|v| *v == value).unwrap_or(0);
        1 << index
    }

    /// Adds `value`.
    #[must_use]
    pub fn with(mut self, value: T) -> Self {
        self.bits |= Self::bit(value);
        self
    }

    /// Whether `value` is in the set.
    pub fn contains(self, value: T) -> bool {
        self.bits & Self::bit(value) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The values in the set, in enum order.
    pub fn iter(self) -> impl Iterator<Item = T> {
        T::all().iter().copied().filter(move |v| self.contains(*v))
    }
}

impl<T: Small> FromIterator<T> for BitSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        iter.into_iter().fold(BitSet::from_bits(0), BitSet::with)
    }
}

/// Longest description of a concern, in characters.
pub const MAX_TEXT: usize = 4000;
/// Longest landmark or "since when", in characters.
pub const MAX_SHORT: usize = 200;
/// Most residents one concern can stand for (a petition, a packed meeting).
pub const MAX_RESIDENTS: u32 = 10_000;

/// A range of house numbers in one street (`from` = `to` for one house).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HouseRange {
    /// First number.
    pub from: u32,
    /// Last number.
    pub to: u32,
}

/// A point as WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A concern as a form sends it: every field a string, untrusted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConcernInput {
    /// Category code.
    pub category: String,
    /// What is the matter.
    pub what: String,
    /// Street id (a number), or empty.
    pub street: String,
    /// First house number, or empty.
    pub house_from: String,
    /// Last house number, or empty.
    pub house_to: String,
    /// A landmark ("bij het speeltuintje"), or empty.
    pub landmark: String,
    /// Latitude, or empty.
    pub lat: String,
    /// Longitude, or empty.
    pub lon: String,
    /// Weekday codes.
    pub days: Vec<String>,
    /// Day-part codes.
    pub day_parts: Vec<String>,
    /// Since when, in the resident's words ("sinds de zomer").
    pub since: String,
    /// Channel code.
    pub channel: String,
    /// How many residents raised it.
    pub residents: String,
    /// "on" when it is a quick win.
    pub quick_win: bool,
    /// "on" when it cannot wait for the cycle.
    pub urgent: bool,
    /// Sensitivity code.
    pub sensitivity: String,
}

/// A concern that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct ConcernDraft {
    /// Category code.
    pub category: String,
    /// What is the matter (trimmed).
    pub what: String,
    /// The street, by id.
    pub street: Option<i64>,
    /// House numbers in that street.
    pub houses: Option<HouseRange>,
    /// A landmark.
    pub landmark: Option<String>,
    /// An exact point.
    pub point: Option<Point>,
    /// Days of the week.
    pub days: Weekdays,
    /// Parts of the day.
    pub day_parts: DayParts,
    /// Since when.
    pub since: Option<String>,
    /// How it reached the team.
    pub channel: Channel,
    /// How many residents raised it (at least 1).
    pub residents: u32,
    /// A quick win.
    pub quick_win: bool,
    /// Cannot wait for the cycle.
    pub urgent: bool,
    /// Who may see it.
    pub sensitivity: Sensitivity,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn number<T: std::str::FromStr>(text: &str) -> Result<Option<T>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| ())
}

/// Where a concern happens, checked.
struct Place {
    street: Option<i64>,
    houses: Option<HouseRange>,
    landmark: Option<String>,
    point: Option<Point>,
}

/// Collects the problems of a form.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn fail(&mut self, field: &'static str, key: &'static str) {
        self.0.push((field, key));
    }

    /// The number in `text` (empty: `None`); a non-number fails `field`.
    fn number<T: std::str::FromStr>(
        &mut self,
        text: &str,
        field: &'static str,
        key: &'static str,
    ) -> Option<T> {
        number(text).unwrap_or_else(|()| {
            self.fail(field, key);
            None
        })
    }

    /// Every code in `codes` as a set; an unknown one fails `field`.
    fn set<T: Small + std::str::FromStr>(
        &mut self,
        codes: &[String],
        field: &'static str,
    ) -> BitSet<T> {
        let parsed: Option<BitSet<T>> = codes.iter().map(|c| c.parse::<T>().ok()).collect();
        parsed.unwrap_or_else(|| {
            self.fail(field, "error-concern-choice");
            BitSet::from_bits(0)
        })
    }

    fn place(&mut self, input: &ConcernInput) -> Place {
        let street = self.number::<i64>(&input.street, "street", "error-concern-street");
        let from = self.number::<u32>(
            &input.house_from,
            "house_from",
            "error-concern-house-number",
        );
        let to = self.number::<u32>(&input.house_to, "house_to", "error-concern-house-number");
        let houses = match (from, to) {
            (None, None) => None,
            (Some(n), None) | (None, Some(n)) => Some(HouseRange { from: n, to: n }),
            (Some(from), Some(to)) => Some(HouseRange { from, to }),
        };
        if let Some(range) = houses {
            if range.from == 0 || range.to == 0 || range.from > 99_999 || range.to > 99_999 {
                self.fail("house_from", "error-concern-house-number");
            } else if range.from > range.to {
                self.fail("house_to", "error-concern-house-range");
            } else if street.is_none() {
                self.fail("street", "error-concern-house-without-street");
            }
        }
        let landmark = optional(&input.landmark);
        if landmark
            .as_ref()
            .is_some_and(|l| l.chars().count() > MAX_SHORT)
        {
            self.fail("landmark", "error-concern-too-long");
        }
        let point = match (number::<f64>(&input.lat), number::<f64>(&input.lon)) {
            (Ok(None), Ok(None)) => None,
            (Ok(Some(lat)), Ok(Some(lon)))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some(Point { lat, lon })
            }
            _ => {
                self.fail("lat", "error-concern-point");
                None
            }
        };
        if street.is_none() && landmark.is_none() && point.is_none() {
            self.fail("street", "error-concern-where-required");
        }
        Place {
            street,
            houses,
            landmark,
            point,
        }
    }
}

impl ConcernInput {
    /// The first field that holds a control character (line breaks and tabs are allowed in
    /// the description only).
    fn unclean_field(&self) -> Option<&'static str> {
        use crate::text::{is_clean_line, is_clean_text};
        if !is_clean_text(&self.what) {
            return Some("what");
        }
        let lines = [
            ("category", self.category.as_str()),
            ("street", &self.street),
            ("house_from", &self.house_from),
            ("house_to", &self.house_to),
            ("landmark", &self.landmark),
            ("lat", &self.lat),
            ("lon", &self.lon),
            ("since", &self.since),
            ("channel", &self.channel),
            ("residents", &self.residents),
            ("sensitivity", &self.sensitivity),
        ];
        lines
            .into_iter()
            .chain(self.days.iter().map(|d| ("days", d.as_str())))
            .chain(self.day_parts.iter().map(|d| ("day_parts", d.as_str())))
            .find(|(_, value)| !is_clean_line(value))
            .map(|(field, _)| field)
    }

    /// Checks every field; all problems at once, as `(field, message key)`.
    pub fn check(&self) -> Result<ConcernDraft, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if let Some(field) = self.unclean_field() {
            problems.fail(field, crate::text::CONTROL_CHARACTERS);
            return Err(problems.0);
        }
        let category = self.category.trim().to_owned();
        if category.is_empty() {
            problems.fail("category", "error-concern-category");
        }
        let what = self.what.trim().to_owned();
        if what.is_empty() {
            problems.fail("what", "error-concern-what-required");
        } else if what.chars().count() > MAX_TEXT {
            problems.fail("what", "error-concern-what-too-long");
        }
        let place = problems.place(self);
        let days = problems.set::<Weekday>(&self.days, "days");
        let day_parts = problems.set::<DayPart>(&self.day_parts, "day_parts");
        let since = optional(&self.since);
        if since
            .as_ref()
            .is_some_and(|s| s.chars().count() > MAX_SHORT)
        {
            problems.fail("since", "error-concern-too-long");
        }
        let channel = self.channel.trim().parse::<Channel>().ok();
        if channel.is_none() {
            problems.fail("channel", "error-concern-choice");
        }
        let residents = match number::<u32>(&self.residents) {
            Ok(None) => Some(1),
            Ok(Some(n)) if (1..=MAX_RESIDENTS).contains(&n) => Some(n),
            _ => None,
        };
        if residents.is_none() {
            problems.fail("residents", "error-concern-residents");
        }
        let sensitivity = self.sensitivity.trim().parse::<Sensitivity>().ok();
        if sensitivity.is_none() {
            problems.fail("sensitivity", "error-concern-choice");
        }
        match (channel, residents, sensitivity) {
            (Some(channel), Some(residents), Some(sensitivity)) if problems.0.is_empty() => {
                Ok(ConcernDraft {
                    category,
                    what,
                    street: place.street,
                    houses: place.houses,
                    landmark: place.landmark,
                    point: place.point,
                    days,
                    day_parts,
                    since,
                    channel,
                    residents,
                    quick_win: self.quick_win,
                    urgent: self.urgent,
                    sensitivity,
                })
            }
            _ => Err(problems.0),
        }
    }
}

/// The public reference of a concern, as a resident reads it over the phone: `VB-` and
/// eight characters without look-alikes (no 0/O, 1/I/L), from `random` bytes.
pub fn reference(random: [u8; 8]) -> String {
    const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTVWXZ";
    let text: String = random
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("VB-{}-{}", &text[..4], &text[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ConcernInput {
        ConcernInput {
            category: "parking".into(),
            what: "Busjes op de stoep bij de school".into(),
            street: "12".into(),
            house_from: "4".into(),
            house_to: "18".into(),
            days: vec!["mon".into(), "fri".into()],
            day_parts: vec!["morning".into()],
            channel: "street-corner".into(),
            residents: "3".into(),
            sensitivity: "public".into(),
            ..ConcernInput::default()
        }
    }

    fn fields(input: &ConcernInput) -> Vec<(&'static str, &'static str)> {
        input.check().unwrap_err()
    }

    #[test]
    fn a_complete_concern_passes() {
        let draft = valid().check().unwrap();
        assert_eq!(draft.houses, Some(HouseRange { from: 4, to: 18 }));
        assert!(draft.days.contains(Weekday::Friday) && !draft.days.contains(Weekday::Sunday));
        assert_eq!(draft.days.iter().count(), 2);
        assert_eq!(draft.residents, 3);
        assert_eq!(draft.channel, Channel::StreetCorner);
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let input = ConcernInput {
            what: "  ".into(),
            house_from: "20".into(),
            house_to: "4".into(),
            residents: "0".into(),
            channel: "pigeon".into(),
            days: vec!["someday".into()],
            ..valid()
        };
        let got = fields(&input);
        for field in ["what", "house_to", "residents", "channel", "days"] {
            assert!(got.iter().any(|(f, _)| *f == field), "{field}: {got:?}");
        }
    }

    #[test]
    fn a_place_is_required_one_way_or_another() {
        let nowhere = ConcernInput {
            street: String::new(),
            house_from: String::new(),
            house_to: String::new(),
            ..valid()
        };
        assert_eq!(
            fields(&nowhere),
            vec![("street", "error-concern-where-required")]
        );
        let landmark = ConcernInput {
            landmark: "bij het speeltuintje".into(),
            ..nowhere.clone()
        };
        assert!(landmark.check().is_ok());
        let point = ConcernInput {
            lat: "50.857".into(),
            lon: "5.705".into(),
            ..nowhere.clone()
        };
        assert!(point.check().unwrap().point.is_some());
        let half = ConcernInput {
            lat: "50.857".into(),
            ..nowhere
        };
        assert!(fields(&half).contains(&("lat", "error-concern-point")));
    }

    #[test]
    fn one_house_number_is_a_range_of_one() {
        let one = ConcernInput {
            house_to: String::new(),
            ..valid()
        };
        assert_eq!(
            one.check().unwrap().houses,
            Some(HouseRange { from: 4, to: 4 })
        );
    }

    #[test]
    fn bit_sets_round_trip() {
        let set: Weekdays = [Weekday::Monday, Weekday::Sunday].into_iter().collect();
        assert_eq!(Weekdays::from_bits(set.bits()), set);
        assert_eq!(Weekdays::from_bits(0xff).iter().count(), 7);
        assert!(DayParts::from_bits(0).is_empty());
    }

    #[test]
    fn references_avoid_look_alikes() {
        let r = reference([0, 1, 2, 3, 250, 251, 252, 255]);
        assert!(r.starts_with("VB-") && r.len() == 12, "{r}");
        assert!(!r[3..].contains(['0', 'O', '1', 'I', 'L']), "{r}");
    }
}
