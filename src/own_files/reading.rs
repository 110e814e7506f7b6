//! Reading the chosen files from disk: only `.txt`, within what a browser tab can index; a file refused or unreadable
//! is reported at once, in both languages, and the others go on.

use js_sys::{Reflect, Uint8Array};
use tifa_protocol::FileOutcome;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Text;

/// Files larger than this are refused before reading (a browser tab cannot index much more).
const MAX_FILE: f64 = 300.0 * 1024.0 * 1024.0;
/// Nor more than this in all at once.
const MAX_TOTAL: f64 = 600.0 * 1024.0 * 1024.0;

/// The files read, ready for the worker.
pub struct Read {
    /// Their names, with the folder path when a folder was opened.
    pub names: Vec<String>,
    /// Their bytes, in the same order.
    pub bytes: Vec<Uint8Array>,
}

/// Read `files`, reporting each refused one with `refused`; `None` when the job stopped being current meanwhile.
pub async fn read(
    files: Vec<web_sys::File>,
    current: impl Fn() -> bool,
    refused: impl Fn(FileOutcome),
) -> Option<Read> {
    let mut read = Read { names: Vec::new(), bytes: Vec::new() };
    let mut total = 0.0;
    for f in files {
        if !current() {
            return None;
        }
        let name = Reflect::get(&f, &"webkitRelativePath".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
        let name = if name.is_empty() { f.name() } else { name };
        let refuse = |name: String, why: Text| refused(FileOutcome { name, result: Err(why) });
        if !name.to_ascii_lowercase().ends_with(".txt") {
            refuse(
                name,
                Text::new(
                    "已跳过：只读取 .txt 文件；请把文字另存为 .txt。",
                    "skipped: only .txt files are read; save the text as .txt",
                ),
            );
            continue;
        }
        total += f.size();
        if f.size() > MAX_FILE || total > MAX_TOTAL {
            let mb = f.size() / 1024.0 / 1024.0;
            refuse(
                name,
                Text::new(
                    format!(
                        "对本浏览器来说太大（{mb:.0} MiB；每个文件最多 300 MiB，合计最多 600 MiB）：请拆分或少选几个文件。"
                    ),
                    format!(
                        "too large for this browser ({mb:.0} MiB; at most 300 MiB a file and 600 MiB in all): split it or open fewer files"
                    ),
                ),
            );
            continue;
        }
        let buffer = JsFuture::from(f.array_buffer()).await;
        if !current() {
            return None;
        }
        match buffer {
            Ok(buffer) => {
                read.names.push(name);
                read.bytes.push(Uint8Array::new(&buffer));
            }
            Err(_) => refuse(name, Text::new("浏览器无法读取这个文件。", "the browser could not read this file")),
        }
    }
    Some(read)
}
