//! Assembling an article's units into blocks: headings (with levels) and paragraphs (with broken lines re-joined).

use crate::model::{Block, BlockKind, HeadingStyle};
use crate::parse::joins::Join;
use crate::parse::rules::LayoutRules;
use crate::parse::units::Unit;
use crate::text::placeholder::placeholder_spans;

/// The blocks of one article and the line numbers where a broken line was re-joined.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
    /// Lines that were appended to the line before them.
    pub rejoined: Vec<u32>,
}

/// Build the blocks of the units `range` (the article without its title).
pub fn build(units: &[Unit], joins: &[Join], range: std::ops::Range<usize>, rules: &LayoutRules) -> Body {
    let mut body = Body::default();
    let mut styles: Vec<HeadingStyle> = Vec::new();
    let (start, end) = (range.start, range.end);
    let mut k = start;
    while k < end {
        let u = &units[k];
        let continues = k > start && joins[k] != Join::No;
        if continues && let Some(last) = body.blocks.last_mut().filter(|b| b.kind == BlockKind::Paragraph) {
            append(&mut last.text, &u.text);
            last.lines[1] = u.line;
            body.rejoined.push(u.line);
            k += 1;
            continue;
        }
        if let Some(meta) = u.meta {
            body.blocks.push(Block::meta(meta, u.text.clone(), u.line));
        } else if let Some(style) = heading_style(units, joins, k, start, end, rules) {
            let mut text = u.text.clone();
            let mut last_line = u.line;
            if second_heading_line(units, k, end, rules) {
                let next = &units[k + 1];
                text.push(' ');
                text.push_str(&next.text);
                last_line = next.line;
                k += 1;
            }
            if !styles.contains(&style) {
                styles.push(style);
            }
            let level = styles.iter().position(|&s| s == style).map_or(1, |p| p as u8 + 1).min(4);
            body.blocks.push(Block::heading(text, level, style, [u.line, last_line]));
        } else {
            body.blocks.push(Block::paragraph(u.text.clone(), [u.line, u.line]));
        }
        k += 1;
    }
    for block in &mut body.blocks {
        block.placeholders = placeholder_spans(&block.text);
    }
    body
}

/// Join a continuation line: directly in Chinese text, with a space between two Latin letters or digits.
fn append(text: &mut String, next: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(text.chars().last()) && latin(next.chars().next()) {
        text.push(' ');
    }
    text.push_str(next);
}

/// The heading style of unit `k` if it stands as a heading inside its article.
fn heading_style(
    units: &[Unit],
    joins: &[Join],
    k: usize,
    start: usize,
    end: usize,
    rules: &LayoutRules,
) -> Option<HeadingStyle> {
    let u = &units[k];
    if !u.heading_shaped(rules) || joins.get(k + 1) == Some(&Join::Strong) && k + 1 < end {
        return None;
    }
    if let Some(m) = u.marker {
        return Some(m.style);
    }
    // An unmarked short line is a heading only between complete sentences, with something after it; a short line
    // closing the article is a signature or date.
    let after_break = k == start || units[k - 1].ends_sentence || units[k - 1].heading_shaped(rules);
    (k + 1 < end && after_break).then_some(HeadingStyle::Plain)
}

/// Whether unit `k + 1` is the second line of the heading at `k`: a short unmarked line right after it, followed by
/// running text (“一、项目为王” / “xx亿元工程落户园区”).
fn second_heading_line(units: &[Unit], k: usize, end: usize, rules: &LayoutRules) -> bool {
    if k + 2 >= end {
        return false;
    }
    let (head, next, then) = (&units[k], &units[k + 1], &units[k + 2]);
    next.gap_before == 0
        && next.marker.is_none()
        && !head.ends_sentence
        && next.heading_shaped(rules)
        && (then.ends_sentence || !then.heading_shaped(rules))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::joins::continuations;
    use crate::parse::units::regime;

    fn body(lines: &[&str]) -> Body {
        let units: Vec<Unit> =
            lines.iter().enumerate().map(|(i, t)| Unit::new(i as u32 + 1, t.to_string(), 0)).collect();
        let rules = LayoutRules::builtin();
        let joins = continuations(&units, regime(&units), rules);
        build(&units, &joins, 0..units.len(), rules)
    }

    fn kinds(body: &Body) -> Vec<(BlockKind, Option<u8>)> {
        body.blocks.iter().map(|b| (b.kind, b.level)).collect()
    }

    const P: &str = "今年以来，我县坚持问题导向，聚焦群众急难愁盼问题，扎实推进各项工作落地见效，取得了明显成效。";

    #[test]
    fn headings_get_levels_by_first_appearance() {
        let b = body(&["一、强化政治引领", P, "（一）抓学习", P, "（二）抓落实", P, "二、强化作风建设", P]);
        use BlockKind::*;
        assert_eq!(
            kinds(&b),
            [
                (Heading, Some(1)),
                (Paragraph, None),
                (Heading, Some(2)),
                (Paragraph, None),
                (Heading, Some(2)),
                (Paragraph, None),
                (Heading, Some(1)),
                (Paragraph, None)
            ]
        );
    }

    #[test]
    fn broken_lines_rejoin_and_two_line_headings_merge() {
        let b = body(&[
            "一、项目为王",
            "xx亿元工程落户园区",
            P,
            "全市开展作风建设专项整治，坚持问题导向，聚焦群众反映强烈的突出问题，持续深化以案促改，充分发挥各级纪检监",
            "察机关督促推动作用。",
            P,
        ]);
        assert_eq!(b.blocks[0].text, "一、项目为王 xx亿元工程落户园区");
        assert!(b.blocks[2].text.ends_with("纪检监察机关督促推动作用。"));
        assert_eq!(b.rejoined, [5]);
        assert_eq!(b.blocks[0].placeholders, [[7, 9]]);
    }

    #[test]
    fn closing_short_line_is_not_a_heading() {
        let b = body(&[P, "xx县委组织部"]);
        assert!(b.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}
