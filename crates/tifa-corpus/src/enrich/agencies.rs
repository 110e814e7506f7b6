//! The reporting body: its organisation type (纪委监委, 政协, 组织部 …) and administrative level (省/自治区, 市, 县/区,
//! 乡镇/街道, 企业), read from the title and the opening of the article with the table in `data/agencies.toml`.

use super::fields::Field;
use crate::model::{Evidence, MetaKind, RegionLevel, RegionRole, RegionTag, Tag};
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
    speaker: Speaker,
}

/// How a text names its own speaker or reporting body (`[speaker]` in the table).
#[derive(Debug, Clone, Deserialize)]
struct Speaker {
    /// Words that introduce the body a report is given for (我代表 …).
    on_behalf: Vec<String>,
    /// Characters that end the body's name after those words.
    name_ends: String,
    /// Body names ending in one of these, with no pattern of the table inside, are a Party committee or government.
    committee_endings: Vec<String>,
    /// Words inside a body's name that make it national (中央委员会, 国务院).
    national_words: Vec<String>,
    /// The agency a speaker's name stands for.
    leaders_agency: String,
    /// People whose speeches and reports speak for the central Party and state.
    national_leaders: Vec<String>,
    /// Words before a body in the opening that make it a superior the text follows (根据, 按照, 贯彻落实 …).
    superior_before: Vec<String>,
    /// How many characters before the body are searched for those words.
    superior_window: usize,
    /// How many paragraphs are searched for the body a report is given for.
    on_behalf_paragraphs: usize,
    /// The longest body name after those words.
    max_name_chars: usize,
    /// The longest line, other than the title, that names a speaker.
    speaker_line_chars: usize,
    /// What may follow a leader's name at the start of a title or speaker line (在, 代表, a space, a bracket).
    leader_follow: Vec<String>,
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

/// An agency named for the reporting body.
#[derive(Debug, Clone)]
struct Found {
    /// Index into the agency table.
    agency: usize,
    /// Where it is named.
    evidence: Evidence,
    /// The level named with it (市纪委 → 市), if any.
    level: Option<Tag>,
}

/// The administrative levels of `data/agencies.toml`, in its order, from the national level down. Kept here so that
/// the page can order levels without parsing the table (a test holds the two together).
pub const LEVELS: [&str; 6] = [NATIONAL, "省/自治区", "市", "县/区", "乡镇/街道", "企业"];

/// A level tag with one piece of evidence.
fn level_tag(name: &str, evidence: Evidence) -> Tag {
    Tag { name: name.to_string(), evidence: vec![evidence] }
}

/// Finds the reporting body's type and level.
#[derive(Debug, Clone)]
pub struct AgencyTagger {
    agencies: Vec<Agency>,
    levels: Vec<Level>,
    automaton: AhoCorasick,
    /// Pattern index → agency index.
    owner: Vec<usize>,
    speaker: Speaker,
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
        if !table.agency.iter().any(|a| a.name == table.speaker.leaders_agency) {
            return Err(format!(
                "agencies.toml: speaker.leaders_agency “{}” is no agency",
                table.speaker.leaders_agency
            ));
        }
        Ok(AgencyTagger { agencies: table.agency, levels: table.level, automaton, owner, speaker: table.speaker })
    }

