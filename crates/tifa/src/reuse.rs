//! `tifa reuse`: passages shared between articles, as the core finds them (`tifa_corpus::reuse`), as JSON or as a
//! readable list.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Args;
use tifa_corpus::reuse::{Direction, ReuseOptions, reuse};

use crate::{Input, emit, finish, load_corpus};

/// `tifa reuse`.
#[derive(Args, Debug)]
pub struct ReuseArgs {
    #[command(flatten)]
    input: Input,
    /// Print the pairs, the per-article shares and the boilerplate as JSON.
    #[arg(long)]
    json: bool,
    /// Shortest shared passage, in characters.
    #[arg(long, default_value_t = ReuseOptions::default().min_chars)]
    min_chars: usize,
    /// Lowest similarity of a shared passage (1 − edit distance / length).
    #[arg(long, default_value_t = ReuseOptions::default().min_similarity)]
    min_similarity: f64,
    /// Text shared by more than this many articles is boilerplate, not reuse between two of them.
    #[arg(long, default_value_t = ReuseOptions::default().boilerplate_articles)]
    boilerplate: usize,
    /// Show at most this many pairs in the readable list (0 = all).
    #[arg(long, default_value_t = 20)]
    top: usize,
}

/// Run `tifa reuse`.
pub fn run(args: ReuseArgs) -> ExitCode {
    let (corpus, all_loaded) = match load_corpus(&args.input, true) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = ReuseOptions {
        min_chars: args.min_chars.max(1),
        min_similarity: args.min_similarity.clamp(0.0, 1.0),
        boilerplate_articles: args.boilerplate.max(2),
    };
    let found = reuse(&corpus, &options);
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&found).unwrap_or_default())
    } else {
        let mut out = format!("{} pair(s) of articles share passages\n\n", found.pairs.len());
        let title = |id: &str| corpus.articles.iter().find(|a| a.id == id).map_or(String::new(), |a| a.title.clone());
        let shown = if args.top == 0 { found.pairs.len() } else { args.top };
        for pair in found.pairs.iter().take(shown) {
            let arrow = match pair.direction {
                Some(Direction::AToB) => "→",
                Some(Direction::BToA) => "←",
                None => "—",
            };
            let _ = writeln!(
                out,
                "{} {} {}  {} {arrow} {}  ({} characters, {} passage(s))",
                pair.a,
                arrow,
                pair.b,
                title(&pair.a),
                title(&pair.b),
                pair.chars,
                pair.passages.len()
            );
        }
        if !found.boilerplate.is_empty() {
            let _ = writeln!(out, "\nboilerplate (shared by many articles):");
            for b in found.boilerplate.iter().take(10) {
                let _ = writeln!(out, "  {} articles: {}", b.articles, b.text);
            }
        }
        out
    };
    finish(emit(&text), all_loaded)
}
