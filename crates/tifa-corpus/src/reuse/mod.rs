//! Text reuse: passages shared between articles — found over the whole corpus from a winnowed index of character
//! k-grams (no all-pairs alignment), aligned with a banded edit distance so that small edits (substitutions,
//! insertions, deletions, a name masked as xx in one copy) still match, and told apart as **pairwise reuse** (two
//! articles share a passage) or **boilerplate** (template language many articles share). Each shared pair gets a
//! direction where the evidence allows: the earlier date, or the higher level when dates are equal or unknown.
//!
//! Comparison runs on each paragraph and heading (titles and metadata lines are left out) after the project's
//! folding, ignoring white space and punctuation; offsets are characters of the block's text, as everywhere.

mod align;
mod scan;
mod shingle;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::enrich::agencies::LEVELS;
use crate::model::{Article, Corpus};
use scan::Scan;
use shingle::Stream;

/// How reuse is found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReuseOptions {
    /// Shortest passage reported, in characters as printed (from its first to its last letter or digit).
    pub min_chars: usize,
    /// Lowest similarity (1 − edit distance / longer length) of a reported passage.
    pub min_similarity: f64,
    /// A k-gram in more articles than this is template language, not evidence of a pair.
    pub boilerplate_articles: usize,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        ReuseOptions { min_chars: 40, min_similarity: 0.8, boilerplate_articles: 8 }
    }
}

/// A span of one block, in characters of the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Index into the article's blocks.
    pub block: u32,
    /// Start, in characters.
    pub start: u32,
    /// End (exclusive), in characters.
    pub end: u32,
}

/// One passage two articles share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Where it is in the first article.
    pub a: Span,
    /// Where it is in the second.
    pub b: Span,
    /// 1 − edit distance / longer length, over the compared characters.
    pub similarity: f32,
}

/// Which way text went between two articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// From the first article to the second.
    #[serde(rename = "a->b")]
    AToB,
    /// From the second to the first.
    #[serde(rename = "b->a")]
    BToA,
}

/// Two articles that share passages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The first article's id (the earlier in corpus order).
    pub a: String,
    /// The second article's id.
    pub b: String,
    /// Which way the text went, where dates or levels say; `null` otherwise.
    pub direction: Option<Direction>,
    /// Compared characters shared (in the first article).
    pub chars: u32,
    /// The passages, in the first article's order.
    pub passages: Vec<Passage>,
}

/// How much of an article is found elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReuse {
    /// The article's id.
    pub id: String,
    /// Share of its compared characters in passages shared with particular articles.
    pub reused: f32,
    /// Share in template language shared by many articles.
    pub boilerplate: f32,
    /// The rest: its own wording.
    pub own: f32,
}

/// A stretch of template language: the text, and how many articles carry it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Boilerplate {
    /// The passage as printed in the first article that has it.
    pub text: String,
    /// Articles carrying it.
    pub articles: u32,
    /// The first article that has it.
    pub article: String,
    /// Where it is in that article.
    pub span: Span,
}

/// The reuse in a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reuse {
    /// Pairs of articles with shared passages, most shared characters first.
    pub pairs: Vec<Pair>,
    /// Per article, in corpus order.
    pub articles: Vec<ArticleReuse>,
    /// Template language, most widespread first.
    pub boilerplate: Vec<Boilerplate>,
}

/// Most template passages listed (the most widespread): the per-article shares count all of them.
pub const BOILERPLATE_LISTED: usize = 1000;

/// Where a corpus's template language is: the characters of each article covered by a k-gram that more than
/// `boilerplate_articles` articles share.
pub struct Template {
    streams: Vec<Stream>,
    cover: Vec<Vec<u32>>,
}

impl Template {
    /// The template language of a corpus.
    pub fn of(corpus: &Corpus, options: &ReuseOptions) -> Template {
        let streams: Vec<Stream> = corpus.articles.iter().map(Stream::of).collect();
        let cover = scan::scan(&streams, options, false).template;
        Template { streams, cover }
    }

    /// Share of a span's compared characters that are template language: 1 for a sentence every report repeats, 0
    /// for an article's own wording.
    pub fn share(&self, article: usize, span: Span) -> f64 {
        let s = &self.streams[article];
        let inside: Vec<usize> = (0..s.len())
            .filter(|&i| {
                let at = s.span(&(i..i + 1));
                at.block == span.block && (span.start..span.end).contains(&at.start)
            })
            .collect();
        let template = inside.iter().filter(|&&i| self.cover[article][i] > 0).count();
        if inside.is_empty() { 0.0 } else { template as f64 / inside.len() as f64 }
    }
}

