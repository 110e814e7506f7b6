//! Browser end-to-end tests of the built web app (`dist/`), in headless Chromium driven through chromedriver.
//!
//! Run by `cargo xtask test` (stage `e2e`), which builds `dist/` first and sets `TIFA_DIST`. By hand:
//!
//! ```text
//! cargo xtask dist
//! TIFA_DIST=$PWD/dist cargo test -p tifa-app --test e2e -- --ignored --test-threads=1
//! ```
//!
//! Each test serves `$TIFA_DIST` on a free port, starts its own chromedriver (and so its own Chromium with a fresh
//! profile), and stops them again, also when the test fails. Expected values come from the core crate, never from
//! hard-coded titles or counts.

#![cfg(unix)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;
use support::Browser;
use tifa_corpus::{Article, BlockKind, Corpus};
/// What the app shows in place of a title the source lost (see `src/components/article_item.rs`).
const UNTITLED: &str = "（无标题）";

// -----------------------------------------------------------------------------------------------------------------
// Harness
// -----------------------------------------------------------------------------------------------------------------

type App = Browser;

/// Serve `$TIFA_DIST` and open the app, waiting until it has rendered.
async fn open_app() -> App {
    Browser::open(&dist_dir(), "", "main.tifa", Duration::from_secs(30)).await
}

/// The list item of an article.
async fn article_item(app: &App, article: &Article) -> fantoccini::elements::Element {
    app.client
        .find(Locator::Css(&format!("li.article[data-id=\"{}\"]", article.id)))
        .await
        .unwrap_or_else(|error| panic!("no list item for article {} ({error})", article.id))
}

fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("TIFA_DIST")
        .map(PathBuf::from)
        .expect("TIFA_DIST must name the built dist/ directory (cargo xtask test sets it)");
    assert!(dist.join("index.html").is_file(), "{} has no index.html: run `cargo xtask dist`", dist.display());
    dist
}

/// The default corpus as the core parses it; the tests need articles to look at.
fn corpus() -> Corpus {
    let corpus = tifa_corpus::default_corpus();
    assert!(!corpus.articles.is_empty(), "the core parser found no articles in the default corpus");
    corpus
}

fn shown_title(title: &str) -> String {
    if title.trim().is_empty() { UNTITLED.to_string() } else { title.to_string() }
}

fn texts_of_kind(article: &Article, kind: BlockKind) -> Vec<String> {
    article.blocks.iter().filter(|block| block.kind == kind).map(|block| block.text.clone()).collect()
}

