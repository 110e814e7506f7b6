//! Parsing one source file: decode → lines → noise → units → structure → articles, blocks and notes.
//!
//! The public surface is small: [`parse_bytes`] with its [`ParseOptions`] (the two rule sets, [`NoiseRules`] and
//! [`LayoutRules`]), and what it returns ([`ParsedSource`]). The stages are private to the parser; only the heading
//! markers are shared with the per-file summary.

mod blocks;
mod joins;
mod layout;
pub(crate) mod marker;
mod noise;
mod quality;
mod rules;
mod structure;
mod units;

pub use noise::{NoiseRules, RulesError};
pub use rules::LayoutRules;

use crate::decode::{Decoded, decode};
use crate::error::LoadError;
use crate::lang::Text;
use crate::model::{Article, MetaKind, Note, NoteKind, Source, SourceStats};
use joins::continuations;
use layout::{content_chars, normalise_line, split_lines};
use noise::repeated_lines;
use structure::{analyse, declared_count, leading_meta};
use units::{Unit, regime};

/// The rules the parser works with.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions<'a> {
    /// What counts as noise.
    pub noise: &'a NoiseRules,
    /// Layout knowledge (header words, length limits …).
    pub layout: &'a LayoutRules,
}

impl Default for ParseOptions<'static> {
    fn default() -> Self {
        ParseOptions { noise: NoiseRules::builtin(), layout: LayoutRules::builtin() }
    }
}

/// A line (or fragment) removed as noise.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// 1-based line number.
    pub line: u32,
    /// The removed text.
    pub text: String,
    /// Why it was judged noise.
    pub reasons: Vec<Text>,
}

/// One parsed source: its description, its articles, and a trace of what was kept and removed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSource {
    /// The source, with statistics and notes.
    pub source: Source,
    /// Its articles (with `source` set to 0; the corpus builder renumbers).
    pub articles: Vec<Article>,
    /// Whole lines and inline fragments removed as noise, in order.
    pub removed: Vec<Removed>,
    /// Header lines (the title line first, if any), verbatim.
    pub header_lines: Vec<String>,
}

impl ParsedSource {
    /// All content text the parser kept, in reading order: header lines, then each article's title and blocks.
    /// Together with [`ParsedSource::removed`] this accounts for every non-layout character of the input.
    pub fn kept_text(&self) -> String {
        let mut out = String::new();
        for line in &self.header_lines {
            out.push_str(line);
        }
        for article in &self.articles {
            // Lines printed before the title (an article number, an order header) come first.
            let before_title = |b: &&crate::model::Block| article.title_line.is_some_and(|t| b.lines[0] < t);
            for block in article.blocks.iter().filter(before_title) {
                out.push_str(&block.text);
            }
            out.push_str(&article.title);
            for block in article.blocks.iter().filter(|b| !before_title(b)) {
                out.push_str(&block.text);
            }
        }
        out
    }
}

/// The units of one article: its title unit (none for an untitled stretch), then its body `start..end`.
#[derive(Debug, Clone, Copy)]
struct UnitRange {
    title: Option<usize>,
    start: usize,
    end: usize,
}

/// Decode and parse a file's bytes.
pub fn parse_bytes(name: &str, bytes: &[u8], options: ParseOptions<'_>) -> Result<ParsedSource, LoadError> {
    let decoded = decode(bytes)?;
    parse_decoded(name, &decoded, bytes.len() as u64, options)
}

