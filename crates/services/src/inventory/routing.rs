//! Urgent concerns are not left for the cycle: a routing rule (by category, and by
//! neighbourhood when needed) names the partner or department that must hear at once, and
//! its mailbox gets an e-mail through the outbox in the same transaction as the concern.
//! Coordinators keep the rules.

use chrono::{DateTime, Utc};
use domain::access::{Action, Scope};
use domain::credentials::Email;
use domain::inventory::{ConcernDraft, Sensitivity};
use domain::org::OrganisationKind;
use domain::{DepartmentId, Locale, MunicipalityId, NeighbourhoodId, OrganisationId};
use render::mail::{MailText, UrgentConcern, UrgentConcernMail, UrgentPoliceConcernMail};
use store::Tx;
use store::repo::audit::{self, AuditRecord};
use store::repo::concerns::ConcernRecord;
use store::repo::cycles::CategoryRecord;
use store::repo::routing::{self, Rule};
use store::repo::{addresses, orgs, places, structure, teams};

use crate::structure::input::Checker;
use crate::{Actor, Ctx, ServiceError, ServiceResult, mail};

/// The rules of `m`, for those who keep the structure.
pub async fn rules(ctx: &Ctx, actor: &Actor, m: MunicipalityId) -> ServiceResult<Vec<Rule>> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    Ok(routing::rules(ctx.store.conn(), m).await?)
}

/// A rule as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct RuleInput {
    /// Category id.
    pub category: String,
    /// Neighbourhood id, or empty for anywhere.
    pub neighbourhood: String,
    /// Organisation id.
    pub organisation: String,
    /// Department id, or empty.
    pub department: String,
    /// The mailbox.
    pub email: String,
}

