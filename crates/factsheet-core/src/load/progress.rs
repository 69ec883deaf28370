//! How far a load has come, for a progress display on another thread: which
//! stage it is at, and while the files are read, bytes read so far of how many.
//!
//! Bytes are counted as the files are read (by both threads of a split parse);
//! what follows the reading (validation, and in the app the tables) has no
//! bytes to count: its stage, and which of the stage's steps is under way, for
//! stages that say what their steps are (the app's preparation).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What a load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing the files.
    Reading,
    /// Validating what was read (and checking the files did not change).
    Checking,
    /// Deriving what the views show (the app's tables, comparison and chart).
    Preparing,
}

/// What checking loaded files does, in order: a progress display names the
/// step under way (at a million events the stage takes about a second).
pub const CHECKING_STEPS: [&str; 3] = [
    "validating",
    "adding up the running totals",
    "locating the problems in the files",
];

/// Shared between the load and whoever displays it (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    read: AtomicU64,
    total: AtomicU64,
    stage: AtomicU8,
    /// The step of the stage under way, from 1; 0 before the first.
    step: AtomicU8,
    /// Whoever shows the load no longer wants it.
    cancelled: AtomicBool,
}

impl Progress {
    /// Starts over, with `total` bytes to read.
    pub fn restart(&self, total: u64) {
        self.0.read.store(0, Ordering::Relaxed);
        self.0.total.store(total, Ordering::Relaxed);
        self.set_stage(Stage::Reading);
    }

    pub fn set_stage(&self, stage: Stage) {
        let n = match stage {
            Stage::Reading => 0,
            Stage::Checking => 1,
            Stage::Preparing => 2,
        };
        self.0.stage.store(n, Ordering::Relaxed);
        self.0.step.store(0, Ordering::Relaxed);
    }

    /// The stage's step `step` (from 1) has begun.
    pub fn set_step(&self, step: u8) {
        self.0.step.store(step, Ordering::Relaxed);
    }

    /// The step of the current stage under way (from 1); 0 before the first.
    pub fn step(&self) -> u8 {
        self.0.step.load(Ordering::Relaxed)
    }

    pub fn stage(&self) -> Stage {
        match self.0.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Checking,
            _ => Stage::Preparing,
        }
    }

    /// Asks the load to stop: it reads no further block and ends with an
    /// error saying it was cancelled.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }

    /// `bytes` more were read.
    pub fn read(&self, bytes: u64) {
        self.0.read.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The share of the bytes read, from 0 to 1; `None` before the load knows
    /// how many there are. (Parts a split parse reads twice count twice: the
    /// share stops at 1.)
    pub fn fraction(&self) -> Option<f32> {
        let total = self.0.total.load(Ordering::Relaxed);
        let read = self.0.read.load(Ordering::Relaxed);
        (total > 0).then(|| (read as f64 / total as f64).min(1.0) as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_read_goes_from_nothing_to_all_and_stops_there() {
        let p = Progress::default();
        assert_eq!(p.fraction(), None);
        p.restart(200);
        assert_eq!(p.fraction(), Some(0.0));
        p.clone().read(50);
        assert_eq!(p.fraction(), Some(0.25));
        p.read(250);
        assert_eq!(p.fraction(), Some(1.0));
        p.set_stage(Stage::Checking);
        assert_eq!(p.stage(), Stage::Checking);
        p.set_step(2);
        assert_eq!(p.step(), 2);
        p.set_stage(Stage::Preparing);
        assert_eq!(p.step(), 0, "a new stage starts before its first step");
        p.restart(10);
        assert_eq!(p.fraction(), Some(0.0));
        assert_eq!(p.stage(), Stage::Reading);
        assert!(!p.is_cancelled());
        p.clone().cancel();
        assert!(p.is_cancelled());
    }
}
