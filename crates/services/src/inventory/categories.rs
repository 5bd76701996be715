//! The municipality's list of topics for concerns: the report's themes to start with, and
//! the coordinators' own. A topic no longer offered stays on the concerns that have it.

use domain::access::{Action, Scope};
use domain::{MunicipalityId, Slug};
use store::repo::audit::{self, AuditRecord};
use store::repo::cycles::{self, CategoryRecord};

use crate::structure::input::Checker;
use crate::{Actor, Ctx, ServiceError, ServiceResult};

/// Every category of `m`, offered or not, for those who keep the structure.
pub async fn all(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
) -> ServiceResult<Vec<CategoryRecord>> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    super::report::categories(ctx, m).await?;
    Ok(cycles::categories(ctx.store.conn(), m).await?)
}

/// A change to the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new topic of the municipality's own.
    Add(String),
    /// Offer a topic no longer, or again.
    Offer {
        /// The category.
        id: i64,
        /// Offered for new concerns.
        offered: bool,
    },
}

/// Changes the list of `m`; audited as `category.*`.
pub async fn change(
    ctx: &Ctx,
    actor: &Actor,
    m: MunicipalityId,
    change: &Change,
) -> ServiceResult<i64> {
    actor.authorize(Action::ManageStructure, &Scope::Municipality(m))?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let (action, id) = match change {
        Change::Add(name) => {
            let mut c = Checker::default();
            let name = c.name("name", name);
            c.finish()?;
            let name = name.unwrap_or_default();
            let code = Slug::from_name(&name)
                .map_err(|_| ServiceError::invalid("name", "error-name-letters"))?;
            let code = format!("own-{code}");
            if cycles::categories(&tx, m)
                .await?
                .iter()
                .any(|k| k.code == code)
            {
                return Err(ServiceError::invalid("name", "error-category-taken"));
            }
            (
                "category.add",
                cycles::add_category(&tx, m, &code, &name).await?,
            )
        }
        Change::Offer { id, offered } => {
            if !cycles::update_category(&tx, m, *id, None, !offered).await? {
                return Err(ServiceError::NotFound);
            }
            (
                if *offered {
                    "category.offer"
                } else {
                    "category.archive"
                },
                *id,
            )
        }
    };
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(m),
            actor: actor.audit_name(),
            action: action.into(),
            entity: "concern_category".into(),
            entity_id: Some(id),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
