//! Finding the compilation header and the article titles by scoring evidence.
//!
//! Every title-shaped line gets a score from independent pieces of evidence — blank lines around it (relative to how
//! the file separates paragraphs), the previous paragraph ending its sentence, a paragraph following, heading
//! numbering that restarts after it, parallel siblings that mark it as a section heading instead, a heading marker.
//! Lines scoring at least `title_threshold` start an article. No list of special cases, no hard-coded titles.

use crate::lang::Text;
use crate::model::{HeadingStyle, MetaKind};
use crate::parse::joins::Join;
use crate::parse::marker::Marker;
use crate::parse::rules::LayoutRules;
use crate::parse::units::{Regime, Unit};
use crate::text::punct;
use regex::Regex;
use std::sync::OnceLock;

/// The outline of a source: which units are header, which are article titles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// Unit index of the compilation's title line.
    pub header: Option<usize>,
    /// Further header units (a subtitle, a table of contents), in order.
    pub header_extra: Vec<usize>,
    /// Unit indices of article titles, ascending.
    pub titles: Vec<usize>,
    /// For each title, how many of the following units continue it (a title printed on two or three lines).
    pub title_lines: Vec<usize>,
    /// Where the first article starts when only metadata lines precede its title (a portal's catalogue record).
    pub first_lead: Option<usize>,
    /// First unit of content that precedes the first title and belongs to no titled article.
    pub untitled_start: Option<usize>,
    /// Heading numbering that restarts without a title to explain it: (unit index, message).
    pub irregular: Vec<(usize, Text)>,
}

/// The number of articles a header claims, e.g. `（24篇）` or `共12篇`.
pub fn declared_count(header: &str) -> Option<u32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?:[（(【\[] ?(?:共|计)? ?([0-9]{1,4}|[〇零一二三四五六七八九十两百]{1,6}) ?[篇件份则] ?[）)】\]])|(?:共 ?([0-9]{1,4}) ?[篇件份则])")
            .expect("constant regex")
    });
    let caps = re.captures(header)?;
    let digits = caps.get(1).or_else(|| caps.get(2))?.as_str();
    digits.parse().ok().or_else(|| chinese_count(digits))
}

fn chinese_count(s: &str) -> Option<u32> {
    if let Some((hundreds, rest)) = s.split_once('百') {
        let h = crate::parse::marker::chinese_number(hundreds)?;
        let r = if rest.is_empty() { 0 } else { crate::parse::marker::chinese_number(rest.trim_start_matches('零'))? };
        return Some(h * 100 + r);
    }
    crate::parse::marker::chinese_number(s)
}

