//! Requests sent at the same moment, for tests of limits under concurrency.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Barrier;
use tokio::task::JoinSet;

/// Starts `n` tasks `f(0)` .. `f(n - 1)`, lets them all go at once (a barrier), and returns
/// their results in no particular order. Use it on a multi-threaded runtime
/// (`#[tokio::test(flavor = "multi_thread")]`) for requests that really overlap.
pub async fn together<T, F, Fut>(n: usize, f: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
{
    let start = Arc::new(Barrier::new(n));
    let mut tasks = JoinSet::new();
    for i in 0..n {
        let call = f(i);
        let start = start.clone();
        tasks.spawn(async move {
            start.wait().await;
            call.await
        });
    }
    tasks.join_all().await
}

/// How many of `statuses` are `status`.
pub fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}
