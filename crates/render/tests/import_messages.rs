//! Every problem an import of places can report has a message in every language, with its
//! argument filled in (the catalogues are `locales/*/places.ftl`).

use domain::Locale;
use domain::import::Problem;
use render::I18n;

#[test]
fn every_import_problem_is_translated_with_its_argument() {
    for locale in Locale::ALL {
        let i18n = I18n::new(locale);
        for problem in Problem::examples() {
            let key = problem.message_key();
            // A message with a placeable only resolves with its argument, so `has` is no test.
            let text = if let Some((name, value)) = problem.message_arg() {
                let marked = format!("«{value}»");
                let text = i18n.t1(key, name, &marked);
                assert!(text.contains(&marked), "{key} in {locale}: {text}");
                text
            } else {
                assert!(i18n.has(key), "{key} missing in {locale}");
                i18n.t(key)
            };
            assert!(!text.contains(['{', '$']), "{key}: {text}");
        }
        assert!(i18n.has("import-rejected") && i18n.has("import-at-file"));
        for (key, arg) in [("import-at-line", "line"), ("import-at-feature", "feature")] {
            assert!(
                i18n.t1(key, arg, "«7»").contains("«7»"),
                "{key} in {locale}"
            );
        }
    }
}
