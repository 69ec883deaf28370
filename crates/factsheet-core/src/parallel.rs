//! The machine's second core, behind one policy.
//!
//! A call site says what it does in parallel and how much work it is
//! ([`Size`], counted in events); this module decides whether a second thread
//! starts, and starts it:
//! - [`in_halves`]: one piece of work over a long list, in two halves (the
//!   statistics, the comparison of every figure, the table's rows);
//! - [`each`]: a few pieces of unequal cost, each taken by whichever thread
//!   is free (the table's sort orders, one column each);
//! - [`beside`]: a second piece of work on the other core while this thread
//!   does its own, its result taken when needed (validation's checks that
//!   need nothing of the main pass, the check read of a streamed file, the
//!   JSON sheet's chart series);
//! - [`helper`]: a thread that outlives the call that starts it, for the
//!   split parse, which hands work back through a channel as it reads.
//!
//! **The policy**: a second thread from [`SPLIT_FROM`] events' worth of work,
//! when the process may run on two cores ([`cores`]). There a thread's start
//! and join (about 27 µs) cost under 1% of the half of the work it takes
//! off, and two cores measured no slower than one on a busy host
//! (docs/PERFORMANCE.md, "Two cores"). Whatever the policy decides, the
//! result is the same: work a thread could not start, or that panicked on
//! it, is done on the calling thread ([`Aside::join`] leaves a panic's
//! remedy to its caller).

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::ScopedJoinHandle;

/// From how many events' worth of work a second thread is used.
pub const SPLIT_FROM: usize = 10_000;

/// About how many bytes one event takes in a file (the generated data's
/// average is 1,170–1,190), to judge a file's parse before its events are
/// counted.
pub const BYTES_PER_EVENT: u64 = 1_100;

/// How much work a piece is, in events (or table rows), and from how many of
/// them it is worth a second thread: [`SPLIT_FROM`] but where a test sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    events: usize,
    split_from: usize,
}

impl Size {
    /// Work over `events` events.
    pub fn events(events: usize) -> Size {
        Size {
            events,
            split_from: SPLIT_FROM,
        }
    }

    /// The parse of a file of `bytes` bytes.
    pub fn file(bytes: u64) -> Size {
        Size::events(usize::try_from(bytes / BYTES_PER_EVENT).unwrap_or(usize::MAX))
    }

    /// The same work, worth a thread from `split_from` events (how tests
    /// split small lists).
    pub fn split_from(self, split_from: usize) -> Size {
        Size { split_from, ..self }
    }

    /// Whether the work goes on a second thread: from the size the policy
    /// names on, when there is a second core to run it.
    pub fn worth_a_thread(self) -> bool {
        self.events >= self.split_from && cores() >= 2
    }
}

/// Runs `work` over `0..len`: in one call, or, when `size` is worth a thread
/// and there are two items or more, over the two halves, the later half on a
/// thread called `name`. Returns the results in order (one or two of them).
/// When no thread can be started, or it panics, the later half is done on
/// this thread instead.
pub fn in_halves<T: Send>(
    name: &str,
    len: usize,
    size: Size,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    if len < 2 || !size.worth_a_thread() {
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

/// Runs `work` for each of `0..count`: on this thread and, when `size` is
/// worth a thread, on a thread called `name` too, each taking the next item
/// as soon as it is free (the items may differ in cost). Returns the results
/// in order. Items whose thread failed are done again on this one.
pub fn each<T: Send>(
    name: &str,
    count: usize,
    size: Size,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    if count < 2 || !size.worth_a_thread() {
        return (0..count).map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            if at >= count {
                return done;
            }
            done.push((at, work(at)));
        }
    };
    let mut results: Vec<Option<T>> = std::iter::repeat_with(|| None).take(count).collect();
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name(name.into())
            .spawn_scoped(scope, take);
        let mine = take();
        let theirs = other.ok().and_then(|t| t.join().ok()).unwrap_or_default();
        for (at, out) in mine.into_iter().chain(theirs) {
            if let Some(slot) = results.get_mut(at) {
                *slot = Some(out);
            }
        }
    });
    (0..count)
        .zip(results)
        .map(|(at, out)| out.unwrap_or_else(|| work(at)))
        .collect()
}

/// Runs `main` on this thread and, when `size` is worth a thread, `aside` on
/// a thread called `name` meanwhile; `main` takes what `aside` returns from
/// the [`Aside`] it is given, when it needs it. Without a thread, `aside`
/// runs on this thread when `main` asks for it.
pub fn beside<A, B: Send, F: FnOnce() -> B + Send>(
    name: &str,
    size: Size,
    aside: F,
    main: impl FnOnce(Aside<'_, '_, F, B>) -> A,
) -> A {
    // The work stays here until one thread takes it: a thread that cannot
    // start leaves it for this one.
    let work = Mutex::new(Some(aside));
    if !size.worth_a_thread() {
        return main(Aside {
            work: &work,
            thread: None,
        });
    }
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn_scoped(scope, || take(&work).map(|f| f()))
            .ok();
        main(Aside {
            work: &work,
            thread,
        })
    })
}