/// Find the reuse between the articles of a corpus.
pub fn reuse(corpus: &Corpus, options: &ReuseOptions) -> Reuse {
    let streams: Vec<Stream> = corpus.articles.iter().map(Stream::of).collect();
    let Scan { template, seeds } = scan::scan(&streams, options, true);
    // Template runs, within one block each, long enough to list.
    let template_runs: Vec<Vec<Range<usize>>> = streams
        .iter()
        .zip(&template)
        .map(|(s, cover)| {
            s.block_ranges()
                .flat_map(|block| {
                    let inside: Vec<bool> = cover[block.clone()].iter().map(|&n| n > 0).collect();
                    runs(&inside).into_iter().map(move |(a, b)| block.start + a..block.start + b)
                })
                .filter(|r| r.len() >= options.min_chars)
                .collect()
        })
        .collect();

    let mut pairs: Vec<Pair> = Vec::new();
    let mut reused: Vec<Vec<bool>> = streams.iter().map(|s| vec![false; s.len()]).collect();
    let mut keys: Vec<&(u32, u32)> = seeds.keys().collect();
    keys.sort_unstable();
    for &(da, db) in keys {
        let (sa, sb) = (&streams[da as usize], &streams[db as usize]);
        let found = align::passages(sa, sb, &seeds[&(da, db)], options);
        // A passage that is mostly template language is boilerplate, not this pair's reuse.
        let found: Vec<align::Found> = found
            .into_iter()
            .filter(|f| {
                let cover = &template[da as usize][f.a.clone()];
                cover.iter().filter(|&&n| n > 0).count() * 2 < cover.len()
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        let chars: usize = found.iter().map(|f| f.a.len()).sum();
        for f in &found {
            reused[da as usize][f.a.clone()].iter_mut().for_each(|c| *c = true);
            reused[db as usize][f.b.clone()].iter_mut().for_each(|c| *c = true);
        }
        let (a, b) = (&corpus.articles[da as usize], &corpus.articles[db as usize]);
        pairs.push(Pair {
            a: a.id.clone(),
            b: b.id.clone(),
            direction: direction(a, b),
            chars: chars as u32,
            passages: found
                .iter()
                .map(|f| Passage { a: sa.span(&f.a), b: sb.span(&f.b), similarity: f.similarity as f32 })
                .collect(),
        });
    }
    drop(seeds);
    pairs.sort_by(|x, y| y.chars.cmp(&x.chars).then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b))));

    let articles = corpus
        .articles
        .iter()
        .enumerate()
        .map(|(d, a)| {
            let n = streams[d].len();
            let mut in_template = vec![false; n];
            for r in &template_runs[d] {
                in_template[r.clone()].iter_mut().for_each(|t| *t = true);
            }
            let boiler = in_template.iter().filter(|&&t| t).count();
            let shared = (0..n).filter(|&i| reused[d][i] && !in_template[i]).count();
            let share = |k: usize| if n == 0 { 0.0 } else { round(k as f64 / n as f64) };
            ArticleReuse {
                id: a.id.clone(),
                reused: share(shared),
                boilerplate: share(boiler),
                own: if n == 0 { 0.0 } else { round(1.0 - (shared + boiler) as f64 / n as f64) },
            }
        })
        .collect();
    let boilerplate = boilerplate_passages(corpus, &streams, &template, &template_runs);
    Reuse { pairs, articles, boilerplate }
}

/// The template passages, each once (by its text), with the number of articles carrying it (those carrying its
/// least widespread part), the most widespread first, at most [`BOILERPLATE_LISTED`].
fn boilerplate_passages(
    corpus: &Corpus,
    streams: &[Stream],
    template: &[Vec<u32>],
    template_runs: &[Vec<Range<usize>>],
) -> Vec<Boilerplate> {
    let mut seen: HashSet<Vec<char>> = HashSet::new();
    let mut out: Vec<Boilerplate> = Vec::new();
    for (d, runs) in template_runs.iter().enumerate() {
        for run in runs {
            if !seen.insert(streams[d].slice(run.clone()).to_vec()) {
                continue;
            }
            let articles = template[d][run.clone()].iter().copied().min().unwrap_or(0);
            let span = streams[d].span(run);
            let text = span.text(&corpus.articles[d]);
            out.push(Boilerplate { text, articles, article: corpus.articles[d].id.clone(), span });
        }
    }
    out.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.text.cmp(&b.text)));
    out.truncate(BOILERPLATE_LISTED);
    out
}

impl Span {
    /// The span's text in `article` (empty when the article has no such block).
    pub fn text(&self, article: &Article) -> String {
        article
            .blocks
            .get(self.block as usize)
            .map(|b| b.text.chars().skip(self.start as usize).take((self.end - self.start) as usize).collect())
            .unwrap_or_default()
    }
}

impl Reuse {
    /// The pairs with at least one article in `ids` (a selection's reuse, as the page and the exports list it).
    pub fn touching(&self, ids: &HashSet<&str>) -> Vec<Pair> {
        self.pairs.iter().filter(|p| ids.contains(p.a.as_str()) || ids.contains(p.b.as_str())).cloned().collect()
    }
}

/// Who echoes whom: directed pairs counted by a property of the source (rows) and of the text that echoes it
/// (columns) — the level of the reporting body, its province.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EchoMatrix {
    /// The values, in the order given (rows and columns alike); only values with a directed pair.
    pub labels: Vec<String>,
    /// `counts[source][echo]`.
    pub counts: Vec<Vec<u32>>,
}

