//! An article's date from its own text: date lines under the title or after the signature, dated subtitles
//! (——2019年3月5日在……上), record fields (成文日期：……), a full date in the title, the year of the document number
//! (〔2011〕35号) and a year in the file name — ranked in that order ([`DateSource`]), with the precision the text
//! gives. Masked dates (xxxx年, x月xx日) are unknown, not guessed; dates in running text are what a document speaks
//! of, never its own date. Knowledge (labels, year range, mask characters) is in `data/dates.toml`.

use regex::Regex;
use serde::Deserialize;

use crate::lang::Text;
use crate::model::{
    Article, ArticleDate, BlockKind, DateEvidence, DatePrecision, DateSource, Evidence, MetaKind, TimeMention,
};
use crate::model::{Note, NoteKind};

/// The rules shipped in `data/dates.toml`.
pub const RULES: &str = include_str!("../../../../data/dates.toml");

#[derive(Debug, Deserialize)]
struct Rules {
    min_year: u16,
    max_year: u16,
    signed_labels: Vec<String>,
    published_labels: Vec<String>,
    mask_chars: String,
    zero_chars: String,
    event_window: usize,
    promulgation_words: Vec<String>,
    adoption_words: Vec<String>,
    approval_words: Vec<String>,
    revision_words: Vec<String>,
    effective_words: Vec<String>,
    edge_blocks: usize,
    date_share: f32,
    plan_followers: Vec<String>,
    plan_other_series: Vec<String>,
    plans: Vec<Plan>,
}

/// A five-year plan: its number and first year.
#[derive(Debug, Deserialize)]
struct Plan {
    number: u32,
    start: u16,
}

/// How a five-year plan is named in text.
#[derive(Debug)]
struct PlanName {
    /// 十四五.
    short: String,
    /// 第十四个五年 (计划 or 规划 follows).
    long: String,
    /// 2021-2025.
    value: String,
}

/// The event a date line records, in the order a document's own date is preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Promulgation,
    None,
    Adoption,
    Approval,
    Revision,
}

/// Dates articles from their text.
#[derive(Debug)]
pub struct DateTagger {
    rules: Rules,
    /// 2018年1月2日, 1927年3月, 2019年 (digits, full-width digits or masks).
    written: Regex,
    /// 一九二八年十月五日, 二○○五年八月.
    chinese: Regex,
    /// 2026-02-02, 2019.05.08, 2019/5/8.
    numeric: Regex,
    /// The year in a document number: 〔2011〕, [2011], （2011）.
    number_year: Regex,
    /// A run of digits (a year in a file name is a run of four).
    digit_run: Regex,
    /// The five-year plans' names.
    plans: Vec<PlanName>,
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    value: String,
    precision: DatePrecision,
    start: u32,
    end: u32,
    text: String,
}

/// What dating an article gives: its date, and a note when the text disagrees with itself.
#[derive(Debug, Default)]
pub struct Dated {
    /// The date, if the text gives one.
    pub date: Option<ArticleDate>,
    /// A [`NoteKind::DateConflict`] note when strong evidence disagrees.
    pub conflict: Option<Note>,
}

impl DateTagger {
    /// Build from the TOML rules.
    pub fn new(rules: &str) -> Result<DateTagger, String> {
        let rules: Rules = toml::from_str(rules).map_err(|e| format!("dates.toml: {e}"))?;
        let digit = format!("[0-9０-９{}]", regex::escape(&rules.mask_chars));
        let zero = regex::escape(&rules.zero_chars);
        let compile = |p: &str| Regex::new(p).map_err(|e| format!("dates.toml: {e}"));
        Ok(DateTagger {
            written: compile(&format!(
                r"(?:^|[^0-9０-９]){digit}{{4}}\s*年\s*(?:{digit}{{1,2}}\s*月\s*(?:{digit}{{1,2}}\s*[日号])?)?"
            ))?,
            chinese: compile(&format!(
                r"[{zero}一二三四五六七八九]{{4}}\s*年\s*(?:[一二三四五六七八九十]{{1,3}}\s*月\s*(?:[一二三四五六七八九十]{{1,3}}\s*日)?)?"
            ))?,
            numeric: compile(r"(?:^|[^0-9])[0-9]{4}([-./／])[0-9]{1,2}([-./／])[0-9]{1,2}(?:[^0-9]|$)")?,
            number_year: compile(r"[〔\[［(（]\s*((?:1[89]|20)[0-9]{2})\s*[〕\]］)）]")?,
            digit_run: compile(r"[0-9]+")?,
            plans: rules
                .plans
                .iter()
                .map(|p| PlanName {
                    short: format!("{}五", numeral(p.number)),
                    long: format!("第{}个五年", numeral(p.number)),
                    value: format!("{}-{}", p.start, p.start + 4),
                })
                .collect(),
            rules,
        })
    }

