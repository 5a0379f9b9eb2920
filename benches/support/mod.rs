//! Timing shared by the benches. Several engineers share two cores, so
//! wall-clock time mostly measures the neighbours: each sample is the CPU
//! time of this thread (`CLOCK_THREAD_CPUTIME_ID`), or the wall clock where
//! that is missing. Use with criterion's `iter_custom`.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Nanoseconds this thread has run on a CPU, when the OS says.
fn cpu_time() -> Option<u64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    let secs = u64::try_from(ts.tv_sec).ok()?;
    let nanos = u64::try_from(ts.tv_nsec).ok()?;
    (rc == 0).then(|| secs * 1_000_000_000 + nanos)
}

/// Runs `work` `iters` times and returns the CPU time it took.
pub fn timed<T>(iters: u64, mut work: impl FnMut() -> T) -> Duration {
    let (cpu0, wall0) = (cpu_time(), Instant::now());
    for _ in 0..iters {
        black_box(work());
    }
    match (cpu0, cpu_time()) {
        (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
        _ => wall0.elapsed(),
    }
}
