//! The system file dialogs (rfd), told apart from a cancelled choice.
//!
//! rfd asks the desktop's file-chooser portal, then `zenity`; when neither is
//! there (a bare X server, a minimal container) it logs an error and returns
//! `None`, exactly as when the user cancels. Nobody can cancel a dialog within a
//! fraction of a second, so a `None` that comes back that fast means no dialog
//! was shown, and the app says so instead of doing nothing.

use std::time::{Duration, Instant};

/// Faster than anyone can see a dialog and dismiss it.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// What came of asking the user through a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice<T> {
    Chosen(T),
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

impl<T> Choice<T> {
    /// Classifies a dialog's answer by how long it took to come back.
    pub fn from_answer(answer: Option<T>, took: Duration) -> Self {
        match answer {
            Some(value) => Choice::Chosen(value),
            None if took < NO_DIALOG_WITHIN => Choice::Unavailable,
            None => Choice::Cancelled,
        }
    }
}

/// Runs a blocking dialog and classifies its answer.
pub fn ask<T>(dialog: impl FnOnce() -> Option<T>) -> Choice<T> {
    ask_timed(Instant::now, dialog)
}

/// [`ask`], with the time read from `now` (before and after the dialog).
pub fn ask_timed<T>(
    mut now: impl FnMut() -> Instant,
    dialog: impl FnOnce() -> Option<T>,
) -> Choice<T> {
    let start = now();
    let answer = dialog();
    Choice::from_answer(answer, now().saturating_duration_since(start))
}

/// What the user reads when no dialog could be shown: how to do it otherwise.
pub fn unavailable_message(task: &str) -> String {
    format!(
        "No file dialog could be shown to {task}: this desktop has no file-chooser portal \
         (xdg-desktop-portal) and no zenity. Drop files on the window, or pass them on the \
         command line (factsheet FILE...); `factsheet summary` exports without the window."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_a_choice_whatever_the_time() {
        assert_eq!(
            Choice::from_answer(Some(1), Duration::ZERO),
            Choice::Chosen(1)
        );
        assert_eq!(
            Choice::from_answer(Some(1), Duration::from_secs(60)),
            Choice::Chosen(1)
        );
    }

    #[test]
    fn an_instant_nothing_means_no_dialog_and_a_slow_one_a_cancel() {
        assert_eq!(
            Choice::<u8>::from_answer(None, Duration::from_millis(3)),
            Choice::Unavailable
        );
        assert_eq!(
            Choice::<u8>::from_answer(None, Duration::from_secs(2)),
            Choice::Cancelled
        );
    }

    /// A clock that reads `start`, then `start + took`.
    fn clock(took: Duration) -> impl FnMut() -> Instant {
        let start = Instant::now();
        let mut reads = 0;
        move || {
            reads += 1;
            if reads == 1 { start } else { start + took }
        }
    }

    #[test]
    fn ask_times_the_dialog() {
        let quick = Duration::from_millis(249);
        let slow = Duration::from_millis(250);
        assert_eq!(ask_timed(clock(quick), || None::<u8>), Choice::Unavailable);
        assert_eq!(ask_timed(clock(slow), || None::<u8>), Choice::Cancelled);
        assert_eq!(ask_timed(clock(quick), || Some(7)), Choice::Chosen(7));
        assert_eq!(ask_timed(clock(slow), || Some(7)), Choice::Chosen(7));
    }
}
