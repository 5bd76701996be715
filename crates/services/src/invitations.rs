//! Inviting a colleague: an account without a password, and a link by e-mail (valid 7 days,
//! once) with which the person chooses one and is signed in.
//!
//! Who may invite is decided by `domain::access::may_grant_role`: administrators any role,
//! coordinators any role but administrator, in their own municipality only.

use chrono::{DateTime, Duration, Utc};
use domain::access::{Action, Principal, Role, Scope, StaffFunction, may, may_grant_role};
use domain::credentials::Email;
use domain::{Locale, MunicipalityId, OrganisationId, UserId};
use render::mail::{Invitation, InvitationMail};
use store::repo::audit::{self, AuditRecord};
use store::repo::{accounts, tokens};

use crate::auth::SignedIn;
use crate::one_time::{self, ChosenPassword, Purpose};
use crate::{Actor, Ctx, FieldError, ServiceError, ServiceResult, mail, passwords};

/// How long an invitation link works.
pub const VALID_DAYS: i64 = 7;

/// The path of the invitation form for `token`.
pub fn link_path(token: &str) -> String {
    format!("/uitnodiging/{token}")
}

/// A colleague to invite, as a coordinator's form sends it.
#[derive(Clone)]
pub struct NewInvitation {
    /// The municipality the account will work in (the inviter's own).
    pub municipality: MunicipalityId,
    /// Sign-in address; the invitation goes there.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role code (`domain::access::Role`), e.g. `team-member`.
    pub role: String,
    /// Function code (`domain::access::StaffFunction`), e.g. `community-police-officer`.
    pub function: String,
    /// Employer, a partner organisation of the same municipality.
    pub organisation: Option<OrganisationId>,
    /// The language of the invitation mail.
    pub locale: Locale,
}

impl std::fmt::Debug for NewInvitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewInvitation")
            .field("municipality", &self.municipality)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// A sent invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invited {
    /// The new account (without a password until the link is used).
    pub user: UserId,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// The invitation behind a working link, for the page that greets the person.
#[derive(Clone, PartialEq, Eq)]
pub struct InvitationView {
    /// The person's name.
    pub name: String,
    /// The address they will sign in with.
    pub email: String,
}

impl std::fmt::Debug for InvitationView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InvitationView(***)")
    }
}

fn check(input: &NewInvitation) -> Result<(Email, Role), ServiceError> {
    let mut errors = Vec::new();
    let mut fail = |field, message_key| errors.push(FieldError { field, message_key });
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
    if input.function.parse::<StaffFunction>().is_err() {
        fail("function", "error-function-unknown");
    }
    match (email, role) {
        (Some(email), Some(role)) if errors.is_empty() => Ok((email, role)),
        _ => Err(ServiceError::Validation(errors)),
    }
}

/// Whether `actor` may invite (with `role`, once known) into `municipality`. The command line
/// is trusted; a signed-in account goes through `domain::access`.
fn may_invite(actor: &Actor, role: Option<Role>, municipality: MunicipalityId) -> bool {
    match actor {
        Actor::Cli => true,
        Actor::User(user) => {
            let principal = Principal::SignedIn((**user).clone());
            match role {
                Some(role) => may_grant_role(&principal, role, municipality),
                None => may(
                    &principal,
                    Action::ManageUsers,
                    &Scope::Municipality(municipality),
                ),
            }
        }
        Actor::Public | Actor::System => false,
    }
}

/// Creates a person with an account without a password, with one role, and queues the
/// invitation mail; one transaction, audited. `Forbidden` unless the actor may grant the
/// role in that municipality; `Validation` for bad input, an address already in use or an
/// organisation of another municipality.
pub async fn invite(ctx: &Ctx, actor: &Actor, input: &NewInvitation) -> ServiceResult<Invited> {
    if !may_invite(actor, None, input.municipality) {
        return Err(ServiceError::Forbidden);
    }
    let (email, role) = check(input)?;
    if !may_invite(actor, Some(role), input.municipality) {
        return Err(ServiceError::Forbidden);
    }
    let now = ctx.clock.now();
    let expires_at = now + Duration::days(VALID_DAYS);
    let tx = ctx.store.begin_write().await?;
    let municipality_name = tokens::municipality_name(&tx, input.municipality)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if let Some(organisation) = input.organisation
        && !tokens::organisation_in(&tx, organisation, input.municipality).await?
    {
        return Err(ServiceError::invalid(
            "organisation",
            "error-organisation-unknown",
        ));
    }
    if accounts::find_by_email(&tx, &email).await?.is_some() {
        return Err(ServiceError::invalid("email", "error-email-taken"));
    }
    let name = input.name.trim();
    let new_person = accounts::NewPerson {
        municipality: input.municipality,
        name,
        email: Some(&email),
        phone: None,
        organisation: input.organisation,
        function: &input.function,
        is_demo: false,
    };
    let person = accounts::create_person(&tx, &new_person, now).await?;
    let user =
        accounts::create_account(&tx, person, input.municipality, &email, None, &[role], now)
            .await?;
    let link = Link {
        user,
        municipality: input.municipality,
        municipality_name: &municipality_name,
        name,
        email: &email,
        locale: input.locale,
    };
    send_link(ctx, &tx, &link, now).await?;
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(input.municipality),
            actor: actor.audit_name(),
            action: "account.invite".into(),
            entity: "account".into(),
            entity_id: Some(user.get()),
            detail: Some(serde_json::json!({ "role": role.code() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Invited { user, expires_at })
}

/// Who an invitation link goes to.
struct Link<'a> {
    user: UserId,
    municipality: MunicipalityId,
    municipality_name: &'a str,
    name: &'a str,
    email: &'a Email,
    locale: Locale,
}

/// Issues a new invitation link for `link.user` and queues the mail with it, in `tx`.
async fn send_link(
    ctx: &Ctx,
    tx: &store::Tx,
    link: &Link<'_>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let token = one_time::issue(
        tx,
        link.user,
        Purpose::Invitation,
        Duration::days(VALID_DAYS),
        now,
    )
    .await?;
    let url = format!("{}{}", ctx.public_url, link_path(&token));
    let invitation = Invitation {
        name: link.name,
        municipality: link.municipality_name,
        email: link.email.as_str(),
        link: &url,
        valid_days: VALID_DAYS,
    };
    let text = mail::rendered(InvitationMail::new(link.locale, &invitation).to_mail())?;
    mail::enqueue(tx, Some(link.municipality), link.email, &text, now).await?;
    Ok(())
}

