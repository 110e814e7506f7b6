//! Shared harness for browser tests: a static server for a built folder, chromedriver and headless Chromium with a
//! fresh profile, all stopped by PID when dropped (also when a test fails).

#![allow(dead_code)]

#[path = "../../xtask/src/static_server.rs"]
mod static_server;

#[path = "../../xtask/src/chrome_flags.rs"]
mod chrome_flags;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use static_server::StaticServer;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The static server, chromedriver and the browser's profile directory. Dropping it stops them all, by PID.
pub struct Processes {
    /// None when the page is opened from a file.
    server: Option<StaticServer>,
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

/// A browser session showing a served page.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    /// The server, driver and profile behind it.
    pub processes: Processes,
}

impl Processes {
    /// The served folder's URL (ends with `/`).
    pub fn url(&self) -> String {
        self.server.as_ref().map(StaticServer::url).unwrap_or_default()
    }
}

impl Browser {
    /// Serve `dist`, start chromedriver and Chromium, open `page` (a path and query relative to the served root)
    /// and wait until an element matching `ready` exists.
    pub async fn open(dist: &Path, page: &str, ready: &str, timeout: Duration) -> Browser {
        let server = StaticServer::start(dist, "127.0.0.1:0").expect("start the static server");
        let url = format!("{}{page}", server.url());
        Browser::start(Some(server), &url, ready, timeout, false).await
    }

    /// Open a URL (such as `file:///…`) with no server and, when `offline`, with the network taken away first; wait
    /// until an element matching `ready` exists.
    pub async fn open_url(url: &str, ready: &str, timeout: Duration, offline: bool) -> Browser {
        Browser::start(None, url, ready, timeout, offline).await
    }

    async fn start(server: Option<StaticServer>, url: &str, ready: &str, timeout: Duration, offline: bool) -> Browser {
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
        let mut args: Vec<String> = ["--headless", "--no-sandbox"].iter().map(|a| a.to_string()).collect();
        args.extend(chrome_flags::CHROME_ARGS.iter().map(|a| a.to_string()));
        args.push(format!("--user-data-dir={}", processes.profile.display()));
        capabilities.insert("goog:chromeOptions".into(), json!({ "binary": CHROMIUM, "args": args }));
        // Keep the browser console so tests can check it for errors.
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("start a chromedriver session");
        let browser = Browser { client, processes };
        if offline {
            browser.chrome_command("goog/cdp/execute", json!({ "cmd": "Network.enable", "params": {} })).await;
            let conditions = json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
            browser
                .chrome_command(
                    "goog/cdp/execute",
                    json!({ "cmd": "Network.emulateNetworkConditions", "params": conditions }),
                )
                .await;
        }
        browser.client.goto(url).await.expect("open the page");
        browser
            .client
            .wait()
            .at_most(timeout)
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("the page shows no {ready} ({e}); did the wasm load?"));
        browser
    }

    /// Run a script in the page and return its result.
    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, Vec::new()).await.unwrap_or_else(|error| panic!("script failed: {error}\n{script}"))
    }

    /// `textContent` of every element matching `selector`, in document order.
    pub async fn texts(&self, selector: &str) -> Vec<String> {
        let script = format!(
            "return Array.from(document.querySelectorAll({})).map(e => e.textContent);",
            serde_json::to_string(selector).unwrap_or_default()
        );
        serde_json::from_value(self.eval(&script).await).expect("a list of strings")
    }

    /// A chromedriver-specific command on this session (`POST /session/{id}/{path}`).
    pub async fn chrome_command(&self, path: &'static str, body: Value) -> Value {
        self.client
            .issue_cmd(SessionPost { path, body })
            .await
            .unwrap_or_else(|error| panic!("chromedriver command {path} failed: {error}"))
    }

    /// Browser console entries since the last call, as `(level, message)`.
    pub async fn console(&self) -> Vec<(String, String)> {
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
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("take a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("screenshots");
        std::fs::create_dir_all(&dir).expect("create target/screenshots");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    pub async fn close(self) {
        let Browser { client, processes } = self;
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
