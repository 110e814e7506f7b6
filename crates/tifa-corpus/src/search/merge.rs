//! Combining two indexed corpora (the shipped one and the user's) into one, without segmenting again: sources and
//! articles are appended, term ids of the second are mapped into the first's vocabulary.

use super::index::{Index, IndexData, TermCounts};
use std::collections::{HashMap, HashSet};

/// One index over the articles of `a` followed by those of `b`. Article ids stay unique (a repeated id gets a
/// `~2` suffix, as when the same file is in both).
pub fn merge(a: &Index, b: &Index) -> Index {
    let mut corpus = a.corpus.clone();
    let offset = corpus.sources.len() as u32;
    corpus.sources.extend(b.corpus.sources.iter().cloned());
    let mut ids: HashSet<String> = corpus.articles.iter().map(|x| x.id.clone()).collect();
    for article in &b.corpus.articles {
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
    // Text the two corpora share is reuse too: found again over both.
    data.reuse = crate::reuse::reuse(&corpus, &crate::reuse::ReuseOptions::default());
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
        let a = small(&["一、加强作风建设", "全县推进作风建设，优化营商环境。"], "a.txt");
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
    }
}
