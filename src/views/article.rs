//! One article (`#/article/ID`): the text as written, an outline of its headings, highlights for the query,
//! formulations and places (each explained on hover and focus), the tags with their evidence, data-quality notes,
//! previous/next within the current results, and copy-with-citation for each passage.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tifa_corpus::search::Facet;
use tifa_corpus::search::highlight::needle_spans;
use tifa_corpus::search::pattern::Needle;
use tifa_corpus::{Article, BlockKind, DateSource, Evidence, RegionRole};

use crate::browser;
use crate::components::chips::TagLink;
use crate::components::marked_text::{Mark, MarkedText};
use crate::i18n::{
    Lang, date_precision, date_source, formulation_kind, formulation_origin, meta_kind, note_kind, region_level, tr,
};
use crate::route::Page;
use crate::state::{explorer, shown_title};

/// The article page.
#[component]
pub fn ArticleView(id: String) -> impl IntoView {
    let c = explorer();
    let lang = c.lang;
    let Some(position) = c.position(&id) else {
        return view! {
            <div class="not-found" role="alert">
                <h1>{move || tr(lang.get(), "找不到这篇文章", "No such article")}</h1>
                <p>{id.clone()}</p>
                <a href="#/">{move || tr(lang.get(), "返回检索", "Back to search")}</a>
            </div>
        }
        .into_any();
    };
    let article = c.index().article(position).clone();
    let source = c.index().corpus.sources.get(article.source as usize).cloned();
    let l = lang.get_untracked();
    let title = shown_title(&article, l);
    let source_name = tifa_corpus::export::compilation_name(source.as_ref());
    let citation = StoredValue::new(tifa_corpus::export::citation(&article, source.as_ref()));
    let status = RwSignal::new(String::new());
    let article = StoredValue::new(article);
    view! {
        <article class="reader" data-id=id.clone()>
            <ResultNav position />
            <header class="reader-head">
                <h1 id="b-title" tabindex="-1">{title}</h1>
                <p class="where">
                    {move || {
                        let (ordinal, lines) = article.with_value(|a| (a.ordinal, a.lines));
                        match lang.get() {
                            Lang::Zh => format!("{source_name} · 第 {ordinal} 篇 · 原文第 {}–{} 行", lines[0], lines[1]),
                            Lang::En => format!("{source_name} · no. {ordinal} · lines {}–{}", lines[0], lines[1]),
                        }
                    }}
                </p>
                <p class="cite">
                    <span class="cite-text">{citation.get_value()}</span>
                    <button type="button" class="copy-cite" on:click=move |_| {
                        let text = citation.get_value();
                        spawn_local(async move {
                            let ok = browser::copy(&text).await;
                            let l = explorer().lang.get_untracked();
                            status.set(if ok { tr(l, "已复制引用", "Citation copied") } else { tr(l, "浏览器不允许复制", "The browser refused to copy") }.to_string());
                        });
                    }>{move || tr(lang.get(), "复制引用", "Copy citation")}</button>
                </p>
            </header>
            <div class="reader-grid" class:no-outline=move || article.with_value(|a| !a.blocks.iter().any(|b| b.kind == BlockKind::Heading))>
                <Outline article />
                <div class="reader-text">
                    {move || {
                        // The query's strings and patterns, marked where they match.
                        let query = c.route.with(|r| r.query());
                        let patterns = query.compile().unwrap_or_default();
                        let required: Vec<Needle<'_>> = query
                            .required
                            .iter()
                            .map(|s| Needle::Text(s))
                            .chain(patterns.required.iter().map(Needle::Pattern))
                            .collect();
                        article.with_value(|a| {
                            a.blocks
                                .iter()
                                .enumerate()
                                .map(|(i, b)| {
                                    let marks = block_marks(a, i as u32, &b.text, &required, lang.get());
                                    let text = b.text.clone();
                                    let copy = move |_| {
                                        let text = format!("{text}\n——{}", citation.get_value());
                                        spawn_local(async move {
                                            let ok = browser::copy(&text).await;
                                            let l = explorer().lang.get_untracked();
                                            status.set(if ok { tr(l, "已复制段落与出处", "Passage copied with citation") } else { tr(l, "浏览器不允许复制", "The browser refused to copy") }.to_string());
                                        });
                                    };
                                    let body = view! { <MarkedText text=b.text.clone() marks /> };
                                    let id = format!("b-{i}");
                                    if b.kind == BlockKind::Heading {
                                        let level = b.level.unwrap_or(2).clamp(1, 4);
                                        view! { <h2 id=id tabindex="-1" class=format!("h h{level}")>{body}</h2> }.into_any()
                                    } else if let Some(kind) = b.meta.filter(|_| b.kind == BlockKind::Meta) {
                                        // A metadata line (number, document number, issuer, date, source …): shown as
                                        // what it is, set apart from the running text, with its kind named.
                                        view! {
                                            <p class="meta-line" id=id tabindex="-1">
                                                <span class="meta-kind">{move || meta_kind(lang.get(), kind)}</span>
                                                <span class="sr-only">{move || tr(lang.get(), "：", ": ")}</span>
                                                {body}
                                            </p>
                                        }
                                        .into_any()
                                    } else {
                                        view! {
                                            <div class="para" id=id tabindex="-1">
                                                <p>{body}</p>
                                                <button type="button" class="copy" on:click=copy
                                                    aria-label=move || match lang.get() {
                                                        Lang::Zh => format!("复制第 {} 段并附出处", i + 1),
                                                        Lang::En => format!("Copy paragraph {} with its citation", i + 1),
                                                    }
                                                    title=move || tr(lang.get(), "复制本段并附出处", "Copy this passage with its citation")>
                                                    {move || tr(lang.get(), "复制", "Copy")}
                                                </button>
                                            </div>
                                        }
                                        .into_any()
                                    }
                                })
                                .collect_view()
                        })
                    }}
                    <p class="status" role="status" aria-live="polite">{move || status.get()}</p>
                </div>
                <TagsPanel article />
            </div>
            <crate::views::reuse::SharedPassages id=id.clone() />
        </article>
    }
    .into_any()
}