    /// The date of `article` from its title, its metadata lines, its opening and closing lines and the file's name.
    pub fn tag(&self, article: &Article, file_name: &str) -> Dated {
        // Each candidate with its kind, the event it records and its place in reading order.
        let mut candidates: Vec<(DateSource, Event, usize, DateEvidence)> = Vec::new();
        let evidence = |source, block, found: Found| DateEvidence {
            source,
            value: found.value,
            at: Evidence { block, start: found.start, end: found.end, text: found.text },
        };
        if let Some(found) = self.first(&article.title).filter(|f| f.precision > DatePrecision::Year) {
            candidates.push((DateSource::Title, Event::None, 0, evidence(DateSource::Title, None, found)));
        }
        let n = article.blocks.len();
        for (i, block) in article.blocks.iter().enumerate() {
            let edge = i < self.rules.edge_blocks || i + self.rules.edge_blocks >= n;
            let line_kind = match (block.kind, block.meta) {
                (BlockKind::Meta, Some(kind)) => self.source_of(kind),
                (_, None) if edge => Some(DateSource::DateLine),
                _ => None,
            };
            let Some(line_kind) = line_kind else { continue };
            let dates = self.all(&block.text);
            for found in dates.iter().cloned() {
                let (before, after) = around(&block.text, &found);
                if self.starts_with_any(after.trim_start_matches(['起', ' ', '　']), &self.rules.effective_words)
                    || self.within(after, 12, &self.rules.effective_words)
                {
                    continue;
                }
                let event = self.event(after);
                let source = if let Some(labelled) = self.label_before(before) {
                    labelled
                } else if clock_follows(after) {
                    // A system's timestamp (签发于2013/8/22 13:52:33) records a posting, not the document.
                    DateSource::Published
                } else if block.kind != BlockKind::Meta
                    && !self.date_line(&block.text, &found, i < self.rules.edge_blocks, event)
                {
                    continue;
                } else {
                    line_kind
                };
                candidates.push((source, event, i + 1, evidence(source, Some(i as u32), found)));
            }
            if dates.is_empty()
                && block.meta == Some(MetaKind::DocNumber)
                && let Some(found) = self.number_year(&block.text)
            {
                let source = DateSource::DocumentNumber;
                candidates.push((source, Event::None, i + 1, evidence(source, Some(i as u32), found)));
            }
        }
        if candidates.is_empty()
            && let Some(found) = self.name_year(file_name)
        {
            candidates.push((DateSource::FileName, Event::None, 0, evidence(DateSource::FileName, None, found)));
        }
        // Strongest kind first; then the event preferred; then the first printed.
        candidates.sort_by_key(|(source, event, at, _)| (*source, *event, *at));
        let conflict = self.conflict(&candidates);
        let evidence: Vec<DateEvidence> = candidates.into_iter().map(|(_, _, _, e)| e).collect();
        let Some(best) = evidence.first() else { return Dated::default() };
        let date = ArticleDate { value: best.value.clone(), precision: precision_of(&best.value), evidence };
        Dated { date: Some(date), conflict }
    }