/// Analyse the units of one source.
pub fn analyse(units: &[Unit], joins: &[Join], regime: Regime, rules: &LayoutRules) -> Structure {
    let mut structure = Structure::default();
    if units.is_empty() {
        return structure;
    }
    structure.header = detect_header(units, rules);
    let mut start = structure.header.map_or(0, |h| h + 1);
    if let Some(toc_end) = table_of_contents(units, start) {
        structure.header_extra.extend(start..toc_end);
        start = toc_end;
    }
    let series = title_series(units, start, rules);
    // When no line anywhere is set off by more blank lines than paragraphs are, blank lines carry no evidence and a
    // lone unmarked heading between paragraphs is more likely a title than a section heading.
    let blank_evidence = units[start..].iter().skip(1).any(|u| u.gap_before > regime.para_gap);
    let sequence = Sequence::of(units, joins, rules);
    let spans = (0..units.len())
        .map(|i| if units[i].title_shaped(rules) { continuation(units, i, regime.para_gap, rules) } else { 0 })
        .collect();
    let scorer = Scorer { units, joins, regime, rules, start, series, blank_evidence, sequence, spans };
    let mut titles: Vec<usize> =
        (start..units.len()).filter(|&i| scorer.candidate(i) && scorer.score(i) >= rules.title_threshold).collect();
    let (extra, irregular) = scorer.numbering_evidence(&titles);
    titles.extend(extra);
    titles.sort_unstable();
    titles.dedup();
    structure.irregular = irregular;

    // What precedes the first title: short lines join the header, running text is an article that lost its title.
    let first = titles.first().map_or(units.len(), |&t| leading_meta(units, t).max(start));
    let preamble: Vec<usize> = (start..first).collect();
    let short = preamble.len() <= 3 && preamble.iter().all(|&i| units[i].chars <= rules.title_max_chars);
    if !preamble.is_empty() && !titles.is_empty() && preamble.iter().all(|&i| units[i].meta.is_some()) {
        structure.first_lead = Some(start);
    } else if !preamble.is_empty() {
        if short && !titles.is_empty() && structure.header.is_some() {
            structure.header_extra.extend(preamble);
        } else if titles.is_empty() && scorer.candidate(start) {
            // A single article: its first line is its title.
            titles.push(start);
        } else {
            structure.untitled_start = Some(start);
        }
    }
    // A title printed on several lines is one title; a title-shaped line that follows a title with nothing but
    // metadata in between, and is no more set apart than the title itself, is its subtitle, not a new document.
    let mut kept: Vec<usize> = Vec::with_capacity(titles.len());
    let mut lines: Vec<usize> = Vec::with_capacity(titles.len());
    for &t in &titles {
        if let (Some(&prev), Some(&span)) = (kept.last(), lines.last()) {
            let after_prev = prev + 1 + span;
            let only_meta = (after_prev..t).all(|i| units[i].meta.is_some());
            let introduced = matches!(
                t.checked_sub(1).and_then(|i| units[i].meta),
                Some(MetaKind::Number | MetaKind::Volume | MetaKind::DocNumber)
            );
            if t < after_prev || (only_meta && !introduced && units[t].gap_before <= units[prev].gap_before) {
                continue;
            }
        }
        kept.push(t);
        lines.push(scorer.spans[t]);
    }
    structure.titles = kept;
    structure.title_lines = lines;
    structure
}

/// How many units after title `t` continue it: lines up to one that ends with a genre word, when the title has
/// none (国务院办公厅关于推进 / 政务新媒体健康有序发展的意见; three lines at most), a line after a title ending in a word
/// that needs more (…关于 / …), or a second title line right before a subtitle or date (高举……旗帜 / 为……奋斗 /
/// ——在……上的报告).
fn continuation(units: &[Unit], t: usize, para_gap: u32, rules: &LayoutRules) -> usize {
    let genre = |text: &str| rules.genre_endings.iter().any(|g| text.ends_with(g.as_str()));
    let title = &units[t];
    if genre(&title.text) && title.balanced {
        return 0;
    }
    // A title line may open a bracket that a following line closes (…《中华人民共和国药品管理法 / 实施条例》…的决定):
    // each part is judged on its own shape, balance on the lines together.
    let part = |i: usize| {
        units.get(i).filter(|u| {
            u.marker.is_none()
                && u.meta.is_none()
                && u.chars <= rules.title_max_chars
                && !u.ends_sentence
                && !u.inner_stop
                && u.gap_before <= para_gap + 1
        })
    };
    // Balanced together: trivially when every line is; else check the lines joined (built only then).
    let balanced_through = |n: usize| {
        let lines = &units[t..=t + n];
        lines.iter().all(|u| u.balanced) || punct::balanced(&lines.iter().map(|u| u.text.as_str()).collect::<String>())
    };
    let mut chars = title.chars;
    for n in 1..=2 {
        let Some(next) = part(t + n) else { break };
        chars += next.chars;
        if chars > rules.title_max_chars + 30 {
            break;
        }
        if genre(&next.text) && balanced_through(n) {
            return n;
        }
    }
    if !title.balanced {
        return 0;
    }
    let dangling = rules.dangling_endings.iter().any(|d| title.text.ends_with(d.as_str()));
    let before_subtitle =
        matches!(units.get(t + 2).and_then(|u| u.meta), Some(MetaKind::Subtitle | MetaKind::Date | MetaKind::Issuer));
    let heading_part = part(t + 1).is_some_and(|u| u.heading_shaped(rules) && u.title_shaped(rules));
    usize::from(heading_part && (dangling || before_subtitle))
}

