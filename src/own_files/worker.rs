//! The worker that builds the user's corpus, or finds the reuse between it and the shipped one: started from the file
//! next to the page or, in a one-file bundle, from the code the page carries; its messages (typed in
//! `tifa-protocol`) drive the job.

use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use tifa_protocol::{ToPage, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::corpora::Assets;
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

/// What a worker is started for.
pub enum Request {
    /// Build the user's corpus from the files read.
    Build(Read),
    /// Find the reuse between the shipped corpus and the user's; `then` is the job's state to go back to.
    Compare {
        /// The two corpora's assets.
        assets: Assets,
        /// The state of the job before.
        then: Job,
    },
}

impl Request {
    /// The message and its payloads (the files are transferred, not copied; the assets are copied, the page
    /// keeps them).
    fn envelope(self) -> tifa_protocol::Envelope {
        match self {
            Request::Build(read) => tifa_protocol::pack(&ToWorker::Build { names: read.names }, &read.bytes),
            Request::Compare { assets, .. } => {
                let bytes = [Uint8Array::from(assets.shipped.as_slice()), Uint8Array::from(assets.own.as_slice())];
                tifa_protocol::pack(&ToWorker::Compare, &bytes)
            }
        }
    }
}

/// Start a worker on `request` for `job`.
pub fn start(own: OwnFiles, job: u64, request: Request) {
    stop(own);
    let Some(worker) = new_worker() else {
        match request {
            // Without a worker the page finds the reuse itself.
            Request::Compare { then, .. } => own.compared(None, then),
            Request::Build(_) => own.job.set(Job::Failed(Text::new(
                "这个浏览器无法启动读取文件的后台线程（Web Worker）。",
                "this browser cannot start the worker that reads files",
            ))),
        }
        return;
    };
    let w = worker.clone();
    let then: Option<Job> = match &request {
        Request::Compare { then, .. } => Some(then.clone()),
        Request::Build(_) => None,
    };
    let failed_then = then.clone();
    // The request goes to the worker once; the handler keeps nothing of it afterwards.
    let mut pending = Some(request);
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if !own.current(job) {
            return;
        }
        let Some((message, bytes)) = tifa_protocol::unpack_for_page(&e.data()) else { return };
        match message {
            ToPage::Ready => {
                let Some(request) = pending.take() else { return };
                let envelope = request.envelope();
                let _ = w.post_message_with_transfer(&envelope.object, &envelope.transfer);
            }
            ToPage::Progress(progress) => own.job.set(Job::Working(progress)),
            ToPage::File(outcome) => own.lines.update(|l| l.push(outcome)),
            ToPage::Done => {
                let payload = bytes.first().map(Uint8Array::to_vec).unwrap_or_default();
                stop(own);
                match then.clone() {
                    Some(then) => own.compared(Some(payload), then),
                    None => own.finished(payload),
                }
            }
            ToPage::Failed { why } => {
                stop(own);
                match then.clone() {
                    // Comparing could not be done there: the page finds the reuse itself.
                    Some(then) => own.compared(None, then),
                    None => own.job.set(Job::Failed(why)),
                }
            }
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if own.current(job)
            && let Some(then) = failed_then.clone()
        {
            stop(own);
            own.compared(None, then);
        } else if own.current(job) {
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
