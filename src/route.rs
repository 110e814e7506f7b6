//! The view state in the URL hash: which page, the query, the facet filters and the options of each view. Parsing
//! never fails: unknown keys are ignored, values are cleaned and bounded, so a hand-edited or hostile link still
//! opens a sensible view.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use tifa_corpus::search::{Facet, KwicSort, Query, Scope, Sort};

/// Longest value kept from a link (characters); longer ones are cut. Room for the longest regular expression
/// (`re:` and 500 characters) and a few terms beside it.
const MAX_VALUE: usize = 600;
/// Most filter values kept from a link.
const MAX_FILTERS: usize = 50;

/// Characters escaped in hash values: those that delimit our parameters, plus spaces and controls.
const ESCAPE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'&').add(b'+').add(b'=').add(b'?');

/// A page of the explorer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    /// Search and browse (`#/`).
    #[default]
    Browse,
    /// One article (`#/article/ID`).
    Article(String),
    /// The formulation register (`#/formulations`).
    Formulations,
    /// Term statistics (`#/terms`).
    Terms,
    /// Regions (`#/regions`).
    Regions,
    /// Text reuse between articles (`#/reuse`).
    Reuse,
    /// The corpus overview (`#/about`).
    About,
}

/// Everything a link restores.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// The page.
    pub page: Page,
    /// The text typed in the search box.
    pub q: String,
    /// Facet filters in the order they were chosen (a facet may repeat: values of one facet are alternatives).
    pub filters: Vec<(Facet, String)>,
    /// The result order: relevance (default), corpus order or date.
    pub order: Sort,
    /// The term or formulation examined (terms view, KWIC of a formulation).
    pub term: String,
    /// Concordance order.
    pub kwic: KwicOrder,
    /// Where the text must match: anywhere, or in one title, heading or paragraph.
    pub scope: Scope,
}

/// Concordance order as it appears in links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicOrder {
    /// Corpus order.
    #[default]
    Corpus,
    /// By left context.
    Left,
    /// By right context.
    Right,
}

impl KwicOrder {
    /// The engine's sort.
    pub fn sort(self) -> KwicSort {
        match self {
            KwicOrder::Corpus => KwicSort::Corpus,
            KwicOrder::Left => KwicSort::Left,
            KwicOrder::Right => KwicSort::Right,
        }
    }
}

