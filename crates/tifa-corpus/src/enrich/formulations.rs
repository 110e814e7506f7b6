//! Formulations (提法): quoted formulations told apart from quoted speech and names, numbered formulas with or without
//! quotes (两个维护, 三个强化, 四抓四度), compact enumerations (“严真细实快”); normalised, variants grouped, and marked
//! central or local from the reference list.

use super::fields::Field;
use crate::model::{Evidence, FormulationKind, FormulationOrigin, FormulationTag};
use crate::text::segment::{Segmenter, Token};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Recognition rules (`data/formulation_rules.toml`).
pub const RULES: &str = include_str!("../../../../data/formulation_rules.toml");
/// Reference list of central (and well-known local) formulations (`data/formulations.toml`).
pub const REFERENCE: &str = include_str!("../../../../data/formulations.toml");

const NUMERALS: &str = "一二两三四五六七八九十";

#[derive(Debug, Clone, Deserialize)]
struct Rules {
    max_quoted_chars: usize,
    max_new_quoted_chars: usize,
    speech_verbs: Vec<String>,
    name_nouns: Vec<String>,
    name_endings: Vec<String>,
    award_nouns: Vec<String>,
    count_nouns: Vec<String>,
    numeral_units: String,
    period_after: Vec<String>,
    measure_verbs: Vec<String>,
    min_measure_chars: usize,
    problem_before: Vec<String>,
    problem_after: Vec<String>,
    directions: String,
    measure_words: String,
    magnitudes: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Reference {
    #[serde(default)]
    formulation: Vec<ReferenceEntry>,
    #[serde(default)]
    local: Vec<ReferenceEntry>,
}

/// One entry of the reference list.
#[derive(Debug, Clone, Deserialize)]
pub struct ReferenceEntry {
    /// Canonical form.
    pub text: String,
    /// Other surface forms of the same formulation.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Where it was set out.
    #[serde(default)]
    pub source: String,
    /// For local formulations: the region it comes from.
    #[serde(default)]
    pub region: Option<String>,
}

/// A formulation occurrence before aggregation.
#[derive(Debug, Clone)]
struct Hit {
    canonical: String,
    surface: String,
    kind: FormulationKind,
    evidence: Evidence,
}

/// Finds formulations in articles.
#[derive(Debug, Clone)]
pub struct FormulationTagger {
    rules: Rules,
    /// Canonical form → (origin, kind hint).
    reference: HashMap<String, FormulationOrigin>,
    /// Any known surface form (canonical or variant) → canonical.
    variants: HashMap<String, String>,
    automaton: AhoCorasick,
    known: Vec<String>,
}

impl FormulationTagger {
    /// Build from the rules and reference TOML texts.
    pub fn new(rules: &str, reference: &str) -> Result<Self, String> {
        let rules: Rules = toml::from_str(rules).map_err(|e| format!("formulation_rules.toml: {e}"))?;
        let reference: Reference = toml::from_str(reference).map_err(|e| format!("formulations.toml: {e}"))?;
        let mut origins = HashMap::new();
        let mut variants = HashMap::new();
        for (entries, origin) in
            [(&reference.formulation, FormulationOrigin::Central), (&reference.local, FormulationOrigin::Local)]
        {
            for e in entries {
                let canonical = normalise(&e.text);
                origins.entry(canonical.clone()).or_insert(origin);
                variants.insert(canonical.clone(), canonical.clone());
                for v in &e.variants {
                    variants.insert(normalise(v), canonical.clone());
                }
            }
        }
        let mut known: Vec<String> = variants.keys().filter(|k| k.chars().count() >= 2).cloned().collect();
        known.sort();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&known)
            .map_err(|e| format!("formulation automaton: {e}"))?;
        Ok(FormulationTagger { rules, reference: origins, variants, automaton, known })
    }

    /// Every known formulation surface, for the segmenter (so that 两个维护 is one word).
    pub fn teach(&self, segmenter: &mut Segmenter) {
        for k in &self.known {
            if segmenter.tag_of(k).is_none() {
                segmenter.add_word(k, 3000, "nz");
            }
        }
    }

    /// Origin of a canonical formulation: as the reference list says; otherwise `Local` only with evidence that
    /// the reporting body coined it (`coined`: a local body puts the formula in its title or a heading), and
    /// `Unknown` without such evidence.
    pub fn origin(&self, canonical: &str, kind: FormulationKind, coined: bool) -> FormulationOrigin {
        match self.reference.get(canonical) {
            Some(o) => *o,
            None if coined && kind != FormulationKind::Quoted => FormulationOrigin::Local,
            None => FormulationOrigin::Unknown,
        }
    }

