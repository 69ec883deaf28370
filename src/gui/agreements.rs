//! The Agreements tab: each agreement's terms against what the events linked
//! to it delivered since its date, with the share delivered; then each running
//! total that sources state ("in total, N bodies returned") against the sum of
//! the events it covers. Both over every event of the open files: the filters
//! narrow the table and the chart, not what was agreed or delivered.
//!
//! Everything shown comes from the core's statistics ([`factsheet_core::stats`]),
//! computed with the chart's series; this module only lays it out.

use egui::{RichText, Ui};

use super::command::Command;
use super::comparison;
use super::editing::forms_items;
use super::state::{AppState, Filters, Tab};
use super::theme::ui_kit;
use factsheet_core::model::{Agreement, TotalCounts, thousands};
use factsheet_core::stats::{
    AgreementProgress, NoShare, RunningTotalCheck, Share, TermProgress, Verdict,
};

/// The accessible name of the tab's content.
pub const PANEL_LABEL: &str = "Agreements and running totals";

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(data) = &state.data else {
        ui.label(RichText::new("No data open").weak());
        return;
    };
    let tracker = &data.tracker;
    egui::ScrollArea::vertical()
        .id_salt("agreements")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Over every event in the open files: the filters narrow the table and the \
                     chart, not what was agreed or delivered.",
                )
                .weak(),
            );
            ui_kit::section(ui, "Agreements");
            forms_items::add_agreement_button(ui, state, cmds);
            if data.dataset.agreements.is_empty() {
                ui.label(RichText::new("The open files record no agreement.").weak());
            }
            // Latest first: the agreement being delivered now is the one readers look for.
            let latest_first = tracker.agreements.iter().rev();
            show_some(ui, "agreements", latest_first, |ui, progress| {
                if let Some(agreement) = data.dataset.agreements.get(progress.agreement) {
                    agreement_ui(ui, state, agreement, progress, cmds);
                }
            });
            ui.add_space(ui_kit::GAP);
            ui_kit::section(ui, "Running totals stated by sources");
            forms_items::add_total_button(ui, state, cmds);
            if tracker.running_totals.is_empty() {
                ui.label(
                    RichText::new("No source states a running total in the open files.").weak(),
                );
            }
            show_some(
                ui,
                "running-totals",
                tracker.running_totals.iter(),
                |ui, check| {
                    running_total_ui(ui, state, check, cmds);
                },
            );
            ui.add_space(ui_kit::GAP);
            forms_items::estimates_section(ui, state, cmds);
        });
}

/// How many items a list shows at first, and how many more each "Show more" adds.
pub const SHOWN_AT_ONCE: usize = 50;