/// The first unit of the run of number, volume and document-number lines right before unit `title`.
pub fn leading_meta(units: &[Unit], title: usize) -> usize {
    let mut at = title;
    while at > 0 && matches!(units[at - 1].meta, Some(MetaKind::Number | MetaKind::Volume | MetaKind::DocNumber)) {
        at -= 1;
    }
    at
}

fn detect_header(units: &[Unit], rules: &LayoutRules) -> Option<usize> {
    let first = units.first()?;
    if units.len() < 2 || first.chars > 80 || first.ends_sentence || first.inner_stop || first.marker.is_some() {
        return None;
    }
    let mut score = 0.0;
    if rules.header_words.iter().any(|w| first.text.contains(w.as_str())) {
        score += 2.0;
    }
    if declared_count(&first.text).is_some() {
        score += 3.0;
    }
    if first.gap_after >= 2 {
        score += 1.0;
    }
    // Two title-like lines before any paragraph: the first names the compilation, the second the first article.
    let next_title_like = units[1].chars <= rules.title_max_chars && !units[1].ends_sentence;
    if next_title_like && units.get(2).is_some_and(|u| u.ends_sentence || u.chars > rules.title_max_chars) {
        score += 1.0;
    }
    (score >= 3.0).then_some(0)
}

/// A table of contents right after the header: a `目录` line followed by entries that reappear as titles later.
/// Returns the index of the first unit after it.
fn table_of_contents(units: &[Unit], start: usize) -> Option<usize> {
    let head = units.get(start)?;
    if head.text.replace(' ', "") != "目录" {
        return None;
    }
    let first_entry = units.get(start + 1)?;
    let key = toc_key(&first_entry.text);
    let again = (start + 2..units.len()).find(|&i| toc_key(&units[i].text) == key)?;
    Some(again)
}

/// A TOC entry without its page number and leader dots.
fn toc_key(text: &str) -> String {
    text.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | ' ' | '-' | '—')).to_string()
}

/// A numbering style that runs over the whole source without restarting, starting at 1 right where the content
/// starts: the articles themselves are numbered (“一、xx市：……”, “1. xx县……”).
fn title_series(units: &[Unit], start: usize, rules: &LayoutRules) -> Option<HeadingStyle> {
    let first = units.get(start)?;
    let m = first.marker?;
    if m.ordinal != Some(1) || !first.title_shaped(rules) {
        return None;
    }
    let mut last = 0;
    let mut count = 0;
    for u in &units[start..] {
        if let Some(Marker { style, ordinal: Some(n), .. }) = u.marker
            && style == m.style
            && u.title_shaped(rules)
        {
            if n <= last {
                return None;
            }
            last = n;
            count += 1;
        }
    }
    // Other headings must live between the numbered lines, or they are just the sections of one article.
    let other_markers = units[start..].iter().filter(|u| u.marker.is_some_and(|o| o.style != m.style)).count();
    (count >= 2 && other_markers > 0).then_some(m.style)
}

/// Rank of a numbered heading style in the usual hierarchy (1 = top); `None` for styles that do not nest.
fn rank(style: HeadingStyle) -> Option<u8> {
    match style {
        HeadingStyle::ChineseNumber | HeadingStyle::Ordinal => Some(1),
        HeadingStyle::ParenChineseNumber => Some(2),
        HeadingStyle::ArabicNumber => Some(3),
        HeadingStyle::ParenArabicNumber => Some(4),
        _ => None,
    }
}

struct Scorer<'a> {
    units: &'a [Unit],
    joins: &'a [Join],
    regime: Regime,
    rules: &'a LayoutRules,
    start: usize,
    series: Option<HeadingStyle>,
    blank_evidence: bool,
    sequence: Sequence,
    /// For every title-shaped unit, how many following units continue it as one title (0 for the others).
    spans: Vec<usize>,
}

/// A numbered heading: its style and ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Numbered {
    style: HeadingStyle,
    ordinal: u32,
}

