//! The search commands: search, kwic, stats, keyness and index. They load the files, build the index with the
//! enrichment's segmenter, and print what the core computes.

use crate::{Input, emit, finish, load_tagged};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use tifa_corpus::search::pattern::{PatternError, Term};
use tifa_corpus::search::{Index, KwicSort, Query, Scope, SearchOptions, Sort};

/// Facet filters shared by the commands.
#[derive(Args, Debug)]
pub struct Filters {
    /// Facet filter KEY=VALUE (region, theme, formulation, agency, level, document, source); repeat it. Values of one
    /// key are alternatives (OR), different keys must all hold (AND). A province also selects its cities.
    #[arg(long = "filter", short = 'f', value_name = "KEY=VALUE")]
    pub(crate) filters: Vec<String>,
}

/// `tifa search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words or strings that must all occur, "a phrase", -excluded, re:PATTERN (a regular expression
    /// matched within one title or block of the folded text), -re:PATTERN; "" for filters alone.
    query: String,
    /// A regular expression every hit must match (as re:PATTERN in the query, without the shell's quoting troubles);
    /// repeat it.
    #[arg(long = "regex", value_name = "PATTERN")]
    regexes: Vec<String>,
    /// Where the text must match: anywhere, or within one title, heading or paragraph (which must then hold every
    /// term: `--in headings` finds the section headings that name them all).
    #[arg(long = "in", value_enum, default_value_t = ScopeArg::All)]
    scope: ScopeArg,
    #[command(flatten)]
    filters: Filters,
    #[command(flatten)]
    input: Input,
    /// Print JSON (hits with snippets, facet counts).
    #[arg(long)]
    json: bool,
    /// Show at most this many hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ScopeArg {
    All,
    Titles,
    Headings,
    Paragraphs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SortArg {
    Relevance,
    Corpus,
    /// By the articles' dates, oldest first (undated last).
    Date,
}

