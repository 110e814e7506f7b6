//! The Web Worker that turns the user's own files into a corpus asset, so that the page stays responsive.
//!
//! Protocol (structured-clone messages):
//! - worker → page `{type: "ready"}` once it can take work;
//! - page → worker `{files: [{name, bytes: Uint8Array}, …]}`;
//! - worker → page `{type: "progress", stage: "parse" | "tag" | "encode", done, total}` as it goes;
//! - worker → page `{type: "file", name, ok, articles?, message?, message_zh?}` for every file (a file that cannot be read is
//!   reported in plain words and the others go on);
//! - worker → page `{type: "done", asset: Uint8Array}` (the binary asset the page decodes like the shipped one), or
//!   `{type: "error", message}`.
//!
//! Cancelling is the page terminating the worker. The protocol logic is plain Rust ([`build`]) tested natively;
//! this module only moves messages.

use js_sys::{Array, Object, Reflect, Uint8Array};
use tifa_corpus::CorpusBuilder;
use wasm_bindgen::prelude::*;

/// What the worker reports while it builds.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A stage is under way: `done` of `total` steps.
    Progress { stage: &'static str, done: u32, total: u32 },
    /// A file was read (its article count) or refused (why, in Chinese and in English).
    File { name: String, result: Result<u32, (String, String)> },
}

/// Parse, tag and index `files`, reporting as it goes; the asset bytes, or why there is nothing to show.
/// Errors come in Chinese and in English, like the file lines.
pub fn build(files: Vec<(String, Vec<u8>)>, report: &mut dyn FnMut(Event)) -> Result<Vec<u8>, (String, String)> {
    let total = files.len() as u32;
    let mut builder = CorpusBuilder::new();
    for (i, (name, bytes)) in files.into_iter().enumerate() {
        report(Event::Progress { stage: "parse", done: i as u32, total });
        let result = builder.add(&name, &bytes).map(|s| s.found_count).map_err(|e| (e.message_zh(), e.to_string()));
        report(Event::File { name, result });
    }
    report(Event::Progress { stage: "parse", done: total, total });
    let corpus = builder.finish();
    if corpus.articles.is_empty() {
        return Err((
            "没有一个文件能读成汇编（见每个文件的说明）。".into(),
            "none of the files could be read as a compilation (see the line of each file)".into(),
        ));
    }
    report(Event::Progress { stage: "tag", done: 0, total: 1 });
    let enricher =
        tifa_corpus::enrich::Enricher::with_embedded_dict().map_err(|e| (format!("无法载入词典：{e}"), e))?;
    let index = tifa_corpus::search::Index::enriched(&enricher, corpus);
    report(Event::Progress { stage: "encode", done: 0, total: 1 });
    Ok(tifa_corpus::search::asset::encode(&index))
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    let _ = Reflect::set(&o, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

fn post(o: &Object) {
    let _ = scope().post_message(o);
}

fn handle(data: JsValue) {
    let files: Vec<(String, Vec<u8>)> = Reflect::get(&data, &"files".into())
        .ok()
        .map(|f| Array::from(&f))
        .map(|a| {
            a.iter()
                .map(|f| {
                    let name = Reflect::get(&f, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
                    let bytes =
                        Reflect::get(&f, &"bytes".into()).map(|b| Uint8Array::new(&b).to_vec()).unwrap_or_default();
                    (name, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut report = |event: Event| match event {
        Event::Progress { stage, done, total } => {
            post(&message("progress", &[("stage", stage.into()), ("done", done.into()), ("total", total.into())]))
        }
        Event::File { name, result } => {
            let mut fields = vec![("name", JsValue::from(name)), ("ok", result.is_ok().into())];
            match result {
                Ok(n) => fields.push(("articles", n.into())),
                Err((zh, en)) => {
                    fields.push(("message_zh", zh.into()));
                    fields.push(("message", en.into()));
                }
            }
            post(&message("file", &fields));
        }
    };
    match build(files, &mut report) {
        Ok(asset) => {
            let bytes = Uint8Array::from(asset.as_slice());
            let transfer = Array::of1(&bytes.buffer());
            let _ = scope().post_message_with_transfer(&message("done", &[("asset", bytes.into())]), &transfer);
        }
        Err((zh, en)) => post(&message("error", &[("message", en.into()), ("message_zh", zh.into())])),
    }
}

/// Runs when the worker's module starts: listen, then say so.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| handle(e.data()));
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as the page wants it; the handler must too.
    onmessage.forget();
    post(&message("ready", &[]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_reported_and_the_good_ones_make_an_asset() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tifa-corpus/tests/fixtures");
        let read = |n: &str| (n.to_string(), std::fs::read(fixtures.join(n)).expect("fixture"));
        let files = vec![read("blank_one.txt"), read("blank_one.gbk.txt"), read("binary.bin"), read("empty.txt")];
        let mut events = Vec::new();
        let asset = build(files, &mut |e| events.push(e)).expect("an asset");
        let index = tifa_corpus::search::asset::decode(&asset).expect("the asset decodes");
        let results: Vec<(String, bool)> = events
            .iter()
            .filter_map(|e| match e {
                Event::File { name, result } => Some((name.clone(), result.is_ok())),
                _ => None,
            })
            .collect();
        assert_eq!(
            results,
            [
                ("blank_one.txt".to_string(), true),
                ("blank_one.gbk.txt".to_string(), true),
                ("binary.bin".to_string(), false),
                ("empty.txt".to_string(), false)
            ]
        );
        assert_eq!(index.corpus.sources.len(), 2);
        assert!(events.contains(&Event::Progress { stage: "tag", done: 0, total: 1 }));
        let nothing = build(vec![read("binary.bin")], &mut |_| {});
        assert!(nothing.is_err());
    }
}
