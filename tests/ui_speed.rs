//! The explorer's speed in headless Chromium: time to the first usable view and the latency of each interaction
//! (from the change of the URL hash to the DOM showing the new state), on one or more builds of `dist/` with
//! different corpus assets. Run by `cargo xtask report`, which builds them and prints the table; it writes
//! `target/ui-speed.json`. Expected states come from the core engine on the same asset; the test fails only if
//! the page never reaches them (no timing thresholds: machines are shared and noisy).

#![cfg(unix)]

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::Browser;
use tifa_corpus::search::{Facet, Index, Query, SearchOptions};

/// Timed repetitions of each interaction.
const RUNS: usize = 15;

/// Time, in milliseconds, from setting `hash` to `condition` holding in the DOM, and to the next frame.
const MEASURE: &str = r##"
const [hash] = arguments;
const done = arguments[arguments.length - 1];
const holds = () => !!(CONDITION);
if (decodeURIComponent(location.hash) === hash && holds()) { done([0, 0]); return; }
// Already showing the target state (e.g. "" and "#/"): nothing will change in the DOM; just take the hash.
if (holds()) {
  window.addEventListener('hashchange', () => setTimeout(() => done([0, 0]), 0), { once: true });
  location.hash = hash;
  return;
}
const t0 = performance.now();
let finished = false;
const finish = () => {
  if (finished) return;
  finished = true;
  observer.disconnect();
  const dom = performance.now() - t0;
  requestAnimationFrame(() => { const frame = performance.now() - t0; setTimeout(() => done([dom, frame]), 0); });
};
const observer = new MutationObserver(() => { if (holds()) finish(); });
observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
location.hash = hash;
setTimeout(() => { if (!finished) { finished = true; observer.disconnect(); done(null); } }, 20000);
"##;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn measure(app: &Browser, from: &str, from_ready: &str, to: &str, ready: &str) -> (f64, f64) {
    let mut dom = Vec::new();
    let mut frame = Vec::new();
    let script = |condition: &str| MEASURE.replace("CONDITION", condition);
    let mut retried = 0;
    while dom.len() < RUNS {
        // The condition is part of the script (the page's policy forbids building code from strings).
        let back = app.client.execute_async(&script(from_ready), vec![json!(from)]).await.expect("run");
        assert!(!back.is_null(), "never reached {from} ({from_ready})");
        let r = app.client.execute_async(&script(ready), vec![json!(to)]).await.expect("run");
        let Ok(r) = serde_json::from_value::<Vec<f64>>(r.clone()) else {
            // Once in a while the page's write of the previous address lands after the new one: run it again.
            let state = app.eval("return [location.hash, document.querySelector('.total') && document.querySelector('.total').textContent];").await;
            retried += 1;
            assert!(retried <= 2, "never reached {to} ({ready}): {r:?}, the page shows {state}");
            println!("run again: {to} not reached, the page showed {state}");
            continue;
        };
        dom.push(r[0]);
        frame.push(r[1]);
    }
    (median(dom), median(frame))
}

/// When the first view was on screen, in ms since navigation started (the app records it).
async fn ready(app: &Browser) -> f64 {
    app.eval("return parseFloat(document.documentElement.dataset.readyMs);").await.as_f64().unwrap_or(f64::NAN)
}

fn total_is(n: usize) -> String {
    format!("document.querySelector('.total') && document.querySelector('.total').textContent === '共 {n} 篇'")
}

