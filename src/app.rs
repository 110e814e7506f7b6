//! The root: loads the corpus asset with a progress screen, then lays out the explorer (header, navigation, search
//! box, the current page) and wires the URL hash and the keyboard.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::search_box::SearchBox;
use crate::i18n::{Lang, tr};
use crate::loader::{self, Load};
use crate::own_files::OwnFiles;
use crate::route::{Page, Route};
use crate::state::{Explorer, explorer};
use crate::views;

/// Local-storage key of the chosen interface language.
const LANG_KEY: &str = "tifa.lang";

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(browser::stored(LANG_KEY).map(|c| Lang::from_code(&c)).unwrap_or_default());
    Effect::new(move |_| browser::set_root_attribute("lang", lang.get().code()));
    let explorer = Explorer::new(lang);
    provide_context(explorer);
    let load = RwSignal::new(Load::Fetching { received: 0, total: None });
    let own = OwnFiles::new(explorer, load);
    provide_context(own);
    install_listeners(explorer, own);
    spawn_local(async move {
        match loader::load(|state| load.set(state)).await {
            Ok(shipped) => {
                own.remember_shipped(&shipped.index, shipped.asset);
                explorer.show(shipped.index);
                load.set(Load::Ready);
            }
            Err(message) => load.set(Load::Failed(message)),
        }
    });
    move || match load.get() {
        Load::Ready => view! { <ExplorerView /> }.into_any(),
        Load::Failed(message) => view! { <LoadError message lang /> }.into_any(),
        state => view! { <Loading state lang /> }.into_any(),
    }
}

/// The progress screen shown while the asset downloads and the index is built.
#[component]
fn Loading(state: Load, lang: RwSignal<Lang>) -> impl IntoView {
    let l = lang.get_untracked();
    let (label, value, max) = match state {
        Load::Fetching { received, total } => {
            let kb = |b: u64| format!("{:.0} KB", b as f64 / 1024.0);
            let text = match total {
                Some(t) => format!("{} {} / {}", tr(l, "正在下载语料", "Downloading the corpus"), kb(received), kb(t)),
                None => format!("{} {}", tr(l, "正在下载语料", "Downloading the corpus"), kb(received)),
            };
            (text, received as f64, total.map(|t| t as f64))
        }
        _ => (tr(l, "正在建立索引…", "Building the index…").to_string(), 1.0, Some(1.0)),
    };
    view! {
        <main class="loading" aria-busy="true">
            <p class="brand-name big">"提法"</p>
            <progress max=max.unwrap_or(1.0) value=max.map(|_| value) aria-label=label.clone()></progress>
            <p class="loading-label" role="status">{label}</p>
        </main>
    }
}

/// The asset could not be loaded: say why, in plain words.
#[component]
fn LoadError(message: String, lang: RwSignal<Lang>) -> impl IntoView {
    let l = lang.get_untracked();
    // A one-file bundle carries its corpus inside: the advice differs from the static site's.
    let bundled = document().get_element_by_id(loader::INLINE_ASSET).is_some();
    let advice = if bundled {
        tr(l, "这个文件已损坏。请用 tifa bundle 重新生成。", "This file is damaged. Make it again with tifa bundle.")
    } else {
        tr(
            l,
            "请确认页面是通过网页服务器打开的（例如 cargo xtask serve），且 corpus.tifa 与页面在同一目录；然后刷新页面。",
            "Open the page through a web server (for example cargo xtask serve) with corpus.tifa next to it, then reload.",
        )
    };
    view! {
        <main class="load-error" role="alert">
            <h1>{tr(l, "无法打开语料", "The corpus could not be opened")}</h1>
            <p class="error-detail">{message}</p>
            <p>{advice}</p>
        </main>
    }
}

/// The explorer once a corpus is loaded, rebuilt when another corpus is shown.
#[component]
fn ExplorerView() -> impl IntoView {
    let c = explorer();
    move || {
        c.track_index();
        view! { <Layout /> }
    }
}

