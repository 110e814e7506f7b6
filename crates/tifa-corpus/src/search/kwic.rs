//! Keyword in context: every occurrence of a string (or match of a pattern) with its left and right context, sortable
//! by either side.

use super::index::Index;
use super::pattern::Needle;
use serde::Serialize;

/// How to order concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicSort {
    /// Corpus order (article, then position).
    #[default]
    Corpus,
    /// By the left context read backwards from the match (the word just before the match first).
    Left,
    /// By the right context.
    Right,
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    /// Position of the article in the corpus.
    pub article: u32,
    /// Stable article id.
    pub id: String,
    /// Block index, or `None` for the title.
    pub block: Option<u32>,
    /// Character offset of the match in the block (or title).
    pub start: u32,
    /// Left context (as printed).
    pub left: String,
    /// The match (as printed).
    pub matched: String,
    /// Right context (as printed).
    pub right: String,
}

impl Index {
    /// Every occurrence of `needle` (folded) in the articles `docs` (all when `None`), with `width` characters of
    /// context on each side, within its block.
    pub fn kwic(&self, needle: &str, docs: Option<&[u32]>, width: usize, sort: KwicSort) -> Vec<KwicLine> {
        self.kwic_of(Needle::Text(needle), docs, width, sort)
    }

    /// The concordance of a string or a pattern (`re:…`): every match, as [`Index::kwic`].
    pub fn kwic_of(&self, needle: Needle<'_>, docs: Option<&[u32]>, width: usize, sort: KwicSort) -> Vec<KwicLine> {
        if matches!(needle, Needle::Text("")) {
            return Vec::new();
        }
        // The bigram filter narrows the articles; each field is then checked for the needle itself below.
        let all = || (0..self.documents.len() as u32).collect::<Vec<u32>>();
        let candidates: Vec<u32> = match (docs, self.candidates_of_all(&needle.literals())) {
            (Some(d), Some(c)) => d.iter().copied().filter(|x| c.binary_search(x).is_ok()).collect(),
            (Some(d), None) => d.to_vec(),
            (None, Some(c)) => c,
            (None, None) => all(),
        };
        let mut lines = Vec::new();
        for d in candidates {
            let doc = &self.documents[d as usize];
            let article = &self.corpus.articles[d as usize];
            for f in &doc.fields {
                let text = doc.field_text(f);
                // Most fields of a candidate article do not contain the needle: only those that do are decoded.
                let matches = needle.find_in(text);
                if matches.is_empty() {
                    continue;
                }
                let original: Vec<char> = match f.block {
                    None => article.title.chars().collect(),
                    Some(b) => article.blocks[b as usize].text.chars().collect(),
                };
                let mut chars_before = 0usize;
                let mut last = 0usize;
                for r in matches {
                    chars_before += text[last..r.start].chars().count();
                    last = r.start;
                    let s = chars_before;
                    let e = (s + text[r].chars().count()).min(original.len());
                    lines.push(KwicLine {
                        article: d,
                        id: article.id.clone(),
                        block: f.block,
                        start: s as u32,
                        left: original[s.saturating_sub(width)..s].iter().collect(),
                        matched: original[s..e].iter().collect(),
                        right: original[e..e.saturating_add(width).min(original.len())].iter().collect(),
                    });
                }
            }
        }
        sort_lines(&mut lines, sort);
        lines
    }

    /// The concordance of several strings at once (the surface forms of one formulation): each place in the text
    /// once — where matches overlap, the longest is kept — in one order.
    pub fn kwic_any(&self, needles: &[String], docs: Option<&[u32]>, width: usize, sort: KwicSort) -> Vec<KwicLine> {
        let mut lines: Vec<KwicLine> =
            needles.iter().flat_map(|n| self.kwic(n, docs, width, KwicSort::Corpus)).collect();
        let len = |l: &KwicLine| l.matched.chars().count() as u32;
        lines.sort_by(|a, b| {
            (a.article, a.block, a.start).cmp(&(b.article, b.block, b.start)).then(len(b).cmp(&len(a)))
        });
        let mut kept: Vec<KwicLine> = Vec::with_capacity(lines.len());
        for line in lines {
            if let Some(prev) = kept.last()
                && (prev.article, prev.block) == (line.article, line.block)
                && line.start < prev.start + len(prev)
            {
                if len(&line) > len(prev) {
                    kept.pop();
                } else {
                    continue;
                }
            }
            kept.push(line);
        }
        sort_lines(&mut kept, sort);
        kept
    }
}

/// Put concordance lines in the requested order (stable: ties stay in corpus order).
fn sort_lines(lines: &mut [KwicLine], sort: KwicSort) {
    match sort {
        KwicSort::Corpus => {}
        KwicSort::Left => lines.sort_by(|a, b| a.left.chars().rev().cmp(b.left.chars().rev())),
        KwicSort::Right => lines.sort_by(|a, b| a.right.cmp(&b.right)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block, Corpus};
    use crate::search::index::IndexData;

    fn index(texts: &[&str]) -> Index {
        let mut corpus = Corpus::new();
        for (i, t) in texts.iter().enumerate() {
            let block = Block::paragraph(*t, [1, 1]);
            corpus.articles.push(Article {
                id: format!("a{i}"),
                title: format!("题{i}"),
                blocks: vec![block],
                ..Article::default()
            });
        }
        let n = corpus.articles.len();
        Index::from_parts(corpus, IndexData::empty(n))
    }

    #[test]
    fn several_forms_give_each_place_once_in_one_order() {
        let idx = index(&["坚决做到“两个维护”，乙两个维护", "甲两个维护"]);
        let forms = vec!["两个维护".to_string(), "“两个维护”".to_string()];
        let lines = idx.kwic_any(&forms, None, 3, KwicSort::Corpus);
        let matched: Vec<&str> = lines.iter().map(|l| l.matched.as_str()).collect();
        assert_eq!(matched, ["“两个维护”", "两个维护", "两个维护"]);
        let by_left = idx.kwic_any(&forms, None, 3, KwicSort::Left);
        let lefts: Vec<&str> = by_left.iter().map(|l| l.left.as_str()).collect();
        // Read backwards from the match: 乙 < 甲 < 做到 (by the character just before the match).
        let mut expected = lefts.clone();
        expected.sort_by(|a, b| a.chars().rev().cmp(b.chars().rev()));
        assert_eq!(lefts, expected);
        assert_eq!(by_left.len(), 3);
    }
}
