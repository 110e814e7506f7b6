//! Search latency in the browser: the wasm harness (`crates/tifa-bench-web`) loads the assets and times the same
//! queries as the native criterion bench. Run by `cargo xtask bench`, which builds the harness and the assets into
//! `$TIFA_BENCH_DIST` and prints the table; the test fails only if the harness reports an error.

#![cfg(unix)]

mod support;

use std::time::Duration;
use support::Browser;

#[tokio::test]
#[ignore = "browser benchmark: run by cargo xtask bench"]
async fn search_latency_in_headless_chromium() {
    let dist = std::env::var_os("TIFA_BENCH_DIST")
        .map(std::path::PathBuf::from)
        .expect("TIFA_BENCH_DIST names the harness build");
    let assets = std::env::var("TIFA_BENCH_ASSETS").unwrap_or_else(|_| "corpus-1x.tifa".into());
    let runs = std::env::var("TIFA_BENCH_RUNS").unwrap_or_else(|_| "51".into());
    let page = format!("index.html?assets={assets}&runs={runs}");
    let browser = Browser::open(&dist, &page, "pre[data-done]", Duration::from_secs(300)).await;
    let text = browser.texts("#results").await.join("");
    browser.close().await;
    let rows: serde_json::Value = serde_json::from_str(&text).expect("the harness writes JSON");
    assert!(rows.get("error").is_none(), "harness error: {text}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::write(dir.join("browser-bench.json"), &text).expect("write target/browser-bench.json");
    for row in rows.as_array().expect("one row per asset") {
        println!(
            "{}: {} articles, {:.1} MB, fetch {:.0} ms, decode {:.0} ms",
            row["asset"].as_str().unwrap_or_default(),
            row["articles"],
            row["bytes"].as_f64().unwrap_or_default() / 1e6,
            row["fetch_ms"].as_f64().unwrap_or_default(),
            row["decode_ms"].as_f64().unwrap_or_default()
        );
        for q in row["queries"].as_array().expect("queries") {
            println!(
                "  {:<24} {:>6} hits  median {:>8.3} ms  p95 {:>8.3} ms",
                q["label"].as_str().unwrap_or_default(),
                q["hits"],
                q["median_ms"].as_f64().unwrap_or_default(),
                q["p95_ms"].as_f64().unwrap_or_default()
            );
        }
    }
}
