//! The team's list of concerns: filtered by cycle, category, street, channel, status and
//! sensitivity, newest first, a page at a time by key. Police-restricted concerns are left
//! out for everyone outside the police, and so are their counts.

use domain::access::{Action, may_see_concern};
use domain::inventory::{
    Channel, ConcernStatus, DayPart, DayParts, Sensitivity, Weekday, Weekdays,
};
use domain::structure::TeamDetail;
use domain::{ConcernId, CycleId};
use store::repo::addresses;
use store::repo::concerns::{self, Filter};
use store::repo::cycles::{self, CategoryRecord, CycleRecord};

use crate::scope::TeamScope;
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// Concerns per page.
pub const PAGE: u64 = 50;

/// What the list is asked to show (codes and ids as the query string has them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Cycle id.
    pub cycle: Option<CycleId>,
    /// Category id.
    pub category: Option<i64>,
    /// Street id.
    pub street: Option<i64>,
    /// Channel code.
    pub channel: Option<String>,
    /// Status code.
    pub status: Option<String>,
    /// Sensitivity code.
    pub sensitivity: Option<String>,
    /// Continue below this key.
    pub before: Option<ConcernId>,
}

/// One concern in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Key.
    pub id: ConcernId,
    /// Public reference.
    pub reference: String,
    /// Category code and own name.
    pub category: (String, Option<String>),
    /// What is the matter.
    pub what: String,
    /// Street name, if any.
    pub street: Option<String>,
    /// House numbers.
    pub houses: Option<(i32, i32)>,
    /// Landmark.
    pub landmark: Option<String>,
    /// Days.
    pub days: Weekdays,
    /// Parts of the day.
    pub day_parts: DayParts,
    /// Since when.
    pub since: Option<String>,
    /// Channel.
    pub channel: Channel,
    /// Residents.
    pub residents: i32,
    /// Quick win.
    pub quick_win: bool,
    /// Urgent.
    pub urgent: bool,
    /// Who may see it.
    pub sensitivity: Sensitivity,
    /// Where it stands.
    pub status: ConcernStatus,
    /// The cycle's number.
    pub cycle: i32,
    /// When it was captured.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A page of the list with what its filter form offers.
#[derive(Clone, Debug)]
pub struct ListPage {
    /// The team.
    pub team: TeamDetail,
    /// The concerns.
    pub rows: Vec<Row>,
    /// The key to continue below, when there are more.
    pub next: Option<ConcernId>,
    /// The team's cycles, newest first.
    pub cycles: Vec<CycleRecord>,
    /// The categories.
    pub categories: Vec<CategoryRecord>,
    /// The team's streets.
    pub streets: Vec<(i64, String)>,
    /// The sensitivities this visitor may see.
    pub visible: Vec<Sensitivity>,
}

/// The sensitivities the actor of `scope` may see in the team's records.
pub(crate) fn visible(scope: &TeamScope) -> Vec<Sensitivity> {
    let principal = match scope.actor() {
        // The operator's own tools see everything; residents see no team's records.
        Actor::Cli | Actor::System => return Sensitivity::ALL.to_vec(),
        Actor::Public => return Vec::new(),
        Actor::User(user) => domain::access::Principal::SignedIn((**user).clone()),
    };
    Sensitivity::ALL
        .into_iter()
        .filter(|s| may_see_concern(&principal, *s, &scope.access()))
        .collect()
}

/// The concerns of the team that `actor` may see, by `query`.
pub async fn list(ctx: &Ctx, scope: &TeamScope, query: &Query) -> ServiceResult<ListPage> {
    let team = scope.team_for(Action::ViewTeamInternal)?.clone();
    let (visible, filter) = filter_for(scope, query)?;
    let conn = ctx.store.conn();
    let cycles = cycles::list(conn, team.id).await?;
    let categories = cycles::categories(conn, scope.municipality()).await?;
    let neighbourhoods: Vec<_> = team.neighbourhoods.iter().map(|(id, _)| *id).collect();
    let streets: Vec<(i64, String)> = addresses::streets_in(conn, &neighbourhoods)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    let mut records = if filter.sensitivities.is_empty() {
        Vec::new()
    } else {
        concerns::list(conn, team.id, &filter, query.before, PAGE).await?
    };
    let more = records.len() > usize::try_from(PAGE).unwrap_or(usize::MAX);
    records.truncate(usize::try_from(PAGE).unwrap_or(usize::MAX));
    let next = if more {
        records.last().map(|r| r.id)
    } else {
        None
    };
    let street_ids: Vec<i64> = records.iter().filter_map(|r| r.street_id).collect();
    let street_names = addresses::street_names(conn, &street_ids).await?;
    let rows = records
        .into_iter()
        .map(|r| row_of(r, &categories, &cycles, &street_names))
        .collect();
    Ok(ListPage {
        team,
        rows,
        next,
        cycles,
        categories,
        streets,
        visible,
    })
}

