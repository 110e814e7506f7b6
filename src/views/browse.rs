//! Browse and search (`#/`): facets with live counts, active filters, ranked results with snippets.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tifa_corpus::search::facets::FacetCounts;
use tifa_corpus::search::timeline::timeline;
use tifa_corpus::search::{Facet, FieldHit, Hit, Results, Scope, SearchOptions, Snippet, Sort};

use crate::browser;
use crate::components::charts::Histogram;
use crate::components::chips::{ActiveFilters, TagLink};
use crate::components::export_menu::{self, Export, ExportMenu, export_language};
use crate::components::facet_panel::FacetPanel;
use crate::components::marked_text::{Mark, MarkedText};
use crate::i18n::{Lang, tr};
use crate::route::{Page, Route};
use crate::state::{Explorer, explorer, shown_title};
use tifa_corpus::export;

/// Results shown at first and added by "more".
const PAGE: usize = 20;

/// The search page.
#[component]
pub fn Browse() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let limit = RwSignal::new(PAGE);
    // A new selection starts again at the first page.
    let selection = Memo::new(move |_| route.with(|r| (r.q.clone(), r.filters.clone(), r.order)));
    Effect::new(move |_| {
        selection.track();
        if limit.get_untracked() != PAGE {
            limit.set(PAGE);
        }
    });
    let index = c.index().clone();
    let results: Memo<Results> = Memo::new(move |_| {
        let r = route.get();
        let options = SearchOptions { offset: 0, limit: limit.get(), sort: r.sort(), snippets: 2 };
        index.search(&r.query(), &options)
    });
    // Decades help only when the dates span a long time.
    let decades = tifa_corpus::search::timeline::spans_decades(&c.index().corpus);
    let facets = Facet::ALL
        .into_iter()
        .enumerate()
        .filter(|(_, facet)| *facet != Facet::Decade || decades)
        .map(|(i, facet)| {
            let counts = Signal::derive(move || {
                results.with(|r| {
                    r.facets.get(i).cloned().unwrap_or(FacetCounts { facet: facet.key(), values: Vec::new() })
                })
            });
            view! { <FacetPanel facet counts /> }
        })
        .collect_view();
    let total = move || results.with(|r| r.total);
    // Ordering by date is offered when the corpus has dates.
    let dated = c.index().corpus.articles.iter().any(|a| a.date.is_some());
    let orders = [
        (Sort::Relevance, "按相关度", "Relevance"),
        (Sort::Corpus, "按原文顺序", "Corpus order"),
        (Sort::Date, "按日期", "By date"),
    ];
    let orders: Vec<_> = orders.into_iter().filter(|(order, _, _)| *order != Sort::Date || dated).collect();
    let sort_buttons = route_buttons(c, orders, |r| r.order, |r, order| Route { order, ..r });
    // Where the text must match: anywhere, or in one title, heading or paragraph.
    let scopes = [
        (Scope::All, "全文", "Anywhere"),
        (Scope::Titles, "标题", "Titles"),
        (Scope::Headings, "小标题", "Headings"),
        (Scope::Paragraphs, "段落", "Paragraphs"),
    ];
    let scope_buttons = route_buttons(c, scopes.to_vec(), |r| r.scope, |r, scope| Route { scope, ..r });
    let scoped = move || route.with(|r| r.scope != Scope::All && r.query().has_text());
    view! {
        <div class="browse">
            <details class="facets-wrap" open=wide_screen()>
                <summary>{move || tr(lang.get(), "筛选", "Filters")}</summary>
                <aside class="facets" aria-label=move || tr(lang.get(), "筛选", "Filters")>{facets}</aside>
            </details>
            <section class="results" aria-labelledby="results-h">
                <div class="result-bar">
                    <h1 id="results-h" class="total" aria-live="polite">
                        {move || match lang.get() {
                            Lang::Zh => format!("共 {} 篇", total()),
                            Lang::En => format!("{} article{}", total(), if total() == 1 { "" } else { "s" }),
                        }}
                    </h1>
                    <div class="sort" role="group" aria-label=move || tr(lang.get(), "排序", "Order")>{sort_buttons}</div>
                </div>
                <div class="scope" role="group" aria-label=move || tr(lang.get(), "检索范围", "Search in")>{scope_buttons}</div>
                <ActiveFilters />
                {dated.then(|| view! { <TimelineChart /> })}
                <ExportMenu exports=selection_exports(c) />
                <Show
                    when=scoped
                    fallback=move || view! {
                        <ol class="hits">
                            {move || results.with(|r| r.hits.iter().map(|hit| view! { <HitItem hit=hit.clone() /> }).collect_view())}
                        </ol>
                    }
                >
                    // Searching in headings (titles, paragraphs): each matching one, with where it is from.
                    <ol class="field-hits">
                        {move || {
                            let docs: Vec<u32> = results.with(|r| r.hits.iter().map(|h| h.article).collect());
                            let query = route.with(|r| r.query());
                            c.index().field_hits(&docs, &query).into_iter().map(|hit| view! { <FieldHitItem hit /> }).collect_view()
                        }}
                    </ol>
                </Show>
                // A regular expression that cannot be used: say what is wrong instead of "nothing found".
                {move || route.with(|r| r.query().compile().err()).map(|e| {
                    let why = e.text();
                    view! { <p class="query-error" role="alert">{move || why.get(lang.get()).to_string()}</p> }
                })}
                <Show when=move || total() == 0 && route.with(|r| r.query().compile().is_ok())>
                    <p class="empty">
                        {move || tr(lang.get(), "没有符合条件的文章。可减少检索词或清除筛选。", "No article matches. Remove a term or a filter.")}
                    </p>
                </Show>
                <Show when=move || { results.with(|r| r.hits.len() < r.total) }>
                    <button type="button" class="more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {move || {
                            let left = results.with(|r| r.total - r.hits.len());
                            format!("{} ({left})", tr(lang.get(), "显示更多", "Show more"))
                        }}
                    </button>
                </Show>
            </section>
        </div>
    }
}

