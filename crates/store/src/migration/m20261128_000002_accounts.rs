//! People (staff of the partners), their accounts and roles, sign-in attempts and sessions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, boolean, string, string_null, text,
    timestamp_with_time_zone, timestamp_with_time_zone_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    MunicipalityId,
    Name,
    Email,
    Phone,
    OrganisationId,
    DepartmentId,
    Function,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    PersonId,
    MunicipalityId,
    Email,
    PasswordHash,
    Disabled,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum AccountRole {
    Table,
    AccountId,
    Role,
}

#[derive(DeriveIden)]
enum SignInAttempt {
    Table,
    Id,
    Email,
    Ip,
    At,
    Succeeded,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_people(m).await?;
        create_accounts(m).await?;
        create_sign_in(m).await
    }
}

/// Staff of the partner organisations, with or without an account.
async fn create_people(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Person::Table)
            .col(big_pk_auto(Person::Id))
            .col(big_integer(Person::MunicipalityId))
            .col(string(Person::Name))
            .col(string_null(Person::Email))
            .col(string_null(Person::Phone))
            .col(big_integer_null(Person::OrganisationId))
            .col(big_integer_null(Person::DepartmentId))
            .col(string(Person::Function))
            .col(boolean(Person::IsDemo).default(false))
            .col(timestamp_with_time_zone(Person::CreatedAt))
            .foreign_key(&mut fk(
                "fk_person_municipality",
                (Person::Table, Person::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_person_organisation",
                (Person::Table, Person::OrganisationId),
                (Organisation::Table, Organisation::Id),
            ))
            .foreign_key(&mut fk(
                "fk_person_department",
                (Person::Table, Person::DepartmentId),
                (Department::Table, Department::Id),
            ))
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_person_municipality_name")
            .table(Person::Table)
            .col(Person::MunicipalityId)
            .col(Person::Name)
            .take(),
    )
    .await
}

/// Accounts (one per person at most) and their roles.
async fn create_accounts(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Account::Table)
            .col(big_pk_auto(Account::Id))
            .col(big_integer(Account::PersonId).unique_key())
            .col(big_integer(Account::MunicipalityId))
            .col(string(Account::Email).unique_key())
            .col(string_null(Account::PasswordHash))
            .col(boolean(Account::Disabled).default(false))
            .col(timestamp_with_time_zone(Account::CreatedAt))
            .col(timestamp_with_time_zone_null(Account::LastSignInAt))
            .foreign_key(&mut fk(
                "fk_account_person",
                (Account::Table, Account::PersonId),
                (Person::Table, Person::Id),
            ))
            .foreign_key(&mut fk(
                "fk_account_municipality",
                (Account::Table, Account::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table(AccountRole::Table)
            .col(big_integer(AccountRole::AccountId))
            .col(string(AccountRole::Role))
            .primary_key(
                Index::create()
                    .col(AccountRole::AccountId)
                    .col(AccountRole::Role),
            )
            .foreign_key(&mut fk(
                "fk_account_role_account",
                (AccountRole::Table, AccountRole::AccountId),
                (Account::Table, Account::Id),
            ))
            .take(),
    )
    .await
}

/// Sign-in attempts (for rate limits; purged after a day) and server-side sessions.
async fn create_sign_in(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(SignInAttempt::Table)
            .col(big_pk_auto(SignInAttempt::Id))
            .col(string(SignInAttempt::Email))
            .col(string(SignInAttempt::Ip))
            .col(timestamp_with_time_zone(SignInAttempt::At))
            .col(boolean(SignInAttempt::Succeeded))
            .take(),
    )
    .await?;
    for (name, col) in [
        ("ix_sign_in_attempt_email_at", SignInAttempt::Email),
        ("ix_sign_in_attempt_ip_at", SignInAttempt::Ip),
    ] {
        m.create_index(
            Index::create()
                .name(name)
                .table(SignInAttempt::Table)
                .col(col)
                .col(SignInAttempt::At)
                .take(),
        )
        .await?;
    }
    m.create_table(
        Table::create()
            .table(Session::Table)
            .col(string(Session::Id).primary_key())
            .col(text(Session::Data))
            .col(timestamp_with_time_zone(Session::ExpiresAt))
            .take(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_session_expires_at")
            .table(Session::Table)
            .col(Session::ExpiresAt)
            .take(),
    )
    .await
}
