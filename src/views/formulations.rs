//! The formulation register (`#/formulations`): every formulation of the current selection with kind, origin, counts,
//! the places and agencies that use it and what it co-occurs with; a concordance of the one chosen.

use leptos::prelude::*;
use tifa_corpus::enrich::stats::{FormulationLife, FormulationStat, formulation_register_of};
use tifa_corpus::search::Facet;
use tifa_corpus::text::fold::fold;

use crate::components::charts::Histogram;
use crate::components::chips::TagLink;
use crate::components::kwic_table::KwicTable;
use crate::i18n::{formulation_kind, formulation_origin, tr};
use crate::route::Route;
use crate::state::{explorer, selection_in_corpus_order};

/// Rows shown before "more".
const FIRST: usize = 60;

/// The formulations page.
#[component]
pub fn Formulations() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let selection = selection_in_corpus_order(route);
    let register = Memo::new(move |_| {
        let index = c.index();
        selection.with(|s| formulation_register_of(s.iter().map(|&d| index.article(d))))
    });
    let filter = RwSignal::new(String::new());
    let expanded = RwSignal::new(false);
    let rows = move || {
        let needle = filter.get();
        register.with(|reg| {
            let matching: Vec<&FormulationStat> = reg.iter().filter(|s| s.text.contains(needle.as_str())).collect();
            let shown = if expanded.get() || !needle.is_empty() { matching.len() } else { matching.len().min(FIRST) };
            matching[..shown].iter().map(|s| view! { <FormulationRow stat=(*s).clone() /> }).collect_view()
        })
    };
    let kwic = move || {
        let r = route.get();
        if r.term.is_empty() {
            return ().into_any();
        }
        let index = c.index();
        let variants: Vec<String> = register.with(|reg| {
            reg.iter().find(|s| s.text == r.term).map(|s| s.variants.clone()).unwrap_or_else(|| vec![r.term.clone()])
        });
        let docs = selection.get();
        let forms: Vec<String> = variants.iter().map(|v| fold(v)).collect();
        let lines = index.kwic_any(&forms, Some(docs.as_slice()), 30, r.kwic.sort());
        let life = register.with(|reg| reg.iter().find(|s| s.text == r.term).map(|s| s.life.clone()));
        let life =
            life.filter(|l| l.first_date.is_some() || !l.by_level.is_empty()).map(|life| view! { <Life life /> });
        let close = move |_| {
            c.go(&Route { term: String::new(), ..c.route.get_untracked() });
        };
        view! {
            <section class="panel kwic-panel" aria-labelledby="kwic-h">
                <h2 id="kwic-h" tabindex="-1">
                    {move || crate::i18n::labelled(lang.get(), tr(lang.get(), "提法语境", "Formulation in context"), &r.term)}
                    <button type="button" class="clear" on:click=close>{move || tr(lang.get(), "关闭", "Close")}</button>
                </h2>
                {life}
                <KwicTable lines />
            </section>
        }
        .into_any()
    };
    let total = move || register.with(Vec::len);
    view! {
        <div class="page formulations">
            <div class="page-head">
                <h1>{move || tr(lang.get(), "提法", "Formulations")}</h1>
                <p class="lede">
                    {move || format!("{} {} · {}", total(), tr(lang.get(), "条提法", "formulations"),
                        tr(lang.get(), "统计范围为当前检索与筛选", "counted over the current search and filters"))}
                </p>
                <crate::components::chips::ActiveFilters />
            </div>
            {kwic}
            <crate::components::export_menu::ExportMenu exports=vec![
                crate::components::export_menu::Export {
                    label: ("提法表 CSV", "Formulations CSV"),
                    file: "tifa-formulations.csv",
                    mime: crate::components::export_menu::CSV,
                    make: Box::new(move || register.with_untracked(|r| tifa_corpus::export::formulations_csv(r, crate::components::export_menu::export_language()))),
                },
                crate::components::export_menu::Export {
                    label: ("逐年表 CSV", "By year CSV"),
                    file: "tifa-formulations-by-year.csv",
                    mime: crate::components::export_menu::CSV,
                    make: Box::new(move || register.with_untracked(|r| tifa_corpus::export::formulations_by_year_csv(r, crate::components::export_menu::export_language()))),
                },
            ] />
            <input type="search" class="table-filter" placeholder=move || tr(lang.get(), "查找提法", "Find a formulation")
                aria-label=move || tr(lang.get(), "查找提法", "Find a formulation")
                prop:value=move || filter.get() on:input=move |e| filter.set(event_target_value(&e)) />
            <div class="table-wrap" tabindex="0">
                <table class="data formulations-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || tr(lang.get(), "提法", "Formulation")}</th>
                            <th scope="col">{move || tr(lang.get(), "类型", "Kind")}</th>
                            <th scope="col">{move || tr(lang.get(), "来源", "Origin")}</th>
                            <th scope="col" class="num">{move || tr(lang.get(), "次数", "Uses")}</th>
                            <th scope="col" class="num">{move || tr(lang.get(), "篇数", "Articles")}</th>
                            <th scope="col">{move || tr(lang.get(), "地区", "Places")}</th>
                            <th scope="col">{move || tr(lang.get(), "机构", "Agencies")}</th>
                            <th scope="col">{move || tr(lang.get(), "共现提法", "Used with")}</th>
                            <th scope="col">{move || tr(lang.get(), "首次使用", "First used")}</th>
                            <th scope="col"><span class="sr-only">{move || tr(lang.get(), "语境", "Context")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || { !expanded.get() && filter.with(String::is_empty) && total() > FIRST }>
                <button type="button" class="more" on:click=move |_| expanded.set(true)>
                    {move || format!("{} ({})", tr(lang.get(), "显示全部", "Show all"), total())}
                </button>
            </Show>
        </div>
    }
}