/// Parse text that is already decoded (the encoding is recorded as given).
pub fn parse_decoded(
    name: &str,
    decoded: &Decoded,
    bytes: u64,
    options: ParseOptions<'_>,
) -> Result<ParsedSource, LoadError> {
    let ParseOptions { noise, layout } = options;
    let lines = split_lines(&decoded.text);
    let repeated = repeated_lines(lines.iter().map(|l| l.text.as_str()));

    // Noise first: whole lines, then fragments inside content lines. Noise lines count as blank for layout.
    let mut removed = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut gap = 0u32;
    let mut inline_noise = 0u32;
    for line in &lines {
        if line.text.is_empty() {
            gap += 1;
            continue;
        }
        if let Some(verdict) = noise.judge(&line.text, repeated.contains_key(line.text.as_str())) {
            removed.push(Removed { line: line.no, text: line.text.clone(), reasons: verdict.reasons });
            gap += 1;
            continue;
        }
        let (kept, fragments) = noise.strip_inline(&line.text);
        inline_noise += fragments.len() as u32;
        for text in fragments {
            removed.push(Removed { line: line.no, text, reasons: vec![Text::new("行内标记", "inline marker")] });
        }
        let kept = normalise_line(&kept);
        if kept.is_empty() {
            gap += 1;
            continue;
        }
        if let Some(last) = units.last_mut() {
            last.gap_after = gap;
        }
        units.push(Unit::new(line.no, kept, gap).with_indent(line.indent).with_meta(layout));
        gap = 0;
    }
    if let Some(last) = units.last_mut() {
        last.gap_after = gap;
    }
    if units.is_empty() {
        return Err(if removed.is_empty() { LoadError::Empty } else { LoadError::OnlyNoise });
    }

    mark_authors(&mut units);
    let regime = regime(&units);
    let joins = continuations(&units, regime, layout);
    let structure = analyse(&units, &joins, regime, layout);
    let fingerprint = fingerprint(&decoded.text);

    let mut ranges: Vec<UnitRange> = Vec::new();
    if let Some(start) = structure.untitled_start {
        // Up to the first title's own number or order lines, which belong to its document.
        let end = structure.titles.first().map_or(units.len(), |&t| leading_meta(&units, t).max(start));
        ranges.push(UnitRange { title: None, start, end });
    }
    for (k, &t) in structure.titles.iter().enumerate() {
        let end = structure.titles.get(k + 1).map_or(units.len(), |&next| leading_meta(&units, next));
        let span = structure.title_lines.get(k).copied().unwrap_or(0);
        ranges.push(UnitRange { title: Some(t), start: (t + 1 + span).min(end.max(t + 1)), end });
    }

    let title_units: Vec<&Unit> = structure.titles.iter().map(|&t| &units[t]).collect();
    let mut truncation = quality::truncated_titles(&title_units, regime.para_gap, layout).into_iter();
    let mut articles = Vec::with_capacity(ranges.len());
    let mut rejoined_total = 0u32;
    for (ordinal, &UnitRange { title, start, end }) in ranges.iter().enumerate() {
        let ordinal = ordinal as u32 + 1;
        let body = blocks::build(&units, &joins, start..end, layout);
        rejoined_total += body.rejoined.len() as u32;
        let opening = match title {
            Some(t) if ordinal == 1 => structure.first_lead.unwrap_or_else(|| leading_meta(&units, t)),
            Some(t) => leading_meta(&units, t),
            None => start,
        };
        let mut body = body;
        if let Some(t) = title.filter(|&t| opening < t) {
            // Number, volume and order lines printed before the title belong to its document.
            let mut lead = blocks::build(&units, &joins, opening..t, layout).blocks;
            lead.append(&mut body.blocks);
            body.blocks = lead;
        }
        let first_line = title.map_or(units[start.min(units.len() - 1)].line, |t| units[opening.min(t)].line);
        let last_line = if end > start { units[end - 1].line } else { first_line };
        let mut article = Article {
            id: format!("{fingerprint}-{ordinal:02}"),
            source: 0,
            ordinal,
            // A title printed on several lines is joined without a separator, as Chinese titles are.
            title: title.map(|t| units[t..start].iter().map(|u| u.text.as_str()).collect()).unwrap_or_default(),
            doc_number: meta_text(&body.blocks, MetaKind::DocNumber),
            issuer: meta_text(&body.blocks, MetaKind::Issuer),
            blocks: body.blocks,
            lines: [first_line, last_line],
            title_line: title.map(|t| units[t].line),
            ..Article::default()
        };
        match title {
            None => article.notes.push(Note::at(
                NoteKind::Other,
                first_line,
                if structure.titles.is_empty() {
                    Text::new(
                        "这个文件中没有识别出标题，全文作为一篇无标题文章保留。",
                        "No title was recognised in this file; its text is kept as one untitled article.",
                    )
                } else {
                    Text::new(
                        "这段文字在第一个识别出的标题之前：它的标题（也许还有开头）在原文中缺失。",
                        "This text precedes the first recognised title: its title (and perhaps its beginning) is missing from the source.",
                    )
                },
            )),
            Some(t) => {
                if let Some(note) = truncation.next().flatten() {
                    article.notes.push(note);
                }
                let u = &units[t];
                if t > 0 && t != structure.header.map_or(usize::MAX, |h| h + 1) && u.gap_before <= regime.para_gap {
                    article.notes.push(Note::at(
                        NoteKind::UnseparatedTitle,
                        u.line,
                        Text::new(
                            "原文中这个标题前后没有空行；它是根据其他迹象识别的（前一句已结束、后接正文、编号重新开始）。",
                            "This title is not set apart by blank lines in the source; it was recognised from other evidence (the sentence before it ends, text follows, numbering starts again).",
                        ),
                    ));
                }
            }
        }
        article.notes.extend(quality::body_notes(&article, &body.rejoined, layout));
        for (at, message) in &structure.irregular {
            if (start..end).contains(at) {
                article.notes.push(Note::at(NoteKind::NumberingIrregular, units[*at].line, message.clone()));
            }
        }
        articles.push(article);
    }

    let header_lines: Vec<String> =
        structure.header.iter().chain(&structure.header_extra).map(|&i| units[i].text.clone()).collect();
    let title = structure.header.map(|h| units[h].text.clone());
    let declared = title.as_deref().and_then(declared_count);
    let found = articles.len() as u32;
    let content: u64 = units.iter().map(|u| content_chars(&u.text).count() as u64).sum();
    let mut source = Source {
        name: name.to_string(),
        encoding: decoded.encoding.to_string(),
        title,
        declared_count: declared,
        found_count: found,
        fingerprint,
        bytes,
        header: structure.header_extra.iter().map(|&i| units[i].text.clone()).collect(),
        stats: SourceStats {
            lines: lines.len() as u32,
            noise_lines: (removed.len() as u32).saturating_sub(inline_noise),
            inline_noise,
            rejoined_lines: rejoined_total,
            content_chars: content,
        },
        notes: Vec::new(),
    };
    source.notes = source_notes(&source, decoded, &removed, articles.iter().filter(|a| a.title.is_empty()).count());
    source.notes.extend(crate::file_summary::shape_note(&articles));
    Ok(ParsedSource { source, articles, removed, header_lines })
}

