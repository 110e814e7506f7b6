//! The worker that builds the user's corpus: started from the file next to the page or, in a one-file bundle, from
//! the code the page carries; its messages (typed in `tifa-protocol`) drive the job.

use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use tifa_protocol::{ToPage, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::reading::Read;
use super::{Job, OwnFiles};
use crate::i18n::Text;

/// The worker's start-up module, next to the page.
const WORKER: &str = "worker/boot.js";

/// In a one-file bundle the worker travels inside the page: its glue is run from a data: URL and this start-up
/// code receives the compressed wasm as the first message. A failed start is reported as a `ToPage::Failed`.
const BLOB_BOOT: &str = "
self.onmessage = async (e) => {
  try {
    const stream = new Blob([e.data.wasm]).stream().pipeThrough(new DecompressionStream('gzip'));
    await __wbg_init({ module_or_path: await new Response(stream).arrayBuffer() });
  } catch (err) {
    const why = { message: 'the worker could not start: ' + err, message_zh: '后台线程无法启动：' + err };
    postMessage({ message: JSON.stringify({ type: 'failed', why }), bytes: [] });
  }
};
";

/// A running worker with its message handlers (dropped with it, so that nothing of a finished job is kept).
pub struct Running {
    worker: web_sys::Worker,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

/// The worker: from the file next to the page, or from the code a bundle carries.
fn new_worker() -> Option<web_sys::Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let document = document();
    let Some(glue) = document.get_element_by_id("tifa-worker-js").and_then(|e| e.text_content()) else {
        return web_sys::Worker::new_with_options(WORKER, &options).ok();
    };
    let wasm = document.get_element_by_id("tifa-worker-wasm").and_then(|e| e.text_content())?;
    // A page opened from file:// has an opaque origin: Chrome refuses a worker from a blob: URL there, but takes
    // one from a data: URL (an opaque-origin worker, which is all this one needs).
    let code = format!("{glue}\n{BLOB_BOOT}");
    let url = format!("data:text/javascript;charset=utf-8,{}", js_sys::encode_uri_component(&code));
    let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
    let bytes = crate::loader::base64_bytes(&wasm)?;
    let message = Object::new();
    let _ = Reflect::set(&message, &"wasm".into(), &Uint8Array::from(bytes.as_slice()));
    worker.post_message(&message).ok()?;
    Some(worker)
}

/// Start a worker on the files read for `job`.
pub fn start(own: OwnFiles, job: u64, read: Read) {
    stop(own);
    let Some(worker) = new_worker() else {
        own.job.set(Job::Failed(Text::new(
            "这个浏览器无法启动读取文件的后台线程（Web Worker）。",
            "this browser cannot start the worker that reads files",
        )));
        return;
    };
    let w = worker.clone();
    // The files go to the worker once (transferred, not copied); the handler keeps nothing of them afterwards.
    let mut pending = Some(read);
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if !own.current(job) {
            return;
        }
        let Some((message, bytes)) = tifa_protocol::unpack_for_page(&e.data()) else { return };
        match message {
            ToPage::Ready => {
                let Some(read) = pending.take() else { return };
                let envelope = tifa_protocol::pack(&ToWorker::Build { names: read.names }, &read.bytes);
                let _ = w.post_message_with_transfer(&envelope.object, &envelope.transfer);
            }
            ToPage::Progress(progress) => own.job.set(Job::Working(progress)),
            ToPage::File(outcome) => own.lines.update(|l| l.push(outcome)),
            ToPage::Done => {
                let asset = bytes.first().map(Uint8Array::to_vec).unwrap_or_default();
                stop(own);
                own.finished(asset);
            }
            ToPage::Failed { why } => {
                own.job.set(Job::Failed(why));
                stop(own);
            }
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if own.current(job) {
            own.job.set(Job::Failed(Text::new(
                "读取文件的后台线程出错停止了（可能一次处理的内容太多）：请少选几个或更小的文件。",
                "the worker that reads files stopped (perhaps too much at once for this browser: open fewer or smaller files)",
            )));
            stop(own);
        }
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    own.worker.set_value(Some(Running { worker, _onmessage: onmessage, _onerror: onerror }));
}

/// Stop the running worker, if any.
pub fn stop(own: OwnFiles) {
    let running = own.worker.try_update_value(Option::take).flatten();
    if let Some(r) = running {
        r.worker.terminate();
    }
}
