//! `cargo xtask report`: the size and speed of the explorer. Bytes of wasm, JS, CSS, HTML and the corpus asset (raw
//! and gzip) of `dist/`, then time to the first view and per-interaction latency in headless Chromium on the
//! default corpus and on a synthetic corpus 100× its size, and the user's files at 100× built in the worker
//! (`tests/ui_speed.rs`). Prints Markdown tables for the README.

use super::bench::parse_scales;
use super::{ASSET_NAME, Result, cargo, repo_root, run, say};
use crate::site::{build_dist, tifa_index, write_bundle};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `report [--scales 1,100]`.
pub fn report(args: &[String]) -> Result {
    let mut scales = vec![1usize, 100];
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--scales" => {
                scales = parse_scales(it.next())?;
            }
            other => return Err(format!("report: unknown argument `{other}`")),
        }
    }
    super::setup(super::Tools::All)?;
    let dist = build_dist()?;
    println!("\n{}", size_table(&dist)?);
    let bundle = repo_root().join("target/report/tifa.html");
    write_bundle(&dist, &bundle)?;
    let bytes = fs::read(&bundle).map_err(|e| format!("cannot read {}: {e}", bundle.display()))?;
    println!(
        "\n| one-file bundle (tifa bundle, default corpus) | {} | {} |\n",
        kb(bytes.len() as u64),
        kb(gzip_len(&bytes))
    );

    let mut builds = Vec::new();
    for &factor in &scales {
        if factor == 1 {
            builds.push(("1x".to_string(), dist.clone()));
            continue;
        }
        let text = repo_root().join(format!("target/bench/corpus-{factor}x.txt"));
        if !text.is_file() {
            super::bench::gen_corpus(factor, &text)?;
        }
        let dir = repo_root().join(format!("target/report/dist-{factor}x"));
        copy_dir(&dist, &dir)?;
        say(format!("indexing {} into {}", text.display(), dir.join(ASSET_NAME).display()));
        tifa_index(std::slice::from_ref(&text), &dir.join(ASSET_NAME))?;
        builds.push((format!("{factor}x"), dir));
    }
    let list: Vec<String> = builds.iter().map(|(label, dir)| format!("{label}={}", dir.display())).collect();
    say("timing the explorer in headless Chromium");
    run(cargo()
        .args([
            "test",
            "--release",
            "-p",
            "tifa-app",
            "--test",
            "ui_speed",
            "--",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TIFA_REPORT_DISTS", list.join(",")))?;
    let json = fs::read_to_string(repo_root().join("target/ui-speed.json"))
        .map_err(|e| format!("the measurement wrote no target/ui-speed.json: {e}"))?;
    println!("\n{}", speed_table(&json)?);
    if let Ok(json) = fs::read_to_string(repo_root().join("target/worker-speed.json")) {
        println!("\n{}", worker_table(&json)?);
    }
    Ok(())
}

/// The worker's measurement (the user's files at 100× the default corpus) as a Markdown table.
fn worker_table(json: &str) -> Result<String> {
    let r: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("bad worker-speed.json: {e}"))?;
    let f = |key: &str, digits: usize| r[key].as_f64().map_or_else(|| "–".into(), |v| format!("{v:.digits$}"));
    Ok(format!(
        "| your own files (100× the default corpus, {} articles) | in the worker | longest frame meanwhile |\n\
         |---|---:|---:|\n\
         | read, parse, tag, index, find reuse, show | {} s | {} ms |\n\
         | both together (reuse between the two in the worker, merge on the page) | {} s | {} ms |\n",
        r["articles"],
        f("build_s", 1),
        f("build_longest_frame_ms", 0),
        f("combine_s", 1),
        f("combine_longest_frame_ms", 0),
    ))
}

/// Raw and gzip bytes of each kind of file in the build.
fn size_table(dist: &Path) -> Result<String> {
    let mut rows: Vec<(String, u64, u64)> = Vec::new();
    let entries = fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    files.sort();
    for path in files {
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "JS",
            Some("css") => "CSS",
            Some("html") => "HTML",
            Some("tifa") => "corpus asset",
            _ => "other",
        };
        rows.push((kind.to_string(), bytes.len() as u64, gzip_len(&bytes)));
    }
    let total = rows.iter().fold((0, 0), |acc, r| (acc.0 + r.1, acc.1 + r.2));
    let mut out = String::from("| file | bytes | gzip |\n|---|---:|---:|\n");
    for (kind, raw, gz) in &rows {
        out.push_str(&format!("| {kind} | {} | {} |\n", kb(*raw), kb(*gz)));
    }
    out.push_str(&format!("| **first view, all files** | **{}** | **{}** |\n", kb(total.0), kb(total.1)));
    Ok(out)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    gz.finish().map(|v| v.len() as u64).unwrap_or(0)
}

/// The measurements as a Markdown table.
fn speed_table(json: &str) -> Result<String> {
    let rows: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("bad ui-speed.json: {e}"))?;
    let rows = rows.as_array().ok_or("ui-speed.json is not a list")?;
    let mut out = String::from(
        "| corpus | articles | asset | first view cold / warm | search | facet | article | terms+KWIC | formulations | regions | regex with a literal | broad regex |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let ms =
        |r: &serde_json::Value, key: &str| r[key].as_f64().map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
    for r in rows {
        let pair = |k: &str| format!("{} ({})", ms(r, &format!("{k}_ms")), ms(r, &format!("{k}_frame_ms")));
        out.push_str(&format!(
            "| {} | {} | {} | {} / {} ms | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r["label"].as_str().unwrap_or_default(),
            r["articles"],
            kb(r["asset_bytes"].as_u64().unwrap_or(0)),
            ms(r, "cold_ready_ms"),
            ms(r, "warm_ready_ms"),
            pair("search"),
            pair("facet"),
            pair("article"),
            pair("terms"),
            pair("formulations"),
            pair("regions"),
            pair("regex_literal"),
            pair("regex_broad"),
        ));
    }
    out.push_str(
        "\nInteraction cells: median ms from the hash change to the DOM showing the new state (to the next frame).\n",
    );
    Ok(out)
}

/// Replace `to` with a copy of the files of `from` (no stale build files left behind).
fn copy_dir(from: &Path, to: &Path) -> Result {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let target = to.join(path.file_name().unwrap_or_default());
            fs::copy(&path, &target).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