/// One button per option (its Chinese and English label), the route's current one pressed; a click goes to the
/// route with that option.
fn route_buttons<T: Copy + PartialEq + Send + Sync + 'static>(
    c: Explorer,
    options: Vec<(T, &'static str, &'static str)>,
    current: fn(&Route) -> T,
    with: fn(Route, T) -> Route,
) -> impl IntoView {
    let (route, lang) = (c.route, c.lang);
    options
        .into_iter()
        .map(|(option, zh, en)| {
            view! {
                <button
                    type="button"
                    aria-pressed=move || route.with(|r| current(r) == option).to_string()
                    on:click=move |_| c.go(&with(c.route.get_untracked(), option))
                >
                    {move || tr(lang.get(), zh, en)}
                </button>
            }
        })
        .collect_view()
}

/// Exports of the current selection, in the order shown.
fn selection_exports(c: Explorer) -> Vec<Export> {
    let docs = move || (c.selection.get_untracked(), c);
    vec![
        Export {
            label: ("表格 CSV", "CSV table"),
            file: "tifa-articles.csv",
            mime: export_menu::CSV,
            make: Box::new(move || {
                let (d, c) = docs();
                export::articles_csv(&c.index(), &d, export_language())
            }),
        },
        Export {
            label: ("JSON", "JSON"),
            file: "tifa-articles.json",
            mime: export_menu::JSON,
            make: Box::new(move || {
                let (d, c) = docs();
                export::articles_json(&c.index().corpus, &d)
            }),
        },
        Export {
            label: ("Markdown 引用列表", "Markdown citations"),
            file: "tifa-articles.md",
            mime: export_menu::MARKDOWN,
            make: Box::new(move || {
                let (d, c) = docs();
                let r = c.route.get_untracked();
                export::articles_markdown(&c.index().corpus, &d, &export::describe(&r.q, &r.filters, export_language()))
            }),
        },
        Export {
            label: ("筛选计数 CSV", "Facet counts CSV"),
            file: "tifa-facets.csv",
            mime: export_menu::CSV,
            make: Box::new(move || {
                let index = c.index();
                let r = c.route.get_untracked();
                let options = SearchOptions { offset: 0, limit: 0, ..SearchOptions::default() };
                export::facets_csv(&index.search(&r.query(), &options).facets, export_language())
            }),
        },
    ]
}

/// Whether the facets fit beside the results (on a phone they start folded away).
fn wide_screen() -> bool {
    window().inner_width().ok().and_then(|w| w.as_f64()).is_none_or(|w| w > 800.0)
}

/// The selection over time (the articles per year, or per decade over long spans), folded away until opened.
#[component]
fn TimelineChart() -> impl IntoView {
    let c = explorer();
    let lang = c.lang;
    let line = Memo::new(move |_| c.selection.with(|s| timeline(&c.index().corpus, s)));
    move || {
        let t = line.get();
        if t.bins.len() < 2 {
            return ().into_any();
        }
        let l = lang.get();
        let bins: Vec<(String, u32)> = t.bins.iter().map(|b| (b.label(t.unit), b.count)).collect();
        let title = match (l, t.undated) {
            (Lang::Zh, 0) => "各年文章数".to_string(),
            (Lang::Zh, n) => format!("各年文章数（另有 {n} 篇无日期）"),
            (Lang::En, 0) => "Articles per year".to_string(),
            (Lang::En, n) => format!("Articles per year ({n} more undated)"),
        };
        view! {
            <details class="timeline">
                <summary>{tr(l, "时间分布", "Over time")}</summary>
                <Histogram bins title />
            </details>
        }
        .into_any()
    }
}

