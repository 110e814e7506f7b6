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

/// The reuse between the shipped corpus and the user's, merged as the page merges them, as bytes for the page
/// (`asset::encode_reuse`); why not, when an asset does not decode.
pub fn compare(shipped: &[u8], own: &[u8], report: &mut dyn FnMut(ToPage)) -> Result<Vec<u8>, Text> {
    use tifa_corpus::search::{asset, merge};
    report(ToPage::Progress(Progress { stage: Stage::Compare, done: 0, total: 2 }));
    let unreadable =
        |e: asset::AssetError| Text::new(format!("语料无法读取：{e}"), format!("a corpus cannot be read: {e}"));
    let shipped = asset::decode(shipped).map_err(unreadable)?;
    let own = asset::decode(own).map_err(unreadable)?;
    report(ToPage::Progress(Progress { stage: Stage::Compare, done: 1, total: 2 }));
    Ok(asset::encode_reuse(&merge::merged_reuse(&shipped, &own)))
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
    let Some((message, payloads)) = tifa_protocol::unpack_for_worker(&data) else { return };
    let result = match message {
        ToWorker::Build { names } => {
            let files = names
                .into_iter()
                .zip(payloads)
                .map(|(name, bytes)| InputFile { name, bytes: bytes.to_vec() })
                .collect();
            build(files, &mut |event| post(&event, &[]))
        }
        ToWorker::Compare => match payloads.as_slice() {
            [shipped, own] => compare(&shipped.to_vec(), &own.to_vec(), &mut |event| post(&event, &[])),
            _ => Err(Text::new("比对需要两个语料。", "comparing needs two corpora")),
        },
    };
    match result {
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

    #[test]
    fn the_reuse_of_two_corpora_is_what_merging_them_finds() {
        let one = |text: &str| {
            let file = InputFile { name: "a.txt".into(), bytes: text.as_bytes().to_vec() };
            build(vec![file], &mut |_| {}).expect("an asset")
        };
        let shared = "坚持以人民为中心的发展思想，把群众满意作为检验工作的根本标准，持续深化放管服改革，优化营商环境。";
        let a = one(&format!("甲县工作报告\n\n一、总体情况\n\n{shared}今年甲县自己的话。\n"));
        let b = one(&format!("乙县工作报告\n\n一、总体情况\n\n乙县开头不同。{shared}\n"));
        let mut events = Vec::new();
        let bytes = compare(&a, &b, &mut |e| events.push(e)).expect("compared");
        let reuse = tifa_corpus::search::asset::decode_reuse(&bytes).expect("decodes");
        let (ia, ib) = (asset_index(&a), asset_index(&b));
        assert_eq!(reuse, tifa_corpus::search::merge::merge(&ia, &ib).data.reuse);
        assert_eq!(reuse.pairs.len(), 1, "the shared sentence joins the two reports");
        assert!(events.contains(&ToPage::Progress(Progress { stage: Stage::Compare, done: 1, total: 2 })));
        assert!(compare(b"not an asset", &b, &mut |_| {}).is_err());
    }

    fn asset_index(bytes: &[u8]) -> tifa_corpus::search::Index {
        tifa_corpus::search::asset::decode(bytes).expect("the asset decodes")
    }
}