/// One formulation.
#[component]
fn FormulationRow(stat: FormulationStat) -> impl IntoView {
    let c = explorer();
    let lang = c.lang;
    let FormulationStat { text, kind, origin, count, articles, regions, agencies, cooccurs, life, .. } = stat;
    // Places and agencies link to the articles using this formulation there; co-occurring formulations to their own
    // articles (values of one facet are alternatives, so "both" cannot be a filter).
    let with_this = |v: Vec<(String, u32)>, facet: Facet| {
        let this = text.clone();
        v.into_iter()
            .take(3)
            .map(|(name, n)| {
                view! { <TagLink facet value=name extra=n.to_string() and=(Facet::Formulation, this.clone()) /> }
            })
            .collect_view()
    };
    let few = |v: Vec<(String, u32)>, facet: Facet| {
        v.into_iter().take(3).map(|(name, n)| view! { <TagLink facet value=name extra=n.to_string() /> }).collect_view()
    };
    let t = text.clone();
    let show_kwic = move |_| {
        c.go(&Route { term: t.clone(), ..c.route.get_untracked() });
        // The panel appears after the hash change is handled: focus it then.
        crate::browser::after_render(|| {
            crate::browser::focus("#kwic-h");
        });
    };
    let aria = {
        let text = text.clone();
        move || format!("{} {text}", tr(lang.get(), "查看语境", "Show in context"))
    };
    view! {
        <tr data-formulation=text.clone()>
            <th scope="row"><TagLink facet=Facet::Formulation value=text.clone() /></th>
            <td>{move || formulation_kind(lang.get(), kind)}</td>
            <td class=format!("origin {origin:?}").to_lowercase()>{move || formulation_origin(lang.get(), origin)}</td>
            <td class="num">{count}</td>
            <td class="num">{articles.len()}</td>
            <td>{with_this(regions, Facet::Region)}</td>
            <td>{with_this(agencies, Facet::Agency)}</td>
            <td>{few(cooccurs, Facet::Formulation)}</td>
            <td class="date">{life.first_date.unwrap_or_default()}</td>
            <td><button type="button" class="kwic-open" aria-label=aria on:click=show_kwic>{move || tr(lang.get(), "语境", "KWIC")}</button></td>
        </tr>
    }
}

/// A formulation's life: first and last use, uses per year (gaps included), and how it spread down the hierarchy
/// and across provinces.
#[component]
fn Life(life: FormulationLife) -> impl IntoView {
    let lang = explorer().lang;
    let span = match (&life.first_date, &life.last_date) {
        (Some(first), Some(last)) => format!("{first} – {last}"),
        _ => String::new(),
    };
    let bins: Vec<(String, u32)> = match (life.by_year.first(), life.by_year.last()) {
        (Some(&(first, _)), Some(&(last, _))) => (first..=last)
            .map(|y| (y.to_string(), life.by_year.iter().find(|(x, _)| *x == y).map_or(0, |(_, n)| *n)))
            .collect(),
        _ => Vec::new(),
    };
    let first_at = life.first_by_level.clone();
    let levels = life
        .by_level
        .iter()
        .map(|(level, n)| {
            let first = first_at.iter().find(|(l, _)| l == level).map(|(_, d)| d.clone()).unwrap_or_default();
            view! { <tr><th scope="row">{level.clone()}</th><td class="num">{*n}</td><td class="date">{first}</td></tr> }
        })
        .collect_view();
    let provinces = life
        .by_province
        .iter()
        .take(8)
        .map(|(p, n)| view! { <li><TagLink facet=Facet::Region value=p.clone() extra=n.to_string() /></li> })
        .collect_view();
    let has_bins = bins.len() > 1;
    let has_provinces = !life.by_province.is_empty();
    view! {
        <div class="life">
            <p class="life-span">{move || tr(lang.get(), "使用时间：", "In use: ")}{span}</p>
            {has_bins.then(|| view! { <Histogram bins title=tr(lang.get_untracked(), "各年使用篇数", "Articles using it per year") /> })}
            <table class="data life-levels">
                <caption>{move || tr(lang.get(), "各层级的使用", "Use by level")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || tr(lang.get(), "层级", "Level")}</th>
                        <th scope="col" class="num">{move || tr(lang.get(), "篇数", "Articles")}</th>
                        <th scope="col">{move || tr(lang.get(), "首次使用", "First used")}</th>
                    </tr>
                </thead>
                <tbody>{levels}</tbody>
            </table>
            {has_provinces.then(|| view! {
                <p class="life-provinces">{move || tr(lang.get(), "使用的省份：", "Provinces using it: ")}</p>
                <ul class="chips">{provinces}</ul>
            })}
        </div>
    }
}
