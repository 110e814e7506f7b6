//! Chips: the active filters (each removable) and tag labels on results and articles (each a link that filters).

use leptos::prelude::*;
use tifa_corpus::search::Facet;

use crate::i18n::{facet_name, labelled, tr};
use crate::route::{Page, Route};
use crate::state::explorer;

/// The active filters as removable chips, with "clear all".
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    move || {
        let r = route.get();
        if r.filters.is_empty() && r.q.is_empty() {
            return ().into_any();
        }
        let l = lang.get();
        let chips = r
            .filters
            .iter()
            .map(|(facet, value)| {
                let (facet, value) = (*facet, value.clone());
                let label = labelled(l, facet_name(l, facet), &value);
                let aria = format!("{} {label}", tr(l, "移除筛选", "Remove filter"));
                let v = value.clone();
                let remove = move |_| {
                    c.go(&c.route.get_untracked().toggled(facet, &v));
                };
                view! {
                    <button type="button" class="chip removable" data-facet=facet.key() aria-label=aria on:click=remove>
                        {label}
                        <span aria-hidden="true">" ×"</span>
                    </button>
                }
            })
            .collect_view();
        let clear_all = move |_| {
            let r = c.route.get_untracked();
            c.go(&Route { page: r.page.clone(), ..Route::default() });
        };
        view! {
            <div class="active-filters" role="group" aria-label=tr(l, "当前筛选", "Active filters")>
                {chips}
                <button type="button" class="clear-all" on:click=clear_all>
                    {tr(l, "全部清除", "Clear all")}
                </button>
            </div>
        }
        .into_any()
    }
}

/// A tag as a link that shows the articles carrying it (the current query kept, the filter added).
#[component]
pub fn TagLink(
    facet: Facet,
    #[prop(into)] value: String,
    /// A count or note shown after the value.
    #[prop(optional)]
    extra: Option<String>,
    /// Also filter on this (a formulation row's places: the link shows the articles using both).
    #[prop(optional)]
    and: Option<(Facet, String)>,
) -> impl IntoView {
    let c = explorer();
    let route = c.route;
    let v = value.clone();
    let href = move || {
        route.with(|r| {
            let mut base = r.on(Page::Browse);
            if let Some((f, value)) = &and {
                base = base.with_only(*f, value);
            }
            if base.has_filter(facet, &v) { base.to_hash() } else { base.toggled(facet, &v).to_hash() }
        })
    };
    let shown = value.clone();
    let title = move || labelled(c.lang.get(), facet_name(c.lang.get(), facet), &value);
    view! {
        <a class="chip" data-facet=facet.key() href=href title=title>
            {shown}
            {extra.map(|e| view! { <span class="chip-extra">{e}</span> })}
        </a>
    }
}