/// The echo matrix of `pairs` by `key` (an article's level, province …); `rank` orders the labels (ties by name).
/// Pairs without a direction, or whose articles have no value, are left out.
pub fn echo_matrix(
    corpus: &Corpus,
    pairs: &[Pair],
    key: impl Fn(&Article) -> Option<String>,
    rank: impl Fn(&str) -> usize,
) -> EchoMatrix {
    let by_id: HashMap<&str, &Article> = corpus.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let value = |id: &str| by_id.get(id).and_then(|a| key(a));
    let directed: Vec<(String, String)> = pairs
        .iter()
        .filter_map(|p| {
            let (from, to) = match p.direction? {
                Direction::AToB => (&p.a, &p.b),
                Direction::BToA => (&p.b, &p.a),
            };
            Some((value(from)?, value(to)?))
        })
        .collect();
    let mut labels: Vec<String> = directed.iter().flat_map(|(f, t)| [f.clone(), t.clone()]).collect();
    labels.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    labels.dedup();
    let at = |v: &str| labels.iter().position(|l| l == v).unwrap_or(0);
    let mut counts = vec![vec![0u32; labels.len()]; labels.len()];
    for (f, t) in &directed {
        counts[at(f)][at(t)] += 1;
    }
    EchoMatrix { labels, counts }
}

/// What differs between two copies of a passage: the character spans of each that the other lacks (from a longest
/// common subsequence of their characters), for a side-by-side view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Differences {
    /// Spans of the first text, `[start, end)` in characters.
    pub a: Vec<[u32; 2]>,
    /// Spans of the second.
    pub b: Vec<[u32; 2]>,
}

/// The differences between two copies of a passage (at most a few hundred characters each: quadratic).
pub fn differences(a: &str, b: &str) -> Differences {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (n, m) = (x.len(), y.len());
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if x[i] == y[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut in_a, mut in_b) = (vec![false; n], vec![false; m]);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if x[i] == y[j] {
            in_a[i] = true;
            in_b[j] = true;
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let spans = |kept: &[bool]| {
        let gone: Vec<bool> = kept.iter().map(|k| !k).collect();
        runs(&gone).into_iter().map(|(s, e)| [s as u32, e as u32]).collect()
    };
    Differences { a: spans(&in_a), b: spans(&in_b) }
}

/// Which way text went: from the earlier date; when dates agree or one is missing, from the higher level.
pub fn direction(a: &Article, b: &Article) -> Option<Direction> {
    if let (Some(x), Some(y)) = (&a.date, &b.date) {
        let n = x.value.len().min(y.value.len());
        match x.value[..n].cmp(&y.value[..n]) {
            std::cmp::Ordering::Less => return Some(Direction::AToB),
            std::cmp::Ordering::Greater => return Some(Direction::BToA),
            std::cmp::Ordering::Equal => {}
        }
    }
    let rank = |x: &Article| x.level.as_ref().and_then(|l| LEVELS.iter().position(|n| *n == l.name));
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) if x < y => Some(Direction::AToB),
        (Some(x), Some(y)) if x > y => Some(Direction::BToA),
        _ => None,
    }
}

/// Runs of `true` as half-open ranges.
fn runs(cover: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in cover.iter().chain(std::iter::once(&false)).enumerate() {
        match (c, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn round(x: f64) -> f32 {
    ((x * 1000.0).round() / 1000.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_echo_matrix_counts_directed_pairs_by_source_and_echo() {
        let article = |id: &str, level: &str| Article {
            id: id.into(),
            level: Some(crate::model::Tag { name: level.into(), evidence: Vec::new() }),
            ..Article::default()
        };
        let mut corpus = Corpus::new();
        corpus.articles =
            vec![article("c", "中央/国家"), article("p", "省/自治区"), article("x", "县/区"), article("y", "县/区")];
        let pair =
            |a: &str, b: &str, direction| Pair { a: a.into(), b: b.into(), direction, chars: 50, passages: Vec::new() };
        let pairs = [
            pair("c", "p", Some(Direction::AToB)),
            pair("x", "c", Some(Direction::BToA)),
            pair("y", "c", Some(Direction::BToA)),
            pair("x", "y", None),
        ];
        let rank = |l: &str| LEVELS.iter().position(|x| *x == l).unwrap_or(LEVELS.len());
        let m = echo_matrix(&corpus, &pairs, |a| a.level.as_ref().map(|l| l.name.clone()), rank);
        assert_eq!(m.labels, ["中央/国家", "省/自治区", "县/区"]);
        assert_eq!(m.counts, [[0, 1, 2], [0, 0, 0], [0, 0, 0]], "the centre is echoed by a province and two counties");
    }

    #[test]
    fn differences_mark_what_each_copy_lacks() {
        let d = differences("推进放管服改革，优化营商环境", "推进xx改革，持续优化营商环境");
        assert_eq!(d.a, [[2, 5]], "放管服 is not in the second copy");
        assert_eq!(d.b, [[2, 4], [7, 9]], "xx and 持续 are not in the first");
        assert_eq!(differences("相同", "相同"), Differences::default());
    }
}