#[tokio::test]
#[ignore = "browser measurement: run by cargo xtask report"]
async fn interaction_latency_in_headless_chromium() {
    let dists = std::env::var("TIFA_REPORT_DISTS").expect("TIFA_REPORT_DISTS=label=dir,… (cargo xtask report sets it)");
    let mut rows = Vec::new();
    for pair in dists.split(',') {
        let (label, dir) = pair.split_once('=').expect("label=dir");
        let dir = std::path::PathBuf::from(dir);
        let bytes = std::fs::read(dir.join("corpus.tifa")).expect("the build has corpus.tifa");
        let index: Index = tifa_corpus::search::asset::decode(&bytes).expect("the asset decodes");
        let n = index.corpus.articles.len();
        // A frequent term that selects part of the corpus, and the top theme among its results.
        let all: Vec<u32> = (0..n as u32).collect();
        let term = index
            .top_terms(&all, 100)
            .into_iter()
            .map(|t| t.term)
            .find(|t| t.chars().count() >= 2 && (2..n).contains(&index.containing(t).len()))
            .expect("a term");
        let q = Query::parse(&term);
        let found = index.search(&q, &SearchOptions { limit: 1, ..SearchOptions::default() });
        let theme_at = Facet::ALL.iter().position(|f| *f == Facet::Theme).unwrap_or(0);
        // A theme that narrows the results, so that the timed change is a real one.
        let theme = found.facets[theme_at]
            .values
            .iter()
            .find(|v| (v.count as usize) < found.total)
            .expect("a theme that narrows the results")
            .value
            .clone();
        let mut filtered = q.clone();
        filtered.filter("theme", &theme).expect("facet");
        let filtered_total = index.matching(&filtered).len();
        let first = &index.corpus.articles[found.hits[0].article as usize];

        // Cold start: a fresh browser profile.
        let app = Browser::open(&dir, "", "main.tifa .hit", Duration::from_secs(120)).await;
        let cold = ready(&app).await;
        let mut warm = Vec::new();
        for _ in 0..5 {
            app.client.refresh().await.expect("reload");
            app.client
                .wait()
                .at_most(Duration::from_secs(120))
                .for_element(fantoccini::Locator::Css("main.tifa .hit"))
                .await
                .expect("results after reload");
            warm.push(ready(&app).await);
        }
        let all_total = total_is(n);
        let search = measure(&app, "#/", &all_total, &format!("#/?q={term}"), &total_is(found.total)).await;
        let facet = measure(
            &app,
            &format!("#/?q={term}"),
            &total_is(found.total),
            &format!("#/?q={term}&theme={theme}"),
            &total_is(filtered_total),
        )
        .await;
        let article = measure(
            &app,
            &format!("#/?q={term}"),
            &total_is(found.total),
            &format!("#/article/{}?q={term}", first.id),
            &format!("document.querySelector('.reader[data-id=\"{}\"] .reader-text mark.q')", first.id),
        )
        .await;
        let terms = measure(
            &app,
            "#/",
            &all_total,
            &format!("#/terms?q={term}&term={term}"),
            "document.querySelector('.kwic-table tr') && document.querySelector('.chart.bars')",
        )
        .await;
        let formulations =
            measure(&app, "#/", &all_total, "#/formulations", "document.querySelector('.formulations-table tbody tr')")
                .await;
        let regions = measure(
            &app,
            "#/",
            &all_total,
            "#/regions",
            "document.querySelector('.regions .chart.bars, .regions .empty')",
        )
        .await;
        // Regular expressions: one with a literal the bigram filter can use, and a broad one it cannot.
        let regex = |pattern: &str| {
            let typed = format!("re:{pattern}");
            let total = index.matching(&Query::parse(&typed)).len();
            // Percent-encoded, as the page writes it: the pattern's `(`, `|` and `[` stay data.
            let encoded: String = url::form_urlencoded::byte_serialize(typed.as_bytes()).collect();
            (format!("#/?q={encoded}"), total_is(total))
        };
        let (literal_hash, literal_ready) = regex("(深入|扎实)推进");
        let regex_literal = measure(&app, "#/", &all_total, &literal_hash, &literal_ready).await;
        let (broad_hash, broad_ready) = regex("[一二三四五六七八九十]+是");
        let regex_broad = measure(&app, "#/", &all_total, &broad_hash, &broad_ready).await;
        app.close().await;
        let row = json!({
            "regex_literal_ms": regex_literal.0, "regex_literal_frame_ms": regex_literal.1,
            "regex_broad_ms": regex_broad.0, "regex_broad_frame_ms": regex_broad.1,
            "label": label, "articles": n, "term": term, "asset_bytes": bytes.len(),
            "cold_ready_ms": cold, "warm_ready_ms": median(warm),
            "search_ms": search.0, "search_frame_ms": search.1,
            "facet_ms": facet.0, "facet_frame_ms": facet.1,
            "article_ms": article.0, "article_frame_ms": article.1,
            "terms_ms": terms.0, "terms_frame_ms": terms.1,
            "formulations_ms": formulations.0, "formulations_frame_ms": formulations.1,
            "regions_ms": regions.0, "regions_frame_ms": regions.1,
        });
        println!("{row}");
        rows.push(row);
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("ui-speed.json");
    std::fs::write(&out, serde_json::to_string_pretty(&Value::Array(rows)).unwrap_or_default()).expect("write");
}

/// Record the longest gap between two animation frames on the page from now on (`window.tifaGap()` reads it and
/// starts again): how long the page could not paint or answer.
const WATCH_FRAMES: &str = r#"
let longest = 0, last = performance.now();
const tick = (t) => { longest = Math.max(longest, t - last); last = t; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
window.tifaGap = () => { const g = Math.max(longest, performance.now() - last); longest = 0; last = performance.now(); return g; };
return true;
"#;

/// Wait (in real time, polling) until `condition` holds; the seconds it took from `since`.
async fn seconds_until(app: &Browser, condition: &str, since: std::time::Instant, what: &str) -> f64 {
    let deadline = Duration::from_secs(600);
    loop {
        if app.eval(&format!("return !!({condition});")).await == json!(true) {
            return since.elapsed().as_secs_f64();
        }
        assert!(since.elapsed() < deadline, "{what}: not done after {deadline:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "browser measurement: run by cargo xtask report"]
async fn own_files_at_100x_are_built_in_the_worker_while_the_page_paints() {
    let dists = std::env::var("TIFA_REPORT_DISTS").expect("TIFA_REPORT_DISTS=label=dir,… (cargo xtask report sets it)");
    let dir = dists.split(',').find_map(|p| p.strip_prefix("1x=")).expect("the default corpus's build");
    let dir = std::path::PathBuf::from(dir);
    let shipped =
        tifa_corpus::search::asset::decode(&std::fs::read(dir.join("corpus.tifa")).expect("asset")).expect("decodes");
    let text = tifa_corpus::synth::compilation(&tifa_corpus::default_corpus(), 100, 42);
    let file = std::env::temp_dir().join(format!("tifa-own-100x-{}.txt", std::process::id()));
    std::fs::write(&file, &text).expect("write the file");
    let articles = tifa_corpus::parse_bytes("own.txt", text.as_bytes(), Default::default())
        .map(|p| p.source.found_count as usize)
        .expect("the core parses it");
    drop(text);

    let app = Browser::open(&dir, "", "main.tifa .hit", Duration::from_secs(120)).await;
    app.eval(WATCH_FRAMES).await;
    let input = app.client.find(fantoccini::Locator::Css("#open-files")).await.expect("the file input");
    let start = std::time::Instant::now();
    input.send_keys(&file.display().to_string()).await.expect("choose the file");
    let build = seconds_until(&app, &total_is(articles), start, "the build").await;
    let build_gap = app.eval("return window.tifaGap();").await.as_f64().unwrap_or(f64::NAN);
    let both = app.client.find(fantoccini::Locator::Css(".own-files .show-both")).await.expect("both");
    let start = std::time::Instant::now();
    both.click().await.expect("click");
    let combine = seconds_until(&app, &total_is(shipped.corpus.articles.len() + articles), start, "both").await;
    let combine_gap = app.eval("return window.tifaGap();").await.as_f64().unwrap_or(f64::NAN);
    app.close().await;
    let _ = std::fs::remove_file(&file);
    let row = json!({
        "articles": articles, "build_s": build, "build_longest_frame_ms": build_gap,
        "combine_s": combine, "combine_longest_frame_ms": combine_gap,
    });
    println!("{row}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("worker-speed.json");
    std::fs::write(&out, serde_json::to_string_pretty(&row).unwrap_or_default()).expect("write");
}
