//! Peak heap memory of parsing, per input character, measured with a counting allocator.
//!
//! ```sh
//! cargo run --release -p tifa-corpus --example parse_memory                 # both synthetic inputs
//! cargo run --release -p tifa-corpus --example parse_memory -- FILE...       # your own files
//! ```
//!
//! The synthetic inputs are made from the real-document development set (`tests/fixtures/real/d*.txt`): one line of
//! six million characters (every line break removed), and a compilation of about 100 MB (the documents repeated,
//! each under a number line). The figure is the peak of live heap bytes during `parse_bytes` (input bytes excluded)
//! divided by the characters of the input.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Instant;

use tifa_corpus::{ParseOptions, parse_bytes};

#[path = "support/counting.rs"]
mod counting;
use counting::{LIVE, PEAK};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        let texts = development_texts();
        let mut line: String = texts.iter().flat_map(|t| t.chars().filter(|c| *c != '\n' && *c != '\r')).collect();
        while line.chars().count() < 6_000_000 {
            line = line.repeat(2);
        }
        let line: String = line.chars().take(6_000_000).collect();
        measure("one line of 6,000,000 characters", line.into_bytes());
        let mut compilation = String::new();
        let mut n = 0;
        while compilation.len() < 100 * 1024 * 1024 {
            for text in &texts {
                n += 1;
                compilation.push_str(&format!("{n:05}\n\n{}\n\n", text.trim()));
            }
        }
        measure(&format!("a compilation of {n} documents"), compilation.into_bytes());
    } else {
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => measure(&file, bytes),
                Err(e) => eprintln!("{file}: {e}"),
            }
        }
    }
}

/// The development set's texts, decoded.
fn development_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the development set is in place")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('d'))
        })
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| tifa_corpus::decode::decode(&b).ok().map(|d| d.text))
        .collect()
}

fn measure(label: &str, bytes: Vec<u8>) {
    let chars = String::from_utf8_lossy(&bytes).chars().count().max(1);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = Instant::now();
    let result = parse_bytes("input.txt", &bytes, ParseOptions::default());
    let elapsed = started.elapsed();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let articles = result.as_ref().map_or(0, |p| p.articles.len());
    println!(
        "{label}: {} bytes, {chars} characters, {articles} articles, {:.1} s; peak heap {:.1} MB = {:.1} bytes per character",
        bytes.len(),
        elapsed.as_secs_f64(),
        peak as f64 / 1e6,
        peak as f64 / chars as f64
    );
}