/// For every unit, the nearest numbered heading before and after it, to see whether a line sits inside one running
/// sequence of section headings (一、… 二、… | this line | 三、…): then it is a section's heading, not a new document.
#[derive(Debug, Clone, Default)]
struct Sequence {
    before: Vec<Option<Numbered>>,
    after: Vec<Option<Numbered>>,
}

impl Sequence {
    fn of(units: &[Unit], joins: &[Join], rules: &LayoutRules) -> Self {
        let numbered = |i: usize| -> Option<Numbered> {
            let u = &units[i];
            let m = u.marker?;
            rank(m.style)?;
            (u.heading_shaped(rules) && joins[i] == Join::No)
                .then_some(Numbered { style: m.style, ordinal: m.ordinal? })
        };
        let mut before = vec![None; units.len()];
        let mut last = None;
        for (i, slot) in before.iter_mut().enumerate() {
            *slot = last;
            if let Some(n) = numbered(i) {
                last = Some(n);
            }
        }
        let mut after = vec![None; units.len()];
        let mut next = None;
        for i in (0..units.len()).rev() {
            after[i] = next;
            if let Some(n) = numbered(i) {
                next = Some(n);
            }
        }
        Sequence { before, after }
    }

    /// The numbered headings around unit `i` continue one another (二、 before, 三、 after).
    fn continues_across(&self, i: usize) -> bool {
        matches!((self.before[i], self.after[i]), (Some(b), Some(a)) if a.style == b.style && a.ordinal == b.ordinal + 1)
    }
}