/// `tifa kwic`.
#[derive(Args, Debug)]
pub struct KwicArgs {
    /// The string to find, or re:PATTERN for every match of a regular expression.
    term: String,
    #[command(flatten)]
    filters: Filters,
    #[command(flatten)]
    input: Input,
    /// Characters of context on each side (1–200).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=200))]
    width: u16,
    /// Order of the lines.
    #[arg(long, value_enum, default_value_t = KwicSortArg::Corpus)]
    sort: KwicSortArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum KwicSortArg {
    Corpus,
    Left,
    Right,
}

/// `tifa stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// A string to measure (frequency, documents, dispersion), or re:PATTERN; without it, the top terms of the
    /// selection.
    #[arg(long)]
    term: Option<String>,
    #[command(flatten)]
    filters: Filters,
    #[command(flatten)]
    input: Input,
    /// How many top terms.
    #[arg(long, default_value_t = 30)]
    limit: usize,
    /// Print the formulation register instead: every formulation with its kind, origin, count, articles and the
    /// formulations it co-occurs with.
    #[arg(long, alias = "slogans", conflicts_with = "term")]
    formulations: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `tifa keyness`.
#[derive(Args, Debug)]
pub struct KeynessArgs {
    /// Text the selected articles must contain (optional).
    #[arg(long)]
    query: Option<String>,
    #[command(flatten)]
    filters: Filters,
    #[command(flatten)]
    input: Input,
    /// How many terms.
    #[arg(long, default_value_t = 30)]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `tifa index`.
#[derive(Args, Debug)]
pub struct IndexArgs {
    #[command(flatten)]
    input: Input,
    /// Where to write the asset.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
}

/// Build the index over the input, or report why not (tagging and indexing share one segmentation).
pub(crate) fn build(input: &Input) -> Result<(Index, bool), ExitCode> {
    let (corpus, all_loaded, _) = load_tagged(input, false)?;
    let enricher = tifa_corpus::enrich::Enricher::with_embedded_dict().map_err(|e| {
        eprintln!("tifa: cannot tag the corpus: {e}");
        ExitCode::from(1)
    })?;
    Ok((tifa_corpus::search::Index::enriched(&enricher, corpus), all_loaded))
}

/// Parse the query, then load and index the input: what every command here starts with.
pub(crate) fn prepare(text: &str, filters: &Filters, input: &Input) -> Result<(Query, Index, bool), ExitCode> {
    let query = query_with(text, filters)?;
    let (index, ok) = build(input)?;
    Ok((query, index, ok))
}

pub(crate) fn query_with(text: &str, filters: &Filters) -> Result<Query, ExitCode> {
    let mut query = Query::parse(text);
    for f in &filters.filters {
        query.filter_arg(f).map_err(|e| {
            eprintln!("tifa: {e}");
            ExitCode::from(2)
        })?;
    }
    checked(query)
}

/// A term as typed (`re:PATTERN` or a string); else say why its pattern cannot be used (a usage error).
pub(crate) fn term(text: &str) -> Result<Term, ExitCode> {
    Term::parse(text).map_err(|e| usage(&e))
}

/// Say why a pattern cannot be used, in both languages; the exit code of a usage error.
fn usage(e: &PatternError) -> ExitCode {
    let why = e.text();
    eprintln!("tifa: {}\ntifa: {}", why.en, why.zh);
    ExitCode::from(2)
}

/// The query if its patterns compile; else say why (a usage error).
fn checked(query: Query) -> Result<Query, ExitCode> {
    match query.compile() {
        Ok(_) => Ok(query),
        Err(e) => Err(usage(&e)),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    format!("{}\n", serde_json::to_string_pretty(value).unwrap_or_default())
}

/// Run `tifa search`.
pub fn search(args: SearchArgs) -> ExitCode {
    let mut query = match query_with(&args.query, &args.filters) {
        Ok(q) => q,
        Err(code) => return code,
    };
    query.patterns.extend(args.regexes.iter().cloned());
    query.scope = match args.scope {
        ScopeArg::All => Scope::All,
        ScopeArg::Titles => Scope::Titles,
        ScopeArg::Headings => Scope::Headings,
        ScopeArg::Paragraphs => Scope::Paragraphs,
    };
    let query = match checked(query) {
        Ok(q) => q,
        Err(code) => return code,
    };
    let (index, ok) = match build(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Corpus => Sort::Corpus,
        SortArg::Date => Sort::Date,
    };
    let results = index.search(&query, &SearchOptions { limit: args.limit, sort, ..SearchOptions::default() });
    let text = if args.json {
        json(&results)
    } else {
        let mut out = format!("{} article(s) match\n\n", results.total);
        for hit in &results.hits {
            let _ = writeln!(out, "{:>7.3}  {}  {}", hit.score, hit.id, hit.title);
            for s in &hit.snippets {
                let _ = writeln!(out, "         … {} …", mark(&s.text, &s.highlights));
            }
        }
        out.push('\n');
        for f in &results.facets {
            let values: Vec<String> = f.values.iter().take(8).map(|v| format!("{} ({})", v.value, v.count)).collect();
            if !values.is_empty() {
                let _ = writeln!(out, "{}: {}", f.facet, values.join(", "));
            }
        }
        out
    };
    finish(emit(&text), ok)
}

/// Bracket the highlighted spans: 【match】.
fn mark(text: &str, spans: &[[u32; 2]]) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        let i = i as u32;
        if spans.iter().any(|s| s[0] == i) {
            out.push('【');
        }
        out.push(c);
        if spans.iter().any(|s| s[1] == i + 1) {
            out.push('】');
        }
    }
    out
}

/// Run `tifa kwic`.
pub fn kwic(args: KwicArgs) -> ExitCode {
    let (query, index, ok) = match prepare("", &args.filters, &args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let sort = match args.sort {
        KwicSortArg::Corpus => KwicSort::Corpus,
        KwicSortArg::Left => KwicSort::Left,
        KwicSortArg::Right => KwicSort::Right,
    };
    let docs = (!query.filters.is_empty()).then(|| index.matching(&query));
    let width = usize::from(args.width);
    let term = match term(&args.term) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let lines = index.kwic_of(term.needle(), docs.as_deref(), width, sort);
    let text = if args.json {
        json(&lines)
    } else {
        let mut out = String::new();
        for l in &lines {
            let _ = writeln!(out, "{:>w$} 【{}】 {:<w$}  {}", l.left, l.matched, l.right, l.id, w = width);
        }
        let _ = writeln!(out, "{} line(s)", lines.len());
        out
    };
    finish(emit(&text), ok)
}

/// Run `tifa stats`.
pub fn stats(args: StatsArgs) -> ExitCode {
    let (query, index, ok) = match prepare("", &args.filters, &args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let selection = index.matching(&query);
    if args.formulations {
        let register = tifa_corpus::enrich::stats::formulation_register_of(
            selection.iter().map(|&d| &index.corpus.articles[d as usize]),
        );
        let text = if args.json {
            json(&register)
        } else {
            let mut out = String::new();
            for s in register.iter().take(if args.limit == 0 { usize::MAX } else { args.limit }) {
                let with: Vec<String> = s.cooccurs.iter().take(4).map(|(t, n)| format!("{t} ({n})")).collect();
                let _ = writeln!(
                    out,
                    "{:>4} art. {:>4}×  {:?}/{:?}  {}   with: {}",
                    s.articles.len(),
                    s.count,
                    s.kind,
                    s.origin,
                    s.text,
                    with.join(", ")
                );
            }
            out
        };
        return finish(emit(&text), ok);
    }
    let text = match &args.term {
        Some(term) if term.trim().is_empty() => {
            eprintln!("tifa: --term needs a string to measure");
            return ExitCode::from(2);
        }
        Some(typed) => {
            let measured = match term(typed) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let s = index.needle_stats(measured.needle(), typed.trim(), &selection);
            if args.json {
                json(&s)
            } else {
                format!(
                    "{}: {} occurrences in {} of {} articles, {:.2} per 10,000 characters; Juilland's D {:.3}, Gries' DP {:.3}\n",
                    s.term, s.frequency, s.documents, s.selection, s.per_10k, s.juilland_d, s.gries_dp
                )
            }
        }
        None => {
            let top = index.top_terms(&selection, args.limit);
            if args.json {
                json(&top)
            } else {
                let mut out = format!("top terms of {} article(s)\n", selection.len());
                for t in &top {
                    let _ = writeln!(out, "{:>6}  {:>4} art.  {}", t.frequency, t.documents, t.term);
                }
                out
            }
        }
    };
    finish(emit(&text), ok)
}

/// Run `tifa keyness`.
pub fn keyness(args: KeynessArgs) -> ExitCode {
    let query = match query_with(args.query.as_deref().unwrap_or(""), &args.filters) {
        Ok(q) => q,
        Err(code) => return code,
    };
    if query.is_empty() {
        eprintln!("tifa: keyness compares a selection with the rest: give --filter KEY=VALUE or --query TEXT");
        return ExitCode::from(2);
    }
    let (index, ok) = match build(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let selection = index.matching(&query);
    let key = index.keyness(&selection, args.limit);
    let text = if args.json {
        json(&key)
    } else {
        let mut out = format!(
            "{} selected article(s) against {} others\n",
            selection.len(),
            index.documents.len() - selection.len()
        );
        for k in &key {
            let _ = writeln!(
                out,
                "{:>9.2} LL  {:>6.2} log ratio  {:>5} vs {:<5}  {}",
                k.log_likelihood, k.log_ratio, k.selection, k.rest, k.term
            );
        }
        out
    };
    finish(emit(&text), ok)
}

/// Run `tifa index`.
pub fn index(args: IndexArgs) -> ExitCode {
    let (index, ok) = match build(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let bytes = tifa_corpus::search::asset::encode(&index);
    if let Err(e) = std::fs::write(&args.output, &bytes) {
        eprintln!("tifa: cannot write {}: {e}", args.output.display());
        return ExitCode::from(1);
    }
    let text = format!(
        "wrote {} ({} articles, {} terms, {} bytes)\n",
        args.output.display(),
        index.corpus.articles.len(),
        index.data.vocabulary.len(),
        bytes.len()
    );
    finish(emit(&text), ok)
}
