//! Browser end-to-end tests of the built explorer (`dist/`), in headless Chromium driven through chromedriver.
//!
//! Run by `cargo xtask test` (stage `e2e`), which builds `dist/` first and sets `TIFA_DIST` (and `TIFA_AXE`, the
//! path of axe-core for the accessibility audit). By hand:
//!
//! ```text
//! cargo xtask dist
//! TIFA_DIST=$PWD/dist cargo test -p tifa-app --test e2e -- --ignored --test-threads=1
//! ```
//!
//! Expected values come from the core engine run natively on the very asset the page loads (`dist/corpus.tifa`),
//! never from hard-coded titles or counts. Screenshots of every view (light, dark, phone) go to
//! `target/screenshots/`.

#![cfg(unix)]

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::{Value, json};
use support::Browser;
use tifa_corpus::search::{Facet, Index, Query, SearchOptions};

// -----------------------------------------------------------------------------------------------------------------
// Harness
// -----------------------------------------------------------------------------------------------------------------

fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("TIFA_DIST")
        .map(PathBuf::from)
        .expect("TIFA_DIST must name the built dist/ directory (cargo xtask test sets it)");
    assert!(dist.join("index.html").is_file(), "{} has no index.html: run `cargo xtask dist`", dist.display());
    dist
}

/// The index the page loads, decoded natively: the oracle for every count and title.
fn index() -> Index {
    let bytes = std::fs::read(dist_dir().join("corpus.tifa")).expect("dist/corpus.tifa exists");
    let index = tifa_corpus::search::asset::decode(&bytes).expect("the asset decodes");
    assert!(index.corpus.articles.len() > 2, "the default corpus has articles");
    index
}

/// Open the app at a hash and wait until the explorer is on screen.
async fn open(hash: &str) -> Browser {
    Browser::open(&dist_dir(), hash, "main.tifa", Duration::from_secs(30)).await
}

