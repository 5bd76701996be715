//! The neighbourhood meeting through HTTP, as a team runs it: two facilitators of
//! Wittevrouwenveld set the team's settings, plan the meeting, make sure the long list has
//! items, open the meeting, print codes, enter and confirm the paper count (and correct it),
//! let residents vote by phone, close the vote and publish the result, which starts the
//! next cycle.

mod demo;
mod print;
mod walk;

use testkit::{TestApp, csrf_of};

pub const TEAM: &str = "wittevrouwenveld";
pub const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";
/// A member of Wyckerpoort, not of Wittevrouwenveld.
pub const OTHER_TEAM: &str = "wijkagent@demo.buurtagenda.nl";
/// The community worker of Wittevrouwenveld (the demo has him as a person without an
/// account; the test gives him one).
pub const WORKER: &str = "karim.bouzid@demo.buurtagenda.nl";

/// Gives Karim Bouzid, community worker in Wittevrouwenveld, an account in the team;
/// returns the team's key and name.
pub async fn team_member_account(app: &TestApp) -> (domain::TeamId, String) {
    testkit::people::team_member_account(&app.ctx, WORKER, "Karim Bouzid", TEAM).await
}

/// Text from a page as it was before escaping.
pub fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Status, `Location` and body of an answer.
pub struct Answer {
    pub status: u16,
    pub location: String,
    pub body: String,
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    Answer {
        status,
        location,
        body: response.text().await.unwrap(),
    }
}

pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> Answer {
    answer(client.get(app.url(path)).send().await.unwrap()).await
}

/// Posts `fields` with the session's CSRF token (from the sign-out form of the home page).
pub async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> Answer {
    let page = get(app, client, "/").await;
    let token = csrf_of(&page.body);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    answer(client.post(app.url(path)).form(&all).send().await.unwrap()).await
}

/// The `value` of the element with id `id`.
pub fn value_of(html: &str, id: &str) -> String {
    let at = html.find(&format!("id=\"{id}\"")).expect(id);
    let rest = &html[at..];
    let start = rest.find("value=\"").expect("a value") + 7;
    rest[start..start + rest[start..].find('"').unwrap()].to_owned()
}

/// Every match of `before(.*?)after` in `html`.
pub fn between(html: &str, before: &str, after: &str) -> Vec<String> {
    html.match_indices(before)
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find(after).unwrap()].to_owned()
        })
        .collect()
}
