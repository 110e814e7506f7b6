//! Statistics over a selection of articles: frequency and dispersion of a string, top terms, and keyness of the
//! selection against the rest (log-likelihood G² with the log ratio as effect size).

use super::index::Index;
use super::pattern::Needle;
use crate::text::stopwords::{STOPWORDS, stopwords};
use memchr::memmem;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::HashSet;

/// Frequency and spread of one string over a selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermStats {
    /// The string (folded).
    pub term: String,
    /// Occurrences in the selection.
    pub frequency: u32,
    /// Articles of the selection containing it.
    pub documents: u32,
    /// Articles in the selection.
    pub selection: u32,
    /// Occurrences per 10,000 characters of the selection.
    pub per_10k: f64,
    /// Juilland's D over the articles of the selection (1 = evenly spread, 0 = in one article).
    pub juilland_d: f64,
    /// Gries' deviation of proportions DP (0 = evenly spread by article size, near 1 = concentrated).
    pub gries_dp: f64,
    /// (article position, occurrences) for every article of the selection with at least one.
    pub per_article: Vec<(u32, u32)>,
}

/// A segmented term with its frequency in a selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopTerm {
    /// The term.
    pub term: String,
    /// Occurrences in the selection.
    pub frequency: u32,
    /// Articles of the selection containing it.
    pub documents: u32,
}

/// A term over- or under-represented in a selection compared with the rest of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyness {
    /// The term.
    pub term: String,
    /// Occurrences in the selection.
    pub selection: u32,
    /// Occurrences in the rest.
    pub rest: u32,
    /// Log-likelihood G² (3.84 ≈ p < 0.05, 10.83 ≈ p < 0.001, one degree of freedom).
    pub log_likelihood: f64,
    /// Log ratio (binary log of the ratio of relative frequencies, 0.5 added to zero counts): the effect size.
    pub log_ratio: f64,
}

impl Index {
    /// Frequency and dispersion of `term` (folded) over `selection` (article positions).
    pub fn term_stats(&self, term: &str, selection: &[u32]) -> TermStats {
        self.needle_stats(Needle::Text(term), term, selection)
    }

    /// [`Index::term_stats`] of a string or a pattern (`label` names it in the result): its matches counted.
    pub fn needle_stats(&self, needle: Needle<'_>, label: &str, selection: &[u32]) -> TermStats {
        // An empty string would "occur" at every position.
        let selection = if matches!(needle, Needle::Text("")) { &[][..] } else { selection };
        let sizes: Vec<f64> = selection.iter().map(|&d| f64::from(self.documents[d as usize].chars)).collect();
        let finder = match needle {
            Needle::Text(term) => Some(memmem::Finder::new(term.as_bytes())),
            Needle::Pattern(_) => None,
        };
        let count = |d: u32| {
            let doc = &self.documents[d as usize];
            match &finder {
                // A string never crosses a field: one scan of the whole text.
                Some(finder) => finder.find_iter(doc.text.as_bytes()).count(),
                None => doc.fields.iter().map(|f| needle.find_in(doc.field_text(f)).len()).sum(),
            }
        };
        let counts: Vec<u32> = selection.iter().map(|&d| count(d) as u32).collect();
        let frequency: u32 = counts.iter().sum();
        let total_size: f64 = sizes.iter().sum::<f64>().max(1.0);
        let n = selection.len() as f64;
        // Juilland's D on relative frequencies per article.
        let rel: Vec<f64> = counts.iter().zip(&sizes).map(|(&c, &s)| f64::from(c) / s.max(1.0)).collect();
        let mean = rel.iter().sum::<f64>() / n.max(1.0);
        let juilland_d = if n < 2.0 || mean == 0.0 {
            0.0
        } else {
            let sd = (rel.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / n).sqrt();
            (1.0 - (sd / mean) / (n - 1.0).sqrt()).clamp(0.0, 1.0)
        };
        // Gries' DP: half the sum of |observed share − expected share|.
        let gries_dp = if frequency == 0 {
            0.0
        } else {
            counts
                .iter()
                .zip(&sizes)
                .map(|(&c, &s)| (f64::from(c) / f64::from(frequency) - s / total_size).abs())
                .sum::<f64>()
                / 2.0
        };
        TermStats {
            term: label.to_string(),
            frequency,
            documents: counts.iter().filter(|&&c| c > 0).count() as u32,
            selection: selection.len() as u32,
            per_10k: f64::from(frequency) * 10_000.0 / total_size,
            juilland_d: (juilland_d * 1000.0).round() / 1000.0,
            gries_dp: (gries_dp * 1000.0).round() / 1000.0,
            per_article: selection.iter().zip(&counts).filter(|(_, c)| **c > 0).map(|(&d, &c)| (d, c)).collect(),
        }
    }

