//! The Sources panel. For the selected event: every figure and fact with each
//! source's claim side by side (value, status, who stands behind the source,
//! the quote on hover, the link), disagreements marked by icon, words and
//! colour, and low / best / high with the number of sources. With nothing
//! selected: the dataset's sources and how often the points each reports are disputed.

use egui::{RichText, Ui};

use super::command::Command;
use super::comparison::{ClaimCell, PointView};
use super::state::AppState;
use super::theme::ui_kit;
use factsheet_core::model::thousands;

/// Accessible name of the panel.
pub const PANEL_LABEL: &str = "Sources panel";

/// A claim's mark when its quote is in its source's saved copy.
pub const QUOTE_FOUND: &str = "quote found in saved copy";

/// A claim's mark when its quote is not in its source's saved copy.
pub const QUOTE_NOT_FOUND: &str = "quote not found in saved copy";

/// The button, on each source of the overview, that attaches a saved copy.
pub const ATTACH_COPY: &str = "Attach saved copy…";

/// Label of the "only disputed points" toggle.
pub const ONLY_DISPUTED_LABEL: &str = "Only points where sources disagree";

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    ui.heading("Sources");
    let Some(data) = &state.data else {
        ui.label(RichText::new("No data open.").weak());
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("sources-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| match &state.comparison {
            Some(cmp) => {
                let title = data
                    .dataset
                    .events
                    .get(cmp.event_index)
                    .map_or("", |e| e.title.as_str());
                ui.label(RichText::new(title).strong());
                let disputed = cmp.disagreements();
                if disputed > 0 {
                    ui.label(
                        RichText::new(format!(
                            "{} sources disagree on {}",
                            ui_kit::ICON_CONFLICT,
                            ui_kit::counted(disputed, "point", "points")
                        ))
                        .color(ui_kit::conflict_color(ui)),
                    );
                }
                let mut only = state.only_disputed_points;
                if ui.checkbox(&mut only, ONLY_DISPUTED_LABEL).changed() {
                    cmds.push(Command::SetOnlyDisputedPoints(only));
                }
                if ui.small_button("Show all sources").clicked() {
                    cmds.push(Command::Select(None));
                }
                ui_kit::section(ui, "Figures");
                let mut shown = 0;
                for (i, point) in cmp.figures.iter().enumerate() {
                    if !only || point.class.is_disagreement() {
                        point_ui(ui, ("figure", i), point, cmds);
                        shown += 1;
                    }
                }
                if cmp.facts.iter().any(|p| !only || p.class.is_disagreement()) {
                    ui_kit::section(ui, "Facts");
                }
                for (i, point) in cmp.facts.iter().enumerate() {
                    if !only || point.class.is_disagreement() {
                        point_ui(ui, ("fact", i), point, cmds);
                        shown += 1;
                    }
                }
                if shown == 0 {
                    ui.label(RichText::new("Nothing to show.").weak());
                }
            }
            None => dataset_sources(ui, state, cmds),
        });
}

fn point_ui(ui: &mut Ui, salt: (&str, usize), point: &PointView, cmds: &mut Vec<Command>) {
    let frame = if point.class.is_disagreement() {
        egui::Frame::group(ui.style()).fill(ui_kit::conflict_fill(ui))
    } else {
        egui::Frame::group(ui.style())
    };
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&point.label).strong());
            ui.label(ui_kit::class_badge(ui, point.class));
        });
        if let Some(est) = point.estimate.filter(|e| e.low.is_some()) {
            let n = |v: Option<u64>| v.map_or_else(|| "—".to_string(), thousands);
            let high = match (est.high, est.low) {
                (None, Some(_)) => "open".to_string(),
                _ => n(est.high),
            };
            // Without a value any source gives, the claims' own bound ("more than 8,000").
            // Values nothing decides between read as all of them ("160 or 195"), as in the exports.
            let best = match (est.best, est.bound) {
                (None, Some(q)) => q.to_string(),
                (Some(_), _) if est.tie.is_some() => est.text(),
                (b, _) => n(b),
            };
            // Where an outlet relays another, the estimate counts origins
            // (compare::origins): "2 origins" above three outlets' claims,
            // where "2 sources" would read as a miscount.
            let (one, many) = match point.origins {
                Some(_) => ("origin", "origins"),
                None => ("source", "sources"),
            };
            ui.label(format!(
                "low {} · best {} · high {} · {}",
                n(est.low),
                best,
                high,
                ui_kit::counted(est.sources, one, many)
            ));
        } else {
            let mut sources: Vec<&str> =
                point.claims.iter().map(|c| c.source_id.as_str()).collect();
            sources.sort_unstable();
            sources.dedup();
            let what = if point.estimate.is_some() {
                "no number given, "
            } else {
                ""
            };
            ui.label(format!(
                "{what}{}",
                ui_kit::counted(sources.len(), "source", "sources")
            ));
        }
        if let Some(backing) = &point.backing {
            ui.label(RichText::new(format!("Backed by: {backing}")).weak());
        }
        if let Some(origins) = &point.origins {
            ui.label(RichText::new(format!("Independent: {origins}")).weak())
                .on_hover_text(
                    "Some of these sources relay others (wire copies, reprints, translations)",
                );
        }
        for note in &point.spellings {
            ui.label(RichText::new(format!("Spelling only, not a disagreement: {note}")).weak());
        }
        ui.push_id(salt, |ui| {
            for claim in &point.claims {
                claim_row(ui, claim, cmds);
            }
        });
    });
}

