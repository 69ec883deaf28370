//! Tests of the numeric comparison: classes, estimates, bounds and ties.

use super::*;

pub(crate) fn claim(source: &str, value: Quantity) -> Claim {
    Claim::new(source, value)
}

fn with(status: ClaimStatus, mut c: Claim) -> Claim {
    c.status = status;
    c
}

#[test]
fn over_500_is_compatible_above_500_and_conflicts_at_or_below() {
    for n in [501, 503, 1_000, 1_000_000] {
        let c = [
            claim("a", Quantity::MoreThan(500)),
            claim("b", Quantity::Exact(n)),
        ];
        assert_eq!(consensus(&c), Consensus::Compatible, "{n}");
        assert_eq!(
            estimate(&c),
            Estimate {
                low: Some(501),
                best: Some(n),
                high: None,
                sources: 2,
                bound: None,
                tie: None,
                approximate: false,
            }
        );
    }
    for n in [0, 400, 500] {
        let c = [
            claim("a", Quantity::MoreThan(500)),
            claim("b", Quantity::Exact(n)),
        ];
        assert_eq!(consensus(&c), Consensus::Conflicting, "{n}");
    }
}

#[test]
fn same_exact_value_agrees() {
    let c = [
        claim("a", Quantity::Exact(1212)),
        claim("b", Quantity::Exact(1212)),
    ];
    assert_eq!(consensus(&c), Consensus::Agree);
    assert_eq!(estimate(&c).best, Some(1212));
    assert_eq!(consensus(&c[..1]), Consensus::SingleSource);
    assert_eq!(
        consensus(&[claim("a", Quantity::NotDisclosed)]),
        Consensus::NotDisclosed
    );
}

#[test]
fn approximately_is_compatible_within_the_tolerance() {
    let c = [
        claim("a", Quantity::Approximately(6000)),
        claim("b", Quantity::Exact(6000)),
    ];
    assert_eq!(consensus(&c), Consensus::Compatible);
    assert_eq!(estimate(&c).best, Some(6000));
    let near = [
        claim("a", Quantity::Approximately(6000)),
        claim("b", Quantity::Exact(6600)),
    ];
    assert_eq!(consensus(&near), Consensus::Compatible);
    let far = [
        claim("a", Quantity::Approximately(6000)),
        claim("b", Quantity::Exact(6601)),
    ];
    assert_eq!(consensus(&far), Consensus::Conflicting);
    assert_eq!(
        allowed(Quantity::Approximately(5)),
        Some(Span {
            low: 4,
            high: Some(6)
        })
    );
    // Low and high use the stated number, not the tolerance.
    assert_eq!(estimate(&c).low, Some(6000));
    assert_eq!(estimate(&c).high, Some(6000));
}

#[test]
fn several_claims_of_one_source_count_once() {
    let c = [
        claim("a", Quantity::Exact(1212)),
        claim("a", Quantity::Exact(1212)),
    ];
    assert_eq!(consensus(&c), Consensus::SingleSource);
    assert_eq!(estimate(&c).sources, 1);
    // One article quoting two parties who disagree reports a conflict.
    let c = [
        claim("a", Quantity::Exact(1212)),
        claim("a", Quantity::Exact(1200)),
    ];
    assert_eq!(consensus(&c), Consensus::Conflicting);
}

#[test]
fn denial_conflicts_with_what_it_denies_only() {
    let denied = with(ClaimStatus::Denied, claim("r", Quantity::Exact(6000)));
    let c = [claim("u", Quantity::Exact(6000)), denied.clone()];
    assert_eq!(consensus(&c), Consensus::Conflicting);
    assert_eq!(estimate(&c).sources, 1);
    assert_eq!(relation(&c[0], &c[1]), Some(Relation::Conflict));
    let c = [claim("u", Quantity::Exact(5000)), denied];
    assert_eq!(consensus(&c), Consensus::SingleSource);
    assert_eq!(relation(&c[0], &c[1]), None);
    let no_transfer = with(ClaimStatus::Denied, claim("r", Quantity::NotDisclosed));
    assert_eq!(
        consensus(&[claim("u", Quantity::Exact(1)), no_transfer]),
        Consensus::Conflicting
    );
}

#[test]
fn best_prefers_most_sources_then_confirmed_then_lower() {
    let c = [
        claim("a", Quantity::Exact(10)),
        claim("b", Quantity::Exact(12)),
        claim("c", Quantity::Exact(12)),
    ];
    assert_eq!(estimate(&c).best, Some(12));
    let c = [
        claim("a", Quantity::Exact(12)),
        with(ClaimStatus::Confirmed, claim("b", Quantity::Exact(10))),
    ];
    assert_eq!(estimate(&c).best, Some(10));
    let c = [
        claim("a", Quantity::Exact(12)),
        claim("b", Quantity::Exact(10)),
    ];
    assert_eq!(estimate(&c).best, Some(10));
    assert_eq!(
        estimate(&c),
        Estimate {
            low: Some(10),
            best: Some(10),
            high: Some(12),
            sources: 2,
            bound: None,
            tie: Some(Tie {
                values: 2,
                highest: 12
            }),
            approximate: false,
        }
    );
}

