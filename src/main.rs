//! Tifa (提法): the in-browser explorer for compilations of Chinese policy documents.
//!
//! A Leptos client-side-rendered app; build it with `cargo xtask dist` (Trunk) and open it with `cargo xtask serve`.
//! It loads the corpus asset (`corpus.tifa`, built natively by xtask) and only renders and routes: parsing,
//! enrichment, search and statistics live in `tifa-corpus`.

mod app;
mod browser;
mod components;
mod i18n;
mod loader;
mod own_files;
mod route;
mod state;
mod store;
mod views;

fn main() {
    // Panics are reported on the browser console instead of an opaque `unreachable` trap.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
