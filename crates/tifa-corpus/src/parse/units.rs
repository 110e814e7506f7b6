//! Content lines ("units") with the features the structure analysis reasons about, and the file's layout regime.

use crate::model::MetaKind;
use crate::parse::marker::{Marker, marker};
use crate::parse::rules::LayoutRules;
use crate::text::punct;

/// A non-blank content line and its features.
#[derive(Debug, Clone)]
pub struct Unit {
    /// 1-based line number in the normalised source.
    pub line: u32,
    /// The text (layout normalised, inline noise removed).
    pub text: String,
    /// Length in characters.
    pub chars: usize,
    /// Blank (or noise) lines since the previous unit; for the first unit, since the start of the file.
    pub gap_before: u32,
    /// Blank (or noise) lines until the next unit; for the last unit, until the end of the file.
    pub gap_after: u32,
    /// A heading marker at the start of the line.
    pub marker: Option<Marker>,
    /// Ends with a sentence stop.
    pub ends_sentence: bool,
    /// Paired quotes and brackets are balanced.
    pub balanced: bool,
    /// Contains a sentence stop before its end.
    pub inner_stop: bool,
    /// Leading layout of the source line, in columns (see [`crate::parse::layout::Line::indent`]).
    pub indent: u32,
    /// What the line says when it is a metadata line (a number, a document number, a date …).
    pub meta: Option<MetaKind>,
}

impl Unit {
    /// A unit from a line and the gaps around it.
    pub fn new(line: u32, text: String, gap_before: u32) -> Self {
        Unit {
            line,
            chars: text.chars().count(),
            marker: marker(&text),
            ends_sentence: punct::ends_sentence(&text),
            balanced: punct::balanced(&text),
            inner_stop: punct::has_inner_stop(&text),
            text,
            gap_before,
            gap_after: 0,
            indent: 0,
            meta: None,
        }
    }

    /// The same unit, recognised as a metadata line (or not) by the rules.
    pub fn with_meta(mut self, rules: &LayoutRules) -> Self {
        self.meta = rules.meta_kind(&self.text);
        self
    }

    /// The same unit, indented by `columns`.
    pub fn with_indent(mut self, columns: u32) -> Self {
        self.indent = columns;
        self
    }

    /// Indented like the first line of a paragraph (two columns or more).
    pub fn indented(&self) -> bool {
        self.indent >= 2
    }

    /// Shaped like a heading: short, one clause, balanced marks, not ending with a comma, a colon (各位代表：) or, when
    /// numbered, a semicolon or a long sentence (the items of a list: （一）责令停止相关活动；).
    pub fn heading_shaped(&self, rules: &LayoutRules) -> bool {
        let limit = if self.marker.is_some() { rules.marked_heading_max_chars } else { rules.heading_max_chars };
        let last = self.text.chars().last();
        let ends_ok = match self.marker {
            Some(_) => {
                let list_item = matches!(last, Some('；' | ';'))
                    || (matches!(last, Some('。' | '.')) && self.chars > rules.heading_max_chars / 2);
                !list_item
            }
            None => !self.ends_sentence,
        } && !matches!(last, Some('：' | ':'));
        self.meta.is_none()
            && self.chars <= limit
            && self.chars >= 2
            && ends_ok
            && !self.inner_stop
            && self.balanced
            && !punct::ends_open(&self.text)
    }

    /// Shaped like an article title: within title length, no sentence stop, not a sub-heading marker.
    pub fn title_shaped(&self, rules: &LayoutRules) -> bool {
        use crate::model::HeadingStyle::*;
        let marker_ok = match self.marker {
            None => true,
            Some(m) => matches!(m.style, ChineseNumber | ArabicNumber | Ordinal),
        };
        marker_ok
            && self.meta.is_none()
            && (rules.title_min_chars..=rules.title_max_chars).contains(&self.chars)
            && !self.ends_sentence
            && !self.inner_stop
            && !punct::ends_open(&self.text)
    }
}