/// Lays out the first items of a list, with "Show N more" when there are more
/// (a generated million events make thousands of agreements: laying them all
/// out would cost every frame). How many are shown lives in egui's memory.
fn show_some<'a, T: 'a>(
    ui: &mut Ui,
    salt: &str,
    items: impl ExactSizeIterator<Item = &'a T>,
    mut show: impl FnMut(&mut Ui, &'a T),
) {
    let id = ui.make_persistent_id(("shown", salt));
    let shown: usize = ui.data_mut(|d| *d.get_temp_mut_or_insert_with(id, || SHOWN_AT_ONCE));
    let total = items.len();
    for item in items.take(shown) {
        show(ui, item);
    }
    if total > shown {
        let more = (total - shown).min(SHOWN_AT_ONCE);
        let text = format!(
            "Show {more} more ({} of {} shown)",
            thousands(shown as u64),
            thousands(total as u64)
        );
        if ui.button(text).clicked() {
            ui.data_mut(|d| d.insert_temp(id, shown + more));
        }
    }
}

/// The button under an agreement that lists the events fulfilling it.
pub const SHOW_EVENTS: &str = "Show its events";

fn agreement_ui(
    ui: &mut Ui,
    state: &AppState,
    agreement: &Agreement,
    progress: &AgreementProgress,
    cmds: &mut Vec<Command>,
) {
    let Some(data) = &state.data else {
        return;
    };
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(agreement.title.as_str()).strong());
            let name = format!("{} ({})", agreement.title, agreement.id);
            forms_items::agreement_buttons(ui, state, progress.agreement, &name, cmds);
            if ui
                .small_button(SHOW_EVENTS)
                .on_hover_text(
                    "The events that fulfil this agreement on or after its date (those counted \
                     below), in the Events tab",
                )
                .clicked()
            {
                // From the agreement's first day, with the same overlap test as `delivers_on`: the
                // table then lists exactly the events whose figures the terms below add up. An event
                // naming the agreement before it was made is one clear of the date filter away.
                cmds.push(Command::SetFilters(Filters {
                    agreement: Some(agreement.id.to_string()),
                    from: Some(agreement.date.bounds().0),
                    ..Filters::default()
                }));
                cmds.push(Command::SetTab(Tab::Events));
            }
        });
        let mut about = vec![agreement.date.to_string()];
        if let Some(place) = &agreement.place {
            about.push(comparison::canonical_place(&data.comparer.places, &place.name).to_string());
        }
        if !agreement.parties.is_empty() {
            about.push(format!("parties: {}", agreement.parties.join(", ")));
        }
        if !agreement.mediators.is_empty() {
            about.push(format!("mediators: {}", agreement.mediators.join(", ")));
        }
        ui.label(RichText::new(about.join(" · ")).weak());
        if progress.terms.is_empty() {
            ui.label(RichText::new("No quantified commitment recorded.").weak());
        }
        // One agreement can have as many terms as a file gives it.
        let salt = format!("terms-{}", agreement.id);
        show_some(ui, &salt, progress.terms.iter(), |ui, term| {
            term_ui(ui, agreement, term);
            if let Some(model) = agreement.terms.get(term.term) {
                let name = model.id.as_str();
                forms_items::term_buttons(ui, state, progress.agreement, term.term, name, cmds);
            }
        });
    });
}

fn term_ui(ui: &mut Ui, agreement: &Agreement, term: &TermProgress) {
    let Some(model) = agreement.terms.get(term.term) else {
        return;
    };
    ui.add_space(ui_kit::GAP / 2.0);
    ui.label(format!(
        "{} ({} {})",
        model.description,
        term.category.label(),
        term.received_by.to_label()
    ));
    egui::Grid::new(("term", agreement.id.as_str(), term.term))
        .num_columns(2)
        .spacing([ui_kit::GAP * 2.0, 2.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Committed").weak());
            if term.target.sources == 0 {
                // "Not disclosed" would say a source withheld it; here none speaks of it.
                ui.label(RichText::new("no source states it").weak());
            } else {
                ui.label(format!(
                    "{} ({} source{})",
                    term.target.text(),
                    term.target.sources,
                    s(term.target.sources)
                ));
            }
            ui.end_row();
            ui.label(
                RichText::new(format!("Delivered since {}", agreement.date.bounds().0)).weak(),
            );
            ui.label(format!(
                "{} in {} event{}",
                term.delivered.text(),
                thousands(term.events as u64),
                s(term.events)
            ));
            ui.end_row();
            if term.disputed_events > 0 {
                ui.label(RichText::new("Disputed").weak());
                ui.label(
                    RichText::new(format!(
                        "{} +{} more in {} event{} whose agreement sources dispute",
                        ui_kit::ICON_CONFLICT,
                        term.disputed.text(),
                        thousands(term.disputed_events as u64),
                        s(term.disputed_events)
                    ))
                    .color(ui_kit::conflict_color(ui)),
                )
                .on_hover_text(
                    "Some sources count these events under this agreement and others do not: \
                     they are left out of what was delivered, and shown here",
                );
                ui.end_row();
            }
        });
    let target = term.target.best.unwrap_or_default();
    let shown = term.share_or_why().map(|share| match share {
        // Exact: the target and every delivery have a number.
        Share::Exact(share) => (
            share,
            format!(
                "{} of {} · {}",
                thousands(term.delivered.best.unwrap_or_default()),
                thousands(target),
                percent(share)
            ),
        ),
        Share::AtLeast(share) => (
            share,
            format!(
                "at least {} of {} · at least {}",
                thousands(term.delivered.low),
                thousands(target),
                percent(share)
            ),
        ),
    });
    match shown {
        Ok((share, text)) => {
            ui.add(
                egui::ProgressBar::new(share.clamp(0.0, 1.0) as f32)
                    .desired_width(360.0)
                    .text(text),
            );
        }
        Err(why) => {
            ui.label(RichText::new(no_share_text(why, term)).weak());
        }
    }
    match term.share_with_disputed() {
        Some(Share::Exact(share)) => {
            ui.label(format!("With the disputed events: {}", percent(share)));
        }
        Some(Share::AtLeast(share)) => {
            ui.label(format!(
                "With the disputed events: at least {}",
                percent(share)
            ));
        }
        None => {}
    }
}

