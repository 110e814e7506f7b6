//! A facet panel: values with live counts, multi-select check boxes, search within a long facet, show more, clear;
//! regions as a tree (province → prefecture → county).

use std::collections::HashMap;

use leptos::prelude::*;
use tifa_corpus::search::Facet;
use tifa_corpus::search::facets::{FacetCount, FacetCounts};

use crate::i18n::{facet_name, tr};
use crate::state::explorer;

/// Values shown before "more".
const FIRST: usize = 8;
/// Facets longer than this get a search field.
const SEARCHABLE: usize = 8;

/// One facet's panel.
#[component]
pub fn FacetPanel(facet: Facet, counts: Signal<FacetCounts>) -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let filter = RwSignal::new(String::new());
    let expanded = RwSignal::new(false);
    let selected = move || route.with(|r| r.filters.iter().filter(|(f, _)| *f == facet).count());
    let panel_id = format!("facet-{}", facet.key());
    let heading_id = format!("{panel_id}-h");
    let labelled_by = heading_id.clone();
    let clear = move |_| {
        c.go(&c.route.get_untracked().without_facet(facet));
    };
    let body = move || {
        let counts = counts.get();
        let needle = filter.get();
        if counts.values.is_empty() {
            return view! { <p class="facet-empty">{tr(lang.get(), "无", "none")}</p> }.into_any();
        }
        if facet == Facet::Region && needle.is_empty() {
            return view! { <RegionTree values=counts.values /> }.into_any();
        }
        let matching: Vec<FacetCount> =
            counts.values.into_iter().filter(|v| v.value.contains(needle.as_str())).collect();
        let total = matching.len();
        let shown: Vec<FacetCount> =
            if expanded.get() || !needle.is_empty() { matching } else { matching.into_iter().take(FIRST).collect() };
        let more = total.saturating_sub(shown.len());
        view! {
            <ul class="facet-values">
                {shown.into_iter().map(|v| view! { <li><ValueBox facet value=v /></li> }).collect_view()}
            </ul>
            <Show when=move || { more > 0 || (expanded.get() && total > FIRST && filter.with(String::is_empty)) }>
                <button type="button" class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || {
                        if expanded.get() {
                            tr(lang.get(), "收起", "Show fewer").to_string()
                        } else {
                            format!("{} ({more})", tr(lang.get(), "更多", "More"))
                        }
                    }}
                </button>
            </Show>
        }
        .into_any()
    };
    let long = move || counts.with(|c| c.values.len() > SEARCHABLE);
    view! {
        <section class="facet" id=panel_id aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <span>{move || facet_name(lang.get(), facet)}</span>
                <Show when=move || { selected() > 0 }>
                    <button type="button" class="clear" on:click=clear>
                        {move || tr(lang.get(), "清除", "Clear")}
                    </button>
                </Show>
            </h2>
            <Show when=long>
                <input
                    type="search"
                    class="facet-filter"
                    placeholder=move || tr(lang.get(), "在此筛选项中查找", "Find a value")
                    aria-label=move || crate::i18n::labelled(lang.get(), facet_name(lang.get(), facet), tr(lang.get(), "查找", "find"))
                    prop:value=move || filter.get()
                    on:input=move |e| filter.set(event_target_value(&e))
                />
            </Show>
            {body}
        </section>
    }
}

/// A check box for one value with its count.
#[component]
fn ValueBox(facet: Facet, value: FacetCount) -> impl IntoView {
    let FacetCount { value, count, selected, .. } = value;
    let v = value.clone();
    let c = explorer();
    let toggle = move |_| {
        c.go(&c.route.get_untracked().toggled(facet, &v));
    };
    view! {
        <label class="value" class:zero=count == 0>
            <input type="checkbox" prop:checked=selected on:change=toggle />
            <span class="name">{value}</span>
            <span class="count">{count}</span>
        </label>
    }
}

/// Regions as a tree: provinces first, their prefectures and counties folded under them.
#[component]
fn RegionTree(values: Vec<FacetCount>) -> impl IntoView {
    let present: HashMap<String, usize> = values.iter().enumerate().map(|(i, v)| (v.value.clone(), i)).collect();
    let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for (i, v) in values.iter().enumerate() {
        let parent = v.parent.as_ref().and_then(|p| present.get(p).copied());
        children.entry(parent).or_default().push(i);
    }
    let tree = StoredValue::new((values, children));
    let roots = tree.with_value(|(_, ch)| ch.get(&None).cloned().unwrap_or_default());
    let expanded = RwSignal::new(false);
    let total = roots.len();
    let lang = explorer().lang;
    view! {
        <ul class="facet-values tree">
            {move || {
                let shown: Vec<usize> = if expanded.get() { roots.clone() } else { roots.iter().copied().take(FIRST).collect() };
                shown.into_iter().map(|i| view! { <RegionNode tree i /> }).collect_view()
            }}
        </ul>
        <Show when=move || { total > FIRST }>
            <button type="button" class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                {move || {
                    if expanded.get() {
                        tr(lang.get(), "收起", "Show fewer").to_string()
                    } else {
                        format!("{} ({})", tr(lang.get(), "更多", "More"), total - FIRST)
                    }
                }}
            </button>
        </Show>
    }
}

type Tree = StoredValue<(Vec<FacetCount>, HashMap<Option<usize>, Vec<usize>>)>;

/// One region and, when opened, the places under it.
#[component]
fn RegionNode(tree: Tree, i: usize) -> AnyView {
    let value = tree.with_value(|(v, _)| v[i].clone());
    let kids = tree.with_value(|(_, ch)| ch.get(&Some(i)).cloned().unwrap_or_default());
    // A branch opens by itself when one of its places is selected.
    let open = RwSignal::new(tree.with_value(|(v, ch)| any_selected(v, ch, i)));
    let lang = explorer().lang;
    let has_kids = !kids.is_empty();
    let name = value.value.clone();
    view! {
        <li class="node">
            <div class="node-row">
                <Show when=move || has_kids fallback=|| view! { <span class="twisty-space"></span> }>
                    <button
                        type="button"
                        class="twisty"
                        aria-expanded=move || open.get().to_string()
                        aria-label={
                            let name = name.clone();
                            move || format!("{} {}", tr(lang.get(), "展开", "Expand"), name)
                        }
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        {move || if open.get() { "▾" } else { "▸" }}
                    </button>
                </Show>
                <ValueBox facet=Facet::Region value=value.clone() />
            </div>
            <Show when=move || open.get() && has_kids>
                <ul>{kids.clone().into_iter().map(|k| view! { <RegionNode tree i=k /> }).collect_view()}</ul>
            </Show>
        </li>
    }
    .into_any()
}

fn any_selected(values: &[FacetCount], children: &HashMap<Option<usize>, Vec<usize>>, i: usize) -> bool {
    children
        .get(&Some(i))
        .map(|ks| ks.iter().any(|&k| values[k].selected || any_selected(values, children, k)))
        .unwrap_or(false)
}