/// How the file lays out paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regime {
    /// Blank lines usually found between two paragraphs (0: one line per paragraph; 1: blank-separated).
    pub para_gap: u32,
    /// Width at which the source hard-wrapped its lines, if it did.
    pub wrap: Option<usize>,
    /// Paragraphs begin with an indented line (two full-width spaces, as in typeset Chinese): an indented line starts
    /// a paragraph, an unindented one after it continues it.
    pub indented_paragraphs: bool,
}

/// Infer the layout regime from the units.
pub fn regime(units: &[Unit]) -> Regime {
    // Gaps between two consecutive paragraph-like lines tell how paragraphs are separated.
    let mut gaps = [0usize; 3];
    let wrap = wrap_width(units);
    // Look at what follows the end of a sentence: another line of running text right away (one line per
    // paragraph), or after a blank line (blank-separated paragraphs).
    for pair in units.windows(2) {
        let running_text =
            |u: &Unit| u.chars >= 16 && (u.ends_sentence || u.chars > 60 || wrap.is_some_and(|w| u.chars + 2 >= w));
        if pair[0].ends_sentence && pair[0].chars >= 16 && running_text(&pair[1]) {
            gaps[(pair[1].gap_before as usize).min(2)] += 1;
        }
    }
    let para_gap = if gaps[0] >= gaps[1] + gaps[2] {
        0
    } else if gaps[1] >= gaps[2] {
        1
    } else {
        2
    };
    // Lines of running text that end a sentence: if most are indented, indentation marks paragraphs.
    let running: Vec<&Unit> = units.iter().filter(|u| u.ends_sentence && u.chars >= 16).collect();
    let indented = running.iter().filter(|u| u.indented()).count();
    let indented_paragraphs = running.len() >= 4 && indented * 10 >= running.len() * 6;
    Regime { para_gap, wrap, indented_paragraphs }
}

/// The hard-wrap width: many lines share (almost) the same, maximal length.
fn wrap_width(units: &[Unit]) -> Option<usize> {
    let lengths: Vec<usize> = units.iter().map(|u| u.chars).filter(|&n| n >= 16).collect();
    if lengths.len() < 6 {
        return None;
    }
    let max = *lengths.iter().max()?;
    let mut histogram = vec![0usize; max + 1];
    for &n in &lengths {
        histogram[n] += 1;
    }
    // The best window [w-2, w]; wrapped text has most long lines inside it and almost none beyond it.
    let (width, count) = (16..=max)
        .map(|w| (w, histogram[w.saturating_sub(2)..=w].iter().sum::<usize>()))
        .max_by_key(|&(w, count)| (count, w))?;
    let beyond = lengths.iter().filter(|&&n| n > width).count();
    (count * 10 >= lengths.len() * 4 && beyond * 20 <= lengths.len()).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[(&str, u32)]) -> Vec<Unit> {
        lines.iter().enumerate().map(|(i, (t, g))| Unit::new(i as u32 + 1, t.to_string(), *g)).collect()
    }

    #[test]
    fn line_per_paragraph() {
        let p = "今年以来，我县坚持问题导向，聚焦群众急难愁盼，扎实推进各项工作落地见效，取得了明显成效。";
        let u = units(&[(p, 0), (p, 0), (p, 0), ("标题", 2), (p, 1), (p, 0)]);
        assert_eq!(regime(&u), Regime { para_gap: 0, wrap: None, indented_paragraphs: false });
        let indented: Vec<Unit> = u.into_iter().map(|x| x.with_indent(4)).collect();
        assert!(regime(&indented).indented_paragraphs);
    }

    #[test]
    fn blank_separated_and_wrapped() {
        let a = "今年以来，我县坚持问题导向，聚焦群众急难愁盼，扎实推进各";
        let b = "项工作落地见效，取得了明显成效，群众满意度不断提升。";
        let lines: Vec<(&str, u32)> = (0..6).flat_map(|_| [(a, 1), (a, 0), (b, 0)]).collect();
        let r = regime(&units(&lines));
        assert_eq!(r.para_gap, 1);
        assert_eq!(r.wrap, Some(a.chars().count()));
    }
}
