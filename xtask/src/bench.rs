//! `cargo xtask bench` and `cargo xtask gen-corpus`: synthetic corpora at 100× and 1000×, their search assets, the
//! browser benchmark (wasm harness in headless Chromium) and, with `--native`, the criterion benchmarks.

use super::{Result, Tools, cargo, repo_root, run, say, setup};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Write a synthetic compilation `factor` times the default corpus (deterministic) to `out`.
pub fn gen_corpus(factor: usize, out: &Path) -> Result {
    let base = tifa_corpus::default_corpus();
    let text = tifa_corpus::synth::compilation(&base, factor, 42);
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    say(format!("wrote {} ({factor}x, {:.1} MB)", out.display(), text.len() as f64 / 1e6));
    Ok(())
}

/// `gen-corpus --factor N -o FILE`.
pub fn gen_corpus_command(args: &[String]) -> Result {
    let mut factor = 100;
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--factor" => factor = it.next().and_then(|v| v.parse().ok()).ok_or("--factor needs a number")?,
            "-o" | "--output" => out = it.next().map(PathBuf::from),
            other => return Err(format!("gen-corpus: unknown argument `{other}`")),
        }
    }
    let out = out.unwrap_or_else(|| repo_root().join(format!("target/bench/corpus-{factor}x.txt")));
    gen_corpus(factor, &out)
}

/// The value of `--scales`: a comma-separated list of corpus sizes (1 = the default corpus).
pub fn parse_scales(value: Option<&String>) -> Result<Vec<usize>> {
    value
        .ok_or("--scales needs a list such as 1,100")?
        .split(',')
        .map(|s| s.trim().parse().map_err(|_| format!("bad scale `{s}`")))
        .collect()
}

/// `bench [--scales 1,100,1000] [--native]`.
pub fn bench(args: &[String]) -> Result {
    let mut scales = vec![1usize, 100, 1000];
    let mut native = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--scales" => {
                scales = parse_scales(it.next())?;
            }
            "--native" => native = true,
            other => return Err(format!("bench: unknown argument `{other}`")),
        }
    }
    setup(Tools::All)?;
    let root = repo_root();
    let web = root.join("target/bench-web");
    say("building the browser benchmark harness (release)");
    let harness = root.join("crates/tifa-bench-web");
    run(Command::new("trunk")
        .arg("build")
        .arg("--release")
        .arg("--config")
        .arg(harness.join("Trunk.toml"))
        .arg("--dist")
        .arg(&web)
        .arg(harness.join("index.html"))
        .current_dir(&harness)
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    let mut assets = Vec::new();
    for &factor in &scales {
        let text = if factor == 1 {
            root.join("data/corpus").join(tifa_corpus::DEFAULT_CORPUS_NAME)
        } else {
            let file = root.join(format!("target/bench/corpus-{factor}x.txt"));
            if !file.is_file() {
                gen_corpus(factor, &file)?;
            }
            file
        };
        let asset = format!("corpus-{factor}x.tifa");
        say(format!("indexing {} into {asset}", text.display()));
        crate::site::tifa_index(std::slice::from_ref(&text), &web.join(&asset))?;
        assets.push(asset);
    }
    say("timing the queries in headless Chromium");
    run(cargo()
        .args(["test", "--release", "-p", "tifa-app", "--test", "browser_bench", "--", "--ignored", "--nocapture"])
        .env("TIFA_BENCH_DIST", &web)
        .env("TIFA_BENCH_ASSETS", assets.join(","))
        .env("TIFA_BENCH_RUNS", if scales.contains(&1000) { "21" } else { "51" }))?;
    if native {
        let list: Vec<String> = scales.iter().map(usize::to_string).collect();
        run(cargo()
            .args(["bench", "-p", "tifa-corpus", "--bench", "search"])
            .env("TIFA_BENCH_SCALES", list.join(",")))?;
    }
    Ok(())
}
