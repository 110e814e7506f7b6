//! `tifa`: the command-line face of Tifa. It only wires files to the `tifa-corpus` core: reading, reporting
//! per-file problems, printing summaries and JSON.

mod bundle;
mod export;
mod load;
mod reuse;
mod search;
mod summary;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Tifa (提法): explore compilations of Chinese policy and party-building documents.
///
/// Reads plain-text compilations (材料汇编) in UTF-8, GB18030/GBK or UTF-16, splits them into articles, headings
/// and paragraphs, removes advertising and paywall noise, and reports what it was unsure of. With no FILE, the
/// default corpus shipped with Tifa is used.
#[derive(Parser, Debug)]
#[command(name = "tifa", version, about, long_about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  tifa parse                         summary of the default corpus, with its tags
  tifa parse a.txt b.txt             summary of your own files
  tifa parse a.txt --json > a.json   the corpus as JSON (schema tifa.corpus/1, see docs/corpus-schema.md)
  tifa facets                        every facet (region, theme, formulation, agency …) with article counts
  tifa search 营商环境 --filter level=市   articles containing the text, ranked, with snippets and facet counts
  tifa kwic 作风 --sort left          every occurrence with its context, sorted by the words before it
  tifa stats --filter agency=纪委监委    top terms of a selection; `tifa stats --term 作风` for one string's spread
  tifa keyness --filter agency=纪委监委  terms characteristic of a selection against the rest
  tifa index -o corpus.tifa          the enriched corpus and its index as one binary file (what the browser loads)
  tifa export csv --query 作风 -o x.csv  the selected articles with their tags, for Excel (UTF-8 with BOM)
  tifa export cite --id ID            the citation of one article (GB/T 7714 style)
  tifa bundle a.txt -o a.html         the explorer with your files in one HTML file that opens offline
  tifa reuse a.txt b.txt --json       passages the articles share, who echoes whom, and the boilerplate

Exit status: 0 when every file loaded, 1 when any file failed (the others are still processed), 2 on a usage error.";

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and tag compilations; print a summary (or JSON with --json).
    Parse(ParseArgs),
    /// Print every facet (regions, themes, formulations, agencies, levels, years, decades, years spoken of,
    /// documents, sources) with its values and the number of articles carrying each.
    Facets(FacetsArgs),
    /// Find every article containing the query text (exact substring; several terms must all match; "a phrase";
    /// -excluded), ranked, with snippets and drill-down facet counts.
    Search(search::SearchArgs),
    /// Keyword in context: every occurrence of a string with its left and right context.
    Kwic(search::KwicArgs),
    /// Top terms of a selection, or the frequency and dispersion of one string.
    Stats(search::StatsArgs),
    /// Terms characteristic of the selected articles against the rest (log-likelihood, log ratio).
    Keyness(search::KeynessArgs),
    /// Write the enriched corpus and its search index as one binary asset.
    Index(search::IndexArgs),
    /// Export a selection: articles as CSV, JSON or Markdown; concordance, formulations or facet counts as CSV; or
    /// the citation of an article.
    Export(export::ExportArgs),
    /// Passages shared between articles: pairs with their passages and direction, each article's share of reused,
    /// boilerplate and own wording, and the boilerplate itself.
    Reuse(reuse::ReuseArgs),
    /// Write the explorer with these files (or the default corpus) as one HTML file that works from disk, offline.
    Bundle(bundle::BundleArgs),
}

/// Which files to read and with which rules.
#[derive(clap::Args, Debug)]
pub struct Input {
    /// Text files to read; none means the default corpus.
    files: Vec<PathBuf>,
    /// Noise rules to use instead of the built-in ones (a copy of data/noise.toml).
    #[arg(long, value_name = "FILE")]
    noise: Option<PathBuf>,
    /// Layout rules to use instead of the built-in ones (a copy of data/parser.toml).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Do not print progress on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct ParseArgs {
    #[command(flatten)]
    input: Input,
    /// Print the corpus as JSON (schema tifa.corpus/1) instead of a summary.
    #[arg(long)]
    json: bool,
    /// Only parse: skip segmentation and tagging (regions, themes, formulations …).
    #[arg(long)]
    no_enrich: bool,
}

#[derive(clap::Args, Debug)]
struct FacetsArgs {
    #[command(flatten)]
    input: Input,
    /// Print the facets as JSON.
    #[arg(long)]
    json: bool,
    /// Show at most this many values per facet (0 = all).
    #[arg(long, default_value_t = 25)]
    top: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse(args),
        Command::Facets(args) => facets(args),
        Command::Search(args) => search::search(args),
        Command::Kwic(args) => search::kwic(args),
        Command::Stats(args) => search::stats(args),
        Command::Keyness(args) => search::keyness(args),
        Command::Index(args) => search::index(args),
        Command::Export(args) => export::export(args),
        Command::Bundle(args) => bundle::bundle(args),
        Command::Reuse(args) => reuse::run(args),
    }
}

/// Load the input files (reporting each failure on stderr) and tag them unless told not to.
fn load_corpus(input: &Input, enrich: bool) -> Result<(tifa_corpus::Corpus, bool), ExitCode> {
    load_tagged(input, enrich).map(|(corpus, ok, _)| (corpus, ok))
}

/// Like [`load_corpus`], also returning the enricher (whose segmenter the index must share).
fn load_tagged(
    input: &Input,
    enrich: bool,
) -> Result<(tifa_corpus::Corpus, bool, Option<tifa_corpus::enrich::Enricher>), ExitCode> {
    let rules = load::Rules::read(input.noise.as_deref(), input.rules.as_deref()).map_err(|message| {
        eprintln!("tifa: {message}");
        ExitCode::from(2)
    })?;
    let mut outcome = load::load(&input.files, rules.options(), !input.quiet);
    for (name, error) in &outcome.failures {
        eprintln!("tifa: {name}: {error}");
    }
    let mut enricher = None;
    if enrich {
        match tifa_corpus::enrich::Enricher::with_embedded_dict() {
            Ok(e) => {
                e.enrich(&mut outcome.corpus);
                enricher = Some(e);
            }
            Err(e) => {
                eprintln!("tifa: cannot tag the corpus: {e}");
                return Err(ExitCode::from(1));
            }
        }
    }
    Ok((outcome.corpus, outcome.failures.is_empty(), enricher))
}

/// Write to stdout; a closed pipe (`tifa parse | head`) is not an error worth a message.
pub(crate) fn emit(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("tifa: cannot write output: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn parse(args: ParseArgs) -> ExitCode {
    let (corpus, all_loaded) = match load_corpus(&args.input, !args.no_enrich) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let text = if args.json { format!("{}\n", corpus.to_json_pretty()) } else { summary::render(&corpus) };
    finish(emit(&text), all_loaded)
}

fn facets(args: FacetsArgs) -> ExitCode {
    let (corpus, all_loaded) = match load_corpus(&args.input, true) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // The page's own definition of every facet and its counts, so that the CLI and the page agree.
    let facets = tifa_corpus::search::facets::FacetValues::new(&corpus).totals();
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&facets).unwrap_or_default())
    } else {
        summary::facets(&facets, args.top)
    };
    finish(emit(&text), all_loaded)
}

/// Exit 1 when output failed or any file failed to load.
pub(crate) fn finish(written: ExitCode, all_loaded: bool) -> ExitCode {
    if written != ExitCode::SUCCESS || !all_loaded { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// clap checks the definitions (unique flags, valid defaults) only when a command is used; check them all here.
    #[test]
    fn command_line_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