/// A name alone on the line under a subtitle or date (习近平 under ——在……上的报告) is the author: an issuer line.
fn mark_authors(units: &mut [Unit]) {
    for i in 1..units.len() {
        let after_subtitle = matches!(units[i - 1].meta, Some(MetaKind::Subtitle | MetaKind::Date));
        let name = (2..=4).contains(&units[i].chars) && units[i].text.chars().all(crate::text::is_han);
        if after_subtitle && name && units[i].meta.is_none() {
            units[i].meta = Some(MetaKind::Issuer);
        }
    }
}

/// The text of the first metadata block of a kind; several document-number lines (国务院令 / 第693号) are joined.
fn meta_text(blocks: &[crate::model::Block], kind: MetaKind) -> Option<String> {
    let first = blocks.iter().position(|b| b.meta == Some(kind))?;
    let run: Vec<&str> =
        blocks[first..].iter().take_while(|b| b.meta == Some(kind)).map(|b| field_value(&b.text)).collect();
    Some(run.join(" "))
}

/// The value of a catalogue-record field (发文字号：国发〔2018〕43号 → 国发〔2018〕43号); other lines as they are.
fn field_value(line: &str) -> &str {
    match line.split_once(['：', ':']) {
        Some((label, value)) if label.chars().count() <= 6 && !value.trim().is_empty() => value.trim(),
        _ => line,
    }
}

