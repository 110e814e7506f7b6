//! Layout rules: the parser's tunable, corpus-independent knowledge, read from `data/parser.toml`.

use serde::Deserialize;
use std::sync::OnceLock;

/// The default layout rules shipped with Tifa.
pub const DEFAULT_LAYOUT_RULES: &str = include_str!("../../../data/parser.toml");

/// Layout rules (see `data/parser.toml` for the meaning of each field).
#[derive(Debug, Clone, Deserialize)]
pub struct LayoutRules {
    /// Words that mark a compilation header line.
    pub header_words: Vec<String>,
    /// Longest unmarked heading, in characters.
    pub heading_max_chars: usize,
    /// Longest marked heading (一、…), in characters.
    pub marked_heading_max_chars: usize,
    /// Longest article title, in characters.
    pub title_max_chars: usize,
    /// Shortest article title, in characters.
    pub title_min_chars: usize,
    /// Score needed for a line to be taken as an article title.
    pub title_threshold: f32,
    /// Endings that suggest a title was cut short.
    pub dangling_endings: Vec<String>,
    /// Characters that cannot start a sentence.
    pub mid_sentence_starts: String,
}

impl LayoutRules {
    /// Parse rules from TOML text.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| format!("layout rules: {e}"))
    }

    /// The rules shipped with Tifa (parsed once).
    pub fn builtin() -> &'static LayoutRules {
        static RULES: OnceLock<LayoutRules> = OnceLock::new();
        RULES.get_or_init(|| {
            // The embedded file is covered by a test; this fallback only keeps a broken build from panicking.
            LayoutRules::from_toml(DEFAULT_LAYOUT_RULES).unwrap_or_else(|_| LayoutRules::fallback())
        })
    }

    fn fallback() -> Self {
        LayoutRules {
            header_words: vec!["汇编".into()],
            heading_max_chars: 32,
            marked_heading_max_chars: 48,
            title_max_chars: 60,
            title_min_chars: 4,
            title_threshold: 3.0,
            dangling_endings: Vec::new(),
            mid_sentence_starts: "，。、；：".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse() {
        let rules = LayoutRules::from_toml(DEFAULT_LAYOUT_RULES).expect("data/parser.toml parses");
        assert!(rules.heading_max_chars < rules.title_max_chars);
        assert!(rules.header_words.iter().any(|w| w == "汇编"));
    }

    #[test]
    fn errors_name_the_problem() {
        let err = LayoutRules::from_toml("header_words = 3").unwrap_err();
        assert!(err.starts_with("layout rules:"), "{err}");
    }
}