    /// Summed term counts over a selection: term id → (frequency, documents).
    fn term_sums(&self, selection: &[u32]) -> HashMap<u32, (u32, u32)> {
        let mut sums: HashMap<u32, (u32, u32)> = HashMap::default();
        for &d in selection {
            for &(id, t, h, p) in &self.data.counts[d as usize].terms {
                let e = sums.entry(id).or_default();
                e.0 += u32::from(t) + u32::from(h) + p;
                e.1 += 1;
            }
        }
        sums
    }

    fn is_statistic_term(&self, id: u32, stop: &HashSet<String>) -> bool {
        let t = &self.data.vocabulary[id as usize];
        t.chars().count() >= 2 && t.chars().all(char::is_alphanumeric) && !stop.contains(t)
    }

    /// The most frequent segmented terms of a selection (two or more characters, stopwords excluded).
    pub fn top_terms(&self, selection: &[u32], limit: usize) -> Vec<TopTerm> {
        let stop = stopwords(STOPWORDS);
        let mut terms: Vec<TopTerm> = self
            .term_sums(selection)
            .into_iter()
            .filter(|(id, _)| self.is_statistic_term(*id, &stop))
            .map(|(id, (frequency, documents))| TopTerm {
                term: self.data.vocabulary[id as usize].clone(),
                frequency,
                documents,
            })
            .collect();
        terms.sort_by(|a, b| b.frequency.cmp(&a.frequency).then_with(|| a.term.cmp(&b.term)));
        terms.truncate(limit);
        terms
    }

    /// Terms characteristic of `selection` against the rest of the corpus, most over-represented first (only
    /// terms more frequent in the selection than expected).
    pub fn keyness(&self, selection: &[u32], limit: usize) -> Vec<Keyness> {
        let stop = stopwords(STOPWORDS);
        let chosen: HashSet<u32> = selection.iter().copied().collect();
        let rest: Vec<u32> = (0..self.documents.len() as u32).filter(|d| !chosen.contains(d)).collect();
        let a_sums = self.term_sums(selection);
        let b_sums = self.term_sums(&rest);
        let c: f64 = selection.iter().map(|&d| f64::from(self.data.counts[d as usize].tokens)).sum::<f64>().max(1.0);
        let d: f64 = rest.iter().map(|&x| f64::from(self.data.counts[x as usize].tokens)).sum::<f64>().max(1.0);
        let mut out: Vec<Keyness> = a_sums
            .iter()
            .filter(|(id, _)| self.is_statistic_term(**id, &stop))
            .filter_map(|(&id, &(a, _))| {
                let b = b_sums.get(&id).map_or(0, |x| x.0);
                let (a, b) = (f64::from(a), f64::from(b));
                let e1 = c * (a + b) / (c + d);
                let e2 = d * (a + b) / (c + d);
                let ll = 2.0 * (term(a, e1) + term(b, e2));
                let log_ratio = (((a.max(0.5)) / c) / ((b.max(0.5)) / d)).log2();
                (a > e1).then(|| Keyness {
                    term: self.data.vocabulary[id as usize].clone(),
                    selection: a as u32,
                    rest: b as u32,
                    log_likelihood: (ll * 100.0).round() / 100.0,
                    log_ratio: (log_ratio * 100.0).round() / 100.0,
                })
            })
            .collect();
        out.sort_by(|x, y| y.log_likelihood.total_cmp(&x.log_likelihood).then_with(|| x.term.cmp(&y.term)));
        out.truncate(limit);
        out
    }
}

fn term(o: f64, e: f64) -> f64 {
    if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 }
}
