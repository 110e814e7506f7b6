//! Recognising noise: advertising, paywall markers and contact lines that the source site added to the text.
//!
//! Rules are data (`data/noise.toml`, embedded as the default), scored from general signals — contact handles,
//! advertising vocabulary, repeated lines, marker syntax — never from the exact lines of any one corpus.

use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::lang::Text;

/// A rule's name in both languages (a rules file without `name_zh` shows the English name in both).
fn named(name: &str, name_zh: &Option<String>) -> Text {
    Text::new(name_zh.clone().unwrap_or_else(|| name.to_string()), name)
}

/// The default rules shipped with Tifa.
pub const DEFAULT_RULES: &str = include_str!("../../../../data/noise.toml");

/// Compiled noise rules.
#[derive(Debug, Clone)]
pub struct NoiseRules {
    threshold: f32,
    scale_chars: f32,
    repeat_weight: f32,
    repeat_min_chars: usize,
    markers: Vec<Regex>,
    inline: Vec<Regex>,
    signals: Vec<(Text, f32, Regex)>,
    words: Vec<(WordGroup, Regex)>,
}

#[derive(Debug, Clone, Deserialize)]
struct WordGroup {
    name: String,
    /// The name in Chinese (the English one when a rules file gives none).
    #[serde(default)]
    name_zh: Option<String>,
    weight: f32,
    cap: f32,
    list: Vec<String>,
}

#[derive(Deserialize)]
struct RawRules {
    threshold: f32,
    #[serde(default = "default_scale_chars")]
    scale_chars: f32,
    repeat: RawRepeat,
    #[serde(default)]
    markers: Vec<String>,
    #[serde(default)]
    inline: Vec<String>,
    #[serde(default)]
    signal: Vec<RawSignal>,
    #[serde(default)]
    words: Vec<WordGroup>,
}

fn default_scale_chars() -> f32 {
    80.0
}

#[derive(Deserialize)]
struct RawRepeat {
    weight: f32,
    min_chars: usize,
}

#[derive(Deserialize)]
struct RawSignal {
    name: String,
    #[serde(default)]
    name_zh: Option<String>,
    weight: f32,
    pattern: String,
}

/// A rules file that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError(pub String);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "noise rules: {}", self.0)
    }
}

impl std::error::Error for RulesError {}

/// Why a line was judged noise.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Sum of the weights of the signals seen (infinite for a marker line).
    pub score: f32,
    /// Names of the signals seen, for notes.
    pub reasons: Vec<Text>,
}

impl NoiseRules {
    /// Parse and compile rules from TOML text.
    pub fn from_toml(text: &str) -> Result<Self, RulesError> {
        let raw: RawRules = toml::from_str(text).map_err(|e| RulesError(e.to_string()))?;
        let compile = |p: &str| Regex::new(p).map_err(|e| RulesError(format!("pattern {p:?}: {e}")));
        Ok(NoiseRules {
            threshold: raw.threshold,
            scale_chars: raw.scale_chars,
            repeat_weight: raw.repeat.weight,
            repeat_min_chars: raw.repeat.min_chars,
            markers: raw.markers.iter().map(|p| compile(p)).collect::<Result<_, _>>()?,
            inline: raw.inline.iter().map(|p| compile(p)).collect::<Result<_, _>>()?,
            signals: raw
                .signal
                .iter()
                .map(|s| Ok((named(&s.name, &s.name_zh), s.weight, compile(&s.pattern)?)))
                .collect::<Result<_, RulesError>>()?,
            words: raw
                .words
                .into_iter()
                .map(|group| {
                    // One automaton per group: scanning a line once beats one substring search per word.
                    let alternation = group.list.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
                    let pattern = if alternation.is_empty() { "[^\\s\\S]".to_string() } else { alternation };
                    Ok((group, compile(&pattern)?))
                })
                .collect::<Result<_, RulesError>>()?,
        })
    }

