//! The real-document evaluation held to floors: the parser and the taggers must not fall below the figures they
//! reach today on the development set (`crates/tifa-corpus/tests/fixtures/real/`). Figures, not timings. Raise the
//! floors when the rules improve; `cargo xtask eval --details` shows what goes wrong per file.

use std::path::Path;
use tifa_corpus::enrich::Enricher;
use tifa_eval::{Part, evaluate, load_cases};

#[test]
fn the_development_set_stays_above_its_floors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tifa-corpus/tests/fixtures/real");
    let cases = load_cases(&dir).expect("every gold file parses");
    assert!(cases.iter().filter(|c| !c.held_out).count() >= 25, "the development set is in place");
    let enricher = Enricher::with_embedded_dict().expect("taggers build");
    let report = evaluate(&cases, &enricher);
    let dev = report.total(Part::Development);
    let why = format!("{}\n{}", report.table(Part::Development), report.details(Part::Development));
    assert_eq!(dev.unreadable, 0, "every file is read: {why}");
    assert!(dev.count_exactness() >= 0.95, "article counts: {why}");
    assert!(dev.titles.f1() >= 0.95, "titles: {why}");
    assert!(dev.boundaries.f1() >= 0.95, "boundaries: {why}");
    assert!(dev.headings.f1() >= 0.7, "headings: {why}");
    assert!(dev.agency.accuracy() >= 0.7, "agency: {why}");
    assert!(dev.level.accuracy() >= 0.7, "level: {why}");
    assert!(dev.dates.accuracy() >= 0.95, "dates: {why}");
    assert_eq!(dev.invented_dates, 0, "dates where the text gives none: {why}");
    assert!(dev.regions.precision() >= 0.97, "region precision: {why}");
    assert!(dev.regions.recall() >= 0.9, "region recall: {why}");
    assert!(dev.provinces.precision() >= 0.95, "province precision: {why}");
    assert!(dev.formulations.recall() >= 0.9, "formulation recall: {why}");
    assert!(dev.formulations.precision() >= 0.95, "formulation precision: {why}");
    assert!(dev.number_tags == 0, "numbers and dates tagged as formulations: {why}");
    assert!(dev.local_without_evidence == 0, "formulations called local without evidence: {why}");
    // Text reuse on the real pairs whose shared passages were labelled by reading.
    let pairs = tifa_eval::evaluate_reuse(&dir, &enricher).expect("the reuse gold parses and every passage is found");
    assert!(pairs.len() >= 3, "the labelled pairs are in place");
    let sum = |f: fn(&tifa_eval::PairFigures) -> u32| pairs.iter().map(f).sum::<u32>() as f64;
    let why =
        format!("{}\n{:#?}", tifa_eval::reuse_table(&pairs), pairs.iter().map(|p| &p.details).collect::<Vec<_>>());
    assert!(sum(|p| p.recalled) / sum(|p| p.gold) >= 0.95, "reuse recall: {why}");
    assert!(sum(|p| p.right) / (sum(|p| p.found) - sum(|p| p.near)) >= 0.8, "reuse precision: {why}");
    assert_eq!(sum(|p| p.direction[0]), sum(|p| p.direction[1]), "reuse direction: {why}");
    // The held-out part is measured too, never tuned on: it only has to be read.
    let held_out = report.total(Part::HeldOut);
    assert_eq!(held_out.unreadable, 0, "every held-out file is read");
}