#[test]
fn a_tie_nothing_decides_reads_as_every_tied_value() {
    let c = [
        claim("a", Quantity::Exact(195)),
        claim("b", Quantity::Exact(160)),
    ];
    let e = estimate(&c);
    assert_eq!(e.text(), "160 or 195");
    // The lowest is what totals add; the tie is not hidden.
    assert_eq!(e.best, Some(160));
    let c = [
        claim("a", Quantity::Exact(1_950)),
        claim("b", Quantity::Exact(1_600)),
        claim("c", Quantity::Exact(1_700)),
    ];
    assert_eq!(estimate(&c).text(), "1,600 to 1,950 (3 values tied)");
    // Decided by more sources, or by a confirmation: no tie.
    let c = [
        claim("a", Quantity::Exact(195)),
        claim("b", Quantity::Exact(160)),
        claim("c", Quantity::Exact(195)),
    ];
    assert_eq!(estimate(&c).text(), "195");
    let c = [
        with(ClaimStatus::Confirmed, claim("a", Quantity::Exact(195))),
        claim("b", Quantity::Exact(160)),
    ];
    assert_eq!(estimate(&c).text(), "195");
    // Two approximate values tie as well when no exact one decides.
    let c = [
        claim("a", Quantity::Approximately(200)),
        claim("b", Quantity::Approximately(150)),
    ];
    assert_eq!(estimate(&c).text(), "about 150 or 200");
}

#[test]
fn a_best_only_ever_said_to_be_about_keeps_the_word() {
    let about = [claim("a", Quantity::Approximately(9_000))];
    let e = estimate(&about);
    assert_eq!((e.best, e.approximate), (Some(9_000), true));
    assert_eq!(e.text(), "about 9,000");
    // One source's exact number decides: no "about".
    let c = [
        claim("a", Quantity::Approximately(9_000)),
        claim("b", Quantity::Exact(9_000)),
    ];
    assert_eq!(estimate(&c).text(), "9,000");
    assert!(!estimate(&c).approximate);
    // Bounds alone have no best, so nothing to call approximate.
    assert!(!estimate(&[claim("a", Quantity::MoreThan(500))]).approximate);
}

#[test]
fn bounds_alone_give_no_best_but_say_what_they_bound() {
    // "More than 8,000" is not 8,001: no source said that number.
    let one = [claim("a", Quantity::MoreThan(8000))];
    let e = estimate(&one);
    assert_eq!((e.low, e.best, e.high), (Some(8001), None, None));
    assert_eq!(e.bound, Some(Quantity::MoreThan(8000)));
    assert_eq!(e.text(), "more than 8,000");
    // Together, the tightest bound, in the words of the claim that states it.
    let c = [
        claim("a", Quantity::MoreThan(500)),
        claim("b", Quantity::AtLeast(600)),
    ];
    assert_eq!(estimate(&c).best, None);
    assert_eq!(estimate(&c).bound, Some(Quantity::AtLeast(600)));
    assert_eq!(consensus(&c), Consensus::Compatible);
    // No claim says it all: plain bounds.
    let c = [
        claim("a", Quantity::MoreThan(10)),
        claim("b", Quantity::FewerThan(21)),
    ];
    assert_eq!(
        estimate(&c).bound,
        Some(Quantity::Range { low: 11, high: 20 })
    );
    assert_eq!(estimate(&c).text(), "11–20");
    let few = [claim("a", Quantity::FewerThan(50))];
    assert_eq!(estimate(&few).best, None);
    assert_eq!(estimate(&few).text(), "fewer than 50");
    // Conflicting bounds have no common bound: the text is their span.
    let c = [
        claim("a", Quantity::MoreThan(500)),
        claim("b", Quantity::FewerThan(100)),
    ];
    assert_eq!(estimate(&c).bound, None);
    assert_eq!(estimate(&c).text(), "0 or more");
    // A value, when any claim gives one, is still the best.
    let c = [
        claim("a", Quantity::MoreThan(500)),
        claim("b", Quantity::Approximately(600)),
    ];
    assert_eq!(estimate(&c).best, Some(600));
    assert_eq!(estimate(&c).bound, None);
    assert_eq!(estimate(&[]).text(), "not disclosed");
}

#[test]
fn best_is_the_same_for_few_and_many_claims() {
    let mut many: Vec<Claim> = (0..40)
        .map(|i| claim(&format!("s{}", i % 9), Quantity::Exact(10 + i % 3)))
        .collect();
    many[0].status = ClaimStatus::Confirmed;
    // Values 10, 11, 12 each come from 9 sources' worth of claims; 10 has a confirmation.
    assert_eq!(estimate(&many).best, Some(10));
    let few: Vec<Claim> = many.iter().take(PAIRWISE_LIMIT).cloned().collect();
    assert_eq!(estimate(&few).best, Some(10));
    let mut mixed = few.clone();
    mixed.push(claim("z", Quantity::Exact(12)));
    mixed.push(claim("y", Quantity::Exact(12)));
    assert_eq!(estimate(&mixed).best, Some(12));
}

#[test]
fn pairwise_and_sorted_source_counts_match() {
    let many: Vec<Claim> = (0..100)
        .map(|i| claim(&format!("s{}", i % 7), Quantity::Exact(5)))
        .collect();
    assert_eq!(distinct_sources(&many, |_| true), 7);
    assert_eq!(distinct_sources(&many[..20], |_| true), 7);
    assert_eq!(consensus(&many), Consensus::Agree);
}

#[test]
fn spans_intersect_and_nest() {
    let a = Span { low: 5, high: None };
    let b = Span::exact(7);
    assert_eq!(a.intersect(b), Some(b));
    assert!(b.within(a));
    assert!(!a.within(b));
    assert_eq!(Span::exact(3).intersect(a), None);
}