impl Route {
    /// Read a location hash (`#/…?…`, with or without the `#`, percent-encoded or not).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, params) = hash.split_once('?').unwrap_or((hash, ""));
        let path = decode(path);
        let path = path.trim_start_matches('/');
        let page = match path.split_once('/') {
            Some(("article", id)) if !clean(id).is_empty() => Page::Article(clean(id)),
            _ => match path {
                // `slogans` is the address the page had before it took the word the page shows.
                "formulations" | "slogans" => Page::Formulations,
                "terms" => Page::Terms,
                "regions" => Page::Regions,
                "reuse" => Page::Reuse,
                "about" => Page::About,
                _ => Page::Browse,
            },
        };
        let mut route = Route { page, ..Route::default() };
        for pair in params.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = clean(&decode(value));
            match decode(key).as_str() {
                "q" => route.q = value,
                "sort" => {
                    route.order = match value.as_str() {
                        "corpus" => Sort::Corpus,
                        "date" => Sort::Date,
                        _ => Sort::Relevance,
                    }
                }
                "term" => route.term = value,
                "in" => route.scope = Scope::from_key(&value).unwrap_or_default(),
                "kwic" => {
                    route.kwic = match value.as_str() {
                        "left" => KwicOrder::Left,
                        "right" => KwicOrder::Right,
                        _ => KwicOrder::Corpus,
                    }
                }
                key => {
                    if let Some(facet) = Facet::from_key(key)
                        && !value.is_empty()
                        && route.filters.len() < MAX_FILTERS
                        && !route.filters.contains(&(facet, value.clone()))
                    {
                        route.filters.push((facet, value));
                    }
                }
            }
        }
        route
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        let path = match &self.page {
            Page::Browse => String::new(),
            Page::Article(id) => format!("article/{}", encode(id)),
            Page::Formulations => "formulations".into(),
            Page::Terms => "terms".into(),
            Page::Regions => "regions".into(),
            Page::Reuse => "reuse".into(),
            Page::About => "about".into(),
        };
        let mut params: Vec<String> = Vec::new();
        if !self.q.is_empty() {
            params.push(format!("q={}", encode(&self.q)));
        }
        for (facet, value) in &self.filters {
            params.push(format!("{}={}", facet.key(), encode(value)));
        }
        match self.order {
            Sort::Relevance => {}
            Sort::Corpus => params.push("sort=corpus".into()),
            Sort::Date => params.push("sort=date".into()),
        }
        if self.scope != Scope::All {
            params.push(format!("in={}", self.scope.key()));
        }
        if !self.term.is_empty() {
            params.push(format!("term={}", encode(&self.term)));
        }
        match self.kwic {
            KwicOrder::Corpus => {}
            KwicOrder::Left => params.push("kwic=left".into()),
            KwicOrder::Right => params.push("kwic=right".into()),
        }
        if params.is_empty() { format!("#/{path}") } else { format!("#/{path}?{}", params.join("&")) }
    }

    /// The same selection (query, filters, order) on another page; the page's own options are dropped.
    pub fn on(&self, page: Page) -> Route {
        Route {
            page,
            q: self.q.clone(),
            filters: self.filters.clone(),
            order: self.order,
            scope: self.scope,
            ..Route::default()
        }
    }

    /// The engine's query: the typed text plus the filters.
    pub fn query(&self) -> Query {
        let mut query = Query::parse(&self.q);
        query.scope = self.scope;
        for (facet, value) in &self.filters {
            // The key comes from `Facet::key`, so it is always known.
            let _ = query.filter(facet.key(), value);
        }
        query
    }

    /// The result order.
    pub fn sort(&self) -> Sort {
        self.order
    }

    /// Whether a filter is set.
    pub fn has_filter(&self, facet: Facet, value: &str) -> bool {
        self.filters.iter().any(|(f, v)| *f == facet && v == value)
    }

    /// This route with a filter added, or removed if it was set.
    pub fn toggled(&self, facet: Facet, value: &str) -> Route {
        let mut next = self.clone();
        if next.has_filter(facet, value) {
            next.filters.retain(|(f, v)| !(*f == facet && v == value));
        } else {
            next.filters.push((facet, value.to_string()));
        }
        next
    }

    /// This route filtered on exactly one value of `facet` (other facets kept).
    pub fn with_only(&self, facet: Facet, value: &str) -> Route {
        let mut next = self.without_facet(facet);
        next.filters.push((facet, value.to_string()));
        next
    }

    /// This route with a phrase added to the query, quoted so that spaces or a leading `-` stay part of it.
    pub fn with_phrase(&self, phrase: &str) -> Route {
        let phrase = phrase.replace('"', "");
        let q = if phrase.trim().is_empty() { self.q.clone() } else { format!("{} \"{phrase}\"", self.q) };
        Route { q: q.trim().to_string(), ..self.clone() }
    }

    /// This route without any filter of `facet`.
    pub fn without_facet(&self, facet: Facet) -> Route {
        let mut next = self.clone();
        next.filters.retain(|(f, _)| *f != facet);
        next
    }
}

fn encode(value: &str) -> String {
    utf8_percent_encode(value, ESCAPE).to_string()
}

fn decode(value: &str) -> String {
    // `+` is not a space here: we never write one unescaped, and people search for it.
    percent_decode_str(value).decode_utf8_lossy().into_owned()
}

