//! Which stored columns hold personal data, why they are kept and for how long.
//!
//! Every personal column is declared here; a test checks the list against the entities, so
//! that retention jobs and subject-access exports (later capabilities) can rely on it.

/// How long a personal value may be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// As long as the person works with a partner at the table; removed with the person.
    WhileActive,
    /// A fixed number of days after the row was written.
    Days(u32),
}

/// One personal column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonalField {
    /// Table name.
    pub table: &'static str,
    /// Column name.
    pub column: &'static str,
    /// Why it is kept (shown to the data subject on request).
    pub purpose: &'static str,
    /// How long.
    pub retention: Retention,
}

/// Every personal column of the schema.
pub const PERSONAL_FIELDS: &[PersonalField] = &[
    PersonalField {
        table: "person",
        column: "name",
        purpose: "show who works in a team and who agreed to do what",
        retention: Retention::WhileActive,
    },
    PersonalField {
        table: "person",
        column: "email",
        purpose: "reach the person about their work in the approach",
        retention: Retention::WhileActive,
    },
    PersonalField {
        table: "person",
        column: "phone",
        purpose: "reach the person about their work in the approach",
        retention: Retention::WhileActive,
    },
    PersonalField {
        table: "account",
        column: "email",
        purpose: "sign in, invitations and password resets",
        retention: Retention::WhileActive,
    },
    PersonalField {
        table: "sign_in_attempt",
        column: "email",
        purpose: "limit password guessing",
        retention: Retention::Days(1),
    },
    PersonalField {
        table: "sign_in_attempt",
        column: "ip",
        purpose: "limit password guessing",
        retention: Retention::Days(1),
    },
    PersonalField {
        table: "limit_claim",
        column: "subject",
        purpose: "limit wrong vote codes and floods of residents' reports",
        retention: Retention::Days(1),
    },
    PersonalField {
        table: "outbox",
        column: "to_address",
        purpose: "send invitations and password-reset links; show administrators what was sent",
        retention: Retention::Days(30),
    },
    PersonalField {
        table: "outbox",
        column: "body_text",
        purpose: "send invitations and password-reset links; show administrators what was sent",
        retention: Retention::Days(30),
    },
    PersonalField {
        table: "concern_contact",
        column: "name",
        purpose: "answer the resident about their concern, as they agreed to",
        retention: Retention::Days(CONCERN_CONTACT_DAYS),
    },
    PersonalField {
        table: "concern_contact",
        column: "phone",
        purpose: "answer the resident about their concern, as they agreed to",
        retention: Retention::Days(CONCERN_CONTACT_DAYS),
    },
    PersonalField {
        table: "concern_contact",
        column: "email",
        purpose: "answer the resident about their concern, as they agreed to",
        retention: Retention::Days(CONCERN_CONTACT_DAYS),
    },
    PersonalField {
        table: "agreement",
        column: "owner_residents",
        purpose: "say which residents took on an action, as they want to be named",
        retention: Retention::Days(AGREEMENT_RESIDENTS_DAYS),
    },
    PersonalField {
        table: "routing_rule",
        column: "email",
        purpose: "tell a department at once of an urgent concern",
        retention: Retention::WhileActive,
    },
];

/// The longest a resident's contact details are kept with a concern: a year, or until the
/// concern is dealt with and answered if that is sooner (`concern_contact.purge_after`).
pub const CONCERN_CONTACT_DAYS: u32 = 365;

/// How long the residents named as an agreement's owners stay named: two years, long enough
/// for the yearly evaluation of the year after.
pub const AGREEMENT_RESIDENTS_DAYS: u32 = 730;

/// Whether `table.column` holds personal data.
pub fn is_personal(table: &str, column: &str) -> bool {
    PERSONAL_FIELDS
        .iter()
        .any(|f| f.table == table && f.column == column)
}

#[cfg(test)]
mod tests {
    use sea_orm::{Iden, Iterable};

    use super::*;
    use crate::entity::{
        account, agreement, concern_contact, limit_claim, outbox, person, routing_rule,
        sign_in_attempt,
    };

    fn columns<E: sea_orm::EntityTrait>() -> (String, Vec<String>) {
        let table = E::default().table_name().to_owned();
        let cols = E::Column::iter().map(|c| c.to_string()).collect();
        (table, cols)
    }

    #[test]
    fn every_declared_field_exists() {
        let tables = [
            columns::<person::Entity>(),
            columns::<account::Entity>(),
            columns::<sign_in_attempt::Entity>(),
            columns::<limit_claim::Entity>(),
            columns::<outbox::Entity>(),
            columns::<concern_contact::Entity>(),
            columns::<routing_rule::Entity>(),
            columns::<agreement::Entity>(),
        ];
        for field in PERSONAL_FIELDS {
            let (_, cols) = tables
                .iter()
                .find(|(t, _)| t == field.table)
                .unwrap_or_else(|| panic!("unknown table {}", field.table));
            assert!(cols.iter().any(|c| c == field.column), "{field:?}");
        }
        assert!(is_personal("person", "phone"));
        assert!(!is_personal("person", "function"));
    }
}
