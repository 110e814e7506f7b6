//! `tifa bundle`: the explorer and a corpus in one HTML file that opens from disk with no network.

use crate::Input;
use crate::search::build;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// `tifa bundle`.
#[derive(Args, Debug)]
pub struct BundleArgs {
    /// The file to write.
    #[arg(long, short, value_name = "NAME.html")]
    output: PathBuf,
    /// The built web app to package (`cargo xtask dist` writes it to dist/).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    site: PathBuf,
    #[command(flatten)]
    input: Input,
}

/// Run `tifa bundle`: parse, tag and index the files, then write the one-file explorer; the last line of the
/// output is the path of the file written.
pub fn bundle(args: BundleArgs) -> ExitCode {
    let site = match tifa_site::Site::read(&args.site) {
        Ok(site) => site,
        Err(e) => {
            eprintln!("tifa: {e}");
            return ExitCode::from(2);
        }
    };
    let (index, ok) = match build(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let asset = tifa_corpus::search::asset::encode(&index);
    let html = match tifa_site::bundle(&site, &asset) {
        Ok(html) => html,
        Err(e) => {
            eprintln!("tifa: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::write(&args.output, &html) {
        eprintln!("tifa: cannot write {}: {e}", args.output.display());
        return ExitCode::from(1);
    }
    let path = std::fs::canonicalize(&args.output).unwrap_or(args.output.clone());
    println!(
        "{} articles, {:.1} MB (open it in a browser; it needs no network)",
        index.corpus.articles.len(),
        html.len() as f64 / 1e6
    );
    println!("{}", path.display());
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
