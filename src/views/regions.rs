//! Regions (`#/regions`): articles per province of the current selection, by the level of the places named, as a
//! chart and a table; the levels of the reporting bodies.

use leptos::prelude::*;
use tifa_corpus::enrich::stats::province_counts;
use tifa_corpus::search::{Facet, SearchOptions};

use crate::components::charts::{Bar, BarChart};
use crate::i18n::{Lang, region_level, tr};
use crate::route::Page;
use crate::state::{explorer, selection_in_corpus_order};
use tifa_corpus::RegionLevel;

/// The regions page.
#[component]
pub fn Regions() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    // Counted without the region filters, so that each bar equals what a click on it shows in the results.
    let unfiltered = Memo::new(move |_| route.with(|r| r.without_facet(Facet::Region)));
    let selection = selection_in_corpus_order(unfiltered);
    let rows = Memo::new(move |_| {
        let index = c.index();
        selection.with(|s| province_counts(s.iter().map(|&d| index.article(d))))
    });
    let placed = move || {
        let index = c.index();
        selection.with(|s| s.iter().filter(|&&d| index.article(d).regions.iter().any(|r| r.code.is_some())).count())
    };
    let chart = move || {
        let r = route.get();
        let l = lang.get();
        let bars: Vec<Bar> = rows.with(|rows| {
            rows.iter()
                .map(|p| Bar {
                    label: p.province.clone(),
                    value: f64::from(p.articles),
                    shown: p.articles.to_string(),
                    href: Some(r.on(Page::Browse).with_only(Facet::Region, &p.province).to_hash()),
                })
                .collect()
        });
        if bars.is_empty() {
            return view! { <p class="empty">{tr(l, "当前选择中没有识别出地区。", "No places recognised in this selection.")}</p> }.into_any();
        }
        view! { <BarChart bars title=tr(l, "各省文章数", "Articles per province") /> }.into_any()
    };
    let levels = [RegionLevel::Province, RegionLevel::Prefecture, RegionLevel::County, RegionLevel::Township];
    let table = move || {
        let r = route.get();
        rows.with(|rows| {
            rows.iter()
                .map(|p| {
                    let href = r.on(Page::Browse).with_only(Facet::Region, &p.province).to_hash();
                    view! {
                        <tr>
                            <th scope="row"><a href=href>{p.province.clone()}</a></th>
                            <td class="num">{p.articles}</td>
                            <td class="num">{p.home}</td>
                            {p.by_level.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let bodies = move || {
        let index = c.index();
        let r = route.get();
        let options = SearchOptions { offset: 0, limit: 0, ..SearchOptions::default() };
        let facets = index.search(&r.query(), &options).facets;
        let level = facets.into_iter().find(|f| f.facet == Facet::Level.key()).map(|f| f.values).unwrap_or_default();
        level
            .into_iter()
            .map(|v| {
                let href = r.on(Page::Browse).with_only(Facet::Level, &v.value).to_hash();
                view! { <tr><th scope="row"><a href=href>{v.value.clone()}</a></th><td class="num">{v.count}</td></tr> }
            })
            .collect_view()
    };
    view! {
        <div class="page regions">
            <div class="page-head">
                <h1>{move || tr(lang.get(), "地区", "Regions")}</h1>
                <p class="lede">
                    {move || match lang.get() {
                        Lang::Zh => format!("{} 篇文章涉及 {} 个省级地区", placed(), rows.with(Vec::len)),
                        Lang::En => format!("{} articles name places in {} provinces", placed(), rows.with(Vec::len)),
                    }}
                </p>
                <crate::components::chips::ActiveFilters />
            </div>
            <div class="terms-grid">
                <section class="panel">
                    <h2>{move || tr(lang.get(), "各省文章数", "Articles per province")}</h2>
                    {chart}
                </section>
                <section class="panel">
                    <h2>{move || tr(lang.get(), "按层级", "By level")}</h2>
                    <div class="table-wrap" tabindex="0">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th scope="col">{move || tr(lang.get(), "省份", "Province")}</th>
                                    <th scope="col" class="num">{move || tr(lang.get(), "篇数", "Articles")}</th>
                                    <th scope="col" class="num">{move || tr(lang.get(), "本地", "Home")}</th>
                                    {levels.into_iter().map(|lv| view! { <th scope="col" class="num">{move || region_level(lang.get(), lv)}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>{table}</tbody>
                        </table>
                    </div>
                    <p class="hint">
                        {move || tr(lang.get(),
                            "篇数：提到该省或省内任一地点的文章；本地：报道主体在该省；各层级：提到该层级地点的文章数。",
                            "Articles: naming the province or any place in it; Home: reported from it; levels: articles naming a place at that level.")}
                    </p>
                    <h2>{move || tr(lang.get(), "报道主体层级", "Level of the reporting body")}</h2>
                    <table class="data">
                        <tbody>{bodies}</tbody>
                    </table>
                </section>
            </div>
        </div>
    }
}
