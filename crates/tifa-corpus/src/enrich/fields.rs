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
}

impl<'a> Field<'a> {
    /// Evidence for the byte range `start..end` of this field, with character offsets.
    pub fn evidence(&self, start: usize, end: usize) -> Evidence {
        let start_char = self.text[..start].chars().count();
        let len = self.text[start..end].chars().count();
        Evidence {
            block: self.block,
            start: start_char as u32,
            end: (start_char + len) as u32,
            text: self.text[start..end].to_string(),
        }
    }

    /// Whether the byte range overlaps a placeholder (a masked name is never a word).
    pub fn touches_placeholder(&self, start: usize, end: usize) -> bool {
        if self.placeholders.is_empty() {
            return false;
        }
        let s = self.text[..start].chars().count() as u32;
        let e = s + self.text[start..end].chars().count() as u32;
        self.placeholders.iter().any(|[ps, pe]| *ps < e && s < *pe)
    }
}

/// The title (when present) followed by every block, in reading order.
pub fn fields(article: &Article) -> Vec<Field<'_>> {
    let mut out = Vec::with_capacity(article.blocks.len() + 1);
    if !article.title.is_empty() {
        // Titles carry no stored placeholder spans; find them here.
        let spans = crate::placeholder::placeholder_spans(&article.title);
        out.push(Field { block: None, text: &article.title, placeholders: Cow::Owned(spans) });
    }
    for (i, block) in article.blocks.iter().enumerate() {
        out.push(Field { block: Some(i as u32), text: &block.text, placeholders: Cow::Borrowed(&block.placeholders) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_counts_characters() {
        let f = Field { block: Some(2), text: "在毕节市调研", placeholders: Cow::Borrowed(&[]) };
        let start = "在".len();
        let e = f.evidence(start, start + "毕节市".len());
        assert_eq!((e.block, e.start, e.end, e.text.as_str()), (Some(2), 1, 4, "毕节市"));
    }

    #[test]
    fn placeholders_are_detected() {
        let f = Field { block: None, text: "xx市纪委", placeholders: Cow::Owned(vec![[0, 2]]) };
        assert!(f.touches_placeholder(0, "xx市".len()));
        assert!(!f.touches_placeholder("xx市".len(), "xx市纪委".len()));
    }
}
