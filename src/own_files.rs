//! Your own corpus: `.txt` files chosen with the picker (several at once, or a folder) or dropped on the page are
//! read, then parsed, tagged and indexed in a Web Worker (`crates/tifa-worker`, loaded only now, with the full
//! dictionary) while the page stays responsive, with progress, a cancel button and a plain-words report per file.
//! Nothing leaves the browser. The result is shown like the shipped corpus; a button switches back.

use std::cell::RefCell;
use std::sync::Arc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tifa_corpus::search::Index;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::file_report::{FileLine, Reason};
use crate::i18n::{Lang, tr};
use crate::loader::Load;

/// Files larger than this are refused before reading (a browser tab cannot index much more).
const MAX_FILE: f64 = 300.0 * 1024.0 * 1024.0;
/// Nor more than this in all at once.
const MAX_TOTAL: f64 = 600.0 * 1024.0 * 1024.0;
/// The worker's start-up module, next to the page.
const WORKER: &str = "worker/boot.js";

/// Where opening files stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Job {
    /// Nothing opened.
    #[default]
    Idle,
    /// Reading the files from disk.
    Reading,
    /// The worker is at a stage.
    Working { stage: String, done: u32, total: u32 },
    /// Finished: the user's corpus is loaded.
    Done,
    /// Loaded, but the browser would not keep it for the next visit.
    DoneNotKept,
    /// The user's corpus was kept from an earlier visit.
    Kept,
    /// Stopped by the user.
    Cancelled,
    /// Could not build anything; why.
    Failed(Reason),
}

