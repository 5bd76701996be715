//! The long list for the neighbourhood meeting: the team's concerns of a cycle grouped into
//! agenda items. The system suggests groups (same category, same street or close together,
//! shared words: `domain::suggest`); a person confirms. A concern
//! sits under at most one item and, taken out, is back among the ungrouped: none is lost or
//! counted twice.

use std::collections::BTreeMap;

use domain::access::Action;
use domain::inventory::{Channel, ConcernStatus};
use domain::structure::TeamDetail;
use domain::{AgendaItemId, ConcernId, CycleId, MunicipalityId};
use store::repo::agenda::{self, Item};
use store::repo::audit::{self, AuditRecord};
use store::repo::concerns::{self, ConcernRecord, Filter};
use store::repo::cycles::{self, CategoryRecord, CycleRecord};

use super::list::visible;
use crate::scope::TeamScope;
use crate::{Ctx, ServiceError, ServiceResult};

/// Most concerns one list considers (far more than a cycle ever has).
const MAX_CONCERNS: u64 = 10_000;

/// An item with what it stands for.
#[derive(Clone, Debug)]
pub struct ItemView {
    /// The item.
    pub item: Item,
    /// Its concerns (those the visitor may see).
    pub concerns: Vec<ConcernRecord>,
    /// Residents they stand for.
    pub residents: i64,
    /// How many came in through each channel.
    pub channels: Vec<(Channel, usize)>,
}

/// Why concerns are suggested together.
#[derive(Clone, Debug)]
pub enum SuggestionReason {
    /// They share this category.
    Category(CategoryRecord),
    /// They are about this street (across categories).
    Street(String),
    /// Their points are close together.
    Nearby,
    /// They share this word.
    Words(String),
}

/// A suggested group of ungrouped concerns.
#[derive(Clone, Debug)]
pub struct Suggestion {
    /// Why.
    pub reason: SuggestionReason,
    /// The concerns.
    pub concerns: Vec<ConcernId>,
}

/// The suggestions for `ungrouped`, with categories and streets named.
async fn suggestions(
    ctx: &Ctx,
    ungrouped: &[ConcernRecord],
    categories: &[CategoryRecord],
) -> ServiceResult<Vec<Suggestion>> {
    let candidates: Vec<domain::suggest::Candidate<'_>> = ungrouped
        .iter()
        .map(|c| domain::suggest::Candidate {
            id: c.id,
            category: c.category_id,
            street: c.street_id,
            point: c.latitude.zip(c.longitude),
            what: &c.what,
        })
        .collect();
    let groups = domain::suggest::suggest(&candidates);
    let street_ids: Vec<i64> = groups
        .iter()
        .filter_map(|g| match g.reason {
            domain::suggest::Reason::Street(id) => Some(id),
            _ => None,
        })
        .collect();
    let streets = store::repo::addresses::street_names(ctx.store.conn(), &street_ids).await?;
    Ok(groups
        .into_iter()
        .filter_map(|group| {
            let reason = match group.reason {
                domain::suggest::Reason::Category(id) => {
                    SuggestionReason::Category(categories.iter().find(|c| c.id == id)?.clone())
                }
                domain::suggest::Reason::Street(id) => {
                    SuggestionReason::Street(streets.get(&id)?.clone())
                }
                domain::suggest::Reason::Nearby => SuggestionReason::Nearby,
                domain::suggest::Reason::Words(word) => SuggestionReason::Words(word),
            };
            Some(Suggestion {
                reason,
                concerns: group.ids,
            })
        })
        .collect())
}

/// The long list of a team's cycle.
#[derive(Clone, Debug)]
pub struct AgendaView {
    /// The team.
    pub team: TeamDetail,
    /// The cycle (the current one, else the latest), if any.
    pub cycle: Option<CycleRecord>,
    /// The items, in order.
    pub items: Vec<ItemView>,
    /// Concerns under no item yet.
    pub ungrouped: Vec<ConcernRecord>,
    /// Suggested groups of the ungrouped.
    pub suggestions: Vec<Suggestion>,
    /// The categories, to name them.
    pub categories: Vec<CategoryRecord>,
    /// Whether the visitor may change the list.
    pub can_prepare: bool,
}