/// One source's claim on one line (wrapping when long): who, what, how firmly, link.
fn claim_row(ui: &mut Ui, claim: &ClaimCell, cmds: &mut Vec<Command>) {
    if claim.contradicts {
        // The odd one out: tinted, and marked with an icon for those who cannot see the tint.
        egui::Frame::new()
            .fill(ui_kit::conflict_fill(ui))
            .corner_radius(2.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(ui_kit::ICON_CONFLICT).color(ui_kit::conflict_color(ui)),
                    )
                    .on_hover_text("This claim contradicts what the other sources say");
                    claim_parts(ui, claim, cmds);
                });
            });
    } else {
        ui.horizontal_wrapped(|ui| claim_parts(ui, claim, cmds));
    }
}

fn claim_parts(ui: &mut Ui, claim: &ClaimCell, cmds: &mut Vec<Command>) {
    ui.label(RichText::new(&claim.outlet).weak())
        .on_hover_text(format!(
            "{} · {} (source id {})",
            claim.source_name, claim.affiliation, claim.source_id
        ));
    let value = ui.label(RichText::new(&claim.value).strong());
    let mut hover = String::new();
    if let Some(who) = &claim.attributed_to {
        hover.push_str(&format!("According to {who}\n"));
    }
    match &claim.quote {
        Some(q) => hover.push_str(&format!("“{q}”")),
        None => hover.push_str("(no quote recorded)"),
    }
    value.on_hover_text(hover);
    ui.label(ui_kit::status_text(ui, claim.status));
    if let Some(url) = &claim.url {
        link_button(ui, url, &claim.outlet, cmds);
    }
    saved_copy_mark(ui, claim, cmds);
}

/// Whether the claim's quote is in its source's saved copy (nothing without
/// a quote or a copy that was read), and a button that opens the copy.
fn saved_copy_mark(ui: &mut Ui, claim: &ClaimCell, cmds: &mut Vec<Command>) {
    if let Some(found) = claim.in_saved_copy {
        let (icon, words, color) = if found {
            (ui_kit::ICON_AGREE, QUOTE_FOUND, ui_kit::agree_color(ui))
        } else {
            (
                ui_kit::ICON_CONFLICT,
                QUOTE_NOT_FOUND,
                ui_kit::conflict_color(ui),
            )
        };
        let mark = ui.label(RichText::new(format!("{icon} {words}")).color(color));
        mark.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, words));
        if !found {
            mark.on_hover_text(
                "The quote's words are not in the saved copy (quote marks, dashes and spaces \
                 folded): check the quote against the article",
            );
        }
    }
    if let (Some(file), Some(quote)) = (&claim.saved_copy, &claim.quote) {
        let show = ui
            .small_button(crate::gui::copy_view::SHOW)
            .on_hover_text("The saved copy's text, at the quote's first words");
        if show.clicked() {
            cmds.push(Command::ShowInSavedCopy {
                file: file.clone(),
                quote: quote.clone(),
            });
        }
    }
    if let Some(file) = &claim.saved_copy {
        let open = ui
            .small_button("Open saved copy")
            .on_hover_text(file.display().to_string());
        if open.clicked() {
            cmds.push(Command::OpenSavedCopy(file.clone()));
        }
    }
}

/// The small link button beside a source, named for screen readers by the source it opens.
fn link_button(ui: &mut Ui, url: &str, source_name: &str, cmds: &mut Vec<Command>) {
    let link = ui
        .small_button(ui_kit::ICON_LINK)
        .on_hover_text(format!("Open {url}"));
    link.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Open source {source_name}"),
        )
    });
    if link.clicked() {
        cmds.push(Command::OpenLink(url.to_string()));
    }
}

