//! Partner organisations: the kinds the method brings to one table.

use std::fmt;
use std::str::FromStr;

/// The kind of a partner organisation. Stored by its code; shown translated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrganisationKind {
    /// The municipality itself (its departments are separate partners at the table).
    Municipality,
    /// The police.
    Police,
    /// A welfare organisation (community workers).
    Welfare,
    /// A housing corporation.
    HousingCorporation,
    /// Anyone else: schools, youth work, shopkeepers' associations.
    Other,
}

impl OrganisationKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [OrganisationKind; 5] = [
        OrganisationKind::Municipality,
        OrganisationKind::Police,
        OrganisationKind::Welfare,
        OrganisationKind::HousingCorporation,
        OrganisationKind::Other,
    ];

    /// The stable code stored in the database and used in message keys.
    pub const fn code(self) -> &'static str {
        match self {
            OrganisationKind::Municipality => "municipality",
            OrganisationKind::Police => "police",
            OrganisationKind::Welfare => "welfare",
            OrganisationKind::HousingCorporation => "housing-corporation",
            OrganisationKind::Other => "other",
        }
    }
}

/// A stored code that names no organisation kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown organisation kind: {0}")]
pub struct UnknownOrganisationKind(pub String);

impl FromStr for OrganisationKind {
    type Err = UnknownOrganisationKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrganisationKind::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| UnknownOrganisationKind(s.to_owned()))
    }
}

impl fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in OrganisationKind::ALL {
            assert_eq!(kind.code().parse::<OrganisationKind>(), Ok(kind));
        }
        assert!("bakery".parse::<OrganisationKind>().is_err());
    }
}
