//! The store's write transactions: group commit on SQLite (several writers share one commit,
//! none is answered before that commit, one failing writer does not fail the others) and the
//! mapping of a constraint found at commit to a conflict, on both databases.

use std::time::Duration;

use sea_orm::{ConnectionTrait, Statement};
use store::{Backend, DbError, Store, Tx};
use testkit::TestDb;
use tokio::sync::oneshot;

async fn with_table() -> (TestDb, Store) {
    let db = TestDb::new().await;
    let store = db.store().await;
    store
        .conn()
        .execute_unprepared("CREATE TABLE gc_note (id INTEGER PRIMARY KEY, label TEXT UNIQUE)")
        .await
        .unwrap();
    (db, store)
}

async fn insert(tx: &Tx, id: i64, label: &str) -> Result<(), DbError> {
    let backend = tx.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "INSERT INTO gc_note (id, label) VALUES ($1, $2)",
        _ => "INSERT INTO gc_note (id, label) VALUES (?, ?)",
    };
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [id.into(), label.into()],
    ))
    .await
    .map(|_| ())
    .map_err(DbError::from_driver)
}

/// The labels another connection sees now (committed rows only).
async fn visible(db: &TestDb) -> Vec<String> {
    let other = db.store().await;
    let rows = other
        .conn()
        .query_all_raw(Statement::from_string(
            other.conn().get_database_backend(),
            "SELECT label FROM gc_note ORDER BY id",
        ))
        .await
        .unwrap();
    let labels = rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    other.close().await.unwrap();
    labels
}

/// A writer that inserts `id`, waits for `go`, then commits; answers with the commit's result.
fn writer(
    store: &Store,
    id: i64,
    label: &'static str,
) -> (
    oneshot::Sender<()>,
    tokio::task::JoinHandle<Result<(), DbError>>,
) {
    let (go, wait) = oneshot::channel::<()>();
    let store = store.clone();
    let handle = tokio::spawn(async move {
        let tx = store.begin_write().await?;
        insert(&tx, id, label).await?;
        let _ = wait.await;
        tx.commit().await
    });
    (go, handle)
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(150)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_is_answered_only_after_its_commit() {
    let (db, store) = with_table().await;
    let (go_first, first) = writer(&store, 1, "first");
    settle().await;
    // The second writer queues behind the first and will hold the connection after it.
    let (go_second, second) = writer(&store, 2, "second");
    settle().await;
    go_first.send(()).unwrap();
    settle().await;
    if store.backend() == Backend::Sqlite {
        // The first released its savepoint, but its batch waits for the second writer,
        // which holds the connection: not committed, so not answered.
        assert!(!first.is_finished(), "answered before its commit");
        assert!(visible(&db).await.is_empty());
    } else {
        // PostgreSQL: a transaction of its own, committed and answered at once.
        assert!(first.is_finished());
        assert_eq!(visible(&db).await, ["first"]);
    }
    go_second.send(()).unwrap();
    first.await.unwrap().unwrap();
    second.await.unwrap().unwrap();
    assert_eq!(visible(&db).await, ["first", "second"]);
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_write_in_a_batch_leaves_the_others_stored_and_answered() {
    let (db, store) = with_table().await;
    let (go_first, first) = writer(&store, 1, "first");
    settle().await;
    // Queued behind the first, so all run in its batch on SQLite: the middle one stores a
    // row, then fails on a duplicate label.
    let failing = {
        let store = store.clone();
        tokio::spawn(async move {
            let tx = store.begin_write().await?;
            insert(&tx, 10, "kept only if the writer succeeds").await?;
            insert(&tx, 11, "first").await?;
            tx.commit().await
        })
    };
    settle().await;
    let (go_last, last) = writer(&store, 3, "last");
    settle().await;
    go_last.send(()).unwrap();
    go_first.send(()).unwrap();
    first.await.unwrap().unwrap();
    let err = failing.await.unwrap().unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
    last.await.unwrap().unwrap();
    assert_eq!(visible(&db).await, ["first", "last"]);
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_writers_at_once_are_all_stored_once() {
    let (db, store) = with_table().await;
    let writers: Vec<_> = (0..200)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let tx = store.begin_write().await?;
                insert(&tx, i, &format!("note {i}")).await?;
                tx.commit().await
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap().unwrap();
    }
    assert_eq!(visible(&db).await.len(), 200);
    db.cleanup().await;
}

#[tokio::test]
async fn a_rolled_back_write_leaves_nothing_and_frees_the_writer() {
    let (db, store) = with_table().await;
    let tx = store.begin_write().await.unwrap();
    insert(&tx, 1, "undone").await.unwrap();
    tx.rollback().await.unwrap();
    {
        let dropped = store.begin_write().await.unwrap();
        insert(&dropped, 2, "dropped").await.unwrap();
    }
    let tx = store.begin_write().await.unwrap();
    insert(&tx, 3, "kept").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(visible(&db).await, ["kept"]);
    db.cleanup().await;
}

#[tokio::test]
async fn a_constraint_that_fails_at_commit_is_a_conflict() {
    let db = TestDb::new().await;
    let store = db.store().await;
    // A foreign key checked at commit (deferred), violated by the only write.
    let deferred = "CREATE TABLE gc_parent (id INTEGER PRIMARY KEY); \
         CREATE TABLE gc_child (id INTEGER PRIMARY KEY, parent INTEGER \
         REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)";
    for statement in deferred.split("; ") {
        store.conn().execute_unprepared(statement).await.unwrap();
    }
    let tx = store.begin_write().await.unwrap();
    tx.execute_unprepared("INSERT INTO gc_child (id, parent) VALUES (1, 99)")
        .await
        .expect("accepted until commit");
    let err = tx.commit().await.unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
    // The writer works on.
    let tx = store.begin_write().await.unwrap();
    tx.execute_unprepared("INSERT INTO gc_parent (id) VALUES (1)")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.cleanup().await;
}
