//! The parser compiled to WebAssembly and run in a real browser (headless Chromium), as the web app runs it.
//!
//! Run with `cargo xtask test wasm` (which sets up wasm-bindgen-test-runner and chromedriver).

#![cfg(target_arch = "wasm32")]

use tifa_corpus::{BlockKind, Corpus, default_corpus};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn default_corpus_parses_into_articles() {
    let corpus = default_corpus();
    assert_eq!(corpus.sources.len(), 1, "the default corpus is one source file");
    assert!(corpus.articles.len() > 1, "expected several articles, found {}", corpus.articles.len());
    let source = &corpus.sources[0];
    assert_eq!(source.found_count as usize, corpus.articles.len(), "found_count must count the articles");
    for article in &corpus.articles {
        assert!(!article.title.trim().is_empty(), "article {} ({}) has an empty title", article.ordinal, article.id);
        assert_eq!(article.source, 0);
    }
    let ordinals: Vec<u32> = corpus.articles.iter().map(|article| article.ordinal).collect();
    let expected: Vec<u32> = (1..=corpus.articles.len() as u32).collect();
    assert_eq!(ordinals, expected, "ordinals count from 1 in reading order");
}

#[wasm_bindgen_test]
fn default_corpus_has_paragraphs() {
    let corpus = default_corpus();
    let paragraphs = corpus
        .articles
        .iter()
        .flat_map(|article| &article.blocks)
        .filter(|block| block.kind == BlockKind::Paragraph && !block.text.trim().is_empty())
        .count();
    assert!(paragraphs > 0, "no non-empty paragraph in the whole corpus");
}

#[wasm_bindgen_test]
fn default_corpus_round_trips_through_json() {
    let corpus = default_corpus();
    let json = corpus.to_json_pretty();
    assert!(json.contains("\"schema\": \"tifa.corpus/1\""), "JSON lacks the schema id");
    let back: Corpus = serde_json::from_str(&json).expect("the JSON export parses back");
    assert_eq!(back, corpus);
}

#[wasm_bindgen_test]
fn enrichment_runs_in_the_browser() {
    use tifa_corpus::enrich::Enricher;
    use tifa_corpus::text::segment::Segmenter;
    // The general dictionary is embedded here too; decompressing and loading it is part of what is tested.
    let enricher = Enricher::with_segmenter(Segmenter::with_embedded_dict().expect("dictionary loads"))
        .expect("taggers build from the embedded data files");
    let mut corpus = default_corpus();
    enricher.enrich(&mut corpus);
    let tagged = |f: fn(&tifa_corpus::Article) -> bool| corpus.articles.iter().filter(|a| f(a)).count();
    assert!(tagged(|a| !a.formulations.is_empty()) > corpus.articles.len() / 2, "most articles use formulations");
    assert!(tagged(|a| !a.themes.is_empty()) > corpus.articles.len() / 2, "most articles get a theme");
    assert!(tagged(|a| !a.regions.is_empty()) > 0, "some article names a place");
    for a in &corpus.articles {
        for s in &a.formulations {
            assert!(!s.evidence.is_empty(), "formulation {} without evidence", s.text);
        }
    }
}
