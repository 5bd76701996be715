//! The inventory: concerns captured by the team (on a phone in the street, at the door) and
//! reported by residents on the web, and the team's list of them.
//!
//! Every concern belongs to a cycle of a team: the current one, which is the newest whose
//! meeting result is not yet published (publishing starts the next). A team without one
//! starts its first cycle on the day of its first concern, as long as its settings say.

pub mod agenda;
pub mod capture;
pub mod categories;
pub mod list;
pub mod map;
pub mod outreach;
pub mod report;
pub mod routing;

use chrono::{DateTime, Duration, Utc};
use domain::inventory::ConcernInput;
use domain::inventory::{ConcernDraft, ConcernStatus};
use domain::{MunicipalityId, NeighbourhoodId, fit};
use store::Tx;
use store::repo::audit::{self, AuditRecord};
use store::repo::concerns::{self, Contact, Inserted, NewConcern};
use store::repo::cycles;
use store::repo::{addresses, boundaries};

use crate::structure::input::{Checker, optional};
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// A stored concern, as the use cases return it.
pub use store::repo::concerns::ConcernRecord;
pub use store::repo::cycles::{CategoryRecord, CycleRecord};

/// Length of a cycle that starts by itself (the method's eight weeks).
pub const CYCLE_DAYS: i64 = 56;

/// How long a resident's contact details are kept at most.
pub const CONTACT_DAYS: i64 = store::personal::CONCERN_CONTACT_DAYS as i64;

pub(crate) use crate::error::problems;
pub use crate::scope::today_iso;
pub(crate) use crate::scope::{current_cycle, today};

/// A resident's contact details as typed, with the consent box.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ContactInput {
    /// Name.
    pub name: String,
    /// Phone number.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// The resident agreed to be contacted about this concern.
    pub consent: bool,
}

impl std::fmt::Debug for ContactInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactInput")
            .field("consent", &self.consent)
            .finish_non_exhaustive()
    }
}

impl ContactInput {
    /// `None` when nothing was given; the details when given with consent; errors else.
    pub(crate) fn check(&self, now: DateTime<Utc>) -> ServiceResult<Option<Contact>> {
        let name = optional(&self.name).map(str::to_owned);
        let given =
            name.is_some() || optional(&self.phone).is_some() || optional(&self.email).is_some();
        if !given {
            return Ok(None);
        }
        let mut checker = Checker::default();
        let clean_name = checker.clean("contact_name", &self.name, false);
        if clean_name && name.as_ref().is_some_and(|n| n.chars().count() > 120) {
            checker.reject("contact_name", "error-name-too-long");
        }
        let phone = optional(&self.phone).and_then(|p| checker.phone("contact_phone", p));
        let email = optional(&self.email)
            .and_then(|e| checker.email("contact_email", e))
            .map(|e| e.as_str().to_owned());
        if !self.consent {
            checker.reject("contact_consent", "error-contact-consent");
        }
        checker.finish()?;
        Ok(Some(Contact {
            name,
            phone,
            email,
            purpose: "feedback".to_owned(),
            consent_at: now,
            purge_after: now + Duration::days(CONTACT_DAYS),
        }))
    }
}

/// Checks that the place of a concern lies in `neighbourhood`: the street has an address
/// there, the point lies inside its boundary (when one is known).
pub(crate) async fn check_place(
    tx: &Tx,
    m: MunicipalityId,
    neighbourhood: NeighbourhoodId,
    draft: &domain::inventory::ConcernDraft,
) -> ServiceResult<()> {
    if let Some(street) = draft.street
        && !addresses::street_has_address_in(tx, street, neighbourhood).await?
    {
        return Err(ServiceError::invalid(
            "street",
            "error-concern-street-outside",
        ));
    }
    if let Some(point) = draft.point {
        let all = boundaries::boundaries(tx, m).await?;
        if let Some(outline) = all.iter().find(|b| b.neighbourhood == neighbourhood) {
            let inside = outline.boundary.contains(domain::boundary::GeoPoint {
                lat: point.lat,
                lon: point.lon,
            });
            if !inside {
                return Err(ServiceError::invalid("lat", "error-concern-point-outside"));
            }
        }
    }
    Ok(())
}

