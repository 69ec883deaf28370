//! The commands of the forms for facts, agreements and their terms, running
//! totals and estimates, and the duplicates of events and sources; with the
//! accessible names of their controls.

/// What the controls of these forms ask for (inside [`super::EditCommand::Item`]).
#[derive(Debug, Clone, PartialEq)]
pub enum ItemCommand {
    /// Open the form for a new fact of the event at this index.
    NewFact {
        event: usize,
    },
    EditFact {
        event: usize,
        fact: usize,
    },
    /// Delete a fact of an event with its answers (one edit).
    DeleteFact {
        event: usize,
        fact: usize,
    },
    NewAgreement,
    EditAgreement(usize),
    /// Ask to delete the agreement at this index (refused while referred to, with the list).
    DeleteAgreement(usize),
    NewTerm {
        agreement: usize,
    },
    EditTerm {
        agreement: usize,
        term: usize,
    },
    DeleteTerm {
        agreement: usize,
        term: usize,
    },
    NewRunningTotal,
    EditRunningTotal(usize),
    DeleteRunningTotal(usize),
    NewEstimate,
    EditEstimate(usize),
    DeleteEstimate(usize),
    /// Open the form for a new event filled in as the event at this index.
    DuplicateEvent(usize),
    /// Open the form for a new source filled in as the source at this index.
    DuplicateSource(usize),
}

impl ItemCommand {
    /// Whether the command changes the data at once (rather than opening a
    /// form): refused while a form is open, whose item it could move.
    pub fn changes_data(&self) -> bool {
        matches!(
            self,
            ItemCommand::DeleteFact { .. }
                | ItemCommand::DeleteAgreement(_)
                | ItemCommand::DeleteTerm { .. }
                | ItemCommand::DeleteRunningTotal(_)
                | ItemCommand::DeleteEstimate(_)
        )
    }
}

/// Window titles and the accessible names of these controls.
pub mod labels {
    pub const ADD_FACT: &str = "Add fact…";
    pub const EDIT_FACT: &str = "Edit fact…";
    pub const DELETE_FACT: &str = "Delete fact";
    pub const ADD_AGREEMENT: &str = "Add agreement…";
    pub const EDIT_AGREEMENT: &str = "Edit agreement…";
    pub const DELETE_AGREEMENT: &str = "Delete agreement…";
    pub const ADD_TERM: &str = "Add term…";
    pub const EDIT_TERM: &str = "Edit term…";
    pub const DELETE_TERM: &str = "Delete term";
    pub const ADD_TOTAL: &str = "Add running total…";
    pub const EDIT_TOTAL: &str = "Edit running total…";
    pub const DELETE_TOTAL: &str = "Delete running total";
    pub const ADD_ESTIMATE: &str = "Add estimate…";
    pub const EDIT_ESTIMATE: &str = "Edit estimate…";
    pub const DELETE_ESTIMATE: &str = "Delete estimate";
    pub const DUPLICATE_EVENT: &str = "Duplicate event…";
    pub const DUPLICATE_SOURCE: &str = "Duplicate…";
    pub const ADD_CLAIM_ROW: &str = "Add a claim";
    pub const REMOVE_CLAIM_ROW: &str = "Remove claim";
    /// The refusal to delete an agreement something refers to.
    pub const REFUSAL_TITLE: &str = "Delete agreement";
    pub const CLOSE: &str = "Close";
}
