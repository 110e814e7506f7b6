//! Word segmentation: jieba-rs with Tifa's domain dictionary. The one tokenizer every stage calls (enrichment,
//! index and query alike), so that the same text is always cut the same way.

use jieba_rs::Jieba;
use std::collections::HashMap;
use std::io::{BufRead, Read};

/// The domain dictionary: formulations and party/government vocabulary (`word freq tag` per line, `#` comments).
pub const DOMAIN_DICT: &str = include_str!("../../../../data/dict/tifa_dict.txt");

/// A token: a word of the text, or a placeholder span kept whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The token's text.
    pub word: &'a str,
    /// A masked name or number (xx, xxxx, ○○): never a word.
    pub placeholder: bool,
}

/// jieba's general dictionary, gzip-compressed (`data/jieba/dict.txt.gz`).
#[cfg(feature = "embedded-dict")]
pub const GENERAL_DICT_GZ: &[u8] = include_bytes!("../../../../data/jieba/dict.txt.gz");

/// A configured segmenter.
pub struct Segmenter {
    jieba: Jieba,
    /// Frequencies of the general dictionary's words (as loaded; domain additions are not counted).
    general: HashMap<String, u32>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// The embedded general dictionary plus the domain dictionary.
    #[cfg(feature = "embedded-dict")]
    pub fn with_embedded_dict() -> Result<Self, String> {
        Self::from_gzip(GENERAL_DICT_GZ)
    }

    /// A gzip-compressed general dictionary in jieba's format, plus the domain dictionary.
    pub fn from_gzip(bytes: &[u8]) -> Result<Self, String> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| format!("segmentation dictionary: not a gzip-compressed UTF-8 word list ({e})"))?;
        Self::from_dict(&mut text.as_bytes())
    }

    /// A general dictionary in jieba's format (`word freq tag` per line), plus the domain dictionary.
    pub fn from_dict(reader: &mut impl BufRead) -> Result<Self, String> {
        let mut text = String::new();
        reader.read_to_string(&mut text).map_err(|e| format!("segmentation dictionary: {e}"))?;
        let jieba = Jieba::with_dict(&mut text.as_bytes()).map_err(|e| format!("segmentation dictionary: {e}"))?;
        let general = text
            .lines()
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                Some((parts.next()?.to_string(), parts.next()?.parse().ok()?))
            })
            .collect();
        let mut s = Segmenter { jieba, general };
        s.add_dictionary(DOMAIN_DICT);
        Ok(s)
    }

    /// Only the domain dictionary, no general vocabulary: small and quick to build, for tests and for the browser
    /// before the full dictionary is loaded. Unknown words fall back to jieba's HMM.
    pub fn domain_only() -> Self {
        let mut s = Segmenter { jieba: Jieba::empty(), general: HashMap::new() };
        s.add_dictionary(DOMAIN_DICT);
        s
    }

    /// How often the general dictionary says `word` occurs (`None` when it does not list it).
    pub fn general_frequency(&self, word: &str) -> Option<u32> {
        self.general.get(word).copied()
    }

    /// Whether a general dictionary is loaded (not only the domain dictionary).
    pub fn has_general_dictionary(&self) -> bool {
        !self.general.is_empty()
    }

    /// Add entries in `word [freq] [tag]` lines; blank lines and `#` comments are skipped.
    pub fn add_dictionary(&mut self, text: &str) {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            let freq = parts.next().and_then(|f| f.parse().ok());
            let tag = parts.next();
            self.jieba.add_word(word, freq, tag);
        }
    }

    /// Add one word (a place name, a formulation) so that it is never split.
    pub fn add_word(&mut self, word: &str, freq: usize, tag: &str) {
        self.jieba.add_word(word, Some(freq), Some(tag));
    }

    /// Whether the dictionary knows `word`, and its part-of-speech tag (`ns` place, `n` noun …).
    pub fn tag_of(&self, word: &str) -> Option<String> {
        let tags = self.jieba.tag(word, false);
        match tags.as_slice() {
            [one] if one.word == word => Some(one.tag.to_string()),
            _ => None,
        }
    }

    /// Cut `text` into tokens. Placeholder spans (character offsets, sorted) become single placeholder tokens.
    pub fn tokens<'a>(&self, text: &'a str, placeholders: &[[u32; 2]]) -> Vec<Token<'a>> {
        let mut tokens = Vec::new();
        let mut cursor = 0;
        for (ps, pe) in byte_spans(text, placeholders) {
            self.cut_into(text, cursor, ps, &mut tokens);
            tokens.push(Token { start: ps, end: pe, word: &text[ps..pe], placeholder: true });
            cursor = pe;
        }
        self.cut_into(text, cursor, text.len(), &mut tokens);
        tokens
    }

    fn cut_into<'a>(&self, text: &'a str, from: usize, to: usize, tokens: &mut Vec<Token<'a>>) {
        if from >= to {
            return;
        }
        let mut at = from;
        for token in self.jieba.cut(&text[from..to], true) {
            let word = token.word;
            let end = at + word.len();
            if !word.trim().is_empty() {
                tokens.push(Token { start: at, end, word: &text[at..end], placeholder: false });
            }
            at = end;
        }
    }
}

/// Character spans → byte spans, in order.
fn byte_spans(text: &str, spans: &[[u32; 2]]) -> Vec<(usize, usize)> {
    if spans.is_empty() {
        return Vec::new();
    }
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    spans
        .iter()
        .filter_map(|&[s, e]| Some((*offsets.get(s as usize)?, *offsets.get(e as usize)?)))
        .filter(|(s, e)| s < e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_terms_stay_whole_and_placeholders_are_tokens() {
        let seg = Segmenter::domain_only();
        let text = "xx市纪检监察机关坚决做到两个维护，营商环境持续向好";
        let spans = crate::text::placeholder::placeholder_spans(text);
        let tokens = seg.tokens(text, &spans);
        let words: Vec<&str> = tokens.iter().map(|t| t.word).collect();
        for term in ["两个维护", "营商环境"] {
            assert!(words.contains(&term), "{term} split: {words:?}");
        }
        assert!(tokens[0].placeholder && tokens[0].word == "xx");
        // Tokens cover the text in order.
        let rebuilt: String = words.concat();
        assert_eq!(rebuilt, text.replace(' ', ""));
    }
}
