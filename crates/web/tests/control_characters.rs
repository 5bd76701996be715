//! Control characters (NUL, escape, DEL) in what people type: every form answers with the
//! field's translated message and keeps what was typed, a reference in an address is simply
//! unknown, and nothing answers 500 (PostgreSQL refuses NUL in text, SQLite takes it).

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const MESSAGE: &str = "een stuurteken";
/// NUL and two other control characters.
const BAD: [char; 3] = ['\0', '\u{1b}', '\u{7f}'];

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Posts the form at `path` (its CSRF token taken from `form_page`) with `fields`; asserts
/// the form came back with the control-character message and with `kept` in it.
async fn refused(
    client: &reqwest::Client,
    app: &TestApp,
    form_page: &str,
    path: &str,
    fields: &[(&str, String)],
    kept: &str,
) {
    let (_, page) = get(client, app, form_page).await;
    let mut form = vec![("csrf", csrf_of(&page))];
    form.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
    let response = client.post(app.url(path)).form(&form).send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    assert_eq!(status, 422, "{path} {fields:?}: {body}");
    assert!(
        body.contains(MESSAGE),
        "{path}: the message beside the field"
    );
    assert!(
        body.contains(kept),
        "{path}: what was typed is kept ({kept})"
    );
}

fn value_after(html: &str, marker: &str) -> String {
    let at = html.find(marker).expect(marker);
    let rest = &html[at..];
    let start = rest.find("value=\"").unwrap() + 7;
    rest[start..start + rest[start..].find('"').unwrap()].to_owned()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one walk over every form, each with every bad character"
)]
async fn control_characters_are_refused_at_the_edge() {
    let app = TestApp::with_demo().await;
    let anonymous = app.session_client();
    for bad in BAD {
        let encoded = format!("%{:02X}", u32::from(bad));
        // A reference in the address: unknown, like any other.
        for path in [
            format!("/melding?ref=VB-{encoded}"),
            format!("/melding/VB-{encoded}"),
            format!("/buurten/wyck{encoded}erpoort"),
        ] {
            let (status, _) = get(&anonymous, &app, &path).await;
            assert_eq!(status, 404, "{path}");
        }
        // Signing in.
        refused(
            &anonymous,
            &app,
            "/inloggen",
            "/inloggen",
            &[
                ("email", format!("wijkagent{bad}@demo.buurtagenda.nl")),
                ("password", DEMO_PASSWORD.into()),
            ],
            "demo.buurtagenda.nl",
        )
        .await;
        // A resident's report.
        let (_, form) = get(&anonymous, &app, "/buurten/wyckerpoort/melden").await;
        refused(
            &anonymous,
            &app,
            "/buurten/wyckerpoort/melden",
            "/buurten/wyckerpoort/melden",
            &[
                ("client_id", value_after(&form, "name=\"client_id\"")),
                ("category", "litter".into()),
                ("what", format!("Zwerfvuil{bad} bij de bank")),
                ("landmark", "bij de bank".into()),
                ("contact_email", "bewoner@example.nl".into()),
                ("contact_consent", "on".into()),
            ],
            "bewoner@example.nl",
        )
        .await;
    }

    let (coordinator, _) = app.sign_in(COORDINATOR, DEMO_PASSWORD).await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    for bad in BAD {
        // Topics, and names in the structure.
        refused(
            &coordinator,
            &app,
            "/beheer/onderwerpen",
            "/beheer/onderwerpen",
            &[("name", format!("Graffiti{bad}"))],
            "Graffiti",
        )
        .await;
        for (path, field) in [
            ("/beheer/structuur/wijk", "name"),
            ("/beheer/structuur/organisatie", "name"),
        ] {
            refused(
                &coordinator,
                &app,
                "/beheer/structuur",
                path,
                &[
                    (field, format!("Zuid{bad}west")),
                    ("kind", "municipality".into()),
                ],
                "Zuid",
            )
            .await;
        }
        // A concern the team notes: in the text, the place and the time.
        let (_, form) = get(&officer, &app, "/werk/wyckerpoort/nieuw").await;
        for (field, value) in [
            ("what", format!("Busjes{bad} op de stoep")),
            ("landmark", format!("bij de school{bad}")),
            ("since", format!("sinds{bad} de zomer")),
            ("contact_name", format!("Mevrouw{bad} Jansen")),
        ] {
            let mut fields = vec![
                ("client_id", value_after(&form, "name=\"client_id\"")),
                ("category", "parking".to_owned()),
                ("what", "Busjes op de stoep".to_owned()),
                ("landmark", "bij de school".to_owned()),
                ("channel", "street-corner".to_owned()),
                ("sensitivity", "public".to_owned()),
                ("contact_consent", "on".to_owned()),
            ];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, value));
            refused(
                &officer,
                &app,
                "/werk/wyckerpoort/nieuw",
                "/werk/wyckerpoort/nieuw",
                &fields,
                "street-corner",
            )
            .await;
        }
        // The meeting's venue.
        let (_, plan) = get(&officer, &app, "/werk/wyckerpoort/bijeenkomst/plan").await;
        let mut fields: Vec<(&str, String)> = [
            "day",
            "starts",
            "ends",
            "cycle_starts",
            "inventory_ends",
            "cycle_ends",
        ]
        .into_iter()
        .map(|f| (f, value_after(&plan, &format!("id=\"plan-{f}\""))))
        .collect();
        fields.push(("venue", format!("Buurthuis{bad} De Romein")));
        fields.push(("venue_address", "Populierweg 2, Maastricht".into()));
        refused(
            &officer,
            &app,
            "/werk/wyckerpoort/bijeenkomst/plan",
            "/werk/wyckerpoort/bijeenkomst/plan",
            &fields,
            "Populierweg 2, Maastricht",
        )
        .await;
    }
}