/// Drop control and invisible formatting characters (bidi overrides, zero-width marks) and bound the length.
fn clean(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() && !matches!(*c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        .take(MAX_VALUE)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_part() {
        let route = Route {
            page: Page::Article("a-3".into()),
            q: "营商环境 \"放 管 服\" -疫情 a&b=c#d%e+f".into(),
            filters: vec![
                (Facet::Region, "贵州省".into()),
                (Facet::Theme, "作风建设".into()),
                (Facet::Region, "山西省".into()),
            ],
            order: Sort::Corpus,
            term: "四风".into(),
            kwic: KwicOrder::Left,
            scope: Scope::Headings,
        };
        assert_eq!(Route::parse(&route.to_hash()), route);
        // A regular expression's characters are data in the link.
        let regex = Route { q: "re:^(深入|扎实)推进[一-龥]{2}$ -re:a&b".into(), ..Route::default() };
        assert_eq!(Route::parse(&regex.to_hash()), regex);
        assert_eq!(regex.query().patterns, ["^(深入|扎实)推进[一-龥]{2}$"]);
        for page in [Page::Browse, Page::Formulations, Page::Terms, Page::Regions, Page::About] {
            let r = Route { page, ..Route::default() };
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
    }

    #[test]
    fn links_made_before_the_rename_still_open_the_formulations() {
        let old = Route::parse("#/slogans?slogan=放管服");
        assert_eq!(old.page, Page::Formulations);
        assert_eq!(old.filters, vec![(Facet::Formulation, "放管服".to_string())]);
        assert_eq!(old.to_hash(), Route::parse("#/formulations?formulation=放管服").to_hash());
        assert!(old.to_hash().starts_with("#/formulations"), "{}", old.to_hash());
    }

    #[test]
    fn reads_what_browsers_and_people_write() {
        // Chrome percent-encodes non-ASCII in location.hash.
        let r = Route::parse("#/?q=%E8%90%A5%E5%95%86&region=%E8%B4%B5%E5%B7%9E%E7%9C%81&formulation=四风");
        assert_eq!(r.q, "营商");
        assert_eq!(r.filters, [(Facet::Region, "贵州省".into()), (Facet::Formulation, "四风".into())]);
        assert_eq!(Route::parse("").page, Page::Browse);
        assert_eq!(Route::parse("#").page, Page::Browse);
        assert_eq!(Route::parse("#/terms?term=x").page, Page::Terms);
    }

    #[test]
    fn hostile_links_are_cleaned_not_obeyed() {
        let r =
            Route::parse("#/nowhere?colour=red&q=%E2%80%AEabc%00%0A&region=&theme=x&theme=x&sort=evil&kwic=sideways");
        assert_eq!(r.page, Page::Browse);
        assert_eq!(r.q, "abc");
        assert_eq!(r.filters, [(Facet::Theme, "x".into())]);
        assert_eq!(r.order, Sort::Relevance);
        assert_eq!(r.kwic, KwicOrder::Corpus);
        let long = format!("#/?q={}", "长".repeat(10_000));
        assert_eq!(Route::parse(&long).q.chars().count(), MAX_VALUE);
        let many: String = (0..500).map(|i| format!("&theme={i}")).collect();
        assert_eq!(Route::parse(&format!("#/?{many}")).filters.len(), MAX_FILTERS);
        assert_eq!(Route::parse("#/article/%E2%80%8B").page, Page::Browse);
        assert_eq!(Route::parse("#/?q=%FF%FE").q, "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn toggling_and_moving_keep_the_selection() {
        let r = Route::parse("#/?q=x&region=a&theme=b");
        let t = r.toggled(Facet::Region, "a");
        assert_eq!(t.filters, [(Facet::Theme, "b".into())]);
        assert_eq!(t.toggled(Facet::Region, "a").filters.len(), 2);
        assert!(r.without_facet(Facet::Theme).filters.iter().all(|(f, _)| *f == Facet::Region));
        let moved = Route { term: "t".into(), ..r.clone() }.on(Page::Formulations);
        assert_eq!((moved.q.as_str(), moved.filters.len(), moved.term.as_str()), ("x", 2, ""));
        assert_eq!(r.with_only(Facet::Region, "c").filters, [(Facet::Theme, "b".into()), (Facet::Region, "c".into())]);
        let p = r.with_phrase("-a \"b");
        assert_eq!(p.q, "x \"-a b\"");
        assert_eq!(p.query().required, ["x", "-a b"]);
        assert_eq!(Route::default().with_phrase("营商").query().required, ["营商"]);
        let q = r.query();
        assert_eq!(q.required, ["x"]);
        assert_eq!(q.filters.len(), 2);
    }
}
