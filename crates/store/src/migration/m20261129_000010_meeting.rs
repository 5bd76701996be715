//! The cycle and the neighbourhood meeting: per-team meeting settings, the cycle calendar
//! (end of inventory, closed when the meeting's result is published), the meeting with its
//! frozen ballot, paper counts as versions, one-time vote codes (the voter roll) apart from
//! the anonymous phone ballots, and the priorities a published meeting chose.
//!
//! `ballot_item.agenda_item_id` and `priority.agenda_item_id` are loose references (no
//! foreign key): the ballot is a frozen copy, and the long list goes on changing in the next
//! cycle (an item released there may be deleted) without touching what was voted on.
//!
//! Unlinkability by design: `vote_code` records only whether a code was used, never when,
//! and `phone_ballot` has no time and no reference to a code, so no ballot can be traced to
//! a code (or to the attendee who got the card).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, boolean, date_null, integer, integer_null, string,
    string_null, text, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cycle {
    Table,
    Id,
    InventoryEndsOn,
    ClosedAt,
}

#[derive(DeriveIden)]
enum TeamSettings {
    Table,
    TeamId,
    MunicipalityId,
    CycleWeeks,
    Stickers,
    Priorities,
    Stack,
    TieRule,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Meeting {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    CycleId,
    StartsAt,
    EndsAt,
    Venue,
    VenueAddress,
    Accessibility,
    State,
    Stickers,
    Priorities,
    Stack,
    TieRule,
    OpenedAt,
    ClosedAt,
    PublishedAt,
    PublishedBy,
    Attendees,
    PhoneVoters,
    StickersUsed,
    ExportHash,
    ChairReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BallotItem {
    Table,
    Id,
    MeetingId,
    AgendaItemId,
    Title,
    Position,
    PaperStickers,
    PhoneStickers,
    Rank,
    Chosen,
    QuickWin,
    ResidentsAct,
}

#[derive(DeriveIden)]
enum PaperCount {
    Table,
    Id,
    MeetingId,
    Version,
    Attendees,
    Reason,
    EnteredBy,
    EnteredAt,
    ConfirmedBy,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum PaperCountLine {
    Table,
    PaperCountId,
    BallotItemId,
    Stickers,
}

#[derive(DeriveIden)]
enum VoteCode {
    Table,
    Id,
    MeetingId,
    CodeHash,
    Used,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PhoneBallot {
    Table,
    Id,
    MeetingId,
}

#[derive(DeriveIden)]
enum PhoneBallotLine {
    Table,
    PhoneBallotId,
    BallotItemId,
    Stickers,
}

#[derive(DeriveIden)]
enum Priority {
    Table,
    Id,
    MunicipalityId,
    TeamId,
    CycleId,
    MeetingId,
    BallotItemId,
    AgendaItemId,
    Title,
    Rank,
    QuickWin,
    ResidentsAct,
    Status,
    ClosedInCycleId,
    CreatedAt,
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

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    if unique {
        statement.unique();
    }
    m.create_index(statement).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        extend_cycle(m).await?;
        create_settings(m).await?;
        create_meeting(m).await?;
        create_ballot(m).await?;
        create_paper_counts(m).await?;
        create_phone_votes(m).await?;
        create_priorities(m).await
    }
}

/// SQLite adds one column per `ALTER TABLE`.
async fn extend_cycle(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(Cycle::Table)
            .add_column(date_null(Cycle::InventoryEndsOn))
            .take(),
    )
    .await?;
    m.alter_table(
        Table::alter()
            .table(Cycle::Table)
            .add_column(timestamp_with_time_zone_null(Cycle::ClosedAt))
            .take(),
    )
    .await
}

async fn create_settings(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(TeamSettings::Table)
            .col(big_integer(TeamSettings::TeamId).primary_key())
            .col(big_integer(TeamSettings::MunicipalityId))
            .col(integer(TeamSettings::CycleWeeks))
            .col(integer(TeamSettings::Stickers))
            .col(integer(TeamSettings::Priorities))
            .col(boolean(TeamSettings::Stack))
            .col(string(TeamSettings::TieRule))
            .col(timestamp_with_time_zone(TeamSettings::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_team_settings_team",
                (TeamSettings::Table, TeamSettings::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_team_settings_municipality",
                (TeamSettings::Table, TeamSettings::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .take(),
    )
    .await
}

async fn create_meeting(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Meeting::Table)
            .col(big_pk_auto(Meeting::Id))
            .col(big_integer(Meeting::MunicipalityId))
            .col(big_integer(Meeting::TeamId))
            .col(big_integer(Meeting::CycleId))
            .col(timestamp_with_time_zone(Meeting::StartsAt))
            .col(timestamp_with_time_zone(Meeting::EndsAt))
            .col(string(Meeting::Venue))
            .col(string(Meeting::VenueAddress))
            .col(text(Meeting::Accessibility))
            .col(string(Meeting::State))
            .col(integer(Meeting::Stickers))
            .col(integer(Meeting::Priorities))
            .col(boolean(Meeting::Stack))
            .col(string(Meeting::TieRule))
            .col(timestamp_with_time_zone_null(Meeting::OpenedAt))
            .col(timestamp_with_time_zone_null(Meeting::ClosedAt))
            .col(timestamp_with_time_zone_null(Meeting::PublishedAt))
            .col(big_integer_null(Meeting::PublishedBy))
            .col(integer_null(Meeting::Attendees))
            .col(integer_null(Meeting::PhoneVoters))
            .col(integer_null(Meeting::StickersUsed))
            .col(string_null(Meeting::ExportHash))
            .col(text_null(Meeting::ChairReason))
            .col(timestamp_with_time_zone(Meeting::CreatedAt))
            .foreign_key(&mut fk(
                "fk_meeting_municipality",
                (Meeting::Table, Meeting::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_meeting_team",
                (Meeting::Table, Meeting::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_meeting_cycle",
                (Meeting::Table, Meeting::CycleId),
                (Cycle::Table, Cycle::Id),
            ))
            .foreign_key(&mut fk(
                "fk_meeting_published_by",
                (Meeting::Table, Meeting::PublishedBy),
                (Account::Table, Account::Id),
            ))
            .take(),
    )
    .await?;
    // One meeting per cycle.
    index(m, "ux_meeting_cycle", Meeting::Table, &["cycle_id"], true).await?;
    index(
        m,
        "ix_meeting_team",
        Meeting::Table,
        &["team_id", "starts_at"],
        false,
    )
    .await
}

async fn create_ballot(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(BallotItem::Table)
            .col(big_pk_auto(BallotItem::Id))
            .col(big_integer(BallotItem::MeetingId))
            .col(big_integer_null(BallotItem::AgendaItemId))
            .col(string(BallotItem::Title))
            .col(integer(BallotItem::Position))
            .col(integer_null(BallotItem::PaperStickers))
            .col(integer_null(BallotItem::PhoneStickers))
            .col(integer_null(BallotItem::Rank))
            .col(boolean(BallotItem::Chosen))
            .col(boolean(BallotItem::QuickWin))
            .col(boolean(BallotItem::ResidentsAct))
            .foreign_key(&mut fk(
                "fk_ballot_item_meeting",
                (BallotItem::Table, BallotItem::MeetingId),
                (Meeting::Table, Meeting::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ux_ballot_item_position",
        BallotItem::Table,
        &["meeting_id", "position"],
        true,
    )
    .await
}

async fn create_paper_counts(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(PaperCount::Table)
            .col(big_pk_auto(PaperCount::Id))
            .col(big_integer(PaperCount::MeetingId))
            .col(integer(PaperCount::Version))
            .col(integer(PaperCount::Attendees))
            .col(text_null(PaperCount::Reason))
            .col(big_integer(PaperCount::EnteredBy))
            .col(timestamp_with_time_zone(PaperCount::EnteredAt))
            .col(big_integer_null(PaperCount::ConfirmedBy))
            .col(timestamp_with_time_zone_null(PaperCount::ConfirmedAt))
            .foreign_key(&mut fk(
                "fk_paper_count_meeting",
                (PaperCount::Table, PaperCount::MeetingId),
                (Meeting::Table, Meeting::Id),
            ))
            .foreign_key(&mut fk(
                "fk_paper_count_entered_by",
                (PaperCount::Table, PaperCount::EnteredBy),
                (Account::Table, Account::Id),
            ))
            .foreign_key(&mut fk(
                "fk_paper_count_confirmed_by",
                (PaperCount::Table, PaperCount::ConfirmedBy),
                (Account::Table, Account::Id),
            ))
            .take(),
    )
    .await?;
    // Two facilitators entering at once cannot both write version n.
    index(
        m,
        "ux_paper_count_version",
        PaperCount::Table,
        &["meeting_id", "version"],
        true,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(PaperCountLine::Table)
            .col(big_integer(PaperCountLine::PaperCountId))
            .col(big_integer(PaperCountLine::BallotItemId))
            .col(integer(PaperCountLine::Stickers))
            .primary_key(
                Index::create()
                    .col(PaperCountLine::PaperCountId)
                    .col(PaperCountLine::BallotItemId),
            )
            .foreign_key(&mut fk(
                "fk_paper_count_line_count",
                (PaperCountLine::Table, PaperCountLine::PaperCountId),
                (PaperCount::Table, PaperCount::Id),
            ))
            .foreign_key(&mut fk(
                "fk_paper_count_line_item",
                (PaperCountLine::Table, PaperCountLine::BallotItemId),
                (BallotItem::Table, BallotItem::Id),
            ))
            .take(),
    )
    .await
}

async fn create_phone_votes(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(VoteCode::Table)
            .col(big_pk_auto(VoteCode::Id))
            .col(big_integer(VoteCode::MeetingId))
            .col(string(VoteCode::CodeHash))
            .col(boolean(VoteCode::Used))
            .col(timestamp_with_time_zone(VoteCode::CreatedAt))
            .foreign_key(&mut fk(
                "fk_vote_code_meeting",
                (VoteCode::Table, VoteCode::MeetingId),
                (Meeting::Table, Meeting::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ux_vote_code_hash",
        VoteCode::Table,
        &["code_hash"],
        true,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(PhoneBallot::Table)
            .col(big_pk_auto(PhoneBallot::Id))
            .col(big_integer(PhoneBallot::MeetingId))
            .foreign_key(&mut fk(
                "fk_phone_ballot_meeting",
                (PhoneBallot::Table, PhoneBallot::MeetingId),
                (Meeting::Table, Meeting::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ix_phone_ballot_meeting",
        PhoneBallot::Table,
        &["meeting_id"],
        false,
    )
    .await?;
    m.create_table(
        Table::create()
            .table(PhoneBallotLine::Table)
            .col(big_integer(PhoneBallotLine::PhoneBallotId))
            .col(big_integer(PhoneBallotLine::BallotItemId))
            .col(integer(PhoneBallotLine::Stickers))
            .primary_key(
                Index::create()
                    .col(PhoneBallotLine::PhoneBallotId)
                    .col(PhoneBallotLine::BallotItemId),
            )
            .foreign_key(&mut fk(
                "fk_phone_ballot_line_ballot",
                (PhoneBallotLine::Table, PhoneBallotLine::PhoneBallotId),
                (PhoneBallot::Table, PhoneBallot::Id),
            ))
            .foreign_key(&mut fk(
                "fk_phone_ballot_line_item",
                (PhoneBallotLine::Table, PhoneBallotLine::BallotItemId),
                (BallotItem::Table, BallotItem::Id),
            ))
            .take(),
    )
    .await?;
    // The live tally adds the lines per item.
    index(
        m,
        "ix_phone_ballot_line_item",
        PhoneBallotLine::Table,
        &["ballot_item_id"],
        false,
    )
    .await
}

async fn create_priorities(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Priority::Table)
            .col(big_pk_auto(Priority::Id))
            .col(big_integer(Priority::MunicipalityId))
            .col(big_integer(Priority::TeamId))
            .col(big_integer(Priority::CycleId))
            .col(big_integer(Priority::MeetingId))
            .col(big_integer(Priority::BallotItemId))
            .col(big_integer_null(Priority::AgendaItemId))
            .col(string(Priority::Title))
            .col(integer(Priority::Rank))
            .col(boolean(Priority::QuickWin))
            .col(boolean(Priority::ResidentsAct))
            .col(string(Priority::Status))
            .col(big_integer_null(Priority::ClosedInCycleId))
            .col(timestamp_with_time_zone(Priority::CreatedAt))
            .foreign_key(&mut fk(
                "fk_priority_municipality",
                (Priority::Table, Priority::MunicipalityId),
                (Municipality::Table, Municipality::Id),
            ))
            .foreign_key(&mut fk(
                "fk_priority_team",
                (Priority::Table, Priority::TeamId),
                (Team::Table, Team::Id),
            ))
            .foreign_key(&mut fk(
                "fk_priority_cycle",
                (Priority::Table, Priority::CycleId),
                (Cycle::Table, Cycle::Id),
            ))
            .foreign_key(&mut fk(
                "fk_priority_meeting",
                (Priority::Table, Priority::MeetingId),
                (Meeting::Table, Meeting::Id),
            ))
            .foreign_key(&mut fk(
                "fk_priority_ballot_item",
                (Priority::Table, Priority::BallotItemId),
                (BallotItem::Table, BallotItem::Id),
            ))
            .foreign_key(&mut fk(
                "fk_priority_closed_in",
                (Priority::Table, Priority::ClosedInCycleId),
                (Cycle::Table, Cycle::Id),
            ))
            .take(),
    )
    .await?;
    index(
        m,
        "ix_priority_team_cycle",
        Priority::Table,
        &["team_id", "cycle_id", "rank"],
        false,
    )
    .await
}
