//! What the timing examples share: the allocator the `factsheet` binary runs
//! with (src/main.rs), so they measure what the app and the CLI do, and the
//! wall and CPU time of a call.

use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// User and system CPU time of this process so far.
pub fn cpu() -> (Duration, Duration) {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF and a valid pointer, as getrusage(2) asks.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (time(usage.ru_utime), time(usage.ru_stime))
}

/// Wall, user and system time of one call of `f`.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, [Duration; 3]) {
    let (u0, s0) = cpu();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed();
    let (u1, s1) = cpu();
    (out, [wall, u1 - u0, s1 - s0])
}

/// The median of `v` (the upper one of an even count).
#[allow(dead_code)] // Not every example takes medians.
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}
