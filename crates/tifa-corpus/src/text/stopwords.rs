//! Function words and the genre's boilerplate (`data/stopwords.txt`): never keywords, left out of term statistics.

use std::collections::HashSet;

/// The stopword list shipped with Tifa.
pub const STOPWORDS: &str = include_str!("../../../../data/stopwords.txt");

/// Parse a stopword list (one word per line, `#` comments).
pub fn stopwords(text: &str) -> HashSet<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}
