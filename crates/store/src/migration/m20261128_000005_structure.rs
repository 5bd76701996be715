//! The team and group structure: team members with their team roles, the team's public
//! contact point, and the project and steering groups with their members.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, big_pk_auto, boolean, string, string_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
    ContactPhone,
    ContactEmail,
    OfficeHours,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TeamMember {
    Table,
    TeamId,
    PersonId,
}

#[derive(DeriveIden)]
enum TeamRoleHolder {
    Table,
    TeamId,
    Role,
    PersonId,
}

#[derive(DeriveIden)]
enum WorkGroup {
    Table,
    Id,
    MunicipalityId,
    Kind,
    Name,
}

#[derive(DeriveIden)]
enum WorkGroupMember {
    Table,
    GroupId,
    PersonId,
    IsChair,
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
        // One column per statement: SQLite adds only one column per ALTER TABLE.
        for col in [Team::ContactPhone, Team::ContactEmail, Team::OfficeHours] {
            m.alter_table(
                Table::alter()
                    .table(Team::Table)
                    .add_column(string_null(col))
                    .take(),
            )
            .await?;
        }
        create_team_members(m).await?;
        create_groups(m).await
    }
}

/// Who is in a team, and which team roles they hold.
async fn create_team_members(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(TeamMember::Table)
            .col(big_integer(TeamMember::TeamId))
            .col(big_integer(TeamMember::PersonId))
            .primary_key(
                Index::create()
                    .col(TeamMember::TeamId)
                    .col(TeamMember::PersonId),
            )
            .foreign_key(&mut fk(
                "fk_team_member_team",
                (TeamMember::Table, TeamMember::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_team_member_person",
                (TeamMember::Table, TeamMember::PersonId),
                (Person::Table, Person::Id),
            ))
            .take(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table(TeamRoleHolder::Table)
            .col(big_integer(TeamRoleHolder::TeamId))
            .col(string(TeamRoleHolder::Role))
            .col(big_integer(TeamRoleHolder::PersonId))
            .primary_key(
                Index::create()
                    .col(TeamRoleHolder::TeamId)
                    .col(TeamRoleHolder::Role)
                    .col(TeamRoleHolder::PersonId),
            )
            .foreign_key(&mut fk(
                "fk_team_role_holder_team",
                (TeamRoleHolder::Table, TeamRoleHolder::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_team_role_holder_person",
                (TeamRoleHolder::Table, TeamRoleHolder::PersonId),
                (Person::Table, Person::Id),
            ))
            .take(),
    )
    .await
}

/// Project groups and steering groups (`work_group`: `group` is an SQL keyword).
async fn create_groups(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(WorkGroup::Table)
            .col(big_pk_auto(WorkGroup::Id))
            .col(big_integer(WorkGroup::MunicipalityId))
            .col(string(WorkGroup::Kind))
            .col(string(WorkGroup::Name))
            .foreign_key(&mut fk(
                "fk_work_group_municipality",
                (WorkGroup::Table, WorkGroup::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table(WorkGroupMember::Table)
            .col(big_integer(WorkGroupMember::GroupId))
            .col(big_integer(WorkGroupMember::PersonId))
            .col(boolean(WorkGroupMember::IsChair).default(false))
            .primary_key(
                Index::create()
                    .col(WorkGroupMember::GroupId)
                    .col(WorkGroupMember::PersonId),
            )
            .foreign_key(&mut fk(
                "fk_work_group_member_group",
                (WorkGroupMember::Table, WorkGroupMember::GroupId),
                (WorkGroup::Table, WorkGroup::Id),
            ))
            .foreign_key(&mut fk(
                "fk_work_group_member_person",
                (WorkGroupMember::Table, WorkGroupMember::PersonId),
                (Person::Table, Person::Id),
            ))
            .take(),
    )
    .await
}