fn channels_of(concerns: &[ConcernRecord]) -> Vec<(Channel, usize)> {
    let mut counts: BTreeMap<usize, (Channel, usize)> = BTreeMap::new();
    for concern in concerns {
        let channel = concern.channel.parse().unwrap_or(Channel::Other);
        let index = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
        counts.entry(index).or_insert((channel, 0)).1 += 1;
    }
    counts.into_values().collect()
}

/// The cycle an agenda is for: the current one, else the latest.
async fn agenda_cycle(ctx: &Ctx, team: &TeamDetail) -> ServiceResult<Option<CycleRecord>> {
    let all = cycles::list(ctx.store.conn(), team.id).await?;
    Ok(crate::scope::current(&all).or_else(|| all.first().copied()))
}

/// The long list of the team.
pub async fn view(ctx: &Ctx, scope: &TeamScope) -> ServiceResult<AgendaView> {
    let team = scope.team_for(Action::ViewTeamInternal)?.clone();
    let can_prepare = scope.may(Action::PrepareAgenda);
    let conn = ctx.store.conn();
    let categories = cycles::categories(conn, scope.municipality()).await?;
    let Some(cycle) = agenda_cycle(ctx, &team).await? else {
        return Ok(AgendaView {
            team,
            cycle: None,
            items: Vec::new(),
            ungrouped: Vec::new(),
            suggestions: Vec::new(),
            categories,
            can_prepare,
        });
    };
    let filter = Filter {
        cycle: Some(cycle.id),
        sensitivities: visible(scope).iter().map(|s| s.code()).collect(),
        ..Filter::default()
    };
    let mut all = if filter.sensitivities.is_empty() {
        Vec::new()
    } else {
        concerns::list(conn, team.id, &filter, None, MAX_CONCERNS).await?
    };
    all.reverse(); // oldest first reads like the inventory went
    let items = agenda::items(conn, team.id, cycle.id)
        .await?
        .into_iter()
        .map(|item| {
            let concerns: Vec<ConcernRecord> = all
                .iter()
                .filter(|c| c.agenda_item_id == Some(item.id))
                .cloned()
                .collect();
            ItemView {
                residents: concerns.iter().map(|c| i64::from(c.residents)).sum(),
                channels: channels_of(&concerns),
                concerns,
                item,
            }
        })
        .collect();
    let ungrouped: Vec<ConcernRecord> = all
        .into_iter()
        .filter(|c| c.agenda_item_id.is_none())
        .collect();
    let suggestions = suggestions(ctx, &ungrouped, &categories).await?;
    Ok(AgendaView {
        team,
        cycle: Some(cycle),
        items,
        ungrouped,
        suggestions,
        categories,
        can_prepare,
    })
}

/// A change to the long list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new item with these concerns (taken from wherever they were).
    Create {
        /// Its title.
        title: String,
        /// Its concerns.
        concerns: Vec<ConcernId>,
    },
    /// A new title.
    Rename {
        /// The item.
        item: AgendaItemId,
        /// The title.
        title: String,
    },
    /// One place up.
    Up(AgendaItemId),
    /// One place down.
    Down(AgendaItemId),
    /// All concerns of `item` go to `into`; `item` goes.
    Merge {
        /// The item that goes.
        item: AgendaItemId,
        /// The item that stays.
        into: AgendaItemId,
    },
    /// A concern back to the ungrouped.
    Release(ConcernId),
}

fn title_of(raw: &str) -> ServiceResult<String> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(ServiceError::invalid("title", "error-agenda-title"));
    }
    if title.chars().count() > 200 {
        return Err(ServiceError::invalid("title", "error-concern-too-long"));
    }
    Ok(title.to_owned())
}

