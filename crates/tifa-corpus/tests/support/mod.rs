//! What the oracle tests share: every article's searchable fields, scanned by brute force.

use tifa_corpus::Corpus;
use tifa_corpus::text::fold::fold;

/// Every article's title and blocks, folded, as separate strings (a match may not cross them).
pub fn fields(corpus: &Corpus) -> Vec<Vec<String>> {
    corpus
        .articles
        .iter()
        .map(|a| std::iter::once(fold(&a.title)).chain(a.blocks.iter().map(|b| fold(&b.text))).collect())
        .collect()
}