/// A source's saved copy, if it names one, and the button that attaches one.
fn saved_copy_row(
    ui: &mut Ui,
    data: &crate::gui::state::Loaded,
    id: &str,
    name: &str,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if let Some(copy) = data.source(id).and_then(|s| s.saved_copy.as_ref()) {
            ui.label(RichText::new(format!("Saved copy: {}", copy.path)).weak());
            if let Some(file) = data.copies.copy(id).map(|c| c.file.clone())
                && ui.small_button("Open saved copy").clicked()
            {
                cmds.push(Command::OpenSavedCopy(file));
            }
        }
        let can_attach = data.data_folder().is_some();
        let attach = ui
            .add_enabled(can_attach, egui::Button::new(ATTACH_COPY).small())
            .on_hover_text(
                "Choose the page or text saved from this source: its path and SHA-256 are \
                 recorded, and its quotes looked for in it",
            )
            .on_disabled_hover_text(
                "A saved copy is recorded relative to the data file: save the built-in data \
                 as a file first (File, Save as…)",
            );
        attach.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                can_attach,
                format!("{ATTACH_COPY} {name}"),
            )
        });
        if attach.clicked() {
            cmds.push(Command::AttachCopyDialog(id.to_string()));
        }
    });
}

/// A generated file can cite tens of thousands of sources; laying them all out
/// every frame froze the app (seconds per frame at 100,000 events), so the
/// overview lists the first ones and says how many it leaves out.
const MAX_LISTED_SOURCES: usize = 200;

/// Likewise for the row of the source x source matrix under each source.
const MAX_LISTED_PAIRS: usize = 12;

fn dataset_sources(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(data) = &state.data else {
        return;
    };
    ui.label(RichText::new("Select an event to compare its sources.").weak());
    super::editing::forms::add_source_button(ui, state, cmds);
    ui_kit::section(
        ui,
        &format!(
            "{} in this dataset",
            ui_kit::counted(data.sources.len(), "source", "sources")
        ),
    );
    for (i, s) in data.sources.iter().take(MAX_LISTED_SOURCES).enumerate() {
        // A group out of view whose height is known from an earlier frame only
        // takes its space: laying out 200 groups every frame cost most of it.
        let height_id = ui.scope_id().with(("source-group-height", i));
        let width = ui.available_width();
        if let Some(height) = ui.data(|d| d.get_temp::<f32>(height_id)) {
            let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, height));
            if !ui.is_rect_visible(rect) {
                ui.allocate_space(egui::vec2(width, height));
                continue;
            }
        }
        let shown = egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&s.name).strong());
                ui.label(RichText::new(&s.affiliation).weak());
                if let Some(url) = &s.url {
                    link_button(ui, url, &s.name, cmds);
                }
                super::editing::forms::source_buttons(ui, state, &s.id, &s.name, cmds);
            });
            if let Some(title) = s.title.as_ref().filter(|t| **t != s.name) {
                ui.label(title);
            }
            saved_copy_row(ui, data, &s.id, &s.name, cmds);
            ui.label(format!(
                "{} with a number, {} answered; alone on {}",
                ui_kit::counted(s.figures, "figure", "figures"),
                ui_kit::counted(s.facts, "fact", "facts"),
                s.alone
            ));
            if s.in_conflict > 0 {
                ui.label(
                    RichText::new(format!(
                        "{} in {}",
                        ui_kit::ICON_CONFLICT,
                        ui_kit::counted(s.in_conflict, "disputed point", "disputed points")
                    ))
                    .color(ui_kit::conflict_color(ui)),
                );
            }
            if s.pairs.len() > MAX_LISTED_PAIRS {
                ui.label(
                    RichText::new(format!(
                        "compared with {} other sources; the first {MAX_LISTED_PAIRS}:",
                        s.pairs.len()
                    ))
                    .weak(),
                );
            }
            for pair in s.pairs.iter().take(MAX_LISTED_PAIRS) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("vs {}:", pair.other)).weak());
                    // A zero is drawn weak, as "0 conflict" is: green would
                    // read as agreement where the two share no point.
                    let agree =
                        RichText::new(format!("{} {} agree", ui_kit::ICON_AGREE, pair.agree));
                    ui.label(if pair.agree > 0 {
                        agree.color(ui_kit::agree_color(ui))
                    } else {
                        agree.weak()
                    });
                    if pair.compatible > 0 {
                        ui.label(
                            RichText::new(format!(
                                "{} {} compatible",
                                ui_kit::ICON_COMPATIBLE,
                                pair.compatible
                            ))
                            .color(ui_kit::compatible_color(ui)),
                        );
                    }
                    let conflict = RichText::new(format!(
                        "{} {} conflict",
                        ui_kit::ICON_CONFLICT,
                        pair.conflict
                    ));
                    ui.label(if pair.conflict > 0 {
                        conflict.color(ui_kit::conflict_color(ui))
                    } else {
                        conflict.weak()
                    });
                });
            }
        });
        let height = shown.response.rect.height();
        ui.data_mut(|d| d.insert_temp(height_id, height));
    }
    if let Some(more) = data
        .sources
        .len()
        .checked_sub(MAX_LISTED_SOURCES)
        .filter(|n| *n > 0)
    {
        ui.label(
            RichText::new(format!(
                "and {more} more sources: select an event, or filter the events by source, to see them"
            ))
            .weak(),
        );
    }
}
