//! Build automation for Tifa (plain std Rust). Run through the cargo alias: `cargo xtask <command>`.
//!
//! ```text
//! cargo xtask setup              install whatever is missing (wasm target, trunk, wasm-bindgen-cli, wasm-opt, chromium)
//! cargo xtask dist               build the web app into dist/ (trunk build --release)
//! cargo xtask serve [--port N]   build, then serve dist/ on http://127.0.0.1:N/ (default 8080)
//! cargo xtask test [STAGE...]    native tests, wasm tests in headless Chromium, dist, browser end-to-end tests
//! cargo xtask bundle [-o FILE]   the explorer and the default corpus as one HTML file that works offline
//! cargo xtask report             size and in-browser speed of the explorer
//! cargo xtask eval [--details]   parser and taggers on the real-document set, against its gold
//! ```

mod bench;
mod chrome_flags;
mod report;
mod setup;
mod site;
mod stages;
mod static_server;

use setup::{Tools, setup};
use site::{bundle, dist, serve};
use stages::test;
#[cfg(test)]
mod static_server_tests;
#[cfg(test)]
mod tidy_tests;

use std::env;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use static_server::StaticServer;

/// Anything that stops a command: a message for the person at the terminal.
type Result<T = ()> = std::result::Result<T, String>;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TRUNK_VERSION_REQ: &str = "~0.21";
const TRUNK_VERSION_PREFIX: &str = "trunk 0.21.";
const BINARYEN_NPM: &str = "binaryen@132.0.0";
const AXE_NPM: &str = "axe-core@4.14.1";
const WASM_OPT_VERSION: &str = "version 132";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const BROWSER_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-wqy-zenhei"];
const DEFAULT_PORT: u16 = 8080;
/// The corpus asset's file name in dist/ (the app fetches it relative to the page).
const ASSET_NAME: &str = "corpus.tifa";

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  setup              Install whatever is missing: the wasm32 target, trunk, wasm-bindgen-cli (the version in
                     Cargo.lock), wasm-opt (binaryen 132 from npm), and Chromium + chromedriver + CJK fonts.
  dist               Build the web app into dist/ (trunk build --release).
  serve [--port N]   Build, then serve dist/ on http://127.0.0.1:N/ (default 8080).
  test [STAGE...]    Run the test stages in order, stopping at the first failure:
                       native  cargo test --workspace
                       wasm    tifa-corpus tests compiled to wasm32, in headless Chromium
                       dist    the release build of the web app
                       e2e     browser tests of the built app (implies dist)
                     Without STAGE, all four. --keep-going runs the remaining stages after a failure.
  bench [--scales 1,100,1000] [--native]
                     Search latency in headless Chromium (wasm) on the default corpus and synthetic corpora
                     100x and 1000x its size; --native also runs the criterion benchmarks at the same scales.
  bundle [-o FILE]   Build, then write the whole explorer with the default corpus as one HTML file that works from
                     disk with no network (default target/tifa.html); the last line printed is its path.
  report [--scales 1,100]
                     Size of the built site (raw and gzip) and the explorer's speed in headless Chromium: time to
                     the first view and per-interaction latency, on the default corpus and a 100x synthetic one.
  eval [--details] [--held-out-details]
                     Measure the parser and the taggers on the real-document set
                     (crates/tifa-corpus/tests/fixtures/real/) against its gold: article counts, titles,
                     boundaries, headings, regions, formulations, agency and level, per shape; development and
                     held-out figures apart. --details lists what went wrong per development file.
  gen-corpus [--factor N] [-o FILE]
                     Write a deterministic synthetic corpus N times the default one (default 100x, target/bench/).
";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => no_more_args(&args[1..]).and_then(|()| setup(Tools::All)),
        Some("dist") => no_more_args(&args[1..]).and_then(|()| dist().map(|_| ())),
        Some("serve") => serve(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("report") => report::report(&args[1..]),
        Some("bundle") => bundle(&args[1..]),
        Some("eval") => eval(&args[1..]),
        Some("gen-corpus") => bench::gen_corpus_command(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask eval`: the evaluation runs in release mode (segmenting the set takes seconds, not minutes).
fn eval(args: &[String]) -> Result {
    for arg in args {
        if !matches!(arg.as_str(), "--details" | "--held-out-details") {
            return Err(format!("unexpected argument `{arg}`\n\n{USAGE}"));
        }
    }
    run(cargo().args(["run", "--quiet", "--release", "-p", "tifa-eval", "--"]).args(args))
}

fn no_more_args(args: &[String]) -> Result {
    match args.first() {
        None => Ok(()),
        Some(arg) => Err(format!("unexpected argument `{arg}`\n\n{USAGE}")),
    }
}

/// The workspace root (the parent of this crate's directory).
fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The cargo that runs us (so nested builds use the pinned toolchain), or `cargo` from PATH.
fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn say(message: impl AsRef<str>) {
    println!("xtask: {}", message.as_ref());
}

fn describe(command: &Command) -> String {
    let mut text = String::new();
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            let _ = write!(text, "{}={} ", key.to_string_lossy(), value.to_string_lossy());
        }
    }
    text.push_str(&Path::new(command.get_program()).file_name().unwrap_or(command.get_program()).to_string_lossy());
    for arg in command.get_args() {
        let arg = arg.to_string_lossy();
        if arg.contains([' ', '~', '*', '\'']) {
            let _ = write!(text, " '{arg}'");
        } else {
            let _ = write!(text, " {arg}");
        }
    }
    text
}

/// Run a command in the repository root, echoing it; fail unless it exits successfully.
fn run(command: &mut Command) -> Result {
    let description = describe(command);
    say(format!("$ {description}"));
    let status = command
        .current_dir(repo_root())
        .status()
        .map_err(|error| format!("could not start `{description}`: {error}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{description}` failed ({status})")) }
}

/// Stdout and stderr of a command that succeeded, or `None` if it could not run or failed.
fn output_of(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Some(text)
}

fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}
