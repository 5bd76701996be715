//! Every refusal of the action phase's rules (`domain::agreement`, `domain::escalation`) has
//! a message in every language (the catalogues are `locales/*/action.ftl`).

use chrono::NaiveDate;
use domain::Locale;
use domain::agreement::{AgreementInput, TransitionError};
use domain::escalation::StepError;
use render::I18n;

/// The keys an agreement form can report, found by sending it every kind of wrong value.
fn form_keys() -> Vec<&'static str> {
    let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let wrong = [
        ("", "x", "", "2026-12-01", "x"),
        (
            &*"x".repeat(501),
            "residents",
            "",
            "2026-12-01",
            "2026-11-01",
        ),
        ("a\u{1b}b", "person:1", "", "2026-12-06", ""),
    ];
    let mut keys = Vec::new();
    for (what, owner, residents, target, hard) in wrong {
        let input = AgreementInput {
            what: what.into(),
            owner: owner.into(),
            residents: residents.into(),
            target: target.into(),
            hard: hard.into(),
        };
        keys.extend(
            input
                .check(today)
                .unwrap_err()
                .into_iter()
                .map(|(_, key)| key),
        );
    }
    keys
}

#[test]
fn every_refusal_of_the_action_rules_is_translated() {
    let mut keys = form_keys();
    assert!(keys.len() >= 8, "the wrong forms found {keys:?}");
    keys.extend(
        [TransitionError::NotAllowed, TransitionError::ReasonMissing]
            .map(TransitionError::message_key),
    );
    keys.extend(
        [
            StepError::Decided,
            StepError::Top,
            StepError::NotHere,
            StepError::Information,
        ]
        .map(StepError::message_key),
    );
    for locale in Locale::ALL {
        let i18n = I18n::new(locale);
        for key in &keys {
            assert!(i18n.has(key), "{key} missing in {locale}");
        }
    }
}
