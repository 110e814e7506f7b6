//! Text reuse measured on real pairs of documents whose shared passages were labelled by reading
//! (`reuse_gold.toml` in the development set; format in its README): each pair's two files are read into one corpus,
//! tagged (dates and levels give the direction), and [`tifa_corpus::reuse::reuse`] runs with its default options.
//!
//! - **recall**: gold passages covered by a passage found between the two files (overlapping on both sides);
//! - **precision**: passages found between the two files that overlap a gold passage on both sides, among those found
//!   less the ones on a **near miss** (wording the reader found in both but set aside as a little too short or too
//!   edited for a passage: neither required nor wrong, as optional regions are in the tagging gold);
//! - **direction**: pairs of articles found between the two files whose direction is the gold's.

use serde::Deserialize;
use std::path::Path;
use tifa_corpus::enrich::Enricher;
use tifa_corpus::reuse::{Direction, ReuseOptions, Span, reuse};
use tifa_corpus::{Corpus, CorpusBuilder};

use crate::gold::GoldError;

/// The gold file's name in the development set's folder.
pub const REUSE_GOLD: &str = "reuse_gold.toml";

#[derive(Debug, Deserialize)]
struct ReuseGold {
    pair: Vec<GoldPair>,
}

/// Two files and the passages a reader found in both.
#[derive(Debug, Deserialize)]
struct GoldPair {
    a: String,
    b: String,
    /// `a->b` when the reader knows the text went from a to b (dates), `b->a`, or absent.
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    passage: Vec<GoldPassage>,
    /// Shared wording a little under the reader's limits.
    #[serde(default)]
    near: Vec<GoldPassage>,
}

#[derive(Debug, Deserialize)]
struct GoldPassage {
    a: String,
    b: String,
}

/// The figures of one labelled pair.
#[derive(Debug, Clone, Default)]
pub struct PairFigures {
    /// The two files.
    pub files: [String; 2],
    /// Gold passages.
    pub gold: u32,
    /// Gold passages found.
    pub recalled: u32,
    /// Passages found between the two files.
    pub found: u32,
    /// Of those, the ones a reader labelled.
    pub right: u32,
    /// Of those, the ones on a near miss (left out of precision).
    pub near: u32,
    /// Pairs of articles found between the files whose direction is the gold's, and pairs checked.
    pub direction: [u32; 2],
    /// What went wrong, one line each (gold passages missed, passages found that no reader labelled).
    pub details: Vec<String>,
}

/// Where a gold string is: article, block and characters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Located {
    article: usize,
    span: Span,
}

/// Measure reuse on every labelled pair of `dir`'s reuse gold file.
pub fn evaluate_reuse(dir: &Path, enricher: &Enricher) -> Result<Vec<PairFigures>, GoldError> {
    let path = dir.join(REUSE_GOLD);
    let error = |message: String| GoldError { path: path.clone(), message };
    let raw = std::fs::read_to_string(&path).map_err(|e| error(e.to_string()))?;
    let gold: ReuseGold = toml::from_str(&raw).map_err(|e| error(e.to_string()))?;
    gold.pair.iter().map(|pair| evaluate_pair(dir, pair, enricher).map_err(error)).collect()
}

