//! The parser on the real default corpus: structure, not hard-coded titles or counts.

#![cfg(not(target_arch = "wasm32"))]

use tifa_corpus::parse::check_conservation;
use tifa_corpus::{BlockKind, DEFAULT_CORPUS_BYTES, NoiseRules, NoteKind, ParseOptions, ParsedSource, parse_bytes};

fn parsed() -> ParsedSource {
    parse_bytes("default.txt", DEFAULT_CORPUS_BYTES, ParseOptions::default()).expect("the default corpus parses")
}

#[test]
fn nothing_lost_nothing_invented() {
    let text = std::str::from_utf8(DEFAULT_CORPUS_BYTES).expect("utf-8");
    check_conservation(text, &parsed()).expect("every content character kept once, in order");
}

#[test]
fn declared_count_is_checked_not_forced() {
    let p = parsed();
    let declared = p.source.declared_count.expect("the header states a count");
    assert_eq!(p.source.found_count as usize, p.articles.len());
    let mismatch = p.source.notes.iter().any(|n| n.kind == NoteKind::CountMismatch);
    assert_eq!(mismatch, declared as usize != p.articles.len());
    // Several articles, each with a title and running text.
    assert!(p.articles.len() >= 10, "found only {} articles", p.articles.len());
    for a in &p.articles {
        assert!(!a.title.is_empty(), "article {} has no title", a.id);
        assert!(a.blocks.iter().any(|b| b.kind == BlockKind::Paragraph), "article “{}” has no paragraph", a.title);
    }
}

#[test]
fn titles_look_like_titles_and_paragraphs_like_paragraphs() {
    let rules = tifa_corpus::LayoutRules::builtin();
    for a in &parsed().articles {
        let n = a.title.chars().count();
        assert!((rules.title_min_chars..=rules.title_max_chars).contains(&n), "title length {n}: {}", a.title);
        assert!(!tifa_corpus::text::punct::ends_sentence(&a.title), "title ends a sentence: {}", a.title);
        for b in &a.blocks {
            assert!(!b.text.is_empty());
            assert!(b.lines[0] <= b.lines[1]);
            if b.kind == BlockKind::Heading {
                assert!(b.level.is_some() && b.style.is_some(), "heading without level: {}", b.text);
                assert!(b.text.chars().count() <= 2 * rules.marked_heading_max_chars, "long heading: {}", b.text);
            }
        }
    }
}

#[test]
fn no_noise_left_in_the_text() {
    let p = parsed();
    assert!(p.source.stats.noise_lines > 0, "the default corpus has advertising lines to remove");
    let rules = NoiseRules::builtin();
    for a in &p.articles {
        for b in std::iter::once(&a.title).chain(a.blocks.iter().map(|b| &b.text)) {
            assert!(rules.judge(b, false).is_none(), "noise left in “{}”: {b}", a.title);
            assert!(!b.contains("##"), "marker left in “{}”", a.title);
        }
    }
    assert!(p.source.notes.iter().any(|n| n.kind == NoteKind::NoiseRemoved));
}

#[test]
fn ids_are_unique_and_stable() {
    let (a, b) = (parsed(), parsed());
    let ids: std::collections::HashSet<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids.len(), a.articles.len());
    assert_eq!(
        a.articles.iter().map(|x| &x.id).collect::<Vec<_>>(),
        b.articles.iter().map(|x| &x.id).collect::<Vec<_>>()
    );
    assert!(a.articles.iter().all(|x| x.id.starts_with(&a.source.fingerprint)));
}

#[test]
fn placeholders_are_marked() {
    let p = parsed();
    let marked: usize = p.articles.iter().flat_map(|a| &a.blocks).map(|b| b.placeholders.len()).sum();
    assert!(marked > 0);
    for b in p.articles.iter().flat_map(|a| &a.blocks) {
        let chars: Vec<char> = b.text.chars().collect();
        for [s, e] in &b.placeholders {
            let span: String = chars[*s as usize..*e as usize].iter().collect();
            assert!(span.chars().any(|c| matches!(c, 'x' | 'X' | '○' | '某' | '*' | 'A'..='Z')), "odd span {span}");
        }
    }
}

#[test]
fn json_round_trips_with_the_documented_fields() {
    let corpus = tifa_corpus::default_corpus();
    let json = corpus.to_json_pretty();
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["schema"], "tifa.corpus/1");
    for key in ["name", "encoding", "title", "declared_count", "notes"] {
        assert!(value["sources"][0].get(key).is_some(), "sources[].{key} missing");
    }
    for key in ["id", "source", "title", "blocks", "notes"] {
        assert!(value["articles"][0].get(key).is_some(), "articles[].{key} missing");
    }
    let block = &value["articles"][0]["blocks"][0];
    assert!(block["kind"] == "paragraph" || block["kind"] == "heading");
    let back: tifa_corpus::Corpus = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, corpus);
}

#[test]
fn concatenated_copies_parse_the_same_way() {
    let text = std::str::from_utf8(DEFAULT_CORPUS_BYTES).unwrap();
    let one = parsed();
    let twice = format!("{text}\n\n\n{text}");
    let p = parse_bytes("twice.txt", twice.as_bytes(), ParseOptions::default()).unwrap();
    check_conservation(&twice, &p).unwrap();
    // The second header becomes a title-like line, so allow one extra article, never fewer than twice.
    assert!(p.articles.len() >= 2 * one.articles.len(), "{} < 2 × {}", p.articles.len(), one.articles.len());
}
