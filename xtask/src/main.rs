//! Build automation for Tifa (plain std Rust). Run through the cargo alias: `cargo xtask <command>`.
//!
//! ```text
//! cargo xtask setup              install whatever is missing (wasm target, trunk, wasm-bindgen-cli, wasm-opt, chromium)
//! cargo xtask dist               build the web app into dist/ (trunk build --release)
//! cargo xtask serve [--port N]   build, then serve dist/ on http://127.0.0.1:N/ (default 8080)
//! cargo xtask test [STAGE...]    native tests, wasm tests in headless Chromium, dist, browser end-to-end tests
//! cargo xtask bundle [-o FILE]   the explorer and the default corpus as one HTML file that works offline
//! cargo xtask report             size and in-browser speed of the explorer
//! ```

mod bench;
mod chrome_flags;
mod report;
mod static_server;
#[cfg(test)]
mod static_server_tests;

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

// ---------------------------------------------------------------------------------------------------------------
// setup
// ---------------------------------------------------------------------------------------------------------------

/// Which tools a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tools {
    /// What building the web app needs.
    Build,
    /// Also what the browser tests need.
    All,
}

fn setup(tools: Tools) -> Result {
    let start = Instant::now();
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    if tools == Tools::All {
        ensure_browser()?;
        ensure_axe()?;
    }
    say(format!("setup: everything needed is installed ({})", seconds(start.elapsed())));
    Ok(())
}

fn ensure_wasm_target() -> Result {
    // Run in the repository so rustup answers for the toolchain pinned in rust-toolchain.toml.
    let installed = output_of("rustup", &["target", "list", "--installed"])
        .ok_or("`rustup` is needed to manage the Rust toolchain; see https://rustup.rs")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        say(format!("ok: Rust target {WASM_TARGET}"));
        return Ok(());
    }
    say(format!("installing the Rust target {WASM_TARGET}"));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk() -> Result {
    if let Some(version) = output_of("trunk", &["--version"]) {
        if version.trim().starts_with(TRUNK_VERSION_PREFIX) {
            say(format!("ok: {}", version.trim()));
            return Ok(());
        }
        say(format!("found {}, but Tifa needs trunk {TRUNK_VERSION_REQ}", version.trim()));
    }
    say(format!("installing trunk {TRUNK_VERSION_REQ} (a few minutes)"));
    run(cargo().args(["install", "trunk", "--version", TRUNK_VERSION_REQ, "--locked"]))?;
    match output_of("trunk", &["--version"]) {
        Some(version) if version.trim().starts_with(TRUNK_VERSION_PREFIX) => Ok(()),
        _ => Err("trunk was installed but `trunk --version` does not answer: is ~/.cargo/bin on PATH?".into()),
    }
}

/// The version of the package `name` in Cargo.lock (the first one if several are locked).
fn locked_version(name: &str) -> Result<String> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock =
        fs::read_to_string(&lock_path).map_err(|error| format!("cannot read {}: {error}", lock_path.display()))?;
    let name_line = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line
            && let Some(version) = lines.next().and_then(|line| line.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_string());
        }
    }
    Err(format!("{name} is not in Cargo.lock"))
}

