//! The text layer every later stage reads: word segmentation (jieba-rs with the domain dictionary), one-to-one
//! character folding for matching, and the stopword list. It knows nothing of parsing, tags or search.

pub mod fold;
pub mod segment;
pub mod stopwords;
