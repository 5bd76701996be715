//! The version of what public pages show (`public_version`), kept by the database itself:
//! a trigger on every table a public page reads bumps it in the same transaction as the
//! change, whoever writes (a service, the CLI, an import, someone at a SQL prompt). Servers
//! keep rendered public pages per version (`web::html::cache`), so a change committed by any
//! server is seen by all on their next request. `concern` bumps only for rows that are or
//! were public: team-only and police-restricted concerns appear on no public page.
//!
//! The version is the sum of the `version` column. On SQLite one row (its one writer
//! serialises writes anyway); on PostgreSQL 16 rows, each transaction bumping one chosen at
//! random, so concurrent writers rarely wait on one another's row lock. On PostgreSQL the
//! trigger is a deferred constraint trigger that bumps once per transaction (a
//! transaction-local setting remembers it did), at commit: the row lock is taken last and
//! held only while committing, so it cannot join a cycle of locks (a deadlock).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables public pages read, as of this migration (a later one that makes a page read
/// another table adds its trigger).
const TABLES: [&str; 15] = [
    "municipality",
    "district",
    "neighbourhood",
    "neighbourhood_boundary",
    "street",
    "address",
    "team",
    "team_neighbourhood",
    "team_settings",
    "concern_category",
    "cycle",
    "agenda_item",
    "meeting",
    "ballot_item",
    "priority",
];

/// Rows of `public_version` on PostgreSQL.
const PG_SLOTS: i32 = 16;

fn pg_function() -> String {
    format!(
        r"CREATE FUNCTION bump_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    chosen integer := floor(random() * {PG_SLOTS})::integer;
BEGIN
    IF current_setting('buurtagenda.public_version_bumped', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('buurtagenda.public_version_bumped', '1', true);
        UPDATE public_version SET version = version + 1 WHERE slot = chosen;
    END IF;
    RETURN NULL;
END
$$"
    )
}

fn pg_trigger(table: &str, name: &str, events: &str, when: &str) -> String {
    format!(
        "CREATE CONSTRAINT TRIGGER {name} AFTER {events} ON \"{table}\" \
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW {when} \
         EXECUTE FUNCTION bump_public_version()"
    )
}

fn sqlite_trigger(table: &str, name: &str, event: &str, when: &str) -> String {
    format!(
        "CREATE TRIGGER {name} AFTER {event} ON \"{table}\" {when} \
         BEGIN UPDATE public_version SET version = version + 1; END"
    )
}

/// Every statement, in order, for `backend`.
fn statements(backend: sea_orm::DbBackend) -> Vec<String> {
    let postgres = backend == sea_orm::DbBackend::Postgres;
    let mut out = Vec::new();
    if postgres {
        out.push(pg_function());
        for table in TABLES {
            out.push(pg_trigger(
                table,
                &format!("{table}_public_version"),
                "INSERT OR UPDATE OR DELETE",
                "",
            ));
        }
    } else {
        for table in TABLES {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                let name = format!("{table}_public_version_{}", event.to_lowercase());
                out.push(sqlite_trigger(table, &name, event, ""));
            }
        }
    }
    // A concern matters to public pages only while it is public (or stops being so).
    for (event, when) in [
        ("INSERT", "WHEN (NEW.sensitivity = 'public')"),
        (
            "UPDATE",
            "WHEN (OLD.sensitivity = 'public' OR NEW.sensitivity = 'public')",
        ),
        ("DELETE", "WHEN (OLD.sensitivity = 'public')"),
    ] {
        let name = format!("concern_public_version_{}", event.to_lowercase());
        out.push(if postgres {
            pg_trigger("concern", &name, event, when)
        } else {
            sqlite_trigger("concern", &name, event, when)
        });
    }
    out
}

#[derive(DeriveIden)]
enum PublicVersion {
    Table,
    Slot,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PublicVersion::Table)
                .col(
                    ColumnDef::new(PublicVersion::Slot)
                        .integer()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(PublicVersion::Version)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .take(),
        )
        .await?;
        let backend = m.get_database_backend();
        let slots = if backend == sea_orm::DbBackend::Postgres {
            PG_SLOTS
        } else {
            1
        };
        let mut rows = Query::insert()
            .into_table(PublicVersion::Table)
            .columns([PublicVersion::Slot, PublicVersion::Version])
            .to_owned();
        for slot in 0..slots {
            rows.values_panic([slot.into(), 0_i64.into()]);
        }
        m.exec_stmt(rows).await?;
        let conn = m.get_connection();
        for sql in statements(backend) {
            conn.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