fn source_notes(source: &Source, decoded: &Decoded, removed: &[Removed], untitled: usize) -> Vec<Note> {
    let mut notes = Vec::new();
    if let Some(declared) = source.declared_count
        && declared != source.found_count
    {
        notes.push(Note::new(
            NoteKind::CountMismatch,
            Text::new(
                format!(
                    "卷首声明共 {declared} 篇，实际找到 {} 篇。请核对文章列表：原文中的标题可能缺失、合并或被拆开。",
                    source.found_count
                ),
                format!(
                    "The header declares {declared} articles; {} were found. Check the article list: titles may be missing, merged or split in the source.",
                    source.found_count
                ),
            ),
        ));
    }
    let stats = &source.stats;
    if stats.noise_lines > 0 || stats.inline_noise > 0 {
        let mut reasons: Vec<&Text> = removed.iter().flat_map(|r| r.reasons.iter()).collect();
        reasons.sort_unstable_by(|x, y| x.en.cmp(&y.en));
        reasons.dedup();
        let names =
            |zh: bool| reasons.iter().map(|r| if zh { r.zh.as_str() } else { r.en.as_str() }).collect::<Vec<_>>();
        let lines: Vec<u32> = removed.iter().map(|r| r.line).collect();
        let (noise, inline) = (stats.noise_lines, stats.inline_noise);
        notes.push(Note::at(
            NoteKind::NoiseRemoved,
            lines[0],
            Text::new(
                format!(
                    "去除了 {noise} 行噪声和 {inline} 处行内标记（{}），位于第 {} 行。",
                    names(true).join("、"),
                    line_ranges(&lines)
                ),
                format!(
                    "Removed {noise} noise line{} and {inline} inline marker{} ({}), on lines {}.",
                    plural(noise),
                    plural(inline),
                    names(false).join(", "),
                    line_ranges(&lines)
                ),
            ),
        ));
    }
    if stats.rejoined_lines > 0 {
        notes.push(Note::new(
            NoteKind::RejoinedLines,
            Text::new(
                format!("接合了 {} 处把句子断开的换行。", stats.rejoined_lines),
                format!(
                    "Re-joined {} line break{} that cut a sentence.",
                    stats.rejoined_lines,
                    plural(stats.rejoined_lines)
                ),
            ),
        ));
    }
    if untitled > 0 {
        notes.push(Note::new(
            NoteKind::Other,
            Text::new(
                format!("有 {untitled} 篇文章在原文中没有标题。"),
                format!("{untitled} article(s) have no title in the source."),
            ),
        ));
    }
    if decoded.replaced > 0 {
        notes.push(Note::new(
            NoteKind::DecodeReplaced,
            Text::new(
                format!("有 {} 个损坏的字符无法解码，已替换为 �。", decoded.replaced),
                format!("{} damaged character(s) could not be decoded and were replaced by �.", decoded.replaced),
            ),
        ));
    }
    if !decoded.bom && decoded.encoding.starts_with("UTF-16") {
        notes.push(Note::new(
            NoteKind::EncodingGuessed,
            Text::new(
                "UTF-16 文件没有字节顺序标记：字节顺序是推断的。",
                "UTF-16 without a byte-order mark: the byte order was guessed.",
            ),
        ));
    }
    if !source.header.is_empty() {
        notes.push(Note::new(
            NoteKind::Preamble,
            Text::new(
                format!("汇编标题后的 {} 行作为卷首保留，不算作文章。", source.header.len()),
                format!(
                    "{} line(s) after the compilation title were kept as header, not as an article.",
                    source.header.len()
                ),
            ),
        ));
    }
    notes
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `[3, 4, 5, 9]` → `"3–5, 9"`.
fn line_ranges(lines: &[u32]) -> String {
    let mut lines = lines.to_vec();
    lines.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] <= lines[j] + 1 {
            j += 1;
        }
        parts.push(if j > i { format!("{}–{}", lines[i], lines[j]) } else { lines[i].to_string() });
        i = j + 1;
    }
    parts.join(", ")
}

