//! Precision and recall of the enrichment on a labelled set (`fixtures/enrich/labelled.toml`): annotated articles
//! and sentences written to trap the taggers. Run with `--nocapture` to see the table quoted in the README.

#![cfg(all(not(target_arch = "wasm32"), feature = "embedded-dict"))]

use serde::Deserialize;
use std::collections::BTreeSet;
use tifa_corpus::enrich::Enricher;
use tifa_corpus::{Article, Block, Corpus, RegionRole};

#[derive(Deserialize)]
struct Labelled {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    kind: String,
    #[serde(default)]
    title: String,
    paragraphs: Vec<String>,
    #[serde(default)]
    regions: Vec<ExpectedRegion>,
    #[serde(default)]
    formulations: Vec<String>,
    #[serde(default)]
    not_formulations: Vec<String>,
    agency: Option<String>,
    level: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedRegion {
    name: String,
    role: String,
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Score {
    fn add(&mut self, predicted: &BTreeSet<String>, expected: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
        let fp: Vec<String> = predicted.difference(expected).cloned().collect();
        let missed: Vec<String> = expected.difference(predicted).cloned().collect();
        self.tp += predicted.intersection(expected).count() as u32;
        self.fp += fp.len() as u32;
        self.fn_ += missed.len() as u32;
        (fp, missed)
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fp) }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fn_) }
    }
}

fn article(case: &Case, ordinal: u32) -> Article {
    let blocks = case
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| Block {
            placeholders: tifa_corpus::text::placeholder::placeholder_spans(p),
            ..Block::paragraph(p.clone(), [i as u32 + 2, i as u32 + 2])
        })
        .collect();
    Article { id: case.id.clone(), ordinal, title: case.title.clone(), blocks, ..Article::default() }
}

/// Scores of one labelled file.
struct Outcome {
    table: String,
    report: String,
    regions: Score,
    trap_regions: Score,
    formulations: Score,
    agencies: Score,
}

fn evaluate(file: &str) -> Outcome {
    let path = format!("{}/tests/fixtures/enrich/{file}", env!("CARGO_MANIFEST_DIR"));
    let labelled: Labelled = toml::from_str(&std::fs::read_to_string(path).expect("labelled set")).expect("parses");
    let mut corpus = Corpus::new();
    corpus.articles = labelled.case.iter().enumerate().map(|(i, c)| article(c, i as u32 + 1)).collect();
    Enricher::with_embedded_dict().expect("enricher builds").enrich(&mut corpus);

    let (mut regions, mut trap_regions, mut formulations, mut agencies) =
        (Score::default(), Score::default(), Score::default(), Score::default());
    let (mut roles_right, mut roles_total, mut levels_right, mut levels_total) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for (case, art) in labelled.case.iter().zip(&corpus.articles) {
        let predicted: BTreeSet<String> = art.regions.iter().map(|r| r.name.clone()).collect();
        let expected: BTreeSet<String> = case.regions.iter().map(|r| r.name.clone()).collect();
        let (fp, missed) = regions.add(&predicted, &expected);
        if case.kind == "trap" {
            trap_regions.add(&predicted, &expected);
        }
        if !fp.is_empty() || !missed.is_empty() {
            report.push(format!("{}: regions +{fp:?} -{missed:?}", case.id));
        }
        for r in &case.regions {
            if let Some(p) = art.regions.iter().find(|p| p.name == r.name) {
                roles_total += 1;
                let role = if p.role == RegionRole::Home { "home" } else { "mentioned" };
                if role == r.role {
                    roles_right += 1;
                } else {
                    report.push(format!("{}: {} is {role}, expected {}", case.id, r.name, r.role));
                }
            }
        }
        let predicted: BTreeSet<String> = art.formulations.iter().map(|s| s.text.clone()).collect();
        let expected: BTreeSet<String> = case.formulations.iter().cloned().collect();
        // Only the annotated strings are judged: expected ones must be found, listed non-formulations must not be.
        let judged: BTreeSet<String> =
            predicted.iter().filter(|p| expected.contains(*p) || case.not_formulations.contains(p)).cloned().collect();
        let (fp, missed) = formulations.add(&judged, &expected);
        if !fp.is_empty() || !missed.is_empty() {
            report.push(format!("{}: formulations +{fp:?} -{missed:?}", case.id));
        }
        if case.kind == "article" {
            let predicted: BTreeSet<String> = art.agencies.first().map(|o| o.name.clone()).into_iter().collect();
            let expected: BTreeSet<String> = case.agency.clone().into_iter().collect();
            let (fp, missed) = agencies.add(&predicted, &expected);
            if !fp.is_empty() || !missed.is_empty() {
                report.push(format!("{}: agency +{fp:?} -{missed:?}", case.id));
            }
            if let Some(level) = &case.level {
                levels_total += 1;
                if art.level.as_ref().is_some_and(|l| &l.name == level) {
                    levels_right += 1;
                } else {
                    report.push(format!(
                        "{}: level {:?}, expected {level}",
                        case.id,
                        art.level.as_ref().map(|l| &l.name)
                    ));
                }
            }
        }
    }
    let table = format!(
        "cases {} | regions P {:.2} R {:.2} (traps P {:.2}), roles {roles_right}/{roles_total} | formulations P {:.2} R {:.2} | agency P {:.2} R {:.2} | level {levels_right}/{levels_total}",
        labelled.case.len(),
        regions.precision(),
        regions.recall(),
        trap_regions.precision(),
        formulations.precision(),
        formulations.recall(),
        agencies.precision(),
        agencies.recall(),
    );
    let report = report.join("\n");
    eprintln!("{file}: {table}\n{report}");
    Outcome { table, report, regions, trap_regions, formulations, agencies }
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let o = evaluate("labelled.toml");
    let why = format!("{}\n{}", o.table, o.report);
    assert_eq!(o.trap_regions.precision(), 1.0, "a trap produced a region: {why}");
    assert!(o.regions.precision() >= 0.95 && o.regions.recall() >= 0.8, "{why}");
    assert!(o.formulations.precision() >= 0.85 && o.formulations.recall() >= 0.75, "{why}");
    assert!(o.agencies.precision() >= 0.8 && o.agencies.recall() >= 0.75, "{why}");
}

/// A second set written by someone who never saw the code and never used for tuning: the honest figures.
#[test]
fn precision_and_recall_on_the_held_out_set() {
    let o = evaluate("heldout.toml");
    let why = format!("{}\n{}", o.table, o.report);
    assert!(o.regions.precision() >= 0.8 && o.regions.recall() >= 0.6, "{why}");
    assert!(o.formulations.precision() >= 0.6 && o.formulations.recall() >= 0.5, "{why}");
}
