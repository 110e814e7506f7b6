//! Region tags: places named in an article, resolved in the gazetteer, with their role and evidence.
//!
//! Precision first. A name counts only when it starts and ends on a word boundary of the segmentation (乡村振兴 never
//! yields 振兴区), full names that are ordinary nouns are ignored (城区), short forms need evidence (a following 市/县/委,
//! a preceding 赴/在, a list of places, or the dictionary knowing the word only as a place name), province
//! abbreviations count only in pairs or with a relation word (川渝, 晋x交界). A name shared by several places resolves
//! to the one the rest of the article points at, or only as far up as all candidates agree.

use super::fields::Field;
use super::gazetteer::{Form, Gazetteer};
use crate::model::{Confidence, Evidence, Inference, RegionLevel, RegionRole, RegionTag};
use crate::text::segment::{Segmenter, Token};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Region rules shipped with Tifa (`data/regions/rules.toml`).
pub const RULES: &str = include_str!("../../../../data/regions/rules.toml");

/// How places are recognised and whose place they are (see `data/regions/rules.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct RegionRules {
    generic_names: Vec<String>,
    rare_below: u32,
    common_words: Vec<String>,
    place_after: Vec<String>,
    weak_after: Vec<String>,
    verb_after: Vec<String>,
    bound_after: Vec<String>,
    thing_after: Vec<String>,
    noun_before: Vec<String>,
    place_before: Vec<String>,
    weak_before: Vec<String>,
    abbreviation_context: Vec<String>,
    home_after: Vec<String>,
    surnames: String,
    home_frames: Vec<HomeFrame>,
    elsewhere_before: Vec<String>,
    pronouns: Pronouns,
}

/// Words around a place name that make it the reporting body's own (结合 … 实际).
#[derive(Debug, Clone, Deserialize)]
struct HomeFrame {
    before: String,
    after: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Pronouns {
    province: Vec<String>,
    prefecture: Vec<String>,
    county: Vec<String>,
    township: Vec<String>,
}

impl RegionRules {
    /// Parse rules from TOML.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| format!("regions/rules.toml: {e}"))
    }
}

/// Finds regions in articles.
#[derive(Debug, Clone)]
pub struct RegionTagger {
    gazetteer: Gazetteer,
    rules: RegionRules,
    automaton: AhoCorasick,
    patterns: Vec<String>,
    /// Short forms that are rare words in the general dictionary (毕节, 平陆), not ordinary words.
    distinctive: HashSet<String>,
}

/// How strongly the words around a short form say it is a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Support {
    /// Nothing around it.
    None,
    /// Words that follow places and ordinary words alike (平陆经验, 在平陆).
    Weak,
    /// Words only places take (平陆县委, 赴平陆).
    Strong,
}

/// A candidate mention before resolution.
#[derive(Debug, Clone)]
struct Mention {
    evidence: Evidence,
    /// Division indices it may name; empty for a masked name.
    candidates: Vec<usize>,
    /// For masked names: the level given by the suffix.
    masked_level: Option<RegionLevel>,
    /// Followed by a word that makes the place the reporting body's (纪委, 政府, 坚持 …).
    body_after: bool,
    /// At the start of its field.
    at_start: bool,
    /// Named in a frame only a body's own place takes (结合平陆实际).
    home_frame: bool,
    /// A short form accepted only with help: dropped unless a place of its own province is named too.
    needs_company: bool,
    /// Named as a place visited or compared with (赴安吉, 学习深圳): somewhere else than the reporting body.
    elsewhere: bool,
}