    /// Canonical forms that appear in quotation marks or headings in these articles: evidence that the same words
    /// unquoted elsewhere are the formula too.
    pub fn marked_forms(&self, articles: &[(Vec<Field<'_>>, Vec<Vec<Token<'_>>>)]) -> HashSet<String> {
        let mut out = HashSet::new();
        for (fields, tokens) in articles {
            for (field, toks) in fields.iter().zip(tokens) {
                for hit in self.quoted(field, toks).hits {
                    if hit.kind != FormulationKind::Quoted {
                        out.insert(hit.canonical);
                    }
                }
            }
        }
        out
    }

    /// Tag the formulations of one article. `marked` are the canonical formulas marked (quoted) anywhere in the
    /// corpus; `headings` tells which fields are titles or headings.
    pub fn tag(
        &self,
        fields: &[Field<'_>],
        tokens: &[Vec<Token<'_>>],
        headings: &[bool],
        marked: &HashSet<String>,
        segmenter: &Segmenter,
        local_body: bool,
    ) -> Vec<FormulationTag> {
        let mut hits = Vec::new();
        for (k, (field, toks)) in fields.iter().zip(tokens).enumerate() {
            let Quotations { hits: quoted, problems } = self.quoted(field, toks);
            // Only accepted formulations hide what lies inside them: a known formulation inside quoted speech counts.
            let inside: Vec<(u32, u32)> = quoted.iter().map(|h| (h.evidence.start, h.evidence.end)).collect();
            let outside = |e: &Evidence| !inside.iter().any(|&(s, t)| s <= e.start && e.end <= t);
            // A problem named in quotation marks hides the formula-like words inside it (避免“一哄而上、一事一端”).
            let not_in_problem =
                |h: &Hit| !problems.iter().any(|p| p.start <= h.evidence.start && h.evidence.end <= p.end);
            hits.extend(quoted);
            hits.extend(self.reference_hits(field, toks).into_iter().filter(|h| outside(&h.evidence)));
            let in_heading = headings.get(k).copied().unwrap_or(false);
            hits.extend(
                self.numbered(field, toks, segmenter)
                    .into_iter()
                    .filter(|h| outside(&h.evidence) && not_in_problem(h))
                    .filter(|h| {
                        in_heading
                            || marked.contains(&h.canonical)
                            || double_numeral(&h.canonical, &self.rules.numeral_units)
                    }),
            );
            hits.extend(self.listed(field, toks).into_iter().filter(|h| outside(&h.evidence) && not_in_problem(h)));
        }
        // Evidence of local coinage: a local reporting body puts the formula in its title or a heading.
        let in_display = |e: &Evidence| match e.block {
            None => true,
            Some(b) => fields
                .iter()
                .position(|f| f.block == Some(b))
                .is_some_and(|k| headings.get(k).copied().unwrap_or(false)),
        };
        self.aggregate(hits, |evidence| local_body && evidence.iter().any(in_display))
    }

    fn aggregate(&self, hits: Vec<Hit>, coined: impl Fn(&[Evidence]) -> bool) -> Vec<FormulationTag> {
        let mut by: BTreeMap<String, Vec<Hit>> = BTreeMap::new();
        for h in hits {
            by.entry(h.canonical.clone()).or_default().push(h);
        }
        let mut tags: Vec<FormulationTag> = by
            .into_iter()
            .map(|(canonical, hits)| {
                // The most specific kind seen wins: numbered or enumeration over plain quoted.
                let kind = hits
                    .iter()
                    .map(|h| h.kind)
                    .find(|k| *k != FormulationKind::Quoted)
                    .unwrap_or(FormulationKind::Quoted);
                let mut counts: Vec<(String, usize)> = Vec::new();
                for h in &hits {
                    match counts.iter_mut().find(|(s, _)| *s == h.surface) {
                        Some(c) => c.1 += 1,
                        None => counts.push((h.surface.clone(), 1)),
                    }
                }
                counts.sort_by_key(|c| std::cmp::Reverse(c.1));
                let mut evidence: Vec<Evidence> = hits.into_iter().map(|h| h.evidence).collect();
                evidence.sort_by_key(|e| (e.block.map_or(-1, |b| b as i64), e.start));
                evidence.dedup();
                FormulationTag {
                    origin: self.origin(&canonical, kind, coined(&evidence)),
                    text: canonical,
                    surface: counts.into_iter().map(|(s, _)| s).collect(),
                    kind,
                    evidence,
                }
            })
            .collect();
        tags.sort_by(|a, b| b.evidence.len().cmp(&a.evidence.len()).then_with(|| a.text.cmp(&b.text)));
        tags
    }

    /// Quotations that are formulations (not speech, names, awards or single characters).
    fn quoted(&self, field: &Field<'_>, tokens: &[Token<'_>]) -> Quotations {
        let text = field.text;
        let mut hits = Vec::new();
        let mut problems = Vec::new();
        for (s, e) in quoted_spans(text) {
            let inner = &text[s..e];
            let after = &text[e + '”'.len_utf8()..];
            let canonical = self.canonical(inner);
            let known = self.reference.contains_key(&canonical);
            let numbered = is_numbered(&canonical);
            // A known formulation quoted in part (“三权”分置): the whole formulation, the suffix included.
            if let Some(whole) = (!known).then(|| self.completed_by_suffix(inner, after)).flatten() {
                let end = e + '”'.len_utf8() + whole.suffix_bytes;
                let kind =
                    if is_numbered(&whole.canonical) { FormulationKind::Numbered } else { FormulationKind::Quoted };
                hits.push(Hit {
                    canonical: whole.canonical,
                    surface: text[s - '“'.len_utf8()..end].to_string(),
                    kind,
                    evidence: field.evidence(s, end),
                });
                continue;
            }
            let n = inner.chars().count();
            let han = inner.chars().filter(|&c| crate::text::is_han(c)).count();
            let before = &text[..s - '“'.len_utf8()];
            // A quotation that names a problem (避免“一哄而上”, “僵尸”、“睡眠”等现象), however long, is no formulation
            // and hides the formula-like words inside it.
            let problem = self.rules.problem_before.iter().any(|w| before_run(before).ends_with(w.as_str()))
                || self.rules.problem_after.iter().any(|w| after_run(after).starts_with(w.as_str()));
            if problem && !known {
                let evidence = field.evidence(s, e);
                problems.push(evidence.start..evidence.end);
                continue;
            }
            // Longer quotations are formulations only when the reference list knows them: the others are names of
            // measures or quoted clauses (“优化律师事务所核名管理”).
            // So are parallel items of one length (“一窗受理、一网通办、一次办结”): a formula, however long.
            let limit =
                if known || parallel(inner) { self.rules.max_quoted_chars } else { self.rules.max_new_quoted_chars };
            if n < 2 || han < 2 || n > limit || inner.contains(['。', '！', '？', '!', '?', '《', '“', '”']) {
                continue;
            }
            let said_before = before.trim_end_matches(['：', ':', '，']).len() < before.len()
                && self
                    .rules
                    .speech_verbs
                    .iter()
                    .any(|v| before.trim_end_matches(['：', ':', '，']).ends_with(v.as_str()));
            let said_after = {
                let window: String = after.chars().take(10).collect();
                window.starts_with(['，', ','])
                    && self.rules.speech_verbs.iter().any(|v| window.contains(v.as_str()))
                    && inner.contains('，')
            };
            // A numbered formula keeps counting whatever it ends with (一核一带一区).
            let named =
                self.rules.name_nouns.iter().chain(&self.rules.award_nouns).any(|w| after.starts_with(w.as_str()))
                    || (self.rules.name_endings.iter().any(|w| inner.ends_with(w.as_str())) && !numbered);
            let masked = field.touches_placeholder(s, e) && !inner.contains('+');
            if said_before || said_after || named || masked {
                continue;
            }
            // A short word in quotation marks is a figure of speech (当好“店小二”, 走出“舒适区”), not a
            // formulation — unless it is numbered or a known formulation.
            let figure = n <= 3 && !numbered && !known && !self.is_enumeration(inner, tokens, s, e);
            if figure {
                continue;
            }
            // A quotation the reference list does not know that names a task by its verb (“推行企业办事一照通办”) is
            // the name of a measure, not a formulation.
            let new = !known && !numbered;
            let measure = n >= self.rules.min_measure_chars
                && self.rules.measure_verbs.iter().any(|v| inner.starts_with(v.as_str()));
            // A numeral with a measure word only (“十条”) is a count.
            let count = n == 2
                && inner.chars().next().is_some_and(|c| NUMERALS.contains(c))
                && inner.chars().last().is_some_and(|c| self.rules.measure_words.contains(c));
            // A quotation with an amount in it (“得罪千百人、不负十四亿”) is quoted speech, not a formula.
            let amount = !numbered && double_numeral_amount(inner, &self.rules.magnitudes);
            if (new && (measure || amount)) || (count && !known) {
                continue;
            }
            let kind = if numbered {
                FormulationKind::Numbered
            } else if self.is_enumeration(&inner.replace('、', ""), tokens, s, e) {
                FormulationKind::Enumeration
            } else {
                FormulationKind::Quoted
            };
            // “严、真、细、实、快” and 严、真、细、实、快 are the same enumeration.
            let canonical = if kind == FormulationKind::Enumeration { canonical.replace('、', "") } else { canonical };
            hits.push(Hit {
                canonical,
                surface: text[s - '“'.len_utf8()..e + '”'.len_utf8()].to_string(),
                kind,
                evidence: field.evidence(s, e),
            });
        }
        Quotations { hits, problems }
    }

    /// A known formulation completed by the characters right after a quotation of its beginning (“三权”分置).
    /// (Only for a quotation that is no formulation by itself: “一带一路”倡议 stays what it is.)
    fn completed_by_suffix(&self, inner: &str, after: &str) -> Option<Completion> {
        let mut suffix_bytes = 0;
        for c in after.chars().take(3) {
            if !crate::text::is_han(c) {
                break;
            }
            suffix_bytes += c.len_utf8();
            let canonical = self.canonical(&format!("{inner}{}", &after[..suffix_bytes]));
            if self.reference.contains_key(&canonical) {
                return Some(Completion { canonical, suffix_bytes });
            }
        }
        None
    }

    /// Reference-list formulations written without quotes (两个维护, 四风, 放管服), on word boundaries.
    fn reference_hits(&self, field: &Field<'_>, tokens: &[Token<'_>]) -> Vec<Hit> {
        let starts: HashSet<usize> = tokens.iter().map(|t| t.start).collect();
        let ends: HashSet<usize> = tokens.iter().map(|t| t.end).collect();
        self.automaton
            .find_iter(field.text)
            .filter(|m| starts.contains(&m.start()) && ends.contains(&m.end()))
            // A written-out list that goes on (党史、新中国史、改革开放史、社会主义发展史、中华民族发展史) is a longer
            // list, not the formula of its first items.
            .filter(|m| !(field.text[m.start()..m.end()].contains('、') && field.text[m.end()..].starts_with('、')))
            // A formula written only in numerals (十五, 九五) is a number unless a period word follows it (十五计划,
            // 九五期间); quoted, it is found as a quotation.
            .filter(|m| {
                let surface = &field.text[m.start()..m.end()];
                !surface.chars().all(|c| NUMERALS.contains(c))
                    || self.rules.period_after.iter().any(|w| field.text[m.end()..].starts_with(w.as_str()))
            })
            .map(|m| {
                let surface = &field.text[m.start()..m.end()];
                let canonical = self.canonical(surface);
                let kind = if is_numbered(&canonical) { FormulationKind::Numbered } else { FormulationKind::Quoted };
                Hit { canonical, surface: surface.to_string(), kind, evidence: field.evidence(m.start(), m.end()) }
            })
            .collect()
    }

