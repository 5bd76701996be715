//! The inventory through HTTP, as people use it: a community police officer notes concerns
//! on the team's form, the team reads its list, and a resident reports one on the web and
//! follows it by its reference. One file per part: the team's work, residents, the long list.

mod agenda;
mod map;
mod police_only;
mod residents;
mod team;
mod whole;

use testkit::TestApp;

pub const OFFICER: &str = "wijkagent@demo.buurtagenda.nl";
pub const COORDINATOR: &str = "projectleider@demo.buurtagenda.nl";

pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

pub async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let response = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// The value of the first `<option>` after `marker` in `html` (a street of the list).
pub fn first_option_after(html: &str, marker: &str) -> String {
    let start = html.find(marker).expect(marker);
    let rest = &html[start..];
    let option = rest.find("<option value=\"").unwrap() + 15;
    let rest = &rest[option..];
    let value = &rest[..rest.find('"').unwrap()];
    if value.is_empty() {
        // Skip the "no street" choice.
        let next = rest.find("<option value=\"").unwrap() + 15;
        let rest = &rest[next..];
        return rest[..rest.find('"').unwrap()].to_owned();
    }
    value.to_owned()
}

pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect(&marker) + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}