    /// The years and five-year plans an article's paragraphs and headings speak of, leaving out the dates that are
    /// evidence of its own `date`.
    pub fn mentions(&self, article: &Article, date: Option<&ArticleDate>) -> Vec<TimeMention> {
        let mut out: Vec<TimeMention> = Vec::new();
        let mut add = |value: &str, label: &str, at: Evidence| match out.iter_mut().find(|m| m.value == value) {
            Some(m) => m.count += 1,
            None => out.push(TimeMention { value: value.into(), label: label.into(), count: 1, at }),
        };
        let own = |block: usize, start: u32| {
            date.is_some_and(|d| d.evidence.iter().any(|e| e.at.block == Some(block as u32) && e.at.start == start))
        };
        for (b, block) in article.blocks.iter().enumerate() {
            if block.meta.is_some() || !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
                continue;
            }
            let text = &block.text;
            for f in self.all(text).into_iter().filter(|f| !own(b, f.start)) {
                let year = f.value[..4].to_string();
                add(&year, &year, Evidence { block: Some(b as u32), start: f.start, end: f.end, text: f.text });
            }
            for plan in &self.plans {
                for (at, len) in self.plan_mentions(text, plan) {
                    let start = text[..at].chars().count() as u32;
                    let end = start + text[at..at + len].chars().count() as u32;
                    let evidence = Evidence { block: Some(b as u32), start, end, text: text[at..at + len].to_string() };
                    add(&plan.value, &plan.short, evidence);
                }
            }
        }
        out
    }

    /// Byte offsets and lengths of the mentions of one plan in `text`: the long form, or the short one quoted or
    /// followed by a word of time (a longer plan's short name, 二十五 for 五, is not this one's).
    fn plan_mentions(&self, text: &str, plan: &PlanName) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (at, m) in text.match_indices(&plan.long) {
            out.push((at, m.len()));
        }
        for (at, m) in text.match_indices(&plan.short) {
            let before = text[..at].chars().next_back();
            let after = &text[at + m.len()..];
            if before.is_some_and(|c| "一二三四五六七八九十第".contains(c)) {
                continue;
            }
            let quoted =
                before.is_some_and(|c| "“‘「『\"".contains(c)) && after.starts_with(['”', '’', '」', '』', '"']);
            let unquoted = after.trim_start_matches(['”', '’', '」', '』', '"']);
            if self.rules.plan_other_series.iter().any(|w| unquoted.starts_with(w.as_str())) {
                continue;
            }
            let followed = self.rules.plan_followers.iter().any(|w| after.starts_with(w.as_str()));
            if quoted || followed {
                out.push((at, m.len()));
            }
        }
        out
    }

    /// Whether a date in running text at the edge of an article is a date line: the date fills most of the
    /// paragraph, or the paragraph opens with a dash and the date, or (under the title) the date records an event.
    fn date_line(&self, text: &str, found: &Found, opening: bool, event: Event) -> bool {
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count().max(1);
        let date = found.text.chars().filter(|c| c.is_alphanumeric()).count();
        let head = text.trim_start_matches(|c: char| c.is_whitespace() || "（(【[<".contains(c));
        date as f32 >= self.rules.date_share * letters as f32
            || (head.starts_with('—') && found.start as usize <= 3)
            || (opening && event != Event::None)
    }

    /// The event a date records, from the words after it.
    fn event(&self, after: &str) -> Event {
        // Within the clause: 至2017年6月30日，……统计部门公布的 dates no publication.
        let window: String =
            after.chars().take(self.rules.event_window).take_while(|c| !"，。；,;！？".contains(*c)).collect();
        // The nearest event word names the date's event (…通过　2016年9月29日…批准: the first date was adopted).
        let groups = [
            (Event::Promulgation, &self.rules.promulgation_words),
            (Event::Adoption, &self.rules.adoption_words),
            (Event::Approval, &self.rules.approval_words),
            (Event::Revision, &self.rules.revision_words),
        ];
        groups
            .iter()
            .filter_map(|(event, words)| {
                words.iter().filter_map(|w| window.find(w.as_str())).min().map(|at| (at, *event))
            })
            .min()
            .map_or(Event::None, |(_, event)| event)
    }

    /// A record label right before a date (发布日期：2018-12-27, 成文日期 2019年5月8日).
    fn label_before(&self, before: &str) -> Option<DateSource> {
        let tail: String = {
            let chars: Vec<char> = before.trim_end_matches([' ', '　', '：', ':']).chars().collect();
            chars[chars.len().saturating_sub(6)..].iter().collect()
        };
        let ends = |labels: &[String]| labels.iter().any(|l| tail.ends_with(l.as_str()));
        if ends(&self.rules.signed_labels) {
            Some(DateSource::SignedField)
        } else if ends(&self.rules.published_labels) {
            Some(DateSource::Published)
        } else {
            None
        }
    }

    fn starts_with_any(&self, text: &str, words: &[String]) -> bool {
        words.iter().any(|w| text.starts_with(w.as_str()))
    }

    fn within(&self, text: &str, chars: usize, words: &[String]) -> bool {
        let window: String = text.chars().take(chars).collect();
        words.iter().any(|w| window.contains(w.as_str()))
    }

    /// The kind of date evidence a metadata line of this kind gives, if any (a label before the date overrides it).
    fn source_of(&self, kind: MetaKind) -> Option<DateSource> {
        match kind {
            MetaKind::Source => Some(DateSource::Published),
            MetaKind::Date | MetaKind::Subtitle | MetaKind::Issuer | MetaKind::DocNumber | MetaKind::Record => {
                Some(DateSource::DateLine)
            }
            MetaKind::Number | MetaKind::Volume | MetaKind::Separator | MetaKind::Attachment => None,
        }
    }

    /// The first well-formed, unmasked date in `text`.
    fn first(&self, text: &str) -> Option<Found> {
        self.all(text).into_iter().next()
    }

    /// Every well-formed, unmasked date in `text`, in order.
    fn all(&self, text: &str) -> Vec<Found> {
        let mut all: Vec<Found> = Vec::new();
        for m in self.written.find_iter(text).chain(self.chinese.find_iter(text)) {
            all.extend(self.read(text, m.start(), m.as_str()));
        }
        for m in self.numeric.find_iter(text) {
            all.extend(self.read_numeric(text, m.start(), m.as_str()));
        }
        all.sort_by_key(|f| f.start);
        all
    }

    /// A 年/月/日 expression (digits or Chinese numerals) at byte `at`.
    fn read(&self, text: &str, at: usize, matched: &str) -> Option<Found> {
        // The pattern may take one character before the year (to refuse longer numbers): skip it.
        let skip = matched.char_indices().find(|(_, c)| self.is_year_char(*c)).map_or(0, |(i, _)| i);
        let matched = &matched[skip..];
        let at = at + skip;
        let (year, rest) = matched.split_once('年')?;
        let year = self.year(year.trim())?;
        let (month, day) = match rest.split_once('月') {
            Some((m, d)) => (self.small(m.trim()), d.split(['日', '号']).next().filter(|_| d.contains(['日', '号']))),
            None => (Err(()), None),
        };
        let (value, precision, consumed) = match month {
            Ok(m) if (1..=12).contains(&m) => match day.map(|d| self.small(d.trim())) {
                Some(Ok(d)) if (1..=days_in(year, m)).contains(&d) => {
                    (format!("{year:04}-{m:02}-{d:02}"), DatePrecision::Day, matched)
                }
                _ => (format!("{year:04}-{m:02}"), DatePrecision::Month, upto(matched, '月')),
            },
            // A masked or missing month: the year is all the text says.
            _ => (format!("{year:04}"), DatePrecision::Year, upto(matched, '年')),
        };
        Some(found(text, at, consumed, value, precision))
    }

    /// A numeric date (2026-02-02, 2019.05.08) at byte `at`.
    fn read_numeric(&self, text: &str, at: usize, matched: &str) -> Option<Found> {
        let skip = matched.char_indices().find(|(_, c)| c.is_ascii_digit()).map_or(0, |(i, _)| i);
        let body = matched[skip..].trim_end_matches(|c: char| !c.is_ascii_digit());
        let parts: Vec<u32> = body
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        let [year, m, d] = parts[..] else { return None };
        let year = u16::try_from(year).ok().filter(|y| (self.rules.min_year..=self.rules.max_year).contains(y))?;
        if !(1..=12).contains(&m) || !(1..=days_in(year, m)).contains(&d) {
            return None;
        }
        Some(found(text, at + skip, body, format!("{year:04}-{m:02}-{d:02}"), DatePrecision::Day))
    }

    fn is_year_char(&self, c: char) -> bool {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || self.rules.mask_chars.contains(c)
            || self.rules.zero_chars.contains(c)
            || "一二三四五六七八九".contains(c)
    }

    /// A four-digit year in digits or Chinese numerals, within the rules' range; `None` when masked.
    fn year(&self, s: &str) -> Option<u16> {
        let digits: Option<String> = s.chars().map(|c| self.digit(c)).collect();
        let year: u16 = digits?.parse().ok()?;
        (self.rules.min_year..=self.rules.max_year).contains(&year).then_some(year)
    }

    /// One digit: ASCII, full-width or a Chinese numeral; `None` for a mask or anything else.
    fn digit(&self, c: char) -> Option<char> {
        match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
            _ if self.rules.zero_chars.contains(c) => Some('0'),
            _ => "一二三四五六七八九".chars().position(|d| d == c).and_then(|i| char::from_digit(i as u32 + 1, 10)),
        }
    }

    /// A month or day number: digits or Chinese numerals (十, 十二, 二十三); `Err` when masked or malformed.
    fn small(&self, s: &str) -> Result<u32, ()> {
        if s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && !s.is_empty() {
            let digits: String = s.chars().filter_map(|c| self.digit(c)).collect();
            return digits.parse().map_err(|_| ());
        }
        crate::parse::marker::chinese_number(s).ok_or(())
    }

    /// The year of a document number, at year precision.
    fn number_year(&self, text: &str) -> Option<Found> {
        let c = self.number_year.captures(text)?;
        let m = c.get(1)?;
        let year: u16 = m.as_str().parse().ok()?;
        (self.rules.min_year..=self.rules.max_year)
            .contains(&year)
            .then(|| found(text, m.start(), m.as_str(), format!("{year:04}"), DatePrecision::Year))
    }

    /// The year a file name gives, when it gives exactly one.
    fn name_year(&self, name: &str) -> Option<Found> {
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        // Every run of exactly four digits (2018-2019 gives two, 20180102 none).
        let years: Vec<regex::Match<'_>> = self.digit_run.find_iter(stem).filter(|m| m.as_str().len() == 4).collect();
        let first = years.first()?;
        if years.iter().any(|y| y.as_str() != first.as_str()) {
            return None;
        }
        let year: u16 = first.as_str().parse().ok()?;
        (self.rules.min_year..=self.rules.max_year)
            .contains(&year)
            .then(|| found(stem, first.start(), first.as_str(), format!("{year:04}"), DatePrecision::Year))
    }

    /// A note when two date lines that name no event (or a record field and such a line) give different dates.
    fn conflict(&self, candidates: &[(DateSource, Event, usize, DateEvidence)]) -> Option<Note> {
        let strong: Vec<&DateEvidence> = candidates
            .iter()
            .filter(|(source, event, _, _)| *source <= DateSource::Title && *event == Event::None)
            .map(|(_, _, _, e)| e)
            .collect();
        let first = strong.first()?;
        let other = strong.iter().find(|e| !agree(&e.value, &first.value))?;
        let line = |e: &DateEvidence| e.at.text.clone();
        Some(Note::new(
            NoteKind::DateConflict,
            Text::new(
                format!(
                    "文中给出的日期不一致：{}（“{}”）与 {}（“{}”）；采用前者。",
                    first.value,
                    line(first),
                    other.value,
                    line(other)
                ),
                format!(
                    "The text gives different dates: {} (“{}”) and {} (“{}”); the first is used.",
                    first.value,
                    line(first),
                    other.value,
                    line(other)
                ),
            ),
        ))
    }
}

