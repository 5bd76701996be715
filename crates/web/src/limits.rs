//! In-memory limits on anonymous forms (residents' reports): so many per network address in
//! a window, refused with 429 beyond it. Kept in memory on purpose: a flood must cost the
//! server as little as possible, so it never reaches the database.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Reports one address may send in `WINDOW`.
pub const REPORTS_PER_WINDOW: usize = 10;
/// The window of the report limit.
pub const WINDOW: Duration = Duration::from_mins(10);
/// Addresses remembered before old ones are swept.
const SWEEP_AT: usize = 10_000;

/// A sliding-window counter per address.
#[derive(Clone, Debug, Default)]
pub struct Limiter(Arc<Mutex<HashMap<IpAddr, VecDeque<Instant>>>>);

impl Limiter {
    /// Counts one attempt of `ip` at `now`; `Err(seconds to wait)` when over the limit
    /// (the refused attempt is not counted).
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        self.in_window(ip, now, |times| {
            if times.len() >= REPORTS_PER_WINDOW {
                return Err(wait(times, now));
            }
            times.push_back(now);
            Ok(())
        })
    }

    /// Runs `f` on the attempts of `ip` still in the window at `now` (older ones dropped, and
    /// addresses without recent attempts swept when many are remembered).
    fn in_window<R>(
        &self,
        ip: IpAddr,
        now: Instant,
        f: impl FnOnce(&mut VecDeque<Instant>) -> R,
    ) -> R {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= SWEEP_AT {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let times = map.entry(ip).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        f(times)
    }
}

/// Seconds until the oldest attempt in `times` leaves the window (at least one).
fn wait(times: &VecDeque<Instant>, now: Instant) -> u64 {
    let oldest = times.front().copied().unwrap_or(now);
    WINDOW
        .saturating_sub(now.duration_since(oldest))
        .as_secs()
        .max(1)
}

// meeting (public)
/// Wrong vote codes one address may try in `WINDOW` before it is answered with 429.
pub const WRONG_CODES_PER_WINDOW: usize = 20;

/// Failed attempts per address in a sliding window (wrong vote codes). Unlike `Limiter` it
/// counts only failures, and it refuses nothing by itself: a hall full of phones shares one
/// address, so a right code must always work; the caller answers a failure over the limit
/// with 429 (and a notice) instead of the plain message.
#[derive(Clone, Debug, Default)]
pub struct Failures(Limiter);

impl Failures {
    /// Counts one failure of `ip` at `now`; `Err(seconds until the oldest counted failure
    /// leaves the window)` when that makes more than `WRONG_CODES_PER_WINDOW`.
    pub fn fail(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        self.0.count(ip, now, WRONG_CODES_PER_WINDOW)
    }
}

impl Limiter {
    /// Records an attempt of `ip` at `now` whatever happens, then `Err(seconds)` when more
    /// than `limit` are in the window.
    fn count(&self, ip: IpAddr, now: Instant, limit: usize) -> Result<(), u64> {
        self.in_window(ip, now, |times| {
            // Keep no more than one over the limit: a flood costs no memory.
            if times.len() > limit {
                times.pop_front();
            }
            times.push_back(now);
            if times.len() > limit {
                return Err(wait(times, now));
            }
            Ok(())
        })
    }
}
// end meeting (public)

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_limit_then_refuses_until_the_window_moves() {
        let limiter = Limiter::default();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let start = Instant::now();
        for _ in 0..REPORTS_PER_WINDOW {
            assert!(limiter.check(ip, start).is_ok());
        }
        let wait = limiter.check(ip, start).unwrap_err();
        assert!(wait > 500 && wait <= WINDOW.as_secs(), "{wait}");
        assert!(limiter.check(other, start).is_ok(), "per address");
        assert!(
            limiter.check(ip, start + WINDOW).is_ok(),
            "the window moved on"
        );
    }

    #[test]
    fn counts_failures_and_keeps_counting_over_the_limit() {
        let failures = Failures::default();
        let ip: IpAddr = "192.0.2.9".parse().unwrap();
        let start = Instant::now();
        for _ in 0..WRONG_CODES_PER_WINDOW {
            assert!(failures.fail(ip, start).is_ok());
        }
        assert!(failures.fail(ip, start).is_err());
        assert!(failures.fail(ip, start).is_err(), "still over");
        assert!(
            failures.fail(ip, start + WINDOW).is_ok(),
            "the window moved on"
        );
    }
}
