//! `cargo xtask dist | serve | bundle`: the static site (Trunk, policy, worker, corpus asset), serving it, and the
//! one-file bundle.

use super::*;

/// Install the build tools if needed, then build the web app into dist/ and return that directory.
pub(crate) fn dist() -> Result<PathBuf> {
    setup(Tools::Build)?;
    build_dist()
}

/// Build the web app into dist/ (`trunk build --release`) and return that directory.
pub(crate) fn build_dist() -> Result<PathBuf> {
    let start = Instant::now();
    say("building the web app into dist/ (release)");
    run(Command::new("trunk").args(["build", "--release"]).env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    let dist = repo_root().join("dist");
    if !dist.join("index.html").is_file() {
        return Err(format!("trunk finished but {} is missing", dist.join("index.html").display()));
    }
    add_policy(&dist)?;
    build_worker(&dist)?;
    let asset = write_corpus_asset(&dist)?;
    let wasm_size: u64 = fs::read_dir(&dist)
        .map_err(|error| format!("cannot list {}: {error}", dist.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension() == Some(OsStr::new("wasm")))
        .filter_map(|entry| entry.metadata().ok())
        .map(|metadata| metadata.len())
        .sum();
    say(format!(
        "dist: built {} in {} (wasm: {} KiB, corpus asset: {} KiB)",
        dist.display(),
        seconds(start.elapsed()),
        wasm_size / 1024,
        asset / 1024
    ));
    Ok(dist)
}

/// Give dist/index.html a Content-Security-Policy that allows only the site's own files, Trunk's start-up script
/// (by hash) and WebAssembly.
pub(crate) fn add_policy(dist: &Path) -> Result {
    let path = dist.join("index.html");
    let html = fs::read_to_string(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let with = tifa_site::with_policy(&html).map_err(|error| format!("{}: {error}", path.display()))?;
    fs::write(&path, with).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The worker's start-up module: load the wasm-bindgen glue and start the wasm (whose start function listens).
pub(crate) const WORKER_BOOT: &str = "// Tifa's Web Worker (written by cargo xtask dist).\n\
import init from './tifa_worker.js';\n\
await init({ module_or_path: new URL('./tifa_worker_bg.wasm', import.meta.url) });\n";

/// Build the Web Worker that parses, tags and indexes a user's own files (`crates/tifa-worker`) into dist/worker/:
/// its wasm carries the parser, the taggers and the full dictionary, and the page loads it only when files are
/// opened.
pub(crate) fn build_worker(dist: &Path) -> Result {
    say("building the worker for opening your own files (release)");
    run(cargo().args(["build", "--release", "--target", WASM_TARGET, "-p", "tifa-worker"]))?;
    let wasm = repo_root().join("target").join(WASM_TARGET).join("release").join("tifa_worker.wasm");
    let out = dist.join("worker");
    fs::create_dir_all(&out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", "tifa_worker", "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;
    fs::write(out.join("boot.js"), WORKER_BOOT).map_err(|error| format!("cannot write the worker's boot.js: {error}"))
}

/// `bundle [-o FILE]`: build the site, then the one-file offline explorer of the default corpus; the last line of
/// the output is the path written.
pub(crate) fn bundle(args: &[String]) -> Result {
    let out = match args {
        [] => repo_root().join("target").join("tifa.html"),
        [flag, path] if flag == "-o" || flag == "--output" => PathBuf::from(path),
        _ => return Err("usage: cargo xtask bundle [-o FILE]".into()),
    };
    let dist = dist()?;
    write_bundle(&dist, &out)?;
    // The last line is the path, for scripts.
    println!("{}", out.display());
    Ok(())
}

/// The one-file explorer of a built site and the corpus asset already in it (no second indexing); its size.
pub(crate) fn write_bundle(dist: &Path, out: &Path) -> Result<u64> {
    let site = tifa_site::Site::read(dist).map_err(|e| e.to_string())?;
    let asset = fs::read(dist.join(ASSET_NAME))
        .map_err(|e| format!("cannot read the corpus asset in {}: {e}", dist.display()))?;
    let html = tifa_site::bundle(&site, &asset).map_err(|e| e.to_string())?;
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(out, &html).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    say(format!("bundle: {} ({:.1} MB)", out.display(), html.len() as f64 / 1e6));
    Ok(html.len() as u64)
}

/// `tifa index INPUT… -o OUT` with the release CLI: parse, enrich and index natively into a corpus asset.
pub(crate) fn tifa_index(inputs: &[PathBuf], out: &Path) -> Result {
    run(cargo().args(["run", "--release", "-q", "-p", "tifa", "--", "index", "-q"]).args(inputs).arg("-o").arg(out))
}

/// Parse, enrich and index the default corpus (every `.txt` in data/corpus/) natively with the `tifa` CLI, into
/// `dist/corpus.tifa`: the browser loads it instead of segmenting again. Returns its size in bytes.
pub(crate) fn write_corpus_asset(dist: &Path) -> Result<u64> {
    let corpus_dir = repo_root().join("data").join("corpus");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&corpus_dir)
        .map_err(|error| format!("cannot list {}: {error}", corpus_dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension() == Some(OsStr::new("txt")))
        .collect();
    inputs.sort();
    if inputs.is_empty() {
        return Err(format!("{} has no .txt files: nothing to index", corpus_dir.display()));
    }
    let out = dist.join(ASSET_NAME);
    say(format!("indexing {} file(s) of {} into {}", inputs.len(), corpus_dir.display(), out.display()));
    tifa_index(&inputs, &out)?;
    fs::metadata(&out)
        .map(|m| m.len())
        .map_err(|error| format!("the index was not written to {}: {error}", out.display()))
}

pub(crate) fn serve(args: &[String]) -> Result {
    let mut port = DEFAULT_PORT;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--port" | "-p" => args.next().ok_or("--port needs a number")?.as_str(),
            other => other.strip_prefix("--port=").ok_or_else(|| format!("unexpected argument `{other}`"))?,
        };
        port = value.parse().map_err(|_| format!("not a port number: `{value}`"))?;
    }
    let dist = dist()?;
    let server = StaticServer::start(&dist, &format!("127.0.0.1:{port}"))
        .map_err(|error| format!("cannot serve on 127.0.0.1:{port}: {error} (try --port N)"))?;
    say(format!("serving {} at {}  (Ctrl-C to stop)", dist.display(), server.url()));
    server.wait();
    Ok(())
}