    /// Unquoted numbered formulas: “N个” + one word (三个强化), or two numeral–word pairs (四抓四度, 五比对一提交).
    fn numbered(&self, field: &Field<'_>, tokens: &[Token<'_>], segmenter: &Segmenter) -> Vec<Hit> {
        let text = field.text;
        let mut hits = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let mut chars = t.word.chars();
            let Some(first) = chars.next() else { continue };
            if !NUMERALS.contains(first) || t.placeholder {
                continue;
            }
            // N个 + next word
            let rest: String = chars.collect();
            if rest == "个" {
                if let Some(next) = tokens.get(i + 1).filter(|n| n.start == t.end && !n.placeholder) {
                    let n = next.word.chars().count();
                    let counted = self.rules.count_nouns.iter().any(|c| next.word.starts_with(c.as_str()));
                    if (2..=4).contains(&n) && next.word.chars().all(crate::text::is_han) && !counted {
                        let surface = &text[t.start..next.end];
                        hits.push(Hit {
                            canonical: self.canonical(surface),
                            surface: surface.to_string(),
                            kind: FormulationKind::Numbered,
                            evidence: field.evidence(t.start, next.end),
                        });
                    }
                }
                continue;
            }
            // Numeral-word pairs spanning whole tokens: 四抓四度, 六稳六保, 三破三立; never an idiom (一言一行).
            let mut end = t.end;
            let mut j = i + 1;
            let mut span: String = t.word.to_string();
            loop {
                let idiom =
                    tokens[i..j].iter().any(|x| segmenter.tag_of(x.word).is_some_and(|tag| tag == "i" || tag == "l"));
                // A word the general dictionary already has (五湖四海, 四面八方) is an idiom, unless the reference list
                // knows it as a formulation (一国两制).
                let ordinary = segmenter.general_frequency(&span).is_some()
                    && !self.reference.contains_key(&self.canonical(&span));
                if double_numeral(&span, &self.rules.numeral_units)
                    && span.chars().all(crate::text::is_han)
                    && !idiom
                    && !ordinary
                {
                    hits.push(Hit {
                        canonical: self.canonical(&span),
                        surface: span.clone(),
                        kind: FormulationKind::Numbered,
                        evidence: field.evidence(t.start, end),
                    });
                    break;
                }
                let Some(n) = tokens.get(j).filter(|n| n.start == end && !n.placeholder) else { break };
                if span.chars().count() + n.word.chars().count() > 6 {
                    break;
                }
                span.push_str(n.word);
                end = n.end;
                j += 1;
            }
        }
        hits
    }

    /// Single characters listed with 、 (庸、懒、散、拖): a compact enumeration, found on the segmentation so that the
    /// items are words of their own.
    fn listed(&self, field: &Field<'_>, tokens: &[Token<'_>]) -> Vec<Hit> {
        let single =
            |t: &Token<'_>| !t.placeholder && t.word.chars().count() == 1 && t.word.chars().all(crate::text::is_han);
        let mut hits = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut j = i;
            while j < tokens.len() && single(&tokens[j]) && tokens.get(j + 1).is_some_and(|t| t.word == "、") {
                j += 2;
            }
            let items = (j - i) / 2 + 1;
            if items >= 3 && tokens.get(j).is_some_and(&single) {
                let (start, end) = (tokens[i].start, tokens[j].end);
                let surface = &field.text[start..end];
                // Directions listed one by one (东、西、北至山脊线) mark out an area.
                if surface.chars().all(|c| c == '、' || self.rules.directions.contains(c)) {
                    i = j + 1;
                    continue;
                }
                hits.push(Hit {
                    canonical: surface.replace('、', ""),
                    surface: surface.to_string(),
                    kind: FormulationKind::Enumeration,
                    evidence: field.evidence(start, end),
                });
                i = j + 1;
            } else {
                i += 1;
            }
        }
        hits
    }

    /// A quotation of 3–8 characters that the segmenter can only cut into single characters (“严真细实快”).
    fn is_enumeration(&self, inner: &str, tokens: &[Token<'_>], s: usize, e: usize) -> bool {
        let n = inner.chars().count();
        // Tokens are in text order: find the ones inside the quotation by binary search.
        let from = tokens.partition_point(|t| t.start < s);
        let to = tokens.partition_point(|t| t.end <= e).max(from);
        let inside = &tokens[from..to];
        (3..=8).contains(&n)
            && inner.chars().all(crate::text::is_han)
            && !inside.is_empty()
            && inside.iter().all(|t| t.word.chars().count() == 1)
    }

    /// Normalised form mapped to the reference list's canonical form when it is a known variant.
    pub fn canonical(&self, surface: &str) -> String {
        let n = normalise(surface);
        self.variants.get(&n).cloned().unwrap_or(n)
    }
}