/// The sensitivities the actor may see in the team, and the store's filter for `query` within
/// them (the list's and the team map's). Asking for what one may not see shows nothing, like
/// asking for nothing; an unknown sensitivity is not found.
pub(super) fn filter_for(
    scope: &TeamScope,
    query: &Query,
) -> ServiceResult<(Vec<Sensitivity>, Filter)> {
    let visible = visible(scope);
    let sensitivities: Vec<&'static str> = match &query.sensitivity {
        None => visible.iter().map(|s| s.code()).collect(),
        Some(code) => {
            let wanted = code
                .parse::<Sensitivity>()
                .map_err(|_| ServiceError::NotFound)?;
            visible
                .iter()
                .filter(|s| **s == wanted)
                .map(|s| s.code())
                .collect()
        }
    };
    let filter = Filter {
        cycle: query.cycle,
        category: query.category,
        street: query.street,
        channel: query.channel.clone(),
        status: query.status.clone(),
        sensitivities,
    };
    Ok((visible, filter))
}

/// A stored concern as the list shows it.
fn row_of(
    r: store::repo::concerns::ConcernRecord,
    categories: &[CategoryRecord],
    cycles: &[CycleRecord],
    street_names: &std::collections::HashMap<i64, String>,
) -> Row {
    Row {
        id: r.id,
        reference: r.reference,
        category: categories
            .iter()
            .find(|c| c.id == r.category_id)
            .map_or_else(
                || ("other".to_owned(), None),
                |c| (c.code.clone(), c.label.clone()),
            ),
        what: r.what,
        street: r.street_id.and_then(|s| street_names.get(&s).cloned()),
        houses: r.house_from.zip(r.house_to),
        landmark: r.landmark,
        days: Weekdays::from_bits(i64::from(r.days)),
        day_parts: DayParts::from_bits(i64::from(r.day_parts)),
        since: r.since,
        channel: r.channel.parse().unwrap_or(Channel::Other),
        residents: r.residents,
        quick_win: r.quick_win,
        urgent: r.urgent,
        sensitivity: r.sensitivity.parse().unwrap_or(Sensitivity::Police),
        status: r.status.parse().unwrap_or(ConcernStatus::New),
        cycle: cycles
            .iter()
            .find(|c| c.id == r.cycle_id)
            .map_or(0, |c| c.number),
        created_at: r.created_at,
    }
}

/// One concern with what only its page shows.
#[derive(Clone, Debug)]
pub struct Detail {
    /// The team.
    pub team: TeamDetail,
    /// The concern.
    pub row: Row,
    /// The resident's contact details, for those who may see them.
    pub contact: Option<store::repo::concerns::Contact>,
    /// When it was passed on as urgent.
    pub routed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether the visitor may change it.
    pub can_edit: bool,
}

/// Concern `id` of the team, if the visitor may see it (else `NotFound`: a
/// police-restricted concern does not exist for those outside the police).
pub async fn detail(ctx: &Ctx, scope: &TeamScope, id: ConcernId) -> ServiceResult<Detail> {
    let team = scope.team_for(Action::ViewTeamInternal)?.clone();
    let conn = ctx.store.conn();
    let record = concerns::find(conn, scope.municipality(), id)
        .await?
        .filter(|c| c.team_id == team.id)
        .ok_or(ServiceError::NotFound)?;
    let sensitivity: Sensitivity = record.sensitivity.parse().unwrap_or(Sensitivity::Police);
    if !visible(scope).contains(&sensitivity) {
        return Err(ServiceError::NotFound);
    }
    let contact = if scope.may(Action::ViewPersonalData) {
        concerns::contact(conn, id).await?
    } else {
        None
    };
    let categories = cycles::categories(conn, scope.municipality()).await?;
    let all_cycles = cycles::list(conn, team.id).await?;
    let street_names =
        addresses::street_names(conn, &record.street_id.into_iter().collect::<Vec<_>>()).await?;
    let routed_at = record.routed_at;
    Ok(Detail {
        can_edit: scope.may(Action::EditTeam),
        row: row_of(record, &categories, &all_cycles, &street_names),
        contact,
        routed_at,
        team,
    })
}

