//! Routing rules for urgent concerns: a category (in one neighbourhood, or anywhere) goes
//! at once to an organisation (and department), whose mailbox hears of it.

use chrono::{DateTime, Utc};
use domain::{ConcernId, DepartmentId, MunicipalityId, NeighbourhoodId, OrganisationId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{concern, routing_rule};
use crate::error::{DbError, DbResult};

/// A rule as services see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Key.
    pub id: i64,
    /// The category it is for.
    pub category: i64,
    /// Only in this neighbourhood; `None` for anywhere.
    pub neighbourhood: Option<NeighbourhoodId>,
    /// Where it goes.
    pub organisation: OrganisationId,
    /// The department there, if any.
    pub department: Option<DepartmentId>,
    /// The mailbox that hears of it.
    pub email: String,
}

impl From<routing_rule::Model> for Rule {
    fn from(row: routing_rule::Model) -> Self {
        Rule {
            id: row.id,
            category: row.category_id,
            neighbourhood: row.neighbourhood_id.map(NeighbourhoodId),
            organisation: OrganisationId(row.organisation_id),
            department: row.department_id.map(DepartmentId),
            email: row.email,
        }
    }
}

/// The rules of `municipality`.
pub async fn rules(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<Rule>> {
    Ok(routing_rule::Entity::find()
        .filter(routing_rule::Column::MunicipalityId.eq(municipality.get()))
        .order_by_asc(routing_rule::Column::CategoryId)
        .order_by_asc(routing_rule::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(Rule::from)
        .collect())
}

/// Adds a rule (replacing one for the same category and neighbourhood).
pub async fn set_rule(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    rule: &Rule,
) -> DbResult<i64> {
    let mut existing = routing_rule::Entity::delete_many()
        .filter(routing_rule::Column::MunicipalityId.eq(municipality.get()))
        .filter(routing_rule::Column::CategoryId.eq(rule.category));
    existing = match rule.neighbourhood {
        Some(n) => existing.filter(routing_rule::Column::NeighbourhoodId.eq(n.get())),
        None => existing.filter(routing_rule::Column::NeighbourhoodId.is_null()),
    };
    existing.exec(conn).await.map_err(DbError::from_driver)?;
    let row = routing_rule::ActiveModel {
        municipality_id: Set(municipality.get()),
        category_id: Set(rule.category),
        neighbourhood_id: Set(rule.neighbourhood.map(NeighbourhoodId::get)),
        organisation_id: Set(rule.organisation.get()),
        department_id: Set(rule.department.map(DepartmentId::get)),
        email: Set(rule.email.clone()),
        ..Default::default()
    };
    super::insert_returning_id(conn, row).await
}

/// Removes rule `id` of `municipality`; `false` if there was none.
pub async fn remove_rule(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: i64,
) -> DbResult<bool> {
    Ok(routing_rule::Entity::delete_many()
        .filter(routing_rule::Column::MunicipalityId.eq(municipality.get()))
        .filter(routing_rule::Column::Id.eq(id))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?
        .rows_affected
        == 1)
}

/// The rule for an urgent concern of `category` in `neighbourhood`: the neighbourhood's
/// own rule, else the one for anywhere.
pub async fn rule_for(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    category: i64,
    neighbourhood: NeighbourhoodId,
) -> DbResult<Option<Rule>> {
    let candidates = routing_rule::Entity::find()
        .filter(routing_rule::Column::MunicipalityId.eq(municipality.get()))
        .filter(routing_rule::Column::CategoryId.eq(category))
        .all(conn)
        .await?;
    let own = candidates
        .iter()
        .find(|r| r.neighbourhood_id == Some(neighbourhood.get()));
    let anywhere = candidates.iter().find(|r| r.neighbourhood_id.is_none());
    Ok(own.or(anywhere).cloned().map(Rule::from))
}

/// Notes that concern `id` went to `organisation` at `now`.
pub async fn mark_routed(
    conn: &impl ConnectionTrait,
    id: ConcernId,
    organisation: OrganisationId,
    now: DateTime<Utc>,
) -> DbResult<()> {
    concern::Entity::update_many()
        .col_expr(
            concern::Column::RoutedToOrganisationId,
            Expr::value(organisation.get()),
        )
        .col_expr(concern::Column::RoutedAt, Expr::value(now))
        .filter(concern::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}
