//! Browser benchmark harness: fetches the search assets named in the page's `?assets=` parameter, decodes each
//! (timed), runs the query mix of `tifa_corpus::search::probe` with `performance.now()`, and writes the results as
//! JSON into `<pre id="results" data-done>` for the test driver to read.

use serde::Serialize;
use tifa_corpus::search::{asset, probe};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Measurements for one asset.
#[derive(Serialize)]
struct Row {
    asset: String,
    bytes: usize,
    fetch_ms: f64,
    decode_ms: f64,
    articles: usize,
    queries: Vec<probe::Latency>,
}

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let text = match run().await {
            Ok(rows) => serde_json::to_string(&rows).unwrap_or_default(),
            Err(e) => serde_json::json!({ "error": e }).to_string(),
        };
        if let Some(pre) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("results")) {
            pre.set_text_content(Some(&text));
            let _ = pre.set_attribute("data-done", "1");
        }
    });
}

async fn run() -> Result<Vec<Row>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let perf = window.performance().ok_or("no performance clock")?;
    let params = window.location().search().map_err(|_| "no location")?;
    let param = |name: &str| {
        params
            .trim_start_matches('?')
            .split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .map(String::from)
    };
    let assets = param("assets").ok_or("add ?assets=corpus-1x.tifa,… to the URL")?;
    let runs: usize = param("runs").and_then(|r| r.parse().ok()).unwrap_or(51);
    let mut rows = Vec::new();
    for name in assets.split(',').filter(|n| !n.is_empty()) {
        let t0 = perf.now();
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(name))
            .await
            .map_err(|_| format!("cannot fetch {name}"))?
            .dyn_into()
            .map_err(|_| "not a response")?;
        if !response.ok() {
            return Err(format!("{name}: HTTP {}", response.status()));
        }
        let buffer =
            JsFuture::from(response.array_buffer().map_err(|_| "no body")?).await.map_err(|_| "read failed")?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let t1 = perf.now();
        let index = asset::decode(&bytes).map_err(|e| format!("{name}: {e}"))?;
        let t2 = perf.now();
        let queries = probe::latencies(&index, runs, || perf.now());
        rows.push(Row {
            asset: name.to_string(),
            bytes: bytes.len(),
            fetch_ms: t1 - t0,
            decode_ms: t2 - t1,
            articles: index.documents.len(),
            queries,
        });
    }
    Ok(rows)
}
