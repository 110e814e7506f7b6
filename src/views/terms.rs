//! Term statistics (`#/terms`): top terms of the selection, a term's frequency and dispersion over the selection,
//! its concordance, and the keyness of the selection against the rest of the corpus.

use leptos::prelude::*;
use tifa_corpus::search::pattern::Term;

use crate::components::charts::{Bar, BarChart, Dispersion};
use crate::components::kwic_table::KwicTable;
use crate::i18n::{Lang, tr};
use crate::route::{Page, Route};
use crate::state::{explorer, selection_in_corpus_order};

/// Bars in the top-terms chart.
const TOP: usize = 30;
/// Rows in the keyness table.
const KEYS: usize = 30;

/// The terms page.
#[component]
pub fn Terms() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let selection = selection_in_corpus_order(route);
    // Computed once per selection, not again when only the term or the concordance order changes.
    let top_terms = Memo::new(move |_| selection.with(|s| explorer().index().top_terms(s, TOP)));
    let key_terms = Memo::new(move |_| {
        let index = c.index();
        let n = index.corpus.articles.len();
        selection.with(|s| (!s.is_empty() && s.len() < n).then(|| index.keyness(s, KEYS)))
    });
    let top = move || {
        let r = route.get();
        let terms = top_terms.get();
        if terms.is_empty() {
            return view! { <p class="empty">{tr(lang.get(), "当前选择没有可统计的词语。", "Nothing to count in this selection.")}</p> }.into_any();
        }
        let bars = terms
            .into_iter()
            .map(|t| Bar {
                href: Some(Route { term: t.term.clone(), ..r.clone() }.to_hash()),
                label: t.term,
                value: f64::from(t.frequency),
                shown: t.frequency.to_string(),
            })
            .collect();
        view! {
            <BarChart bars title=tr(lang.get(), "高频词", "Top terms") />
            <p class="hint">{tr(lang.get(), "按分词计数（不含停用词）；下方的词语统计按逐字匹配计数，包括出现在更长词语中的次数。", "Counted as segmented words (stop words left out); the term statistics below count every exact occurrence, also inside longer words.")}</p>
        }
        .into_any()
    };
    let term_input = RwSignal::new(route.get_untracked().term);
    Effect::new(move |_| term_input.set(route.with(|r| r.term.clone())));
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        c.go(&Route { term: term_input.get_untracked().trim().to_string(), ..c.route.get_untracked() });
    };
    let term_view = move || {
        let r = route.get();
        if r.term.is_empty() {
            return view! { <p class="hint">{tr(lang.get(), "点击上方的词，或输入一个词，查看它的分布与语境。", "Click a term above or type one to see its spread and contexts.")}</p> }.into_any();
        }
        let index = c.index();
        // `re:PATTERN` is a regular expression: its matches are counted and shown in context like a string's.
        let term = match Term::parse(&r.term) {
            Ok(t) => t,
            Err(e) => {
                let why = e.text();
                return view! { <p class="query-error" role="alert">{move || why.get(lang.get()).to_string()}</p> }
                    .into_any();
            }
        };
        let needle = term.needle();
        let docs = selection.get();
        let stats = index.needle_stats(needle, &r.term, docs.as_slice());
        let per: std::collections::HashMap<u32, u32> = stats.per_article.iter().copied().collect();
        let columns = docs
            .iter()
            .map(|&d| {
                let a = index.article(d);
                let n = per.get(&d).copied().unwrap_or(0);
                let chars = f64::from(index.documents[d as usize].chars.max(1));
                let href = r.with_phrase(&r.term).on(Page::Article(a.id.clone())).to_hash();
                (a.title.clone(), n, f64::from(n) * 10_000.0 / chars, href)
            })
            .collect();
        let lines = index.kwic_of(needle, Some(docs.as_slice()), 30, r.kwic.sort());
        let l = lang.get();
        let summary = match l {
            Lang::Zh => format!(
                "“{}”在 {} 篇中的 {} 篇出现 {} 次，每万字 {:.2} 次；Juilland D = {:.2}，Gries DP = {:.2}",
                r.term,
                stats.selection,
                stats.documents,
                stats.frequency,
                stats.per_10k,
                stats.juilland_d,
                stats.gries_dp
            ),
            Lang::En => format!(
                "“{}” occurs {} times in {} of {} articles, {:.2} per 10,000 characters; Juilland D = {:.2}, Gries DP = {:.2}",
                r.term,
                stats.frequency,
                stats.documents,
                stats.selection,
                stats.per_10k,
                stats.juilland_d,
                stats.gries_dp
            ),
        };
        view! {
            <p class="term-summary">{summary}</p>
            <h3>{tr(l, "分布（每篇每万字出现次数，按原文顺序）", "Dispersion (per 10,000 characters, in corpus order)")}</h3>
            <Dispersion columns title=tr(l, "分布图", "Dispersion plot") />
            <h3>{tr(l, "语境", "Concordance")}</h3>
            <KwicTable lines />
        }
        .into_any()
    };
    let keyness = move || {
        let l = lang.get();
        let Some(rows) = key_terms.get() else {
            return view! { <p class="hint">{tr(l, "检索或筛选出一部分文章后，这里列出它们与其余文章相比的特征词。", "Search or filter to a part of the corpus to see its key terms against the rest.")}</p> }.into_any();
        };
        let r = route.get();
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="data keyness">
                    <thead>
                        <tr>
                            <th scope="col">{tr(l, "词语", "Term")}</th>
                            <th scope="col" class="num">{tr(l, "本选择", "Selection")}</th>
                            <th scope="col" class="num">{tr(l, "其余", "Rest")}</th>
                            <th scope="col" class="num">"G²"</th>
                            <th scope="col" class="num">{tr(l, "对数比", "Log ratio")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|k| {
                                let href = Route { term: k.term.clone(), ..r.clone() }.to_hash();
                                view! {
                                    <tr class:under=k.log_ratio < 0.0>
                                        <th scope="row"><a href=href>{k.term}</a></th>
                                        <td class="num">{k.selection}</td>
                                        <td class="num">{k.rest}</td>
                                        <td class="num">{format!("{:.1}", k.log_likelihood)}</td>
                                        <td class="num">{format!("{:+.2}", k.log_ratio)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="page terms">
            <div class="page-head">
                <h1>{move || tr(lang.get(), "词语", "Terms")}</h1>
                <p class="lede">
                    {move || match lang.get() {
                        Lang::Zh => format!("统计范围：{} 篇", selection.with(|s| s.len())),
                        Lang::En => format!("Counted over {} articles", selection.with(|s| s.len())),
                    }}
                </p>
                <crate::components::chips::ActiveFilters />
            </div>
            <div class="terms-grid">
                <section class="panel">
                    <h2>{move || tr(lang.get(), "高频词", "Top terms")}</h2>
                    {top}
                </section>
                <section class="panel">
                    <h2>{move || tr(lang.get(), "特征词（与其余文章相比）", "Key terms (against the rest)")}</h2>
                    {keyness}
                </section>
            </div>
            <section class="panel term-panel">
                <h2>{move || tr(lang.get(), "词语分布与语境", "A term: spread and contexts")}</h2>
                <form class="term-form" on:submit=submit>
                    <input type="search" id="term" prop:value=move || term_input.get()
                        aria-label=move || tr(lang.get(), "词语", "Term")
                        placeholder=move || tr(lang.get(), "输入词语", "Type a term")
                        on:input=move |e| term_input.set(event_target_value(&e)) />
                    <button type="submit">{move || tr(lang.get(), "查看", "Show")}</button>
                </form>
                {term_view}
            </section>
        </div>
    }
}
