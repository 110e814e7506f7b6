//! Combining two indexed corpora (the shipped one and the user's) into one, without segmenting again: sources and
//! articles are appended, term ids of the second are mapped into the first's vocabulary. The reuse between the two
//! must be found again over both: [`merged_reuse`] does that part alone, so that the page can have it done in its
//! worker and merge the rest itself ([`merge_with_reuse`]).

use super::index::{Index, IndexData, TermCounts};
use crate::model::Corpus;
use crate::reuse::{Reuse, ReuseOptions, reuse};
use std::collections::{HashMap, HashSet};

/// One index over the articles of `a` followed by those of `b`. Article ids stay unique (a repeated id gets a
/// `~2` suffix, as when the same file is in both).
pub fn merge(a: &Index, b: &Index) -> Index {
    merge_with_reuse(a, b, merged_reuse(a, b))
}

/// The reuse in the merged corpus of `a` and `b` (text the two share is reuse too).
pub fn merged_reuse(a: &Index, b: &Index) -> Reuse {
    reuse(&merged_corpus(&a.corpus, &b.corpus), &ReuseOptions::default())
}

/// The articles of `a` followed by those of `b`, ids kept unique.
fn merged_corpus(a: &Corpus, b: &Corpus) -> Corpus {
    let mut corpus = a.clone();
    let offset = corpus.sources.len() as u32;
    corpus.sources.extend(b.sources.iter().cloned());
    let mut ids: HashSet<String> = corpus.articles.iter().map(|x| x.id.clone()).collect();
    for article in &b.articles {
        let mut article = article.clone();
        article.source += offset;
        let mut id = article.id.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{}~{n}", article.id);
            n += 1;
        }
        ids.insert(id.clone());
        article.id = id;
        corpus.articles.push(article);
    }
    corpus
}

/// [`merge`] with the reuse of the merged corpus already found (by [`merged_reuse`] on the same two indexes).
pub fn merge_with_reuse(a: &Index, b: &Index, reuse: Reuse) -> Index {
    let corpus = merged_corpus(&a.corpus, &b.corpus);
    let mut data: IndexData = a.data.clone();
    let mut known: HashMap<String, u32> =
        data.vocabulary.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
    let mapped: Vec<u32> = b
        .data
        .vocabulary
        .iter()
        .map(|t| {
            *known.entry(t.clone()).or_insert_with(|| {
                data.vocabulary.push(t.clone());
                data.term_totals.push(0);
                data.vocabulary.len() as u32 - 1
            })
        })
        .collect();
    for (id, total) in b.data.term_totals.iter().enumerate() {
        data.term_totals[mapped[id] as usize] += total;
    }
    for c in &b.data.counts {
        let mut terms: Vec<(u32, u16, u16, u32)> =
            c.terms.iter().map(|&(id, t, h, p)| (mapped[id as usize], t, h, p)).collect();
        terms.sort_unstable();
        data.counts.push(TermCounts { terms, tokens: c.tokens });
    }
    data.reuse = reuse;
    Index::from_parts(corpus, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, SearchOptions};

    fn small(texts: &[&str], name: &str) -> Index {
        let mut b = crate::CorpusBuilder::new();
        let body: String = texts.iter().map(|t| format!("{t}\n\n")).collect();
        b.add(name, body.as_bytes()).expect("parses");
        let corpus = b.finish();
        let seg = crate::text::segment::Segmenter::domain_only();
        Index::build(corpus, &seg)
    }

    #[test]
    fn the_merged_index_finds_and_counts_both() {
        let a = small(
            &[
                "一、加强作风建设",
                "全县推进作风建设，优化营商环境。坚持以人民为中心的发展思想，把群众满意作为检验工作的根本标准，持续深化放管服改革。",
            ],
            "a.txt",
        );
        let b = small(&["一、优化营商环境", "营商环境持续改善，作风明显转变。"], "b.txt");
        let m = merge(&a, &b);
        assert_eq!(m.corpus.articles.len(), a.corpus.articles.len() + b.corpus.articles.len());
        assert_eq!(m.corpus.sources.len(), 2);
        let count = |i: &Index, q: &str| i.search(&Query::parse(q), &SearchOptions::default()).total;
        assert_eq!(count(&m, "营商环境"), count(&a, "营商环境") + count(&b, "营商环境"));
        // Term statistics add up across the two.
        let total = |i: &Index, t: &str| i.term_id(t).map(|id| i.data.term_totals[id as usize]).unwrap_or(0);
        assert_eq!(total(&m, "作风"), total(&a, "作风") + total(&b, "作风"));
        // The same corpus twice keeps every id unique and points articles at their own source.
        let twice = merge(&a, &a);
        let ids: HashSet<&str> = twice.corpus.articles.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids.len(), twice.corpus.articles.len());
        assert!(twice.corpus.articles.iter().skip(a.corpus.articles.len()).all(|x| x.source == 1));
        // The reuse found apart (as the page's worker does) is the merged index's.
        assert_eq!(merge_with_reuse(&a, &a, merged_reuse(&a, &a)).data.reuse, twice.data.reuse);
        assert!(!twice.data.reuse.pairs.is_empty(), "the same text twice is shared");
        // It travels from the worker as bytes.
        use crate::search::asset::{decode_reuse, encode_reuse};
        let bytes = encode_reuse(&twice.data.reuse);
        assert_eq!(decode_reuse(&bytes).expect("decodes"), twice.data.reuse);
        assert!(decode_reuse(&bytes[..bytes.len() - 1]).is_err());
        assert!(decode_reuse(&[bytes.as_slice(), &[0]].concat()).is_err());
    }
}