/// The header, the navigation and the current page over the corpus shown.
#[component]
fn Layout() -> impl IntoView {
    let c = explorer();
    let route = c.route;
    let lang = c.lang;
    Effect::new(move |_| {
        let l = lang.get();
        let page = route.with(|r| r.page.clone());
        browser::set_title(&format!("{} · {}", page_name(l, &page), tr(l, "提法", "Tifa")));
    });
    // When the first view is on screen: the size-and-speed report reads this mark.
    Effect::new(move |_| browser::set_root_attribute("data-ready-ms", &format!("{:.1}", browser::now())));
    // Only a change of page builds a new view; the views follow changes of query, filters and options themselves.
    let current = Memo::new(move |_| route.with(|r| r.page.clone()));
    Effect::new(move |previous: Option<Page>| {
        let page = current.get();
        if previous.is_some_and(|p| p != page) {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if matches!(page, Page::Article(_)) {
                browser::focus("#b-title");
            }
        }
        page
    });
    let page = move || match current.get() {
        Page::Browse => view! { <views::browse::Browse /> }.into_any(),
        Page::Article(id) => view! { <views::article::ArticleView id /> }.into_any(),
        Page::Formulations => view! { <views::formulations::Formulations /> }.into_any(),
        Page::Terms => view! { <views::terms::Terms /> }.into_any(),
        Page::Regions => view! { <views::regions::Regions /> }.into_any(),
        Page::Reuse => view! { <views::reuse::ReuseView /> }.into_any(),
        Page::About => view! { <views::about::About /> }.into_any(),
    };
    view! {
        <a class="skip" href="#main" on:click=|e| { e.prevent_default(); browser::focus("#main"); }>
            {move || tr(lang.get(), "跳到正文", "Skip to content")}
        </a>
        <header class="site-header">
            <a class="brand" href="#/">
                <span class="brand-name">"提法"</span>
                <span class="brand-sub">{move || tr(lang.get(), "政策文件汇编浏览", "Policy compilation explorer")}</span>
            </a>
            <SearchBox />
            <Nav />
            <crate::own_files::OpenButtons lang />
            <button
                type="button"
                class="lang-switch"
                lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                on:click=move |_| {
                    let next = if lang.get_untracked() == Lang::Zh { Lang::En } else { Lang::Zh };
                    browser::store(LANG_KEY, next.code());
                    lang.set(next);
                }
            >
                {move || if lang.get() == Lang::Zh { "English" } else { "中文" }}
            </button>
        </header>
        <main id="main" class="tifa" tabindex="-1" data-articles=c.index().corpus.articles.len().to_string()>
            <crate::own_files::OwnFilesPanel lang />
            {page}
        </main>
    }
}

/// Window listeners, installed once by the root: they outlive any one corpus shown.
fn install_listeners(c: Explorer, own: OwnFiles) {
    let _ = window_event_listener(ev::hashchange, move |_| c.route.set(Route::parse(&browser::hash())));
    let _ = window_event_listener(ev::keydown, move |e| on_key(c, e));
    crate::own_files::accept_drops(own);
}

/// The page links; each keeps the current selection.
#[component]
fn Nav() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let pages = [Page::Browse, Page::Formulations, Page::Terms, Page::Regions, Page::Reuse, Page::About];
    let links = pages
        .into_iter()
        .map(|page| {
            let target = page.clone();
            let href = move || route.with(|r| r.on(target.clone()).to_hash());
            let this = page.clone();
            let current = move || {
                route.with(|r| {
                    let here = if matches!(r.page, Page::Article(_)) { Page::Browse } else { r.page.clone() };
                    (here == this).then_some("page")
                })
            };
            let name = page.clone();
            view! { <a href=href aria-current=current>{move || page_name(lang.get(), &name)}</a> }
        })
        .collect_view();
    view! { <nav class="site-nav" aria-label=move || tr(lang.get(), "页面", "Pages")>{links}</nav> }
}

/// A page's name (navigation and document title).
pub fn page_name(lang: Lang, page: &Page) -> &'static str {
    match page {
        Page::Browse => tr(lang, "检索", "Search"),
        Page::Article(_) => tr(lang, "文章", "Article"),
        Page::Formulations => tr(lang, "提法", "Formulations"),
        Page::Terms => tr(lang, "词语", "Terms"),
        Page::Regions => tr(lang, "地区", "Regions"),
        Page::Reuse => tr(lang, "转引", "Reuse"),
        Page::About => tr(lang, "概览", "Overview"),
    }
}

/// Keyboard: `/` focuses the search box; j/k and the arrow keys move through results; Esc clears the search.
fn on_key(c: Explorer, e: web_sys::KeyboardEvent) {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    // Keys typed into a field belong to it (the search box handles its own arrows), judged by where the key was
    // pressed: the field may already have moved the focus elsewhere.
    let typing = e
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false);
    match e.key().as_str() {
        "/" if !typing => {
            e.prevent_default();
            browser::focus("#search");
        }
        "j" if !typing && crate::browser::move_focus(1) => e.prevent_default(),
        "k" if !typing && crate::browser::move_focus(-1) => e.prevent_default(),
        // The arrows keep scrolling the page unless a result has the focus.
        "ArrowDown" if !typing && on_result() && crate::browser::move_focus(1) => e.prevent_default(),
        "ArrowUp" if !typing && on_result() && crate::browser::move_focus(-1) => e.prevent_default(),
        "Escape" if !typing => {
            let r = c.route.get_untracked();
            if !r.q.is_empty() {
                c.go(&Route { q: String::new(), ..r });
            }
            browser::focus("#search");
        }
        _ => {}
    }
}

/// Whether a result link has the focus.
fn on_result() -> bool {
    document().active_element().is_some_and(|el| el.has_attribute("data-nav"))
}