/// Sets who may see concern `id` (the team decides about residents' reports); audited with
/// the value before and after.
pub async fn set_sensitivity(
    ctx: &Ctx,
    scope: &TeamScope,
    id: ConcernId,
    raw: &str,
) -> ServiceResult<()> {
    let current = detail(ctx, scope, id).await?;
    if !current.can_edit {
        return Err(ServiceError::Forbidden);
    }
    let wanted = raw
        .trim()
        .parse::<Sensitivity>()
        .map_err(|_| ServiceError::invalid("sensitivity", "error-concern-choice"))?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    concerns::set_sensitivity(&tx, id, wanted.code(), now).await?;
    store::repo::audit::record(
        &tx,
        store::repo::audit::AuditRecord {
            at: now,
            municipality: Some(scope.municipality()),
            actor: scope.actor().audit_name(),
            action: "concern.sensitivity".into(),
            entity: "concern".into(),
            entity_id: Some(id.get()),
            detail: Some(serde_json::json!({
                "before": current.row.sensitivity.code(),
                "after": wanted.code(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The concerns of `query` (every page) as CSV, UTF-8 with a header row: what the list shows,
/// with the resident's contact details only for those who may see personal data of the team.
/// Every cell is quoted and defused (`render::spreadsheet`), so none runs as a formula.
pub async fn export(ctx: &Ctx, scope: &TeamScope, query: &Query) -> ServiceResult<String> {
    let mut query = query.clone();
    let first = list(ctx, scope, &query).await?;
    let personal = scope.may(Action::ViewPersonalData);
    let mut out = render::spreadsheet::Sheet::new();
    let mut header = vec![
        "reference",
        "noted_at",
        "cycle",
        "category",
        "what",
        "street",
        "house_from",
        "house_to",
        "landmark",
        "days",
        "day_parts",
        "since",
        "channel",
        "residents",
        "quick_win",
        "urgent",
        "sensitivity",
        "status",
    ];
    if personal {
        header.extend(["contact_name", "contact_phone", "contact_email"]);
    }
    let fail = |e: render::spreadsheet::SheetError| ServiceError::Internal(e.into());
    out.row(&header).map_err(fail)?;
    let mut page = first;
    loop {
        for row in &page.rows {
            let codes = |items: Vec<&'static str>| items.join(" ");
            let mut record = vec![
                row.reference.clone(),
                row.created_at.to_rfc3339(),
                row.cycle.to_string(),
                row.category.0.clone(),
                row.what.clone(),
                row.street.clone().unwrap_or_default(),
                row.houses.map(|h| h.0.to_string()).unwrap_or_default(),
                row.houses.map(|h| h.1.to_string()).unwrap_or_default(),
                row.landmark.clone().unwrap_or_default(),
                codes(row.days.iter().map(Weekday::code).collect()),
                codes(row.day_parts.iter().map(DayPart::code).collect()),
                row.since.clone().unwrap_or_default(),
                row.channel.code().to_owned(),
                row.residents.to_string(),
                row.quick_win.to_string(),
                row.urgent.to_string(),
                row.sensitivity.code().to_owned(),
                row.status.code().to_owned(),
            ];
            if personal {
                let contact = store::repo::concerns::contact(ctx.store.conn(), row.id).await?;
                let contact = contact.as_ref();
                for value in [
                    contact.and_then(|c| c.name.as_deref()),
                    contact.and_then(|c| c.phone.as_deref()),
                    contact.and_then(|c| c.email.as_deref()),
                ] {
                    record.push(value.unwrap_or_default().to_owned());
                }
            }
            out.row(&record).map_err(fail)?;
        }
        let Some(next) = page.next else {
            break;
        };
        query.before = Some(next);
        page = list(ctx, scope, &query).await?;
    }
    out.finish().map_err(fail)
}
