//! Group commit for SQLite: many write transactions share one commit, so that writes are not
//! capped by the disk's fsync rate.
//!
//! SQLite writes through one connection (`Store::begin_write`), and with `synchronous=FULL`
//! each commit waits for the disk. Here the writer keeps a *batch* open: an outer
//! transaction (`BEGIN IMMEDIATE`) in which each writer, in turn, works inside a savepoint
//! of its own. A writer whose work fails rolls back to its savepoint and leaves the others'
//! work alone; a writer whose work succeeds releases its savepoint, hands the connection to
//! the next writer and waits. A flusher task commits the batch as soon as it gets its turn
//! (the turn is a fair, first-come lock, so the flusher commits everything the writers queued
//! ahead of it did), and only then are the batch's writers answered: no write is acknowledged
//! before it is durable, and a failed commit fails exactly the writers of that batch. Under no
//! load a batch holds one write and costs what a plain commit costs; under load it holds every
//! write that queued during the previous commit.
//!
//! The schema has no deferred constraints on SQLite, so a savepoint that is released cannot
//! fail later at the batch's commit for a reason of its own; a commit that fails (disk full,
//! I/O error) fails its whole batch, none of which was acknowledged.

use std::sync::{Arc, Weak};

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use tokio::sync::{Mutex, Notify, OwnedMutexGuard, watch};

use crate::error::{DbError, DbResult};
use crate::tx::Tx;

/// How a batch ended: `None` while open; the error's kind and message if its commit failed.
type Outcome = Option<Result<(), (bool, String)>>;

/// The open batch, if any, and where its writers wait for its outcome.
struct Batch {
    outer: Option<DatabaseTransaction>,
    done: watch::Sender<Outcome>,
}

/// The writer side of a SQLite store.
pub(crate) struct Group {
    pool: DatabaseConnection,
    batch: Arc<Mutex<Batch>>,
    flush: Arc<Notify>,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Group")
    }
}

impl Group {
    /// The group over `pool` (one connection), with its flusher task.
    pub(crate) fn new(pool: DatabaseConnection) -> Arc<Group> {
        let batch = Arc::new(Mutex::new(Batch {
            outer: None,
            done: watch::channel(None).0,
        }));
        let flush = Arc::new(Notify::new());
        tokio::spawn(flusher(Arc::downgrade(&batch), Arc::clone(&flush)));
        Arc::new(Group { pool, batch, flush })
    }

    /// The one connection, for what must not run inside a batch (migrations, checks).
    pub(crate) fn pool(&self) -> &DatabaseConnection {
        &self.pool
    }

    /// Waits for the writer's turn and starts a savepoint in the open batch (opening one if
    /// none is open).
    pub(crate) async fn begin(&self) -> DbResult<Tx> {
        let mut batch = Arc::clone(&self.batch).lock_owned().await;
        if batch.outer.is_none() {
            let options = TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..TransactionOptions::default()
            };
            batch.outer = Some(self.pool.begin_with_options(options).await?);
            batch.done = watch::channel(None).0;
        }
        let savepoint = match &batch.outer {
            Some(outer) => outer.begin().await?,
            None => unreachable!("a batch was opened above"),
        };
        let done = batch.done.subscribe();
        Ok(Tx::new(
            savepoint,
            Some(Member {
                turn: Some(batch),
                done,
                flush: Arc::clone(&self.flush),
            }),
        ))
    }

    /// Commits the open batch, if any (when the store closes).
    pub(crate) async fn flush_now(&self) -> DbResult<()> {
        let mut batch = self.batch.lock().await;
        commit(&mut batch).await
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        // The flusher holds the batch weakly: woken now, it finds it gone and ends.
        self.flush.notify_one();
    }
}

/// A writer's place in a batch: its turn on the connection while it works, and the batch's
/// outcome once it has released its savepoint.
pub(crate) struct Member {
    turn: Option<OwnedMutexGuard<Batch>>,
    done: watch::Receiver<Outcome>,
    flush: Arc<Notify>,
}

impl Member {
    /// Gives the connection to the next writer, asks for the batch to be committed, and
    /// waits until it is.
    pub(crate) async fn committed(mut self) -> DbResult<()> {
        drop(self.turn.take());
        self.flush.notify_one();
        let outcome = self
            .done
            .wait_for(Option::is_some)
            .await
            .map_err(|_| DbError::CommitFailed("the writer stopped before committing".into()))?
            .clone();
        match outcome {
            Some(Ok(())) => Ok(()),
            Some(Err((true, message))) => Err(DbError::Conflict(message)),
            Some(Err((false, message))) => Err(DbError::CommitFailed(message)),
            None => Err(DbError::CommitFailed("no outcome".into())),
        }
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        // A writer that rolled back (or was cancelled) also asks for a commit, so that a
        // batch never stays open, holding SQLite's write lock, with nobody to commit it.
        self.flush.notify_one();
    }
}

/// Commits the batch's outer transaction, if one is open, and tells its writers how it went.
async fn commit(batch: &mut Batch) -> DbResult<()> {
    let Some(outer) = batch.outer.take() else {
        return Ok(());
    };
    let result = outer.commit().await.map_err(DbError::from_driver);
    let outcome = match &result {
        Ok(()) => Ok(()),
        Err(DbError::Conflict(message)) => Err((true, message.clone())),
        Err(other) => Err((false, other.to_string())),
    };
    batch.done.send_replace(Some(outcome));
    result
}

/// Commits whatever batch is open each time a writer asks, until the group is dropped.
async fn flusher(batch: Weak<Mutex<Batch>>, flush: Arc<Notify>) {
    loop {
        flush.notified().await;
        let Some(batch) = batch.upgrade() else {
            return;
        };
        let mut open = batch.lock().await;
        if let Err(e) = commit(&mut open).await {
            tracing::error!(error = %e, "committing a batch of writes failed");
        }
    }
}