/// Changes the long list of the team; audited as `agenda.*`.
pub async fn change(ctx: &Ctx, scope: &TeamScope, change: &Change) -> ServiceResult<()> {
    let team = scope.team_for(Action::PrepareAgenda)?;
    let view = view(ctx, scope).await?;
    let Some(cycle) = view.cycle else {
        return Err(ServiceError::NotFound);
    };
    // Once the meeting opens, the ballot is the list as it was: it no longer changes.
    if store::repo::meetings::for_cycle(ctx.store.conn(), cycle.id)
        .await?
        .is_some_and(|m| m.state != domain::meeting::MeetingState::Planned)
    {
        return Err(ServiceError::invalid("agenda", "error-agenda-frozen"));
    }
    let item_ids: Vec<AgendaItemId> = view.items.iter().map(|i| i.item.id).collect();
    // Only concerns the visitor can see in this cycle can be moved.
    let seen: Vec<ConcernId> = view
        .ungrouped
        .iter()
        .map(|c| c.id)
        .chain(
            view.items
                .iter()
                .flat_map(|i| i.concerns.iter().map(|c| c.id)),
        )
        .collect();
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let (action, entity_id) = apply(
        &tx,
        &Lists {
            m: scope.municipality(),
            team: team.id,
            cycle: cycle.id,
            items: &item_ids,
            seen: &seen,
        },
        change,
        now,
    )
    .await?;
    // An item left without concerns goes.
    for id in &item_ids {
        if agenda::concerns_of(&tx, *id).await?.is_empty() {
            agenda::delete(&tx, *id).await?;
        }
    }
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(scope.municipality()),
            actor: scope.actor().audit_name(),
            action: action.into(),
            entity: "agenda_item".into(),
            entity_id: Some(entity_id),
            detail: Some(serde_json::json!({ "team": team.id.get(), "cycle": cycle.number })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a change works on.
struct Lists<'a> {
    m: MunicipalityId,
    team: domain::TeamId,
    cycle: CycleId,
    items: &'a [AgendaItemId],
    seen: &'a [ConcernId],
}

impl Lists<'_> {
    fn known(&self, id: AgendaItemId) -> ServiceResult<AgendaItemId> {
        if self.items.contains(&id) {
            Ok(id)
        } else {
            Err(ServiceError::NotFound)
        }
    }
}

/// Applies `change` in `tx`; returns the audit action and the entity it touched.
async fn apply(
    tx: &store::Tx,
    lists: &Lists<'_>,
    change: &Change,
    now: chrono::DateTime<chrono::Utc>,
) -> ServiceResult<(&'static str, i64)> {
    Ok(match change {
        Change::Create { title, concerns } => {
            let title = title_of(title)?;
            if concerns.is_empty() || concerns.iter().any(|c| !lists.seen.contains(c)) {
                return Err(ServiceError::invalid("concerns", "error-agenda-concerns"));
            }
            let id = agenda::create(tx, lists.m, lists.team, lists.cycle, &title, now).await?;
            agenda::assign(
                tx,
                lists.team,
                concerns,
                Some(id),
                ConcernStatus::OnAgenda.code(),
                now,
            )
            .await?;
            ("agenda.create", id.get())
        }
        Change::Rename { item, title } => {
            let item = lists.known(*item)?;
            agenda::rename(tx, item, &title_of(title)?).await?;
            ("agenda.rename", item.get())
        }
        Change::Up(item) | Change::Down(item) => {
            let item = lists.known(*item)?;
            let at = lists.items.iter().position(|i| *i == item).unwrap_or(0);
            let other = if matches!(change, Change::Up(_)) {
                at.checked_sub(1)
            } else {
                Some(at + 1).filter(|n| *n < lists.items.len())
            };
            if let Some(other) = other {
                // Positions become the list order, with the two swapped.
                let mut order = lists.items.to_vec();
                order.swap(at, other);
                for (n, id) in order.iter().enumerate() {
                    agenda::set_position(tx, *id, domain::fit(n + 1, "agenda position")?).await?;
                }
            }
            ("agenda.move", item.get())
        }
        Change::Merge { item, into } => {
            let (item, into) = (lists.known(*item)?, lists.known(*into)?);
            if item == into {
                return Err(ServiceError::invalid("into", "error-choose"));
            }
            let moving = agenda::concerns_of(tx, item).await?;
            agenda::assign(
                tx,
                lists.team,
                &moving,
                Some(into),
                ConcernStatus::OnAgenda.code(),
                now,
            )
            .await?;
            agenda::delete(tx, item).await?;
            ("agenda.merge", into.get())
        }
        Change::Release(concern) => {
            if !lists.seen.contains(concern) {
                return Err(ServiceError::NotFound);
            }
            agenda::assign(
                tx,
                lists.team,
                &[*concern],
                None,
                ConcernStatus::New.code(),
                now,
            )
            .await?;
            ("agenda.release", concern.get())
        }
    })
}
