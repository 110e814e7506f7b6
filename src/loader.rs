//! Loading the corpus asset: fetch with progress, then decode into a ready index.

use std::sync::Arc;

use js_sys::{Reflect, Uint8Array};
use leptos::prelude::window;
use tifa_corpus::search::Index;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the built site keeps the corpus asset, relative to the page (so any sub-path works).
pub const ASSET: &str = "corpus.tifa";

/// What the loading screen shows.
#[derive(Debug, Clone)]
pub enum Load {
    /// Downloading: bytes received and, when the server says, the total.
    Fetching { received: u64, total: Option<u64> },
    /// Downloaded; building the in-memory index.
    Indexing,
    /// Ready to explore (the index is the explorer's).
    Ready,
    /// Cannot continue; the message says why and what to do.
    Failed(String),
}

/// Id of the element in which the one-file bundle carries the asset (base64), instead of a file next to the page.
pub const INLINE_ASSET: &str = "tifa-asset";

/// The corpus a page ships: its index, and the asset it was read from (kept so that a worker can compare it with
/// the user's files).
pub struct Shipped {
    /// The ready index.
    pub index: Arc<Index>,
    /// The asset's bytes.
    pub asset: Vec<u8>,
}

/// Read the asset (from the page itself in a bundle, else over the network with progress) and decode it; why not,
/// in plain words.
pub async fn load(progress: impl Fn(Load)) -> Result<Shipped, String> {
    let carried = leptos::prelude::document().get_element_by_id(INLINE_ASSET).and_then(|el| el.text_content());
    let inline = carried.is_some();
    let bytes = match carried {
        Some(text) => match inline_bytes(&text) {
            Ok(bytes) => bytes,
            Err(error) => return Err(error),
        },
        None => match fetch(ASSET, &progress).await {
            Ok(bytes) => bytes,
            Err(error) => return Err(error),
        },
    };
    progress(Load::Indexing);
    crate::browser::next_frame().await;
    match tifa_corpus::search::asset::decode(&bytes) {
        Ok(index) => {
            // The base64 text is not needed any more: let the browser free it.
            if let Some(el) = leptos::prelude::document().get_element_by_id(INLINE_ASSET) {
                el.remove();
            }
            Ok(Shipped { index: Arc::new(index), asset: bytes })
        }
        Err(error) if inline => Err(format!("the corpus inside this file: {error}")),
        Err(error) => Err(format!("{ASSET}: {error}")),
    }
}

/// The asset carried in the page, base64-encoded.
fn inline_bytes(text: &str) -> Result<Vec<u8>, String> {
    base64_bytes(text).ok_or_else(|| {
        "the corpus inside this file is damaged (not base64); make the file again with `tifa bundle`".to_string()
    })
}

/// Bytes from base64 text carried in the page (None if it is not base64).
pub fn base64_bytes(text: &str) -> Option<Vec<u8>> {
    // atob gives one character per byte.
    Some(window().atob(text.trim()).ok()?.chars().map(|c| c as u32 as u8).collect())
}

async fn fetch(url: &str, progress: &impl Fn(Load)) -> Result<Vec<u8>, String> {
    let failed = |what: &str, e: JsValue| format!("{url}: {what} ({})", describe(&e));
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|e| failed("cannot download", e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| failed("unexpected answer", e))?;
    if !response.ok() {
        return Err(format!("{url}: the server answered {} {}", response.status(), response.status_text()));
    }
    let total = response.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<u64>().ok());
    let Some(body) = response.body() else {
        let buffer = JsFuture::from(response.array_buffer().map_err(|e| failed("cannot read", e))?)
            .await
            .map_err(|e| failed("cannot read", e))?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|e| failed("cannot read", e.into()))?;
    let mut bytes = Vec::with_capacity(total.unwrap_or(0) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| failed("download interrupted", e))?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &"value".into()) {
            bytes.extend(Uint8Array::new(&value).to_vec());
        }
        progress(Load::Fetching { received: bytes.len() as u64, total });
    }
    Ok(bytes)
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "no details".into())
}
