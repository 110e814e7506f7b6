//! Answering a query: the exact set of matching articles (bigram candidates verified by substring search or, for a
//! regular expression, by the regex on each field), BM25 ranking over segmented terms and the exact query strings
//! and patterns with title and heading boosts, drill-down facet counts, and snippets with match spans as character
//! offsets.

use super::document::FieldKind;
use super::facets::FacetCounts;
use super::index::Index;
use super::pattern::{Needle, Pattern};
use super::query::{CompiledPatterns, Query, Scope};
use memchr::memmem;
use serde::Serialize;

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// Weight of a match in the title, a heading and a paragraph.
const FIELD_WEIGHTS: (f32, f32, f32) = (3.0, 2.0, 1.0);
/// Weighted occurrences after which counting stops (BM25 with k1 = 1.2 is within 5% of its limit).
const TF_CAP: f32 = 24.0;
/// Characters of context on each side of a match in a snippet.
const SNIPPET_CONTEXT: usize = 40;

/// What is scored for one required string or pattern: how to find it, its IDF, and (for a string) its segmented
/// terms with their IDFs.
struct PlanItem<'q> {
    finder: Finder<'q>,
    idf: f32,
    terms: Vec<(u32, f32)>,
}

/// How a scored needle is found in an article's text.
enum Finder<'q> {
    /// A string: one scan of the whole text (a string never crosses a field).
    Text(Box<memmem::Finder<'q>>),
    /// A pattern: field by field.
    Pattern(&'q Pattern),
}

/// How to order hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best score first; ties in corpus order.
    #[default]
    Relevance,
    /// Corpus order.
    Corpus,
    /// By the articles' dates, oldest first; undated articles last, in corpus order.
    Date,
}

/// Paging and presentation options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Skip this many hits.
    pub offset: usize,
    /// Return at most this many hits.
    pub limit: usize,
    /// Order of hits.
    pub sort: Sort,
    /// Snippets per hit.
    pub snippets: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { offset: 0, limit: 20, sort: Sort::Relevance, snippets: 2 }
    }
}

/// A passage of an article around matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// Block index, or `None` for the title.
    pub block: Option<u32>,
    /// Character offset of the snippet's first character in the block (or title).
    pub start: u32,
    /// The passage, as printed (not folded).
    pub text: String,
    /// Match spans `[start, end)` in characters, relative to `text`.
    pub highlights: Vec<[u32; 2]>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Position of the article in the corpus.
    pub article: u32,
    /// The article's stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Relevance score (0 when the query has no text).
    pub score: f32,
    /// Best passages.
    pub snippets: Vec<Snippet>,
}

/// A field (title, heading, paragraph) where a scoped query matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldHit {
    /// Position of the article in the corpus.
    pub article: u32,
    /// Block index, or `None` for the title.
    pub block: Option<u32>,
    /// The field as printed.
    pub text: String,
    /// Match spans `[start, end)` in characters of `text`.
    pub highlights: Vec<[u32; 2]>,
}

/// The strings and patterns of a query as needles.
fn needles<'q>(strings: &'q [String], patterns: &'q [Pattern]) -> Vec<Needle<'q>> {
    strings.iter().map(|s| Needle::Text(s)).chain(patterns.iter().map(Needle::Pattern)).collect()
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Number of matching articles.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Drill-down facet counts.
    pub facets: Vec<FacetCounts>,
}

impl Index {
    /// Articles containing `needle` (folded), ascending: candidates from the bigram filter, each verified.
    pub fn containing(&self, needle: &str) -> Vec<u32> {
        let finder = memmem::Finder::new(needle.as_bytes());
        match self.candidates(needle) {
            Some(candidates) => candidates
                .into_iter()
                .filter(|&d| finder.find(self.documents[d as usize].text.as_bytes()).is_some())
                .collect(),
            None => (0..self.documents.len() as u32)
                .filter(|&d| finder.find(self.documents[d as usize].text.as_bytes()).is_some())
                .collect(),
        }
    }

    /// Articles with a match of `pattern` in some field, ascending: candidates from the bigram filter on the
    /// literals every match contains, each checked field by field.
    pub fn matching_pattern(&self, pattern: &Pattern) -> Vec<u32> {
        let literals = Needle::Pattern(pattern).literals();
        let candidates =
            self.candidates_of_all(&literals).unwrap_or_else(|| (0..self.documents.len() as u32).collect());
        candidates
            .into_iter()
            .filter(|&d| {
                let doc = &self.documents[d as usize];
                doc.fields.iter().any(|f| pattern.is_match(doc.field_text(f)))
            })
            .collect()
    }

