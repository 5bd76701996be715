//! Reading the public version for many requests at once: requests that arrive while a read
//! is under way wait for the next read and share it, so under load the database answers a
//! few reads for many requests instead of one each (on SQLite each read is a hop to a
//! connection's thread and back, most of what a kept page costs).
//!
//! Sharing never returns an older version than a read of one's own would: a request only
//! shares a read that starts after it arrived, so that read sees every change committed
//! (and acknowledged) before the request came. One read runs at a time; everything that
//! arrives meanwhile forms the next batch, which starts when it ends. The read runs in a
//! task of its own, so a request given up half-way (a closed connection, a timeout) leaves
//! the others their answer.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use services::{Ctx, ServiceError};
use tokio::sync::{Notify, watch};

/// What a read gives: the version, or why it failed (shared, so as text).
type Outcome = Option<Result<i64, Arc<str>>>;

#[derive(Debug, Default)]
struct State {
    /// The batch that the next read will answer, while it has not started.
    next: Option<watch::Receiver<Outcome>>,
    /// Whether a read is under way.
    running: bool,
}

/// Shared reads of the public version.
#[derive(Debug, Default)]
pub(crate) struct VersionReads(Arc<Shared>);

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    /// Signalled when a read ends, for the batch waiting to start.
    done: Notify,
}

impl VersionReads {
    /// The public version as of a moment after this call began.
    pub(crate) async fn current(&self, ctx: &Ctx) -> Result<i64, ServiceError> {
        self.shared(|| {
            let ctx = ctx.clone();
            move || async move { services::places::public_version(&ctx).await }
        })
        .await
    }

    /// What a read gives, from a read (ours, made by `make` when none is waiting to start,
    /// or a shared one) that starts after this call began.
    async fn shared<M, F, R>(&self, make: M) -> Result<i64, ServiceError>
    where
        M: FnOnce() -> F,
        F: FnOnce() -> R + Send + 'static,
        R: Future<Output = Result<i64, ServiceError>> + Send + 'static,
    {
        let mut answer = {
            let mut state = self.0.state.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(batch) = &state.next {
                batch.clone()
            } else {
                let (send, receive) = watch::channel(None);
                state.next = Some(receive.clone());
                tokio::spawn(Self::read(Arc::clone(&self.0), make(), send));
                receive
            }
        };
        let outcome = answer
            .wait_for(Option::is_some)
            .await
            .map_err(|_| internal("the version read ended without an answer"))?;
        match outcome.as_ref() {
            Some(Ok(version)) => Ok(*version),
            Some(Err(why)) => Err(internal(why)),
            None => Err(internal("no version")),
        }
    }

    /// Waits for the read under way to end, starts this batch's (closing it to newcomers)
    /// and hands out what it gives.
    async fn read<F, R>(shared: Arc<Shared>, read: F, send: watch::Sender<Outcome>)
    where
        F: FnOnce() -> R,
        R: Future<Output = Result<i64, ServiceError>>,
    {
        loop {
            let ended = shared.done.notified();
            if !shared
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .running
            {
                break;
            }
            ended.await;
        }
        // Let the requests that are ready to run reach this batch first: under load they
        // share this read instead of each starting the next; idle, this costs nothing.
        tokio::task::yield_now().await;
        {
            // Only this batch's task starts a read now (newcomers join the batch).
            let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.running = true;
            state.next = None;
        }
        let outcome = read().await.map_err(|e| Arc::<str>::from(e.to_string()));
        send.send_replace(Some(outcome));
        shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .running = false;
        shared.done.notify_waiters();
    }
}

fn internal(why: &str) -> ServiceError {
    ServiceError::Internal(std::io::Error::other(why.to_owned()).into())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// A version kept in memory; a read takes its value when it starts (as a database
    /// snapshot does) and answers 30 ms later.
    #[derive(Clone, Default)]
    struct Source {
        version: Arc<AtomicI64>,
        reads: Arc<AtomicUsize>,
    }

    impl Source {
        fn reader(
            &self,
        ) -> impl FnOnce() -> std::pin::Pin<
            Box<dyn Future<Output = Result<i64, ServiceError>> + Send>,
        > + Send
        + 'static {
            let source = self.clone();
            move || {
                Box::pin(async move {
                    source.reads.fetch_add(1, Ordering::SeqCst);
                    let seen = source.version.load(Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    Ok(seen)
                })
            }
        }
    }

    #[tokio::test]
    async fn a_read_begun_before_a_request_is_never_its_answer_but_later_ones_share() {
        let reads = Arc::new(VersionReads::default());
        let source = Source::default();
        let first = tokio::spawn({
            let (reads, read) = (Arc::clone(&reads), source.reader());
            async move { reads.shared(|| read).await.unwrap() }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        // A change committed while the first read is under way, then requests arrive.
        source.version.store(1, Ordering::SeqCst);
        let later: Vec<_> = (0..10)
            .map(|_| {
                let (reads, read) = (Arc::clone(&reads), source.reader());
                tokio::spawn(async move { reads.shared(|| read).await.unwrap() })
            })
            .collect();
        assert_eq!(first.await.unwrap(), 0, "the first request's read");
        for request in later {
            assert_eq!(
                request.await.unwrap(),
                1,
                "a read that began after the change"
            );
        }
        assert_eq!(
            source.reads.load(Ordering::SeqCst),
            2,
            "the ten shared one read"
        );
    }

    #[tokio::test]
    async fn a_failed_read_fails_its_batch_only() {
        let reads = VersionReads::default();
        let failed = reads
            .shared(|| || async { Err(ServiceError::NotFound) })
            .await;
        assert!(matches!(failed, Err(ServiceError::Internal(_))));
        assert_eq!(reads.shared(|| || async { Ok(7) }).await.unwrap(), 7);
    }
}
