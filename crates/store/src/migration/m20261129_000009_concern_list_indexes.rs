//! Indexes for the team's concern list, newest first (`repo::concerns::list`): without them
//! the database sorted all of a team's concerns for every page (80 ms at 33,000 concerns on
//! SQLite, measured with `bench/inventory`). With `(team_id, id)` a page walks the team's
//! concerns from the newest until it has enough; a filter by street, status or category walks
//! only the matching ones. A filter by cycle already had `(team_id, cycle_id, id)`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &[&str])] = &[
    ("ix_concern_team_id", &["team_id", "id"]),
    ("ix_concern_team_street", &["team_id", "street_id", "id"]),
    ("ix_concern_team_status", &["team_id", "status", "id"]),
    (
        "ix_concern_team_category",
        &["team_id", "category_id", "id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in INDEXES {
            let mut statement = Index::create();
            statement.name(*name).table(Alias::new("concern"));
            for column in *columns {
                statement.col(Alias::new(*column));
            }
            m.create_index(statement).await?;
        }
        Ok(())
    }
}
