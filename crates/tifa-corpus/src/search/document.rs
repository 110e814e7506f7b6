//! The searchable text of an article: folded title and blocks joined by line breaks, with a map back to fields.

use crate::model::{Article, BlockKind};
use crate::text::fold::fold;
use serde::{Deserialize, Serialize};

/// What part of an article a stretch of searchable text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    /// The title.
    Title,
    /// A section heading.
    Heading,
    /// A paragraph.
    Paragraph,
}

/// One field inside a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpan {
    /// Block index, `None` for the title.
    pub block: Option<u32>,
    /// Title, heading or paragraph.
    pub kind: FieldKind,
    /// Byte offset of the field in the document text.
    pub start: u32,
    /// Byte offset after the field.
    pub end: u32,
}

/// An article's folded text and its field map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Folded text: the title and every block, separated by `\n` (never part of a query).
    pub text: String,
    /// Fields in order.
    pub fields: Vec<FieldSpan>,
    /// Length in characters (for length normalisation).
    pub chars: u32,
}

impl Document {
    /// The searchable text of an article.
    pub fn new(article: &Article) -> Document {
        let mut text = String::new();
        let mut fields = Vec::with_capacity(article.blocks.len() + 1);
        let mut push = |block: Option<u32>, kind: FieldKind, t: &str, text: &mut String| {
            if !text.is_empty() {
                text.push('\n');
            }
            let start = text.len() as u32;
            text.push_str(&fold(t));
            fields.push(FieldSpan { block, kind, start, end: text.len() as u32 });
        };
        if !article.title.is_empty() {
            push(None, FieldKind::Title, &article.title, &mut text);
        }
        for (i, b) in article.blocks.iter().enumerate() {
            let kind = if b.kind == BlockKind::Heading { FieldKind::Heading } else { FieldKind::Paragraph };
            push(Some(i as u32), kind, &b.text, &mut text);
        }
        let chars = text.chars().count() as u32;
        Document { text, fields, chars }
    }

    /// The text of a field.
    pub fn field_text(&self, f: &FieldSpan) -> &str {
        &self.text[f.start as usize..f.end as usize]
    }
}
