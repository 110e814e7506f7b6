//! `tifa-eval [--details] [--held-out-details] [DIR]`: print the evaluation tables for the real-document set
//! (default `crates/tifa-corpus/tests/fixtures/real/`), development and held-out figures apart.

use std::path::PathBuf;
use std::process::ExitCode;
use tifa_corpus::enrich::Enricher;
use tifa_eval::{Part, evaluate, load_cases};

fn main() -> ExitCode {
    let mut details = false;
    let mut held_out_details = false;
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tifa-corpus/tests/fixtures/real");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--details" => details = true,
            "--held-out-details" => held_out_details = true,
            other if !other.starts_with('-') => dir = PathBuf::from(other),
            other => {
                eprintln!("tifa-eval: unknown option `{other}` (use --details, --held-out-details, or a folder)");
                return ExitCode::FAILURE;
            }
        }
    }
    let cases = match load_cases(&dir) {
        Ok(cases) => cases,
        Err(error) => {
            eprintln!("tifa-eval: {error}");
            return ExitCode::FAILURE;
        }
    };
    let enricher = match Enricher::with_embedded_dict() {
        Ok(enricher) => enricher,
        Err(error) => {
            eprintln!("tifa-eval: the taggers could not be built: {error}");
            return ExitCode::FAILURE;
        }
    };
    let report = evaluate(&cases, &enricher);
    for (part, heading, show) in [
        (Part::Development, "Development set (read while the rules were written)", details),
        (Part::HeldOut, "Held-out set (never read while the rules were written)", held_out_details),
    ] {
        let files = report.files.iter().filter(|f| f.held_out == (part == Part::HeldOut)).count();
        println!("## {heading}: {files} files\n");
        if files == 0 {
            continue;
        }
        println!("{}", report.table(part));
        if show {
            println!("{}", report.details(part));
        }
    }
    match tifa_eval::evaluate_reuse(&dir, &enricher) {
        Ok(pairs) => {
            println!("## Text reuse on real pairs labelled by reading (development): {} pairs\n", pairs.len());
            println!("{}", tifa_eval::reuse_table(&pairs));
            if details {
                pairs.iter().flat_map(|p| &p.details).for_each(|d| println!("- {d}"));
            }
        }
        Err(error) => println!("## Text reuse: not measured ({error})\n"),
    }
    ExitCode::SUCCESS
}
