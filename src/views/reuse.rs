//! Text reuse on the page: the passages one article shares with others (a panel under the reader, with the two copies
//! side by side and their differences marked) and the corpus view (`#/reuse`): pairs ranked, who echoes whom by level,
//! and the boilerplate many articles share. Everything comes from the reuse the index carries.

use leptos::prelude::*;
use tifa_corpus::reuse::{Direction, EchoMatrix, Pair, differences, echo_matrix};
use tifa_corpus::{Article, RegionRole};

use std::collections::HashSet;

use tifa_corpus::enrich::agencies::LEVELS;

use crate::components::chips::ActiveFilters;
use crate::components::export_menu::{self, Export, ExportMenu, export_language};
use crate::components::marked_text::{Mark, MarkedText};
use crate::i18n::{Lang, tr};
use crate::route::Page;
use crate::state::{explorer, selection_in_corpus_order, shown_title};

/// Whether text went from `this` to the other article of a pair, or the other way (`None`: no evidence).
fn from_this(pair: &Pair, this_is_a: bool) -> Option<bool> {
    pair.direction.map(|d| (d == Direction::AToB) == this_is_a)
}

/// Date, level and home place of an article, as a short line.
fn about(article: &Article) -> String {
    let home = tifa_corpus::enrich::stats::home_regions(article).join("、");
    [article.date.as_ref().map(|d| d.value.clone()), article.level.as_ref().map(|l| l.name.clone()), Some(home)]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The passages an article shares with others, each with the other copy beside it.
#[component]
pub fn SharedPassages(id: String) -> impl IntoView {
    let c = explorer();
    let lang = c.lang;
    let index = c.index();
    let pairs: Vec<Pair> = index.data.reuse.pairs.iter().filter(|p| p.a == id || p.b == id).cloned().collect();
    if pairs.is_empty() {
        return ().into_any();
    }
    let Some(this) = c.position(&id).map(|p| index.article(p).clone()) else { return ().into_any() };
    let items = pairs
        .into_iter()
        .filter_map(|pair| {
            let this_is_a = pair.a == id;
            let other_id = if this_is_a { pair.b.clone() } else { pair.a.clone() };
            let other = index.article(c.position(&other_id)?).clone();
            let went = from_this(&pair, this_is_a);
            let href = c.route.with_untracked(|r| r.on(Page::Article(other_id.clone())).to_hash());
            let passages = pair
                .passages
                .iter()
                .map(|q| {
                    let (mine, theirs) = if this_is_a { (q.a, q.b) } else { (q.b, q.a) };
                    let (left, right) = (mine.text(&this), theirs.text(&other));
                    let diff = differences(&left, &right);
                    let marks = |spans: &[[u32; 2]]| -> Vec<Mark> {
                        spans.iter().map(|s| Mark { start: s[0], end: s[1], class: "diff", tip: String::new() }).collect()
                    };
                    let (left_marks, right_marks) = (marks(&diff.a), marks(&diff.b));
                    let similarity = format!("{:.0}%", q.similarity * 100.0);
                    let target = format!("b-{}", mine.block);
                    view! {
                        <div class="passage">
                            <div class="copy-this">
                                <button type="button" class="ev" on:click=move |_| crate::browser::reveal(&target)>
                                    {move || match lang.get() {
                                        Lang::Zh => format!("第{}段", mine.block + 1),
                                        Lang::En => format!("¶{}", mine.block + 1),
                                    }}
                                </button>
                                <MarkedText text=left marks=left_marks />
                            </div>
                            <div class="copy-other"><MarkedText text=right marks=right_marks /></div>
                            <span class="similarity" title=move || tr(lang.get(), "相似度", "Similarity")>{similarity}</span>
                        </div>
                    }
                })
                .collect_view();
            let title = shown_title(&other, lang.get_untracked());
            let line = about(&other);
            Some(view! {
                <li class="shared">
                    <p class="shared-with">
                        <span class="direction">
                            {move || match went {
                                Some(true) => tr(lang.get(), "传到 → ", "echoed in → "),
                                Some(false) => tr(lang.get(), "来自 ← ", "from ← "),
                                None => tr(lang.get(), "共有 ↔ ", "shared with ↔ "),
                            }}
                        </span>
                        <a href=href>{title}</a>
                        <span class="tag-extra">{line}</span>
                    </p>
                    {passages}
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="panel shared-passages" aria-labelledby="shared-h">
            <h2 id="shared-h">{move || tr(lang.get(), "与其他文章共有的段落", "Passages shared with other articles")}</h2>
            <p class="hint">{move || tr(lang.get(), "左为本文，右为另一篇；标出两者的不同之处。", "This article on the left, the other on the right; differences are marked.")}</p>
            <ul class="shared-list">{items}</ul>
        </section>
    }
    .into_any()
}

/// The corpus reuse view: over the articles of the current search and filters.
#[component]
pub fn ReuseView() -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let selection = selection_in_corpus_order(route);
    // Pairs with at least one article in the selection.
    let pairs = Memo::new(move |_| {
        let index = c.index();
        selection.with(|s| {
            let ids: HashSet<&str> = s.iter().map(|&d| index.article(d).id.as_str()).collect();
            index.data.reuse.touching(&ids)
        })
    });
    let link = move |id: &str| {
        let index = c.index();
        let title = c.position(id).map(|p| shown_title(index.article(p), lang.get_untracked())).unwrap_or_default();
        let href = route.with_untracked(|r| r.on(Page::Article(id.to_string())).to_hash());
        view! { <a href=href>{title}</a> }
    };
    let rows = move || {
        pairs.with(|pairs| {
            pairs
                .iter()
                .take(200)
                .map(|pair| {
                    let arrow = match pair.direction {
                        Some(Direction::AToB) => "→",
                        Some(Direction::BToA) => "←",
                        None => "↔",
                    };
                    view! {
                        <tr>
                            <td>{link(&pair.a)}</td>
                            <td class="arrow">{arrow}</td>
                            <td>{link(&pair.b)}</td>
                            <td class="num">{pair.chars}</td>
                            <td class="num">{pair.passages.len()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    // Who echoes whom, by level (from the centre down) and by the province of the reporting body.
    let by_level = move || {
        pairs.with(|pairs| {
            let rank = |l: &str| LEVELS.iter().position(|x| *x == l).unwrap_or(LEVELS.len());
            echo_matrix(&c.index().corpus, pairs, |a| a.level.as_ref().map(|l| l.name.clone()), rank)
        })
    };
    let by_province = move || {
        pairs.with(|pairs| {
            let province = |a: &Article| {
                a.regions
                    .iter()
                    .find(|r| r.role == RegionRole::Home && r.code.is_some())
                    .and_then(|r| r.province.clone())
            };
            echo_matrix(&c.index().corpus, pairs, province, |_| 0)
        })
    };
    let matrix_view = move |m: EchoMatrix, zh: &'static str, en: &'static str| {
        if m.labels.is_empty() {
            return ().into_any();
        }
        let header = m.labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view();
        let body = m
            .labels
            .iter()
            .zip(&m.counts)
            .map(|(label, row)| {
                let cells = row.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view();
                view! { <tr><th scope="row">{label.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <table class="data reuse-matrix">
                <caption>{move || tr(lang.get(), zh, en)}</caption>
                <thead><tr><td></td>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
        .into_any()
    };
    let level_matrix = move || {
        matrix_view(
            by_level(),
            "谁转引谁（层级）：行为来源，列为转引方",
            "Who echoes whom by level: rows the source, columns the echo",
        )
    };
    let province_matrix = move || {
        matrix_view(
            by_province(),
            "谁转引谁（省份）：行为来源，列为转引方",
            "Who echoes whom by province: rows the source, columns the echo",
        )
    };
    let index = c.index();
    let boilerplate = index
        .data
        .reuse
        .boilerplate
        .iter()
        .take(30)
        .map(|b| view! { <li><span class="count">{b.articles}</span>" "{b.text.clone()}</li> })
        .collect_view();
    let has_boilerplate = !index.data.reuse.boilerplate.is_empty();
    let total = move || pairs.with(Vec::len);
    let exports = vec![Export {
        label: ("共有段落 CSV", "Shared passages CSV"),
        file: "tifa-reuse.csv",
        mime: export_menu::CSV,
        make: Box::new(move || {
            pairs.with_untracked(|p| tifa_corpus::export::reuse_csv(&c.index().corpus, p, export_language()))
        }),
    }];
    view! {
        <div class="page reuse">
            <div class="page-head">
                <h1>{move || tr(lang.get(), "转引与共有文字", "Text reuse")}</h1>
                <p class="lede">
                    {move || match lang.get() {
                        Lang::Zh => format!("{} 对文章有共同段落（统计范围为当前检索与筛选）", total()),
                        Lang::En => format!("{} pairs of articles share passages (over the current search and filters)", total()),
                    }}
                </p>
                <ActiveFilters />
            </div>
            <ExportMenu exports />
            <div class="table-wrap" tabindex="0">
                <table class="data reuse-pairs">
                    <thead>
                        <tr>
                            <th scope="col">{move || tr(lang.get(), "文章", "Article")}</th>
                            <th scope="col"><span class="sr-only">{move || tr(lang.get(), "方向", "Direction")}</span></th>
                            <th scope="col">{move || tr(lang.get(), "文章", "Article")}</th>
                            <th scope="col" class="num">{move || tr(lang.get(), "共有字数", "Shared characters")}</th>
                            <th scope="col" class="num">{move || tr(lang.get(), "段落", "Passages")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {level_matrix}
            {province_matrix}
            {has_boilerplate.then(|| view! {
                <section class="boilerplate">
                    <h2>{move || tr(lang.get(), "套话（许多文章共有）", "Boilerplate (shared by many articles)")}</h2>
                    <ul>{boilerplate}</ul>
                </section>
            })}
            <p class="hint">
                {move || tr(lang.get(), "方向依据日期（较早者为来源），日期相同或缺失时依据层级。", "Direction from the dates (the earlier text is the source), or from the levels when dates agree or are missing.")}
            </p>
        </div>
    }
}
