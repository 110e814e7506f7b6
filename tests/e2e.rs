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

#[allow(dead_code)]
#[path = "../xtask/src/static_server.rs"]
mod static_server;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use static_server::StaticServer;
use tifa_corpus::{Article, BlockKind, Corpus};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// What the app shows in place of a title the source lost (see `src/components/article_item.rs`).
const UNTITLED: &str = "（无标题）";

// -----------------------------------------------------------------------------------------------------------------
// Harness
// -----------------------------------------------------------------------------------------------------------------

/// The static server, chromedriver and the browser's profile directory. Dropping it stops them all, by PID.
struct Processes {
    server: StaticServer,
    chromedriver: Child,
    profile: PathBuf,
}

impl Drop for Processes {
    fn drop(&mut self) {
        // Chromium is chromedriver's child and outlives a killed chromedriver: find it by its unique profile
        // directory and kill it by PID. (chromedriver stays in our process group, so Ctrl-C still stops everything.)
        let browsers = pids_with_argument(&format!("--user-data-dir={}", self.profile.display()));
        for pid in &browsers {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
        // Let the browser die before removing its profile, or it may still be writing there.
        let deadline = Instant::now() + Duration::from_secs(3);
        while browsers.iter().any(|&pid| is_running(pid)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        for _ in 0..3 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// Whether a process exists and is not a zombie.
fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the parenthesised command name.
        stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

/// PIDs of processes (Linux `/proc`) with exactly this command-line argument.
fn pids_with_argument(argument: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmdline| cmdline.split(|&byte| byte == 0).any(|arg| arg == argument.as_bytes()))
        })
        .collect()
}

/// A browser session showing the app.
struct App {
    client: Client,
    processes: Processes,
}

impl App {
    /// Serve `$TIFA_DIST`, start chromedriver and Chromium, open the app and wait until it has rendered.
    async fn open() -> App {
        let dist = dist_dir();
        let server = StaticServer::start(&dist, "127.0.0.1:0").expect("start the static server");
        let port = free_port();
        let profile = std::env::temp_dir().join(format!("tifa-e2e-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("create a browser profile directory");
        let chromedriver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("start {CHROMEDRIVER} ({error}); `cargo xtask setup` installs it"));
        let processes = Processes { server, chromedriver, profile };
        wait_for_port(port, Duration::from_secs(20));

        let mut capabilities = Capabilities::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,1024",
                    format!("--user-data-dir={}", processes.profile.display()),
                ],
            }),
        );
        // Keep the browser console so tests can check it for errors.
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("start a chromedriver session");
        let app = App { client, processes };
        app.client.goto(&app.processes.server.url()).await.expect("open the app");
        app.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("main.tifa"))
            .await
            .expect("the app renders its <main class=\"tifa\"> (did the wasm load?)");
        app
    }

    /// Run a script in the page and return its result.
    async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, Vec::new()).await.unwrap_or_else(|error| panic!("script failed: {error}\n{script}"))
    }

    /// `textContent` of every element matching `selector`, in document order.
    async fn texts(&self, selector: &str) -> Vec<String> {
        let script = format!(
            "return Array.from(document.querySelectorAll({})).map(e => e.textContent);",
            serde_json::to_string(selector).unwrap_or_default()
        );
        serde_json::from_value(self.eval(&script).await).expect("a list of strings")
    }

    /// A chromedriver-specific command on this session (`POST /session/{id}/{path}`).
    async fn chrome_command(&self, path: &'static str, body: Value) -> Value {
        self.client
            .issue_cmd(SessionPost { path, body })
            .await
            .unwrap_or_else(|error| panic!("chromedriver command {path} failed: {error}"))
    }

    /// Browser console entries since the last call, as `(level, message)`.
    async fn console(&self) -> Vec<(String, String)> {
        let entries = self.chrome_command("se/log", json!({ "type": "browser" })).await;
        let entries = entries.as_array().cloned().unwrap_or_else(|| panic!("browser log is not a list: {entries}"));
        entries
            .iter()
            .map(|entry| {
                let field = |name: &str| entry.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
                (field("level"), field("message"))
            })
            .collect()
    }

    /// Save a PNG of the viewport as `target/screenshots/NAME.png`.
    async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("take a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("screenshots");
        std::fs::create_dir_all(&dir).expect("create target/screenshots");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// The list item of an article.
    async fn article_item(&self, article: &Article) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(&format!("li.article[data-id=\"{}\"]", article.id)))
            .await
            .unwrap_or_else(|error| panic!("no list item for article {} ({error})", article.id))
    }

    async fn close(self) {
        let App { client, processes } = self;
        let _ = client.close().await;
        drop(processes);
    }
}

/// `POST /session/{id}/{path}` with a JSON body: for chromedriver's extensions (browser log, DevTools commands).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("TIFA_DIST")
        .map(PathBuf::from)
        .expect("TIFA_DIST must name the built dist/ directory (cargo xtask test sets it)");
    assert!(dist.join("index.html").is_file(), "{} has no index.html: run `cargo xtask dist`", dist.display());
    dist
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("find a free port").port()
}

fn wait_for_port(port: u16, timeout: Duration) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < timeout, "chromedriver did not listen on port {port} within {timeout:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
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
    let app = App::open().await;

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
    let app = App::open().await;

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
    let app = App::open().await;

    let item = app.article_item(article).await;
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
    let app = App::open().await;
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
    let app = App::open().await;
    let light = app.screenshot("list").await;
    let background = "return getComputedStyle(document.body).backgroundColor;";
    let light_background = app.eval(background).await;

    // Prefer an article with headings, to see both kinds of block.
    let with_heading =
        corpus.articles.iter().find(|article| article.blocks.iter().any(|block| block.kind == BlockKind::Heading));
    if let Some(article) = with_heading.or(corpus.articles.first()) {
        let item = app.article_item(article).await;
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
