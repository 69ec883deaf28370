//! The commands of the forms for facts, agreements and their terms, running
//! totals and estimates, and of the duplicates of events and sources: each
//! opens its form (the drafts of `gui::editing`) or makes its deletion
//! through the history, as the source, event and claim forms do.

use super::*;
use crate::gui::editing::{
    AgreementDraft, Draft, EstimateDraft, FactDraft, ItemCommand, Refusal, TermDraft, TotalDraft,
    duplicate_event, duplicate_source,
};
use factsheet_core::edit::{Edit, EditError, Target, remove_agreement};

impl FactsheetApp {
    /// One of these commands, with the data editable and no form open for a deletion.
    pub(super) fn item_command(&mut self, cmd: ItemCommand) {
        let Some(d) = self.state.dataset() else {
            return;
        };
        let draft = match cmd {
            ItemCommand::NewFact { event } => Draft::Fact(FactDraft::new_in(d, event)),
            ItemCommand::EditFact { event, fact } => {
                let Some(f) = d.events.get(event).and_then(|e| e.facts.get(fact)) else {
                    return;
                };
                Draft::Fact(FactDraft::of(event, fact, f))
            }
            ItemCommand::NewAgreement => Draft::Agreement(AgreementDraft::new_in(d)),
            ItemCommand::EditAgreement(i) => {
                let Some(a) = d.agreements.get(i) else {
                    return;
                };
                Draft::Agreement(AgreementDraft::of(i, a))
            }
            ItemCommand::NewTerm { agreement } => {
                if d.agreements.get(agreement).is_none() {
                    return;
                }
                Draft::Term(TermDraft::new_in(d, agreement))
            }
            ItemCommand::EditTerm { agreement, term } => {
                let Some(t) = d.agreements.get(agreement).and_then(|a| a.terms.get(term)) else {
                    return;
                };
                Draft::Term(TermDraft::of(agreement, term, t))
            }
            ItemCommand::NewRunningTotal => Draft::RunningTotal(TotalDraft::new_in(d)),
            ItemCommand::EditRunningTotal(i) => {
                let Some(t) = d.running_totals.get(i) else {
                    return;
                };
                Draft::RunningTotal(TotalDraft::of(i, t))
            }
            ItemCommand::NewEstimate => Draft::Estimate(EstimateDraft::new_in(d)),
            ItemCommand::EditEstimate(i) => {
                let Some(e) = d.estimates.get(i) else {
                    return;
                };
                Draft::Estimate(EstimateDraft::of(i, e))
            }
            ItemCommand::DuplicateEvent(i) => {
                let Some(draft) = duplicate_event(d, i) else {
                    return;
                };
                Draft::Event(draft)
            }
            ItemCommand::DuplicateSource(i) => {
                let Some(draft) = duplicate_source(d, i) else {
                    return;
                };
                Draft::Source(draft)
            }
            ItemCommand::DeleteFact { event, fact } => {
                // The fact's answers live inside it: one edit takes them all.
                return self.make(Edit::Remove {
                    at: Target::Fact { event, fact },
                });
            }
            ItemCommand::DeleteTerm { agreement, term } => {
                return self.make(Edit::Remove {
                    at: Target::Term { agreement, term },
                });
            }
            ItemCommand::DeleteRunningTotal(i) => {
                return self.make(Edit::Remove {
                    at: Target::RunningTotal(i),
                });
            }
            ItemCommand::DeleteEstimate(i) => {
                return self.make(Edit::Remove {
                    at: Target::Estimate(i),
                });
            }
            ItemCommand::DeleteAgreement(i) => return self.delete_agreement(i),
        };
        self.state.refusal = None;
        self.open_form(draft, None);
    }

    /// Deletes the agreement at `i`, or shows what still refers to it.
    fn delete_agreement(&mut self, i: usize) {
        let Some(d) = self.state.dataset() else {
            return;
        };
        let Some(agreement) = d.agreements.get(i) else {
            return;
        };
        match remove_agreement(d, &agreement.id) {
            Ok(edit) => {
                self.state.refusal = None;
                self.make(edit);
            }
            Err(EditError::Referred { by, .. }) => {
                self.state.refusal = Some(Refusal {
                    name: format!("\"{}\" ({})", agreement.title, agreement.id),
                    references: by,
                });
            }
            Err(e) => self.edit_failed(&e),
        }
    }
}