    /// The rules shipped with Tifa (compiled once).
    pub fn builtin() -> &'static NoiseRules {
        static RULES: OnceLock<NoiseRules> = OnceLock::new();
        // The embedded file is tested; should it ever fail to compile, an empty rule set keeps parsing alive.
        RULES.get_or_init(|| NoiseRules::from_toml(DEFAULT_RULES).unwrap_or_else(|_| NoiseRules::empty()))
    }

    /// Rules that recognise nothing.
    pub fn empty() -> Self {
        NoiseRules {
            threshold: f32::INFINITY,
            scale_chars: 80.0,
            repeat_weight: 0.0,
            repeat_min_chars: usize::MAX,
            markers: Vec::new(),
            inline: Vec::new(),
            signals: Vec::new(),
            words: Vec::new(),
        }
    }

    /// Judge one normalised line. `repeated` says whether the same line occurs elsewhere in the file.
    /// Returns `Some` when the line is noise.
    pub fn judge(&self, line: &str, repeated: bool) -> Option<Verdict> {
        if line.is_empty() {
            return None;
        }
        if self.markers.iter().any(|m| m.is_match(line)) {
            return Some(Verdict {
                score: f32::INFINITY,
                reasons: vec![Text::new("付费或栏目标记", "paywall or section marker")],
            });
        }
        let mut score = 0.0;
        let mut reasons = Vec::new();
        for (name, weight, regex) in &self.signals {
            if regex.is_match(line) {
                score += weight;
                reasons.push(name.clone());
            }
        }
        for (group, regex) in &self.words {
            let mut found: Vec<&str> = regex.find_iter(line).map(|m| m.as_str()).collect();
            found.sort_unstable();
            found.dedup();
            let hits = found.len();
            if hits > 0 {
                score += (hits as f32 * group.weight).min(group.cap);
                reasons.push(named(&group.name, &group.name_zh));
            }
        }
        if repeated && line.chars().count() >= self.repeat_min_chars {
            score += self.repeat_weight;
            reasons.push(Text::new("重复出现的行", "repeated line"));
        }
        // Signals must dominate the line: a long paragraph that mentions a hotline is still content.
        let chars = line.chars().count() as f32;
        let threshold = self.threshold * (chars / self.scale_chars.max(1.0)).max(1.0);
        (score >= threshold).then_some(Verdict { score, reasons })
    }

    /// Split a content line around inline markers: the kept text and the removed fragments.
    pub fn strip_inline(&self, line: &str) -> (String, Vec<String>) {
        let mut kept = line.to_string();
        let mut removed = Vec::new();
        for regex in &self.inline {
            if regex.is_match(&kept) {
                removed.extend(regex.find_iter(&kept).map(|m| m.as_str().to_string()));
                kept = regex.replace_all(&kept, "").into_owned();
            }
        }
        (kept, removed)
    }
}

/// Which normalised lines occur more than once in the file.
pub fn repeated_lines<'a>(lines: impl Iterator<Item = &'a str>) -> HashMap<&'a str, u32> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        *counts.entry(line).or_default() += 1;
    }
    counts.retain(|_, n| *n > 1);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static NoiseRules {
        NoiseRules::builtin()
    }

    #[test]
    fn builtin_rules_compile() {
        let rules = NoiseRules::from_toml(DEFAULT_RULES).expect("data/noise.toml compiles");
        assert!(!rules.signals.is_empty() && !rules.markers.is_empty());
    }

    #[test]
    fn marker_lines_are_noise() {
        for line in ["##paidend##", "#paid#", "---以下为付费内容---", "以下内容为会员专享", "（全文完）"]
        {
            assert!(rules().judge(line, false).is_some(), "{line}");
        }
    }

    #[test]
    fn advertising_with_contacts_is_noise() {
        let ad = "【笔杆子文库】——每日更新范文500篇，会员群同步更新，一键下载，有意请联系客服：bgz2023";
        assert!(rules().judge(ad, false).is_some());
        let ad2 = "欢迎关注公众号：公文小助手，扫码关注领取资料包，QQ：12345678";
        assert!(rules().judge(ad2, false).is_some());
    }

    #[test]
    fn content_mentioning_platforms_stays() {
        for line in [
            "该区开通“xx发布”微信公众号，及时发布政策解读和办事指南，累计发布信息xxx条。",
            "引导党员加入志愿服务队伍，欢迎群众通过12345热线反映问题。",
            "会员单位积极参与，平台累计下载量突破xx万次，群众满意度持续提升。",
            "一、深入企业开展调研",
        ] {
            assert_eq!(rules().judge(line, false), None, "{line}");
            assert_eq!(rules().judge(line, true), None, "{line} (repeated)");
        }
    }

    #[test]
    fn long_content_with_a_hotline_stays() {
        let line = "今年以来，xx市纪委监委聚焦“四风”问题开展专项整治，深入基层一线走访调研，督促整改问题xx个，\
                    推动作风建设持续向好。设立举报专线，联系电话：0851-1234567，欢迎广大群众监督举报。";
        assert_eq!(rules().judge(line, false), None);
    }

    #[test]
    fn inline_markers_are_cut_out() {
        let (kept, removed) = rules().strip_inline("完成整改任务。#paid#下一步将持续推进。");
        assert_eq!(kept, "完成整改任务。下一步将持续推进。");
        assert_eq!(removed, ["#paid#"]);
    }

    #[test]
    fn bad_rules_are_reported() {
        let err = NoiseRules::from_toml("threshold = 1\nmarkers=['(']\n[repeat]\nweight=1\nmin_chars=1").unwrap_err();
        assert!(err.to_string().contains("pattern"), "{err}");
        assert!(NoiseRules::from_toml("not toml").is_err());
    }
}
