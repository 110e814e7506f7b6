//! The query language: plain text (exact substring), several terms (all must match), "quoted phrases" (spaces kept),
//! `-exclusion`, regular expressions (`re:PATTERN`, `-re:PATTERN`, `"re:with spaces"`; see [`super::pattern`]), and
//! facet filters (`key=value`, OR within a key, AND across keys).

use super::pattern::{Pattern, PatternError};
use crate::text::fold::fold;
use std::fmt;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Strings every hit must contain (folded).
    pub required: Vec<String>,
    /// Strings no hit may contain (folded).
    pub excluded: Vec<String>,
    /// Regular expressions every hit must match in one field, as written (matched against the folded text).
    pub patterns: Vec<String>,
    /// Regular expressions no hit may match.
    pub excluded_patterns: Vec<String>,
    /// Where the text must match: anywhere, or within one title, heading or paragraph.
    pub scope: Scope,
    /// Facet filters: (facet, values). Values of one facet are alternatives; facets combine with AND.
    pub filters: Vec<(Facet, Vec<String>)>,
}

/// Where a query's text must match.
///
/// With a scope other than [`Scope::All`], one field of that kind (the title, one heading, one paragraph) must hold
/// every required string and pattern and none of the excluded ones: `作风 建设` in headings finds headings that name
/// both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Scope {
    /// Anywhere in the article (each string may be in a different block).
    #[default]
    All,
    /// In the title.
    Titles,
    /// In one section heading.
    Headings,
    /// In one paragraph.
    Paragraphs,
}

impl Scope {
    /// Every scope, in the order a control lists them.
    pub const ALL: [Scope; 4] = [Scope::All, Scope::Titles, Scope::Headings, Scope::Paragraphs];

    /// The name in links and on the command line (`all`, `titles`, `headings`, `paragraphs`).
    pub fn key(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Titles => "titles",
            Scope::Headings => "headings",
            Scope::Paragraphs => "paragraphs",
        }
    }

    /// The scope a name names.
    pub fn from_key(key: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether a field of this kind is searched.
    pub fn covers(self, kind: super::document::FieldKind) -> bool {
        use super::document::FieldKind;
        matches!(
            (self, kind),
            (Scope::All, _)
                | (Scope::Titles, FieldKind::Title)
                | (Scope::Headings, FieldKind::Heading)
                | (Scope::Paragraphs, FieldKind::Paragraph)
        )
    }
}

/// A facet a query can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Region at any level; a province also selects its prefectures and counties.
    Region,
    /// Theme from the taxonomy.
    Theme,
    /// Formulation (canonical form).
    Formulation,
    /// Organisation type of the reporting body.
    Agency,
    /// Administrative level of the reporting body.
    Level,
    /// Year of the article's date (read from its text).
    Year,
    /// Decade of the article's date (`1920s`): the year facet of corpora that span a long time.
    Decade,
    /// Years and five-year plans the article speaks of (`2035`, `十四五`), not its date.
    Mentioned,
    /// Cited document title.
    Document,
    /// Source file name.
    Source,
}

impl Facet {
    /// Every facet, in display order.
    pub const ALL: [Facet; 10] = [
        Facet::Region,
        Facet::Theme,
        Facet::Formulation,
        Facet::Agency,
        Facet::Level,
        Facet::Year,
        Facet::Decade,
        Facet::Mentioned,
        Facet::Document,
        Facet::Source,
    ];

    /// The key used in filters and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Region => "region",
            Facet::Theme => "theme",
            Facet::Formulation => "formulation",
            Facet::Agency => "agency",
            Facet::Level => "level",
            Facet::Year => "year",
            Facet::Decade => "decade",
            Facet::Mentioned => "mentioned",
            Facet::Document => "document",
            Facet::Source => "source",
        }
    }

    /// The facet named by `key`.
    pub fn from_key(key: &str) -> Option<Facet> {
        // `slogan` is the key links made before the formulation facet took the page's word.
        let key = if key == "slogan" { "formulation" } else { key };
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A filter that names no known facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFacet(pub String);

impl fmt::Display for UnknownFacet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = Facet::ALL.iter().map(|f| f.key()).collect();
        write!(f, "unknown filter {:?}: use KEY=VALUE with KEY one of {}", self.0, keys.join(", "))
    }
}

impl std::error::Error for UnknownFacet {}

