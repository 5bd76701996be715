//! `Tx`: the store's own write transaction, and `Db`, what repositories and services accept
//! as "the pool or a transaction".
//!
//! Its `commit` maps a failure the one right way (`DbError::from_driver`, so a constraint
//! found at commit is a `Conflict`), and on SQLite it is part of a group commit (`group`):
//! the transaction is a savepoint inside the batch the one writer connection has open, and
//! `commit` returns only once that batch is durable on disk.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement,
};

use crate::error::{DbError, DbResult};
use crate::group::Member;

/// The pool or a transaction: what a function that reads or writes takes when its caller
/// decides whether it runs inside a transaction.
pub trait Db: ConnectionTrait + Sync {}

impl Db for DatabaseConnection {}
impl Db for DatabaseTransaction {}
impl Db for Tx {}

/// A write transaction (`Store::begin_write`). Dropped without `commit`, it is rolled back.
pub struct Tx {
    inner: DatabaseTransaction,
    /// SQLite: the place in the writer's current batch.
    member: Option<Member>,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("grouped", &self.member.is_some())
            .finish_non_exhaustive()
    }
}

impl Tx {
    pub(crate) fn new(inner: DatabaseTransaction, member: Option<Member>) -> Tx {
        Tx { inner, member }
    }

    /// Makes the transaction's changes permanent. Returns once they are durable (on SQLite:
    /// once the batch this transaction joined has been committed); a constraint that fails
    /// at commit is `DbError::Conflict`.
    pub async fn commit(self) -> DbResult<()> {
        let Tx { inner, member } = self;
        match member {
            None => inner.commit().await.map_err(DbError::from_driver),
            Some(member) => {
                inner.commit().await.map_err(DbError::from_driver)?;
                member.committed().await
            }
        }
    }

    /// Undoes the transaction's changes.
    pub async fn rollback(self) -> DbResult<()> {
        let Tx { inner, member } = self;
        let result = inner.rollback().await.map_err(DbError::from_driver);
        drop(member);
        result
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Tx {
    fn get_database_backend(&self) -> DbBackend {
        self.inner.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.inner.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.inner.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.inner.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.inner.query_all_raw(stmt).await
    }
}
