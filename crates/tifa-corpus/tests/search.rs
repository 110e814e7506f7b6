//! The search engine on the enriched default corpus: ranking, facets, snippets, concordance, statistics, asset.

#![cfg(all(not(target_arch = "wasm32"), feature = "embedded-dict"))]

use std::sync::OnceLock;
use tifa_corpus::enrich::Enricher;
use tifa_corpus::search::asset::{self, AssetError};
use tifa_corpus::search::{Index, KwicSort, Query, SearchOptions, Sort};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        tifa_corpus::search::Index::enriched(
            &Enricher::with_embedded_dict().expect("enricher"),
            tifa_corpus::default_corpus(),
        )
    })
}

#[test]
fn indexing_while_tagging_counts_the_same_terms_as_indexing_afterwards() {
    let idx = index();
    let enricher = Enricher::with_embedded_dict().expect("enricher");
    let again = Index::build(idx.corpus.clone(), enricher.segmenter());
    assert_eq!(again.data, idx.data);
}

#[test]
fn hits_are_ranked_with_title_matches_first_and_snippets_point_at_matches() {
    let idx = index();
    let results = idx.search(&Query::parse("营商环境"), &SearchOptions { limit: 100, ..SearchOptions::default() });
    assert_eq!(results.total, idx.containing("营商环境").len());
    let scores: Vec<f32> = results.hits.iter().map(|h| h.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "scores descend: {scores:?}");
    let titled = results.hits.iter().position(|h| h.title.contains("营商环境")).expect("a title contains the term");
    assert_eq!(titled, 0, "the article with the term in its title ranks first");
    for hit in &results.hits {
        for s in &hit.snippets {
            let chars: Vec<char> = s.text.chars().collect();
            for [a, b] in &s.highlights {
                let span: String = chars[*a as usize..*b as usize].iter().collect();
                assert_eq!(span, "营商环境");
            }
        }
    }
}

#[test]
fn facet_counts_follow_the_query_and_other_facets() {
    let idx = index();
    let mut q = Query::parse("作风");
    let results = idx.search(&q, &SearchOptions::default());
    let level = results.facets.iter().find(|f| f.facet == "level").unwrap();
    let value = level.values[0].value.clone();
    let count = level.values[0].count as usize;
    q.filter("level", &value).unwrap();
    let filtered = idx.search(&q, &SearchOptions::default());
    assert_eq!(filtered.total, count, "the drill-down count predicts the filtered total");
    // The filtered facet still shows its alternatives (counts ignore the facet's own filter).
    let level_after = filtered.facets.iter().find(|f| f.facet == "level").unwrap();
    assert_eq!(level_after.values.len(), level.values.len());
    assert!(level_after.values.iter().any(|v| v.selected && v.value == value));
    // Corpus order sorts by position.
    let ordered = idx.search(&q, &SearchOptions { sort: Sort::Corpus, limit: 100, ..SearchOptions::default() });
    assert!(ordered.hits.windows(2).all(|w| w[0].article < w[1].article));
}

#[test]
fn concordance_is_complete_and_sortable() {
    let idx = index();
    let lines = idx.kwic("四风", None, 10, KwicSort::Corpus);
    let stats = idx.term_stats("四风", &(0..idx.documents.len() as u32).collect::<Vec<_>>());
    assert_eq!(lines.len() as u32, stats.frequency);
    assert!(lines.iter().all(|l| l.matched == "四风"));
    let right = idx.kwic("四风", None, 10, KwicSort::Right);
    assert!(right.windows(2).all(|w| w[0].right <= w[1].right));
    assert!(stats.juilland_d >= 0.0 && stats.juilland_d <= 1.0 && stats.gries_dp >= 0.0 && stats.gries_dp <= 1.0);
}

#[test]
fn keyness_finds_what_is_over_represented() {
    let idx = index();
    let mut q = Query::default();
    q.filter("agency", "纪委监委").unwrap();
    let selection = idx.matching(&q);
    assert!(!selection.is_empty());
    let key = idx.keyness(&selection, 20);
    assert!(!key.is_empty());
    assert!(key.iter().all(|k| k.log_ratio > 0.0 && k.log_likelihood >= 0.0));
    assert!(key.windows(2).all(|w| w[0].log_likelihood >= w[1].log_likelihood));
    let top = idx.top_terms(&selection, 10);
    assert!(top.windows(2).all(|w| w[0].frequency >= w[1].frequency));
}

#[test]
fn asset_round_trips_and_refuses_damage() {
    let idx = index();
    let bytes = asset::encode(idx);
    let back = asset::decode(&bytes).expect("decodes");
    assert_eq!(back.corpus, idx.corpus);
    assert_eq!(back.data, idx.data);
    let q = Query::parse("作风 -营商环境");
    assert_eq!(back.matching(&q), idx.matching(&q));
    assert_eq!(asset::decode(b"not an index").err(), Some(AssetError::NotAnAsset));
    assert_eq!(asset::decode(&bytes[..bytes.len() - 10]).err(), Some(AssetError::Truncated));
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0xFF;
    assert_eq!(asset::decode(&damaged).err(), Some(AssetError::Checksum));
    // A well-formed file whose parts disagree is refused, not indexed.
    let mut odd = idx.clone();
    odd.data.counts.pop();
    assert!(matches!(asset::decode(&asset::encode(&odd)), Err(AssetError::Corrupt(_))));
    let mut future = bytes;
    future[8] = 99;
    assert_eq!(asset::decode(&future).err(), Some(AssetError::Version(99)));
}

#[test]
fn huge_context_widths_and_empty_terms_are_harmless() {
    let idx = index();
    let lines = idx.kwic("四风", None, usize::MAX, KwicSort::Left);
    assert!(!lines.is_empty());
    let all: Vec<u32> = (0..idx.documents.len() as u32).collect();
    assert_eq!(idx.term_stats("", &all).frequency, 0);
}

#[test]
fn a_match_only_in_the_title_gets_a_title_snippet() {
    let idx = index();
    let title = &idx.corpus.articles[0].title;
    let needle: String = title.chars().take(6).collect();
    let results = idx.search(&Query::parse(&format!("\"{needle}\"")), &SearchOptions::default());
    let hit = results.hits.iter().find(|h| h.article == 0).expect("the article with that title is found");
    assert!(!hit.snippets.is_empty());
}