fn evaluate_pair(dir: &Path, pair: &GoldPair, enricher: &Enricher) -> Result<PairFigures, String> {
    let mut builder = CorpusBuilder::new();
    for name in [&pair.a, &pair.b] {
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        builder.add(name, &bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    let mut corpus = builder.finish();
    enricher.enrich(&mut corpus);
    let located = |passages: &[GoldPassage]| -> Result<Vec<[Located; 2]>, String> {
        passages
            .iter()
            .map(|p| {
                let a = locate(&corpus, 0, &p.a).ok_or_else(|| format!("{}: passage not found: {}", pair.a, p.a))?;
                let b = locate(&corpus, 1, &p.b).ok_or_else(|| format!("{}: passage not found: {}", pair.b, p.b))?;
                Ok([a, b])
            })
            .collect()
    };
    let gold = located(&pair.passage)?;
    let near = located(&pair.near)?;
    let index_of = |id: &str| corpus.articles.iter().position(|x| x.id == id);
    let source = |d: usize| corpus.articles[d].source;
    let mut figures = PairFigures { files: [pair.a.clone(), pair.b.clone()], ..PairFigures::default() };
    figures.gold = gold.len() as u32;
    let mut found: Vec<[Located; 2]> = Vec::new();
    for p in reuse(&corpus, &ReuseOptions::default()).pairs {
        let (Some(x), Some(y)) = (index_of(&p.a), index_of(&p.b)) else { continue };
        // Oriented from file a to file b; pairs inside one file are not this evaluation's.
        let flipped = match (source(x), source(y)) {
            (0, 1) => false,
            (1, 0) => true,
            _ => continue,
        };
        if let Some(want) = &pair.direction {
            let got = match (p.direction, flipped) {
                (Some(Direction::AToB), false) | (Some(Direction::BToA), true) => "a->b",
                (Some(_), _) => "b->a",
                (None, _) => "none",
            };
            figures.direction[1] += 1;
            figures.direction[0] += u32::from(got == want);
            if got != want {
                figures.details.push(format!("direction {got}, not {want}: {} / {}", p.a, p.b));
            }
        }
        for q in &p.passages {
            let (qa, qb) = if flipped {
                (Located { article: y, span: q.b }, Located { article: x, span: q.a })
            } else {
                (Located { article: x, span: q.a }, Located { article: y, span: q.b })
            };
            found.push([qa, qb]);
        }
    }
    let meets = |f: &[Located; 2], g: &[Located; 2]| overlaps(f[0], g[0]) && overlaps(f[1], g[1]);
    let text = |l: Located| l.span.text(&corpus.articles[l.article]);
    for (g, p) in gold.iter().zip(&pair.passage) {
        if found.iter().any(|f| meets(f, g)) {
            figures.recalled += 1;
        } else {
            figures.details.push(format!("missed: {}", p.a));
        }
    }
    figures.found = found.len() as u32;
    for f in &found {
        if gold.iter().any(|g| meets(f, g)) {
            figures.right += 1;
        } else if near.iter().any(|g| meets(f, g)) {
            figures.near += 1;
        } else {
            figures.details.push(format!("not labelled: {} | {}", text(f[0]), text(f[1])));
        }
    }
    Ok(figures)
}

/// The first place in the articles of source `source` where `text` is printed.
fn locate(corpus: &Corpus, source: u32, text: &str) -> Option<Located> {
    corpus.articles.iter().enumerate().filter(|(_, a)| a.source == source).find_map(|(article, a)| {
        a.blocks.iter().enumerate().find_map(|(block, b)| {
            let at = b.text.find(text)?;
            let start = b.text[..at].chars().count() as u32;
            let end = start + text.chars().count() as u32;
            Some(Located { article, span: Span { block: block as u32, start, end } })
        })
    })
}

fn overlaps(x: Located, y: Located) -> bool {
    x.article == y.article && x.span.block == y.span.block && x.span.start < y.span.end && y.span.start < x.span.end
}

/// The pairs' figures as a Markdown table, with a total row.
pub fn reuse_table(pairs: &[PairFigures]) -> String {
    let mut out = String::from(
        "| pair | gold passages | recall | found | on near misses | precision | direction |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    let ratio =
        |n: u32, d: u32| if d == 0 { "–".to_string() } else { format!("{:.2} ({n}/{d})", n as f64 / d as f64) };
    let mut total = PairFigures { files: ["**all**".into(), String::new()], ..PairFigures::default() };
    let row = |p: &PairFigures| {
        let files =
            if p.files[1].is_empty() { p.files[0].clone() } else { format!("{} · {}", p.files[0], p.files[1]) };
        format!(
            "| {files} | {} | {} | {} | {} | {} | {} |\n",
            p.gold,
            ratio(p.recalled, p.gold),
            p.found,
            p.near,
            ratio(p.right, p.found - p.near),
            ratio(p.direction[0], p.direction[1])
        )
    };
    for p in pairs {
        out.push_str(&row(p));
        total.gold += p.gold;
        total.recalled += p.recalled;
        total.found += p.found;
        total.right += p.right;
        total.near += p.near;
        total.direction[0] += p.direction[0];
        total.direction[1] += p.direction[1];
    }
    out.push_str(&row(&total));
    out
}
