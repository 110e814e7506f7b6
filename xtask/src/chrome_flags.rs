//! Chromium flags every browser test on these machines needs, shared by xtask (wasm tests) and the browser tests
//! (`tests/support`). Without the background-networking flags Chromium tries to reach Google's hosts, which the
//! closed network refuses; `--headless` and `--no-sandbox` are added by each runner.

/// The common flags.
pub const CHROME_ARGS: [&str; 7] = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
];