/// Sets a rule (replacing the one for the same category and neighbourhood); audited.
pub async fn set_rule(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    input: &RuleInput,
) -> ServiceResult<i64> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let mut c = Checker::default();
    let category = c.id("category", &input.category);
    let neighbourhood = match input.neighbourhood.trim() {
        "" => Some(None),
        raw => c.id("neighbourhood", raw).map(Some),
    };
    let organisation = c.id("organisation", &input.organisation);
    let department = match input.department.trim() {
        "" => Some(None),
        raw => c.id("department", raw).map(Some),
    };
    let email = c.email("email", &input.email);
    c.finish()?;
    let (Some(category), Some(neighbourhood), Some(organisation), Some(department), Some(email)) =
        (category, neighbourhood, organisation, department, email)
    else {
        return Err(ServiceError::invalid("category", "error-choose"));
    };
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let categories = store::repo::cycles::categories(&tx, m).await?;
    if !categories.iter().any(|k| k.id == category) {
        return Err(ServiceError::invalid("category", "error-choose"));
    }
    if let Some(n) = neighbourhood
        && structure::neighbourhoods_in(&tx, m, &[NeighbourhoodId(n)])
            .await?
            .is_empty()
    {
        return Err(ServiceError::invalid("neighbourhood", "error-choose"));
    }
    let organisation = OrganisationId(organisation);
    if !structure::organisation_in(&tx, m, organisation).await? {
        return Err(ServiceError::invalid("organisation", "error-choose"));
    }
    let rule = Rule {
        id: 0,
        category,
        neighbourhood: neighbourhood.map(NeighbourhoodId),
        organisation,
        department: department.map(DepartmentId),
        email: email.as_str().to_owned(),
    };
    let id = routing::set_rule(&tx, m, &rule).await?;
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(m),
            actor: actor.audit_name(),
            action: "routing.set".into(),
            entity: "routing_rule".into(),
            entity_id: Some(id),
            detail: Some(serde_json::json!({
                "category": category,
                "neighbourhood": neighbourhood,
                "organisation": organisation.get(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes rule `id`; audited. `NotFound` when `m` has no such rule.
pub async fn remove_rule(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    id: i64,
) -> ServiceResult<()> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let tx = ctx.store.begin_write().await?;
    if !routing::remove_rule(&tx, m, id).await? {
        return Err(ServiceError::NotFound);
    }
    audit::record(
        &tx,
        AuditRecord {
            at: ctx.clock.now(),
            municipality: Some(m),
            actor: actor.audit_name(),
            action: "routing.remove".into(),
            entity: "routing_rule".into(),
            entity_id: Some(id),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends an urgent concern where its rule says, in `tx`: marks it routed, queues the mail,
/// writes `concern.route`. Without a rule nothing happens (the team handles it). A
/// police-restricted concern only goes to a police organisation, and its mail says only that
/// there is an urgent concern for the police, with a link to it in the team's list
/// (`public_url` starts the link): no what, where or when, and the outbox shows it to the
/// police only.
pub(crate) async fn route(
    tx: &Tx,
    m: MunicipalityId,
    stored: &ConcernRecord,
    draft: &ConcernDraft,
    category: &CategoryRecord,
    public_url: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let neighbourhood = stored.neighbourhood_id;
    let Some(rule) = routing::rule_for(tx, m, category.id, neighbourhood).await? else {
        return Ok(());
    };
    let police_only = draft.sensitivity == Sensitivity::Police;
    if police_only && orgs::kind_of(tx, rule.organisation).await? != Some(OrganisationKind::Police)
    {
        return Ok(());
    }
    routing::mark_routed(tx, stored.id, rule.organisation, now).await?;
    let to: Email = rule.email.parse().map_err(|_| {
        ServiceError::Internal(anyhow::anyhow!("routing rule {}: bad address", rule.id))
    })?;
    if police_only {
        let text = police_mail(tx, m, stored, public_url).await?;
        mail::enqueue_police_only(tx, Some(m), &to, &text, now).await?;
    } else {
        let text = department_mail(tx, m, stored, draft, category).await?;
        mail::enqueue(tx, Some(m), &to, &text, now).await?;
    }
    audit::record(
        tx,
        AuditRecord {
            at: now,
            municipality: Some(m),
            actor: "system".into(),
            action: "concern.route".into(),
            entity: "concern".into(),
            entity_id: Some(stored.id.get()),
            detail: Some(serde_json::json!({
                "organisation": rule.organisation.get(),
                "department": rule.department.map(DepartmentId::get),
            })),
        },
    )
    .await?;
    Ok(())
}

/// The team's name and the link to the concern's page in its list.
async fn police_mail(
    tx: &Tx,
    m: MunicipalityId,
    stored: &ConcernRecord,
    public_url: &str,
) -> ServiceResult<MailText> {
    let slug = teams::team_key(tx, stored.team_id)
        .await?
        .map(|(_, slug)| slug)
        .ok_or_else(|| anyhow::anyhow!("concern {}: no team", stored.id))?;
    let team = teams::team_detail(tx, m, &slug)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    let link = format!("{public_url}/werk/{slug}/zorg/{}", stored.id);
    mail::rendered(UrgentPoliceConcernMail::new(Locale::Nl, &team, &link).to_mail())
}

/// What a department hears: enough to act, nothing about the resident.
async fn department_mail(
    tx: &Tx,
    m: MunicipalityId,
    stored: &ConcernRecord,
    draft: &ConcernDraft,
    category: &CategoryRecord,
) -> ServiceResult<MailText> {
    let neighbourhood = stored.neighbourhood_id;
    let i18n = render::I18n::new(Locale::Nl);
    let category_name =
        render::inventory::category_label(&i18n, &category.code, category.label.as_deref());
    let neighbourhood_name = places::neighbourhood_name(tx, neighbourhood)
        .await?
        .unwrap_or_default();
    let street = match stored.street_id {
        Some(id) => addresses::street_names(tx, &[id]).await?.remove(&id),
        None => None,
    };
    let place = render::inventory::place_text(
        street.as_deref(),
        stored.house_from.zip(stored.house_to),
        stored.landmark.as_deref(),
    );
    let timing =
        render::inventory::timing_text(&i18n, draft.days, draft.day_parts, draft.since.as_deref());
    let team = teams::team_key(tx, stored.team_id)
        .await?
        .map(|(_, slug)| slug);
    let detail = match &team {
        Some(slug) => teams::team_detail(tx, m, slug).await?,
        None => None,
    };
    let (team_name, team_contact) = detail.map_or_else(Default::default, |t| {
        let contact = [t.contact.phone, t.contact.email]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        (t.name, contact)
    });
    let concern = UrgentConcern {
        category: &category_name,
        neighbourhood: &neighbourhood_name,
        place: &place,
        timing: &timing,
        what: &stored.what,
        reference: &stored.reference,
        team: &team_name,
        team_contact: &team_contact,
    };
    mail::rendered(UrgentConcernMail::new(Locale::Nl, concern).to_mail())
}
