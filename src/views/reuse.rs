//! Text reuse on the page: the passages one article shares with others (a panel under the reader, with the two copies
//! side by side and their differences marked) and the corpus view (`#/reuse`): pairs ranked, who echoes whom by level,
//! and the boilerplate many articles share. Everything comes from the reuse the index carries.

use leptos::prelude::*;
use tifa_corpus::Article;
use tifa_corpus::reuse::{Direction, Pair, Span, differences};

use crate::components::marked_text::{Mark, MarkedText};
use crate::i18n::{Lang, tr};
use crate::route::Page;
use crate::state::{explorer, shown_title};

/// The text of a span of an article.
fn span_text(article: &Article, span: Span) -> String {
    article
        .blocks
        .get(span.block as usize)
        .map(|b| b.text.chars().skip(span.start as usize).take((span.end - span.start) as usize).collect())
        .unwrap_or_default()
}

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
                    let (left, right) = (span_text(&this, mine), span_text(&other, theirs));
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

/// The corpus reuse view.
#[component]
pub fn ReuseView() -> impl IntoView {
    let c = explorer();
    let lang = c.lang;
    let index = c.index();
    let reuse = &index.data.reuse;
    let article = |id: &str| c.position(id).map(|p| index.article(p));
    let link = move |id: &str| {
        let title = article(id).map(|a| shown_title(a, lang.get_untracked())).unwrap_or_default();
        let href = c.route.with_untracked(|r| r.on(Page::Article(id.to_string())).to_hash());
        view! { <a href=href>{title}</a> }
    };
    let rows = reuse
        .pairs
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
                    <td class="arrow" aria-label=move || tr(lang.get(), "方向", "Direction")>{arrow}</td>
                    <td>{link(&pair.b)}</td>
                    <td class="num">{pair.chars}</td>
                    <td class="num">{pair.passages.len()}</td>
                </tr>
            }
        })
        .collect_view();
    // Who echoes whom: directed pairs by the level of the source and of the text that echoes it.
    let levels: Vec<&str> = tifa_corpus::enrich::agencies::LEVELS.to_vec();
    let level_of = |id: &str| article(id).and_then(|a| a.level.as_ref()).map(|l| l.name.clone());
    let mut matrix = vec![vec![0u32; levels.len()]; levels.len()];
    for pair in &reuse.pairs {
        let (from, to) = match pair.direction {
            Some(Direction::AToB) => (&pair.a, &pair.b),
            Some(Direction::BToA) => (&pair.b, &pair.a),
            None => continue,
        };
        let at = |id: &str| level_of(id).and_then(|l| levels.iter().position(|x| *x == l));
        if let (Some(f), Some(t)) = (at(from), at(to)) {
            matrix[f][t] += 1;
        }
    }
    let used: Vec<usize> =
        (0..levels.len()).filter(|&i| matrix[i].iter().sum::<u32>() > 0 || matrix.iter().any(|r| r[i] > 0)).collect();
    let header = used.iter().map(|&i| view! { <th scope="col">{levels[i]}</th> }).collect_view();
    let body = used
        .iter()
        .map(|&f| {
            let cells = used.iter().map(|&t| view! { <td class="num">{matrix[f][t]}</td> }).collect_view();
            view! { <tr><th scope="row">{levels[f]}</th>{cells}</tr> }
        })
        .collect_view();
    let has_matrix = !used.is_empty();
    let boilerplate = reuse
        .boilerplate
        .iter()
        .take(30)
        .map(|b| view! { <li><span class="count">{b.articles}</span>" "{b.text.clone()}</li> })
        .collect_view();
    let has_boilerplate = !reuse.boilerplate.is_empty();
    let shares = reuse.articles.iter().filter(|a| a.reused > 0.0).count();
    let total = reuse.pairs.len();
    view! {
        <div class="page reuse">
            <div class="page-head">
                <h1>{move || tr(lang.get(), "转引与共有文字", "Text reuse")}</h1>
                <p class="lede">
                    {move || match lang.get() {
                        Lang::Zh => format!("{total} 对文章有共同段落；{shares} 篇文章含有与其他文章共有的文字。"),
                        Lang::En => format!("{total} pairs of articles share passages; {shares} articles contain text found in another."),
                    }}
                </p>
            </div>
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
            {has_matrix.then(|| view! {
                <table class="data reuse-matrix">
                    <caption>{move || tr(lang.get(), "谁转引谁：行为来源层级，列为转引层级", "Who echoes whom: rows are the source's level, columns the echo's")}</caption>
                    <thead><tr><td></td>{header}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            })}
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