    /// The organisation types of the reporting body and its level. `regions` are the article's region tags (the
    /// home region gives the level when the text does not).
    /// `meta` tells, for each field, the kind of metadata line it is (`None` for the title and running text).
    pub fn tag(
        &self,
        fields: &[Field<'_>],
        meta: &[Option<MetaKind>],
        regions: &[RegionTag],
    ) -> (Vec<Tag>, Option<Tag>) {
        let mut found: Vec<Found> = Vec::new();
        let kind = |k: usize| meta.get(k).copied().flatten();
        let title = fields.iter().find(|f| f.block.is_none());
        let running: Vec<&Field<'_>> = fields
            .iter()
            .enumerate()
            .filter(|&(k, f)| f.block.is_some() && kind(k).is_none())
            .map(|(_, f)| f)
            .collect();
        let issuers: Vec<&Field<'_>> =
            fields.iter().enumerate().filter(|&(k, _)| kind(k) == Some(MetaKind::Issuer)).map(|(_, f)| f).collect();
        let opening = fields.iter().find(|f| f.block.is_some());
        // The title names the body if it names any; then the body a report is given for (我代表……向大会报告); then an
        // issuer line; then the first clause of the first paragraph.
        if let Some(field) = title {
            self.collect(field, 0..field.text.len(), regions, &mut found);
        }
        if found.is_empty() {
            for field in running.iter().take(self.speaker.on_behalf_paragraphs) {
                if let Some(span) = self.on_behalf(field.text) {
                    self.collect(field, span.clone(), regions, &mut found);
                    if found.is_empty()
                        && self.speaker.committee_endings.iter().any(|e| field.text[span.clone()].ends_with(e.as_str()))
                    {
                        let evidence = field.evidence(span.start, span.end);
                        found.push(Found { agency: self.leaders_agency(), evidence, level: None });
                    }
                    if let Some(entry) = found.first_mut().filter(|e| e.level.is_none()) {
                        entry.level = self.level_within(field, span.clone(), regions);
                    }
                    break;
                }
            }
        }
        if found.is_empty() {
            for field in &issuers {
                self.collect(field, 0..field.text.len(), regions, &mut found);
                if !found.is_empty() {
                    break;
                }
            }
        }
        if found.is_empty() {
            // A speech or report by a leader of the Party and state speaks for the centre: the title or a short
            // speaker line begins with the leader's name as a word of its own (习近平在……上的讲话, 习近平 （2025年9月3日）),
            // not a paragraph quoting the leader (习近平总书记强调……) nor a longer name (李鹏飞).
            let short = |f: &&Field<'_>| f.block.is_none() || f.text.chars().count() <= self.speaker.speaker_line_chars;
            let leader =
                title.into_iter().chain(fields.iter().filter(|f| f.block.is_some()).take(2)).filter(short).find_map(
                    |f| {
                        self.speaker
                            .national_leaders
                            .iter()
                            .find(|n| {
                                f.text.strip_prefix(n.as_str()).is_some_and(|rest| {
                                    rest.is_empty()
                                        || self.speaker.leader_follow.iter().any(|w| rest.starts_with(w.as_str()))
                                })
                            })
                            .map(|n| (f, n.len()))
                    },
                );
            if let Some((field, len)) = leader {
                let evidence = field.evidence(0, len);
                let level = Some(level_tag(NATIONAL, evidence.clone()));
                found.push(Found { agency: self.leaders_agency(), evidence, level });
            }
        }
        if found.is_empty()
            && let Some(field) = opening
        {
            self.collect(field, 0..first_clause(field.text), regions, &mut found);
            // Bodies the opening follows (根据自治区党委和xx市委部署, 贯彻落实省委、省政府要求) are superiors, not the
            // body that reports.
            found.retain(|f| {
                let level_start = f.level.as_ref().and_then(|l| l.evidence.first()).map(|l| l.start);
                let start = level_start.map_or(f.evidence.start, |l| l.min(f.evidence.start));
                let before: String = field.text.chars().take(start as usize).collect();
                let window: String = before
                    .chars()
                    .rev()
                    .take(self.speaker.superior_window)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                !self.speaker.superior_before.iter().any(|w| window.contains(w.as_str()))
            });
        }
        let implied = found.iter().find_map(|f| {
            let by_type = self.agencies[f.agency].level.as_ref();
            let by_body = self.levels.iter().find(|l| l.bodies.contains(&f.evidence.text)).map(|l| &l.name);
            by_type.or(by_body).map(|l| level_tag(l, f.evidence.clone()))
        });
        let level = implied
            .or_else(|| found.iter().find_map(|f| f.level.clone()))
            // The body's own pronoun (我县), then its own place (结合平陆实际), then a 全 pronoun, which may be the
            // higher level the body reports to (在全市开展……结合平陆实际).
            .or_else(|| self.pronoun_level(fields, true))
            .or_else(|| home_level(regions))
            .or_else(|| self.pronoun_level(fields, false));
        let agencies = found
            .into_iter()
            .map(|f| Tag { name: self.agencies[f.agency].name.clone(), evidence: vec![f.evidence] })
            .collect();
        (agencies, level)
    }

    /// Agency heads in `range` of `field`, each with the level named right before it (refined by the gazetteer when a
    /// place ends there: 重庆市 is a province-level city, 胶州市 a county-level one).
    fn collect(&self, field: &Field<'_>, range: std::ops::Range<usize>, regions: &[RegionTag], found: &mut Vec<Found>) {
        for (agency, start, end, chain_start) in self.heads(&field.text[range.clone()]) {
            let (start, end, chain_start) = (start + range.start, end + range.start, chain_start + range.start);
            let level = place_level_before(field, chain_start, regions).or_else(|| self.level_at(field, chain_start));
            match found.iter_mut().find(|f| f.agency == agency) {
                Some(entry) if entry.level.is_none() => entry.level = level,
                Some(_) => {}
                None => found.push(Found { agency, evidence: field.evidence(start, end), level }),
            }
        }
    }

    /// The byte range of the body a report is given for: 现在，我代表【中国共产党浙江省第十四届委员会】向大会作报告.
    fn on_behalf(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let (at, words) =
            self.speaker.on_behalf.iter().filter_map(|w| text.find(w.as_str()).map(|i| (i, w))).min_by_key(|p| p.0)?;
        let start = at + words.len();
        let rest = &text[start..];
        let len = rest.find(|c: char| self.speaker.name_ends.contains(c)).unwrap_or(rest.len());
        (len > 0 && rest[..len].chars().count() <= self.speaker.max_name_chars).then(|| start..start + len)
    }

    /// The level of a body named in `range`: national when its name says so (中央委员会, 国务院), else the level of
    /// the place named in it (北京市人民政府 → a province-level city).
    fn level_within(&self, field: &Field<'_>, range: std::ops::Range<usize>, regions: &[RegionTag]) -> Option<Tag> {
        let name = &field.text[range.clone()];
        if let Some(w) = self.speaker.national_words.iter().find(|w| name.contains(w.as_str())) {
            let at = range.start + name.find(w.as_str()).unwrap_or(0);
            return Some(level_tag(NATIONAL, field.evidence(at, at + w.len())));
        }
        let span = field.evidence(range.start, range.end);
        regions.iter().find_map(|r| {
            let e = r.evidence.iter().find(|e| e.block == field.block && span.start <= e.start && e.end <= span.end)?;
            Some(level_tag(level_name(r.level), e.clone()))
        })
    }

    fn leaders_agency(&self) -> usize {
        self.agencies.iter().position(|a| a.name == self.speaker.leaders_agency).unwrap_or(0)
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
    fn level_at(&self, field: &Field<'_>, at: usize) -> Option<Tag> {
        let before = &field.text[..at];
        let after = &field.text[at..];
        let candidates = self.levels.iter().flat_map(|l| l.before.iter().map(move |b| (l, b)));
        if let Some((l, b)) =
            candidates.clone().filter(|(_, b)| before.ends_with(b.as_str())).max_by_key(|(_, b)| b.len())
        {
            return Some(level_tag(&l.name, field.evidence(at - b.len(), at)));
        }
        candidates
            .filter(|(_, b)| after.starts_with(b.as_str()) && after.len() > b.len())
            .max_by_key(|(_, b)| b.len())
            .map(|(l, b)| level_tag(&l.name, field.evidence(at, at + b.len())))
    }

    /// “我县” (`own`: a 我/本 pronoun, the body's own) or “全市” (a 全 one, which may be a higher level the body reports
    /// to) in the title or the first two paragraphs: the earliest.
    fn pronoun_level(&self, fields: &[Field<'_>], own: bool) -> Option<Tag> {
        for field in fields.iter().take(3) {
            let earliest = self
                .levels
                .iter()
                .flat_map(|l| l.pronouns.iter().map(move |p| (l, p)))
                .filter(|(_, p)| p.starts_with(['我', '本']) == own)
                .filter_map(|(l, p)| field.text.find(p.as_str()).map(|i| (i, l, p)))
                .min_by_key(|(i, _, _)| *i);
            if let Some((i, level, p)) = earliest {
                return Some(level_tag(&level.name, field.evidence(i, i + p.len())));
            }
        }
        None
    }
}

/// Settle which places are the reporting body's own once the body is known: a national body has no home place (国务院
/// 关于在海南……的决定 speaks of Hainan, not from it); a place named as part of the body's name (我代表北京市人民政府,
/// 中国共产党浙江省第十四届委员会) is its home.
pub fn settle_home(regions: &mut [RegionTag], agencies: &[Tag], level: Option<&Tag>) {
    if level.is_some_and(|l| l.name == NATIONAL) {
        for r in regions.iter_mut().filter(|r| r.role == RegionRole::Home) {
            r.role = RegionRole::Mentioned;
        }
        return;
    }
    let Some(body) = agencies.first().and_then(|o| o.evidence.first()) else { return };
    let names_body = |r: &RegionTag| {
        r.code.is_some()
            && r.evidence
                .iter()
                .any(|e| e.block == body.block && (e.end == body.start || (body.start <= e.start && e.end <= body.end)))
    };
    let Some(province) = regions.iter().find(|r| names_body(r)).map(|r| r.province.clone()) else { return };
    // The body's own place is home; a home elsewhere (another province) was a guess the body's name overrules.
    for r in regions.iter_mut() {
        if names_body(r) {
            r.role = RegionRole::Home;
        } else if r.role == RegionRole::Home && r.province != province {
            r.role = RegionRole::Mentioned;
        }
    }
}

/// The level of the home region, in the agency table's terms.
fn home_level(regions: &[RegionTag]) -> Option<Tag> {
    let home = regions.iter().find(|r| r.role == RegionRole::Home)?;
    Some(Tag { name: level_name(home.level).to_string(), evidence: home.evidence.iter().take(1).cloned().collect() })
}

/// A gazetteer level in the agency table's terms (a municipality directly under the centre is a province).
fn level_name(level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Province => "省/自治区",
        RegionLevel::Prefecture => "市",
        RegionLevel::County => "县/区",
        RegionLevel::Township => "乡镇/街道",
    }
}

/// The level of a place whose name ends right where a chain of agency names starts (重庆市|粮食局).
fn place_level_before(field: &Field<'_>, chain_start: usize, regions: &[RegionTag]) -> Option<Tag> {
    let at = field.char_at(chain_start);
    regions.iter().filter(|r| r.code.is_some()).find_map(|r| {
        let e = r.evidence.iter().find(|e| e.block == field.block && e.end == at)?;
        Some(level_tag(level_name(r.level), e.clone()))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_order_is_the_tables() {
        let table: Table = toml::from_str(TABLE).expect("the shipped table loads");
        let names: Vec<&str> = table.level.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, LEVELS);
    }
}