/// Poll a script until it returns true.
async fn wait_until(app: &Browser, condition: &str, what: &str) {
    let start = Instant::now();
    loop {
        if app.eval(&format!("return !!({condition});")).await == json!(true) {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting until {what} ({condition})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The decoded location hash.
async fn hash(app: &Browser) -> String {
    app.eval("return decodeURIComponent(location.hash);").await.as_str().unwrap_or_default().to_string()
}

/// Titles of the listed results.
async fn result_titles(app: &Browser) -> Vec<String> {
    app.texts(".hit .hit-title").await
}

/// What the engine answers for a hash's query, first page.
fn engine_titles(index: &Index, query: &Query) -> (usize, Vec<String>) {
    let r = index.search(query, &SearchOptions { limit: 20, snippets: 0, ..SearchOptions::default() });
    let titles = r
        .hits
        .iter()
        .map(|h| if h.title.trim().is_empty() { tifa_corpus::export::UNTITLED.to_string() } else { h.title.clone() })
        .collect();
    (r.total, titles)
}

/// A search term from the corpus itself that selects some but not all articles.
fn some_term(index: &Index) -> String {
    let all: Vec<u32> = (0..index.corpus.articles.len() as u32).collect();
    let n = all.len();
    index
        .top_terms(&all, 200)
        .into_iter()
        .map(|t| t.term)
        .find(|t| t.chars().count() >= 2 && (2..n).contains(&index.containing(t).len()))
        .expect("some frequent term selects part of the corpus")
}

/// The most frequent value of a facet over the whole corpus, and its article count.
fn top_value(index: &Index, facet: Facet) -> (String, u32) {
    let r = index.search(&Query::default(), &SearchOptions { limit: 0, ..SearchOptions::default() });
    let values = &r.facets[Facet::ALL.iter().position(|f| *f == facet).unwrap_or(0)].values;
    let v = values.first().unwrap_or_else(|| panic!("the corpus has {} values", facet.key()));
    (v.value.clone(), v.count)
}

async fn total_shown(app: &Browser) -> usize {
    let text = app.texts(".total").await.join("");
    text.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(usize::MAX)
}

async fn assert_total(app: &Browser, expected: usize) {
    let start = Instant::now();
    while total_shown(app).await != expected && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let shown = (
        app.texts(".total").await,
        hash(app).await,
        app.eval("return document.querySelector('#search') && document.querySelector('#search').value;").await,
    );
    assert_eq!(total_shown(app).await, expected, "shown: {shown:?}");
    wait_until(app, &format!("document.querySelector('.total') && document.querySelector('.total').textContent.includes('共 {expected} 篇')"), &format!("{expected} results")).await;
    assert_eq!(total_shown(app).await, expected);
}

/// No console errors or warnings since the last call.
async fn assert_clean_console(app: &Browser) {
    let console = app.console().await;
    let bad: Vec<&(String, String)> =
        console.iter().filter(|(level, _)| level == "SEVERE" || level == "WARNING").collect();
    assert!(bad.is_empty(), "console errors or warnings: {bad:#?}");
}

async fn type_search(app: &Browser, text: &str) {
    let input = app.client.find(Locator::Css("#search")).await.expect("the search box");
    input.clear().await.expect("clear the search box");
    input.send_keys(text).await.expect("type in the search box");
}

// -----------------------------------------------------------------------------------------------------------------
// Tests
// -----------------------------------------------------------------------------------------------------------------

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn first_view_lists_the_corpus_with_the_engines_facets() {
    let index = index();
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    assert_total(&app, index.corpus.articles.len()).await;
    let (_, titles) = engine_titles(&index, &Query::default());
    assert_eq!(result_titles(&app).await, titles);
    assert_eq!(app.eval("return document.documentElement.lang;").await, json!("zh-CN"));
    // Theme counts as the engine counts them (the first values shown before "more").
    let r = index.search(&Query::default(), &SearchOptions { limit: 0, ..SearchOptions::default() });
    let themes = &r.facets[Facet::ALL.iter().position(|f| *f == Facet::Theme).unwrap_or(0)].values;
    let shown_names = app.texts("#facet-theme .value .name").await;
    let shown_counts = app.texts("#facet-theme .value .count").await;
    for (i, v) in themes.iter().take(shown_names.len()).enumerate() {
        assert_eq!((&shown_names[i], &shown_counts[i]), (&v.value, &v.count.to_string()));
    }
    assert!(!shown_names.is_empty(), "the theme facet lists values");
    // The region facet is a tree whose roots are provinces.
    let roots = app.texts("#facet-region .tree > li > .node-row .name").await;
    assert!(!roots.is_empty());
    assert!(roots.iter().all(|r| !index.facets.region_parent.contains_key(r)), "tree roots have no parent: {roots:?}");
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn searching_and_combining_facets_agree_with_the_engine() {
    let index = index();
    let term = some_term(&index);
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    type_search(&app, &term).await;
    let query = Query::parse(&term);
    let (total, titles) = engine_titles(&index, &query);
    assert_total(&app, total).await;
    assert_eq!(result_titles(&app).await, titles, "ranked like the engine for {term}");
    assert!(hash(&app).await.contains(&format!("q={term}")), "the query is in the link");
    assert!(!app.texts(".hit .snippet mark.q").await.is_empty(), "snippets highlight the match");

    // Add the first theme value shown, then the first province: counts follow the engine each time.
    let theme = app.texts("#facet-theme .value .name").await.first().cloned().expect("a theme value");
    app.client.find(Locator::Css("#facet-theme .value input")).await.expect("theme box").click().await.expect("click");
    let mut q = query.clone();
    q.filter("theme", &theme).expect("theme is a facet");
    let (total, titles) = engine_titles(&index, &q);
    assert_total(&app, total).await;
    assert_eq!(result_titles(&app).await, titles);
    assert_eq!(app.texts(".chip.removable").await.len(), 1, "one active filter chip");

    let province = app.texts("#facet-region .tree > li .name").await.first().cloned();
    if let Some(province) = province {
        app.client
            .find(Locator::Css("#facet-region .tree > li input"))
            .await
            .expect("region box")
            .click()
            .await
            .expect("click");
        q.filter("region", &province).expect("region is a facet");
        let (total, titles) = engine_titles(&index, &q);
        assert_total(&app, total).await;
        assert_eq!(result_titles(&app).await, titles);
        assert!(hash(&app).await.contains(&format!("region={province}")));
    }
    // Removing the theme chip drops that filter only.
    app.client
        .find(Locator::Css(".chip.removable[data-facet='theme']"))
        .await
        .expect("theme chip")
        .click()
        .await
        .expect("click");
    wait_until(&app, "!location.hash.includes('theme=')", "the theme filter is gone").await;
    // Clear all.
    app.client.find(Locator::Css(".clear-all")).await.expect("clear all").click().await.expect("click");
    assert_total(&app, index.corpus.articles.len()).await;
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn a_link_restores_the_view_and_back_forward_work() {
    let index = index();
    let term = some_term(&index);
    let (theme, _) = top_value(&index, Facet::Theme);
    let link = format!("#/?q={term}&theme={theme}&sort=corpus");
    let app = open(&link).await;
    let mut q = Query::parse(&term);
    q.filter("theme", &theme).expect("facet");
    let options =
        SearchOptions { limit: 20, snippets: 0, sort: tifa_corpus::search::Sort::Corpus, ..SearchOptions::default() };
    let r = index.search(&q, &options);
    assert_total(&app, r.total).await;
    let expected: Vec<String> = r.hits.iter().map(|h| h.title.clone()).collect();
    assert_eq!(result_titles(&app).await, expected, "corpus order restored from the link");
    assert_eq!(app.eval("return document.querySelector('#search').value;").await, json!(term));
    assert_eq!(app.texts("#facet-theme input:checked ~ .name").await, std::slice::from_ref(&theme));

    // Open the first result: the article shows its title and the query highlighted.
    let first = r.hits.first().expect("at least one hit");
    app.client.find(Locator::Css(".hit .hit-title")).await.expect("a result").click().await.expect("click");
    wait_until(&app, "document.querySelector('.reader-head h1')", "the article").await;
    let article = &index.corpus.articles[first.article as usize];
    assert_eq!(app.texts(".reader-head h1").await, std::slice::from_ref(&article.title));
    assert!(hash(&app).await.starts_with(&format!("#/article/{}", article.id)));
    assert!(!app.texts(".reader-text mark.q").await.is_empty(), "the query is highlighted in the article");
    let headings = article.blocks.iter().filter(|b| b.kind == tifa_corpus::BlockKind::Heading).count();
    assert_eq!(app.texts(".outline li").await.len(), headings, "one outline entry per heading");
    // Previous/next follow the result list.
    if let Some(next) = r.hits.get(1) {
        app.client.find(Locator::Css(".result-nav a.next")).await.expect("next").click().await.expect("click");
        let next_article = &index.corpus.articles[next.article as usize];
        wait_until(
            &app,
            &format!("decodeURIComponent(location.hash).startsWith('#/article/{}')", next_article.id),
            "the next article",
        )
        .await;
        app.client.back().await.expect("back");
        wait_until(
            &app,
            &format!("decodeURIComponent(location.hash).startsWith('#/article/{}')", article.id),
            "back to the first",
        )
        .await;
    }
    app.client.back().await.expect("back");
    wait_until(&app, "document.querySelector('.hit')", "the results again").await;
    assert_total(&app, r.total).await;
    app.client.forward().await.expect("forward");
    wait_until(&app, "document.querySelector('.reader-head h1')", "the article again").await;
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn the_keyboard_reaches_everything() {
    let index = index();
    let term = some_term(&index);
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    let body = app.client.find(Locator::Css("body")).await.expect("body");
    body.send_keys("/").await.expect("press /");
    wait_until(&app, "document.activeElement.id === 'search'", "/ focuses the search box").await;
    let input = app.client.find(Locator::Css("#search")).await.expect("search box");
    input.send_keys(&term).await.expect("type");
    input.send_keys(&Key::Enter.to_string()).await.expect("enter");
    let (total, titles) = engine_titles(&index, &Query::parse(&term));
    assert_total(&app, total).await;
    input.send_keys(&Key::Down.to_string()).await.expect("down");
    wait_until(&app, "document.activeElement.classList.contains('hit-title')", "down moves into the results").await;
    let focused = || "return document.activeElement.textContent;";
    assert_eq!(app.eval(focused()).await, json!(titles[0]));
    if titles.len() > 1 {
        app.client.active_element().await.expect("active").send_keys("j").await.expect("j");
        assert_eq!(app.eval(focused()).await, json!(titles[1]));
        app.client.active_element().await.expect("active").send_keys("k").await.expect("k");
        assert_eq!(app.eval(focused()).await, json!(titles[0]));
    }
    app.client.active_element().await.expect("active").send_keys(&Key::Enter.to_string()).await.expect("enter");
    wait_until(&app, "location.hash.startsWith('#/article/')", "Enter opens the article").await;
    app.client.back().await.expect("back");
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    let body = app.client.find(Locator::Css("body")).await.expect("body");
    body.send_keys(&Key::Escape.to_string()).await.expect("escape");
    assert_total(&app, index.corpus.articles.len()).await;
    assert_eq!(app.eval("return document.querySelector('#search').value;").await, json!(""));
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn the_other_views_show_what_the_engine_computes() {
    let index = index();
    let all: Vec<&tifa_corpus::Article> = index.corpus.articles.iter().collect();
    let app = open("#/formulations").await;
    let register = tifa_corpus::enrich::stats::formulation_register_of(all.iter().copied());
    wait_until(&app, "document.querySelector('.formulations-table tbody tr')", "the formulation table").await;
    let rows = app.texts(".formulations-table tbody th").await;
    let expected: Vec<String> = register.iter().take(rows.len()).map(|s| s.text.clone()).collect();
    assert_eq!(rows, expected);
    assert_eq!(rows.len(), register.len().min(60));
    // KWIC of the first formulation.
    app.client.find(Locator::Css(".kwic-open")).await.expect("KWIC button").click().await.expect("click");
    wait_until(&app, "document.querySelector('.kwic-table tr')", "the concordance").await;
    let kws = app.texts(".kwic-table .kw").await;
    assert!(!kws.is_empty());

    app.client.goto(&format!("{}#/terms", app.processes.url())).await.expect("terms");
    wait_until(&app, "document.querySelector('.chart.bars')", "the top-terms chart").await;
    let top = index.top_terms(&(0..all.len() as u32).collect::<Vec<_>>(), 30);
    assert_eq!(app.texts(".chart.bars .bar-row").await.len(), top.len());
    let term = &top[0].term;
    app.client.goto(&format!("{}#/terms?term={term}&kwic=right", app.processes.url())).await.expect("term");
    wait_until(&app, "document.querySelector('.kwic-table tr')", "the term's concordance").await;
    let lines = index.kwic(term, None, 30, tifa_corpus::search::KwicSort::Right);
    assert_eq!(app.texts(".kwic-table .kw").await.len(), lines.len().min(100));
    let rights = app.texts(".kwic-table .right").await;
    assert_eq!(rights.first(), lines.first().map(|l| &l.right), "sorted by right context like the engine");

    app.client.goto(&format!("{}#/regions", app.processes.url())).await.expect("regions");
    wait_until(&app, "document.querySelector('.regions table.data tbody tr')", "the province table").await;
    let provinces = tifa_corpus::enrich::stats::province_counts(all.iter().copied());
    let shown = app.texts(".regions .table-wrap table.data tbody th").await;
    assert_eq!(shown.len(), provinces.len());
    assert_eq!(shown.first(), provinces.first().map(|p| &p.province));

    app.client.goto(&format!("{}#/about", app.processes.url())).await.expect("about");
    wait_until(&app, "document.querySelector('.about table.data')", "the overview").await;
    let found: Vec<String> = index.corpus.sources.iter().map(|s| s.found_count.to_string()).collect();
    assert_eq!(app.texts(".about table.data tbody td:nth-of-type(4)").await, found);
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn english_switch_persists() {
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    app.client.find(Locator::Css(".lang-switch")).await.expect("switch").click().await.expect("click");
    wait_until(&app, "document.documentElement.lang === 'en'", "English").await;
    assert!(app.texts(".site-nav a").await.contains(&"Search".to_string()));
    app.client.refresh().await.expect("reload");
    wait_until(&app, "document.querySelector('.hit')", "results after reload").await;
    assert_eq!(app.eval("return document.documentElement.lang;").await, json!("en"));
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn a_broken_asset_is_explained_in_the_page() {
    let dir = std::env::temp_dir().join(format!("tifa-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for entry in std::fs::read_dir(dist_dir()).expect("dist") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(dir.join("corpus.tifa"), b"TIFAIDX\0 not really").expect("write");
    let app = Browser::open(&dir, "", ".load-error", Duration::from_secs(30)).await;
    let text = app.texts(".load-error").await.join("");
    assert!(text.contains("corpus.tifa"), "names the file: {text}");
    std::fs::remove_file(dir.join("corpus.tifa")).expect("remove");
    app.client.refresh().await.expect("reload");
    wait_until(
        &app,
        "document.querySelector('.load-error') && document.querySelector('.load-error').textContent.includes('404')",
        "a missing asset is explained",
    )
    .await;
    app.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Axe-core's audit of one view: violations of serious or critical impact.
async fn axe_violations(app: &Browser) -> Vec<Value> {
    let Some(axe) = std::env::var_os("TIFA_AXE") else { return Vec::new() };
    let source = std::fs::read_to_string(&axe).expect("read axe-core");
    app.eval(&format!("{source}; return null;")).await;
    let result = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))).catch(e => done([{ id: 'axe-error', help: String(e) }]));",
            Vec::new(),
        )
        .await
        .expect("run axe");
    result.as_array().cloned().unwrap_or_default()
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn every_view_in_light_dark_and_phone_passes_the_accessibility_audit() {
    let index = index();
    let term = some_term(&index);
    let article = &index.corpus.articles[index.containing(&term)[0] as usize];
    let views = [
        ("browse", format!("#/?q={term}")),
        ("article", format!("#/article/{}?q={term}", article.id)),
        ("formulations", "#/formulations".to_string()),
        ("terms", format!("#/terms?term={term}")),
        ("regions", "#/regions".to_string()),
        ("reuse", "#/reuse".to_string()),
        ("about", "#/about".to_string()),
    ];
    let app = open("").await;
    let mut problems = Vec::new();
    for (mode, width) in [("light", 1400), ("dark", 1400), ("phone", 390)] {
        app.client.set_window_size(width, 900).await.expect("window size");
        let scheme = if mode == "dark" { "dark" } else { "light" };
        app.chrome_command(
            "goog/cdp/execute",
            json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "features": [{ "name": "prefers-color-scheme", "value": scheme }] } }),
        )
        .await;
        for (name, hash) in &views {
            app.client.goto(&format!("{}{hash}", app.processes.url())).await.expect("open the view");
            wait_until(&app, "document.querySelector('main.tifa > *')", name).await;
            tokio::time::sleep(Duration::from_millis(150)).await;
            app.screenshot(&format!("{name}-{mode}")).await;
            for v in axe_violations(&app).await {
                problems.push(format!("{name} ({mode}): {v}"));
            }
        }
    }
    assert!(problems.is_empty(), "accessibility violations:\n{}", problems.join("\n"));
    assert_clean_console(&app).await;
    app.close().await;
}

/// Capture the next file the page offers for download: (file name, text, whether it starts with a UTF-8 BOM).
async fn capture_download(app: &Browser, click_selector: &str) -> (String, String, bool) {
    app.eval(
        "window.__downloads = [];
         if (!window.__patched) {
           window.__patched = true;
           const create = URL.createObjectURL;
           URL.createObjectURL = (blob) => { const url = create(blob); window.__blobs = window.__blobs || {}; window.__blobs[url] = blob; return url; };
           HTMLAnchorElement.prototype.click = function () { window.__downloads.push([this.download, this.href]); };
         }
         return null;",
    )
    .await;
    app.client.find(Locator::Css(click_selector)).await.expect("export button").click().await.expect("click");
    let got = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const [name, url] = window.__downloads[0];
             const blob = window.__blobs[url];
             blob.arrayBuffer().then(b => {
               const head = new Uint8Array(b.slice(0, 3));
               const bom = head[0] === 0xEF && head[1] === 0xBB && head[2] === 0xBF;
               blob.text().then(t => done([name, t, bom]));
             });",
            Vec::new(),
        )
        .await
        .expect("read the download");
    serde_json::from_value(got).expect("name and text")
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn exports_are_the_cores_files_for_the_selection() {
    let index = index();
    let term = some_term(&index);
    let app = open(&format!("#/?q={term}")).await;
    let query = Query::parse(&term);
    let (total, _) = engine_titles(&index, &query);
    assert_total(&app, total).await;
    let docs: Vec<u32> = index
        .search(&query, &SearchOptions { limit: usize::MAX, snippets: 0, ..SearchOptions::default() })
        .hits
        .iter()
        .map(|h| h.article)
        .collect();
    let button = |n: usize| format!(".result-bar ~ .export-menu button.export:nth-of-type({n})");
    let (name, csv, bom) = capture_download(&app, &button(1)).await;
    assert!(name.ends_with(".csv") && bom, "a CSV with a byte-order mark for Excel");
    // Blob.text() drops the BOM, as any UTF-8 reader does.
    assert_eq!(
        csv,
        tifa_corpus::export::articles_csv(&index, &docs, Default::default()).trim_start_matches('\u{FEFF}'),
        "same rows as the CLI"
    );
    let (_, json, _) = capture_download(&app, &button(2)).await;
    assert_eq!(json, tifa_corpus::export::articles_json(&index.corpus, &docs));
    let (_, md, _) = capture_download(&app, &button(3)).await;
    let heading = tifa_corpus::export::describe(&term, &[], Default::default());
    assert_eq!(md, tifa_corpus::export::articles_markdown(&index.corpus, &docs, &heading));
    let (_, facets, _) = capture_download(&app, &button(4)).await;
    let counts = index.search(&query, &SearchOptions { limit: 0, ..SearchOptions::default() }).facets;
    assert_eq!(facets, tifa_corpus::export::facets_csv(&counts, Default::default()).trim_start_matches('\u{FEFF}'));
    // The formulation table and a concordance.
    app.client.goto(&format!("{}#/formulations", app.processes.url())).await.expect("formulations");
    wait_until(&app, "document.querySelector('.formulations-table tbody tr')", "the formulation table").await;
    let (_, formulations, bom) = capture_download(&app, ".formulations .export-menu button.export").await;
    let all: Vec<&tifa_corpus::Article> = index.corpus.articles.iter().collect();
    let register = tifa_corpus::enrich::stats::formulation_register_of(all.iter().copied());
    assert!(bom);
    assert_eq!(
        formulations,
        tifa_corpus::export::formulations_csv(&register, Default::default()).trim_start_matches('\u{FEFF}')
    );
    app.client.goto(&format!("{}#/terms?term={term}", app.processes.url())).await.expect("terms");
    wait_until(&app, "document.querySelector('.kwic-table tr')", "the concordance").await;
    let (_, kwic, _) = capture_download(&app, ".kwic .export-menu button.export").await;
    let lines =
        index.kwic(&term, Some(&(0..all.len() as u32).collect::<Vec<_>>()), 30, tifa_corpus::search::KwicSort::Corpus);
    assert_eq!(
        kwic,
        tifa_corpus::export::kwic_csv(&index.corpus, &lines, Default::default()).trim_start_matches('\u{FEFF}')
    );
    // The article page offers its citation.
    let first = &index.corpus.articles[docs[0] as usize];
    app.client.goto(&format!("{}#/article/{}", app.processes.url(), first.id)).await.expect("article");
    wait_until(&app, "document.querySelector('.cite-text')", "the citation").await;
    let expected = tifa_corpus::export::citation(first, index.corpus.sources.get(first.source as usize));
    assert_eq!(app.texts(".cite-text").await, [expected]);
    assert_clean_console(&app).await;
    app.close().await;
}

/// The one-file bundle `tifa bundle` writes, for the default corpus (built afresh once per test run).
fn bundle_file() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let out = std::env::temp_dir().join(format!("tifa-bundle-{}.html", std::process::id()));
            let _ = std::fs::remove_file(&out);
            {
                let status = std::process::Command::new(env!("CARGO"))
                    .args(["run", "--release", "-q", "-p", "tifa", "--", "bundle", "-q", "--site"])
                    .arg(dist_dir())
                    .arg("-o")
                    .arg(&out)
                    .current_dir(env!("CARGO_MANIFEST_DIR"))
                    .status()
                    .expect("run tifa bundle");
                assert!(status.success(), "tifa bundle failed");
            }
            out
        })
        .clone()
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn the_bundle_works_from_disk_with_no_network() {
    let index = index();
    let term = some_term(&index);
    let file = bundle_file();
    let url = format!("file://{}#/?q={term}", file.display());
    let app = Browser::open_url(&url, "main.tifa", Duration::from_secs(60), true).await;
    // The link's state is restored from file:// too.
    let query = Query::parse(&term);
    let (total, titles) = engine_titles(&index, &query);
    assert_total(&app, total).await;
    assert_eq!(result_titles(&app).await, titles);
    // Zero requests beyond the file itself.
    assert_eq!(app.eval("return performance.getEntriesByType('resource').map(e => e.name);").await, json!([]));
    // Facet, article, back: the core journeys.
    let theme = app.texts("#facet-theme .value .name").await.first().cloned().expect("a theme value");
    app.client.find(Locator::Css("#facet-theme .value input")).await.expect("theme box").click().await.expect("click");
    let mut q = query.clone();
    q.filter("theme", &theme).expect("facet");
    let (filtered, _) = engine_titles(&index, &q);
    assert_total(&app, filtered).await;
    app.client.find(Locator::Css(".hit .hit-title")).await.expect("a result").click().await.expect("click");
    wait_until(&app, "document.querySelector('.reader-head h1')", "the article").await;
    app.client.back().await.expect("back");
    assert_total(&app, filtered).await;
    // A Content-Security-Policy is in force and names no network source.
    let policy =
        app.eval("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;").await;
    assert!(policy.as_str().unwrap_or_default().starts_with("default-src 'none'"), "{policy}");
    // The user's own files, too, from disk and offline: the worker travels inside the file.
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/tifa-corpus/tests/fixtures");
    let mut builder = tifa_corpus::CorpusBuilder::new();
    let names = ["blank_one.txt", "numbered_titles.txt", "latin1.txt"];
    for n in names {
        let _ = builder.add(n, &std::fs::read(fixtures.join(n)).expect("fixture"));
    }
    let mine = builder.finish();
    let paths: Vec<String> = names.iter().map(|n| fixtures.join(n).display().to_string()).collect();
    app.client
        .find(Locator::Css("#open-files"))
        .await
        .expect("input")
        .send_keys(&paths.join("\n"))
        .await
        .expect("choose");
    wait_until(&app, "document.querySelectorAll('.file-lines li').length === 3", "a line per file").await;
    assert_total(&app, mine.articles.len()).await;
    assert_eq!(app.texts(".file-lines li.refused .file-name").await, ["latin1.txt"], "an undecodable file is named");
    let fetched = "return performance.getEntriesByType('resource').filter(e => !e.name.startsWith('blob:')).length;";
    assert_eq!(app.eval(fetched).await, json!(0), "still no request beyond the file");
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn markup_in_the_corpus_file_names_and_links_stays_text() {
    // A compilation whose text and file name are made of markup, script URLs and invisible Unicode.
    let dir = std::env::temp_dir().join(format!("tifa-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let name = dir.join("<img src=x onerror=window.__pwned=9>.txt");
    let text = "关于<script>window.__pwned=1</script>作风建设的材料汇编（2篇）\n\n\
                <img src=x onerror=\"window.__pwned=2\">加强作风建设推动高质量发展\n\n\
                一是强化“<b>两个维护</b>”，见javascript:window.__pwned=3。\u{202E}倒序文字\u{202C}以及零宽\u{200B}字符，全县上下形成合力。\n\n\
                二是坚持问题导向<svg onload=window.__pwned=4>，推动各项工作落地见效。\n\n\
                第二篇<iframe src=\"javascript:window.__pwned=5\"></iframe>优化营商环境\n\n\
                全市持续优化营商环境<a href=\"javascript:window.__pwned=6\">点此</a>，企业满意度不断提升。\n";
    std::fs::write(&name, text).expect("write the hostile corpus");
    let out = dir.join("hostile.html");
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--release", "-q", "-p", "tifa", "--", "bundle", "-q", "--site"])
        .arg(dist_dir())
        .arg("-o")
        .arg(&out)
        .arg(&name)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run tifa bundle");
    assert!(status.success(), "tifa bundle of the hostile corpus failed");
    let base = format!("file://{}", out.display());
    let app = Browser::open_url(&format!("{base}#/"), "main.tifa", Duration::from_secs(60), true).await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    // Anything the policy had to stop would mean markup got into the page: count it.
    app.eval("window.__violations = 0; document.addEventListener('securitypolicyviolation', () => window.__violations++); return null;").await;
    let pages = [
        "#/".to_string(),
        "#/?q=<script>".to_string(),
        "#/about".to_string(),
        "#/formulations".to_string(),
        "#/terms?term=<b>".to_string(),
        "#/article/%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D7%3E".to_string(),
        "#/?q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D8%3E&theme=%3Cscript%3Ex%3C/script%3E".to_string(),
    ];
    let ids: Vec<String> = serde_json::from_value(
        app.eval("return Array.from(document.querySelectorAll('.hit')).map(h => h.dataset.id);").await,
    )
    .expect("ids");
    let mut visits: Vec<String> = pages.to_vec();
    visits.extend(ids.iter().map(|id| format!("#/article/{id}")));
    for hash in &visits {
        app.client.goto(&format!("{base}{hash}")).await.expect("open");
        wait_until(&app, "document.querySelector('main.tifa > *')", hash).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let state = app
            .eval(
                "return { pwned: window.__pwned === undefined ? null : window.__pwned, violations: window.__violations,
                          injected: document.querySelectorAll('main img, main iframe, main script, main b, main svg foreignObject, main [onerror], main [onload], main a[href^=\"javascript\"]').length };",
            )
            .await;
        assert_eq!(state, json!({ "pwned": null, "violations": 0, "injected": 0 }), "on {hash}");
    }
    // The markup is visible as text.
    app.client.goto(&format!("{base}#/article/{}", ids[0])).await.expect("open");
    wait_until(&app, "document.querySelector('.reader-text')", "the article").await;
    let mut shown = String::new();
    for id in &ids {
        app.client.goto(&format!("{base}#/article/{id}")).await.expect("open");
        wait_until(&app, "document.querySelector('.reader-text')", "the article").await;
        shown.push_str(
            app.eval("return document.querySelector('main').textContent;").await.as_str().unwrap_or_default(),
        );
    }
    for literal in ["<b>两个维护</b>", "<svg onload=window.__pwned=4>", "\u{202E}倒序文字"] {
        assert!(shown.contains(literal), "{literal:?} is shown as text: {shown}");
    }
    app.client.goto(&format!("{base}#/about")).await.expect("about");
    wait_until(&app, "document.querySelector('.about .file')", "the overview").await;
    assert!(app.texts(".about .file").await.iter().any(|f| f.contains("<img src=x")), "the file name is shown as text");
    assert_clean_console(&app).await;
    app.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn your_own_files_are_read_in_a_worker_each_reported() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/tifa-corpus/tests/fixtures");
    // Four compilations (UTF-8, GBK, UTF-16, no blank lines), binary data named .txt, an empty file, and a file
    // that is not .txt at all.
    let dir = std::env::temp_dir().join(format!("tifa-own-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let copies = [
        ("blank_one.txt", "blank_one.txt"),
        ("blank_one.gbk.txt", "blank_one.gbk.txt"),
        ("blank_one.utf16.txt", "blank_one.utf16.txt"),
        ("no_blanks.txt", "no_blanks.txt"),
        ("binary.bin", "image.txt"),
        ("empty.txt", "empty.txt"),
        ("binary.bin", "notes.pdf"),
    ];
    for (from, to) in copies {
        std::fs::copy(fixtures.join(from), dir.join(to)).expect("copy a fixture");
    }
    let names: Vec<&str> = copies.iter().map(|c| c.1).collect();
    // What the core makes of the .txt files.
    let mut builder = tifa_corpus::CorpusBuilder::new();
    let mut good = 0;
    for n in names.iter().filter(|n| n.ends_with(".txt")) {
        if builder.add(n, &std::fs::read(dir.join(n)).expect("file")).is_ok() {
            good += 1;
        }
    }
    let expected = builder.finish();
    assert_eq!(good, 4, "four compilations among the files");
    let fixtures = dir.clone();

    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    let paths: Vec<String> = names.iter().map(|n| fixtures.join(n).display().to_string()).collect();
    let input = app.client.find(Locator::Css("#open-files")).await.expect("the file input");
    input.send_keys(&paths.join("\n")).await.expect("choose the files");
    wait_until(&app, "document.querySelectorAll('.file-lines li').length === 7", "a line per file").await;
    assert_total(&app, expected.articles.len()).await;
    let refused: Vec<(String, String)> = app
        .texts(".file-lines li.refused .file-name")
        .await
        .into_iter()
        .zip(app.texts(".file-lines li.refused .file-result").await)
        .collect();
    let reason = |name: &str| refused.iter().find(|r| r.0 == name).map(|r| r.1.clone()).unwrap_or_default();
    assert_eq!(refused.len(), 3, "the files that are not compilations are named: {refused:?}");
    assert!(reason("image.txt").contains("不是纯文本"), "binary data is called what it is: {refused:?}");
    assert!(reason("empty.txt").contains("文件是空的"), "{refused:?}");
    assert!(reason("notes.pdf").contains("只读取 .txt"), "{refused:?}");
    app.screenshot("own-files").await;
    // Search works on them; the default corpus is one click away.
    let first = &expected.articles[0];
    let term: String = first
        .blocks
        .iter()
        .find(|b| b.text.chars().count() > 8)
        .map(|b| b.text.chars().take(4).collect())
        .unwrap_or_default();
    type_search(&app, &term).await;
    wait_until(&app, "location.hash.includes('q=')", "the query").await;
    assert!(total_shown(&app).await >= 1, "the user's own text is found");
    let click = |selector: &'static str| {
        let app = &app;
        async move { app.client.find(Locator::Css(selector)).await.expect(selector).click().await.expect("click") }
    };
    click(".own-files .show-default").await;
    assert_total(&app, index().corpus.articles.len()).await;
    // Both together.
    click(".own-files .show-both").await;
    assert_total(&app, index().corpus.articles.len() + expected.articles.len()).await;
    // Kept in the browser across visits: after a reload, one click brings the files back.
    app.client.refresh().await.expect("reload");
    wait_until(&app, "document.querySelector('.own-files .forget')", "the kept files are offered").await;
    assert_eq!(app.texts(".file-lines li").await.len(), 7, "with their report");
    click(".own-files .show-own").await;
    assert_total(&app, expected.articles.len()).await;
    // Until removed.
    app.client.find(Locator::Css(".own-files .forget")).await.expect("remove").click().await.expect("click");
    assert_total(&app, index().corpus.articles.len()).await;
    app.client.refresh().await.expect("reload");
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(app.texts(".own-files").await.is_empty(), "nothing kept after removing");
    assert_clean_console(&app).await;
    app.close().await;
    let _ = std::fs::remove_dir_all(&fixtures);
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn a_fifty_megabyte_file_is_read_without_freezing_the_page() {
    // A synthetic compilation of about 50 MB (deterministic), written to a temporary file.
    let base = tifa_corpus::default_corpus();
    let text = tifa_corpus::synth::compilation(&base, 420, 7);
    assert!(text.len() > 48_000_000, "about 50 MB: {} bytes", text.len());
    let dir = std::env::temp_dir().join(format!("tifa-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("big-compilation.txt");
    std::fs::write(&file, &text).expect("write");
    let articles = tifa_corpus::parse_bytes("big-compilation.txt", text.as_bytes(), Default::default())
        .map(|p| p.source.found_count)
        .expect("the core parses it");
    drop(text);

    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    // Cancel stops the work and leaves the shown corpus as it was.
    let input = app.client.find(Locator::Css("#open-files")).await.expect("the file input");
    input.send_keys(&file.display().to_string()).await.expect("choose the file");
    wait_until(&app, "document.querySelector('.own-files .cancel')", "the cancel button").await;
    app.client.find(Locator::Css(".own-files .cancel")).await.expect("cancel").click().await.expect("click");
    wait_until(&app, "!document.querySelector('.own-files progress')", "the work stopped").await;
    // Still cancelled a while later: the read in progress did not start the worker after all.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(app.texts(".own-status").await, ["已取消。"]);
    assert!(app.texts(".own-files .show-own").await.is_empty(), "no corpus of the cancelled job");
    assert_total(&app, index().corpus.articles.len()).await;
    let input = app.client.find(Locator::Css("#open-files")).await.expect("the file input");
    let start = Instant::now();
    input.send_keys(&file.display().to_string()).await.expect("choose the file");
    // While the worker works, the page still answers: the progress text changes and a script runs at once.
    wait_until(&app, "document.querySelector('.own-files progress')", "progress").await;
    let t = Instant::now();
    app.eval("return 1;").await;
    println!("page answered a script in {:?} while the worker was busy", t.elapsed());
    let deadline = Duration::from_secs(600);
    loop {
        let done = app.eval("return document.querySelector('.file-lines li') !== null && !document.querySelector('.own-files progress');").await;
        if done == json!(true) {
            break;
        }
        assert!(start.elapsed() < deadline, "not done after {deadline:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!("50 MB: {articles} articles read, tagged and indexed in the browser in {:?}", start.elapsed());
    assert_total(&app, articles as usize).await;
    assert_clean_console(&app).await;
    app.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn files_dropped_on_the_page_are_opened() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/tifa-corpus/tests/fixtures");
    let text = std::fs::read_to_string(fixtures.join("single_article.txt")).expect("fixture");
    let mut builder = tifa_corpus::CorpusBuilder::new();
    builder.add("dropped.txt", text.as_bytes()).expect("the core reads it");
    let expected = builder.finish();
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    // A drop as the browser delivers it: a DataTransfer holding a File.
    let script = format!(
        "const dt = new DataTransfer();
         dt.items.add(new File([{}], 'dropped.txt', {{ type: 'text/plain' }}));
         window.dispatchEvent(new DragEvent('dragover', {{ dataTransfer: dt, cancelable: true }}));
         window.dispatchEvent(new DragEvent('drop', {{ dataTransfer: dt, cancelable: true }}));
         return null;",
        serde_json::to_string(&text).expect("JSON string")
    );
    // A drag of plain text is not a file: ignored.
    app.eval(
        "const t = new DataTransfer(); t.setData('text/plain', '作风');
         window.dispatchEvent(new DragEvent('drop', { dataTransfer: t, cancelable: true })); return null;",
    )
    .await;
    assert!(app.texts(".own-files").await.is_empty(), "a text drop opens nothing");
    app.eval(&script).await;
    wait_until(&app, "document.querySelectorAll('.file-lines li').length === 1", "the dropped file's line").await;
    assert_eq!(app.texts(".file-lines .file-name").await, ["dropped.txt"]);
    assert_total(&app, expected.articles.len()).await;
    // After the explorer was rebuilt on the new corpus, a drop is still handled once, not twice.
    app.client.find(Locator::Css(".own-files .show-default")).await.expect("switch").click().await.expect("click");
    assert_total(&app, index().corpus.articles.len()).await;
    app.eval(&script).await;
    wait_until(&app, "document.querySelector('.own-files .show-own[aria-pressed=\"true\"]')", "the dropped file again")
        .await;
    assert_eq!(app.texts(".file-lines li").await.len(), 1, "one line: the drop was handled once");
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn a_real_file_shows_what_was_read_and_its_metadata_lines() {
    // Two scraped gov.cn documents with separators, catalogue records, document numbers, issuers and dates.
    let name = "d3_03_govcn_gb.txt";
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/tifa-corpus/tests/fixtures/real").join(name);
    let bytes = std::fs::read(&file).expect("the real file");
    let parsed = tifa_corpus::parse_bytes(name, &bytes, tifa_corpus::ParseOptions::default()).expect("it parses");
    // The page shows what the worker builds (parsed and tagged: tagging adds notes, such as dates that disagree).
    let opened = tifa_worker::InputFile { name: name.to_string(), bytes: bytes.clone() };
    let built = tifa_worker::build(vec![opened], &mut |_| {}).expect("the worker builds the file");
    let shown = tifa_corpus::search::asset::decode(&built).expect("the asset decodes");
    let read = tifa_corpus::file_summary::FileSummary::of(0, &shown.corpus.sources[0], &shown.corpus.articles);
    assert!(read.metadata_lines() > 0, "the file has metadata lines");

    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    let input = app.client.find(Locator::Css("#open-files")).await.expect("the file input");
    input.send_keys(&file.display().to_string()).await.expect("choose the file");
    wait_until(&app, "document.querySelectorAll('.file-lines li').length === 1", "the file's line").await;
    assert_total(&app, parsed.articles.len()).await;

    // The overview: one row for the file, with its untitled articles, headings, metadata lines and notes.
    app.eval("location.hash = '#/about'; return true;").await;
    wait_until(&app, "document.querySelector('.about .file')", "the overview").await;
    let cells = app
        .eval(&format!(
            "const row = Array.from(document.querySelectorAll('.about tbody tr'))
                 .find(r => r.querySelector('.file').textContent === {name:?});
             return Array.from(row.querySelectorAll('td')).map(td => parseInt(td.textContent, 10));"
        ))
        .await;
    // Columns: encoding, size, declared, found, untitled, headings, metadata lines, notes, …
    let number = |k: usize| cells.get(k).and_then(Value::as_u64).unwrap_or(u64::MAX);
    assert_eq!(number(3), read.articles as u64, "found: {cells}");
    assert_eq!(number(4), read.untitled as u64, "untitled: {cells}");
    assert_eq!(number(5), read.headings as u64, "headings: {cells}");
    assert_eq!(number(6), read.metadata_lines() as u64, "metadata lines: {cells}");
    assert_eq!(number(7), read.notes as u64, "notes: {cells}");
    app.screenshot("real-file-about").await;

    // The reader shows metadata lines as what they are, apart from the running text.
    let article = &parsed.articles[0];
    let meta = article.blocks.iter().filter(|b| b.kind == tifa_corpus::BlockKind::Meta).count();
    app.eval(&format!("location.hash = '#/article/{}'; return true;", article.id)).await;
    wait_until(&app, "document.querySelector('.reader-text')", "the article").await;
    assert_eq!(app.texts(".reader-text .meta-line").await.len(), meta, "one line per metadata block");
    let kinds = app.texts(".reader-text .meta-kind").await;
    assert!(kinds.iter().any(|k| k == "文号") && kinds.iter().any(|k| k == "分隔线"), "kinds named: {kinds:?}");
    app.screenshot("real-file-article").await;
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn dates_give_a_year_facet_a_time_line_and_an_order() {
    // Three national regulations of 1989, 2004 and 1996, each under its promulgation line.
    let (app, shown) = open_real_files(&["d6_04_xzfg_hb.txt"]).await;
    let by_date = |query: &str| {
        let options = tifa_corpus::search::SearchOptions {
            limit: usize::MAX,
            sort: tifa_corpus::search::Sort::Date,
            ..Default::default()
        };
        shown.search(&tifa_corpus::search::Query::parse(query), &options).hits.into_iter().map(|h| h.title).collect()
    };
    let expected: Vec<String> = by_date("");
    let mut years: Vec<String> =
        shown.corpus.articles.iter().filter_map(|a| a.date.as_ref()?.year()).map(|y| y.to_string()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(years.len(), 3, "every regulation is dated");

    assert_eq!(shown.corpus.articles.len(), 3);

    // The year facet lists the years, newest first, with the engine's values.
    assert_eq!(app.texts("#facet-year .value .name").await, years);
    // Ordered by date: oldest first, as the engine orders them.
    app.eval("location.hash = '#/?sort=date'; return true;").await;
    wait_until(&app, "document.querySelector('.sort [aria-pressed=\"true\"]').textContent === '按日期'", "the order")
        .await;
    assert_eq!(app.texts(".hit-title").await, expected);
    // The time line spans the years, gaps included (1989–2004: sixteen bars).
    app.eval("document.querySelector('details.timeline').open = true; return true;").await;
    let bars = app.eval("return document.querySelectorAll('details.timeline rect.bar').length;").await;
    assert_eq!(bars.as_u64(), Some(16), "one bar a year");
    app.screenshot("dates-browse").await;
    // A year filter selects that year's regulation.
    app.eval(&format!("location.hash = '#/?year={}'; return true;", years[1])).await;
    assert_total(&app, 1).await;
    // The reader shows the date with its evidence.
    let article = shown.corpus.articles.iter().find(|a| a.date.is_some()).expect("a dated article");
    app.eval(&format!("location.hash = '#/article/{}'; return true;", article.id)).await;
    wait_until(&app, "document.querySelector('.date-value')", "the date").await;
    assert_eq!(app.texts(".date-value").await, [article.date.as_ref().map(|d| d.value.clone()).unwrap_or_default()]);
    app.screenshot("dates-article").await;
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn regular_expressions_search_mark_and_explain() {
    let index = index();
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    // Typed in the search box like any query: the engine's articles, in the engine's order, matches marked.
    let typed = "re:[一二三四五六七八九十]+是";
    type_search(&app, typed).await;
    let (total, titles) = engine_titles(&index, &Query::parse(typed));
    assert!(total > 0, "the corpus has numbered points");
    assert_total(&app, total).await;
    assert_eq!(result_titles(&app).await, titles);
    let marked = app.texts(".hit .snippet mark.q").await;
    let re = regex::Regex::new("^[一二三四五六七八九十]+是$").expect("valid");
    assert!(!marked.is_empty() && marked.iter().all(|m| re.is_match(m)), "marks are matches: {marked:?}");
    app.screenshot("regex-results").await;
    // The reader marks the matches too.
    app.client.find(Locator::Css("a.hit-title")).await.expect("a hit").click().await.expect("open");
    wait_until(&app, "document.querySelector('.reader-text mark.q')", "marks in the reader").await;
    // The concordance of a pattern: one line per match, as the engine finds them.
    let pattern = tifa_corpus::search::pattern::Pattern::new("[一二三四五六七八九十]+是").expect("valid");
    let lines = index.kwic_of(
        tifa_corpus::search::pattern::Needle::Pattern(&pattern),
        None,
        30,
        tifa_corpus::search::KwicSort::Corpus,
    );
    app.eval(&format!("location.hash = '#/terms?term=' + encodeURIComponent({typed:?}); return true;")).await;
    wait_until(&app, "document.querySelector('.kwic-table tr')", "the concordance").await;
    let rows = app.eval("return document.querySelectorAll('.kwic-table tbody tr').length;").await;
    // The table shows its first hundred lines.
    assert_eq!(rows.as_u64(), Some(lines.len().min(100) as u64));
    // A pattern that cannot be used says why, in the page's language, instead of "nothing found".
    type_search(&app, "re:推进(").await;
    app.eval("location.hash = '#/?q=' + encodeURIComponent('re:推进('); return true;").await;
    wait_until(&app, "document.querySelector('.query-error')", "the explanation").await;
    let why = app.texts(".query-error").await.join("");
    assert!(why.contains("正则表达式有误"), "{why}");
    assert!(app.texts(".empty").await.is_empty(), "no 'nothing found' beside it");
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn searching_in_headings_lists_each_heading_with_its_article() {
    let index = index();
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    type_search(&app, "作风").await;
    wait_until(&app, "location.hash.includes('q=')", "the query").await;
    // The scope control: headings only.
    app.client
        .find(Locator::Css(".scope button:nth-of-type(3)"))
        .await
        .expect("headings")
        .click()
        .await
        .expect("click");
    wait_until(&app, "location.hash.includes('in=headings')", "the scope in the link").await;
    let mut query = Query::parse("作风");
    query.scope = tifa_corpus::search::Scope::Headings;
    let (total, _) = engine_titles(&index, &query);
    assert_total(&app, total).await;
    let docs: Vec<u32> = index
        .search(&query, &SearchOptions { limit: 20, ..SearchOptions::default() })
        .hits
        .iter()
        .map(|h| h.article)
        .collect();
    let expected: Vec<String> = index.field_hits(&docs, &query).into_iter().map(|h| h.text).collect();
    assert!(!expected.is_empty());
    wait_until(&app, "document.querySelector('.field-hit')", "the headings").await;
    assert_eq!(app.texts(".field-hit .field-text").await, expected, "each matching heading, as the engine lists them");
    assert!(!app.texts(".field-hit mark.q").await.is_empty(), "the matches are marked");
    app.screenshot("headings").await;
    let violations = axe_violations(&app).await;
    assert!(violations.is_empty(), "accessibility: {violations:#?}");
    // Each can be copied with its citation (headless Chromium keeps the clipboard to itself: the button is checked).
    assert_eq!(app.texts(".field-hit .copy-field").await.len(), expected.len());
    // The heading links to its article.
    app.client.find(Locator::Css(".field-hit a.field-article")).await.expect("link").click().await.expect("open");
    wait_until(&app, "document.querySelector('.reader-text')", "the article").await;
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn decades_for_long_spans_and_the_years_a_text_speaks_of() {
    // Three regulations of 1989, 1996 and 2004 and the government work report of 2022: a span of decades.
    let (app, shown) = open_real_files(&["d6_04_xzfg_hb.txt", "d5_08_gwr2022_untitled.txt"]).await;
    let facet = |f: Facet| -> Vec<String> {
        let r = shown.search(&Query::default(), &SearchOptions { limit: 0, ..SearchOptions::default() });
        r.facets[Facet::ALL.iter().position(|x| *x == f).unwrap_or(0)].values.iter().map(|v| v.value.clone()).collect()
    };
    assert_eq!(facet(Facet::Decade), ["2020s", "2000s", "1990s", "1980s"]);
    assert_eq!(app.texts("#facet-decade .value .name").await, facet(Facet::Decade));
    // Years and plans the texts speak of, as the engine counts them; one of them filters.
    let mentioned = facet(Facet::Mentioned);
    assert!(mentioned.iter().any(|m| m == "十四五"), "the 2022 report speaks of the 14th five-year plan");
    assert_eq!(app.texts("#facet-mentioned .value .name").await, mentioned);
    app.eval("location.hash = '#/?mentioned=' + encodeURIComponent('十四五'); return true;").await;
    let expected = shown.matching(&{
        let mut q = Query::default();
        q.filter("mentioned", "十四五").expect("a facet");
        q
    });
    assert_total(&app, expected.len()).await;
    // The reader lists them, each with its first mention.
    let article = &shown.corpus.articles[expected[0] as usize];
    app.eval(&format!("location.hash = '#/article/{}'; return true;", article.id)).await;
    wait_until(&app, "document.querySelector('.mentions li')", "the years spoken of").await;
    assert_eq!(app.texts(".mentions li").await.len(), article.time_mentions.len());
    app.screenshot("dates-mentions").await;
    // A short span has no decade facet.
    let (short, _) = open_real_files(&["d6_04_xzfg_hb.txt"]).await;
    assert!(short.texts("#facet-decade").await.is_empty(), "1989–2004 needs no decades");
    short.close().await;
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn a_formulations_life_shows_when_and_where_it_was_used() {
    // Two national government work reports four years apart.
    let (app, shown) = open_real_files(&["d5_02_gwr2018_part.txt", "d5_08_gwr2022_untitled.txt"]).await;
    let register = tifa_corpus::enrich::stats::formulation_register(&shown.corpus);
    let used = register.iter().find(|s| s.life.by_year.len() == 2).expect("a formulation used in both years");
    let span = format!(
        "{} – {}",
        used.life.first_date.clone().unwrap_or_default(),
        used.life.last_date.clone().unwrap_or_default()
    );

    let text = &used.text;
    app.eval(&format!("location.hash = '#/formulations?term=' + encodeURIComponent({text:?}); return true;")).await;
    wait_until(&app, "document.querySelector('.life-span')", "the formulation's life").await;
    let life = app.texts(".life-span").await.join("");
    assert!(life.ends_with(&span), "{life} ends with {span}");
    let bars = app.eval("return document.querySelectorAll('.life rect.bar').length;").await;
    assert_eq!(bars.as_u64(), Some(5), "one bar a year, 2018 to 2022");
    app.screenshot("formulation-life").await;
    // The table by year, as the core writes it.
    let (_, by_year, bom) = capture_download(&app, ".formulations .export-menu button.export:nth-of-type(2)").await;
    assert!(bom);
    assert_eq!(
        by_year,
        tifa_corpus::export::formulations_by_year_csv(&register, Default::default()).trim_start_matches('\u{FEFF}')
    );
    assert_clean_console(&app).await;
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn shared_passages_show_both_copies_and_the_corpus_view_ranks_pairs() {
    // The 2018 and 2022 national government work reports close with the same words of thanks.
    let (app, shown) = open_real_files(&["d5_02_gwr2018_part.txt", "d5_08_gwr2022_untitled.txt"]).await;
    let reuse = &shown.data.reuse;
    assert_eq!(reuse.pairs.len(), 1, "the worker found the shared passage");
    let pair = &reuse.pairs[0];
    // The later report: its passage came from the earlier one.
    let later = if pair.direction == Some(tifa_corpus::reuse::Direction::AToB) { &pair.b } else { &pair.a };
    app.eval(&format!("location.hash = '#/article/{later}'; return true;")).await;
    wait_until(&app, "document.querySelector('.shared-passages .passage')", "the shared passages").await;
    assert_eq!(app.texts(".shared-passages .passage").await.len(), pair.passages.len());
    assert!(
        app.texts(".shared-with .direction").await.iter().all(|d| d.starts_with("来自")),
        "from the earlier report"
    );
    app.screenshot("reuse-article").await;
    let violations = axe_violations(&app).await;
    assert!(violations.is_empty(), "accessibility: {violations:#?}");
    // The corpus view: one row per pair.
    app.eval("location.hash = '#/reuse'; return true;").await;
    wait_until(&app, "document.querySelector('.reuse-pairs tbody tr')", "the pairs").await;
    assert_eq!(app.texts(".reuse-pairs tbody tr").await.len(), reuse.pairs.len());
    app.screenshot("reuse-corpus").await;
    // The shared passages as CSV, as the core writes them.
    let (_, table, bom) = capture_download(&app, ".reuse .export-menu button.export").await;
    assert!(bom);
    let expected = tifa_corpus::export::reuse_csv(&shown.corpus, &reuse.pairs, Default::default());
    assert_eq!(table, expected.trim_start_matches('\u{FEFF}'));
    // With the default corpus: a worker finds the reuse between the two, the page merges the rest.
    let both = tifa_corpus::search::merge::merge(&index(), &shown);
    app.client.find(Locator::Css(".own-files .show-both")).await.expect("both").click().await.expect("click");
    assert_total(&app, both.corpus.articles.len()).await;
    app.eval("location.hash = '#/reuse'; return true;").await;
    wait_until(&app, "document.querySelector('.reuse-pairs tbody tr')", "the pairs of both").await;
    assert_eq!(app.texts(".reuse-pairs tbody tr").await.len(), both.data.reuse.pairs.len());
    assert_clean_console(&app).await;
    app.close().await;
}

/// Real files of the development set, opened in the page as a user opens them, and what the worker builds from them
/// (what the page then shows), computed natively.
async fn open_real_files(names: &[&str]) -> (Browser, Index) {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/tifa-corpus/tests/fixtures/real");
    let files: Vec<tifa_worker::InputFile> = names
        .iter()
        .map(|n| tifa_worker::InputFile { name: n.to_string(), bytes: std::fs::read(real.join(n)).expect("real file") })
        .collect();
    let built = tifa_worker::build(files, &mut |_| {}).expect("the worker builds the files");
    let shown = tifa_corpus::search::asset::decode(&built).expect("the asset decodes");
    let app = open("").await;
    wait_until(&app, "document.querySelector('.hit')", "results").await;
    let paths: Vec<String> = names.iter().map(|n| real.join(n).display().to_string()).collect();
    let input = app.client.find(Locator::Css("#open-files")).await.expect("the file input");
    input.send_keys(&paths.join("\n")).await.expect("choose the files");
    let lines = format!("document.querySelectorAll('.file-lines li').length === {}", names.len());
    wait_until(&app, &lines, "a line per file").await;
    assert_total(&app, shown.corpus.articles.len()).await;
    (app, shown)
}
