//! Packaging of the built web app (Trunk's `dist/`): a Content-Security-Policy for the static site, and the whole
//! explorer as one self-contained HTML file that works from `file://` with no network — wasm (gzip, base64), the
//! wasm-bindgen glue, the CSS and the corpus asset inlined, allowed by a policy that names the hashes of exactly the
//! inline script and style it carries.
//!
//! Used by `cargo xtask dist` (policy) and by `tifa bundle` / `cargo xtask bundle` (bundle).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Id of the element that carries the corpus asset in a bundle (the app looks for it before fetching).
pub const ASSET_ELEMENT: &str = "tifa-asset";
/// Id of the element that carries the gzip-compressed wasm in a bundle.
const WASM_ELEMENT: &str = "tifa-wasm";

/// Why packaging failed, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteError(pub String);

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SiteError {}

/// The parts of a built site a bundle needs.
#[derive(Debug, Clone)]
pub struct Site {
    /// `index.html`.
    pub html: String,
    /// The stylesheet.
    pub css: String,
    /// The wasm-bindgen glue (an ES module).
    pub glue: String,
    /// The wasm.
    pub wasm: Vec<u8>,
    /// The Web Worker that reads the user's own files (`worker/`): its glue and wasm, when the site has it.
    pub worker: Option<(String, Vec<u8>)>,
}

/// Ids of the elements that carry the worker in a bundle (the app starts it from them).
pub const WORKER_JS_ELEMENT: &str = "tifa-worker-js";
/// See [`WORKER_JS_ELEMENT`].
pub const WORKER_WASM_ELEMENT: &str = "tifa-worker-wasm";

impl Site {
    /// Read a site built by Trunk (`index.html`, one `.css`, the `.js` glue and its `_bg.wasm`).
    pub fn read(dir: &Path) -> Result<Site, SiteError> {
        let missing = || {
            SiteError(format!(
                "{} holds no built web app: run `cargo xtask dist` first (or name the folder)",
                dir.display()
            ))
        };
        let entries = std::fs::read_dir(dir).map_err(|_| missing())?;
        let files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        let find = |ext: &str| files.iter().find(|p| p.extension().is_some_and(|e| e == ext)).cloned();
        let read = |p: &Path| std::fs::read(p).map_err(|e| SiteError(format!("cannot read {}: {e}", p.display())));
        let text =
            |p: &Path| String::from_utf8(read(p)?).map_err(|_| SiteError(format!("{} is not UTF-8 text", p.display())));
        let html_path = dir.join("index.html");
        if !html_path.is_file() {
            return Err(missing());
        }
        let html = text(&html_path)?;
        // The files index.html names (a folder may also hold stale builds); the only ones, failing that.
        let named = |open: &str, close: &str| between(&html, open, close).map(|n| dir.join(n.trim_start_matches("./")));
        let glue = named("from '", "'").or_else(|| find("js")).ok_or_else(missing)?;
        let wasm = named("module_or_path: '", "'").or_else(|| find("wasm")).ok_or_else(missing)?;
        let css = named("rel=\"stylesheet\" href=\"", "\"").or_else(|| find("css")).ok_or_else(missing)?;
        let worker_dir = dir.join("worker");
        let (worker_js, worker_wasm) = (worker_dir.join("tifa_worker.js"), worker_dir.join("tifa_worker_bg.wasm"));
        let worker = if worker_js.is_file() && worker_wasm.is_file() {
            Some((text(&worker_js)?, read(&worker_wasm)?))
        } else {
            None
        };
        Ok(Site { css: text(&css)?, glue: text(&glue)?, wasm: read(&wasm)?, html, worker })
    }
}

/// `'sha256-…'` of a script or style element's exact content, as CSP wants it.
pub fn csp_hash(content: &str) -> String {
    format!("'sha256-{}'", BASE64.encode(Sha256::digest(content.as_bytes())))
}

