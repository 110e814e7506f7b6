//! The Web Worker that turns the user's own files into a corpus asset, so that the page stays responsive.
//!
//! The messages it takes and sends are defined once, in `tifa-protocol`, which the page compiles too. The build
//! itself is plain Rust ([`build`]), tested natively; this module only moves messages.

use js_sys::Uint8Array;
use tifa_corpus::CorpusBuilder;
use tifa_corpus::lang::Text;
use tifa_protocol::{FileOutcome, Progress, Stage, ToPage, ToWorker};
use wasm_bindgen::prelude::*;

/// A file to build from.
pub struct InputFile {
    /// Its name (with the folder path when a folder was opened).
    pub name: String,
    /// Its bytes, as read from disk.
    pub bytes: Vec<u8>,
}

/// Parse, tag and index `files`, reporting progress and each file's outcome as it goes; the asset bytes, or why there
/// is nothing to show.
pub fn build(files: Vec<InputFile>, report: &mut dyn FnMut(ToPage)) -> Result<Vec<u8>, Text> {
    let total = files.len() as u32;
    let progress = |stage, done, total| ToPage::Progress(Progress { stage, done, total });
    let mut builder = CorpusBuilder::new();
    for (i, InputFile { name, bytes }) in files.into_iter().enumerate() {
        report(progress(Stage::Parse, i as u32, total));
        let result = builder.add(&name, &bytes).map(|s| s.found_count).map_err(|e| e.text());
        report(ToPage::File(FileOutcome { name, result }));
    }
    report(progress(Stage::Parse, total, total));
    let corpus = builder.finish();
    if corpus.articles.is_empty() {
        return Err(Text::new(
            "没有一个文件能读成汇编（见每个文件的说明）。",
            "none of the files could be read as a compilation (see the line of each file)",
        ));
    }
    report(progress(Stage::Tag, 0, 1));
    let enricher =
        tifa_corpus::enrich::Enricher::with_embedded_dict().map_err(|e| Text::new(format!("无法载入词典：{e}"), e))?;
    let index = tifa_corpus::search::Index::enriched(&enricher, corpus);
    report(progress(Stage::Encode, 0, 1));
    Ok(tifa_corpus::search::asset::encode(&index))
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &ToPage, payloads: &[Uint8Array]) {
    let envelope = tifa_protocol::pack(message, payloads);
    let _ = scope().post_message_with_transfer(&envelope.object, &envelope.transfer);
}

fn handle(data: JsValue) {
    // Anything else (the bundle's start-up message with the wasm) is not for this handler.
    let Some((ToWorker::Build { names }, payloads)) = tifa_protocol::unpack_for_worker(&data) else { return };
    let files =
        names.into_iter().zip(payloads).map(|(name, bytes)| InputFile { name, bytes: bytes.to_vec() }).collect();
    match build(files, &mut |event| post(&event, &[])) {
        Ok(asset) => post(&ToPage::Done, &[Uint8Array::from(asset.as_slice())]),
        Err(why) => post(&ToPage::Failed { why }, &[]),
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
    post(&ToPage::Ready, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_reported_and_the_good_ones_make_an_asset() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tifa-corpus/tests/fixtures");
        let read =
            |n: &str| InputFile { name: n.to_string(), bytes: std::fs::read(fixtures.join(n)).expect("fixture") };
        let files = vec![read("blank_one.txt"), read("blank_one.gbk.txt"), read("binary.bin"), read("empty.txt")];
        let mut events = Vec::new();
        let asset = build(files, &mut |e| events.push(e)).expect("an asset");
        let index = tifa_corpus::search::asset::decode(&asset).expect("the asset decodes");
        let results: Vec<(String, bool)> = events
            .iter()
            .filter_map(|e| match e {
                ToPage::File(FileOutcome { name, result }) => Some((name.clone(), result.is_ok())),
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
        assert!(events.contains(&ToPage::Progress(Progress { stage: Stage::Tag, done: 0, total: 1 })));
        let nothing = build(vec![read("binary.bin")], &mut |_| {});
        assert!(nothing.is_err());
    }
}
