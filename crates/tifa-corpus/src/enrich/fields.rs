//! The searchable pieces of an article (its title and each block) and evidence spans inside them.

use crate::model::{Article, Evidence};
use std::borrow::Cow;

/// The title or one block of an article.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Index of the block, or `None` for the title.
    pub block: Option<u32>,
    /// The field's text.
    pub text: &'a str,
    /// Placeholder spans (character offsets) in the text.
    pub placeholders: Cow<'a, [[u32; 2]]>,
    /// Byte offset of every character, then the text's length: byte ↔ character conversion by binary search, so
    /// that evidence on a long field costs no rescans.
    offsets: Vec<usize>,
}

impl<'a> Field<'a> {
    /// A field over `text`.
    pub fn new(block: Option<u32>, text: &'a str, placeholders: Cow<'a, [[u32; 2]]>) -> Self {
        let offsets = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        Field { block, text, placeholders, offsets }
    }

    /// Character index of a byte offset (on a character boundary).
    pub fn char_at(&self, byte: usize) -> u32 {
        self.offsets.partition_point(|&b| b < byte) as u32
    }

    /// Byte offset of a character index (the text's length past the end).
    pub fn byte_at(&self, chars: u32) -> usize {
        self.offsets.get(chars as usize).copied().unwrap_or(self.text.len())
    }

    /// Evidence for the byte range `start..end` of this field, with character offsets.
    pub fn evidence(&self, start: usize, end: usize) -> Evidence {
        Evidence {
            block: self.block,
            start: self.char_at(start),
            end: self.char_at(end),
            text: self.text[start..end].to_string(),
        }
    }

    /// Whether the byte range overlaps a placeholder (a masked name is never a word).
    pub fn touches_placeholder(&self, start: usize, end: usize) -> bool {
        if self.placeholders.is_empty() {
            return false;
        }
        let (s, e) = (self.char_at(start), self.char_at(end));
        self.placeholders.iter().any(|[ps, pe]| *ps < e && s < *pe)
    }
}

/// The title (when present) followed by every block, in reading order.
pub fn fields(article: &Article) -> Vec<Field<'_>> {
    let mut out = Vec::with_capacity(article.blocks.len() + 1);
    if !article.title.is_empty() {
        // Titles carry no stored placeholder spans; find them here.
        let spans = crate::text::placeholder::placeholder_spans(&article.title);
        out.push(Field::new(None, &article.title, Cow::Owned(spans)));
    }
    for (i, block) in article.blocks.iter().enumerate() {
        out.push(Field::new(Some(i as u32), &block.text, Cow::Borrowed(&block.placeholders)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_counts_characters() {
        let f = Field::new(Some(2), "在毕节市调研", Cow::Borrowed(&[]));
        let start = "在".len();
        let e = f.evidence(start, start + "毕节市".len());
        assert_eq!((e.block, e.start, e.end, e.text.as_str()), (Some(2), 1, 4, "毕节市"));
    }

    #[test]
    fn placeholders_are_detected() {
        let f = Field::new(None, "xx市纪委", Cow::Owned(vec![[0, 2]]));
        assert!(f.touches_placeholder(0, "xx市".len()));
        assert!(!f.touches_placeholder("xx市".len(), "xx市纪委".len()));
    }
}
