//! The escalation ladder through HTTP, as people use it: the community police officer sends a
//! stuck agreement to the project group with a question (an empty one comes back with a
//! message), the project group finds it under "my groups" with its age, sends it on to the
//! steering group, and the alderman decides: a decision without an owner comes back with all
//! that was typed, a right one becomes a new agreement that the team sees on its page.

use services::demo::DEMO_PASSWORD;
use testkit::{TestApp, csrf_of};

use crate::action_story::{hidden, option_for, send};

const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
const PROJECT: &str = "projectgroep@demo.buurtagenda.nl";
const STEERING: &str = "wethouder@demo.buurtagenda.nl";
const BOARD: &str = "/werk/wyckerpoort/afspraken";

/// The address of the link whose text is `text`.
fn link_to(html: &str, text: &str) -> String {
    let end = html.find(&format!("\">{text}</a>")).expect(text);
    let start = html[..end].rfind("href=\"").unwrap() + 6;
    html[start..end].to_owned()
}

/// The first link on `html` whose address starts with `prefix`.
fn link(html: &str, prefix: &str) -> String {
    let marker = format!("href=\"{prefix}");
    let start = html.find(&marker).expect(&marker) + 6;
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a story reads best as one walk from start to end"
)]
async fn a_stuck_agreement_goes_up_the_ladder_and_the_steering_group_decides() {
    let app = TestApp::with_demo().await;
    let (officer, _) = app.sign_in(OFFICER, DEMO_PASSWORD).await;
    // A late agreement of the team that is not on the ladder yet (the demo sent one up).
    let (_, _, board) = send(&app, &officer, BOARD, None).await;
    let mut page_path = String::new();
    let mut page = String::new();
    for (at, _) in board.match_indices(" overdue\"><a ") {
        page_path = link(&board[at..], &format!("{BOARD}/"));
        page = send(&app, &officer, &page_path, None).await.2;
        if page.contains("Hulp vragen aan: Projectgroep") {
            break;
        }
    }
    assert!(page.contains("Hulp vragen aan: Projectgroep"), "{page}");
    let token = csrf_of(&page);
    let raise = format!("{page_path}/escaleren");

    // No question: the page again with the message at the field.
    let (status, _, again) = send(
        &app,
        &officer,
        &raise,
        Some(&[("csrf", &token), ("question", "   ")]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(again.contains("Schrijf op wat u vraagt of antwoordt."));
    assert!(again.contains("aria-invalid=\"true\""));

    let question = "Verkeer reageert niet. Kan de projectgroep het display regelen?";
    let (status, to, _) = send(
        &app,
        &officer,
        &raise,
        Some(&[("csrf", &token), ("question", question)]),
    )
    .await;
    assert_eq!(status, 303);
    let (_, _, page) = send(&app, &officer, &to, None).await;
    assert!(page.contains("De vraag is verstuurd."));
    assert!(page.contains("Ligt bij Projectgroep"));
    assert!(page.contains(question));
    assert!(
        page.contains("Doorgestuurd naar een hoger niveau."),
        "timeline"
    );
    assert!(
        !page.contains("Hulp vragen aan:"),
        "once on the ladder, not twice"
    );

    // The project group finds it under "my groups".
    let (project, _) = app.sign_in(PROJECT, DEMO_PASSWORD).await;
    let (status, _, mine) = send(&app, &project, "/afspraken", None).await;
    assert_eq!(status, 200);
    assert!(mine.contains("Mijn groepen"));
    assert!(
        mine.contains("2 vragen wachten."),
        "the demo's and ours: {mine}"
    );
    let queue_path = link(&mine, "/groepen/");
    let (status, _, queue) = send(&app, &project, &queue_path, None).await;
    assert_eq!(status, 200);
    assert!(queue.contains("wacht 2 dagen"), "the demo's");
    assert!(queue.contains("wacht sinds vandaag"));
    let item = link_to(&queue, question);
    let (status, _, item_page) = send(&app, &project, &item, None).await;
    assert_eq!(status, 200);
    assert!(item_page.contains("Vraag van team Wyckerpoort"));
    // The project group sends it on with its own question.
    let up = [
        ("csrf", csrf_of(&item_page)),
        ("version", hidden(&item_page, "version")),
        ("step", "escalate".to_owned()),
        (
            "text",
            "Wie betaalt het display? Verkeer heeft geen budget.".to_owned(),
        ),
    ];
    let up: Vec<(&str, &str)> = up.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, to, _) = send(&app, &project, &item, Some(&up)).await;
    assert_eq!(status, 303, "{to}");
    let (_, _, queue) = send(&app, &project, &queue_path, None).await;
    assert!(!queue.contains(question), "gone on to the steering group");

    // The alderman decides; without an owner the form comes back with all typed.
    let (steering, _) = app.sign_in(STEERING, DEMO_PASSWORD).await;
    let (_, _, mine) = send(&app, &steering, "/afspraken", None).await;
    let steering_queue = link(&mine, "/groepen/");
    assert_ne!(steering_queue, queue_path);
    let (_, _, queue) = send(&app, &steering, &steering_queue, None).await;
    assert!(queue.contains("Wie betaalt het display?"));
    let item = link_to(
        &queue,
        "Wie betaalt het display? Verkeer heeft geen budget.",
    );
    let (_, _, item_page) = send(&app, &steering, &item, None).await;
    assert!(item_page.contains("Besluiten"));
    let traffic = option_for(&item_page, "concern-owner", "Ruud Ramakers");
    let target = (chrono::Utc::now().date_naive() + chrono::Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    let token = csrf_of(&item_page);
    let version = hidden(&item_page, "version");
    let decision = "De gemeente betaalt het display uit het werkbudget";
    let no_owner = [
        ("csrf", token.as_str()),
        ("version", &version),
        ("step", "decide"),
        ("what", decision),
        ("owner", ""),
        ("target", &target),
    ];
    let (status, _, again) = send(&app, &steering, &item, Some(&no_owner)).await;
    assert_eq!(status, 422);
    assert!(again.contains("Kies wie dit doet."));
    assert!(again.contains(decision), "what was typed is kept");
    assert!(again.contains(&format!("value=\"{target}\"")));
    let decide = [
        ("csrf", token.as_str()),
        ("version", &version),
        ("step", "decide"),
        ("what", decision),
        ("owner", &traffic),
        ("target", &target),
    ];
    let (status, to, _) = send(&app, &steering, &item, Some(&decide)).await;
    assert_eq!(status, 303);
    // The same form again moves nothing and is not an error.
    let (status, again_to, _) = send(&app, &steering, &item, Some(&decide)).await;
    assert_eq!((status, &again_to), (303, &to));
    let (_, _, done) = send(&app, &steering, &to, None).await;
    assert!(done.contains("De stap is opgeslagen."));
    assert!(done.contains("Besloten door Regiegroep"), "{done}");

    // The team sees the decision on its agreement, and the new agreement on its board.
    let (_, _, page) = send(&app, &officer, &page_path, None).await;
    assert!(page.contains("Besloten door Regiegroep"));
    assert!(page.contains("Er is over besloten."));
    let made = link(&page, &format!("{BOARD}/"));
    assert_ne!(made, page_path);
    let (_, _, board) = send(&app, &officer, BOARD, None).await;
    assert_eq!(board.matches(decision).count(), 1);
    let (_, _, new) = send(&app, &officer, &made, None).await;
    assert!(new.contains("Afspraak gemaakt door een besluit van hoger."));
}
