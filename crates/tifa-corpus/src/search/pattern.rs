//! Regular-expression queries (`re:PATTERN`): compiled with the `regex` crate — finite automata, time linear in the
//! text, no backtracking, so no pattern can freeze the page — under size limits, and matched within one field (the
//! title or one block) of the folded searchable text at a time, so `^` and `$` are a field's start and end. The
//! literal strings every match must contain are read from the pattern's syntax tree, so that the bigram filter
//! narrows the articles to check before any regex runs.

use std::ops::Range;

use memchr::memmem;
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind};

use crate::lang::Text;

/// Longest pattern accepted, in characters.
pub const MAX_PATTERN_CHARS: usize = 500;
/// Largest compiled program (bytes): `(a{100}){100}` and the like are refused, not run.
const SIZE_LIMIT: usize = 1 << 20;
/// Largest lazy-DFA cache (bytes).
const DFA_SIZE_LIMIT: usize = 2 << 20;

/// A compiled pattern and the literals its matches contain.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    regex: Regex,
    literals: Vec<String>,
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Nothing after `re:`.
    Empty,
    /// Longer than [`MAX_PATTERN_CHARS`].
    TooLong(usize),
    /// Not a valid pattern: the parser's explanation.
    Syntax(String),
    /// Valid, but it would compile to more than the size limit.
    TooLarge,
    /// It can match nothing at all (`a*`, `(|营商)`): such a match is preferred to a longer one and finds no text.
    MatchesEmpty,
}

impl PatternError {
    /// The reason in both languages, saying what to do.
    pub fn text(&self) -> Text {
        match self {
            PatternError::Empty => {
                Text::new("“re:”后面缺少正则表达式。", "nothing follows re: — write a pattern after it")
            }
            PatternError::TooLong(n) => Text::new(
                format!("正则表达式太长（{n} 个字符，最多 {MAX_PATTERN_CHARS} 个）。"),
                format!("the pattern is too long ({n} characters; at most {MAX_PATTERN_CHARS})"),
            ),
            PatternError::Syntax(why) => {
                Text::new(format!("正则表达式有误：{why}"), format!("the pattern is not valid: {why}"))
            }
            PatternError::MatchesEmpty => Text::new(
                "正则表达式可以什么也不匹配（如 a* 或 (|营商)）：请让它至少匹配一个字（如用 + 代替 *）。",
                "the pattern can match nothing at all (like a* or (|营商)): make it match at least one character (+ instead of *, say)",
            ),
            PatternError::TooLarge => Text::new(
                "正则表达式展开后过大（例如重复次数太多）：请写得简单些。",
                "the pattern is too large once expanded (too many repetitions, perhaps): simplify it",
            ),
        }
    }
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for PatternError {}

impl Pattern {
    /// Compile `source` (the text after `re:`).
    pub fn new(source: &str) -> Result<Pattern, PatternError> {
        let chars = source.chars().count();
        if source.is_empty() {
            return Err(PatternError::Empty);
        }
        if chars > MAX_PATTERN_CHARS {
            return Err(PatternError::TooLong(chars));
        }
        let regex = RegexBuilder::new(source).size_limit(SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build().map_err(
            |e| match e {
                regex::Error::CompiledTooBig(_) => PatternError::TooLarge,
                regex::Error::Syntax(why) => PatternError::Syntax(last_line(&why)),
                other => PatternError::Syntax(other.to_string()),
            },
        )?;
        // The regex crate parsed it: the syntax crate (the same parser) does too; if not, no literals, no filter.
        let hir = regex_syntax::parse(source).ok();
        let can_be_empty = match &hir {
            Some(hir) => hir.properties().minimum_len() == Some(0),
            None => regex.is_match(""),
        };
        if can_be_empty {
            return Err(PatternError::MatchesEmpty);
        }
        let literals = hir.as_ref().map(required).unwrap_or_default();
        Ok(Pattern { source: source.to_string(), regex, literals })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Strings every match contains (for the bigram filter); empty when the pattern has none.
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// Whether `text` (one field) has a match.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.find_iter(text).any(|m| !m.is_empty())
    }

    /// The byte ranges of the non-empty matches in `text` (one field), in order.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        self.regex.find_iter(text).filter(|m| !m.is_empty()).map(|m| m.range())
    }
}

/// What a query looks for in a field: a folded string, or a pattern.
#[derive(Debug, Clone, Copy)]
pub enum Needle<'q> {
    /// An exact (folded) string.
    Text(&'q str),
    /// A regular expression.
    Pattern(&'q Pattern),
}

impl<'q> Needle<'q> {
    /// The byte ranges of its matches in one field's folded text, in order.
    pub fn find_in(&self, field: &str) -> Vec<Range<usize>> {
        match self {
            Needle::Text("") => Vec::new(),
            Needle::Text(s) => memmem::find_iter(field.as_bytes(), s.as_bytes()).map(|at| at..at + s.len()).collect(),
            Needle::Pattern(p) => p.find_iter(field).collect(),
        }
    }

    /// Whether one field's folded text has a match.
    pub fn is_in(&self, field: &str) -> bool {
        match self {
            Needle::Text("") => false,
            Needle::Text(s) => memmem::find(field.as_bytes(), s.as_bytes()).is_some(),
            Needle::Pattern(p) => p.is_match(field),
        }
    }

    /// Strings every match contains, for the bigram filter.
    pub fn literals(&self) -> Vec<&'q str> {
        match self {
            Needle::Text(s) => vec![s],
            Needle::Pattern(p) => p.literals().iter().map(String::as_str).collect(),
        }
    }
}

/// A term as typed where one thing is looked for (the concordance, a term's statistics): `re:PATTERN`, or a string.
#[derive(Debug, Clone)]
pub enum Term {
    /// A string, folded.
    Text(String),
    /// A regular expression.
    Pattern(Pattern),
}

impl Term {
    /// Read a typed term; why not, when its pattern cannot be used.
    pub fn parse(text: &str) -> Result<Term, PatternError> {
        let text = text.trim();
        match text.strip_prefix("re:") {
            Some(source) => Pattern::new(source).map(Term::Pattern),
            None => Ok(Term::Text(crate::text::fold::fold(text))),
        }
    }