/// A short stable fingerprint of a text: 8 hex digits of its 64-bit FNV-1a hash.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_split_inside_a_book_title_is_one_title_before_its_document_number() {
        let text = "来源：http://www.gov.cn/zhengce/content/2018-12/29/content_1.htm\n==========\n\
                    国务院关于在海南博鳌乐城国际医疗旅游先行区\n暂时调整实施《中华人民共和国药品管理法\n\
                    实施条例》有关规定的决定\n国发〔2018〕43号\n各省、自治区、直辖市人民政府：\n\
                    为进一步支持海南省试点发展国际医疗旅游相关产业，国务院决定暂时调整实施有关规定。\n\
                    ==========\n国务院办公厅、中央军委办公厅\n关于加强对侵华日军遗弃化学武器\n调查和管理工作的通知\n\
                    国办发〔1996〕25号\n北京市、天津市人民政府：\n日本军国主义在侵华战争中使用化学武器。\n";
        let parsed = parse_bytes("t.txt", text.as_bytes(), ParseOptions::default()).expect("parses");
        let titles: Vec<&str> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定",
                "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知"
            ]
        );
        assert_eq!(parsed.articles[1].doc_number.as_deref(), Some("国办发〔1996〕25号"));
        assert_eq!(field_value("发文字号：国发〔2018〕43号"), "国发〔2018〕43号");
        assert_eq!(field_value("国务院令 第693号"), "国务院令 第693号");
        assert_eq!(parsed.articles[0].blocks[0].meta, Some(MetaKind::Source));
        check_conservation(text, &parsed).expect("nothing lost");
    }

    #[test]
    fn ranges_are_compact() {
        assert_eq!(line_ranges(&[3, 4, 5, 9, 11, 12]), "3–5, 9, 11–12");
        assert_eq!(line_ranges(&[7, 7]), "7");
    }

    #[test]
    fn fingerprints_are_stable_and_short() {
        assert_eq!(fingerprint("abc"), fingerprint("abc"));
        assert_ne!(fingerprint("abc"), fingerprint("abd"));
        assert_eq!(fingerprint("").len(), 8);
    }
}

/// Check the nothing-lost invariant for a parse of `text`: the content characters of the input, minus what was
/// removed as noise, equal the content characters the parser kept (header, titles, blocks), in order.
/// Returns a message locating the first difference. Used by tests, property tests and the fuzz target.
pub fn check_conservation(text: &str, parsed: &ParsedSource) -> Result<(), String> {
    let mut expected = String::new();
    let mut removed = parsed.removed.iter().peekable();
    for line in split_lines(text) {
        let mut rest = line.text.clone();
        while let Some(r) = removed.next_if(|r| r.line == line.no) {
            if r.text == line.text && rest == line.text {
                rest.clear();
            } else if let Some(at) = rest.find(&r.text) {
                rest.replace_range(at..at + r.text.len(), "");
            } else {
                return Err(format!("line {}: removed text {:?} is not in the line", line.no, r.text));
            }
        }
        expected.extend(content_chars(&rest));
    }
    if let Some(r) = removed.next() {
        return Err(format!("removed text on line {} was not met in order: {:?}", r.line, r.text));
    }
    let kept: String = content_chars(&parsed.kept_text()).collect();
    if kept == expected {
        return Ok(());
    }
    let at = kept.chars().zip(expected.chars()).take_while(|(a, b)| a == b).count();
    let around = |s: &str| s.chars().skip(at.saturating_sub(10)).take(30).collect::<String>();
    Err(format!(
        "kept text differs from input at character {at}: kept …{}… expected …{}… ({} vs {} characters)",
        around(&kept),
        around(&expected),
        kept.chars().count(),
        expected.chars().count()
    ))
}

#[cfg(test)]
mod conservation_tests {
    use super::*;

    const TEXT: &str = "基层治理经验汇编（2篇）\n\n\n网格治理的探索\n\n今年以来，xx县推行网格化管理。#paid#成效明显。\n\n\n党建引领的实践\n\n坚持党建引领，推动治理下沉。\n##paidend##\n";

    #[test]
    fn a_faithful_parse_passes() {
        let parsed = parse_bytes("t.txt", TEXT.as_bytes(), ParseOptions::default()).unwrap();
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(check_conservation(TEXT, &parsed), Ok(()));
    }

    #[test]
    fn losing_duplicating_or_reordering_is_caught() {
        let parsed = parse_bytes("t.txt", TEXT.as_bytes(), ParseOptions::default()).unwrap();
        let mut lost = parsed.clone();
        lost.articles[0].blocks[0].text.pop();
        assert!(check_conservation(TEXT, &lost).is_err());
        let mut doubled = parsed.clone();
        let copy = doubled.articles[0].blocks[0].clone();
        doubled.articles[0].blocks.push(copy);
        assert!(check_conservation(TEXT, &doubled).is_err());
        let mut swapped = parsed.clone();
        swapped.articles.swap(0, 1);
        assert!(check_conservation(TEXT, &swapped).is_err());
        let mut unremoved = parsed;
        unremoved.removed.clear();
        assert!(check_conservation(TEXT, &unremoved).is_err());
    }
}