/// Add a Content-Security-Policy to Trunk's `index.html`: scripts, styles and connections only from the site
/// itself, plus the one inline start-up script Trunk writes (by hash) and WebAssembly compilation.
pub fn with_policy(index_html: &str) -> Result<String, SiteError> {
    let scripts: Vec<String> = inline_scripts(index_html).into_iter().map(csp_hash).collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' {} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
        scripts.join(" ")
    );
    insert_policy(index_html, &policy)
}

fn insert_policy(html: &str, policy: &str) -> Result<String, SiteError> {
    let anchor = "<meta charset=\"utf-8\" />";
    let at = html.find(anchor).ok_or_else(|| SiteError("index.html has no <meta charset=\"utf-8\" />".into()))?;
    let meta = format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let end = at + anchor.len();
    Ok(format!("{}{meta}{}", &html[..end], &html[end..]))
}

/// The contents of the inline `<script>` elements that run (no `src`, JavaScript or module type).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else { break };
        let runs = !tag.contains(" src=") && (!tag.contains("type=") || tag.contains("type=\"module\""));
        if runs {
            out.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close + "</script>".len()..];
    }
    out
}

/// Start-up: inflate the wasm carried in the page and start it; plain words in the page if the browser cannot.
const BOOT: &str = r#"
{
const failed = (e) => {
  document.body.textContent = '无法启动（The explorer could not start）: ' + e + '. 请使用较新版本的 Chrome、Edge、Firefox 或 Safari。';
};
try {
  const packed = document.getElementById('tifa-wasm').textContent.trim();
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const wasm = await new Response(stream).arrayBuffer();
  await __wbg_init({ module_or_path: wasm });
} catch (e) {
  failed(e);
}
}
"#;

