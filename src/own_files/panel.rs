//! What the user sees of their files: the open buttons in the header, files dropped on the page, and the panel with
//! progress, cancel, the per-file report and the switch between the shipped corpus and theirs.

use leptos::prelude::*;
use tifa_protocol::{Progress, Stage};

use super::{Job, OwnFiles, Shown, own_files};
use crate::i18n::{Lang, tr};

/// Files from a file input or a drop.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The open-files buttons for the header.
#[component]
pub fn OpenButtons(lang: RwSignal<Lang>) -> impl IntoView {
    let own = own_files();
    let on_pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        own.open(files_of(input.files()));
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

/// Accept files dropped anywhere on the page (installed once, by the root).
pub fn accept_drops(own: OwnFiles) {
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
            own.open(files_of(e.data_transfer().and_then(|d| d.files())));
        }
    });
}

/// Progress, cancel, the per-file report, and the switch between the shipped corpus and yours.
#[component]
pub fn OwnFilesPanel(lang: RwSignal<Lang>) -> impl IntoView {
    let own = own_files();
    let (job, lines) = (own.job, own.lines);
    let own_loaded = move || own.has_own();
    let showing = move || own.shown();
    let status = move || {
        let l = lang.get();
        match job.get() {
            Job::Idle => String::new(),
            Job::Reading => tr(l, "正在读取文件…", "Reading the files…").to_string(),
            Job::Working(Progress { stage, done, total }) => match (stage, l) {
                (Stage::Parse, Lang::Zh) => format!("正在分篇：{done} / {total} 个文件"),
                (Stage::Parse, Lang::En) => format!("Parsing: {done} of {total} files"),
                (Stage::Tag, _) => tr(
                    l,
                    "正在分词与标注（首次需载入完整词典）…",
                    "Segmenting and tagging (loading the full dictionary)…",
                )
                .into(),
                (Stage::Compare, _) => tr(
                    l,
                    "正在比对默认语料与你的文件共有的段落…",
                    "Finding the passages the default corpus and your files share…",
                )
                .into(),
                (Stage::Encode, _) => tr(l, "正在建立索引…", "Building the index…").into(),
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
            Job::Failed(m) => format!("{}{}", tr(l, "未能载入：", "Could not load: "), m.get(l)),
        }
    };
    let busy = move || matches!(job.get(), Job::Reading | Job::Working { .. });
    let progress = move || match job.get() {
        Job::Working(p) => Some(p.share()),
        _ => None,
    };
    let visible = move || job.get() != Job::Idle || own_loaded();
    view! {
        <Show when=visible>
            <section class="own-files panel" aria-labelledby="own-h">
                <h2 id="own-h">{move || tr(lang.get(), "你的文件", "Your files")}</h2>
                <div class="corpus-switch" role="group" aria-label=move || tr(lang.get(), "显示哪个语料", "Which corpus to show")>
                        <Show when=move || own_loaded() && !busy()>
                            <button type="button" class="show-default" aria-pressed=move || (showing() == Shown::Shipped).to_string() on:click=move |_| own.show(Shown::Shipped)>{move || tr(lang.get(), "默认语料", "Default corpus")}</button>
                            <button type="button" class="show-own" aria-pressed=move || (showing() == Shown::Own).to_string() on:click=move |_| own.show(Shown::Own)>{move || tr(lang.get(), "我的文件", "My files")}</button>
                            <button type="button" class="show-both" aria-pressed=move || (showing() == Shown::Both).to_string() on:click=move |_| own.show(Shown::Both)>{move || tr(lang.get(), "合并两者", "Both together")}</button>
                            <button type="button" class="forget" on:click=move |_| own.forget()>
                                {move || tr(lang.get(), "移除我的文件", "Remove my files")}
                            </button>
                        </Show>
                </div>
                <p class="own-status" role="status" aria-live="polite">{status}</p>
                <Show when=busy>
                    <progress max="1" value=move || progress().unwrap_or(0.0) aria-label=move || tr(lang.get(), "进度", "Progress")></progress>
                    <button type="button" class="cancel" on:click=move |_| own.cancel()>{move || tr(lang.get(), "取消", "Cancel")}</button>
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
                                    Err(m) => ("refused", m.get(l).to_string()),
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
