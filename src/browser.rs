//! Small wrappers over browser APIs the views need (hash navigation, storage, clipboard, focus, scrolling). Every
//! call tolerates a missing API: a failure leaves the page as it was instead of panicking.

use leptos::prelude::window;
use wasm_bindgen::JsValue;

/// The current location hash (`#/…`), or empty.
pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Go to a hash, adding a history entry (back returns here).
pub fn push_hash(hash: &str) {
    let _ = window().location().set_hash(hash);
}

/// Replace the current history entry's hash without adding one (typing in the search box).
pub fn replace_hash(hash: &str) -> bool {
    window().history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(hash))).is_ok()
}

/// A value kept in the browser's local storage.
pub fn stored(key: &str) -> Option<String> {
    window().local_storage().ok().flatten().and_then(|s| s.get_item(key).ok().flatten())
}

/// Keep a value in local storage (silently skipped where storage is unavailable).
pub fn store(key: &str, value: &str) {
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.set_item(key, value);
    }
}

/// Set an attribute on `<html>`.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// Set the document title.
pub fn set_title(title: &str) {
    leptos::prelude::document().set_title(title);
}

/// Copy text to the clipboard; true when the browser accepted it.
pub async fn copy(text: &str) -> bool {
    // Outside a secure context (plain http other than localhost) there is no clipboard object at all.
    let navigator = window().navigator();
    let has = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offer `text` as a file to save (a download made in the page: nothing leaves the browser). False if the browser
/// refused.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let link = leptos::prelude::document()
        .create_element("a")
        .ok()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(el).ok());
    let Some(link) = link else { return false };
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Revoked later: the download starts asynchronously.
    leptos::prelude::set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(30),
    );
    true
}

/// Scroll an element into view and move the focus to it.
pub fn reveal(id: &str) {
    let Some(el) = leptos::prelude::document().get_element_by_id(id) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_behavior(web_sys::ScrollBehavior::Smooth);
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(html) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
        let _ = html.focus();
        let _ = html.class_list().add_1("flash");
    }
}

/// Focus the first element matching a selector.
pub fn focus(selector: &str) -> bool {
    let el = leptos::prelude::document().query_selector(selector).ok().flatten();
    match el.and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Run `f` once the browser has handled what is queued (the hash change) and rendered.
pub fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(f, std::time::Duration::from_millis(50));
}

/// Milliseconds since the page started (for the timing marks the size-and-speed report reads).
pub fn now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Yield to the browser so that it can paint (a resolved timeout).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Move the focus to the next (or previous) result link; false when the page has none.
pub fn move_focus(step: i32) -> bool {
    let Ok(items) = leptos::prelude::document().query_selector_all("[data-nav]") else { return false };
    let n = items.length() as i32;
    if n == 0 {
        return false;
    }
    let active = leptos::prelude::document().active_element();
    let at = (0..n).find(|&i| {
        let item = items.item(i as u32);
        item.is_some() && active.as_ref().map(|a| a.is_same_node(item.as_ref())).unwrap_or(false)
    });
    let next = match at {
        Some(i) => (i + step).clamp(0, n - 1),
        None if step > 0 => 0,
        None => n - 1,
    };
    items
        .item(next as u32)
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        .map(|el| el.focus().is_ok())
        .unwrap_or(false)
}
