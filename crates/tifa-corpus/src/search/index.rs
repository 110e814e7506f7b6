//! The search index: per-article searchable text, a character-bigram filter that narrows exact-substring search to
//! candidate articles (verified afterwards, so results are exact), segmented term counts for ranking and statistics,
//! and facet values per article.

use super::document::{Document, FieldKind};
use super::facets::FacetValues;
use crate::model::Corpus;
use crate::text::segment::{Segmenter, Token};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// Segmented term counts of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TermCounts {
    /// (term id, count in title, count in headings, count in paragraphs), sorted by term id.
    pub terms: Vec<(u32, u16, u16, u32)>,
    /// Number of word tokens (placeholders excluded).
    pub tokens: u32,
}

/// What the index stores and the binary asset carries (everything but the bigram filter, rebuilt on load).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexData {
    /// Vocabulary: term id → term.
    pub vocabulary: Vec<String>,
    /// Total count of each term over the corpus (for query segmentation and statistics).
    pub term_totals: Vec<u32>,
    /// Per article: segmented term counts.
    pub counts: Vec<TermCounts>,
    /// Passages the articles share (computed with the index, so that the page and the worker need not).
    #[serde(skip)]
    pub reuse: crate::reuse::Reuse,
}

impl IndexData {
    /// No term data for `articles` articles: enough for exact matching, snippets and concordances (scale tests).
    pub fn empty(articles: usize) -> IndexData {
        IndexData {
            vocabulary: Vec::new(),
            term_totals: Vec::new(),
            counts: vec![TermCounts::default(); articles],
            reuse: crate::reuse::Reuse::default(),
        }
    }
}

/// The search field kind of a block.
pub fn field_kind(kind: crate::model::BlockKind) -> FieldKind {
    if kind == crate::model::BlockKind::Heading { FieldKind::Heading } else { FieldKind::Paragraph }
}

/// Gathers segmented term counts article by article into [`IndexData`].
#[derive(Debug, Default)]
pub struct TermCollector {
    vocabulary: Vec<String>,
    term_ids: HashMap<String, u32>,
    counts: Vec<TermCounts>,
}

/// The term counts of an index, gathered from enrichment's own segmentation.
impl crate::enrich::TokenSink for TermCollector {
    fn article<'t>(&mut self, article: &crate::model::Article, fields: Vec<(Option<u32>, Vec<Token<'t>>)>) {
        self.add_article(fields.into_iter().map(|(block, tokens)| {
            let kind =
                block.and_then(|b| article.blocks.get(b as usize)).map_or(FieldKind::Title, |b| field_kind(b.kind));
            (kind, tokens)
        }));
    }
}

impl TermCollector {
    /// Count the word tokens of one article's fields (placeholders and punctuation are not terms).
    pub fn add_article<'t>(&mut self, fields: impl Iterator<Item = (FieldKind, Vec<Token<'t>>)>) {
        let mut per: HashMap<u32, (u16, u16, u32)> = HashMap::default();
        let mut total = 0u32;
        for (kind, tokens) in fields {
            for t in tokens.iter().filter(|t| !t.placeholder && t.word.chars().any(char::is_alphanumeric)) {
                let word = crate::text::fold::fold(t.word);
                let id = match self.term_ids.get(&word) {
                    Some(&id) => id,
                    None => {
                        let id = self.vocabulary.len() as u32;
                        self.term_ids.insert(word.clone(), id);
                        self.vocabulary.push(word);
                        id
                    }
                };
                let e = per.entry(id).or_default();
                match kind {
                    FieldKind::Title => e.0 = e.0.saturating_add(1),
                    FieldKind::Heading => e.1 = e.1.saturating_add(1),
                    FieldKind::Paragraph => e.2 += 1,
                }
                total += 1;
            }
        }
        let mut terms: Vec<(u32, u16, u16, u32)> = per.into_iter().map(|(id, (t, h, p))| (id, t, h, p)).collect();
        terms.sort_unstable();
        self.counts.push(TermCounts { terms, tokens: total });
    }

    /// The collected term data.
    pub fn finish(self) -> IndexData {
        let mut term_totals = vec![0u32; self.vocabulary.len()];
        for c in &self.counts {
            for &(id, t, h, p) in &c.terms {
                term_totals[id as usize] += u32::from(t) + u32::from(h) + p;
            }
        }
        IndexData { vocabulary: self.vocabulary, term_totals, counts: self.counts, reuse: Default::default() }
    }
}

/// The built index over a corpus.
#[derive(Debug, Clone)]
pub struct Index {
    /// The corpus it indexes.
    pub corpus: Corpus,
    /// Searchable text per article, in corpus order.
    pub documents: Vec<Document>,
    /// Stored term data.
    pub data: IndexData,
    /// Term → id.
    pub term_ids: HashMap<String, u32>,
    /// Document frequency per term id.
    pub doc_freq: Vec<u32>,
    /// Facet values per article.
    pub facets: FacetValues,
    /// Character bigram → ids of the articles containing it (ascending).
    bigrams: HashMap<u64, Vec<u32>>,
    /// Single character → ids of the articles containing it (ascending).
    unigrams: HashMap<char, Vec<u32>>,
    /// Average document length in characters.
    pub avg_chars: f32,
    /// Sum of all term counts (for query segmentation probabilities).
    pub total_terms: f64,
}