/// The state shared between the page and the worker's messages (one per page).
#[derive(Clone, Copy)]
struct Shared {
    load: RwSignal<Load>,
    job: RwSignal<Job>,
    lines: RwSignal<Vec<FileLine>>,
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
    static SHIPPED: RefCell<Option<Arc<Index>>> = const { RefCell::new(None) };
    static OWN: RefCell<Option<Arc<Index>>> = const { RefCell::new(None) };
    static BOTH: RefCell<Option<Arc<Index>>> = const { RefCell::new(None) };
    static WORKER_HANDLE: RefCell<Option<Running>> = const { RefCell::new(None) };
    /// The current job; messages and reads of an older (cancelled or replaced) job are ignored.
    static JOB_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Called by the root once: where a finished corpus goes, and the corpus the site shipped.
pub fn install(load: RwSignal<Load>) {
    let shared = Shared { load, job: RwSignal::new(Job::Idle), lines: RwSignal::new(Vec::new()) };
    SHARED.with(|s| *s.borrow_mut() = Some(shared));
}

/// Remember the shipped corpus the first time it is ready (to switch back to it), and bring back the user's corpus
/// kept from an earlier visit.
pub fn remember_shipped(index: &Arc<Index>) {
    let first = SHIPPED.with(|s| {
        let first = s.borrow().is_none();
        if first {
            *s.borrow_mut() = Some(index.clone());
        }
        first
    });
    if first {
        spawn_local(async {
            let Some((asset, lines)) = crate::store::load().await else { return };
            // Files opened meanwhile come first.
            if shared().is_none_or(|s| s.job.get_untracked() != Job::Idle) {
                return;
            }
            let Ok(index) = tifa_corpus::search::asset::decode(&asset) else {
                // Written by another version, or damaged: not worth keeping.
                let _ = crate::store::remove().await;
                return;
            };
            set_own(Some(Arc::new(index)));
            if let Some(s) = shared() {
                s.lines.set(lines);
                // Kept from an earlier visit: offered, not forced on the page.
                s.job.set(Job::Kept);
            }
        });
    }
}

/// Forget the user's corpus (here and in the browser's storage) and show the shipped one.
fn forget() {
    set_own(None);
    if let Some(s) = shared() {
        s.lines.set(Vec::new());
        s.job.set(Job::Idle);
    }
    if let Some(i) = SHIPPED.with(|s| s.borrow().clone()) {
        show(i);
    }
    spawn_local(async {
        let _ = crate::store::remove().await;
    });
}

/// The user's corpus changed: the combination with the shipped one must be made again.
fn set_own(index: Option<Arc<Index>>) {
    OWN.with(|o| *o.borrow_mut() = index);
    BOTH.with(|b| *b.borrow_mut() = None);
}

/// The shipped corpus and the user's together (made once, when first asked for).
fn both() -> Option<Arc<Index>> {
    if let Some(b) = BOTH.with(|b| b.borrow().clone()) {
        return Some(b);
    }
    let shipped = SHIPPED.with(|s| s.borrow().clone())?;
    let own = OWN.with(|o| o.borrow().clone())?;
    let merged = Arc::new(tifa_corpus::search::merge::merge(&shipped, &own));
    BOTH.with(|b| *b.borrow_mut() = Some(merged.clone()));
    Some(merged)
}

/// A running worker with its message handlers (dropped with it, so that nothing of a finished job is kept).
struct Running {
    worker: web_sys::Worker,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

/// Start a new job (making every older one stale); its id.
fn next_job() -> u64 {
    JOB_ID.with(|j| {
        j.set(j.get() + 1);
        j.get()
    })
}

fn current(job: u64) -> bool {
    JOB_ID.with(|j| j.get()) == job
}

fn shared() -> Option<Shared> {
    SHARED.with(|s| *s.borrow())
}

fn set_job(job: Job) {
    if let Some(s) = shared() {
        s.job.set(job);
    }
}

/// Start with these files.
fn open(files: Vec<web_sys::File>) {
    let Some(s) = shared() else { return };
    // Nothing chosen (an empty folder, a drop of text): the running job, if any, goes on.
    if files.is_empty() {
        return;
    }
    cancel_worker();
    let job = next_job();
    s.lines.set(Vec::new());
    s.job.set(Job::Reading);
    spawn_local(async move {
        let payload = Array::new();
        let buffers = Array::new();
        let mut total = 0.0;
        for f in files {
            if !current(job) {
                return;
            }
            let name =
                Reflect::get(&f, &"webkitRelativePath".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
            let name = if name.is_empty() { f.name() } else { name };
            if !name.to_ascii_lowercase().ends_with(".txt") {
                let why = Reason::new(
                    "已跳过：只读取 .txt 文件；请把文字另存为 .txt。",
                    "skipped: only .txt files are read; save the text as .txt",
                );
                s.lines.update(|l| l.push(FileLine { name, result: Err(why) }));
                continue;
            }
            total += f.size();
            if f.size() > MAX_FILE || total > MAX_TOTAL {
                let mb = f.size() / 1024.0 / 1024.0;
                let why = Reason::new(
                    format!(
                        "对本浏览器来说太大（{mb:.0} MiB；每个文件最多 300 MiB，合计最多 600 MiB）：请拆分或少选几个文件。"
                    ),
                    format!(
                        "too large for this browser ({mb:.0} MiB; at most 300 MiB a file and 600 MiB in all): split it or open fewer files"
                    ),
                );
                s.lines.update(|l| l.push(FileLine { name, result: Err(why) }));
                continue;
            }
            let read = JsFuture::from(f.array_buffer()).await;
            if !current(job) {
                return;
            }
            match read {
                Ok(buffer) => {
                    buffers.push(&buffer);
                    let entry = Object::new();
                    let _ = Reflect::set(&entry, &"name".into(), &name.into());
                    let _ = Reflect::set(&entry, &"bytes".into(), &Uint8Array::new(&buffer));
                    payload.push(&entry);
                }
                Err(_) => {
                    let why = Reason::new("浏览器无法读取这个文件。", "the browser could not read this file");
                    s.lines.update(|l| l.push(FileLine { name, result: Err(why) }))
                }
            }
        }
        if payload.length() == 0 {
            s.job.set(Job::Failed(Reason::new("没有可读取的文件。", "no file could be read")));
            return;
        }
        start_worker(job, payload, buffers);
    });
}

/// In a one-file bundle the worker travels inside the page: its glue is run from a data: URL and this start-up
/// code receives the compressed wasm as the first message.
const BLOB_BOOT: &str = "
self.onmessage = async (e) => {
  try {
    const stream = new Blob([e.data.wasm]).stream().pipeThrough(new DecompressionStream('gzip'));
    await __wbg_init({ module_or_path: await new Response(stream).arrayBuffer() });
  } catch (err) {
    postMessage({ type: 'error', message: 'the worker could not start: ' + err });
  }
};
";

/// The worker: from the file next to the page, or from the code a bundle carries.
fn new_worker() -> Option<web_sys::Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let document = leptos::prelude::document();
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

fn start_worker(job: u64, payload: Array, buffers: Array) {
    cancel_worker();
    let Some(worker) = new_worker() else {
        set_job(Job::Failed(Reason::new(
            "这个浏览器无法启动读取文件的后台线程（Web Worker）。",
            "this browser cannot start the worker that reads files",
        )));
        return;
    };
    let w = worker.clone();
    // The files go to the worker once (transferred, not copied); the handler keeps nothing of them afterwards.
    let mut pending = Some((payload, buffers));
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if current(job) {
            on_message(&w, &mut pending, e.data());
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if current(job) {
            set_job(Job::Failed(Reason::new(
                "读取文件的后台线程出错停止了（可能一次处理的内容太多）：请少选几个或更小的文件。",
                "the worker that reads files stopped (perhaps too much at once for this browser: open fewer or smaller files)",
            )));
            cancel_worker();
        }
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    WORKER_HANDLE.with(|h| *h.borrow_mut() = Some(Running { worker, _onmessage: onmessage, _onerror: onerror }));
}

fn field(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn on_message(worker: &web_sys::Worker, pending: &mut Option<(Array, Array)>, data: JsValue) {
    let Some(s) = shared() else { return };
    let number = |name: &str| field(&data, name).as_f64().unwrap_or(0.0) as u32;
    match field(&data, "type").as_string().as_deref() {
        Some("ready") => {
            let Some((payload, buffers)) = pending.take() else { return };
            let message = Object::new();
            let _ = Reflect::set(&message, &"files".into(), &payload);
            let _ = worker.post_message_with_transfer(&message, &buffers);
        }
        Some("progress") => s.job.set(Job::Working {
            stage: field(&data, "stage").as_string().unwrap_or_default(),
            done: number("done"),
            total: number("total"),
        }),
        Some("file") => {
            let name = field(&data, "name").as_string().unwrap_or_default();
            let result = if field(&data, "ok").as_bool() == Some(true) {
                Ok(number("articles"))
            } else {
                let text = |k: &str| field(&data, k).as_string().unwrap_or_default();
                Err(Reason::new(text("message_zh"), text("message")))
            };
            s.lines.update(|l| l.push(FileLine { name, result }));
        }
        Some("done") => {
            let bytes = Uint8Array::new(&field(&data, "asset")).to_vec();
            cancel_worker();
            match tifa_corpus::search::asset::decode(&bytes) {
                Ok(index) => {
                    let index = Arc::new(index);
                    set_own(Some(index.clone()));
                    s.job.set(Job::Done);
                    show(index);
                    // Kept for the next visit, until removed.
                    let lines = s.lines.get_untracked();
                    spawn_local(async move {
                        if crate::store::save(&bytes, &lines).await.is_err()
                            && shared().is_some_and(|s| s.job.get_untracked() == Job::Done)
                        {
                            set_job(Job::DoneNotKept);
                        }
                    });
                }
                Err(e) => s.job.set(Job::Failed(Reason::new(format!("处理结果无法读取：{e}"), e.to_string()))),
            }
        }
        Some("error") => {
            let text = |k: &str| field(&data, k).as_string().unwrap_or_default();
            s.job.set(Job::Failed(Reason::new(text("message_zh"), text("message"))));
            cancel_worker();
        }
        _ => {}
    }
}

fn cancel_worker() {
    let running = WORKER_HANDLE.with(|h| h.borrow_mut().take());
    if let Some(r) = running {
        r.worker.terminate();
    }
}

/// Show a corpus: the explorer is rebuilt on it, at the search page.
fn show(index: Arc<Index>) {
    if let Some(s) = shared() {
        crate::browser::push_hash("#/");
        s.load.set(Load::Ready(index));
    }
}

/// Files from a file input or a drop.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The open-files buttons for the header.
#[component]
pub fn OpenButtons(lang: RwSignal<Lang>) -> impl IntoView {
    let on_pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        open(files_of(input.files()));
        input.set_value("");
    };
    // `webkitdirectory` (choose a folder) is not in the element's typed attributes: set it once mounted.
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <div class="open-files">
            <label class="button" title=move || tr(lang.get(), "在浏览器中打开你自己的 .txt 汇编（不会上传）", "Open your own .txt compilations in the browser (nothing is uploaded)")>
                {move || tr(lang.get(), "打开文件", "Open files")}
                <input id="open-files" type="file" multiple accept=".txt,text/plain" class="sr-only" on:change=on_pick />
            </label>
            <label class="button">
                {move || tr(lang.get(), "文件夹", "Folder")}
                <input id="open-folder" type="file" multiple class="sr-only" node_ref=folder on:change=on_pick />
            </label>
        </div>
    }
}

/// Accept files dropped anywhere on the page.
pub fn accept_drops() {
    // Only drags that carry files are taken: text dropped into the search box stays the browser's business.
    let has_files = |e: &web_sys::DragEvent| {
        e.data_transfer().is_some_and(|d| d.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
    };
    let _ = window_event_listener(leptos::ev::dragover, move |e: web_sys::DragEvent| {
        if has_files(&e) {
            e.prevent_default();
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |e: web_sys::DragEvent| {
        if has_files(&e) {
            e.prevent_default();
            open(files_of(e.data_transfer().and_then(|d| d.files())));
        }
    });
}

/// Progress, cancel, the per-file report, and the switch between the shipped corpus and yours.
#[component]
pub fn OwnFilesPanel(lang: RwSignal<Lang>) -> impl IntoView {
    let Some(s) = shared() else { return ().into_any() };
    let (job, lines) = (s.job, s.lines);
    let own_loaded = move || {
        job.track();
        OWN.with(|o| o.borrow().is_some())
    };
    // Which corpus the explorer shows: 0 shipped, 1 the user's, 2 both.
    let showing = move || {
        job.track();
        let c = crate::state::ctx();
        let is = |i: Option<Arc<Index>>| i.is_some_and(|i| c.same_index(&i));
        if is(OWN.with(|o| o.borrow().clone())) {
            1
        } else if is(BOTH.with(|b| b.borrow().clone())) {
            2
        } else {
            0
        }
    };
    let status = move || {
        let l = lang.get();
        match job.get() {
            Job::Idle => String::new(),
            Job::Reading => tr(l, "正在读取文件…", "Reading the files…").to_string(),
            Job::Working { stage, done, total } => match (stage.as_str(), l) {
                ("parse", Lang::Zh) => format!("正在分篇：{done} / {total} 个文件"),
                ("parse", Lang::En) => format!("Parsing: {done} of {total} files"),
                ("tag", _) => tr(
                    l,
                    "正在分词与标注（首次需载入完整词典）…",
                    "Segmenting and tagging (loading the full dictionary)…",
                )
                .into(),
                _ => tr(l, "正在建立索引…", "Building the index…").into(),
            },
            Job::Done => tr(
                l,
                "已载入你的文件；下次访问时仍会保留，直到你移除。",
                "Your files are loaded and kept for your next visit until you remove them.",
            )
            .into(),
            Job::DoneNotKept => tr(
                l,
                "已载入你的文件，但这个浏览器不允许保存，下次访问时需要重新打开。",
                "Your files are loaded, but this browser would not keep them: open them again next time.",
            )
            .into(),
            Job::Kept => {
                tr(l, "上次打开的文件仍保留在本浏览器中。", "The files you opened last time are kept in this browser.")
                    .into()
            }
            Job::Cancelled => tr(l, "已取消。", "Cancelled.").into(),
            Job::Failed(m) => format!("{}{}", tr(l, "未能载入：", "Could not load: "), m.in_lang(l)),
        }
    };
    let busy = move || matches!(job.get(), Job::Reading | Job::Working { .. });
    let progress = move || match job.get() {
        Job::Working { stage, done, total } if stage == "parse" && total > 0 => {
            Some(f64::from(done) / f64::from(total) * 0.5)
        }
        Job::Working { stage, .. } if stage == "tag" => Some(0.6),
        Job::Working { .. } => Some(0.9),
        _ => None,
    };
    let visible = move || job.get() != Job::Idle || own_loaded();
    view! {
        <Show when=visible>
            <section class="own-files panel" aria-labelledby="own-h">
                <h2 id="own-h">{move || tr(lang.get(), "你的文件", "Your files")}</h2>
                <div class="corpus-switch" role="group" aria-label=move || tr(lang.get(), "显示哪个语料", "Which corpus to show")>
                        <Show when=move || own_loaded() && !busy()>
                            <button type="button" class="show-default" aria-pressed=move || (showing() == 0).to_string() on:click=move |_| {
                                if let Some(i) = SHIPPED.with(|s| s.borrow().clone()) { show(i) }
                            }>{move || tr(lang.get(), "默认语料", "Default corpus")}</button>
                            <button type="button" class="show-own" aria-pressed=move || (showing() == 1).to_string() on:click=move |_| {
                                if let Some(i) = OWN.with(|o| o.borrow().clone()) { show(i) }
                            }>{move || tr(lang.get(), "我的文件", "My files")}</button>
                            <button type="button" class="show-both" aria-pressed=move || (showing() == 2).to_string() on:click=move |_| {
                                if let Some(i) = both() { show(i) }
                            }>{move || tr(lang.get(), "合并两者", "Both together")}</button>
                            <button type="button" class="forget" on:click=move |_| forget()>
                                {move || tr(lang.get(), "移除我的文件", "Remove my files")}
                            </button>
                        </Show>
                </div>
                <p class="own-status" role="status" aria-live="polite">{status}</p>
                <Show when=busy>
                    <progress max="1" value=move || progress().unwrap_or(0.0) aria-label=move || tr(lang.get(), "进度", "Progress")></progress>
                    <button type="button" class="cancel" on:click=move |_| {
                        next_job();
                        cancel_worker();
                        set_job(Job::Cancelled);
                    }>{move || tr(lang.get(), "取消", "Cancel")}</button>
                </Show>
                <ul class="file-lines">
                    {move || {
                        let l = lang.get();
                        lines
                            .get()
                            .into_iter()
                            .map(|line| {
                                let (class, text) = match &line.result {
                                    Ok(n) => ("ok", match l { Lang::Zh => format!("{n} 篇"), Lang::En => format!("{n} articles") }),
                                    Err(m) => ("refused", m.in_lang(l).to_string()),
                                };
                                view! { <li class=class><span class="file-name">{line.name}</span>" — "<span class="file-result">{text}</span></li> }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="hint">{move || tr(lang.get(), "文件只在本浏览器中处理，不会上传。", "Files are processed in this browser only; nothing is uploaded.")}</p>
            </section>
        </Show>
    }
    .into_any()
}