impl RegionTagger {
    /// Build the tagger. `segmenter` tells which short forms are known place names (before place names are added to
    /// it); call [`RegionTagger::teach`] afterwards so that segmentation keeps every name whole.
    pub fn new(gazetteer: Gazetteer, rules: RegionRules, segmenter: &Segmenter) -> Result<Self, String> {
        let generic: HashSet<&str> = rules.generic_names.iter().map(String::as_str).collect();
        let mut patterns: Vec<String> =
            gazetteer.forms.keys().filter(|name| !generic.contains(name.as_str())).cloned().collect();
        patterns.sort();
        // A short form the general dictionary lists as a rare word is a proper name (毕节 21, 平陆 8); a frequent one
        // is also an ordinary word (新建 1000, 朝阳 767, 天河 655) and needs context. Without a general dictionary
        // nothing is distinctive.
        let distinctive = gazetteer
            .forms
            .iter()
            .filter(|(_, entries)| entries.iter().any(|(_, f)| *f == Form::Short))
            .filter(|(name, entries)| {
                let province = entries.iter().any(|(i, _)| gazetteer.divisions[*i].level == RegionLevel::Province);
                let common = rules.common_words.iter().any(|w| w == *name);
                let rare = segmenter.has_general_dictionary()
                    && segmenter.general_frequency(name).is_none_or(|f| f < rules.rare_below);
                // A frequent prefecture name the dictionary knows only as a place (嘉兴 ns, 长沙 ns) is frequent
                // because the city is, not because it is also a word.
                let city = entries
                    .iter()
                    .any(|(i, f)| *f == Form::Short && gazetteer.divisions[*i].level == RegionLevel::Prefecture)
                    && segmenter.tag_of(name).is_some_and(|t| t == "ns");
                province || ((rare || city) && !common)
            })
            .map(|(name, _)| name.clone())
            .collect();
        // Standard semantics so that every overlapping name is seen: when the longest one is not on word boundaries
        // (运城市 in 运城|市委), a shorter one may be (运城).
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| format!("region automaton: {e}"))?;
        Ok(RegionTagger { gazetteer, rules, automaton, patterns, distinctive })
    }

    /// Teach the segmenter every place name it does not know yet, so that it cuts them whole.
    pub fn teach(&self, segmenter: &mut Segmenter) {
        for (name, entries) in &self.gazetteer.forms {
            let township = entries.iter().all(|(i, _)| self.gazetteer.divisions[*i].level == RegionLevel::Township);
            if !township && segmenter.tag_of(name).is_none() {
                segmenter.add_word(name, 500, "ns");
            }
        }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Tag the regions of one article, given its fields (title first if any) and their tokens.
    pub fn tag(&self, fields: &[Field<'_>], tokens: &[Vec<Token<'_>>]) -> Vec<RegionTag> {
        let mut mentions = Vec::new();
        for (field, toks) in fields.iter().zip(tokens) {
            self.find_names(field, toks, &mut mentions);
            self.find_masked(field, &mut mentions);
            self.find_abbreviations(field, toks, &mut mentions);
        }
        let resolved = self.keep_supported(self.resolve(mentions));
        self.assign_roles(resolved, fields)
    }

    fn find_names(&self, field: &Field<'_>, tokens: &[Token<'_>], out: &mut Vec<Mention>) {
        let starts: HashSet<usize> = tokens.iter().map(|t| t.start).collect();
        let ends: HashSet<usize> = tokens.iter().map(|t| t.end).collect();
        let text = field.text;
        let mut pending: Vec<Mention> = Vec::new();
        let mut accepted: Vec<Mention> = Vec::new();
        let mut matches: Vec<(usize, usize, usize)> =
            self.automaton.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
        matches.sort_by_key(|&(s, e, _)| (s, Reverse(e)));
        let mut taken_until = 0;
        // The dictionary may hold a place and its body as one word (北京市人民政府, 北京市政府): the name ends inside
        // that word when the rest of it is a body word.
        let word_from: HashMap<usize, usize> = tokens.iter().map(|t| (t.start, t.end)).collect();
        let body_follows = |s: usize, e: usize| {
            word_from.get(&s).is_some_and(|&end| {
                end > e && {
                    let rest = &text[e..end];
                    self.rules.place_after.iter().chain(&self.rules.home_after).any(|w| rest == w.as_str())
                }
            })
        };
        for (s, e, pattern) in matches {
            if s < taken_until
                || !starts.contains(&s)
                || !(ends.contains(&e) || body_follows(s, e))
                || field.touches_placeholder(s, e)
            {
                continue;
            }
            let name = &self.patterns[pattern];
            let entries = &self.gazetteer.forms[name];
            let full_or_literary: Vec<usize> =
                entries.iter().filter(|(_, f)| *f != Form::Short).map(|(i, _)| *i).collect();
            let shorts: Vec<usize> = entries.iter().filter(|(_, f)| *f == Form::Short).map(|(i, _)| *i).collect();
            let after = &text[e..];
            let before = &text[..s];
            let home_frame =
                self.rules.home_frames.iter().any(|f| {
                    before.ends_with(f.before.as_str()) && f.after.iter().any(|w| after.starts_with(w.as_str()))
                });
            let elsewhere = self.rules.elsewhere_before.iter().any(|w| before.ends_with(w.as_str()));
            let mention = |candidates: Vec<usize>, needs_company: bool| Mention {
                evidence: field.evidence(s, e),
                candidates,
                masked_level: None,
                body_after: self.rules.home_after.iter().any(|w| after.starts_with(w.as_str())),
                at_start: s == 0,
                home_frame,
                needs_company,
                elsewhere,
            };
            if self.rules.thing_after.iter().any(|w| after.starts_with(w.as_str())) {
                continue;
            }
            // A two-character full name (和县, 盘州 …) is as often a character and a suffix met by chance (…部门和县（区）
            // 政府): without a place word around it, it needs a place of its own province named too.
            let short_full = name.chars().count() <= 2 && entries.iter().all(|(_, f)| *f != Form::Literary);
            if !full_or_literary.is_empty() {
                let around = self.rules.place_after.iter().any(|w| after.starts_with(w.as_str()))
                    || self
                        .rules
                        .place_before
                        .iter()
                        .chain(&self.rules.weak_before)
                        .any(|w| before.ends_with(w.as_str()));
                let mut all = full_or_literary;
                all.extend(shorts);
                accepted.push(mention(all, short_full && !around));
                taken_until = e;
                continue;
            }
            // A two-character short form right after a one-character surname is a person's name (陈永安, 刘江津).
            let surname_before = name.chars().count() == 2
                && tokens
                    .iter()
                    .any(|t| t.end == s && t.word.chars().count() == 1 && self.rules.surnames.contains(t.word));
            let verb = self.rules.verb_after.iter().any(|w| after.starts_with(w.as_str()));
            let common_noun = self.rules.noun_before.iter().any(|w| before.ends_with(w.as_str()));
            if surname_before || verb || common_noun || self.other_suffix(&shorts, after) {
                continue;
            }
            let rare = self.distinctive.contains(name);
            let county_or_lower = shorts.iter().all(|&i| self.gazetteer.divisions[i].level >= RegionLevel::County);
            let title_opening = field.block.is_none() && s == 0 && after.starts_with(['：', ':', ' ', '，']);
            // A word after the name counts only as a word of its own (新建政府性楼堂馆所: 政府性 is not 政府).
            let next_word = tokens.iter().find(|t| t.start == e).map_or("", |t| t.word);
            // Nor a body word that a suffix turns into an attribute (政府性, 政府化).
            let followed_by = |w: &String| {
                after.strip_prefix(w.as_str()).is_some_and(|rest| {
                    (w.chars().count() == 1 || next_word.len() <= w.len())
                        && !self.rules.bound_after.iter().any(|b| rest.starts_with(b.as_str()))
                })
            };
            let support = if home_frame
                || self.rules.place_after.iter().any(followed_by)
                || self.rules.place_before.iter().any(|w| before.ends_with(w.as_str()))
            {
                Support::Strong
            } else if title_opening
                || self.rules.weak_after.iter().any(followed_by)
                || self.rules.weak_before.iter().any(|w| before.ends_with(w.as_str()))
            {
                Support::Weak
            } else {
                Support::None
            };
            let accept = match support {
                Support::Strong => Some(false),
                Support::Weak if rare => Some(false),
                // A rare county name with nothing around it counts only beside a place of its own province.
                Support::None if rare && !county_or_lower => Some(false),
                Support::None if rare => Some(true),
                _ => None,
            };
            if let Some(needs_company) = accept {
                accepted.push(mention(shorts, needs_company));
                taken_until = e;
            } else if before.ends_with('、') || after.starts_with('、') {
                pending.push(mention(shorts, county_or_lower));
                taken_until = e;
            }
        }
        // A short form in a list of places counts when a neighbour in the list is a place (毕节、六盘水、安顺市), or when
        // the list as a whole is introduced as places (赴深圳、杭州 / 深圳、杭州等城市).
        let mut changed = true;
        while changed {
            changed = false;
            let mut i = 0;
            while i < pending.len() {
                let p = &pending[i].evidence;
                let adjacent = accepted
                    .iter()
                    .chain(&pending)
                    .any(|a| a.evidence.end + 1 == p.start || p.end + 1 == a.evidence.start);
                let neighbour_place =
                    accepted.iter().any(|a| a.evidence.end + 1 == p.start || p.end + 1 == a.evidence.start);
                let (byte_start, byte_end) = (field.byte_at(p.start), field.byte_at(p.end));
                let introduced = (self.rules.place_before.iter().chain(&self.rules.weak_before))
                    .any(|w| text[..byte_start].ends_with(w.as_str()))
                    || text[byte_end..].starts_with('等');
                if neighbour_place || (adjacent && introduced) {
                    let mut m = pending.remove(i);
                    m.needs_company &= !introduced;
                    accepted.push(m);
                    changed = true;
                } else {
                    i += 1;
                }
            }
        }
        // A list of places after a word of visiting (赴井冈山、延安) is visited as a whole.
        accepted.sort_by_key(|m| m.evidence.start);
        for i in 1..accepted.len() {
            let (prev, this) = (&accepted[i - 1], &accepted[i]);
            let listed = prev.evidence.block == this.evidence.block && this.evidence.start == prev.evidence.end + 1;
            if listed && prev.elsewhere {
                accepted[i].elsewhere = true;
            }
        }
        out.extend(accepted);
    }

    /// Followed by the suffix of another kind of division (安新 in 雄安新区: 安新 is a 县, not a 区): not this place.
    fn other_suffix(&self, candidates: &[usize], after: &str) -> bool {
        const SUFFIXES: [char; 10] = ['省', '市', '县', '区', '州', '盟', '旗', '镇', '乡', '村'];
        let Some(next) = after.chars().next().filter(|c| SUFFIXES.contains(c)) else { return false };
        if after.starts_with("地区") || after.starts_with("市场") {
            return false;
        }
        !candidates.iter().any(|&i| {
            let name = &self.gazetteer.divisions[i].name;
            name.ends_with(next) || (next == '市' && self.gazetteer.divisions[i].level <= RegionLevel::Prefecture)
        })
    }

    fn find_masked(&self, field: &Field<'_>, out: &mut Vec<Mention>) {
        const SUFFIXES: &[(&str, RegionLevel)] = &[
            ("自治区", RegionLevel::Province),
            ("省", RegionLevel::Province),
            ("市", RegionLevel::Prefecture),
            ("州", RegionLevel::Prefecture),
            ("盟", RegionLevel::Prefecture),
            ("县", RegionLevel::County),
            ("区", RegionLevel::County),
            ("旗", RegionLevel::County),
            ("街道", RegionLevel::Township),
            ("镇", RegionLevel::Township),
            ("乡", RegionLevel::Township),
        ];
        for &[ps, pe] in field.placeholders.iter() {
            let (s, e) = (field.byte_at(ps), field.byte_at(pe));
            let masked = &field.text[s..e];
            if !masked.chars().all(|c| matches!(c, 'x' | 'X' | '×' | '○' | '*' | '＊' | '□' | '某')) {
                continue;
            }
            let after = &field.text[e..];
            let Some((suffix, level)) = SUFFIXES.iter().find(|(suffix, _)| after.starts_with(suffix)) else { continue };
            let end = e + suffix.len();
            out.push(Mention {
                evidence: field.evidence(s, end),
                candidates: Vec::new(),
                masked_level: Some(*level),
                body_after: self.rules.home_after.iter().any(|w| field.text[end..].starts_with(w.as_str())),
                at_start: s == 0,
                home_frame: false,
                needs_company: false,
                elsewhere: false,
            });
        }
    }

    fn find_abbreviations(&self, field: &Field<'_>, tokens: &[Token<'_>], out: &mut Vec<Mention>) {
        let text = field.text;
        let starts: HashSet<usize> = tokens.iter().map(|t| t.start).collect();
        let ends: HashSet<usize> = tokens.iter().map(|t| t.end).collect();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let related = |at: usize| self.rules.abbreviation_context.iter().any(|w| text[at..].starts_with(w.as_str()));
        let mut i = 0;
        while i < chars.len() {
            let mut j = i;
            let mut provinces = Vec::new();
            while let Some(p) = chars.get(j).and_then(|(_, c)| self.gazetteer.abbreviations.get(c)) {
                if provinces.contains(p) {
                    break;
                }
                provinces.push(*p);
                j += 1;
            }
            let start = chars[i].0;
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let run_ok = provinces.len() >= 2 && starts.contains(&start) && ends.contains(&end) && related(end);
            // One abbreviation and a masked partner: 晋x交界.
            let masked_partner = provinces.len() == 1
                && starts.contains(&start)
                && tokens
                    .binary_search_by_key(&end, |t| t.start)
                    .is_ok_and(|i| tokens[i].placeholder && related(tokens[i].end));
            if run_ok || masked_partner {
                for (k, p) in provinces.iter().enumerate() {
                    let (s, _) = chars[i + k];
                    let e = chars.get(i + k + 1).map_or(text.len(), |(b, _)| *b);
                    out.push(Mention {
                        evidence: field.evidence(s, e),
                        candidates: vec![*p],
                        masked_level: None,
                        body_after: false,
                        at_start: false,
                        home_frame: false,
                        needs_company: false,
                        // 川渝协同, 晋x交界: provinces in relation to one another, never where a masked body lies.
                        elsewhere: true,
                    });
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// Resolve ambiguous names with the help of the unambiguous ones, and merge mentions per place.
    fn resolve(&self, mentions: Vec<Mention>) -> Vec<(Option<usize>, Vec<Mention>)> {
        let g = &self.gazetteer;
        // Each mention's own common ancestor, to help the others (never itself).
        let anchors: Vec<Option<usize>> = mentions
            .iter()
            .map(|m| if m.candidates.is_empty() { None } else { g.common_ancestor(&m.candidates) })
            .collect();
        let mut places: BTreeMap<(Option<usize>, String), Vec<Mention>> = BTreeMap::new();
        for (k, m) in mentions.into_iter().enumerate() {
            let target = if m.candidates.is_empty() {
                None
            } else if m.candidates.len() == 1 {
                Some(m.candidates[0])
            } else {
                // Prefer the candidates inside a place the article names unambiguously elsewhere.
                let inside: Vec<usize> =
                    m.candidates
                        .iter()
                        .copied()
                        .filter(|&c| {
                            anchors.iter().enumerate().any(|(j, a)| {
                                j != k && a.is_some_and(|a| !m.candidates.contains(&a) && g.is_within(c, a))
                            })
                        })
                        .collect();
                // A township name shared by several places, with nothing in the text to say which: unknown.
                let townships = m.candidates.iter().all(|&c| g.divisions[c].level == RegionLevel::Township);
                if inside.is_empty() && townships {
                    continue;
                }
                let pool = if inside.is_empty() { &m.candidates } else { &inside };
                match g.common_ancestor(pool) {
                    Some(a) => Some(a),
                    None => continue, // no common province: cannot say which place is meant
                }
            };
            let key = match target {
                Some(t) => (Some(t), String::new()),
                None => (None, m.evidence.text.clone()),
            };
            places.entry(key).or_default().push(m);
        }
        places.into_iter().map(|((t, _), ms)| (t, ms)).collect()
    }

    /// Drop places whose only evidence is weak and that nothing else in the article supports: a rare county short
    /// form or a word listed beside places (`needs_company`) stays only beside a place of its own province named
    /// with good evidence; a township stays only beside a place that contains it (a township name alone is too often
    /// shared, or a word).
    fn keep_supported(&self, places: Vec<(Option<usize>, Vec<Mention>)>) -> Vec<(Option<usize>, Vec<Mention>)> {
        let g = &self.gazetteer;
        let solid: Vec<usize> = places
            .iter()
            .filter(|(t, ms)| t.is_some() && ms.iter().any(|m| !m.needs_company))
            .filter_map(|(t, _)| *t)
            .collect();
        places
            .into_iter()
            .filter(|(target, mentions)| {
                let Some(t) = *target else { return true };
                let d = &g.divisions[t];
                let company = || solid.iter().any(|&o| o != t && g.divisions[o].province == d.province);
                let contained = || solid.iter().any(|&o| o != t && g.is_within(t, o));
                if d.level == RegionLevel::Township && !contained() {
                    return false;
                }
                mentions.iter().any(|m| !m.needs_company) || company()
            })
            .collect()
    }

    fn assign_roles(&self, places: Vec<(Option<usize>, Vec<Mention>)>, fields: &[Field<'_>]) -> Vec<RegionTag> {
        let g = &self.gazetteer;
        let first_paragraph = fields.iter().find(|f| f.block.is_some()).and_then(|f| f.block);
        let level_of = |(t, ms): &(Option<usize>, Vec<Mention>)| match t {
            Some(i) => g.divisions[*i].level,
            None => ms[0].masked_level.unwrap_or(RegionLevel::County),
        };
        // Home evidence: in the title, or opening the first paragraph, naming the body (纪委, 政府) or its action.
        let home_score = |ms: &[Mention]| -> u8 {
            ms.iter()
                .map(|m| match m.evidence.block {
                    _ if m.home_frame => 3,
                    None if m.body_after || m.at_start => 3,
                    None => 2,
                    Some(b) if Some(b) == first_paragraph && m.evidence.start < 40 && (m.body_after || m.at_start) => 2,
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        };
        let home = places
            .iter()
            .enumerate()
            .filter(|(_, p)| home_score(&p.1) >= 2)
            .max_by_key(|(i, p)| (home_score(&p.1), level_of(p), std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
            .or_else(|| self.pronoun_home(&places, fields, level_of));
        let inferred = home.filter(|&h| places[h].0.is_none()).and_then(|h| self.infer_within(&places, h));
        let mut tags: Vec<RegionTag> = places
            .into_iter()
            .enumerate()
            .map(|(i, (target, mentions))| {
                let role = if Some(i) == home { RegionRole::Home } else { RegionRole::Mentioned };
                let mut evidence: Vec<Evidence> = mentions.iter().map(|m| m.evidence.clone()).collect();
                evidence.sort_by_key(|e| (e.block.map_or(-1, |b| b as i64), e.start));
                evidence.dedup();
                match target {
                    Some(t) => {
                        let d = &g.divisions[t];
                        RegionTag {
                            name: d.name.clone(),
                            code: Some(d.code.clone()),
                            level: d.level,
                            province: Some(g.divisions[d.province].name.clone()),
                            path: g.path(t),
                            role,
                            evidence,
                            inferred: None,
                        }
                    }
                    None => {
                        let placed = inferred.as_ref().filter(|_| Some(i) == home);
                        RegionTag {
                            name: mentions[0].evidence.text.clone(),
                            code: None,
                            level: mentions[0].masked_level.unwrap_or(RegionLevel::County),
                            province: placed.and_then(|(path, _)| path.first().cloned()),
                            path: placed.map(|(path, _)| path.clone()).unwrap_or_default(),
                            role,
                            evidence,
                            inferred: placed.map(|(_, inference)| inference.clone()),
                        }
                    }
                }
            })
            .collect();
        // Home first, then by first appearance.
        tags.sort_by_key(|t| {
            (t.role != RegionRole::Home, t.evidence.first().map(|e| (e.block.map_or(-1, |b| b as i64), e.start)))
        });
        tags
    }

    /// Where the masked home place `home` (xx县) lies: the named places of the text that are not visits or
    /// comparisons either contain it (a province or prefecture above its level) or lie within it (a district of
    /// a masked city); when they all agree on a province, the home place is placed there, as far down as they agree
    /// above its own level. High confidence when a named place stands right before the masked name (贵州省xx县) or
    /// several places agree; medium for one.
    fn infer_within(&self, places: &[(Option<usize>, Vec<Mention>)], home: usize) -> Option<(Vec<String>, Inference)> {
        let g = &self.gazetteer;
        let masked = &places[home].1;
        let level = masked[0].masked_level?;
        let evidence: Vec<(usize, &Vec<Mention>)> = places
            .iter()
            .filter_map(|(t, ms)| Some(((*t)?, ms)))
            .filter(|(_, ms)| ms.iter().any(|m| !m.elsewhere))
            .collect();
        if evidence.is_empty() {
            return None;
        }
        // The ancestor of each place at the levels above the masked one: what the masked place may share with it.
        let above = |t: usize| -> usize {
            let mut at = t;
            while g.divisions[at].level >= level
                && let Some(parent) = g.divisions[at].parent
            {
                at = parent;
            }
            at
        };
        let anchors: Vec<usize> = evidence.iter().map(|(t, _)| above(*t)).collect();
        if anchors.iter().any(|&a| g.divisions[a].level >= level) {
            return None; // a named place at the masked level itself, or a province masked: nothing to share
        }
        let common = g.common_ancestor(&anchors)?;
        let adjacent = evidence.iter().any(|(_, ms)| {
            ms.iter().any(|m| {
                masked.iter().any(|x| x.evidence.block == m.evidence.block && x.evidence.start == m.evidence.end)
            })
        });
        let mentions: usize = evidence.iter().map(|(_, ms)| ms.len()).sum();
        let confidence = if adjacent || mentions >= 2 { Confidence::High } else { Confidence::Medium };
        let from = evidence.iter().map(|(t, _)| g.divisions[*t].name.clone()).collect();
        Some((g.path(common), Inference { from, confidence }))
    }

    /// "我县…" in the opening: the one named place of that level is home.
    fn pronoun_home(
        &self,
        places: &[(Option<usize>, Vec<Mention>)],
        fields: &[Field<'_>],
        level_of: impl Fn(&(Option<usize>, Vec<Mention>)) -> RegionLevel,
    ) -> Option<usize> {
        let p = &self.rules.pronouns;
        let table = [
            (RegionLevel::Province, &p.province),
            (RegionLevel::Prefecture, &p.prefecture),
            (RegionLevel::County, &p.county),
            (RegionLevel::Township, &p.township),
        ];
        let opening: String = fields.iter().take(3).map(|f| f.text).collect();
        let level = table.iter().find(|(_, words)| words.iter().any(|w| opening.contains(w.as_str())))?.0;
        let at_level: Vec<usize> =
            places.iter().enumerate().filter(|(_, p)| level_of(p) == level).map(|(i, _)| i).collect();
        (at_level.len() == 1).then(|| at_level[0])
    }
}