/// The whole explorer in one HTML file, with `asset` (a corpus asset from `tifa_corpus::search::asset::encode`)
/// as its corpus.
pub fn bundle(site: &Site, asset: &[u8]) -> Result<String, SiteError> {
    if !site.glue.contains("__wbg_init") {
        return Err(SiteError("the .js file is not wasm-bindgen glue (no __wbg_init): rebuild the site".into()));
    }
    // An inline module may keep its exports; an import could not resolve inside one file.
    if site.glue.lines().any(|l| l.trim_start().starts_with("import ")) {
        return Err(SiteError("the wasm-bindgen glue imports other files (JS snippets): it cannot be inlined".into()));
    }
    let wasm_gz = gzip(&site.wasm)?;
    // The worker for the user's own files: its glue as text, its wasm compressed; the app starts it from a data: URL.
    let worker = match &site.worker {
        Some((glue, wasm)) => {
            if glue.to_ascii_lowercase().contains("</script") {
                return Err(SiteError("the worker's glue contains a closing tag and cannot be inlined".into()));
            }
            format!(
                "<script type=\"text/plain\" id=\"{WORKER_JS_ELEMENT}\">{glue}</script>\n\
                 <script type=\"application/octet-stream\" id=\"{WORKER_WASM_ELEMENT}\">{}</script>\n",
                BASE64.encode(gzip(wasm)?)
            )
        }
        None => String::new(),
    };
    // The HTML parser turns CR LF into LF before the browser hashes an element's text: hash what it will see.
    let unix = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
    let script = unix(&format!("{}\n{BOOT}", site.glue));
    let css = unix(&site.css);
    // A script or style element ends at the first "</script" or "</style" in any case; "<!--" confuses the parser.
    let lower = |s: &str| s.to_ascii_lowercase();
    if lower(&script).contains("</script") || lower(&script).contains("<!--") || lower(&css).contains("</style") {
        return Err(SiteError("the glue or the CSS contains a closing tag and cannot be inlined".into()));
    }
    let title = between(&site.html, "<title>", "</title>").unwrap_or("提法");
    let policy = format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; worker-src data:; \
         object-src 'none'; base-uri 'none'; form-action 'none'",
        csp_hash(&script),
        csp_hash(&css)
    );
    Ok(format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"color-scheme\" content=\"light dark\" />\n<title>{title}</title>\n\
         <link rel=\"icon\" href=\"data:,\" />\n<style>{css}</style>\n\
         <script type=\"application/octet-stream\" id=\"{ASSET_ELEMENT}\">{asset}</script>\n\
         <script type=\"application/octet-stream\" id=\"{WASM_ELEMENT}\">{wasm}</script>\n\
         {worker}<script type=\"module\">{script}</script>\n</head>\n<body>\n\
         <noscript>本页面需要启用 JavaScript 与 WebAssembly。</noscript>\n</body>\n</html>\n",
        asset = BASE64.encode(asset),
        wasm = BASE64.encode(&wasm_gz),
    ))
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, SiteError> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| SiteError(format!("cannot compress the wasm: {e}")))?;
    gz.finish().map_err(|e| SiteError(format!("cannot compress the wasm: {e}")))
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HTML: &str = "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"utf-8\" />\n    <title>提法 · 测试</title>\n<script type=\"module\">\nimport init from './a.js';\nawait init();\n</script>\n<script type=\"application/json\">{}</script>\n<script src=\"x.js\"></script>\n  </head>\n</html>\n";

    fn site() -> Site {
        Site {
            html: TRUNK_HTML.into(),
            css: "body { color: red; }".into(),
            glue: "export class A {}\nexport function f() {}\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };\n".into(),
            wasm: b"\0asm\x01\0\0\0".to_vec(),
            worker: Some(("async function __wbg_init(m) {}".into(), b"\0asm".to_vec())),
        }
    }

    #[test]
    fn the_site_policy_allows_exactly_trunks_start_up_script() {
        let html = with_policy(TRUNK_HTML).expect("policy");
        let script = "\nimport init from './a.js';\nawait init();\n";
        assert!(html.contains(&csp_hash(script)), "{html}");
        assert_eq!(html.matches("'sha256-").count(), 1, "only the script that runs is allowed");
        assert!(html.contains("'wasm-unsafe-eval'") && html.contains("object-src 'none'"));
        assert!(html.find("Content-Security-Policy").unwrap_or(usize::MAX) < html.find("<script").unwrap_or(0));
        assert!(with_policy("<html></html>").is_err());
    }

    #[test]
    fn a_bundle_carries_everything_and_allows_only_itself() {
        let html = bundle(&site(), b"TIFAIDX\0asset").expect("bundle");
        assert!(!html.contains("src=") && !html.contains("href=\"./"), "no file is referenced");
        assert!(html.contains(&BASE64.encode(b"TIFAIDX\0asset")));
        let script = between(&html, "<script type=\"module\">", "</script>").expect("the module");
        assert!(html.contains(&csp_hash(script)), "the policy names the inline module");
        assert!(html.contains(&csp_hash("body { color: red; }")), "and the inline style");
        assert!(script.contains("export class A {}") && script.contains("export function f() {}"), "glue as is");
        assert!(html.contains("<title>提法 · 测试</title>"));
        assert!(html.contains("default-src 'none'") && html.contains("worker-src data:"));
        assert!(
            html.contains("id=\"tifa-worker-js\">async function __wbg_init")
                && html.contains("id=\"tifa-worker-wasm\"")
        );
        let mut bad = site();
        bad.glue = "console.log(1)".into();
        assert!(bundle(&bad, b"").is_err());
        bad = site();
        bad.css = "a::after { content: '</STYLE>'; }".into();
        assert!(bundle(&bad, b"").is_err());
        bad = site();
        bad.glue = format!("import x from './snippet.js';\n{}", site().glue);
        assert!(bundle(&bad, b"").is_err(), "glue with imports cannot be one file");
        let mut crlf = site();
        crlf.css = "body {\r\n  color: red;\r\n}".into();
        let html = bundle(&crlf, b"").expect("bundle");
        assert!(html.contains(&csp_hash("body {\n  color: red;\n}")), "hashed as the browser will see it");
    }

    #[test]
    fn reading_a_folder_without_a_site_says_what_to_do() {
        let err = Site::read(Path::new("/nonexistent-tifa-site")).expect_err("no site");
        assert!(err.to_string().contains("cargo xtask dist"));
    }
}
