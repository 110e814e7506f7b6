//! A concordance (KWIC) table: left context right-aligned, the match, right context; order by either side.

use leptos::prelude::*;
use tifa_corpus::search::KwicLine;

use crate::i18n::tr;
use crate::route::{KwicOrder, Page, Route};
use crate::state::explorer;

/// Lines shown at first, and added by each "more" (a frequent term can have tens of thousands).
const FIRST: usize = 100;
const STEP: usize = 500;

/// The concordance of the route's term over `lines`, with sort buttons that change the link.
#[component]
pub fn KwicTable(lines: Vec<KwicLine>) -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let total = lines.len();
    let shown_max = RwSignal::new(FIRST);
    let lines = StoredValue::new(lines);
    let order_button = move |order: KwicOrder, zh: &'static str, en: &'static str| {
        let pressed = move || route.with(|r| r.kwic == order).to_string();
        view! {
            <button
                type="button"
                aria-pressed=pressed
                on:click=move |_| {
                    c.go(&Route { kwic: order, ..c.route.get_untracked() });
                }
            >
                {move || tr(lang.get(), zh, en)}
            </button>
        }
    };
    let rows = move || {
        let shown = total.min(shown_max.get());
        let r = route.get();
        lines.with_value(|lines| {
            lines[..shown]
                .iter()
                .map(|l| {
                    let href = r.with_phrase(&l.matched).on(Page::Article(l.id.clone())).to_hash();
                    view! {
                        <tr>
                            <td class="left">{l.left.clone()}</td>
                            <td class="kw"><a href=href>{l.matched.clone()}</a></td>
                            <td class="right">{l.right.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="kwic">
            <div class="kwic-bar">
                <crate::components::export_menu::ExportMenu exports=vec![crate::components::export_menu::Export {
                    label: ("语境 CSV", "Concordance CSV"),
                    file: "tifa-kwic.csv",
                    mime: crate::components::export_menu::CSV,
                    make: Box::new(move || lines.with_value(|l| tifa_corpus::export::kwic_csv(&explorer().index().corpus, l, crate::components::export_menu::export_language()))),
                }] />
                <span class="count">
                    {move || format!("{total} {}", tr(lang.get(), "处", "lines"))}
                </span>
                <span class="sort-label">{move || tr(lang.get(), "排序：", "Order: ")}</span>
                {order_button(KwicOrder::Corpus, "文中顺序", "corpus")}
                {order_button(KwicOrder::Left, "按左侧", "left context")}
                {order_button(KwicOrder::Right, "按右侧", "right context")}
            </div>
            <table class="kwic-table">
                <thead class="sr-only">
                    <tr>
                        <th scope="col">{move || tr(lang.get(), "左侧语境", "Left context")}</th>
                        <th scope="col">{move || tr(lang.get(), "检索词", "Match")}</th>
                        <th scope="col">{move || tr(lang.get(), "右侧语境", "Right context")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when=move || { total > shown_max.get() }>
                <button type="button" class="more" on:click=move |_| shown_max.update(|m| *m += STEP)>
                    {move || format!("{} ({})", tr(lang.get(), "显示更多", "Show more"), total - total.min(shown_max.get()))}
                </button>
            </Show>
        </div>
    }
}
