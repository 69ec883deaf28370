//! What the Agreements tab shows: each agreement's terms against delivery and
//! each running total against the events it covers, over every event of the
//! open data. No filter changes it, so it is computed once, with the data.

use factsheet_core::model::Dataset;
use factsheet_core::stats::{AgreementProgress, RunningTotalCheck, Stats};

#[derive(Debug, Clone, Default)]
pub struct Tracker {
    pub agreements: Vec<AgreementProgress>,
    pub running_totals: Vec<RunningTotalCheck>,
}

impl Tracker {
    pub fn build(dataset: &Dataset) -> Tracker {
        let stats = Stats::compute_tracking(dataset);
        Tracker {
            agreements: stats.agreements,
            running_totals: stats.running_totals,
        }
    }
}
