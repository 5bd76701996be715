//! Invitations on a real database: who may invite with which role, the mail, accepting once
//! within seven days, and signing in afterwards.

use chrono::{Duration, Utc};
use domain::access::Role;
use domain::credentials::Email;
use domain::{Locale, MunicipalityId};
use services::auth::{Credentials, SignInStep, sign_in};
use services::invitations::{self, NewInvitation};
use services::one_time::ChosenPassword;
use services::{Actor, Ctx, ManualClock, ServiceError};
use store::repo::{accounts, mail as outbox};
use testkit::TestDb;

const INVITED: &str = "nieuwe.collega@demo.buurtagenda.nl";
const PASSWORD: &str = "welkom in het team van de buurt";

async fn setup() -> (TestDb, Ctx, ManualClock, MunicipalityId) {
    let now = Utc::now();
    let (db, demo) = TestDb::demo(now).await;
    let clock = ManualClock::new(now);
    let ctx =
        Ctx::with_clock(db.store().await, clock.clone()).with_public_url("https://buurt.test");
    let summary = demo;
    (db, ctx, clock, summary.municipality)
}

/// The demo account with this address, as an actor.
async fn actor(ctx: &Ctx, email: &str) -> Actor {
    let email: Email = email.parse().unwrap();
    let account = accounts::find_by_email(ctx.store.conn(), &email)
        .await
        .unwrap()
        .unwrap();
    let user = services::accounts::principal(ctx, account.id)
        .await
        .unwrap()
        .unwrap();
    Actor::User(Box::new(user))
}

fn invitation(municipality: MunicipalityId, role: &str) -> NewInvitation {
    NewInvitation {
        municipality,
        email: INVITED.into(),
        name: "Nieuwe Collega".into(),
        role: role.into(),
        function: "community-worker".into(),
        organisation: None,
        locale: Locale::Nl,
    }
}

async fn token_for(ctx: &Ctx, to: &str) -> String {
    let mails = outbox::for_address(ctx.store.conn(), to).await.unwrap();
    let body = &mails.last().expect("an invitation mail").body;
    let start = body
        .find("https://buurt.test/uitnodiging/")
        .expect("the link")
        + 31;
    body[start..start + 64].to_owned()
}

fn chosen(password: &str) -> ChosenPassword {
    ChosenPassword {
        password: password.into(),
        confirmation: password.into(),
    }
}

#[tokio::test]
async fn a_coordinator_invites_and_the_colleague_chooses_a_password_once() {
    let (db, ctx, _, municipality) = setup().await;
    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    let invited = invitations::invite(&ctx, &coordinator, &invitation(municipality, "team-member"))
        .await
        .unwrap();
    let account = accounts::find(ctx.store.conn(), invited.user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.password_hash, None, "no password until accepted");
    assert_eq!(account.roles, [Role::TeamMember]);

    let mails = outbox::for_address(ctx.store.conn(), INVITED)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Uitnodiging voor buurtagenda");
    assert!(mails[0].body.contains("Maastricht") && mails[0].body.contains("7 dagen"));

    let token = token_for(&ctx, INVITED).await;
    let view = invitations::view(&ctx, &token).await.unwrap().unwrap();
    assert_eq!(
        (view.name.as_str(), view.email.as_str()),
        ("Nieuwe Collega", INVITED)
    );
    let signed_in = invitations::accept(&ctx, &token, &chosen(PASSWORD))
        .await
        .unwrap()
        .expect("the link works");
    assert_eq!(signed_in.user, invited.user);
    assert!(invitations::view(&ctx, &token).await.unwrap().is_none());
    assert_eq!(
        invitations::accept(&ctx, &token, &chosen("een ander wachtwoord"))
            .await
            .unwrap(),
        None,
        "once only"
    );
    let credentials = Credentials {
        email: INVITED.into(),
        password: PASSWORD.into(),
        ip: "192.0.2.7".into(),
    };
    assert!(matches!(
        sign_in(&ctx, &credentials).await.unwrap(),
        SignInStep::Done(signed_in) if signed_in.user == invited.user
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn roles_decide_who_may_invite_whom() {
    let (db, ctx, _, municipality) = setup().await;
    let coordinator = actor(&ctx, "projectleider@demo.buurtagenda.nl").await;
    let team_member = actor(&ctx, "wijkagent@demo.buurtagenda.nl").await;
    let administrator = actor(&ctx, "beheer@demo.buurtagenda.nl").await;
    for (who, role) in [
        (&coordinator, "administrator"),
        (&team_member, "team-member"),
        (&Actor::Public, "team-member"),
    ] {
        assert!(
            matches!(
                invitations::invite(&ctx, who, &invitation(municipality, role)).await,
                Err(ServiceError::Forbidden)
            ),
            "{who:?} inviting a {role}"
        );
    }
    let elsewhere = invitation(MunicipalityId(municipality.get() + 1000), "team-member");
    assert!(matches!(
        invitations::invite(&ctx, &coordinator, &elsewhere).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(
        outbox::for_address(ctx.store.conn(), INVITED)
            .await
            .unwrap()
            .is_empty(),
        "a refused invitation sends nothing"
    );
    invitations::invite(
        &ctx,
        &administrator,
        &invitation(municipality, "administrator"),
    )
    .await
    .unwrap();
    db.cleanup().await;
}

#[tokio::test]
async fn bad_input_and_a_taken_address_are_validation_errors() {
    let (db, ctx, _, municipality) = setup().await;
    let mut bad = invitation(municipality, "no-such-role");
    bad.email = "geen adres".into();
    bad.name = " ".into();
    let Err(ServiceError::Validation(errors)) = invitations::invite(&ctx, &Actor::Cli, &bad).await
    else {
        panic!("expected validation errors");
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["email", "name", "role"]);
    let mut taken = invitation(municipality, "team-member");
    taken.email = "wijkagent@demo.buurtagenda.nl".into();
    assert!(matches!(
        invitations::invite(&ctx, &Actor::Cli, &taken).await,
        Err(ServiceError::Validation(e)) if e[0].message_key == "error-email-taken"
    ));
    let mut foreign = invitation(municipality, "team-member");
    foreign.organisation = Some(domain::OrganisationId(999_999));
    assert!(matches!(
        invitations::invite(&ctx, &Actor::Cli, &foreign).await,
        Err(ServiceError::Validation(e)) if e[0].field == "organisation"
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days() {
    let (db, ctx, clock, municipality) = setup().await;
    let invited = invitations::invite(&ctx, &Actor::Cli, &invitation(municipality, "team-member"))
        .await
        .unwrap();
    assert_eq!(invited.expires_at, clock_now(&ctx) + Duration::days(7));
    let token = token_for(&ctx, INVITED).await;
    clock.advance(Duration::days(7));
    assert!(invitations::view(&ctx, &token).await.unwrap().is_none());
    assert_eq!(
        invitations::accept(&ctx, &token, &chosen(PASSWORD))
            .await
            .unwrap(),
        None
    );
    let account = accounts::find(ctx.store.conn(), invited.user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.password_hash, None);
    db.cleanup().await;
}

fn clock_now(ctx: &Ctx) -> chrono::DateTime<Utc> {
    ctx.clock.now()
}
