//! The machine's second core: from what size each kind of work is worth a
//! second thread (every such threshold is here, so one policy decides), and
//! work over a long list split in two halves, the later half on a second
//! thread, which the passes over every event (statistics, comparison, table
//! rows) use.
//!
//! Below its threshold a piece of work is over before a thread has started
//! and handed its half back; the sizes were measured on the work they guard
//! (docs/PERFORMANCE.md).

use std::ops::Range;

/// From how many events a walk over every event (statistics, comparison,
/// table rows) is done in two halves.
pub const EVENT_WALKS_FROM: usize = 20_000;

/// From how many events validation checks part of them on a second thread.
pub const VALIDATION_FROM: usize = 10_000;

/// From how many chart points a JSON fact sheet's series are written on a
/// second thread.
pub const JSON_SERIES_FROM: usize = 2_000;

/// From how many bytes a file's events are parsed on two threads.
pub const PARSE_FROM: u64 = 32 << 20;

/// Whether work of `size` (counted as its threshold `from` counts) goes on
/// a second thread: from `from` on, when there is a second core to run it.
pub fn worth_a_thread<N: PartialOrd>(size: N, from: N) -> bool {
    size >= from && cores() >= 2
}

/// Runs `work` over `0..len`: in one call below `parallel_from` items, or over
/// the two halves, the later half on a thread called `name`. Returns the
/// results in order (one or two of them). When no thread can be started, or
/// it panics, the later half is done on this thread instead.
pub fn in_halves<T: Send>(
    name: &str,
    len: usize,
    parallel_from: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    if len < parallel_from.max(2) || cores() < 2 {
        return vec![work(0..len)];
    }
    let half = len / 2;
    std::thread::scope(|scope| {
        let later = std::thread::Builder::new()
            .name(name.into())
            .spawn_scoped(scope, || work(half..len));
        let first = work(0..half);
        let later = match later.map(|t| t.join()) {
            Ok(Ok(later)) => later,
            _ => work(half..len),
        };
        vec![first, later]
    })
}

/// How many cores this process may run on (its CPU affinity, as `taskset`
/// sets it): a second thread on the same core only takes turns with the first.
pub fn cores() -> usize {
    // Asked once: the answer reads the affinity mask and the cgroup's quota.
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_halves_cover_the_list_in_order() {
        let ranges = in_halves("test", 11, 4, |r| r);
        assert_eq!(ranges, vec![0..5, 5..11]);
        let threads = in_halves("test-halves", 10, 4, |_| {
            std::thread::current().name().map(str::to_string)
        });
        assert_eq!(threads.get(1), Some(&Some("test-halves".to_string())));
    }

    #[test]
    fn short_lists_are_done_in_one_call() {
        assert_eq!(in_halves("test", 3, 4, |r| r), vec![0..3]);
        assert_eq!(in_halves("test", 0, 0, |r| r), vec![0..0]);
        assert_eq!(in_halves("test", 1, 0, |r| r), vec![0..1]);
    }
}
