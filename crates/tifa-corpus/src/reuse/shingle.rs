//! What reuse compares: an article's paragraphs and headings as one stream of folded letters and digits (white space
//! and punctuation left out), each character knowing where it came from; and the stream's winnowed fingerprints —
//! hashes of its character k-grams, of which every window of [`W`] keeps the smallest (Schleimer, Wilkerson and
//! Aiken 2003), so that any shared stretch of at least `K + W − 1` characters shares a fingerprint.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::FxHasher;

use super::Span;
use crate::model::{Article, BlockKind};
use crate::text::fold::fold_char;

/// Characters per k-gram: short enough that a passage with an edit every ten characters keeps shared k-grams.
pub const K: usize = 6;
/// K-grams per winnowing window: every shared stretch of `K + W − 1` = 7 characters shares a fingerprint.
pub const W: usize = 2;

/// One fingerprint: a k-gram's hash and where the k-gram starts in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// The hash.
    pub hash: u64,
    /// Its position in the stream.
    pub at: u32,
}

/// The compared characters of one article (eight bytes a character: its fingerprints are computed when asked for,
/// not kept, so that a large corpus's streams stay small).
#[derive(Debug, Clone, Default)]
pub struct Stream {
    chars: Vec<char>,
    /// Per character: its character offset in its block's text.
    origin: Vec<u32>,
    /// Per block in the stream, in stream order: its index and its range of stream positions.
    blocks: Vec<(u32, Range<usize>)>,
}

impl Stream {
    /// The stream of an article's paragraphs and headings.
    pub fn of(article: &Article) -> Stream {
        let mut s = Stream::default();
        for (b, block) in article.blocks.iter().enumerate() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
                continue;
            }
            let start = s.chars.len();
            for (i, c) in block.text.chars().enumerate() {
                let c = fold_char(c);
                if c.is_alphanumeric() {
                    s.chars.push(c);
                    s.origin.push(i as u32);
                }
            }
            if s.chars.len() > start {
                s.blocks.push((b as u32, start..s.chars.len()));
            }
        }
        s
    }

    /// The fingerprints, in stream order (k-grams never cross blocks).
    pub fn fingerprints(&self) -> Vec<Fingerprint> {
        let mut out = Vec::with_capacity(self.len() * 2 / (W + 1) + 1);
        for (_, range) in &self.blocks {
            self.winnow(range.clone(), &mut out);
        }
        out
    }

    /// Fingerprints of one block's characters.
    fn winnow(&self, range: Range<usize>, out: &mut Vec<Fingerprint>) {
        if range.len() < K {
            return;
        }
        let hashes: Vec<u64> = (range.start..=range.end - K)
            .map(|i| {
                let mut h = FxHasher::default();
                for c in &self.chars[i..i + K] {
                    h.write_u32(*c as u32);
                }
                h.finish()
            })
            .collect();
        let mut last: Option<usize> = None;
        for w in 0..hashes.len().saturating_sub(W - 1).max(1) {
            let window = &hashes[w..(w + W).min(hashes.len())];
            // The rightmost smallest, so that a run of equal hashes keeps one.
            let (i, _) = window.iter().enumerate().rev().min_by_key(|(_, h)| **h).unwrap_or((0, &0));
            let at = w + i;
            if last != Some(at) {
                out.push(Fingerprint { hash: hashes[at], at: (range.start + at) as u32 });
                last = Some(at);
            }
        }
    }

    /// Compared characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The character slice of a range.
    pub fn slice(&self, range: Range<usize>) -> &[char] {
        &self.chars[range]
    }

    /// The stream ranges of its blocks, in order.
    pub fn block_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.blocks.iter().map(|(_, r)| r.clone())
    }

    /// The block a position is in: its index and stream range.
    fn block_at(&self, at: usize) -> Option<&(u32, Range<usize>)> {
        let i = self.blocks.partition_point(|(_, r)| r.end <= at);
        self.blocks.get(i).filter(|(_, r)| r.contains(&at))
    }

    /// The stream range of the block a position is in.
    pub fn block_range(&self, at: usize) -> Range<usize> {
        self.block_at(at).map_or(at..at, |(_, r)| r.clone())
    }

    /// A range of one block as a span of the block's text (from its first character to just after its last).
    pub fn span(&self, range: &Range<usize>) -> Span {
        let block = self.block_at(range.start).map_or(0, |(b, _)| *b);
        Span { block, start: self.origin[range.start], end: self.origin[range.end - 1] + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn article(paragraphs: &[&str]) -> Article {
        let blocks = paragraphs.iter().enumerate().map(|(i, p)| Block::paragraph(*p, [i as u32, i as u32])).collect();
        Article { blocks, ..Article::default() }
    }

    #[test]
    fn the_stream_keeps_letters_and_digits_and_where_they_came_from() {
        let a = article(&["推进 “放管服” 改革，", "ＡＢ１２"]);
        let s = Stream::of(&a);
        assert_eq!(s.slice(0..s.len()).iter().collect::<String>(), "推进放管服改革ab12");
        assert_eq!(s.span(&(2..5)), Span { block: 0, start: 4, end: 7 });
        assert_eq!(s.span(&(7..9)), Span { block: 1, start: 0, end: 2 });
    }

    #[test]
    fn a_shared_stretch_of_k_plus_w_minus_one_characters_shares_a_fingerprint() {
        let shared = "坚持以人民为中心的发展思想";
        assert!(shared.chars().count() >= K + W - 1);
        let a = Stream::of(&article(&[&format!("第一段开头文字不同{shared}后面也不一样甲")]));
        let b = Stream::of(&article(&[&format!("另一篇的说法{shared}结尾乙丙丁")]));
        let ha: Vec<u64> = a.fingerprints().iter().map(|f| f.hash).collect();
        assert!(b.fingerprints().iter().any(|f| ha.contains(&f.hash)));
        // Fingerprints never span two blocks.
        let split = Stream::of(&article(&["坚持以人民为", "中心的发展思想"]));
        assert!(
            split.fingerprints().iter().all(|f| split.block_range(f.at as usize).contains(&(f.at as usize + K - 1)))
        );
    }
}
