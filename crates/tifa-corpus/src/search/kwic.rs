//! Keyword in context: every occurrence of a string with its left and right context, sortable by either side.

use super::index::Index;
use memchr::memmem;
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
        if needle.is_empty() {
            return Vec::new();
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let n = needle.chars().count();
        let candidates = match docs {
            Some(d) => d.to_vec(),
            None => self.containing(needle),
        };
        let mut lines = Vec::new();
        for d in candidates {
            let doc = &self.documents[d as usize];
            let article = &self.corpus.articles[d as usize];
            for f in &doc.fields {
                let text = doc.field_text(f);
                let original: Vec<char> = match f.block {
                    None => article.title.chars().collect(),
                    Some(b) => article.blocks[b as usize].text.chars().collect(),
                };
                let mut chars_before = 0usize;
                let mut last = 0usize;
                for at in finder.find_iter(text.as_bytes()) {
                    chars_before += text[last..at].chars().count();
                    last = at;
                    let s = chars_before;
                    let e = (s + n).min(original.len());
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
        match sort {
            KwicSort::Corpus => {}
            KwicSort::Left => lines.sort_by(|a, b| a.left.chars().rev().cmp(b.left.chars().rev())),
            KwicSort::Right => lines.sort_by(|a, b| a.right.cmp(&b.right)),
        }
        lines
    }
}
