//! The version of what public pages show: a number that grows with every committed change to
//! a table a public page reads. The database keeps it by itself (triggers, migration
//! `m20261207_000013_public_version`), in the transaction of the change, so no write path
//! can forget it and every server on the database sees it at once.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::DbResult;

/// The tables the public pages read (`/`, `/buurten/{slug}` and its map, meeting and
/// priorities pages). A write to any of them bumps the version; for `concern` only a write
/// to a row that is or was public. A public page that starts reading another table needs a
/// migration that adds the table's trigger, and the table moves here from `OTHER_TABLES`.
pub const PUBLIC_TABLES: [&str; 16] = [
    "municipality",
    "district",
    "neighbourhood",
    "neighbourhood_boundary",
    "street",
    "address",
    "team",
    "team_neighbourhood",
    "team_settings",
    "concern",
    "concern_category",
    "cycle",
    "agenda_item",
    "meeting",
    "ballot_item",
    "priority",
];

/// The tables no public page reads, each with the reason. `store/tests/public_version.rs`
/// checks that every table of the schema is in exactly one of the two lists.
pub const OTHER_TABLES: [(&str, &str); 33] = [
    ("account", "staff accounts"),
    ("account_role", "staff roles"),
    (
        "agreement",
        "the team's agreements: staff pages only until residents' feedback shows them",
    ),
    (
        "agreement_event",
        "agreements' timelines, staff only for now",
    ),
    ("agreement_reminder", "reminders sent, staff only"),
    ("audit_event", "the audit log"),
    ("escalation", "stuck agreements on the ladder, staff only"),
    ("escalation_step", "the escalations' steps, staff only"),
    ("concern_contact", "personal data"),
    ("department", "partner organisations, staff only"),
    ("ladder_level", "the groups above the teams, staff only"),
    ("limit_claim", "rate limits"),
    ("one_time_token", "credentials"),
    ("organisation", "partner organisations, staff only"),
    ("outbox", "mail"),
    ("outreach", "the team's outreach log"),
    ("outreach_member", "the team's outreach log"),
    ("outreach_street", "the team's outreach log"),
    (
        "paper_count",
        "counts before publishing (ballot_item has the published ones)",
    ),
    ("paper_count_line", "counts before publishing"),
    ("person", "personal data"),
    ("phone_ballot", "votes before publishing"),
    ("phone_ballot_line", "votes before publishing"),
    ("routing_rule", "staff settings"),
    ("session", "sessions"),
    ("sign_in_attempt", "rate limits"),
    ("team_member", "staff"),
    ("team_role_holder", "staff"),
    ("vote_code", "credentials"),
    ("work_group", "staff"),
    ("work_group_member", "staff"),
    ("public_version", "the version itself"),
    ("seaql_migrations", "the schema's own bookkeeping"),
];

/// The current version. Cheap: one row on SQLite, a few on PostgreSQL.
pub async fn current(conn: &impl ConnectionTrait) -> DbResult<i64> {
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(
            backend,
            // SUM of a BIGINT is NUMERIC on PostgreSQL: cast it back.
            "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM public_version",
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    })
}