/// What the quotations of a field gave: formulations, and the spans (character offsets) of quotations that name a
/// problem, inside which nothing counts as a formula.
struct Quotations {
    hits: Vec<Hit>,
    problems: Vec<std::ops::Range<u32>>,
}

/// A known formulation completed by the characters right after a quotation of its beginning (“三权”分置).
struct Completion {
    canonical: String,
    suffix_bytes: usize,
}

/// A numeral followed by a magnitude (十四亿, 三千万): an amount.
fn double_numeral_amount(inner: &str, magnitudes: &str) -> bool {
    let chars: Vec<char> = inner.chars().collect();
    chars.windows(2).any(|w| NUMERALS.contains(w[0]) && w[0] != '十' && magnitudes.contains(w[1]))
}

/// Three or more items of the same length separated by 、 or ，(讲政治、重公道、业务精、作风好).
fn parallel(inner: &str) -> bool {
    let items: Vec<usize> = inner.split(['、', '，']).map(|i| i.chars().count()).collect();
    items.len() >= 3 && items[0] >= 2 && items.iter().all(|&n| n == items[0])
}

/// What precedes a run of quotations joined by 、 (避免“一哄而上、一事一端”、“僵尸”): the text before the first.
fn before_run(before: &str) -> &str {
    let mut rest = before;
    loop {
        let trimmed = rest.trim_end_matches('、');
        match trimmed.strip_suffix('”').and_then(|t| t.rfind('“').map(|open| &t[..open])) {
            Some(earlier) if trimmed.len() < rest.len() => rest = earlier,
            _ => return rest,
        }
    }
}

