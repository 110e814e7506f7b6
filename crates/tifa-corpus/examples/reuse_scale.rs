//! Time and peak heap memory of text reuse at scale, on synthetic corpora N times the default one.
//!
//! ```sh
//! cargo run --release -p tifa-corpus --example reuse_scale                  # 1×, 100×, 1000×
//! cargo run --release -p tifa-corpus --example reuse_scale -- 1 10          # other factors
//! cargo run --release -p tifa-corpus --example reuse_scale -- --pairs 1000  # pairwise reuse instead of template
//! ```
//!
//! Each corpus (`tifa_corpus::synth::compilation`) is parsed and tagged first (dates and levels give directions);
//! then `reuse` runs alone, and its time and the peak of live heap bytes it added over the tagged corpus are printed,
//! with the corpus's own size for comparison. The synthetic articles are recombined from the default corpus's
//! paragraphs, so almost all their text is template language: the figures are those of finding and listing it.
//!
//! With `--pairs`, every article's text is first made its own (three characters in ten replaced at random), and then
//! each article gets a copy of 100 characters of the one before it with 5% of them substituted: one pair per
//! article, and the figures are those of aligning them.

#[path = "support/counting.rs"]
mod counting;

use std::sync::atomic::Ordering;
use std::time::Instant;

use counting::{LIVE, PEAK};
use tifa_corpus::enrich::Enricher;
use tifa_corpus::reuse::{ReuseOptions, reuse};
use tifa_corpus::{CorpusBuilder, default_corpus, synth};

fn main() {
    let pairs = std::env::args().any(|a| a == "--pairs");
    let factors: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let factors = if factors.is_empty() { vec![1, 100, 1000] } else { factors };
    let enricher = Enricher::with_embedded_dict().expect("the taggers build");
    let base = default_corpus();
    for factor in factors {
        let text = synth::compilation(&base, factor, 42);
        let before = LIVE.load(Ordering::Relaxed);
        let mut builder = CorpusBuilder::new();
        if let Err(e) = builder.add("synth.txt", text.as_bytes()) {
            eprintln!("{factor}×: {e}");
            continue;
        }
        let mut corpus = builder.finish();
        if pairs {
            plant_pairs(&mut corpus);
        }
        enricher.enrich(&mut corpus);
        let corpus_bytes = LIVE.load(Ordering::Relaxed).saturating_sub(before);
        let start = LIVE.load(Ordering::Relaxed);
        PEAK.store(start, Ordering::Relaxed);
        let started = Instant::now();
        let found = reuse(&corpus, &ReuseOptions::default());
        let seconds = started.elapsed().as_secs_f64();
        let peak = PEAK.load(Ordering::Relaxed) - start;
        println!(
            "{factor}×: {} articles, {:.1} MB of text; reuse {seconds:.2} s, peak heap {:.0} MB over the tagged corpus \
             ({:.0} MB); {} pairs, {} boilerplate passages listed",
            corpus.articles.len(),
            text.len() as f64 / 1e6,
            peak as f64 / 1e6,
            corpus_bytes as f64 / 1e6,
            found.pairs.len(),
            found.boilerplate.len()
        );
    }
}

/// A small deterministic generator (the same corpus on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    /// A random common Han character.
    fn han(&mut self) -> char {
        char::from_u32(0x4E00 + self.below(0x51A5) as u32).unwrap_or('中')
    }
}

/// Make every article's text its own, then copy 100 characters of each article into the next, lightly edited.
fn plant_pairs(corpus: &mut tifa_corpus::Corpus) {
    let mut rng = Lcg(7);
    for article in &mut corpus.articles {
        for block in &mut article.blocks {
            let text: String = block
                .text
                .chars()
                .map(|c| if tifa_corpus::text::is_han(c) && rng.below(10) < 3 { rng.han() } else { c })
                .collect();
            block.text = text;
        }
    }
    for i in 1..corpus.articles.len() {
        let source: Option<String> = corpus.articles[i - 1]
            .blocks
            .iter()
            .find(|b| b.text.chars().count() >= 100)
            .map(|b| b.text.chars().take(100).collect());
        let Some(source) = source else { continue };
        let copy: String = source.chars().map(|c| if rng.below(20) == 0 { rng.han() } else { c }).collect();
        let lines = corpus.articles[i].lines;
        corpus.articles[i].blocks.push(tifa_corpus::model::Block::paragraph(&copy, lines));
    }
}
