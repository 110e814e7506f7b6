//! Layout rules: the parser's tunable, corpus-independent knowledge, read from `data/parser.toml`.

use crate::model::MetaKind;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

/// The default layout rules shipped with Tifa.
pub const DEFAULT_LAYOUT_RULES: &str = include_str!("../../../../data/parser.toml");

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
    /// Words that end a document's title (通知, 意见, 条例 …): the genre it belongs to.
    #[serde(default)]
    pub genre_endings: Vec<String>,
    /// Characters that cannot start a sentence.
    pub mid_sentence_starts: String,
    /// Shapes of metadata lines (article numbers, document numbers, dates, sources …).
    #[serde(default)]
    pub metadata: Vec<MetaRule>,
    /// The metadata patterns, compiled on first use.
    #[serde(skip)]
    compiled: OnceLock<Vec<(MetaKind, Regex)>>,
}

/// One kind of metadata line and the whole-line patterns that recognise it.
#[derive(Debug, Clone, Deserialize)]
pub struct MetaRule {
    /// What such a line says.
    pub kind: MetaKind,
    /// Regular expressions matching the whole line.
    pub patterns: Vec<String>,
}

impl LayoutRules {
    /// Parse rules from TOML text.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let rules: LayoutRules = toml::from_str(text).map_err(|e| format!("layout rules: {e}"))?;
        let mut compiled = Vec::new();
        for rule in &rules.metadata {
            for pattern in &rule.patterns {
                let regex = Regex::new(pattern)
                    .map_err(|e| format!("layout rules: metadata pattern {pattern:?} is not a valid regex: {e}"))?;
                compiled.push((rule.kind, regex));
            }
        }
        let _ = rules.compiled.set(compiled);
        Ok(rules)
    }

    /// What a whole line says when it is a metadata line, by the first pattern that matches it.
    pub fn meta_kind(&self, line: &str) -> Option<MetaKind> {
        let compiled = self.compiled.get()?;
        let kind = |text: &str| compiled.iter().find(|(_, regex)| regex.is_match(text)).map(|(kind, _)| *kind);
        // Signatures are often spaced out to the width of the date under them (财  政  部).
        kind(line).or_else(|| {
            let squashed: String = line.chars().filter(|c| *c != ' ').collect();
            (squashed.len() < line.len() && squashed.chars().count() <= 16)
                .then(|| kind(&squashed))
                .flatten()
                .filter(|k| *k == MetaKind::Issuer)
        })
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
            genre_endings: Vec::new(),
            mid_sentence_starts: "，。、；：".into(),
            metadata: Vec::new(),
            compiled: OnceLock::new(),
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
    fn metadata_lines_are_recognised_by_their_whole_shape() {
        let rules = LayoutRules::from_toml(DEFAULT_LAYOUT_RULES).expect("data/parser.toml parses");
        let cases = [
            ("001", Some(MetaKind::Number)),
            ("１２", Some(MetaKind::Number)),
            ("国发〔2011〕35号", Some(MetaKind::DocNumber)),
            ("中华人民共和国国务院令", Some(MetaKind::DocNumber)),
            ("第693号", Some(MetaKind::DocNumber)),
            ("中华人民共和国国务院令第４４４号", Some(MetaKind::DocNumber)),
            ("总理温家宝", Some(MetaKind::Issuer)),
            ("中共中央 国务院", Some(MetaKind::Issuer)),
            ("二○○五年八月二十三日", Some(MetaKind::Date)),
            ("（2018年1月2日）", Some(MetaKind::Date)),
            ("——2019年3月5日在第十三届全国人民代表大会第二次会议上", Some(MetaKind::Subtitle)),
            ("（《李大钊文集》第三卷，第3—7页）", Some(MetaKind::Source)),
            ("------------", Some(MetaKind::Separator)),
            ("财 政 部", Some(MetaKind::Issuer)),
            ("深圳市住房公积金管理中心", Some(MetaKind::Issuer)),
            ("附件：首批在全国复制推广的改革举措清单", Some(MetaKind::Attachment)),
            ("第六批传承人名单.docx", Some(MetaKind::Attachment)),
            ("一、2018年工作回顾", None),
            ("坚持党建引领推动基层治理", None),
            ("2019年是新中国成立70周年。", None),
            ("关于加强基层治理的意见", None),
        ];
        for (line, kind) in cases {
            assert_eq!(rules.meta_kind(line), kind, "{line}");
        }
    }

    #[test]
    fn errors_name_the_problem() {
        let err = LayoutRules::from_toml("header_words = 3").unwrap_err();
        assert!(err.starts_with("layout rules:"), "{err}");
    }
}