/// What follows a run of quotations joined by 、 (“雷人雷语”、“不互动无服务”等现象): the text after the last.
fn after_run(after: &str) -> &str {
    let mut rest = after;
    loop {
        let Some(next) = rest.strip_prefix('、').and_then(|t| t.strip_prefix('“')) else { return rest };
        match next.find('”') {
            Some(close) => rest = &next[close + '”'.len_utf8()..],
            None => return rest,
        }
    }
}

/// Normalise a surface form: no quotation marks or spaces, full-width letters and digits made half-width.
pub fn normalise(surface: &str) -> String {
    surface
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」') && !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' if c.is_alphanumeric() || c == '＋' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Byte spans of the insides of “…” quotations (outermost pairs).
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => open = Some(i + c.len_utf8()),
            '”' => {
                if let Some(s) = open.take() {
                    spans.push((s, i));
                }
            }
            _ => {}
        }
    }
    spans
}

/// Starts with a numeral and a measure or a word: 两个维护, 四风, 三抓.
fn is_numbered(canonical: &str) -> bool {
    let mut chars = canonical.chars();
    chars.next().is_some_and(|c| NUMERALS.contains(c) || c == '双') && chars.next().is_some_and(crate::text::is_han)
}

/// Two numeral–word pairs: 四抓四度, 六稳六保, 三破三立, 五比对一提交; with 一 first only the four-character
/// 一X一Y shape (一村一策), since 一 is also the article “a”.
fn double_numeral(s: &str, units: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    // A numeral followed by a magnitude, calendar or measure unit is a number or a date (三万九千, 八月一日).
    let unit_after = chars.windows(2).any(|w| NUMERALS.contains(w[0]) && units.contains(w[1]));
    // 一代一代, 一步一步: a word said twice is emphasis, not a formula.
    let half = chars.len() / 2;
    let repeated = chars.len().is_multiple_of(2) && chars[..half] == chars[half..];
    if unit_after || repeated {
        return false;
    }
    let numeral_at: Vec<usize> =
        chars.iter().enumerate().filter(|(_, c)| NUMERALS.contains(**c)).map(|(i, _)| i).collect();
    let shape = (4..=6).contains(&chars.len())
        && numeral_at.len() == 2
        && numeral_at[0] == 0
        && (2..=3).contains(&numeral_at[1])
        && chars.len() - numeral_at[1] - 1 <= 2
        && chars.len() > numeral_at[1] + 1;
    shape && (chars[0] != '一' || (chars.len() == 4 && chars[2] == '一'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_numbered("两个维护") && is_numbered("四风") && !is_numbered("放管服"));
        let units = "十百千万亿年月日号时";
        let d = |s: &str| double_numeral(s, units);
        assert!(d("四抓四度") && d("六稳六保") && d("五比对一提交"));
        assert!(!d("三个强化") && !d("一把手"));
        assert!(d("一村一策") && !d("一周她已经有一天") && !d("一至四级"));
        assert!(!d("三万九千") && !d("八月一日") && !d("七月至九月") && !d("四年八月") && !d("十亿三千万"));
        assert!(!d("一代一代"));
        assert_eq!(normalise("“ＡＢＣ两个 维护”"), "ABC两个维护");
        assert_eq!(quoted_spans("突出“快”字，“两个维护”"), [(9, 12), (24, 36)]);
    }
}
