//! `tifa`: the command-line face of Tifa. It only wires files to the `tifa-corpus` core: reading, reporting
//! per-file problems, printing summaries and JSON.

mod load;
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
  tifa parse                      summary of the default corpus
  tifa parse a.txt b.txt          summary of your own files
  tifa parse a.txt --json > a.json   the corpus as JSON (schema tifa.corpus/1, see docs/corpus-schema.md)

Exit status: 0 when every file loaded, 1 when any file failed (the others are still processed), 2 on a usage error.";

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse compilations and print a summary (or JSON with --json).
    Parse(ParseArgs),
}

#[derive(clap::Args, Debug)]
struct ParseArgs {
    /// Text files to read; none means the default corpus.
    files: Vec<PathBuf>,
    /// Print the corpus as JSON (schema tifa.corpus/1) instead of a summary.
    #[arg(long)]
    json: bool,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse(args),
    }
}

fn parse(args: ParseArgs) -> ExitCode {
    let options = match load::Rules::read(args.noise.as_deref(), args.rules.as_deref()) {
        Ok(rules) => rules,
        Err(message) => {
            eprintln!("tifa: {message}");
            return ExitCode::from(2);
        }
    };
    let outcome = load::load(&args.files, options.options(), !args.quiet);
    for (name, error) in &outcome.failures {
        eprintln!("tifa: {name}: {error}");
    }
    let mut stdout = std::io::stdout().lock();
    let written = if args.json {
        writeln!(stdout, "{}", outcome.corpus.to_json_pretty())
    } else {
        write!(stdout, "{}", summary::render(&outcome.corpus))
    };
    // A closed pipe (`tifa parse | head`) is not an error worth a message.
    if let Err(e) = written.and_then(|_| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("tifa: cannot write output: {e}");
        return ExitCode::from(1);
    }
    if outcome.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
