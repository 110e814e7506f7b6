//! The reporting body: its organisation type (纪委监委, 政协, 组织部 …) and administrative level (省/自治区, 市, 县/区,
//! 乡镇/街道, 企业), read from the title and the opening of the article with the table in `data/agencies.toml`.

use super::fields::Field;
use crate::model::{Evidence, RegionLevel, RegionRole, RegionTag, Tag};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

/// The agency table shipped with Tifa.
pub const TABLE: &str = include_str!("../../../../data/agencies.toml");

/// The name of the national level in the agency table (中央/国家).
pub const NATIONAL: &str = "中央/国家";

/// How far into the first paragraph (in characters) the reporting body is looked for.
const OPENING_CHARS: usize = 80;

#[derive(Debug, Clone, Deserialize)]
struct Table {
    agency: Vec<Agency>,
    level: Vec<Level>,
}

#[derive(Debug, Clone, Deserialize)]
struct Agency {
    name: String,
    patterns: Vec<String>,
    /// A level implied by the type itself (国有企业 → 企业).
    #[serde(default)]
    level: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Level {
    name: String,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    /// Names of bodies that are themselves of this level (国务院, 财政部 → 中央/国家).
    #[serde(default)]
    bodies: Vec<String>,
}

/// An agency found: (agency index, evidence, level named with it).
type Found = (usize, Evidence, Option<(String, Evidence)>);

/// Finds the reporting body's type and level.
#[derive(Debug, Clone)]
pub struct AgencyTagger {
    agencies: Vec<Agency>,
    levels: Vec<Level>,
    automaton: AhoCorasick,
    /// Pattern index → agency index.
    owner: Vec<usize>,
}

impl AgencyTagger {
    /// Build from the table's TOML.
    pub fn new(table: &str) -> Result<Self, String> {
        let table: Table = toml::from_str(table).map_err(|e| format!("agencies.toml: {e}"))?;
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (a, agency) in table.agency.iter().enumerate() {
            for p in &agency.patterns {
                patterns.push(p.clone());
                owner.push(a);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| format!("agency automaton: {e}"))?;
        Ok(AgencyTagger { agencies: table.agency, levels: table.level, automaton, owner })
    }

    /// The organisation types of the reporting body and its level. `regions` are the article's region tags (the
    /// home region gives the level when the text does not).
    pub fn tag(&self, fields: &[Field<'_>], regions: &[RegionTag]) -> (Vec<Tag>, Option<Tag>) {
        let mut found: Vec<Found> = Vec::new();
        let title = fields.iter().find(|f| f.block.is_none());
        let opening = fields.iter().find(|f| f.block.is_some());
        // The title names the body if it names any; otherwise the first clause of the first paragraph.
        for field in title.into_iter().chain(opening) {
            let limit = if field.block.is_none() { field.text.len() } else { first_clause(field.text) };
            for (agency, start, end, chain_start) in self.heads(&field.text[..limit]) {
                let level = self.level_at(field, chain_start);
                match found.iter_mut().find(|(a, _, _)| *a == agency) {
                    Some(entry) if entry.2.is_none() => entry.2 = level,
                    Some(_) => {}
                    None => found.push((agency, field.evidence(start, end), level)),
                }
            }
            if !found.is_empty() {
                break;
            }
        }
        let implied = found.iter().find_map(|(a, e, _)| {
            let by_type = self.agencies[*a].level.as_ref();
            let by_body = self.levels.iter().find(|l| l.bodies.contains(&e.text)).map(|l| &l.name);
            by_type.or(by_body).map(|l| Tag { name: l.clone(), evidence: vec![e.clone()] })
        });
        let level = implied
            .or_else(|| found.iter().find_map(|(_, _, l)| l.clone()).map(|(name, e)| Tag { name, evidence: vec![e] }))
            .or_else(|| self.pronoun_level(fields))
            .or_else(|| home_level(regions));
        let organizations =
            found.into_iter().map(|(a, e, _)| Tag { name: self.agencies[a].name.clone(), evidence: vec![e] }).collect();
        (organizations, level)
    }

    /// Agency names in `text`, keeping only the head of each chain of adjacent names (县委组织部 is an
    /// organisation department, not a county committee): (agency, start, end, start of the chain).
    /// Bodies named side by side (xx高新区党工委、管委会) report together; a body named later in the clause (按照市委
    ///部署) does not.
    fn heads(&self, text: &str) -> Vec<(usize, usize, usize, usize)> {
        let mut heads: Vec<(usize, usize, usize, usize)> = Vec::new();
        for m in self.automaton.find_iter(text) {
            let agency = self.owner[m.pattern().as_usize()];
            match heads.last_mut() {
                Some(last) if last.2 == m.start() => *last = (agency, m.start(), m.end(), last.3),
                Some(last) => {
                    let gap = &text[last.2..m.start()];
                    let joined = gap.starts_with(['、', '和', '与', '及']) && gap.chars().count() <= 6;
                    if !joined {
                        break;
                    }
                    heads.push((agency, m.start(), m.end(), m.start()));
                }
                None => heads.push((agency, m.start(), m.end(), m.start())),
            }
        }
        heads
    }

    /// The level named right before a chain of agency names (市纪委 → 市, xx县政协 → 县/区), or by the chain's own
    /// first character (县委组织部 → 县/区).
    fn level_at(&self, field: &Field<'_>, at: usize) -> Option<(String, Evidence)> {
        let before = &field.text[..at];
        let after = &field.text[at..];
        let candidates = self.levels.iter().flat_map(|l| l.before.iter().map(move |b| (l, b)));
        if let Some((l, b)) =
            candidates.clone().filter(|(_, b)| before.ends_with(b.as_str())).max_by_key(|(_, b)| b.len())
        {
            return Some((l.name.clone(), field.evidence(at - b.len(), at)));
        }
        candidates
            .filter(|(_, b)| after.starts_with(b.as_str()) && after.len() > b.len())
            .max_by_key(|(_, b)| b.len())
            .map(|(l, b)| (l.name.clone(), field.evidence(at, at + b.len())))
    }

    /// “我县”, “全市” … in the title or the first two paragraphs: the earliest, and a 我/本 pronoun (the body's own)
    /// over a 全 one (which may be a higher level the body reports to).
    fn pronoun_level(&self, fields: &[Field<'_>]) -> Option<Tag> {
        for own in [true, false] {
            for field in fields.iter().take(3) {
                let earliest = self
                    .levels
                    .iter()
                    .flat_map(|l| l.pronouns.iter().map(move |p| (l, p)))
                    .filter(|(_, p)| p.starts_with(['我', '本']) == own)
                    .filter_map(|(l, p)| field.text.find(p.as_str()).map(|i| (i, l, p)))
                    .min_by_key(|(i, _, _)| *i);
                if let Some((i, level, p)) = earliest {
                    return Some(Tag { name: level.name.clone(), evidence: vec![field.evidence(i, i + p.len())] });
                }
            }
        }
        None
    }
}

/// The level of the home region, in the agency table's terms.
fn home_level(regions: &[RegionTag]) -> Option<Tag> {
    let home = regions.iter().find(|r| r.role == RegionRole::Home)?;
    let name = match home.level {
        RegionLevel::Province => "省/自治区",
        RegionLevel::Prefecture => "市",
        RegionLevel::County => "县/区",
        RegionLevel::Township => "乡镇/街道",
    };
    Some(Tag { name: name.to_string(), evidence: home.evidence.iter().take(1).cloned().collect() })
}

/// Byte length of the opening: the first two clauses of the first sentence (a leading 今年以来， or 为…， is common),
/// at most `OPENING_CHARS` characters.
fn first_clause(text: &str) -> usize {
    let mut clauses = 0;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= OPENING_CHARS || matches!(c, '。' | '；' | '！' | '？') {
            return i;
        }
        if matches!(c, '，' | ',' | '：') {
            clauses += 1;
            if clauses == 2 {
                return i;
            }
        }
    }
    text.len()
}
