//! Export buttons: each writes a file in the page (CSV for Excel, JSON in the corpus schema, Markdown with
//! citations) from the same core functions as `tifa export`.

use leptos::prelude::*;

use crate::browser;
use crate::i18n::tr;

/// One export: a label and what makes the file.
pub struct Export {
    /// Button text (Chinese, English).
    pub label: (&'static str, &'static str),
    /// File name.
    pub file: &'static str,
    /// MIME type.
    pub mime: &'static str,
    /// The file's content, computed when the button is pressed.
    pub make: Box<dyn Fn() -> String + Send + Sync>,
}

/// A row of export buttons.
#[component]
pub fn ExportMenu(exports: Vec<Export>) -> impl IntoView {
    let lang = crate::state::explorer().lang;
    let buttons = exports
        .into_iter()
        .map(|e| {
            let Export { label, file, mime, make } = e;
            let click = move |_| {
                browser::download(file, mime, &make());
            };
            let aria = move || format!("{} {}", tr(lang.get(), "导出", "Export"), tr(lang.get(), label.0, label.1));
            view! { <button type="button" class="export" on:click=click aria-label=aria>{move || tr(lang.get(), label.0, label.1)}</button> }
        })
        .collect_view();
    view! {
        <div class="export-menu" role="group" aria-label=move || tr(lang.get(), "导出", "Export")>
            <span class="export-label">{move || tr(lang.get(), "导出：", "Export: ")}</span>
            {buttons}
        </div>
    }
}

/// Exports speak the interface's language (headers and words; corpus text and citations stay as they are).
pub fn export_language() -> crate::i18n::Lang {
    crate::state::explorer().lang.get_untracked()
}

/// MIME types of the exports.
pub const CSV: &str = "text/csv;charset=utf-8";
/// JSON.
pub const JSON: &str = "application/json;charset=utf-8";
/// Markdown.
pub const MARKDOWN: &str = "text/markdown;charset=utf-8";