/// The value of `key = "value"` in Trunk.toml, if present.
fn trunk_toml_value(key: &str) -> Option<String> {
    let text = fs::read_to_string(repo_root().join("Trunk.toml")).ok()?;
    text.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn ensure_wasm_bindgen() -> Result {
    let version = locked_version("wasm-bindgen")?;
    // Trunk downloads its own wasm-bindgen unless Trunk.toml names exactly the version on PATH.
    match trunk_toml_value("wasm_bindgen") {
        Some(pinned) if pinned == version => {}
        pinned => {
            return Err(format!(
                "Cargo.lock has wasm-bindgen {version} but Trunk.toml [tools] has wasm_bindgen = {pinned:?}; \
                 set it to \"{version}\""
            ));
        }
    }
    let installed = |program: &str| {
        output_of(program, &["--version"]).is_some_and(|out| out.split_whitespace().nth(1) == Some(version.as_str()))
    };
    if installed("wasm-bindgen") && installed("wasm-bindgen-test-runner") {
        say(format!("ok: wasm-bindgen-cli {version} (as in Cargo.lock)"));
        return Ok(());
    }
    say(format!("installing wasm-bindgen-cli {version}, the version in Cargo.lock (a few minutes)"));
    // Not --locked: old lock files of wasm-bindgen-cli pin crates that no longer build with current Rust.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &format!("={version}")]))?;
    if installed("wasm-bindgen") && installed("wasm-bindgen-test-runner") {
        Ok(())
    } else {
        Err(format!("wasm-bindgen-cli {version} was installed but is not the one on PATH (`which -a wasm-bindgen`)"))
    }
}

fn ensure_wasm_opt() -> Result {
    let wasm_opt_ok = || output_of("wasm-opt", &["--version"]).filter(|out| out.contains(WASM_OPT_VERSION));
    if let Some(version) = wasm_opt_ok() {
        say(format!("ok: {}", version.trim()));
        return Ok(());
    }
    if let Some(other) = output_of("wasm-opt", &["--version"]) {
        say(format!("found {} on PATH, but Tifa needs binaryen {WASM_OPT_VERSION}", other.trim()));
    }
    if output_of("npm", &["--version"]).is_none() {
        say("npm is missing; installing Node.js and npm (needed for binaryen's wasm-opt)");
        apt_install(&["nodejs", "npm"])?;
    }
    // Debian's binaryen package (version 108) corrupts the output: binaryen comes from npm only.
    say(format!("installing wasm-opt: npm install -g {BINARYEN_NPM}"));
    run(Command::new("npm").args(["install", "-g", BINARYEN_NPM]))?;
    match wasm_opt_ok() {
        Some(_) => Ok(()),
        None => Err(format!(
            "installed {BINARYEN_NPM}, but the `wasm-opt` on PATH is not {WASM_OPT_VERSION}: check `which -a wasm-opt` \
             (if Debian's binaryen package is installed, remove it: it corrupts the output)"
        )),
    }
}

/// Where axe-core (the accessibility audit the browser tests inject) is installed from npm.
fn axe_path() -> PathBuf {
    repo_root().join("target").join("npm").join("node_modules").join("axe-core").join("axe.min.js")
}

fn ensure_axe() -> Result {
    if axe_path().is_file() {
        say(format!("ok: {AXE_NPM} ({})", axe_path().display()));
        return Ok(());
    }
    if output_of("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let prefix = repo_root().join("target").join("npm");
    fs::create_dir_all(&prefix).map_err(|error| format!("cannot create {}: {error}", prefix.display()))?;
    say(format!("installing {AXE_NPM} into {} (accessibility audit for the browser tests)", prefix.display()));
    run(Command::new("npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(AXE_NPM))?;
    if axe_path().is_file() {
        Ok(())
    } else {
        Err(format!("npm installed {AXE_NPM} but {} is missing", axe_path().display()))
    }
}

fn ensure_browser() -> Result {
    let missing: Vec<&str> = BROWSER_PACKAGES.into_iter().filter(|package| !deb_installed(package)).collect();
    if missing.is_empty() && Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        say("ok: chromium, chromium-driver and fonts-wqy-zenhei");
        return Ok(());
    }
    let missing = if missing.is_empty() { BROWSER_PACKAGES.to_vec() } else { missing };
    say(format!("installing {} (for the browser tests)", missing.join(" ")));
    apt_install(&missing)?;
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        Ok(())
    } else {
        Err(format!("installed {}, but {CHROMIUM} or {CHROMEDRIVER} is still missing", missing.join(" ")))
    }
}

fn deb_installed(package: &str) -> bool {
    output_of("dpkg-query", &["-W", "-f=${Status}", package])
        .is_some_and(|status| status.contains("install ok installed"))
}

fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

/// `apt-get update && apt-get install -y PACKAGES`, as root, through `sudo -n`, or else explained.
fn apt_install(packages: &[&str]) -> Result {
    let command_line = format!("apt-get update && apt-get install -y {}", packages.join(" "));
    if output_of("apt-get", &["--version"]).is_none() {
        return Err(format!("apt-get is not available: install {} yourself", packages.join(" ")));
    }
    let sudo = if is_root() {
        false
    } else if output_of("sudo", &["-n", "true"]).is_some() {
        true
    } else {
        return Err(format!("installing needs root; run:\n    sudo sh -c '{command_line}'\nthen run xtask again"));
    };
    let apt = |args: &[&str]| {
        let mut command = if sudo {
            let mut command = Command::new("sudo");
            command.args(["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            command
        } else {
            let mut command = Command::new("apt-get");
            command.env("DEBIAN_FRONTEND", "noninteractive");
            command
        };
        command.args(args);
        command
    };
    run(&mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y"]);
    install.args(packages);
    run(&mut install)
}

// ---------------------------------------------------------------------------------------------------------------
// dist and serve
// ---------------------------------------------------------------------------------------------------------------

/// Install the build tools if needed, then build the web app into dist/ and return that directory.
fn dist() -> Result<PathBuf> {
    setup(Tools::Build)?;
    build_dist()
}

/// Build the web app into dist/ (`trunk build --release`) and return that directory.
fn build_dist() -> Result<PathBuf> {
    let start = Instant::now();
    say("building the web app into dist/ (release)");
    run(Command::new("trunk").args(["build", "--release"]).env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    let dist = repo_root().join("dist");
    if !dist.join("index.html").is_file() {
        return Err(format!("trunk finished but {} is missing", dist.join("index.html").display()));
    }
    add_policy(&dist)?;
    build_worker(&dist)?;
    let asset = write_corpus_asset(&dist)?;
    let wasm_size: u64 = fs::read_dir(&dist)
        .map_err(|error| format!("cannot list {}: {error}", dist.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension() == Some(OsStr::new("wasm")))
        .filter_map(|entry| entry.metadata().ok())
        .map(|metadata| metadata.len())
        .sum();
    say(format!(
        "dist: built {} in {} (wasm: {} KiB, corpus asset: {} KiB)",
        dist.display(),
        seconds(start.elapsed()),
        wasm_size / 1024,
        asset / 1024
    ));
    Ok(dist)
}

/// Give dist/index.html a Content-Security-Policy that allows only the site's own files, Trunk's start-up script
/// (by hash) and WebAssembly.
fn add_policy(dist: &Path) -> Result {
    let path = dist.join("index.html");
    let html = fs::read_to_string(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let with = tifa_site::with_policy(&html).map_err(|error| format!("{}: {error}", path.display()))?;
    fs::write(&path, with).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The worker's start-up module: load the wasm-bindgen glue and start the wasm (whose start function listens).
const WORKER_BOOT: &str = "// Tifa's Web Worker (written by cargo xtask dist).\n\
import init from './tifa_worker.js';\n\
await init({ module_or_path: new URL('./tifa_worker_bg.wasm', import.meta.url) });\n";

/// Build the Web Worker that parses, tags and indexes a user's own files (`crates/tifa-worker`) into dist/worker/:
/// its wasm carries the parser, the taggers and the full dictionary, and the page loads it only when files are
/// opened.
fn build_worker(dist: &Path) -> Result {
    say("building the worker for opening your own files (release)");
    run(cargo().args(["build", "--release", "--target", WASM_TARGET, "-p", "tifa-worker"]))?;
    let wasm = repo_root().join("target").join(WASM_TARGET).join("release").join("tifa_worker.wasm");
    let out = dist.join("worker");
    fs::create_dir_all(&out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", "tifa_worker", "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;
    fs::write(out.join("boot.js"), WORKER_BOOT).map_err(|error| format!("cannot write the worker's boot.js: {error}"))
}

/// `bundle [-o FILE]`: build the site, then the one-file offline explorer of the default corpus; the last line of
/// the output is the path written.
fn bundle(args: &[String]) -> Result {
    let out = match args {
        [] => repo_root().join("target").join("tifa.html"),
        [flag, path] if flag == "-o" || flag == "--output" => PathBuf::from(path),
        _ => return Err("usage: cargo xtask bundle [-o FILE]".into()),
    };
    let dist = dist()?;
    run(cargo()
        .args(["run", "--release", "-q", "-p", "tifa", "--", "bundle", "-q", "--site"])
        .arg(&dist)
        .arg("-o")
        .arg(&out))
}

/// Parse, enrich and index the default corpus (every `.txt` in data/corpus/) natively with the `tifa` CLI, into
/// `dist/corpus.tifa`: the browser loads it instead of segmenting again. Returns its size in bytes.
fn write_corpus_asset(dist: &Path) -> Result<u64> {
    let corpus_dir = repo_root().join("data").join("corpus");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&corpus_dir)
        .map_err(|error| format!("cannot list {}: {error}", corpus_dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension() == Some(OsStr::new("txt")))
        .collect();
    inputs.sort();
    if inputs.is_empty() {
        return Err(format!("{} has no .txt files: nothing to index", corpus_dir.display()));
    }
    let out = dist.join(ASSET_NAME);
    say(format!("indexing {} file(s) of {} into {}", inputs.len(), corpus_dir.display(), out.display()));
    run(cargo().args(["run", "--release", "-q", "-p", "tifa", "--", "index", "-q"]).args(&inputs).arg("-o").arg(&out))?;
    fs::metadata(&out)
        .map(|m| m.len())
        .map_err(|error| format!("the index was not written to {}: {error}", out.display()))
}

fn serve(args: &[String]) -> Result {
    let mut port = DEFAULT_PORT;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--port" | "-p" => args.next().ok_or("--port needs a number")?.as_str(),
            other => other.strip_prefix("--port=").ok_or_else(|| format!("unexpected argument `{other}`"))?,
        };
        port = value.parse().map_err(|_| format!("not a port number: `{value}`"))?;
    }
    let dist = dist()?;
    let server = StaticServer::start(&dist, &format!("127.0.0.1:{port}"))
        .map_err(|error| format!("cannot serve on 127.0.0.1:{port}: {error} (try --port N)"))?;
    say(format!("serving {} at {}  (Ctrl-C to stop)", dist.display(), server.url()));
    server.wait();
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// test
// ---------------------------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Native,
    Wasm,
    Dist,
    E2e,
}

impl Stage {
    const ALL: [Stage; 4] = [Stage::Native, Stage::Wasm, Stage::Dist, Stage::E2e];

    fn name(self) -> &'static str {
        match self {
            Stage::Native => "native",
            Stage::Wasm => "wasm",
            Stage::Dist => "dist",
            Stage::E2e => "e2e",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Stage::Native => "(a) native tests: cargo test --workspace",
            Stage::Wasm => "(b) wasm tests of tifa-corpus in headless Chromium",
            Stage::Dist => "(c) release build of the web app",
            Stage::E2e => "(d) browser end-to-end tests of the built app",
        }
    }
}

fn test(args: &[String]) -> Result {
    let mut keep_going = false;
    let mut chosen = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--keep-going" => keep_going = true,
            name => {
                let stage = Stage::ALL
                    .into_iter()
                    .find(|stage| stage.name() == name)
                    .ok_or_else(|| format!("unknown test stage `{name}` (stages: native wasm dist e2e)"))?;
                chosen.push(stage);
            }
        }
    }
    if chosen.contains(&Stage::E2e) {
        chosen.push(Stage::Dist); // the end-to-end tests test the build, so build it first
    }
    let stages: Vec<Stage> =
        Stage::ALL.into_iter().filter(|stage| chosen.is_empty() || chosen.contains(stage)).collect();

    let start = Instant::now();
    let needs_browser = stages.iter().any(|stage| matches!(stage, Stage::Wasm | Stage::E2e));
    setup(if needs_browser { Tools::All } else { Tools::Build }).map_err(|error| format!("setup failed: {error}"))?;
    let setup_time = start.elapsed();

    let mut results: Vec<(Stage, Duration, Result)> = Vec::new();
    for stage in stages.iter().copied() {
        let dist_failed = results.iter().any(|(s, _, r)| *s == Stage::Dist && r.is_err());
        if stage == Stage::E2e && dist_failed {
            results.push((stage, Duration::ZERO, Err("skipped: the dist build failed".into())));
            continue;
        }
        println!();
        say(format!("==== {} ====", stage.title()));
        let stage_start = Instant::now();
        let result = run_stage(stage);
        let elapsed = stage_start.elapsed();
        match &result {
            Ok(()) => say(format!("==== {}: passed in {} ====", stage.name(), seconds(elapsed))),
            Err(error) => eprintln!("xtask: ==== {}: FAILED after {}: {error} ====", stage.name(), seconds(elapsed)),
        }
        let failed = result.is_err();
        results.push((stage, elapsed, result));
        if failed && !keep_going {
            break;
        }
    }

    let mut summary = format!("setup {}", seconds(setup_time));
    for stage in &stages {
        let status = match results.iter().find(|(s, _, _)| s == stage) {
            Some((_, elapsed, Ok(()))) => format!("ok {}", seconds(*elapsed)),
            Some((_, _, Err(error))) if error.starts_with("skipped") => "skipped".to_string(),
            Some((_, elapsed, Err(_))) => format!("FAILED {}", seconds(*elapsed)),
            None => "not run".to_string(),
        };
        let _ = write!(summary, " | {} {status}", stage.name());
    }
    let failures: Vec<&str> = results.iter().filter(|(_, _, r)| r.is_err()).map(|(s, _, _)| s.name()).collect();
    println!();
    if failures.is_empty() {
        say(format!("test summary: PASSED in {} — {summary}", seconds(start.elapsed())));
        Ok(())
    } else {
        say(format!("test summary: FAILED ({}) in {} — {summary}", failures.join(", "), seconds(start.elapsed())));
        Err(format!("test stage(s) failed: {}", failures.join(", ")))
    }
}

fn run_stage(stage: Stage) -> Result {
    match stage {
        Stage::Native => run(cargo().args(["test", "--workspace"])),
        Stage::Wasm => wasm_tests(),
        Stage::Dist => build_dist().map(|_| ()), // the tools were set up before the first stage
        Stage::E2e => {
            let dist = repo_root().join("dist");
            run(cargo()
                .args(["test", "-p", "tifa-app", "--test", "e2e", "--", "--ignored", "--test-threads=1"])
                .env("TIFA_DIST", &dist)
                .env("TIFA_AXE", axe_path()))
        }
    }
}

/// `cargo test -p tifa-corpus --target wasm32-unknown-unknown --test wasm`, run by wasm-bindgen-test-runner in
/// headless Chromium through chromedriver.
///
/// The runner starts chromedriver itself (from `$CHROMEDRIVER`) and already asks Chrome for `headless`,
/// `no-sandbox` (required as root) and `disable-dev-shm-usage`; the rest of the flags and the browser binary come from
/// a capabilities file it reads from `$WASM_BINDGEN_TEST_WEBDRIVER_JSON`, written fresh here with a throw-away
/// profile directory. Only the `wasm` test target is built: the crate's other tests may use native-only
/// dev-dependencies (proptest, criterion).
fn wasm_tests() -> Result {
    let work = repo_root().join("target").join("wasm-bindgen-test");
    let profile = work.join(format!("chrome-profile-{}", std::process::id()));
    fs::create_dir_all(&profile).map_err(|error| format!("cannot create {}: {error}", profile.display()))?;
    let webdriver_json = work.join("webdriver.json");
    let mut args: Vec<String> = chrome_flags::CHROME_ARGS.iter().map(|arg| arg.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let capabilities = format!(
        "{{\n  \"goog:chromeOptions\": {{\n    \"binary\": \"{CHROMIUM}\",\n    \"args\": [{}]\n  }}\n}}\n",
        args.iter()
            .map(|arg| format!("\"{}\"", arg.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    fs::write(&webdriver_json, capabilities)
        .map_err(|error| format!("cannot write {}: {error}", webdriver_json.display()))?;

    let result = run(cargo()
        .args(["test", "-p", "tifa-corpus", "--target", WASM_TARGET, "--test", "wasm"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"));
    let _ = fs::remove_dir_all(&profile);
    result
}