/// Previous / next within the current result list, and the way back to it.
#[component]
fn ResultNav(position: u32) -> impl IntoView {
    let c = explorer();
    let (route, lang) = (c.route, c.lang);
    let list = Memo::new(move |_| {
        let r = route.get();
        c.selection_of(&r)
    });
    let at = move || list.with(|l| l.iter().position(|&p| p == position));
    let link = move |step: i32| {
        let i = at()? as i32 + step;
        let target = list.with(|l| l.get(usize::try_from(i).ok()?).copied())?;
        let id = c.index().article(target).id.clone();
        Some(route.with(|r| r.on(Page::Article(id)).to_hash()))
    };
    let back = move || route.with(|r| r.on(Page::Browse).to_hash());
    view! {
        <nav class="result-nav" aria-label=move || tr(lang.get(), "结果导航", "Result navigation")>
            <a href=back class="back">{move || tr(lang.get(), "← 返回结果", "← Back to results")}</a>
            <span class="position">
                {move || match at() {
                    Some(i) => format!("{} / {}", i + 1, list.with(|l| l.len())),
                    None => tr(lang.get(), "不在当前结果中", "not in the current results").to_string(),
                }}
            </span>
            {move || match link(-1) {
                Some(href) => view! { <a href=href rel="prev" class="prev">{tr(lang.get(), "上一篇", "Previous")}</a> }.into_any(),
                None => view! { <span class="prev disabled">{tr(lang.get(), "上一篇", "Previous")}</span> }.into_any(),
            }}
            {move || match link(1) {
                Some(href) => view! { <a href=href rel="next" class="next">{tr(lang.get(), "下一篇", "Next")}</a> }.into_any(),
                None => view! { <span class="next disabled">{tr(lang.get(), "下一篇", "Next")}</span> }.into_any(),
            }}
        </nav>
    }
}