    /// Articles matching the text part of the query (required strings and patterns present, excluded absent),
    /// ascending; none when a pattern is not valid ([`Query::compile`] says why).
    pub fn matching_text(&self, query: &Query) -> Vec<u32> {
        match query.compile() {
            Ok(patterns) => self.matching_text_with_df(query, &patterns).0,
            Err(_) => Vec::new(),
        }
    }

    /// The articles holding each string, then each pattern, in that order.
    fn found_each<'a>(&'a self, strings: &'a [String], patterns: &'a [Pattern]) -> impl Iterator<Item = Vec<u32>> + 'a {
        let strings = strings.iter().map(|term| self.containing(term));
        strings.chain(patterns.iter().map(|p| self.matching_pattern(p)))
    }

    /// Like [`Index::matching_text`], also returning the document frequency of each required string, then of each
    /// required pattern (for ranking, so that nothing is searched twice).
    fn matching_text_with_df(&self, query: &Query, patterns: &CompiledPatterns) -> (Vec<u32>, Vec<usize>) {
        let mut docs: Option<Vec<u32>> = None;
        let mut dfs = Vec::with_capacity(query.required.len() + patterns.required.len());
        for found in self.found_each(&query.required, &patterns.required) {
            dfs.push(found.len());
            docs = Some(match docs {
                None => found,
                Some(prev) => prev.into_iter().filter(|d| found.binary_search(d).is_ok()).collect(),
            });
        }
        let mut docs = docs.unwrap_or_else(|| (0..self.documents.len() as u32).collect());
        if query.scope != Scope::All && query.has_text() {
            // Every required needle somewhere is necessary; one field of the scope holding them all decides.
            docs.retain(|&d| !self.scoped_fields(d, query, patterns).is_empty());
            return (docs, dfs);
        }
        for found in self.found_each(&query.excluded, &patterns.excluded) {
            docs.retain(|d| found.binary_search(d).is_err());
        }
        (docs, dfs)
    }

    /// The fields of article `d` (indexes into its document's fields) of the query's scope that hold every required
    /// string and pattern and none of the excluded ones; with [`Scope::All`], every field holding any required one.
    pub fn scoped_fields(&self, d: u32, query: &Query, patterns: &CompiledPatterns) -> Vec<usize> {
        let doc = &self.documents[d as usize];
        let required: Vec<Needle<'_>> = needles(&query.required, &patterns.required);
        let excluded: Vec<Needle<'_>> = needles(&query.excluded, &patterns.excluded);
        doc.fields
            .iter()
            .enumerate()
            .filter(|(_, f)| query.scope.covers(f.kind))
            .filter(|(_, f)| {
                let text = doc.field_text(f);
                if query.scope == Scope::All {
                    required.iter().any(|n| n.is_in(text))
                } else {
                    required.iter().all(|n| n.is_in(text)) && !excluded.iter().any(|n| n.is_in(text))
                }
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Every field where a scoped query matches in the articles `docs` (in their order): the title, heading or
    /// paragraph as printed, with its matches marked — the page's list of matching headings.
    pub fn field_hits(&self, docs: &[u32], query: &Query) -> Vec<FieldHit> {
        let Ok(patterns) = query.compile() else { return Vec::new() };
        let required = needles(&query.required, &patterns.required);
        docs.iter()
            .flat_map(|&d| {
                let article = &self.corpus.articles[d as usize];
                let doc = &self.documents[d as usize];
                self.scoped_fields(d, query, &patterns).into_iter().map(move |i| (d, article, doc.fields[i]))
            })
            .map(|(d, article, f)| {
                let text = match f.block {
                    None => article.title.clone(),
                    Some(b) => article.blocks[b as usize].text.clone(),
                };
                let highlights = super::highlight::needle_spans(&text, &required);
                FieldHit { article: d, block: f.block, text, highlights }
            })
            .collect()
    }

    /// Articles matching the whole query, text and filters, ascending.
    pub fn matching(&self, query: &Query) -> Vec<u32> {
        let mut docs = self.matching_text(query);
        let filters = self.facets.resolve(&query.filters);
        docs.retain(|&d| filters.iter().all(|f| self.facets.passes(d as usize, f)));
        docs
    }

    /// Run a query.
    pub fn search(&self, query: &Query, options: &SearchOptions) -> Results {
        // A pattern that is not valid matches nothing; `Query::compile` says why.
        let patterns = query.compile();
        let (text_matches, dfs) = match &patterns {
            Ok(p) => self.matching_text_with_df(query, p),
            Err(_) => (Vec::new(), Vec::new()),
        };
        let patterns = patterns.unwrap_or_default();
        let facets = self.facets.counts(&text_matches, &query.filters);
        let filters = self.facets.resolve(&query.filters);
        let docs: Vec<u32> =
            text_matches.into_iter().filter(|&d| filters.iter().all(|f| self.facets.passes(d as usize, f))).collect();
        let mut scored: Vec<(u32, f32)> = if query.required.is_empty() && patterns.required.is_empty() {
            docs.iter().map(|&d| (d, 0.0)).collect()
        } else {
            let plan = self.plan(query, &patterns, &dfs);
            docs.iter().map(|&d| (d, self.score(d, &plan))).collect()
        };
        let required = needles(&query.required, &patterns.required);
        match options.sort {
            Sort::Relevance => scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))),
            Sort::Corpus => {}
            Sort::Date => {
                let date = |d: u32| self.corpus.articles[d as usize].date.as_ref().map(|x| x.value.as_str());
                // `None` sorts first in Rust: order undated articles after the dated ones explicitly.
                scored.sort_by(|a, b| match (date(a.0), date(b.0)) {
                    (Some(x), Some(y)) => x.cmp(y).then(a.0.cmp(&b.0)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.0.cmp(&b.0),
                });
            }
        }
        let total = scored.len();
        let hits = scored
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .map(|(d, score)| {
                let article = &self.corpus.articles[d as usize];
                Hit {
                    article: d,
                    id: article.id.clone(),
                    title: article.title.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    snippets: {
                        // With a scope, snippets come from the fields that matched there.
                        let only = (query.scope != Scope::All).then(|| self.scoped_fields(d, query, &patterns));
                        self.snippets(d, &required, only.as_deref(), options.snippets)
                    },
                }
            })
            .collect();
        Results { total, hits, facets }
    }

    /// What to score for each required string (its own document frequency and its segmented terms) and pattern.
    fn plan<'q>(&self, query: &'q Query, patterns: &'q CompiledPatterns, dfs: &[usize]) -> Vec<PlanItem<'q>> {
        let n = self.documents.len() as f32;
        let idf = |df: usize| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        let strings = query.required.iter().zip(dfs).map(|(q, &df)| {
            let terms = self.query_terms(q).into_iter().map(|t| (t, idf(self.doc_freq[t as usize] as usize))).collect();
            PlanItem { finder: Finder::Text(Box::new(memmem::Finder::new(q.as_bytes()))), idf: idf(df), terms }
        });
        let regexes = patterns
            .required
            .iter()
            .zip(&dfs[query.required.len().min(dfs.len())..])
            .map(|(p, &df)| PlanItem { finder: Finder::Pattern(p), idf: idf(df), terms: Vec::new() });
        strings.chain(regexes).collect()
    }

    /// BM25 of one article: exact-string occurrences plus segmented terms, fields weighted.
    fn score(&self, d: u32, plan: &[PlanItem<'_>]) -> f32 {
        let doc = &self.documents[d as usize];
        let counts = &self.data.counts[d as usize];
        let (wt, wh, wp) = FIELD_WEIGHTS;
        let norm_chars = 1.0 - B + B * doc.chars as f32 / self.avg_chars.max(1.0);
        let avg_tokens = self.avg_chars.max(1.0) / 1.6;
        let norm_tokens = 1.0 - B + B * counts.tokens as f32 / avg_tokens;
        let bm25 = |tf: f32, norm: f32| tf * (K1 + 1.0) / (tf + K1 * norm);
        let mut score = 0.0;
        let weight = |kind: Option<FieldKind>| match kind {
            Some(FieldKind::Title) => wt,
            Some(FieldKind::Heading) => wh,
            _ => wp,
        };
        for PlanItem { finder, idf: idf_q, terms } in plan {
            // One scan of the article; each match is weighted by the field it falls in (matches never cross fields).
            // BM25 saturates: past TF_CAP weighted occurrences the score barely moves, so the scan stops there
            // (titles come first in the text, so their boost is always counted).
            let mut tf = 0.0;
            match finder {
                Finder::Text(finder) => {
                    for at in finder.find_iter(doc.text.as_bytes()) {
                        if tf >= TF_CAP {
                            break;
                        }
                        let i = doc.fields.partition_point(|f| (f.end as usize) <= at);
                        tf += weight(doc.fields.get(i).map(|f| f.kind));
                    }
                }
                Finder::Pattern(p) => {
                    for f in &doc.fields {
                        if tf >= TF_CAP {
                            break;
                        }
                        tf +=
                            weight(Some(f.kind)) * p.find_iter(doc.field_text(f)).take(TF_CAP as usize).count() as f32;
                    }
                }
            }
            score += idf_q * bm25(tf.min(TF_CAP), norm_chars);
            for &(t, idf_t) in terms {
                if let Ok(i) = counts.terms.binary_search_by_key(&t, |x| x.0) {
                    let (_, ti, he, pa) = counts.terms[i];
                    let tf = f32::from(ti) * wt + f32::from(he) * wh + pa as f32 * wp;
                    score += 0.5 * idf_t * bm25(tf, norm_tokens);
                }
            }
        }
        score
    }

    /// Segment a query string over the corpus vocabulary (most probable cut, unigram model — the same principle as
    /// jieba's dictionary path) and return the ids of the vocabulary words it contains.
    pub fn query_terms(&self, q: &str) -> Vec<u32> {
        const MAX_WORD: usize = 8;
        let chars: Vec<char> = q.chars().collect();
        let total = self.total_terms;
        let unknown = (1.0 / total).ln() - 10.0;
        let mut best = vec![f64::NEG_INFINITY; chars.len() + 1];
        let mut back: Vec<(usize, Option<u32>)> = vec![(0, None); chars.len() + 1];
        best[0] = 0.0;
        for i in 0..chars.len() {
            if best[i] == f64::NEG_INFINITY {
                continue;
            }
            for len in 1..=MAX_WORD.min(chars.len() - i) {
                let word: String = chars[i..i + len].iter().collect();
                let (p, id) = match self.term_id(&word) {
                    Some(id) => ((f64::from(self.data.term_totals[id as usize].max(1)) / total).ln(), Some(id)),
                    None if len == 1 => (unknown, None),
                    None => continue,
                };
                if best[i] + p > best[i + len] {
                    best[i + len] = best[i] + p;
                    back[i + len] = (i, id);
                }
            }
        }
        let mut terms = Vec::new();
        let mut at = chars.len();
        while at > 0 {
            let (from, id) = back[at];
            terms.extend(id);
            at = from;
        }
        terms.reverse();
        terms.dedup();
        terms
    }

    /// The best passages of article `d` for the required strings and patterns (only from the fields `only`, when
    /// given).
    pub fn snippets(&self, d: u32, required: &[Needle<'_>], only: Option<&[usize]>, max: usize) -> Vec<Snippet> {
        if max == 0 {
            return Vec::new();
        }
        let doc = &self.documents[d as usize];
        let article = &self.corpus.articles[d as usize];
        let original = |f: &super::document::FieldSpan| match f.block {
            None => article.title.as_str(),
            Some(b) => article.blocks[b as usize].text.as_str(),
        };
        if required.is_empty() {
            let first = doc.fields.iter().find(|f| f.kind == FieldKind::Paragraph);
            return first
                .map(|f| {
                    let text: String = original(f).chars().take(2 * SNIPPET_CONTEXT).collect();
                    Snippet { block: f.block, start: 0, text, highlights: Vec::new() }
                })
                .into_iter()
                .collect();
        }
        // Rank body fields by the number of distinct strings they contain, then by occurrences.
        let mut candidates: Vec<(usize, usize, usize, Vec<[u32; 2]>)> = Vec::new();
        for (i, f) in doc.fields.iter().enumerate() {
            if only.is_some_and(|only| !only.contains(&i)) {
                continue;
            }
            let text = doc.field_text(f);
            let mut spans = Vec::new();
            let mut distinct = 0;
            for needle in required {
                let before = spans.len();
                for r in needle.find_in(text) {
                    let s = text[..r.start].chars().count() as u32;
                    spans.push([s, s + text[r].chars().count() as u32]);
                }
                distinct += usize::from(spans.len() > before);
            }
            if !spans.is_empty() {
                spans.sort_unstable();
                candidates.push((distinct, spans.len(), i, spans));
            }
        }
        // The title is shown anyway: use it only when nothing else matches (or when titles are what is searched).
        if only.is_none() && candidates.iter().any(|c| doc.fields[c.2].kind != FieldKind::Title) {
            candidates.retain(|c| doc.fields[c.2].kind != FieldKind::Title);
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        candidates
            .into_iter()
            .take(max)
            .map(|(_, _, i, spans)| {
                let f = &doc.fields[i];
                let chars: Vec<char> = original(f).chars().collect();
                let first = spans[0];
                let start = (first[0] as usize).saturating_sub(SNIPPET_CONTEXT);
                let end = (first[1] as usize + SNIPPET_CONTEXT * 2).min(chars.len());
                let highlights = spans
                    .iter()
                    .filter(|s| s[0] as usize >= start && s[1] as usize <= end)
                    .map(|s| [s[0] - start as u32, s[1] - start as u32])
                    .collect();
                Snippet { block: f.block, start: start as u32, text: chars[start..end].iter().collect(), highlights }
            })
            .collect()
    }
}