impl Index {
    /// Index a corpus, segmenting each field with the enrichment's segmenter. (An enricher that has just tagged the
    /// corpus already holds the tokens: [`Index::enriched`] avoids segmenting twice.)
    pub fn build(corpus: Corpus, segmenter: &Segmenter) -> Index {
        let mut terms = TermCollector::default();
        for article in &corpus.articles {
            let spans = crate::text::placeholder::placeholder_spans(&article.title);
            let title = std::iter::once((FieldKind::Title, segmenter.tokens(&article.title, &spans)));
            let blocks =
                article.blocks.iter().map(|b| (field_kind(b.kind), segmenter.tokens(&b.text, &b.placeholders)));
            terms.add_article(title.chain(blocks));
        }
        Index::with_reuse(corpus, terms.finish())
    }

    /// Tag the corpus with `enricher` and index it from the same segmentation (segmenting once, not twice).
    pub fn enriched(enricher: &crate::enrich::Enricher, mut corpus: Corpus) -> Index {
        let mut terms = TermCollector::default();
        enricher.enrich_into(&mut corpus, &mut terms);
        Index::with_reuse(corpus, terms.finish())
    }

    /// Assemble an index and find the reuse between its articles.
    fn with_reuse(corpus: Corpus, mut data: IndexData) -> Index {
        data.reuse = crate::reuse::reuse(&corpus, &crate::reuse::ReuseOptions::default());
        Index::from_parts(corpus, data)
    }

    /// An index of no articles (what a page shows before its corpus is loaded).
    pub fn empty() -> Index {
        Index::from_parts(Corpus::new(), IndexData::empty(0))
    }

    /// The article at a position in corpus order.
    pub fn article(&self, position: u32) -> &crate::model::Article {
        &self.corpus.articles[position as usize]
    }

    /// Assemble an index from a corpus and stored term data (the binary asset), rebuilding what is cheap.
    pub fn from_parts(corpus: Corpus, data: IndexData) -> Index {
        let documents: Vec<Document> = corpus.articles.iter().map(Document::new).collect();
        let mut bigrams: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut unigrams: HashMap<char, Vec<u32>> = HashMap::default();
        for (d, doc) in documents.iter().enumerate() {
            let d = d as u32;
            let mut prev: Option<char> = None;
            for c in doc.text.chars() {
                if c == '\n' {
                    prev = None;
                    continue;
                }
                let list = unigrams.entry(c).or_default();
                if list.last() != Some(&d) {
                    list.push(d);
                }
                if let Some(p) = prev {
                    let list = bigrams.entry(bigram(p, c)).or_default();
                    if list.last() != Some(&d) {
                        list.push(d);
                    }
                }
                prev = Some(c);
            }
        }
        let term_ids = data.vocabulary.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        let mut doc_freq = vec![0u32; data.vocabulary.len()];
        for c in &data.counts {
            for &(id, ..) in &c.terms {
                doc_freq[id as usize] += 1;
            }
        }
        let total: u64 = documents.iter().map(|d| u64::from(d.chars)).sum();
        let avg_chars = if documents.is_empty() { 1.0 } else { total as f32 / documents.len() as f32 };
        let facets = FacetValues::new(&corpus);
        let total_terms = data.term_totals.iter().map(|&c| f64::from(c)).sum::<f64>().max(1.0);
        Index { corpus, documents, data, term_ids, doc_freq, facets, bigrams, unigrams, avg_chars, total_terms }
    }

    /// Articles that may contain every one of `needles` (a superset, from the bigram filter), ascending. `None` means
    /// all.
    pub fn candidates_of_all(&self, needles: &[&str]) -> Option<Vec<u32>> {
        let mut out: Option<Vec<u32>> = None;
        for found in needles.iter().filter_map(|n| self.candidates(n)) {
            out = Some(match out {
                None => found,
                Some(prev) => prev.into_iter().filter(|d| found.binary_search(d).is_ok()).collect(),
            });
        }
        out
    }

    /// Articles that may contain `needle` (a superset, from the bigram filter), ascending. `None` means all.
    pub fn candidates(&self, needle: &str) -> Option<Vec<u32>> {
        let chars: Vec<char> = needle.chars().collect();
        if chars.is_empty() || chars.contains(&'\n') {
            return None;
        }
        if chars.len() == 1 {
            return Some(self.unigrams.get(&chars[0]).cloned().unwrap_or_default());
        }
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(chars.len());
        for w in chars.windows(2) {
            match self.bigrams.get(&bigram(w[0], w[1])) {
                Some(list) => lists.push(list),
                None => return Some(Vec::new()),
            }
        }
        lists.sort_by_key(|l| l.len());
        let mut result = lists[0].clone();
        for list in &lists[1..] {
            if result.is_empty() {
                break;
            }
            result.retain(|d| list.binary_search(d).is_ok());
        }
        Some(result)
    }

    /// Id of a term, if the corpus has it.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.term_ids.get(term).copied()
    }
}

fn bigram(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}
