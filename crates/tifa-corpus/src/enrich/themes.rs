//! Themes from the editable taxonomy (`data/themes.toml`): weighted keyword hits per 1,000 characters, several themes
//! per article, each with the occurrences that produced it.

use super::fields::Field;
use crate::model::{Evidence, ThemeTag};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The taxonomy shipped with Tifa.
pub const TAXONOMY: &str = include_str!("../../../../data/themes.toml");

/// Themes below this score (weighted hits per 1,000 characters) are not tagged.
const MIN_SCORE: f32 = 1.0;
/// At most this many themes per article.
const MAX_THEMES: usize = 5;
/// At most this many evidence spans per keyword.
const EVIDENCE_PER_KEYWORD: usize = 3;

#[derive(Debug, Clone, Deserialize)]
struct Taxonomy {
    theme: Vec<Theme>,
}

#[derive(Debug, Clone, Deserialize)]
struct Theme {
    name: String,
    keywords: BTreeMap<String, f32>,
}

/// Scores articles against the taxonomy.
#[derive(Debug, Clone)]
pub struct ThemeTagger {
    themes: Vec<Theme>,
    automaton: AhoCorasick,
    /// Pattern index → (theme index, weight).
    patterns: Vec<Vec<(usize, f32)>>,
}

impl ThemeTagger {
    /// Build from taxonomy TOML.
    pub fn new(taxonomy: &str) -> Result<Self, String> {
        let taxonomy: Taxonomy = toml::from_str(taxonomy).map_err(|e| format!("themes.toml: {e}"))?;
        let mut words: BTreeMap<String, Vec<(usize, f32)>> = BTreeMap::new();
        for (t, theme) in taxonomy.theme.iter().enumerate() {
            for (word, weight) in &theme.keywords {
                words.entry(word.clone()).or_default().push((t, *weight));
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words.keys())
            .map_err(|e| format!("theme automaton: {e}"))?;
        Ok(ThemeTagger { themes: taxonomy.theme, automaton, patterns: words.into_values().collect() })
    }

    /// Score one article.
    pub fn tag(&self, fields: &[Field<'_>]) -> Vec<ThemeTag> {
        let chars: usize = fields.iter().map(|f| f.text.chars().count()).sum::<usize>().max(1);
        let mut scores = vec![0.0f32; self.themes.len()];
        let mut evidence: Vec<BTreeMap<String, Vec<Evidence>>> = vec![BTreeMap::new(); self.themes.len()];
        for field in fields {
            for m in self.automaton.find_iter(field.text) {
                for &(t, weight) in &self.patterns[m.pattern().as_usize()] {
                    scores[t] += weight;
                    let spans = evidence[t].entry(field.text[m.start()..m.end()].to_string()).or_default();
                    if spans.len() < EVIDENCE_PER_KEYWORD {
                        spans.push(field.evidence(m.start(), m.end()));
                    }
                }
            }
        }
        let mut tags: Vec<ThemeTag> = scores
            .iter()
            .enumerate()
            .map(|(t, s)| (t, s * 1000.0 / chars as f32))
            .filter(|(_, s)| *s >= MIN_SCORE)
            .map(|(t, score)| ThemeTag {
                name: self.themes[t].name.clone(),
                score: (score * 100.0).round() / 100.0,
                evidence: std::mem::take(&mut evidence[t]).into_values().flatten().collect(),
            })
            .collect();
        tags.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
        tags.truncate(MAX_THEMES);
        tags
    }
}