/// Why the term shows no share, naming what the sources would have to say.
fn no_share_text(why: NoShare, term: &TermProgress) -> String {
    match why {
        NoShare::Unstated => "No share: no source gives the commitment a number".to_string(),
        NoShare::Bounded => format!(
            "No share: the sources only bound the commitment ({}), so a share of it would be a guess",
            term.target.text()
        ),
        NoShare::Zero => "No share: the commitment is zero".to_string(),
        NoShare::DeliveryUnknown => {
            "No share: no source gives a number for what was delivered".to_string()
        }
    }
}

/// The plural ending for a count of `n`.
fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "20%", rounded down so that "100%" means all of it; "under 1%" rather
/// than a "0%" that reads as nothing delivered.
fn percent(share: f64) -> String {
    let whole = (share * 100.0).floor();
    if share > 0.0 && whole < 1.0 {
        "under 1%".to_string()
    } else {
        format!("{}%", thousands(whole as u64))
    }
}

fn running_total_ui(
    ui: &mut Ui,
    state: &AppState,
    check: &RunningTotalCheck,
    cmds: &mut Vec<Command>,
) {
    let Some(data) = &state.data else {
        return;
    };
    let Some(total) = data.dataset.running_totals.get(check.total) else {
        return;
    };
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(total.description.as_str()).strong());
            forms_items::total_buttons(ui, state, check.total, total.id.as_str(), cmds);
            if ui
                .small_button(SHOW_EVENTS)
                .on_hover_text(
                    "The events this total covers (those counted below), in the Events tab",
                )
                .clicked()
            {
                cmds.push(Command::SetFilters(Filters {
                    running_total: Some(total.id.to_string()),
                    ..Filters::default()
                }));
                cmds.push(Command::SetTab(Tab::Events));
            }
        });
        // The same words as the fact sheet's exports: the range the data
        // allows, and a verdict that is "cannot tell" whenever the data is.
        let computed = match check.counts {
            TotalCounts::People => format!(
                "The data adds up to {} ({} event{})",
                check.computed_text(),
                thousands(check.events as u64),
                s(check.events)
            ),
            TotalCounts::Events => format!(
                "The open files hold {} such event{}",
                thousands(check.events as u64),
                s(check.events)
            ),
        };
        ui.label(RichText::new(computed).weak());
        for claim in &check.claims {
            ui.horizontal_wrapped(|ui| {
                let source = data
                    .source(&claim.source)
                    .map_or_else(|| claim.source.clone(), comparison::name_of);
                ui.label(source);
                ui.label(RichText::new("says").weak());
                ui.label(RichText::new(claim.stated.to_string()).strong());
                if let Some(d) = claim.difference.filter(|d| d.low != 0 || d.high != 0) {
                    ui.label(RichText::new(format!("(difference {})", d.text())).weak());
                }
                let verdict = claim.verdict.text(claim.stated, check.earliest_event);
                let shown = match claim.verdict {
                    Verdict::Consistent(_) => {
                        RichText::new(format!("{} consistent: {verdict}", ui_kit::ICON_AGREE))
                            .color(ui_kit::agree_color(ui))
                    }
                    Verdict::Inconsistent => {
                        RichText::new(format!("{} consistent: {verdict}", ui_kit::ICON_CONFLICT))
                            .color(ui_kit::conflict_color(ui))
                    }
                    Verdict::CannotTell(_) => {
                        RichText::new(format!("consistent: {verdict}")).weak()
                    }
                };
                ui.label(shown);
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn shares_read_rounded_down_and_a_sliver_is_not_nothing() {
        assert_eq!(percent(1212.0 / 6000.0), "20%");
        assert_eq!(percent(27.0 / 6000.0), "under 1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.999), "99%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(1.5), "150%");
        assert_eq!(percent(12.05), "1,205%");
    }
}