/// The work [`beside`] puts aside, and the thread doing it, if any.
pub struct Aside<'scope, 'w, F, B> {
    work: &'w Mutex<Option<F>>,
    thread: Option<ScopedJoinHandle<'scope, Option<B>>>,
}

impl<F: FnOnce() -> B, B> Aside<'_, '_, F, B> {
    /// What the work put aside returns: waits for its thread, or does it here
    /// if no thread took it. `None` only when its thread panicked.
    pub fn join(self) -> Option<B> {
        let done = self.thread.and_then(|t| t.join().ok());
        match done {
            Some(Some(out)) => Some(out),
            // The thread did not take it, or there was none.
            Some(None) | None => take(self.work).map(|f| f()),
        }
    }
}

fn take<T>(slot: &Mutex<Option<T>>) -> Option<T> {
    // A panic while the slot is held leaves it whole, taken or not.
    slot.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
}

/// Starts `work` on a thread called `name` that outlives this call (it
/// reports back through whatever `work` holds); false when no thread could
/// be started, and the caller goes on alone. Whether the work is worth it is
/// the caller's [`Size::worth_a_thread`].
pub fn helper(name: &str, work: impl FnOnce() + Send + 'static) -> bool {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(work)
        .is_ok()
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

    fn two_cores() -> bool {
        cores() >= 2
    }

    #[test]
    fn the_halves_cover_the_list_in_order() {
        let size = Size::events(11).split_from(4);
        let ranges = in_halves("test", 11, size, |r| r);
        if two_cores() {
            assert_eq!(ranges, vec![0..5, 5..11]);
        } else {
            assert_eq!(ranges, vec![0..11]);
        }
        let threads = in_halves("test-halves", 10, size, |_| {
            std::thread::current().name().map(str::to_string)
        });
        if two_cores() {
            assert_eq!(threads.get(1), Some(&Some("test-halves".to_string())));
        }
    }

    #[test]
    fn small_work_is_done_in_one_call() {
        assert_eq!(
            in_halves("test", 3, Size::events(3).split_from(4), |r| r),
            vec![0..3]
        );
        assert_eq!(
            in_halves("test", 0, Size::events(0).split_from(0), |r| r),
            vec![0..0]
        );
        assert_eq!(
            in_halves("test", 1, Size::events(1).split_from(0), |r| r),
            vec![0..1]
        );
        assert_eq!(
            in_halves("test", 4, Size::events(SPLIT_FROM - 1), |r| r),
            vec![0..4]
        );
    }

    #[test]
    fn the_policy_counts_events_and_files_by_their_bytes() {
        assert!(!Size::events(SPLIT_FROM - 1).worth_a_thread());
        assert_eq!(Size::events(SPLIT_FROM).worth_a_thread(), two_cores());
        // 11 MB counts as 10,000 events (the generated data's are 11.7 MB).
        assert!(!Size::file(10_999_999).worth_a_thread());
        assert_eq!(Size::file(11_000_000).worth_a_thread(), two_cores());
    }

    #[test]
    fn each_item_is_done_once_and_in_order() {
        let items = |size| each("test-each", 9, size, |at| (at, at * at));
        let expected: Vec<(usize, usize)> = (0..9).map(|at| (at, at * at)).collect();
        assert_eq!(items(Size::events(9)), expected);
        assert_eq!(items(Size::events(9).split_from(1)), expected);
        assert_eq!(
            each("test-each", 0, Size::events(0).split_from(0), |at| at),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn work_put_aside_is_done_on_its_thread_or_here() {
        let here = std::thread::current().id();
        let on = |size: Size| {
            beside(
                "test-beside",
                size,
                || std::thread::current().name().map(str::to_string),
                |aside| (std::thread::current().id(), aside.join()),
            )
        };
        let (main, aside) = on(Size::events(1));
        assert_eq!(
            (main, aside),
            (
                here,
                Some(std::thread::current().name().map(str::to_string))
            )
        );
        let (main, aside) = on(Size::events(1).split_from(1));
        assert_eq!(main, here);
        if two_cores() {
            assert_eq!(aside, Some(Some("test-beside".to_string())));
        }
    }

    #[test]
    fn work_put_aside_that_panics_gives_nothing() {
        if !two_cores() {
            // Done here, it would panic here.
            return;
        }
        let got = beside(
            "test-panics",
            Size::events(1).split_from(1),
            || -> u8 { panic!("the work put aside fails") },
            |aside| aside.join(),
        );
        assert_eq!(got, None);
    }
}
