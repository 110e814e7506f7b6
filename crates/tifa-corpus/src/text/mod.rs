//! The text layer every later stage reads: word segmentation (jieba-rs with the domain dictionary), one-to-one
//! character folding for matching, the stopword list, masked placeholders and punctuation facts. It knows nothing of parsing, tags or search.

pub mod fold;
pub mod placeholder;
pub mod punct;
pub mod segment;
pub mod stopwords;

/// Whether a character is a CJK unified ideograph (basic block or extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}
