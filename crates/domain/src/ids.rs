//! Typed identifiers, so that a team id can never be passed where a neighbourhood id belongs.
//!
//! Every record key that leaves `store` is one of these; the raw `i64` exists only at the
//! entity edge inside `store`. They parse from text (`FromStr`, for form fields) and
//! deserialize from a number or, in a URL path, from its digits, so a handler can take one
//! straight from the path.

use std::fmt;
use std::str::FromStr;

macro_rules! id_newtype {
    ($(#[$doc:meta] $name:ident),+ $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The raw database key.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            /// The decimal digits of a key (no surrounding space), as in a URL or a form.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse::<i64>().map($name)
            }
        }
    )+};
}

id_newtype!(
    /// A municipality: the tenant every other record belongs to.
    MunicipalityId,
    /// A district (wijk) of a municipality.
    DistrictId,
    /// A neighbourhood (buurt) of a district.
    NeighbourhoodId,
    /// A partner organisation (police, welfare, housing corporation, ...).
    OrganisationId,
    /// A department inside a partner organisation.
    DepartmentId,
    /// A Safer Neighbourhoods team covering one or more neighbourhoods.
    TeamId,
    /// A person working with a partner organisation, with or without an account.
    PersonId,
    /// A person who signs in: staff of the municipality or of a partner organisation.
    UserId,
    /// A project group or steering group: a level above the teams.
    GroupId,
);

id_newtype!(
    /// A priority a published meeting chose.
    PriorityId,
    /// An agreement (afspraak) made for a priority.
    AgreementId,
    /// A stuck agreement on its way up the escalation ladder.
    EscalationId,
);

id_newtype!(
    /// A concern (zorg) a resident raised or staff captured.
    ConcernId,
    /// A cycle of a team: inventory, meeting, action.
    CycleId,
    /// The meeting that closes a cycle.
    MeetingId,
    /// An item on a cycle's long list (agenda), standing for the concerns under it.
    AgendaItemId,
    /// An item on a meeting's frozen ballot.
    BallotItemId,
    /// One version of a meeting's paper count.
    PaperCountId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_digits_and_refuses_anything_else() {
        assert_eq!("42".parse::<ConcernId>(), Ok(ConcernId(42)));
        assert_eq!("-3".parse::<MeetingId>(), Ok(MeetingId(-3)));
        for bad in ["", " 4", "4 ", "x", "4x", "99999999999999999999"] {
            assert!(bad.parse::<ConcernId>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn serializes_as_the_bare_number() {
        let id = BallotItemId(7);
        assert_eq!(serde_json::to_string(&id).unwrap(), "7");
        assert_eq!(serde_json::from_str::<BallotItemId>("7").unwrap(), id);
        assert_eq!(id.to_string(), "7");
    }
}