impl Query {
    /// Parse the text typed in a search box. Terms are separated by white space; `"…"` keeps spaces inside a
    /// phrase; a leading `-` excludes. Never fails: unbalanced quotes run to the end.
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        let mut chars = text.chars().peekable();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            let Some(&first) = chars.peek() else { break };
            let negated = first == '-' || first == '－';
            if negated {
                chars.next();
            }
            let mut term = String::new();
            // Only the ASCII quote delimits a phrase: Chinese quotation marks are text people search for (“一把手”).
            let phrase = chars.peek() == Some(&'"');
            if phrase {
                chars.next();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    term.push(c);
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    term.push(c);
                    chars.next();
                }
            }
            // A pattern is taken as written: folding could change its meaning (\D is not \d).
            if let Some(pattern) = term.strip_prefix("re:") {
                if negated {
                    q.excluded_patterns.push(pattern.to_string())
                } else {
                    q.patterns.push(pattern.to_string())
                }
                continue;
            }
            // A phrase is taken as written, spaces included; a plain term has none to trim.
            let term = fold(if phrase { &term } else { term.trim() });
            if term.trim().is_empty() {
                continue;
            }
            // A match never crosses a line break between blocks, so a phrase typed over several lines is several terms.
            for part in term.split('\n').filter(|p| !p.trim().is_empty()) {
                if negated { q.excluded.push(part.to_string()) } else { q.required.push(part.to_string()) }
            }
        }
        q
    }

    /// Add a filter `key=value`.
    pub fn filter(&mut self, key: &str, value: &str) -> Result<(), UnknownFacet> {
        let facet = Facet::from_key(key.trim()).ok_or_else(|| UnknownFacet(key.to_string()))?;
        match self.filters.iter_mut().find(|(f, _)| *f == facet) {
            Some((_, values)) if !values.iter().any(|v| v == value) => values.push(value.to_string()),
            Some(_) => {}
            None => self.filters.push((facet, vec![value.to_string()])),
        }
        Ok(())
    }

    /// Parse `key=value` as given on the command line.
    pub fn filter_arg(&mut self, arg: &str) -> Result<(), UnknownFacet> {
        let (key, value) = arg.split_once('=').ok_or_else(|| UnknownFacet(arg.to_string()))?;
        self.filter(key, value.trim())
    }

    /// Whether the query selects everything (no text, no filters).
    pub fn is_empty(&self) -> bool {
        !self.has_text() && self.filters.is_empty()
    }

    /// Whether the query has text to match (strings or patterns, required or excluded).
    pub fn has_text(&self) -> bool {
        !(self.required.is_empty()
            && self.excluded.is_empty()
            && self.patterns.is_empty()
            && self.excluded_patterns.is_empty())
    }

    /// The patterns compiled, or why the first bad one cannot be used (a search with it matches nothing).
    pub fn compile(&self) -> Result<CompiledPatterns, PatternError> {
        let compile = |sources: &[String]| sources.iter().map(|p| Pattern::new(p)).collect::<Result<Vec<_>, _>>();
        Ok(CompiledPatterns { required: compile(&self.patterns)?, excluded: compile(&self.excluded_patterns)? })
    }
}

/// A query's regular expressions, compiled.
#[derive(Debug, Clone, Default)]
pub struct CompiledPatterns {
    /// Every hit matches these.
    pub required: Vec<Pattern>,
    /// No hit matches these.
    pub excluded: Vec<Pattern>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_phrases_and_exclusions() {
        let q = Query::parse(" 营商环境  \"放 管 服 \" -疫情 ＡＢＣ");
        assert_eq!(q.required, ["营商环境", "放 管 服 ", "abc"]);
        assert_eq!(q.excluded, ["疫情"]);
        assert_eq!(Query::parse("“两个维护”").required, ["“两个维护”"]);
        assert_eq!(Query::parse("\"unclosed phrase").required, ["unclosed phrase"]);
        assert_eq!(Query::parse("\"政治引领\n全县\"").required, ["政治引领", "全县"]);
        assert!(Query::parse("   ").is_empty());
        assert!(Query::parse("- -").is_empty());
    }

    #[test]
    fn patterns_are_taken_as_written() {
        let q = Query::parse("re:推进.{0,4}改革 -re:\\D{2}Ａ \"re:a b\" 营商");
        assert_eq!(q.patterns, ["推进.{0,4}改革", "a b"]);
        assert_eq!(q.excluded_patterns, ["\\D{2}Ａ"]);
        assert_eq!(q.required, ["营商"]);
        assert!(q.compile().is_ok());
        assert!(Query::parse("re:推进(").compile().is_err());
        assert!(!Query::parse("re:x").is_empty());
    }

    #[test]
    fn filters() {
        let mut q = Query::default();
        q.filter_arg("region=贵州省").unwrap();
        q.filter_arg("region=山西省").unwrap();
        q.filter_arg("theme=作风建设").unwrap();
        assert_eq!(q.filters.len(), 2);
        assert_eq!(q.filters[0].1, ["贵州省", "山西省"]);
        assert!(q.filter_arg("colour=red").unwrap_err().to_string().contains("region"));
        assert!(q.filter_arg("no-equals-sign").is_err());
    }
}