/// A client id as a phone makes it (a UUID), or a fresh one when none was sent.
pub(crate) fn client_id(raw: &str) -> ServiceResult<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(uuid::Uuid::new_v4().to_string());
    }
    let ok = raw.len() <= 64 && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(ServiceError::invalid(
            "client_id",
            "error-concern-client-id",
        ))
    }
}

/// A fresh public reference.
pub(crate) fn new_reference() -> String {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes[..8]);
    domain::inventory::reference(first)
}

/// A concern form's fields plus where it is for.
#[derive(Clone, Debug, Default)]
pub struct Placed {
    /// The neighbourhood (id as text), or empty when the team covers one.
    pub neighbourhood: String,
    /// The client's id for the concern (offline capture), or empty.
    pub client_id: String,
    /// The concern.
    pub concern: ConcernInput,
}

/// A checked concern to store, with what the audit log says of it.
pub(crate) struct ToStore<'a> {
    pub m: MunicipalityId,
    pub team: domain::TeamId,
    pub neighbourhood: NeighbourhoodId,
    pub client_id: &'a str,
    pub draft: &'a ConcernDraft,
    pub contact: Option<&'a Contact>,
    pub actor: &'a Actor,
    pub action: &'static str,
    pub detail: serde_json::Value,
    /// A resident's report: the network address it came from, claimed against the report
    /// limit in the same transaction (`limits::claim_report`).
    pub from: Option<&'a str>,
}

/// Stores a checked concern in its team's current cycle, with its contact details and an
/// audit entry, in one transaction; or finds the one stored before under its client id
/// (`false`).
pub(crate) async fn store_concern(
    ctx: &Ctx,
    item: ToStore<'_>,
) -> ServiceResult<(ConcernRecord, bool)> {
    let now = ctx.clock.now();
    let draft = item.draft;
    let tx = ctx.store.begin_write().await?;
    if let Some(ip) = item.from {
        // Before the team's turn: a flood from one address waits for itself only.
        crate::limits::claim_report(&tx, ip, now).await?;
    }
    // Two captures for one team at once must not both open the new cycle, nor both store a
    // resent concern: they take turns from here.
    store::repo::teams::lock(&tx, item.team).await?;
    cycles::ensure_default_categories(&tx, item.m).await?;
    let category = cycles::categories(&tx, item.m)
        .await?
        .into_iter()
        .find(|c| c.code == draft.category && !c.archived)
        .ok_or_else(|| ServiceError::invalid("category", "error-concern-category"))?;
    check_place(&tx, item.m, item.neighbourhood, draft).await?;
    let cycle = current_cycle(&tx, item.m, item.team, today(now), now).await?;
    let reference = new_reference();
    let new = NewConcern {
        municipality: item.m,
        team: item.team,
        neighbourhood: item.neighbourhood,
        cycle: cycle.id,
        client_id: item.client_id,
        reference: &reference,
        category: category.id,
        what: &draft.what,
        street: draft.street,
        houses: draft
            .houses
            .map(|h| Ok::<_, domain::OutOfRange>((fit(h.from, "house")?, fit(h.to, "house")?)))
            .transpose()?,
        landmark: draft.landmark.as_deref(),
        point: draft.point.map(|p| (p.lat, p.lon)),
        days: fit(draft.days.bits(), "weekdays")?,
        day_parts: fit(draft.day_parts.bits(), "day parts")?,
        since: draft.since.as_deref(),
        channel: draft.channel.code(),
        residents: fit(draft.residents, "residents")?,
        quick_win: draft.quick_win,
        urgent: draft.urgent,
        sensitivity: draft.sensitivity.code(),
        status: ConcernStatus::New.code(),
        created_by: item.actor.signed_in().map(|u| u.user),
    };
    let stored = match concerns::insert(&tx, &new, now).await? {
        Inserted::Existing(existing) => return Ok((existing, false)),
        Inserted::New(record) => record,
    };
    if let Some(contact) = item.contact {
        concerns::set_contact(&tx, stored.id, contact).await?;
    }
    if draft.urgent {
        routing::route(&tx, item.m, &stored, draft, &category, &ctx.public_url, now).await?;
    }
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(item.m),
            actor: item.actor.audit_name(),
            action: item.action.into(),
            entity: "concern".into(),
            entity_id: Some(stored.id.get()),
            detail: Some(item.detail),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((stored, true))
}