// -----------------------------------------------------------------------------------------------------------------
// Tests
// -----------------------------------------------------------------------------------------------------------------

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn shows_the_compilation_title_and_one_item_per_article() {
    let corpus = corpus();
    let app = open_app().await;

    let expected_titles: Vec<String> =
        corpus.sources.iter().map(|source| source.title.clone().unwrap_or_else(|| source.name.clone())).collect();
    assert_eq!(app.texts(".source-title").await, expected_titles);
    assert_eq!(app.eval("return document.documentElement.lang;").await, json!("zh-CN"));
    let page_title = app.client.title().await.expect("page title");
    assert!(page_title.contains("提法"), "page title {page_title:?}");

    let expected_found: Vec<String> =
        corpus.sources.iter().map(|source| format!("{} 篇", source.found_count)).collect();
    assert_eq!(app.texts(".found-count").await, expected_found);
    let expected_declared: Vec<String> = corpus
        .sources
        .iter()
        .map(|source| source.declared_count.map_or("未声明".to_string(), |n| format!("{n} 篇")))
        .collect();
    assert_eq!(app.texts(".declared-count").await, expected_declared);

    let items = app.client.find_all(Locator::Css("ol.articles > li.article")).await.expect("article items");
    assert_eq!(items.len(), corpus.articles.len(), "one list item per article");
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn shows_the_article_titles_in_the_core_order() {
    let corpus = corpus();
    let app = open_app().await;

    let expected: Vec<String> = corpus.articles.iter().map(|article| shown_title(&article.title)).collect();
    assert_eq!(app.texts("li.article .article-title").await, expected);
    let ordinals: Vec<String> = corpus.articles.iter().map(|article| article.ordinal.to_string()).collect();
    assert_eq!(app.texts("li.article .article-ordinal").await, ordinals);
    let counts: Vec<String> = corpus
        .articles
        .iter()
        .map(|article| format!("{} 段", texts_of_kind(article, BlockKind::Paragraph).len()))
        .collect();
    assert_eq!(app.texts("li.article .paragraph-count").await, counts);
    // Nothing is expanded yet.
    assert!(app.texts(".article-body").await.is_empty());
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn expanding_an_article_shows_its_headings_and_paragraphs() {
    let corpus = corpus();
    let article = corpus
        .articles
        .iter()
        .find(|article| article.blocks.iter().any(|block| block.kind == BlockKind::Paragraph))
        .expect("the core found at least one article with paragraphs");
    let app = open_app().await;

    let item = article_item(&app, article).await;
    let toggle = item.find(Locator::Css("button.article-toggle")).await.expect("the article's toggle button");
    assert_eq!(toggle.attr("aria-expanded").await.expect("aria-expanded").as_deref(), Some("false"));
    toggle.click().await.expect("click the article");
    item.find(Locator::Css(".article-body")).await.expect("the article body appears");
    assert_eq!(toggle.attr("aria-expanded").await.expect("aria-expanded").as_deref(), Some("true"));

    let selector = |inner: &str| format!("li.article[data-id=\"{}\"] .article-body {inner}", article.id);
    assert_eq!(app.texts(&selector("p.paragraph")).await, texts_of_kind(article, BlockKind::Paragraph));
    assert_eq!(app.texts(&selector(".heading")).await, texts_of_kind(article, BlockKind::Heading));
    // Blocks in reading order, whatever their kind.
    let all: Vec<String> = article.blocks.iter().map(|block| block.text.clone()).collect();
    assert_eq!(app.texts(&selector(":is(p.paragraph, .heading)")).await, all);
    // Only this article is open.
    assert_eq!(app.texts(".article-body").await.len(), 1);

    toggle.click().await.expect("click the article again");
    assert!(app.texts(".article-body").await.is_empty(), "a second click collapses the article");
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn has_no_console_errors_when_loading_and_expanding_everything() {
    let corpus = corpus();
    let app = open_app().await;
    // Open every article, so every block is rendered once.
    app.eval("document.querySelectorAll('button.article-toggle').forEach(b => b.click()); return null;").await;
    let bodies = app.texts(".article-body").await.len();
    assert_eq!(bodies, corpus.articles.len(), "every article expanded");

    let console = app.console().await;
    let errors: Vec<&(String, String)> = console.iter().filter(|(level, _)| level == "SEVERE").collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let warnings: Vec<&(String, String)> = console.iter().filter(|(level, _)| level == "WARNING").collect();
    assert!(warnings.is_empty(), "console warnings: {warnings:#?}");
    app.close().await;
}

#[tokio::test]
#[ignore = "browser test: run by cargo xtask test"]
async fn screenshots_in_light_and_dark() {
    let corpus = corpus();
    let app = open_app().await;
    let light = app.screenshot("list").await;
    let background = "return getComputedStyle(document.body).backgroundColor;";
    let light_background = app.eval(background).await;

    // Prefer an article with headings, to see both kinds of block.
    let with_heading =
        corpus.articles.iter().find(|article| article.blocks.iter().any(|block| block.kind == BlockKind::Heading));
    if let Some(article) = with_heading.or(corpus.articles.first()) {
        let item = article_item(&app, article).await;
        item.find(Locator::Css("button.article-toggle")).await.expect("toggle").click().await.expect("click");
        item.find(Locator::Css(".article-body")).await.expect("the article body appears");
    }
    let expanded = app.screenshot("expanded").await;

    app.chrome_command(
        "goog/cdp/execute",
        json!({
            "cmd": "Emulation.setEmulatedMedia",
            "params": { "features": [{ "name": "prefers-color-scheme", "value": "dark" }] },
        }),
    )
    .await;
    assert_ne!(app.eval(background).await, light_background, "dark mode changes the background");
    let dark = app.screenshot("expanded-dark").await;

    for path in [light, expanded, dark] {
        println!("screenshot: {}", path.display());
    }
    app.close().await;
}
