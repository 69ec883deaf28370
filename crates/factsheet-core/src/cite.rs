//! A figure or a fact with its citation, as text ready to paste into an article:
//! `1,212 remains to Ukraine on 2025-06-11 (source: "Title", Outlet, quoting X: "…")`.

use crate::model::{Claim, Dataset, Event, Fact, FactClaim, Figure};

/// Who says so: `"Title", Outlet, quoting X: "quote", url`.
fn source_part(
    dataset: &Dataset,
    source_id: &str,
    attributed_to: Option<&str>,
    quote: Option<&str>,
) -> String {
    let source = dataset.source(source_id);
    // Sources whose outlet is not known say so with "unknown": a citation leaves that out.
    let outlet = source
        .map(|s| s.outlet.trim())
        .filter(|o| !o.is_empty() && !o.eq_ignore_ascii_case("unknown"));
    let mut cite = match (source.and_then(|s| s.title.as_deref()), outlet) {
        (Some(title), Some(outlet)) => format!("\"{title}\", {outlet}"),
        (Some(title), None) => format!("\"{title}\""),
        (None, Some(outlet)) => outlet.to_string(),
        (None, None) => source_id.to_string(),
    };
    if let Some(who) = attributed_to {
        cite.push_str(", quoting ");
        cite.push_str(who);
    }
    if let Some(quote) = quote {
        cite.push_str(&format!(": \"{quote}\""));
    }
    // Only a web address is cited, as the fact sheet's exports do: a pasted
    // `javascript:` or `file:` link would be live in whatever it is pasted into.
    let web = source
        .and_then(|s| s.url.as_ref())
        .filter(|u| crate::load::is_web_link(u));
    if let Some(url) = web {
        cite.push_str(", ");
        cite.push_str(url);
    }
    cite
}

/// Citations one per line.
fn lines(citations: impl Iterator<Item = String>) -> String {
    citations.collect::<Vec<_>>().join("\n")
}

/// One claim of a figure, cited: what, to whom, when, and who says so.
pub fn claim_citation(dataset: &Dataset, event: &Event, figure: &Figure, claim: &Claim) -> String {
    let whom = figure
        .received_by
        .map_or("both sides together, not split", |s| s.to_label());
    let cite = source_part(
        dataset,
        &claim.source,
        claim.attributed_to.as_deref(),
        claim.quote.as_deref(),
    );
    format!(
        "{} {} {whom} on {} (source: {cite})",
        claim.value,
        figure.category.label(),
        event.date
    )
}

/// Every claim of a figure, cited, one per line.
pub fn figure_citation(dataset: &Dataset, event: &Event, figure: &Figure) -> String {
    lines(
        figure
            .claims
            .iter()
            .map(|c| claim_citation(dataset, event, figure, c)),
    )
}

/// One source's answer to a fact of an event, cited:
/// `Did Russia confirm the handover? "No" (2025-06-11; source: …)`.
pub fn fact_claim_citation(
    dataset: &Dataset,
    event: &Event,
    fact: &Fact,
    claim: &FactClaim,
) -> String {
    let cite = source_part(
        dataset,
        &claim.source,
        claim.attributed_to.as_deref(),
        claim.quote.as_deref(),
    );
    format!(
        "{} \"{}\" ({}; source: {cite})",
        fact.question, claim.answer, event.date
    )
}

/// Every answer to a fact, cited, one per line.
pub fn fact_citation(dataset: &Dataset, event: &Event, fact: &Fact) -> String {
    lines(
        fact.claims
            .iter()
            .map(|c| fact_claim_citation(dataset, event, fact, c)),
    )
}

/// Every figure and fact of an event, cited: what Ctrl+C copies for a selected event.
pub fn event_citation(dataset: &Dataset, event: &Event) -> String {
    let mut lines = vec![format!("{} ({})", event.title, event.date)];
    lines.extend(
        event
            .figures
            .iter()
            .map(|f| figure_citation(dataset, event, f)),
    );
    lines.extend(event.facts.iter().map(|f| fact_citation(dataset, event, f)));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        crate::load::load_bytes(
            vec![("sample".to_string(), crate::load::SAMPLE_JSON.to_vec())],
            crate::load::today(),
        )
        .into_result()
        .unwrap()
        .0
    }

    #[test]
    fn a_claim_cites_its_source_title_outlet_and_quote() {
        let d = sample();
        let event = d.event("2025-06-11-remains").unwrap();
        let figure = &event.figures[0];
        let claim = &figure.claims[0];
        let source = d.source(&claim.source).unwrap();
        let text = claim_citation(&d, event, figure, claim);
        assert!(
            text.starts_with("1,212 remains to Ukraine on 2025-06-11 (source: "),
            "{text}"
        );
        assert!(text.contains(source.title.as_deref().unwrap()), "{text}");
        // The seeds do not name their outlets: the citation leaves "unknown" out.
        assert_eq!(source.outlet, "unknown");
        assert!(!text.contains("unknown"), "{text}");
        assert!(text.contains(claim.quote.as_deref().unwrap()), "{text}");
        let all = event_citation(&d, event);
        assert_eq!(
            all.lines().count(),
            1 + event.figures.iter().map(|f| f.claims.len()).sum::<usize>()
                + event.facts.iter().map(|f| f.claims.len()).sum::<usize>()
        );
    }

    #[test]
    fn a_figure_for_both_sides_says_so() {
        let d = sample();
        let event = d.event("2025-05-prisoner-exchange").unwrap();
        let text = figure_citation(&d, event, &event.figures[0]);
        assert!(text.contains("both sides together, not split"), "{text}");
    }

    #[test]
    fn a_fact_answer_cites_the_question_answer_and_source() {
        let d = sample();
        let (event, fact) = d
            .events
            .iter()
            .find_map(|e| e.facts.first().map(|f| (e, f)))
            .expect("the sample has facts");
        let claim = &fact.claims[0];
        let text = fact_claim_citation(&d, event, fact, claim);
        assert!(
            text.starts_with(&format!("{} \"{}\"", fact.question, claim.answer)),
            "{text}"
        );
        let source = d.source(&claim.source).unwrap();
        assert!(text.contains(source.title.as_deref().unwrap()), "{text}");
        assert_eq!(
            fact_citation(&d, event, fact).lines().count(),
            fact.claims.len()
        );
        assert!(event_citation(&d, event).contains(&text), "{text}");
    }

    #[test]
    fn only_a_web_address_is_cited() {
        let mut d = sample();
        let event = d.event("2025-06-11-remains").unwrap().clone();
        let figure = &event.figures[0];
        let claim = &figure.claims[0];
        let source = d.sources.iter_mut().find(|s| s.id == claim.source).unwrap();
        source.url = Some(crate::model::Text::new("javascript:alert(1)"));
        let text = claim_citation(&d, &event, figure, claim);
        assert!(!text.contains("javascript:"), "{text}");
        assert!(text.ends_with("\")"), "{text}");
        let source = d.sources.iter_mut().find(|s| s.id == claim.source).unwrap();
        source.url = Some(crate::model::Text::new("https://example.org/a"));
        let text = claim_citation(&d, &event, figure, claim);
        assert!(text.ends_with("\", https://example.org/a)"), "{text}");
    }
}
