//! People, their accounts and roles.

use domain::access::Role;
use domain::credentials::Email;
use domain::{MunicipalityId, OrganisationId, PersonId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{account, account_role, person};
use crate::error::{DbError, DbResult};

/// What is needed to register a person.
#[derive(Clone, Debug)]
pub struct NewPerson<'a> {
    /// Tenant.
    pub municipality: MunicipalityId,
    /// Full name as colleagues know it.
    pub name: &'a str,
    /// Work e-mail, if known.
    pub email: Option<&'a Email>,
    /// Work phone, if known.
    pub phone: Option<&'a str>,
    /// Employer.
    pub organisation: Option<OrganisationId>,
    /// Function code (`domain::access::StaffFunction`).
    pub function: &'a str,
    /// Part of the demo data set.
    pub is_demo: bool,
}

/// Registers a person.
pub async fn create_person(
    conn: &impl ConnectionTrait,
    new: &NewPerson<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<PersonId> {
    let row = person::ActiveModel {
        municipality_id: Set(new.municipality.get()),
        name: Set(new.name.to_owned()),
        email: Set(new.email.map(|e| e.as_str().to_owned())),
        phone: Set(new.phone.map(str::to_owned)),
        organisation_id: Set(new.organisation.map(OrganisationId::get)),
        department_id: Set(None),
        function: Set(new.function.to_owned()),
        is_demo: Set(new.is_demo),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(PersonId(super::insert_returning_id(conn, row).await?))
}

/// Places `person` in `department` (of their organisation), or in none.
pub async fn set_department(
    conn: &impl ConnectionTrait,
    person: PersonId,
    department: Option<domain::DepartmentId>,
) -> DbResult<()> {
    person::Entity::update_many()
        .col_expr(
            person::Column::DepartmentId,
            sea_orm::sea_query::Expr::value(department.map(domain::DepartmentId::get)),
        )
        .filter(person::Column::Id.eq(person.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// An account as sign-in and authorisation need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRecord {
    /// Key.
    pub id: UserId,
    /// The person behind it.
    pub person: PersonId,
    /// Tenant.
    pub municipality: MunicipalityId,
    /// Display name (from the person).
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// PHC string; `None` while an invitation is pending.
    pub password_hash: Option<String>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Sessions begun before this moment are over.
    pub sessions_valid_after: Option<chrono::DateTime<chrono::Utc>>,
    /// Roles in the municipality.
    pub roles: Vec<Role>,
    /// Employer of the person.
    pub organisation: Option<OrganisationId>,
}

/// Creates an account for a person with these roles.
pub async fn create_account(
    conn: &impl ConnectionTrait,
    person: PersonId,
    municipality: MunicipalityId,
    email: &Email,
    password_hash: Option<String>,
    roles: &[Role],
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<UserId> {
    let row = account::ActiveModel {
        person_id: Set(person.get()),
        municipality_id: Set(municipality.get()),
        email: Set(email.as_str().to_owned()),
        password_hash: Set(password_hash),
        disabled: Set(false),
        created_at: Set(now),
        last_sign_in_at: Set(None),
        sessions_valid_after: Set(None),
        ..Default::default()
    };
    let id = UserId(super::insert_returning_id(conn, row).await?);
    for role in roles {
        let row = account_role::ActiveModel {
            account_id: Set(id.get()),
            role: Set(role.code().to_owned()),
        };
        account_role::Entity::insert(row)
            .exec_without_returning(conn)
            .await
            .map_err(DbError::from_driver)?;
    }
    Ok(id)
}

/// The account signing in with this address.
pub async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &Email,
) -> DbResult<Option<AccountRecord>> {
    let row = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?;
    match row {
        Some(row) => Ok(Some(complete(conn, row).await?)),
        None => Ok(None),
    }
}

/// The account with this id.
pub async fn find(conn: &impl ConnectionTrait, id: UserId) -> DbResult<Option<AccountRecord>> {
    match account::Entity::find_by_id(id.get()).one(conn).await? {
        Some(row) => Ok(Some(complete(conn, row).await?)),
        None => Ok(None),
    }
}

/// Ends every session of the account begun before `now` (the web layer compares).
pub async fn end_sessions_before(
    conn: &impl ConnectionTrait,
    id: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<()> {
    account::Entity::update_many()
        .col_expr(
            account::Column::SessionsValidAfter,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(account::Column::Id.eq(id.get()))
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// Notes a successful sign-in.
pub async fn touch_sign_in(
    conn: &impl ConnectionTrait,
    id: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<()> {
    let row = account::ActiveModel {
        id: Set(id.get()),
        last_sign_in_at: Set(Some(now)),
        ..Default::default()
    };
    account::Entity::update(row)
        .exec(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

async fn complete(conn: &impl ConnectionTrait, row: account::Model) -> DbResult<AccountRecord> {
    let person = person::Entity::find_by_id(row.person_id)
        .one(conn)
        .await?
        .ok_or_else(|| DbError::Conflict(format!("account {} has no person", row.id)))?;
    let roles = account_role::Entity::find()
        .filter(account_role::Column::AccountId.eq(row.id))
        .order_by_asc(account_role::Column::Role)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|r| r.role.parse().ok())
        .collect();
    Ok(AccountRecord {
        id: UserId(row.id),
        person: PersonId(row.person_id),
        municipality: MunicipalityId(row.municipality_id),
        name: person.name,
        email: row.email,
        password_hash: row.password_hash,
        disabled: row.disabled,
        sessions_valid_after: row.sessions_valid_after,
        roles,
        organisation: person.organisation_id.map(OrganisationId),
    })
}

/// The teams a person is a member of.
pub async fn team_memberships(
    conn: &impl ConnectionTrait,
    person: PersonId,
) -> DbResult<Vec<domain::TeamId>> {
    use crate::entity::team_member;
    Ok(team_member::Entity::find()
        .filter(team_member::Column::PersonId.eq(person.get()))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| domain::TeamId(row.team_id))
        .collect())
}

/// The project and steering groups a person is a member of.
pub async fn group_memberships(
    conn: &impl ConnectionTrait,
    person: PersonId,
) -> DbResult<Vec<domain::GroupId>> {
    use crate::entity::work_group_member;
    Ok(work_group_member::Entity::find()
        .filter(work_group_member::Column::PersonId.eq(person.get()))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| domain::GroupId(row.group_id))
        .collect())
}

/// The person of the municipality with exactly this name (the first, if several).
pub async fn find_person_by_name(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    name: &str,
) -> DbResult<Option<PersonId>> {
    Ok(person::Entity::find()
        .filter(person::Column::MunicipalityId.eq(municipality.get()))
        .filter(person::Column::Name.eq(name))
        .order_by_asc(person::Column::Id)
        .one(conn)
        .await?
        .map(|p| PersonId(p.id)))
}

/// Every account of a municipality, by name.
pub async fn list_accounts(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<AccountRecord>> {
    let rows = account::Entity::find()
        .filter(account::Column::MunicipalityId.eq(municipality.get()))
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(complete(conn, row).await?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(out)
}
