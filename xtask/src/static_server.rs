//! A small static file server (std only) for a built `dist/` directory.
//!
//! Used by `cargo xtask serve` and, through `#[path]`, by the browser tests in `tests/e2e.rs`. It answers `GET` and
//! `HEAD` for files under one root directory, maps `/` and directories to `index.html`, refuses anything that could
//! leave the root, and sends the MIME types browsers insist on (notably `application/wasm`, which streaming
//! WebAssembly compilation requires).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A running server; dropping it stops it.
pub struct StaticServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serve `root` on `addr` (e.g. `127.0.0.1:0` for any free port) from a background thread.
    pub fn start(root: impl Into<PathBuf>, addr: &str) -> io::Result<StaticServer> {
        let root = root.into().canonicalize()?;
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name("static-server".into())
            .spawn(move || accept_loop(&listener, &root, &stop_flag))?;
        Ok(StaticServer { addr, stop, thread: Some(thread) })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr())
    }

    /// Block until the server stops (it only stops when dropped, so: forever).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking `accept` so the loop sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, root: &Path, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let root = root.to_path_buf();
        // One thread per connection: browsers open several at once and keep them alive.
        let _ = thread::Builder::new().name("static-conn".into()).spawn(move || {
            let _ = handle_connection(stream, &root);
        });
    }
}

fn handle_connection(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // Read and mostly ignore the headers; note `Connection: close` and skip any body.
        let mut close = false;
        let mut content_length = 0u64;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
                if name == "connection" && value.eq_ignore_ascii_case("close") {
                    close = true;
                } else if name == "content-length" {
                    content_length = value.parse().unwrap_or(0);
                }
            }
        }
        if content_length > 0 {
            io::copy(&mut (&mut reader).take(content_length), &mut io::sink())?;
        }

        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("");
        let version = parts.next().unwrap_or("HTTP/1.0");
        if version == "HTTP/1.0" {
            close = true;
        }
        let response = respond(root, method, target);
        write_response(&mut writer, &response, method == "HEAD", close)?;
        if close {
            return Ok(());
        }
    }
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    extra_headers: Vec<(&'static str, String)>,
}

impl Response {
    fn text(status: &'static str, message: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{message}\n").into_bytes(),
            extra_headers: Vec::new(),
        }
    }
}

fn respond(root: &Path, method: &str, target: &str) -> Response {
    if method != "GET" && method != "HEAD" {
        let mut response = Response::text("405 Method Not Allowed", "method not allowed");
        response.extra_headers.push(("Allow", "GET, HEAD".into()));
        return response;
    }
    let Some(relative) = request_path(target) else {
        return Response::text("400 Bad Request", "bad request path");
    };
    let mut path = root.join(&relative);
    if path.is_dir() {
        if !target.split(['?', '#']).next().unwrap_or("").ends_with('/') {
            // Redirect so relative URLs in the page resolve inside the directory.
            let mut response = Response::text("301 Moved Permanently", "moved");
            let location = format!("/{}/", relative.to_string_lossy().replace('\\', "/"));
            response.extra_headers.push(("Location", location.replace("//", "/")));
            return response;
        }
        path.push("index.html");
    }
    // Symbolic links could point outside the root: check the resolved path.
    match path.canonicalize() {
        Ok(resolved) if resolved.starts_with(root) && resolved.is_file() => match std::fs::read(&resolved) {
            Ok(body) => Response {
                status: "200 OK",
                content_type: mime_type(&resolved),
                body,
                extra_headers: vec![("Cache-Control", "no-cache".into())],
            },
            Err(_) => Response::text("500 Internal Server Error", "could not read file"),
        },
        _ => Response::text("404 Not Found", "not found"),
    }
}

/// The request target as a path relative to the root, or `None` if it is malformed or tries to leave the root.
pub fn request_path(target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    let mut relative = PathBuf::new();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(relative)
}

fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = input.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    // A NUL byte never names a real file.
    (!decoded.contains('\0')).then_some(decoded)
}

/// MIME type by file extension.
pub fn mime_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

fn write_response(writer: &mut TcpStream, response: &Response, head_only: bool, close: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nX-Content-Type-Options: nosniff\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(if close { "Connection: close\r\n\r\n" } else { "Connection: keep-alive\r\n\r\n" });
    writer.write_all(head.as_bytes())?;
    if !head_only {
        writer.write_all(&response.body)?;
    }
    writer.flush()
}