/// One result: title link, place/agency/theme chips, snippets.
#[component]
fn HitItem(hit: Hit) -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let article = c.index().article(hit.article).clone();
    let id = article.id.clone();
    let href = move || route.with(|r| r.on(Page::Article(id.clone())).to_hash());
    let places: Vec<String> =
        tifa_corpus::enrich::stats::home_regions(&article).into_iter().map(str::to_string).collect();
    let agencies: Vec<String> = article.agencies.iter().map(|o| o.name.clone()).collect();
    let themes: Vec<String> = article.themes.iter().take(3).map(|t| t.name.clone()).collect();
    let level = article.level.as_ref().map(|l| l.name.clone());
    let source = c.index().corpus.sources.get(article.source as usize).map(|s| s.name.clone()).unwrap_or_default();
    let ordinal = article.ordinal;
    let date = article.date.as_ref().map(|d| d.value.clone());
    // Only what the title needs (the whole article would be cloned into the closure otherwise).
    let title_of = tifa_corpus::Article { title: article.title.clone(), ..Default::default() };
    view! {
        <li class="hit" data-id=article.id.clone()>
            <a class="hit-title" href=href data-nav>
                {move || shown_title(&title_of, lang.get())}
            </a>
            <div class="hit-meta">
                {places.into_iter().map(|p| view! { <TagLink facet=Facet::Region value=p /> }).collect_view()}
                {agencies.into_iter().map(|a| view! { <TagLink facet=Facet::Agency value=a /> }).collect_view()}
                {level.map(|l| view! { <TagLink facet=Facet::Level value=l /> })}
                {themes.into_iter().map(|t| view! { <TagLink facet=Facet::Theme value=t /> }).collect_view()}
                {date.map(|d| view! { <span class="date">{d}</span> })}
                <span class="where">
                    {move || match lang.get() {
                        Lang::Zh => format!("{source} · 第 {ordinal} 篇"),
                        Lang::En => format!("{source} · no. {ordinal}"),
                    }}
                </span>
            </div>
            {hit.snippets.into_iter().map(|s| view! { <SnippetView snippet=s /> }).collect_view()}
        </li>
    }
}

/// One heading (title, paragraph) where a scoped search matched: its text with the matches marked, the article it
/// is from (level, home place) and a button that copies it with the citation.
#[component]
fn FieldHitItem(hit: FieldHit) -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let index = c.index();
    let article = index.article(hit.article);
    let id = article.id.clone();
    let block = hit.block;
    let href = move || route.with(|r| r.on(Page::Article(id.clone())).to_hash());
    let places: Vec<String> =
        tifa_corpus::enrich::stats::home_regions(article).into_iter().map(str::to_string).collect();
    let level = article.level.as_ref().map(|l| l.name.clone());
    let source = index.corpus.sources.get(article.source as usize);
    let copied = format!("{}\n——{}", hit.text, tifa_corpus::export::citation(article, source));
    let title_of = tifa_corpus::Article { title: article.title.clone(), ..Default::default() };
    let status = RwSignal::new(String::new());
    let marks =
        hit.highlights.iter().map(|h| Mark { start: h[0], end: h[1], class: "q", tip: String::new() }).collect();
    let copy = move |_| {
        let text = copied.clone();
        spawn_local(async move {
            let ok = browser::copy(&text).await;
            let l = explorer().lang.get_untracked();
            status.set(
                tr(
                    l,
                    if ok { "已复制" } else { "浏览器不允许复制" },
                    if ok { "Copied" } else { "The browser refused to copy" },
                )
                .to_string(),
            );
        });
    };
    view! {
        <li class="field-hit" data-block=block.map(|b| b.to_string())>
            <p class="field-text"><MarkedText text=hit.text marks /></p>
            <div class="hit-meta">
                <a class="field-article" href=href data-nav>{move || shown_title(&title_of, lang.get())}</a>
                {places.into_iter().map(|p| view! { <TagLink facet=Facet::Region value=p /> }).collect_view()}
                {level.map(|l| view! { <TagLink facet=Facet::Level value=l /> })}
                <button type="button" class="copy-field" on:click=copy>{move || tr(lang.get(), "复制（附出处）", "Copy with citation")}</button>
                <span class="copy-status" role="status">{move || status.get()}</span>
            </div>
        </li>
    }
}

/// A passage with its matches highlighted.
#[component]
fn SnippetView(snippet: Snippet) -> impl IntoView {
    let marks =
        snippet.highlights.iter().map(|h| Mark { start: h[0], end: h[1], class: "q", tip: String::new() }).collect();
    let lead = if snippet.start > 0 { "…" } else { "" };
    view! {
        <p class="snippet">
            {lead}
            <MarkedText text=snippet.text marks />
            "…"
        </p>
    }
}
