//! Creating accounts for staff of the partner organisations.

use domain::access::Role;
use domain::credentials::{Email, NewPassword, PasswordError};
use domain::{Slug, UserId};
use store::repo::{accounts, audit, places};

use crate::{Actor, Ctx, FieldError, ServiceError, ServiceResult, passwords};

/// A new account as an operator or coordinator types it.
#[derive(Clone)]
pub struct NewAccount {
    /// Slug of the municipality the account works in.
    pub municipality: String,
    /// Sign-in address.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role code (`domain::access::Role`).
    pub role: String,
    /// Function code (`domain::access::StaffFunction`), e.g. `project-leader`.
    pub function: String,
    /// Initial password (the web flow will send an invitation link instead).
    pub password: String,
}

impl std::fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAccount")
            .field("municipality", &self.municipality)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

struct Checked {
    municipality: Slug,
    email: Email,
    role: Role,
    password: NewPassword,
}

fn check(input: &NewAccount) -> Result<Checked, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, message_key| errors.push(FieldError { field, message_key });
    let municipality = input.municipality.parse::<Slug>().ok();
    if municipality.is_none() {
        fail("municipality", "error-municipality-unknown");
    }
    let email = input.email.parse::<Email>().ok();
    if email.is_none() {
        fail("email", "error-email-invalid");
    }
    if input.name.trim().is_empty() {
        fail("name", "error-name-required");
    }
    let role = input.role.parse::<Role>().ok();
    if role.is_none() {
        fail("role", "error-role-unknown");
    }
    if input
        .function
        .parse::<domain::access::StaffFunction>()
        .is_err()
    {
        fail("function", "error-function-unknown");
    }
    let password = NewPassword::parse(&input.password).map_err(|e| match e {
        PasswordError::TooShort => "error-password-too-short",
        PasswordError::TooLong => "error-password-too-long",
        PasswordError::TooSimple => "error-password-too-simple",
    });
    if let Err(key) = password {
        fail("password", key);
    }
    match (municipality, email, role, password) {
        (Some(municipality), Some(email), Some(role), Ok(password)) if errors.is_empty() => {
            Ok(Checked {
                municipality,
                email,
                role,
                password,
            })
        }
        _ => Err(errors),
    }
}

/// Creates a person with an account and one role, in one transaction, audited.
///
/// Only the command line may do this for now; the web flow arrives with the coordinator's
/// pages and goes through `domain::access`.
pub async fn create_account(ctx: &Ctx, actor: &Actor, input: &NewAccount) -> ServiceResult<UserId> {
    if *actor != Actor::Cli {
        return Err(ServiceError::Forbidden);
    }
    let checked = check(input).map_err(ServiceError::Validation)?;
    let password_hash = passwords::hash(&checked.password)?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let municipality = places::find_municipality(&tx, &checked.municipality)
        .await?
        .ok_or_else(|| ServiceError::invalid("municipality", "error-municipality-unknown"))?;
    if accounts::find_by_email(&tx, &checked.email)
        .await?
        .is_some()
    {
        return Err(ServiceError::invalid("email", "error-email-taken"));
    }
    let person = accounts::create_person(
        &tx,
        &accounts::NewPerson {
            municipality,
            name: input.name.trim(),
            email: Some(&checked.email),
            phone: None,
            organisation: None,
            function: &input.function,
            is_demo: false,
        },
        now,
    )
    .await?;
    let user = accounts::create_account(
        &tx,
        person,
        municipality,
        &checked.email,
        Some(password_hash),
        &[checked.role],
        now,
    )
    .await?;
    audit::record(
        &tx,
        audit::AuditRecord {
            at: now,
            municipality: Some(municipality),
            actor: actor.audit_name(),
            action: "account.create".into(),
            entity: "account".into(),
            entity_id: Some(user.get()),
            detail: Some(serde_json::json!({ "role": checked.role.code() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// An account as the web layer shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountSummary {
    /// Key.
    pub id: UserId,
    /// Display name.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Tenant.
    pub municipality: domain::MunicipalityId,
    /// Roles.
    pub roles: Vec<Role>,
    /// Disabled accounts are signed out.
    pub disabled: bool,
    /// Sessions begun before this moment are over.
    pub sessions_valid_after: Option<chrono::DateTime<chrono::Utc>>,
}

/// The account behind a session.
pub async fn summary(ctx: &Ctx, id: UserId) -> ServiceResult<Option<AccountSummary>> {
    Ok(accounts::find(ctx.store.conn(), id)
        .await?
        .map(|a| AccountSummary {
            id: a.id,
            name: a.name,
            email: a.email,
            municipality: a.municipality,
            roles: a.roles,
            disabled: a.disabled,
            sessions_valid_after: a.sessions_valid_after,
        }))
}

/// The account as a signed-in principal: roles, employer and memberships, for authorisation.
pub async fn principal(ctx: &Ctx, id: UserId) -> ServiceResult<Option<domain::access::SignedIn>> {
    let Some(account) = accounts::find(ctx.store.conn(), id).await? else {
        return Ok(None);
    };
    if account.disabled {
        return Ok(None);
    }
    let mut user = domain::access::SignedIn::new(account.id, account.municipality);
    user.roles = account.roles.iter().copied().collect();
    user.organisation = account.organisation;
    if let Some(organisation) = account.organisation {
        user.police = store::repo::orgs::kind_of(ctx.store.conn(), organisation).await?
            == Some(domain::org::OrganisationKind::Police);
    }
    user.teams = accounts::team_memberships(ctx.store.conn(), account.person).await?;
    user.groups = accounts::group_memberships(ctx.store.conn(), account.person).await?;
    Ok(Some(user))
}

/// Where an account stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountStatus {
    /// Can sign in.
    Active,
    /// Invited; no password chosen yet.
    Invited,
    /// Switched off.
    Disabled,
}

/// An account in the list of accounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountListItem {
    /// Key.
    pub id: UserId,
    /// Name.
    pub name: String,
    /// Sign-in address (personal data: only for those who manage accounts).
    pub email: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// Status.
    pub status: AccountStatus,
    /// Whether it signs in with a code (TOTP).
    pub code_on: bool,
    /// Whether the visitor may manage this account (reset its code, say): not if it holds a
    /// role the visitor could not grant.
    pub manageable: bool,
}

/// The accounts of municipality `m`, for those who manage accounts there.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    m: domain::MunicipalityId,
) -> ServiceResult<Vec<AccountListItem>> {
    use domain::access::{Action, Principal, Scope, may_manage_user};
    actor.authorize(Action::ManageUsers, &Scope::Municipality(m))?;
    let principal = actor
        .signed_in()
        .map_or(Principal::Anonymous, |u| Principal::SignedIn(u.clone()));
    let with_code = store::repo::totp::enabled_in(ctx.store.conn(), m).await?;
    Ok(accounts::list_accounts(ctx.store.conn(), m)
        .await?
        .into_iter()
        .map(|a| AccountListItem {
            status: if a.disabled {
                AccountStatus::Disabled
            } else if a.password_hash.is_none() {
                AccountStatus::Invited
            } else {
                AccountStatus::Active
            },
            code_on: with_code.contains(&a.id),
            manageable: matches!(actor, Actor::Cli | Actor::System)
                || may_manage_user(&principal, a.roles.iter().copied().collect(), m),
            id: a.id,
            name: a.name,
            email: a.email,
            roles: a.roles,
        })
        .collect())
}
