//! Time and peak heap memory of text reuse at scale, on synthetic corpora N times the default one.
//!
//! ```sh
//! cargo run --release -p tifa-corpus --example reuse_scale                  # 1×, 100×, 1000×
//! cargo run --release -p tifa-corpus --example reuse_scale -- 1 10          # other factors
//! ```
//!
//! Each corpus (`tifa_corpus::synth::compilation`) is parsed and tagged first (dates and levels give directions);
//! then `reuse` runs alone, and its time and the peak of live heap bytes it added over the tagged corpus are printed,
//! with the corpus's own size for comparison. The synthetic articles are recombined from the default corpus's
//! paragraphs, so almost all their text is template language: the figures are those of finding and listing it.

#[path = "support/counting.rs"]
mod counting;

use std::sync::atomic::Ordering;
use std::time::Instant;

use counting::{LIVE, PEAK};
use tifa_corpus::enrich::Enricher;
use tifa_corpus::reuse::{ReuseOptions, reuse};
use tifa_corpus::{CorpusBuilder, default_corpus, synth};

fn main() {
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
