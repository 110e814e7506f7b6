//! Exactness: for any query, the articles found are exactly the articles whose title or blocks contain it,
//! checked against a brute-force scan with random queries, on the default corpus and a generated 100x corpus.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::fields;
use tifa_corpus::search::index::IndexData;
use tifa_corpus::search::{Index, Query};
use tifa_corpus::text::fold::fold;
use tifa_corpus::{Corpus, ParseOptions, default_corpus, parse_bytes, synth};

fn brute_force(fields: &[Vec<String>], needle: &str) -> Vec<u32> {
    fields.iter().enumerate().filter(|(_, f)| f.iter().any(|t| t.contains(needle))).map(|(i, _)| i as u32).collect()
}

/// Queries of 1–6 characters cut from the text, and strings that (almost surely) do not occur.
fn queries(corpus: &Corpus, count: usize, mut seed: u64) -> Vec<String> {
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let texts: Vec<Vec<char>> =
        corpus.articles.iter().flat_map(|a| &a.blocks).map(|b| fold(&b.text).chars().collect()).collect();
    let mut out = Vec::new();
    for i in 0..count {
        if i % 5 == 4 {
            // Rare CJK characters in a random order: absent text.
            let s: String =
                (0..2 + next() % 4).map(|_| char::from_u32(0x9F00 + (next() % 0xA0) as u32).unwrap_or('龘')).collect();
            out.push(s);
            continue;
        }
        let t = &texts[(next() % texts.len() as u64) as usize];
        if t.is_empty() {
            continue;
        }
        let len = 1 + (next() % 6) as usize;
        let start = (next() % t.len() as u64) as usize;
        let end = (start + len).min(t.len());
        out.push(t[start..end].iter().collect());
    }
    out
}

fn check(corpus: Corpus, count: usize, seed: u64) {
    let n = corpus.articles.len();
    let index = Index::from_parts(corpus.clone(), IndexData::empty(n));
    let fields = fields(&corpus);
    let mut absent = 0;
    for q in queries(&corpus, count, seed) {
        let expected = brute_force(&fields, &q);
        absent += usize::from(expected.is_empty());
        assert_eq!(index.matching_text(&Query::parse(&format!("\"{q}\""))), expected, "query {q:?}");
        assert_eq!(index.containing(&q), expected, "query {q:?}");
    }
    assert!(absent > 0, "some queries must have no answer");
}

#[test]
fn exact_on_the_default_corpus() {
    check(default_corpus(), 2000, 0x9E37_79B9_7F4A_7C15);
}

#[test]
fn exact_on_a_generated_100x_corpus() {
    let text = synth::compilation(&default_corpus(), 100, 42);
    let parsed =
        parse_bytes("synth-100x.txt", text.as_bytes(), ParseOptions::default()).expect("synthetic corpus parses");
    let mut corpus = Corpus::new();
    corpus.articles = parsed.articles;
    check(corpus, 300, 7);
}

#[test]
fn terms_combine_and_exclude() {
    let corpus = default_corpus();
    let index = Index::from_parts(corpus.clone(), IndexData::empty(corpus.articles.len()));
    let both = index.matching_text(&Query::parse("作风 营商环境"));
    let fields = fields(&corpus);
    let a = brute_force(&fields, "作风");
    let b = brute_force(&fields, "营商环境");
    let expected: Vec<u32> = a.iter().copied().filter(|d| b.contains(d)).collect();
    assert_eq!(both, expected);
    let without = index.matching_text(&Query::parse("作风 -营商环境"));
    let expected: Vec<u32> = a.iter().copied().filter(|d| !b.contains(d)).collect();
    assert_eq!(without, expected);
}

/// With a scope, an article matches when one field of that kind holds every required string and none of the excluded
/// ones: checked against a scan of the fields, for each scope, with pairs of strings cut from the text.
#[test]
fn scoped_search_finds_the_fields_that_hold_every_term() {
    use tifa_corpus::model::BlockKind;
    use tifa_corpus::search::Scope;
    let corpus = default_corpus();
    let index = Index::from_parts(corpus.clone(), IndexData::empty(corpus.articles.len()));
    // Per article: (kind of field, folded text), the title first.
    let fields: Vec<Vec<(Scope, String)>> = corpus
        .articles
        .iter()
        .map(|a| {
            let blocks = a.blocks.iter().map(|b| {
                (if b.kind == BlockKind::Heading { Scope::Headings } else { Scope::Paragraphs }, fold(&b.text))
            });
            std::iter::once((Scope::Titles, fold(&a.title))).chain(blocks).collect()
        })
        .collect();
    let terms = queries(&corpus, 60, 99);
    let mut nonempty = 0;
    for scope in [Scope::Titles, Scope::Headings, Scope::Paragraphs] {
        for pair in terms.chunks(2) {
            let (a, b) = (&pair[0], pair.get(1).unwrap_or(&pair[0]));
            if a.trim().is_empty() || b.trim().is_empty() || a.contains(' ') || b.contains(' ') {
                continue;
            }
            for excluded in [false, true] {
                let query = Query {
                    required: if excluded { vec![a.clone()] } else { vec![a.clone(), b.clone()] },
                    excluded: if excluded { vec![b.clone()] } else { Vec::new() },
                    scope,
                    ..Query::default()
                };
                let expected: Vec<u32> = fields
                    .iter()
                    .enumerate()
                    .filter(|(_, fs)| {
                        fs.iter().any(|(kind, t)| {
                            *kind == scope
                                && query.required.iter().all(|r| t.contains(r.as_str()))
                                && !query.excluded.iter().any(|x| t.contains(x.as_str()))
                        })
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                nonempty += usize::from(!expected.is_empty());
                assert_eq!(index.matching(&query), expected, "{query:?}");
                // The page's list of matching fields names exactly the articles found.
                let mut listed: Vec<u32> = index.field_hits(&expected, &query).iter().map(|h| h.article).collect();
                listed.dedup();
                assert_eq!(listed, expected, "{query:?}");
            }
        }
    }
    assert!(nonempty >= 10, "the check is not vacuous ({nonempty} queries find something)");
}
