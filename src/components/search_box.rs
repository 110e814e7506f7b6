//! The search box: results follow the typing (debounced, no button); Enter commits at once, Esc clears, the down
//! arrow moves into the results.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::tr;
use crate::route::{Page, Route};
use crate::state::explorer;

/// Pause after the last keystroke before searching.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// The search box in the header.
#[component]
pub fn SearchBox() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let text = RwSignal::new(route.get_untracked().q);
    // What this box last wrote to the route, so that its own (delayed) commits never overwrite newer typing.
    let committed = StoredValue::new(route.get_untracked().q);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let q = route.with(|r| r.q.clone());
        if q != committed.get_value() {
            // The route moved elsewhere (back/forward, a link): a pending commit of older typing must not follow it.
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            committed.set_value(q.clone());
            text.set(q);
        }
    });
    let commit = move |q: String| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let current = c.route.get_untracked();
        if q == current.q {
            return;
        }
        committed.set_value(q.clone());
        // Searching from an article or the overview shows the results; the other views narrow their selection.
        match current.page {
            Page::Article(_) | Page::About => c.go(&Route { q, ..current.on(Page::Browse) }),
            _ => c.replace(Route { q, ..current }),
        }
    };
    let schedule = move |q: String| {
        text.set(q.clone());
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(set_timeout_with_handle(move || commit(q), DEBOUNCE).ok());
    };
    // While a Chinese input method is composing (pinyin not yet turned into characters) nothing is searched; the
    // search starts when the composition ends.
    let on_input = move |e: leptos::ev::Event| {
        let composing = wasm_bindgen::JsCast::dyn_ref::<web_sys::InputEvent>(&e).is_some_and(|e| e.is_composing());
        if composing {
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            return;
        }
        schedule(event_target_value(&e));
    };
    let on_composed = move |e: leptos::ev::CompositionEvent| schedule(event_target_value(&e));
    let on_key = move |e: leptos::ev::KeyboardEvent| match e.key().as_str() {
        "Enter" if !e.is_composing() => commit(text.get_untracked()),
        "Escape" => {
            text.set(String::new());
            commit(String::new());
        }
        "ArrowDown" => {
            commit(text.get_untracked());
            if crate::browser::move_focus(1) {
                e.prevent_default();
            }
        }
        _ => {}
    };
    view! {
        <div class="search" role="search">
            <input
                id="search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || tr(lang.get(), "检索全文，如 营商环境 “两个维护” -疫情  （按 / 聚焦）", "Search the text, e.g. 营商环境 “两个维护” -疫情  (press /)")
                aria-label=move || tr(lang.get(), "检索", "Search")
                prop:value=move || text.get()
                on:input=on_input
                on:compositionend=on_composed
                on:keydown=on_key
            />
        </div>
    }
}
