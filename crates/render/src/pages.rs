//! Page templates. Every page embeds a `Shell` (landmarks, skip link, language switch,
//! assets) and an `I18n`, and extends `base.html`.

use askama::Template;
use domain::Locale;
use domain::place::Neighbourhood;

use crate::I18n;
use crate::assets;
use crate::format;

/// What every page shares: language, the link to the same page in the other language, and
/// the assets.
#[derive(Clone, Debug)]
pub struct Shell {
    /// The page's language.
    pub locale: Locale,
    /// The URL that switches to the other language and comes back here.
    pub switch_href: String,
    /// The other language.
    pub other: Locale,
    /// The current path, to mark the active navigation item.
    pub path: String,
    /// The signed-in account, for the header (name and sign-out button).
    pub user: Option<ShellUser>,
}

/// The signed-in account as the header shows it.
#[derive(Clone, Debug)]
pub struct ShellUser {
    /// Display name.
    pub name: String,
    /// CSRF token for the sign-out form.
    pub csrf: String,
}

impl Shell {
    /// A shell for `locale`, on `path`, with the prepared language-switch URL.
    pub fn new(locale: Locale, path: impl Into<String>, switch_href: impl Into<String>) -> Self {
        Shell {
            locale,
            switch_href: switch_href.into(),
            other: match locale {
                Locale::Nl => Locale::En,
                Locale::En => Locale::Nl,
            },
            path: path.into(),
            user: None,
        }
    }

    /// The same shell for a signed-in account.
    #[must_use]
    pub fn with_user(mut self, user: Option<ShellUser>) -> Self {
        self.user = user;
        self
    }

    /// The URL of an embedded asset.
    pub fn asset(&self, name: &str) -> &'static str {
        assets::url(name)
    }

    /// The other language's name, in that language (so a reader of it recognises it).
    pub fn other_name(&self) -> &'static str {
        match self.other {
            Locale::Nl => "Nederlands",
            Locale::En => "English",
        }
    }
}

/// A row of the public neighbourhood list.
#[derive(Clone, Debug)]
pub struct NeighbourhoodRow {
    /// Display name.
    pub name: String,
    /// URL name, for its public page.
    pub slug: String,
    /// District.
    pub district: String,
    /// Residents, formatted for the locale, or empty.
    pub population: String,
    /// The teams (id and name), linked to their public pages.
    pub teams: Vec<(i64, String)>,
}

/// The home page: the neighbourhoods the product serves.
#[derive(Template)]
#[template(path = "home.html")]
pub struct Home {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Neighbourhoods on this page.
    pub rows: Vec<NeighbourhoodRow>,
    /// Link to the next page, if any.
    pub next_href: Option<String>,
    /// Whether this is a later page (offers a link back to the first).
    pub is_continuation: bool,
}

impl Home {
    /// The home page for these neighbourhoods.
    pub fn new(
        shell: Shell,
        items: &[Neighbourhood],
        next_href: Option<String>,
        is_continuation: bool,
    ) -> Self {
        let i18n = I18n::new(shell.locale);
        let rows = items
            .iter()
            .map(|n| NeighbourhoodRow {
                name: n.name.clone(),
                slug: n.slug.to_string(),
                district: n.district_name.clone(),
                population: n
                    .population
                    .map(|p| format::count(shell.locale, u64::from(p)))
                    .unwrap_or_default(),
                teams: n
                    .teams
                    .iter()
                    .map(|(id, name)| (id.get(), name.clone()))
                    .collect(),
            })
            .collect();
        Home {
            shell,
            i18n,
            rows,
            next_href,
            is_continuation,
        }
    }
}

/// The kinds of error page, each with its own title and explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// 400: the request itself is malformed.
    BadRequest,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 405.
    MethodNotAllowed,
    /// 408 / 503 from a timeout.
    Timeout,
    /// 413.
    TooLarge,
    /// 403 from a failed CSRF check: usually a form left open too long.
    Expired,
    /// 429.
    TooManyRequests,
    /// 409: someone else changed it first (a meeting opened in another tab, say).
    Conflict,
    /// 500 and anything unexpected.
    Internal,
}

impl ErrorKind {
    fn key(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad-request",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not-found",
            ErrorKind::MethodNotAllowed => "method-not-allowed",
            ErrorKind::Timeout => "timeout",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Expired => "expired",
            ErrorKind::TooManyRequests => "too-many-requests",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error page in the shell, in the visitor's language.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Shared page parts.
    pub shell: Shell,
    /// Translator.
    pub i18n: I18n,
    /// Title message.
    pub title: String,
    /// Explanation message.
    pub body: String,
    /// The request id to quote when reporting, for server errors.
    pub reference: Option<String>,
}

impl ErrorPage {
    /// The page for `kind`; `request_id` is shown for server errors so a user can quote it.
    pub fn new(shell: Shell, kind: ErrorKind, request_id: Option<&str>) -> Self {
        let i18n = I18n::new(shell.locale);
        let reference = (kind == ErrorKind::Internal)
            .then_some(request_id)
            .flatten()
            .map(|id| i18n.t1("error-reference", "id", id));
        ErrorPage {
            title: i18n.t(&format!("error-{}-title", kind.key())),
            body: i18n.t(&format!("error-{}-body", kind.key())),
            shell,
            i18n,
            reference,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(locale: Locale) -> Shell {
        Shell::new(locale, "/", "/lang/en?next=%2F")
    }

    #[test]
    fn every_error_kind_has_texts_in_both_languages() {
        let kinds = [
            ErrorKind::BadRequest,
            ErrorKind::Forbidden,
            ErrorKind::NotFound,
            ErrorKind::MethodNotAllowed,
            ErrorKind::Timeout,
            ErrorKind::TooLarge,
            ErrorKind::Expired,
            ErrorKind::TooManyRequests,
            ErrorKind::Internal,
        ];
        for locale in Locale::ALL {
            for kind in kinds {
                let page = ErrorPage::new(shell(locale), kind, Some("req-1"));
                assert!(!page.title.starts_with("error-"), "{kind:?} {locale}");
                assert!(!page.body.starts_with("error-"), "{kind:?} {locale}");
                let html = page.render().unwrap();
                assert!(html.contains(&format!("lang=\"{}\"", locale.tag())));
            }
        }
    }

    #[test]
    fn server_errors_show_the_reference_and_others_do_not() {
        let html = ErrorPage::new(shell(Locale::Nl), ErrorKind::Internal, Some("req-42"))
            .render()
            .unwrap();
        assert!(html.contains("req-42"));
        let html = ErrorPage::new(shell(Locale::Nl), ErrorKind::NotFound, Some("req-42"))
            .render()
            .unwrap();
        assert!(!html.contains("req-42"));
    }

    #[test]
    fn names_are_escaped() {
        let n = Neighbourhood {
            id: domain::NeighbourhoodId(1),
            municipality: domain::MunicipalityId(1),
            district: domain::DistrictId(1),
            district_name: "Noord".into(),
            name: "<script>x</script>".into(),
            slug: "x".parse().unwrap(),
            cbs_code: None,
            population: Some(2116),
            teams: vec![(domain::TeamId(1), "A & B".into())],
        };
        let html = Home::new(shell(Locale::Nl), &[n], None, false)
            .render()
            .unwrap();
        assert!(!html.contains("<script>x"));
        assert!(html.contains("&#60;script&#62;x"), "escaped as entities");
        assert!(html.contains("2.116"));
    }
}
