//! A resident reports a concern on the web, without an account, and follows it by its
//! reference. The status page shows where it stands, never the text or who sent it.

use domain::inventory::{Channel, ConcernInput, ConcernStatus, Sensitivity};
use domain::place::Neighbourhood;
use domain::{NeighbourhoodId, Slug};
use store::repo::concerns;
use store::repo::{cycles, places};

use super::capture::merge;
use super::{ContactInput, ToStore, client_id, problems, store_concern};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// What the public form sends.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Category code.
    pub category: String,
    /// What is the matter.
    pub what: String,
    /// Street id, or empty.
    pub street: String,
    /// House number, or empty.
    pub house_number: String,
    /// A landmark, or empty.
    pub landmark: String,
    /// Weekday codes.
    pub days: Vec<String>,
    /// Day-part codes.
    pub day_parts: Vec<String>,
    /// Since when.
    pub since: String,
    /// The form's one-time id (against double submits), or empty.
    pub client_id: String,
    /// Contact details, if the resident wants an answer.
    pub contact: ContactInput,
    /// The network address it came from (for the report limit, `limits::REPORTS_PER_WINDOW`).
    pub from: String,
}

/// The public neighbourhood with `slug`: the one of that name, or `None`. When several
/// municipalities have one, `municipality` (a slug) picks.
pub async fn neighbourhood(
    ctx: &Ctx,
    slug: &str,
    municipality: Option<&str>,
) -> ServiceResult<Option<Neighbourhood>> {
    let Ok(slug) = slug.parse::<Slug>() else {
        return Ok(None);
    };
    let mut found = places::neighbourhoods_by_slug(ctx.store.conn(), &slug).await?;
    if let Some(m) = municipality {
        let Ok(m) = m.parse::<Slug>() else {
            return Ok(None);
        };
        let Some(id) = places::find_municipality(ctx.store.conn(), &m).await? else {
            return Ok(None);
        };
        found.retain(|n| n.municipality == id);
    }
    Ok(found.into_iter().next())
}

/// A stored report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    /// The reference the resident follows it by.
    pub reference: String,
}

/// Stores a resident's report for `neighbourhood`, for the team that covers it. Reports
/// are team-only until the team decides otherwise: residents may write about other people.
///
/// `RateLimited` when its network address sent `limits::REPORTS_PER_WINDOW` reports in the
/// window; the refused report is not stored. A report is claimed against the limit in the
/// transaction that stores it, so the limit holds for reports sent together and across
/// servers; a report sent again (the same form id) is no new report and is not counted.
pub async fn report(
    ctx: &Ctx,
    neighbourhood: &Neighbourhood,
    input: &Report,
) -> ServiceResult<Reported> {
    let m = neighbourhood.municipality;
    let Some((team, _)) = neighbourhood.teams.first().cloned() else {
        return Err(ServiceError::NotFound);
    };
    let now = ctx.clock.now();
    let client_id = client_id(&input.client_id)?;
    if let Some(existing) = concerns::by_client_id(ctx.store.conn(), m, &client_id).await? {
        return Ok(Reported {
            reference: existing.reference,
        });
    }
    crate::limits::reports_left(ctx, &input.from).await?;
    let concern = ConcernInput {
        category: input.category.clone(),
        what: input.what.clone(),
        street: input.street.clone(),
        house_from: input.house_number.clone(),
        house_to: String::new(),
        landmark: input.landmark.clone(),
        days: input.days.clone(),
        day_parts: input.day_parts.clone(),
        since: input.since.clone(),
        channel: Channel::Web.code().to_owned(),
        residents: "1".to_owned(),
        sensitivity: Sensitivity::Team.code().to_owned(),
        ..ConcernInput::default()
    };
    let draft = concern.check();
    let contact = input.contact.check(now);
    let (draft, contact) = match (draft, contact) {
        (Ok(draft), Ok(contact)) => (draft, contact),
        (draft, contact) => return Err(merge(draft.err().map(problems), contact.err(), None)),
    };
    let (stored, _) = store_concern(
        ctx,
        ToStore {
            m,
            team,
            neighbourhood: neighbourhood.id,
            client_id: &client_id,
            draft: &draft,
            contact: contact.as_ref(),
            actor: &Actor::Public,
            action: "concern.report",
            detail: serde_json::json!({ "neighbourhood": neighbourhood.id.get() }),
            from: Some(&input.from),
        },
    )
    .await?;
    Ok(Reported {
        reference: stored.reference,
    })
}

