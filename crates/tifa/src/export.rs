//! `tifa export`: the same files the browser's export buttons write, for a selection made on the command line.

use crate::search::{Filters, prepare};
use crate::{Input, emit, finish};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use tifa_corpus::export;
use tifa_corpus::search::{KwicSort, SearchOptions, Sort};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The selected articles with their tags, one row each (CSV, UTF-8 with BOM).
    Csv,
    /// The selected articles as a corpus in the JSON schema tifa.corpus/1.
    Json,
    /// The selected articles as a Markdown list with citations.
    Md,
    /// Concordance lines of --term over the selection (CSV).
    Kwic,
    /// The formulation register of the selection (CSV).
    Formulations,
    /// Facet counts of the selection (CSV).
    Facets,
    /// The formulations of the selection by year (CSV: one column per year).
    FormulationsByYear,
    /// Passages the selected articles share with others, one row each with both copies (CSV).
    Reuse,
    /// The citation of the article --id (GB/T 7714 style).
    Cite,
}

/// Language of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文.
    Zh,
    /// English.
    En,
}

/// `tifa export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// What to write.
    #[arg(value_enum)]
    format: Format,
    /// Select articles containing this text (same language as `tifa search`); none selects every article.
    #[arg(long, default_value = "")]
    query: String,
    #[command(flatten)]
    filters: Filters,
    /// The string whose concordance `kwic` exports.
    #[arg(long, required_if_eq("format", "kwic"))]
    term: Option<String>,
    /// The article `cite` cites.
    #[arg(long, required_if_eq("format", "cite"))]
    id: Option<String>,
    /// Order of the articles: by relevance to --query, or as in the compilation.
    #[arg(long)]
    corpus_order: bool,
    /// Language of the headers and words: zh (default) or en. Corpus text and citations stay as they are.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: Input,
}

/// Run `tifa export`.
pub fn export(args: ExportArgs) -> ExitCode {
    let (query, index, ok) = match prepare(&args.query, &args.filters, &args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let lang = match args.lang {
        LangArg::Zh => tifa_corpus::lang::Lang::Zh,
        LangArg::En => tifa_corpus::lang::Lang::En,
    };
    let sort = if args.corpus_order { Sort::Corpus } else { Sort::Relevance };
    let results = index.search(&query, &SearchOptions { offset: 0, limit: usize::MAX, sort, snippets: 0 });
    let docs: Vec<u32> = results.hits.iter().map(|h| h.article).collect();
    let text = match args.format {
        Format::Csv => export::articles_csv(&index, &docs, lang),
        Format::Json => export::articles_json(&index.corpus, &docs),
        Format::Md => {
            let filters: Vec<_> = query.filters.iter().flat_map(|(f, vs)| vs.iter().map(|v| (*f, v.clone()))).collect();
            export::articles_markdown(&index.corpus, &docs, &export::describe(&args.query, &filters, lang))
        }
        Format::Kwic => {
            let term = match crate::search::term(args.term.as_deref().unwrap_or_default()) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let lines = index.kwic_of(term.needle(), Some(&docs), 30, KwicSort::Corpus);
            export::kwic_csv(&index.corpus, &lines, lang)
        }
        Format::Formulations => {
            // Over the selection in corpus order, as the formulations page counts it.
            let in_order = index.matching(&query);
            let register = tifa_corpus::enrich::stats::formulation_register_of(
                in_order.iter().map(|&d| &index.corpus.articles[d as usize]),
            );
            export::formulations_csv(&register, lang)
        }
        Format::Facets => export::facets_csv(&results.facets, lang),
        Format::FormulationsByYear => {
            let in_order = index.matching(&query);
            let register = tifa_corpus::enrich::stats::formulation_register_of(
                in_order.iter().map(|&d| &index.corpus.articles[d as usize]),
            );
            export::formulations_by_year_csv(&register, lang)
        }
        Format::Reuse => {
            // Pairs with at least one article in the selection, as the reuse page lists them.
            let ids: std::collections::HashSet<&str> =
                docs.iter().map(|&d| index.corpus.articles[d as usize].id.as_str()).collect();
            export::reuse_csv(&index.corpus, &index.data.reuse.touching(&ids), lang)
        }
        Format::Cite => {
            let id = args.id.as_deref().unwrap_or_default();
            let Some(a) = index.corpus.articles.iter().find(|a| a.id == id) else {
                eprintln!(
                    "tifa: no article has the id {id:?} (ids are listed by `tifa search --json` and in CSV exports)"
                );
                return ExitCode::from(2);
            };
            format!("{}\n", export::citation(a, index.corpus.sources.get(a.source as usize)))
        }
    };
    match &args.output {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => {
                finish(emit(&format!("wrote {} ({} articles, {} bytes)\n", path.display(), docs.len(), text.len())), ok)
            }
            Err(e) => {
                eprintln!("tifa: cannot write {}: {e}", path.display());
                ExitCode::from(1)
            }
        },
        None => finish(emit(&text), ok),
    }
}
