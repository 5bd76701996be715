//! Typed identifiers, so that a team id can never be passed where a neighbourhood id belongs.

use std::fmt;

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
