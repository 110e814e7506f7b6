//! Regular-expression queries (`re:PATTERN`) against a brute-force scan with the same engine: the articles found, the
//! concordance lines and the snippet marks are exactly those of running the regex on every field (title, block) of
//! every article, for curated patterns, random patterns built from the corpus's own characters, and the classics of
//! catastrophic backtracking on text made to trigger them (which must simply finish: the engine is linear).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use regex::Regex;
use support::fields;
use tifa_corpus::search::index::IndexData;
use tifa_corpus::search::pattern::{Needle, Pattern};
use tifa_corpus::search::{Index, KwicSort, Query, SearchOptions};
use tifa_corpus::text::fold::fold;
use tifa_corpus::{Corpus, CorpusBuilder, default_corpus};

fn index_of(corpus: &Corpus) -> Index {
    Index::from_parts(corpus.clone(), IndexData::empty(corpus.articles.len()))
}

/// The articles with a non-empty match in some field, and the number of matches in all.
fn brute_force(fields: &[Vec<String>], pattern: &str) -> (Vec<u32>, usize) {
    let re = Regex::new(pattern).expect("a valid pattern");
    let count = |t: &String| re.find_iter(t).filter(|m| !m.is_empty()).count();
    let articles = fields.iter().enumerate().filter(|(_, f)| f.iter().any(|t| count(t) > 0)).map(|(i, _)| i as u32);
    (articles.collect(), fields.iter().flatten().map(count).sum())
}

fn query(pattern: &str) -> Query {
    Query { patterns: vec![pattern.to_string()], ..Query::default() }
}

/// The engine agrees with the scan on `pattern`: matching articles, search total, concordance lines, snippet marks.
fn agree(index: &Index, fields: &[Vec<String>], pattern: &str) {
    let (expected, matches) = brute_force(fields, pattern);
    assert_eq!(index.matching(&query(pattern)), expected, "articles for {pattern:?}");
    let options = SearchOptions { limit: usize::MAX, snippets: 1, ..SearchOptions::default() };
    let results = index.search(&query(pattern), &options);
    assert_eq!(results.total, expected.len(), "total for {pattern:?}");
    let compiled = Pattern::new(pattern).expect("compiles");
    let lines = index.kwic_of(Needle::Pattern(&compiled), None, 5, KwicSort::Corpus);
    assert_eq!(lines.len(), matches, "concordance lines for {pattern:?}");
    // Each snippet's marks are matches of the pattern in the printed text they mark.
    let re = Regex::new(pattern).expect("valid");
    for hit in &results.hits {
        for s in &hit.snippets {
            for h in &s.highlights {
                let marked: String = s.text.chars().skip(h[0] as usize).take((h[1] - h[0]) as usize).collect();
                assert!(re.is_match(&fold(&marked)), "{marked:?} is marked for {pattern:?}");
            }
        }
    }
}

#[test]
fn curated_patterns_agree_with_a_scan() {
    let corpus = default_corpus();
    let (index, fields) = (index_of(&corpus), fields(&corpus));
    let curated = [
        "推进.{0,6}改革",
        "(两个|四个)维护",
        "第[一二三四五六七八九十]+条",
        "^[一二三四五六七八九十]+、",
        "[0-9]{4}年",
        "\\p{Han}{2}环境$",
        "作风|纪律",
        "全面(深化|推进)",
        "[^\\p{Han}\\s]{3,}",
        "x+",
        "不存在的字符串龘",
        "(?i)PPP",
        "\\d+(\\.\\d+)?%",
        "“[^”]{2,8}”",
        "党的.{0,4}建设",
        "[一二三四五六七八九十]+是",
        "(深入|扎实)推进",
    ];
    for p in curated {
        agree(&index, &fields, p);
    }
    // Not a vacuous agreement: most of them find something in the corpus.
    let finding = curated.iter().filter(|p| !index.matching(&query(p)).is_empty()).count();
    let found: Vec<&&str> = curated.iter().filter(|p| !index.matching(&query(p)).is_empty()).collect();
    assert!(finding >= 10, "only {finding} curated patterns find anything: {found:?}");
}

#[test]
fn catastrophic_backtracking_classics_finish() {
    // Text made to trigger exponential backtracking in a backtracking engine.
    let long_a = format!("{}!", "a".repeat(5000));
    let xs = format!("{}z", "x".repeat(5000));
    let words = format!("{} !", "word ".repeat(2000));
    let text = format!("回溯测试\n\n一、甲\n{long_a}\n二、乙\n{xs}\n三、丙\n{words}\n");
    let mut b = CorpusBuilder::new();
    b.add("evil.txt", text.as_bytes()).expect("parses");
    let corpus = b.finish();
    let (index, fields) = (index_of(&corpus), fields(&corpus));
    for p in ["(a+)+$", "(a|aa)+b", "(x+x+)+y", "(.*a){12}", "^(\\w+\\s?)+$", "(a|a?)+b", "([a-z]+)*!$"] {
        agree(&index, &fields, p);
    }
}

#[test]
fn bad_patterns_match_nothing_and_say_why() {
    let index = index_of(&default_corpus());
    for bad in ["推进(", "[", "(?P<x", "a{2,1}", "(a{1000}){1000}", "a*", "(|营商)"] {
        let q = query(bad);
        let why = q.compile().expect_err("refused");
        assert!(!why.text().zh.is_empty() && !why.text().en.is_empty());
        assert!(index.matching(&q).is_empty());
        assert_eq!(index.search(&q, &SearchOptions::default()).total, 0);
    }
}

/// Characters of the default corpus, and operators, for random patterns.
fn pattern_strategy() -> impl Strategy<Value = String> {
    let corpus = default_corpus();
    let mut chars: Vec<char> = corpus.articles.iter().flat_map(|a| a.title.chars()).filter(|c| !c.is_ascii()).collect();
    chars.sort_unstable();
    chars.dedup();
    let atom = prop_oneof![
        4 => proptest::sample::select(chars).prop_map(|c| c.to_string()),
        1 => Just(".".to_string()),
        1 => Just("\\p{Han}".to_string()),
        1 => Just("[^，。]".to_string()),
    ];
    let piece = (atom, prop_oneof![Just(""), Just("?"), Just("+"), Just("*"), Just("{1,3}")])
        .prop_map(|(a, q)| format!("{a}{q}"));
    proptest::collection::vec(piece, 1..5)
        .prop_flat_map(|pieces| {
            let joined = pieces.concat();
            prop_oneof![Just(joined.clone()), Just(format!("({joined})|甲")), Just(format!("^{joined}"))]
        })
        // Patterns that can match nothing at all are refused (tested apart).
        .prop_filter("a pattern that must match something", |p| {
            regex_syntax::parse(p).is_ok_and(|h| h.properties().minimum_len() != Some(0))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_patterns_agree_with_a_scan(pattern in pattern_strategy()) {
        let corpus = default_corpus();
        agree(&index_of(&corpus), &fields(&corpus), &pattern);
    }
}