    /// What to look for.
    pub fn needle(&self) -> Needle<'_> {
        match self {
            Term::Text(s) => Needle::Text(s),
            Term::Pattern(p) => Needle::Pattern(p),
        }
    }
}

/// The explanation of a syntax error without the pattern echoed above it.
fn last_line(why: &str) -> String {
    why.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(why).trim().trim_start_matches("error: ").to_string()
}

/// Literals every match of `hir` contains: runs of literal characters in a concatenation, and what a capture or a
/// repetition of at least one contains; an alternation, a class or an optional part promises nothing.
fn required(hir: &Hir) -> Vec<String> {
    match hir.kind() {
        HirKind::Literal(lit) => String::from_utf8(lit.0.to_vec()).into_iter().collect(),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Concat(parts) => {
            let mut out = Vec::new();
            let mut run = String::new();
            for part in parts {
                match part.kind() {
                    HirKind::Literal(lit) => run.push_str(&String::from_utf8_lossy(&lit.0)),
                    _ => {
                        if !run.is_empty() {
                            out.push(std::mem::take(&mut run));
                        }
                        out.extend(required(part));
                    }
                }
            }
            if !run.is_empty() {
                out.push(run);
            }
            out
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_literals_every_match_needs() {
        let lits = |p: &str| Pattern::new(p).expect("valid").literals().to_vec();
        assert_eq!(lits("推进.{0,6}改革"), ["推进", "改革"]);
        assert_eq!(lits("(两个|四个)维护"), ["维护"]);
        assert_eq!(lits("第[一二三四五六七八九十]+条"), ["第", "条"]);
        assert_eq!(lits("(营商环境)+"), ["营商环境"]);
        assert!(lits("[0-9]{4}年?").is_empty(), "an optional 年 is not required");
        assert!(lits("甲|乙").is_empty());
    }

    #[test]
    fn bad_patterns_say_what_is_wrong() {
        assert_eq!(Pattern::new("").err(), Some(PatternError::Empty));
        assert!(matches!(Pattern::new("推进("), Err(PatternError::Syntax(_))));
        assert!(matches!(Pattern::new(&"a".repeat(600)), Err(PatternError::TooLong(600))));
        assert_eq!(Pattern::new("(a{1000}){1000}").err(), Some(PatternError::TooLarge));
        let why = Pattern::new("推进(").err().map(|e| e.text()).expect("an error");
        assert!(why.zh.contains("正则表达式有误") && why.en.contains("not valid"), "{why:?}");
        assert!(!why.en.contains('\n'), "one line: {why:?}");
    }

    #[test]
    fn a_pattern_that_can_match_nothing_is_refused() {
        for p in ["x*", "(|营商)", "(营商)??", "^", "a?b?"] {
            assert_eq!(Pattern::new(p).err(), Some(PatternError::MatchesEmpty), "{p}");
        }
        let p = Pattern::new("x+").expect("valid");
        let found: Vec<(usize, usize)> = p.find_iter("axxb").map(|r| (r.start, r.end)).collect();
        assert_eq!(found, [(1, 3)]);
    }
}