/// What the status page of a reference shows: nothing personal, nothing of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The reference.
    pub reference: String,
    /// Category code and the municipality's own name for it, if any.
    pub category: (String, Option<String>),
    /// Where.
    pub neighbourhood: NeighbourhoodId,
    /// Where it stands.
    pub status: ConcernStatus,
    /// When it was received.
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The cycle's last day: by then the neighbourhood meeting has chosen its priorities.
    pub cycle_ends_on: chrono::NaiveDate,
}

/// The status behind `reference`, for anybody who has it.
pub async fn status(ctx: &Ctx, reference: &str) -> ServiceResult<Status> {
    let reference = reference.trim().to_ascii_uppercase();
    // A reference is letters, digits and hyphens: anything else is no reference we gave.
    if !domain::text::is_clean_line(&reference) {
        return Err(ServiceError::NotFound);
    }
    let conn = ctx.store.conn();
    let concern = concerns::by_reference(conn, &reference)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let m = concern.municipality_id;
    let category = cycles::categories(conn, m)
        .await?
        .into_iter()
        .find(|c| c.id == concern.category_id)
        .map(|c| (c.code, c.label))
        .ok_or(ServiceError::NotFound)?;
    let team = concern.team_id;
    let cycle = cycles::find(conn, team, concern.cycle_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(Status {
        reference: concern.reference,
        category,
        neighbourhood: concern.neighbourhood_id,
        status: concern.status.parse().unwrap_or(ConcernStatus::New),
        received_at: concern.created_at,
        cycle_ends_on: cycle.ends_on,
    })
}

/// The categories of `m` offered for new concerns (the default themes are added the first
/// time). Public: the list is on the report form.
pub async fn categories(
    ctx: &Ctx,
    m: domain::MunicipalityId,
) -> ServiceResult<Vec<cycles::CategoryRecord>> {
    let conn = ctx.store.conn();
    let mut categories = cycles::categories(conn, m).await?;
    if categories.is_empty() {
        let tx = ctx.store.begin_write().await?;
        cycles::ensure_default_categories(&tx, m).await?;
        tx.commit().await?;
        categories = cycles::categories(conn, m).await?;
    }
    categories.retain(|c| !c.archived);
    Ok(categories)
}

/// What the report form of `neighbourhood` offers: the categories and its streets.
pub async fn form(
    ctx: &Ctx,
    neighbourhood: &Neighbourhood,
) -> ServiceResult<(Vec<cycles::CategoryRecord>, Vec<(i64, String)>)> {
    let conn = ctx.store.conn();
    let categories = categories(ctx, neighbourhood.municipality).await?;
    let streets = store::repo::addresses::streets_in(conn, &[neighbourhood.id])
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    Ok((categories, streets))
}

/// How many public concerns the neighbourhood has, per status. Team-only and
/// police-restricted concerns are not counted on public pages.
pub async fn public_counts(
    ctx: &Ctx,
    neighbourhood: &Neighbourhood,
) -> ServiceResult<Vec<(ConcernStatus, u64)>> {
    let counts = concerns::public_counts(ctx.store.conn(), neighbourhood.id).await?;
    Ok(ConcernStatus::ALL
        .into_iter()
        .filter_map(|status| {
            counts
                .iter()
                .find(|(code, _)| code == status.code())
                .map(|(_, n)| (status, *n))
        })
        .collect())
}