/// The text before and after a found date.
fn around<'t>(text: &'t str, found: &Found) -> (&'t str, &'t str) {
    let byte = |chars: u32| text.char_indices().nth(chars as usize).map_or(text.len(), |(i, _)| i);
    (&text[..byte(found.start)], &text[byte(found.end)..])
}

/// Whether a clock time follows (13:52:33): the date is a system's timestamp.
fn clock_follows(after: &str) -> bool {
    let t = after.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits) && t[digits..].starts_with(':')
}

/// Whether two ISO dates agree at the precision they share (2018 agrees with 2018-01-02).
fn agree(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

fn precision_of(value: &str) -> DatePrecision {
    match value.len() {
        4 => DatePrecision::Year,
        7 => DatePrecision::Month,
        _ => DatePrecision::Day,
    }
}

/// The text of `matched` up to and including `end`.
fn upto(matched: &str, end: char) -> &str {
    matched.find(end).map_or(matched, |i| &matched[..i + end.len_utf8()])
}

/// A found date at byte `at` of `text`, with character offsets.
fn found(text: &str, at: usize, consumed: &str, value: String, precision: DatePrecision) -> Found {
    let start = text[..at].chars().count() as u32;
    let consumed = consumed.trim_end();
    Found { value, precision, start, end: start + consumed.chars().count() as u32, text: consumed.to_string() }
}

/// A number from 1 to 99 in Chinese numerals, as plans are numbered (十四, 二十).
fn numeral(n: u32) -> String {
    const DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: u32| DIGITS[(d - 1) as usize].to_string();
    match n {
        1..=9 => digit(n),
        10 => "十".into(),
        11..=19 => format!("十{}", digit(n - 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", digit(n / 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

/// Days in a month of a year (Gregorian).
fn days_in(year: u16, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagger() -> DateTagger {
        DateTagger::new(RULES).expect("the shipped rules load")
    }

    fn article(title: &str, lines: &[(&str, Option<MetaKind>)]) -> Article {
        Article::of_lines(title, lines)
    }

    fn date(a: &Article, file: &str) -> Option<(String, DatePrecision, DateSource)> {
        tagger().tag(a, file).date.map(|d| (d.value.clone(), d.precision, d.evidence[0].source))
    }

    #[test]
    fn date_lines_in_every_numeral_system() {
        let cases = [
            ("（2018年1月2日）", "2018-01-02", DatePrecision::Day),
            ("（一九二八年十月五日）", "1928-10-05", DatePrecision::Day),
            ("(一九五○年六月六日)", "1950-06-06", DatePrecision::Day),
            ("（一九二七年三月）", "1927-03", DatePrecision::Month),
            ("二○○五年八月二十三日", "2005-08-23", DatePrecision::Day),
            ("２０１９年３月５日", "2019-03-05", DatePrecision::Day),
            ("时间：2026-02-02", "2026-02-02", DatePrecision::Day),
            ("2004年08月12日", "2004-08-12", DatePrecision::Day),
        ];
        for (line, value, precision) in cases {
            let a = article("关于某事的通知", &[(line, Some(MetaKind::Date)), ("正文。", None)]);
            let (v, p, _) = date(&a, "x.txt").unwrap_or_else(|| panic!("no date in {line}"));
            assert_eq!((v.as_str(), p), (value, precision), "{line}");
        }
    }

    #[test]
    fn masked_dates_are_unknown_and_body_dates_are_not_the_documents() {
        let masked = article("xx县工作总结", &[("xxxx年x月xx日", Some(MetaKind::Date)), ("2021年以来，我县……", None)]);
        assert_eq!(date(&masked, "x.txt"), None);
        let month_masked = article("总结", &[("2019年x月xx日", Some(MetaKind::Date))]);
        assert_eq!(date(&month_masked, "x.txt").map(|d| d.0), Some("2019".into()));
        let body = article("工作报告", &[("2021年以来，到2025年，十四五时期……", None)]);
        assert_eq!(date(&body, "report.txt"), None);
        let impossible = article("通知", &[("2019年2月30日", Some(MetaKind::Date))]);
        assert_eq!(date(&impossible, "x.txt").map(|d| d.1), Some(DatePrecision::Month));
    }

    #[test]
    fn years_and_plans_the_text_speaks_of_are_mentions_not_its_date() {
        let t = tagger();
        let a = article(
            "工作报告",
            &[
                ("（2022年3月5日）", None),
                ("2021年以来，“十四五”开局良好。到2035年基本实现现代化，二〇三五年远景目标。", None),
                ("十四五时期，2021年3月全面推进；第十三个五年规划胜利完成。", None),
                ("全年十五项任务，二十五个县，第十五批，xxxx年，“八五”普法规划。", None),
            ],
        );
        let dated = t.tag(&a, "r.txt");
        let mentions = t.mentions(&a, dated.date.as_ref());
        let got: Vec<(&str, &str, u32)> =
            mentions.iter().map(|m| (m.value.as_str(), m.label.as_str(), m.count)).collect();
        assert_eq!(
            got,
            [("2021", "2021", 2), ("2035", "2035", 2), ("2021-2025", "十四五", 2), ("2016-2020", "十三五", 1)],
            "the date line (2022) is the article's date, not a mention; 十五 as a count is no plan, nor 八五 of 普法"
        );
        let first = &mentions[2].at;
        assert_eq!((first.block, first.text.as_str()), (Some(1), "十四五"));
        assert_eq!(numeral(14), "十四");
        assert_eq!(numeral(20), "二十");
        assert_eq!(numeral(9), "九");
    }

    #[test]
    fn evidence_is_ranked_and_disagreement_is_noted() {
        let a = article(
            "关于推进某项工作的意见",
            &[
                ("国发〔2011〕35号", Some(MetaKind::DocNumber)),
                ("发布日期：2011年10月20日", Some(MetaKind::Record)),
                ("成文日期：2011年10月16日", Some(MetaKind::Record)),
                ("正文。", None),
            ],
        );
        assert_eq!(date(&a, "x.txt"), Some(("2011-10-16".into(), DatePrecision::Day, DateSource::SignedField)));
        let number_only = article("关于某事的通知", &[("国办发〔2013〕101号", Some(MetaKind::DocNumber))]);
        assert_eq!(date(&number_only, "x.txt"), Some(("2013".into(), DatePrecision::Year, DateSource::DocumentNumber)));
        let subtitle = article(
            "政府工作报告",
            &[("——2019年3月5日在第十三届全国人民代表大会第二次会议上", Some(MetaKind::Subtitle))],
        );
        assert_eq!(date(&subtitle, "x.txt").map(|d| d.0), Some("2019-03-05".into()));
        let signature = article("决定", &[("正文。", None), ("中共中央", None), ("2018年1月2日", None)]);
        assert_eq!(date(&signature, "x.txt").map(|d| d.2), Some(DateSource::DateLine));
        let two = article(
            "讲话",
            &[("（2018年1月2日）", Some(MetaKind::Date)), ("正文", None), ("（2019年5月6日）", Some(MetaKind::Date))],
        );
        let dated = tagger().tag(&two, "x.txt");
        assert_eq!(dated.date.map(|d| d.value), Some("2018-01-02".into()));
        assert!(dated.conflict.is_some_and(|n| n.message.en.contains("2019-05-06")));
        let history = article(
            "中华人民共和国某法",
            &[
                ("（2001年3月15日第九届全国人民代表大会第四次会议通过）", Some(MetaKind::Date)),
                ("（2009年8月27日修正）", Some(MetaKind::Date)),
            ],
        );
        let dated = tagger().tag(&history, "x.txt");
        assert_eq!(dated.date.map(|d| d.value), Some("2001-03-15".into()));
        assert!(dated.conflict.is_none(), "an adoption and a revision are two events, not a contradiction");
    }

    #[test]
    fn a_file_name_year_dates_only_what_the_text_does_not() {
        let a = article("政府工作报告", &[("正文。", None)]);
        assert_eq!(date(&a, "2018政府工作报告.txt"), Some(("2018".into(), DatePrecision::Year, DateSource::FileName)));
        assert_eq!(date(&a, "2018-2019汇编.txt"), None);
        assert_eq!(date(&a, "000_49cddca0a45cb7ff.txt"), None);
        let dated = article("政府工作报告", &[("（2019年1月2日）", Some(MetaKind::Date))]);
        assert_eq!(date(&dated, "2018政府工作报告.txt").map(|d| d.0), Some("2019-01-02".into()));
    }

    #[test]
    fn evidence_offsets_point_at_the_date() {
        let a = article("讲话", &[("——2024年3月5日在会议上", Some(MetaKind::Subtitle))]);
        let d = tagger().tag(&a, "x.txt").date.expect("dated");
        let e = &d.evidence[0].at;
        let text: String = a.blocks[0].text.chars().skip(e.start as usize).take((e.end - e.start) as usize).collect();
        assert_eq!(text, "2024年3月5日");
        assert_eq!(e.text, text);
    }
}