impl Scorer<'_> {
    fn candidate(&self, i: usize) -> bool {
        let u = &self.units[i];
        let series_item = self.series.is_some() && u.marker.map(|m| m.style) == self.series;
        u.title_shaped(self.rules)
            && self.joins[i] != Join::Strong
            && (u.marker.is_none() || series_item)
            && self.joins.get(i + 1) != Some(&Join::Strong)
    }

    /// The evidence that unit `i` starts an article, without numbering evidence.
    fn score(&self, i: usize) -> f32 {
        let u = &self.units[i];
        let para_gap = self.regime.para_gap;
        let mut score = 0.0;
        if i == self.start {
            score += 3.0;
        } else {
            let extra_before = u.gap_before.saturating_sub(para_gap);
            if extra_before >= 1 {
                score += 2.0 + 0.5 * (extra_before - 1).min(2) as f32;
            }
            let prev = &self.units[i - 1];
            if prev.ends_sentence {
                score += 1.0;
            } else if prev.heading_shaped(self.rules) {
                // Right after another heading-like line: a subtitle or a two-line heading, not a new article.
                score -= 1.5;
            }
        }
        // What follows is judged after the whole title when it is printed on several lines.
        let last = i + self.spans[i];
        if self.units[last].gap_after.saturating_sub(para_gap) >= 1 {
            score += 1.0;
        }
        match self.units.get(last + 1) {
            Some(next) if next.ends_sentence || next.chars > self.rules.title_max_chars => score += 1.0,
            Some(next) if next.marker.is_some() => score += 0.5,
            Some(_) => {}
            None => score -= 3.0, // nothing follows: a closing line, not a title
        }
        if self.series.is_some() && u.marker.map(|m| m.style) == self.series {
            score += 3.0;
        }
        // Metadata around the line: a number, volume or document-number line right before it starts a document, a
        // source line or separator right before it ended the previous one, a date, subtitle or issuer right under it
        // belongs to a title.
        if i > self.start {
            score += match self.units[i - 1].meta {
                Some(MetaKind::Number | MetaKind::Volume | MetaKind::DocNumber) => 3.0,
                Some(MetaKind::Source | MetaKind::Separator) => 2.0,
                _ => 0.0,
            };
        }
        if let Some(MetaKind::Date | MetaKind::Subtitle | MetaKind::DocNumber | MetaKind::Issuer) =
            self.units.get(last + 1).and_then(|n| n.meta)
        {
            score += 1.5;
        }
        // Inside one running sequence of numbered section headings: a heading of that document, not a new one.
        if self.sequence.continues_across(i) {
            score -= 4.0;
        }
        if u.chars > 40 {
            score -= 1.0;
        }
        if !u.balanced {
            score -= 1.0;
        }
        if self.has_siblings(i) {
            score -= 2.0;
        } else if !self.blank_evidence && u.marker.is_none() {
            score += 1.0;
        }
        score
    }

    /// Parallel, similarly shaped short lines nearby: the line is one of a series of section headings.
    fn has_siblings(&self, i: usize) -> bool {
        let u = &self.units[i];
        let shape = punct::shape(&u.text);
        let first = u.text.chars().next();
        let last = u.text.chars().last();
        let lo = i.saturating_sub(12);
        let hi = (i + 12).min(self.units.len() - 1);
        (lo..=hi).filter(|&j| j != i).any(|j| {
            let v = &self.units[j];
            v.marker.is_none()
                && self.joins[j] == Join::No
                && v.heading_shaped(self.rules)
                && punct::shape(&v.text) == shape
                && v.chars.abs_diff(u.chars) <= 3
                && (shape != "H" || v.text.chars().next() == first || v.text.chars().last() == last)
        })
    }

    /// Numbered headings (一、 …) that restart at 1 within what would be one article show that a new article began
    /// in between; the best title-shaped line in that stretch becomes its title. Returns the new titles and the
    /// restarts nothing could explain.
    fn numbering_evidence(&self, titles: &[usize]) -> (Vec<usize>, Vec<(usize, Text)>) {
        let mut added = Vec::new();
        let mut irregular = Vec::new();
        // Per rank: (ordinal, unit index) of the last heading of that rank in the current article.
        let mut last: [Option<(u32, usize)>; 5] = [None; 5];
        let mut boundary = self.start;
        for i in self.start..self.units.len() {
            if titles.binary_search(&i).is_ok() {
                last = [None; 5];
                boundary = i;
                continue;
            }
            let u = &self.units[i];
            let Some(Marker { style, ordinal: Some(n), .. }) = u.marker else { continue };
            let Some(r) = rank(style).map(usize::from) else { continue };
            if !u.heading_shaped(self.rules) || self.joins[i] != Join::No || Some(style) == self.series {
                continue;
            }
            if n == 1
                && let Some((prev_n, prev_i)) = last[r]
            {
                let higher_between = (1..r).any(|h| last[h].is_some_and(|(_, at)| at > prev_i));
                if prev_n >= 1 && !higher_between {
                    let best = (prev_i + 1..i)
                        .filter(|&c| c > boundary && self.candidate(c))
                        .map(|c| (c, self.score(c)))
                        .max_by(|a, b| a.1.total_cmp(&b.1));
                    match best {
                        Some((c, s)) if s + 3.0 >= self.rules.title_threshold => {
                            added.push(c);
                            boundary = c;
                        }
                        _ => irregular.push((
                            i,
                            Text::new(
                                format!(
                                    "小标题编号在“{}”处重新开始，却没有新标题：这里可能并入了两篇文章的文字，或丢了一个标题",
                                    u.text
                                ),
                                format!(
                                    "heading numbering starts again at “{}” without a new title: text of two articles may be merged here, or a title was lost",
                                    u.text
                                ),
                            ),
                        )),
                    }
                    last = [None; 5];
                }
            }
            last[r] = Some((n, i));
            for deeper in last.iter_mut().skip(r + 1) {
                *deeper = None;
            }
        }
        (added, irregular)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_counts() {
        assert_eq!(declared_count("关于作风建设工作经验交流材料汇编（24篇）"), Some(24));
        assert_eq!(declared_count("基层治理经验材料选编(共12篇)"), Some(12));
        assert_eq!(declared_count("乡村振兴典型案例（十五篇）"), Some(15));
        assert_eq!(declared_count("优秀范文汇编 共 8 篇"), Some(8));
        assert_eq!(declared_count("优秀范文汇编"), None);
        assert_eq!(declared_count("（一百零五篇）"), Some(105));
        assert_eq!(declared_count("行政法规汇编（3件）"), Some(3));
    }
}