/// The headings as an outline; each entry scrolls to its heading.
#[component]
fn Outline(article: StoredValue<Article>) -> impl IntoView {
    let lang = explorer().lang;
    let entries: Vec<(usize, String, u8)> = article.with_value(|a| {
        a.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Heading)
            .map(|(i, b)| (i, b.text.clone(), b.level.unwrap_or(2)))
            .collect()
    });
    if entries.is_empty() {
        return ().into_any();
    }
    view! {
        <nav class="outline" aria-label=move || tr(lang.get(), "文章提纲", "Outline")>
            <h2>{move || tr(lang.get(), "提纲", "Outline")}</h2>
            <ol>
                {entries
                    .into_iter()
                    .map(|(i, text, level)| {
                        view! {
                            <li class=format!("o{}", level.clamp(1, 4))>
                                <button type="button" on:click=move |_| browser::reveal(&format!("b-{i}"))>{text}</button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
    .into_any()
}

/// The tags of the article, each with its evidence, and the data-quality notes.
#[component]
fn TagsPanel(article: StoredValue<Article>) -> impl IntoView {
    let lang = explorer().lang;
    let a = article.get_value();
    let section = |zh: &'static str, en: &'static str, items: AnyView| {
        view! {
            <section class="tag-group">
                <h3>{move || tr(lang.get(), zh, en)}</h3>
                {items}
            </section>
        }
    };
    let regions = a
        .regions
        .iter()
        .filter(|r| r.code.is_some())
        .map(|r| {
            let role = r.role;
            let level = r.level;
            let extra = move || {
                let l = lang.get();
                let role =
                    if role == RegionRole::Home { tr(l, "本地", "home") } else { tr(l, "提及", "mentioned") };
                format!("{} · {role}", region_level(l, level))
            };
            view! {
                <li>
                    <TagLink facet=Facet::Region value=r.name.clone() />
                    <span class="tag-extra">{extra}</span>
                    <EvidenceLinks evidence=r.evidence.clone() />
                </li>
            }
        })
        .collect_view();
    let masked: Vec<String> = a.regions.iter().filter(|r| r.code.is_none()).map(|r| r.name.clone()).collect();
    let agencies = a
        .agencies
        .iter()
        .map(|o| view! { <li><TagLink facet=Facet::Agency value=o.name.clone() /><EvidenceLinks evidence=o.evidence.clone() /></li> })
        .collect_view();
    let level = a.level.as_ref().map(|l| {
        view! { <li><TagLink facet=Facet::Level value=l.name.clone() /><EvidenceLinks evidence=l.evidence.clone() /></li> }
    });
    let themes = a
        .themes
        .iter()
        .map(|t| {
            view! {
                <li>
                    <TagLink facet=Facet::Theme value=t.name.clone() />
                    <span class="tag-extra">{format!("{:.2}", t.score)}</span>
                    <EvidenceLinks evidence=t.evidence.clone() />
                </li>
            }
        })
        .collect_view();
    let formulations = a
        .formulations
        .iter()
        .map(|s| {
            let (kind, origin) = (s.kind, s.origin);
            view! {
                <li>
                    <TagLink facet=Facet::Formulation value=s.text.clone() />
                    <span class="tag-extra">
                        {move || format!("{} · {}", formulation_origin(lang.get(), origin), formulation_kind(lang.get(), kind))}
                    </span>
                    <EvidenceLinks evidence=s.evidence.clone() />
                </li>
            }
        })
        .collect_view();
    let documents = a
        .documents
        .iter()
        .map(|d| view! { <li><TagLink facet=Facet::Document value=d.title.clone() /><EvidenceLinks evidence=d.evidence.clone() /></li> })
        .collect_view();
    // The date, with what dated it (a file-name year has nothing in the text to point at).
    let date = a.date.as_ref().map(|d| {
        let (precision, source) = (d.precision, d.evidence.first().map(|e| e.source));
        let in_text: Vec<Evidence> = d
            .evidence
            .iter()
            .filter(|e| e.source != DateSource::FileName && e.value == d.value)
            .map(|e| e.at.clone())
            .collect();
        let year = d.year().map(|y| y.to_string()).unwrap_or_default();
        view! {
            <li>
                <TagLink facet=Facet::Year value=year />
                <span class="date-value">{d.value.clone()}</span>
                <span class="tag-extra">
                    {move || {
                        let l = lang.get();
                        let from = source.map(|s| date_source(l, s)).unwrap_or_default();
                        format!("{} · {from}", date_precision(l, precision))
                    }}
                </span>
                <EvidenceLinks evidence=in_text />
            </li>
        }
    });
    // Years and plans the text speaks of: what it is about, not when it was written.
    let mentions = a
        .time_mentions
        .iter()
        .map(|m| {
            let extra =
                if m.value == m.label { format!("×{}", m.count) } else { format!("{} · ×{}", m.value, m.count) };
            view! {
                <li>
                    <TagLink facet=Facet::Mentioned value=m.label.clone() />
                    <span class="tag-extra">{extra}</span>
                    <EvidenceLinks evidence=vec![m.at.clone()] />
                </li>
            }
        })
        .collect_view();
    let has_mentions = !a.time_mentions.is_empty();
    let keywords = a.keywords.iter().take(12).map(|k| view! { <li class="kw">{k.word.clone()}</li> }).collect_view();
    let notes = a
        .notes
        .iter()
        .map(|n| {
            let (kind, line, message) = (n.kind, n.line, n.message.clone());
            let tip = message.clone();
            view! {
                <li class="note" title=move || tip.get(lang.get()).to_string()>
                    {move || {
                        let l = lang.get();
                        let at = match (line, l) {
                            (Some(n), Lang::Zh) => format!("（第 {n} 行）"),
                            (Some(n), Lang::En) => format!(" (line {n})"),
                            _ => String::new(),
                        };
                        let colon = l.pick("：", ": ");
                        format!("{}{at}{colon}{}", note_kind(l, kind), message.get(l))
                    }}
                </li>
            }
        })
        .collect_view();
    let has = (
        !a.regions.is_empty(),
        !a.agencies.is_empty() || a.level.is_some(),
        !a.themes.is_empty(),
        !a.formulations.is_empty(),
        !a.documents.is_empty(),
        !a.notes.is_empty(),
    );
    view! {
        <aside class="tags" aria-label=move || tr(lang.get(), "标注", "Tags")>
            {date.map(|d| section("日期", "Date", view! { <ul>{d}</ul> }.into_any()))}
            {has_mentions.then(|| section("提及的年份与时期", "Years spoken of", view! { <ul class="mentions">{mentions}</ul> }.into_any()))}
            {has.0.then(|| section("地区", "Places", view! {
                <ul>{regions}</ul>
                {(!masked.is_empty()).then(|| view! { <p class="masked">{move || tr(lang.get(), "隐去名称的地点：", "Masked places: ")}{move || masked.join(tr(lang.get(), "、", ", "))}</p> })}
            }.into_any()))}
            {has.1.then(|| section("机构与层级", "Agency and level", view! { <ul>{agencies}{level}</ul> }.into_any()))}
            {has.2.then(|| section("主题", "Themes", view! { <ul>{themes}</ul> }.into_any()))}
            {has.3.then(|| section("提法", "Formulations", view! { <ul>{formulations}</ul> }.into_any()))}
            {has.4.then(|| section("引用文件", "Cited documents", view! { <ul>{documents}</ul> }.into_any()))}
            {section("关键词", "Keywords", view! { <ul class="keywords">{keywords}</ul> }.into_any())}
            {has.5.then(|| section("数据质量", "Data quality", view! { <ul class="notes">{notes}</ul> }.into_any()))}
        </aside>
    }
}

/// Buttons that jump to the passages a tag was found in.
#[component]
fn EvidenceLinks(evidence: Vec<Evidence>) -> impl IntoView {
    let lang = explorer().lang;
    let mut seen = Vec::new();
    let links = evidence
        .into_iter()
        .filter(|e| {
            let new = !seen.contains(&e.block);
            seen.push(e.block);
            new
        })
        .take(6)
        .map(|e| {
            let target = e.block.map(|b| format!("b-{b}")).unwrap_or_else(|| "b-title".into());
            let label = move || match (e.block, lang.get()) {
                (Some(b), Lang::Zh) => format!("第{}段", b + 1),
                (Some(b), Lang::En) => format!("¶{}", b + 1),
                (None, l) => tr(l, "标题", "title").to_string(),
            };
            let text = e.text.clone();
            view! { <button type="button" class="ev" title=text on:click=move |_| browser::reveal(&target)>{label}</button> }
        })
        .collect_view();
    view! { <span class="evidence">{links}</span> }
}

/// The marks of one block: query matches, formulations, places.
fn block_marks(a: &Article, block: u32, text: &str, required: &[Needle<'_>], l: Lang) -> Vec<Mark> {
    let mut marks: Vec<Mark> = needle_spans(text, required)
        .into_iter()
        .map(|s| Mark { start: s[0], end: s[1], class: "q", tip: String::new() })
        .collect();
    let here = |e: &&Evidence| e.block == Some(block);
    for s in &a.formulations {
        let tip = format!(
            "{}：{}（{}·{}）",
            tr(l, "提法", "Formulation"),
            s.text,
            formulation_origin(l, s.origin),
            formulation_kind(l, s.kind)
        );
        marks.extend(s.evidence.iter().filter(here).map(|e| Mark {
            start: e.start,
            end: e.end,
            class: "formulation",
            tip: tip.clone(),
        }));
    }
    for r in a.regions.iter() {
        let role = if r.role == RegionRole::Home { tr(l, "本地", "home") } else { tr(l, "提及", "mentioned") };
        let place = if r.path.is_empty() { r.name.clone() } else { r.path.join(" › ") };
        let tip = format!("{}：{place}（{}·{role}）", tr(l, "地区", "Place"), region_level(l, r.level));
        marks.extend(r.evidence.iter().filter(here).map(|e| Mark {
            start: e.start,
            end: e.end,
            class: "place",
            tip: tip.clone(),
        }));
    }
    marks
}