/// Sends the invitation of `user` again, with a new link (the old ones stop working): for
/// a colleague whose link expired or whose mail got lost. Only for an account that has not
/// chosen a password yet (else `NotFound`: there is no invitation), of the actor's own
/// municipality (else `NotFound`), whose roles the actor could grant (else `Forbidden`).
/// Writes `account.invite.resend`.
pub async fn resend(
    ctx: &Ctx,
    actor: &Actor,
    user: UserId,
    locale: Locale,
) -> ServiceResult<Invited> {
    let me = actor.signed_in().ok_or(ServiceError::Forbidden)?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin_write().await?;
    let account = accounts::find(&tx, user)
        .await?
        .filter(|a| a.municipality == me.municipality)
        .ok_or(ServiceError::NotFound)?;
    let principal = Principal::SignedIn(me.clone());
    let roles = account.roles.iter().copied().collect();
    if !domain::access::may_manage_user(&principal, roles, account.municipality) {
        return Err(ServiceError::Forbidden);
    }
    if account.password_hash.is_some() || account.disabled {
        return Err(ServiceError::NotFound);
    }
    let email: Email = account
        .email
        .parse()
        .map_err(|_| ServiceError::Internal(anyhow::anyhow!("stored address unreadable")))?;
    let municipality_name = tokens::municipality_name(&tx, account.municipality)
        .await?
        .ok_or(ServiceError::NotFound)?;
    tokens::retire_all(&tx, user, Purpose::Invitation.code(), now).await?;
    let link = Link {
        user,
        municipality: account.municipality,
        municipality_name: &municipality_name,
        name: &account.name,
        email: &email,
        locale,
    };
    send_link(ctx, &tx, &link, now).await?;
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(account.municipality),
            actor: actor.audit_name(),
            action: "account.invite.resend".into(),
            entity: "account".into(),
            entity_id: Some(user.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Invited {
        user,
        expires_at: now + Duration::days(VALID_DAYS),
    })
}

/// The invitation behind `token`, if the link still works.
pub async fn view(ctx: &Ctx, token: &str) -> ServiceResult<Option<InvitationView>> {
    let now = ctx.clock.now();
    Ok(
        one_time::usable(ctx.store.conn(), Purpose::Invitation, token, now)
            .await?
            .map(|(_, account)| InvitationView {
                name: account.name,
                email: account.email,
            }),
    )
}

/// Sets the first password with the invitation's `token` and counts as a sign-in.
/// `Ok(None)` when the link does not work; `Validation` when the password breaks the rules
/// or the two fields differ.
pub async fn accept(
    ctx: &Ctx,
    token: &str,
    chosen: &ChosenPassword,
) -> ServiceResult<Option<SignedIn>> {
    let now = ctx.clock.now();
    let Some((record, account)) =
        one_time::usable(ctx.store.conn(), Purpose::Invitation, token, now).await?
    else {
        return Ok(None);
    };
    let password = chosen.check()?;
    let password_hash = passwords::hash(&password)?;
    let tx = ctx.store.begin_write().await?;
    if !tokens::redeem(&tx, record.id, now).await? {
        return Ok(None);
    }
    one_time::set_password(&tx, account.id, &password_hash, now).await?;
    accounts::touch_sign_in(&tx, account.id, now).await?;
    audit::record(
        &tx,
        AuditRecord {
            at: now,
            municipality: Some(account.municipality),
            actor: format!("user:{}", account.id),
            action: "account.accept-invitation".into(),
            entity: "account".into(),
            entity_id: Some(account.id.get()),
            detail: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(SignedIn {
        user: account.id,
        name: account.name,
    }))
}
