//! Line splitting and white-space normalisation.
//!
//! *Layout* is white space (including the full-width space U+3000 and no-break spaces), stray byte-order marks and
//! control characters (a DOS end-of-file Ctrl-Z, NULs left by a converter). Layout carries no content: lines are
//! trimmed, runs of inner layout become one ASCII space, and every other character is kept exactly as it was. How
//! far a line was indented is kept as a number: indentation is a paragraph signal. Line endings CRLF, CR, LF, NEL, U+2028 and U+2029 all end a line.

/// One line of the normalised source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number.
    pub no: u32,
    /// The line with layout normalised; empty for a blank line.
    pub text: String,
    /// Leading layout in columns: a full-width space (U+3000) or a tab counts two, any other one.
    pub indent: u32,
}

/// Whether a character is layout rather than content.
pub fn is_layout(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}' || c.is_control()
}

/// Leading layout of a raw line, in columns (see [`Line::indent`]).
pub fn indent_of(line: &str) -> u32 {
    line.chars()
        .take_while(|&c| is_layout(c))
        .map(|c| if c == '\u{3000}' || c == '\t' { 2 } else { u32::from(c != '\u{FEFF}') })
        .sum()
}

/// The content characters of a text: everything but layout, in order. Used to state the nothing-lost invariant.
pub fn content_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| !is_layout(c))
}

/// Split text into normalised lines.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.char_indices().find(|&(_, c)| is_line_break(c)) {
            Some((i, c)) => {
                let after = &rest[i + c.len_utf8()..];
                // CRLF is one line ending.
                let after = if c == '\r' { after.strip_prefix('\n').unwrap_or(after) } else { after };
                (&rest[..i], after)
            }
            None => (rest, ""),
        };
        let no = u32::try_from(lines.len() + 1).unwrap_or(u32::MAX);
        lines.push(Line { no, text: normalise_line(line), indent: indent_of(line) });
        rest = next;
    }
    lines
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Trim a line and collapse inner runs of layout into one ASCII space.
pub fn normalise_line(line: &str) -> String {
    let trimmed = line.trim_matches(is_layout);
    if !trimmed.contains(is_layout) {
        return trimmed.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_layout(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_endings_split() {
        let lines = split_lines("一\r\n二\r三\n四\u{2028}五");
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["一", "二", "三", "四", "五"]);
        assert_eq!(lines[4].no, 5);
    }

    #[test]
    fn blank_lines_are_kept_as_empty() {
        let texts: Vec<_> = split_lines("a\n\n  \u{3000}\nb\n").into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "", "", "b"]);
    }

    #[test]
    fn control_characters_are_layout_and_indentation_is_measured() {
        let lines = split_lines("\u{3000}\u{3000}第一条 内容。\n\u{1a}\n  3\n正文");
        let texts: Vec<_> = lines.iter().map(|l| (l.text.as_str(), l.indent)).collect();
        assert_eq!(texts, [("第一条 内容。", 4), ("", 1), ("3", 2), ("正文", 0)]);
    }

    #[test]
    fn layout_is_normalised_content_kept() {
        assert_eq!(normalise_line("\u{3000}\u{3000}今年以来，\u{3000}xx县\t 坚持。 "), "今年以来， xx县 坚持。");
        assert_eq!(normalise_line("\u{FEFF}标题"), "标题");
    }
}
