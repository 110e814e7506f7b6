//! Tests of the static file server.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

use crate::static_server::{StaticServer, mime_type, request_path};
#[test]
fn request_paths_stay_inside_the_root() {
    assert_eq!(request_path("/"), Some(PathBuf::new()));
    assert_eq!(request_path("/index.html?x=1"), Some(PathBuf::from("index.html")));
    assert_eq!(request_path("/a/./b.js"), Some(PathBuf::from("a/b.js")));
    assert_eq!(request_path("/%E6%8F%90.txt"), Some(PathBuf::from("提.txt")));
    assert_eq!(request_path("/../etc/passwd"), None);
    assert_eq!(request_path("/a/%2e%2e/%2e%2e/etc/passwd"), None);
    assert_eq!(request_path("/%00"), None);
    assert_eq!(request_path("/%zz"), None);
    assert_eq!(request_path("http://example.com/"), None);
}

#[test]
fn wasm_is_served_as_application_wasm() {
    assert_eq!(mime_type(Path::new("tifa-app_bg.wasm")), "application/wasm");
    assert_eq!(mime_type(Path::new("tifa-app.js")), "text/javascript; charset=utf-8");
    assert_eq!(mime_type(Path::new("index.html")), "text/html; charset=utf-8");
}

#[test]
fn serves_files_and_refuses_escapes() {
    let dir = std::env::temp_dir().join(format!("tifa-static-server-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
    std::fs::write(dir.join("app.wasm"), b"\0asm").unwrap();
    let server = StaticServer::start(&dir, "127.0.0.1:0").unwrap();
    let get = |path: &str| {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        stream.read_to_string(&mut out).unwrap();
        out
    };
    let index = get("/");
    assert!(index.starts_with("HTTP/1.1 200 OK"), "{index}");
    assert!(index.ends_with("<p>hi</p>"), "{index}");
    assert!(get("/app.wasm").contains("Content-Type: application/wasm\r\n"));
    assert!(get("/sub").starts_with("HTTP/1.1 301"));
    assert!(get("/missing.js").starts_with("HTTP/1.1 404"));
    assert!(get("/../index.html").starts_with("HTTP/1.1 400"));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
