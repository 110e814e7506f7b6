//! The corpus overview (`#/about`): sources, declared against found counts, article lengths, data-quality notes,
//! removed noise (counts only), and how the tags are made.

use std::collections::BTreeMap;

use leptos::prelude::*;
use tifa_corpus::NoteKind;
use tifa_corpus::file_summary::FileSummary;

use crate::components::charts::Histogram;
use crate::i18n::{Lang, Text, meta_kind, note_kind, tr};
use crate::route::{Page, Route};
use crate::state::{explorer, shown_title};

/// The overview page.
#[component]
pub fn About() -> impl IntoView {
    let c = explorer();
    let lang = c.lang;
    let corpus = &c.index().corpus;
    let sources = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let read = FileSummary::of(index as u32, s, &corpus.articles);
            let s = s.clone();
            let metadata_lines = read.metadata_lines();
            let kinds = read.metadata.clone();
            let metadata_kinds = move || {
                let l = lang.get();
                kinds.iter().map(|m| format!("{} {}", meta_kind(l, m.kind), m.count)).collect::<Vec<_>>().join(" · ")
            };
            // A doubt about how the file was divided gets a row of its own under the file's row, so that it is not
            // read out as part of the row header with every cell.
            let doubt = read.shape_doubt.clone().map(|doubt| {
                view! {
                    <tr class="doubt-row">
                        <td colspan="12">
                            <div class="doubt" role="note"><span aria-hidden="true">"⚠ "</span>{move || doubt.get(lang.get()).to_string()}</div>
                        </td>
                    </tr>
                }
            });
            view! {
                <tr>
                    <th scope="row">{s.title.clone().unwrap_or_else(|| s.name.clone())}<div class="file">{s.name.clone()}</div></th>
                    <td>{s.encoding.clone()}</td>
                    <td class="num">{format!("{:.0} KB", s.bytes as f64 / 1024.0)}</td>
                    <td class="num">{s.declared_count.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td class="num" class:mismatch=s.declared_count.is_some_and(|d| d != s.found_count)>{s.found_count}</td>
                    <td class="num">{read.untitled}</td>
                    <td class="num">{read.headings}</td>
                    <td class="num">
                        {metadata_lines}
                        {(metadata_lines > 0).then(|| view! { <div class="kinds">{metadata_kinds}</div> })}
                    </td>
                    <td class="num">{read.notes}</td>
                    <td class="num">{s.stats.noise_lines}</td>
                    <td class="num">{s.stats.inline_noise}</td>
                    <td class="num">{s.stats.rejoined_lines}</td>
                </tr>
                {doubt}
            }
        })
        .collect_view();
    let mut lengths: Vec<u32> = c.index().documents.iter().map(|d| d.chars).collect();
    lengths.sort_unstable();
    let median = lengths.get(lengths.len() / 2).copied().unwrap_or(0);
    let (min, max) = (lengths.first().copied().unwrap_or(0), lengths.last().copied().unwrap_or(0));
    let bins = length_bins(&lengths);
    let mut by_kind: BTreeMap<String, (NoteKind, Vec<NoteRow>)> = BTreeMap::new();
    for s in &corpus.sources {
        for n in &s.notes {
            by_kind.entry(format!("{:?}", n.kind)).or_insert((n.kind, Vec::new())).1.push(NoteRow {
                id: String::new(),
                label: s.name.clone(),
                line: n.line,
                message: n.message.clone(),
            });
        }
    }
    for a in &corpus.articles {
        for n in &a.notes {
            let title = shown_title(a, lang.get_untracked());
            by_kind.entry(format!("{:?}", n.kind)).or_insert((n.kind, Vec::new())).1.push(NoteRow {
                id: a.id.clone(),
                label: title,
                line: n.line,
                message: n.message.clone(),
            });
        }
    }
    let notes = by_kind
        .into_values()
        .map(|(kind, items)| {
            let count = items.len();
            let list = items
                .into_iter()
                .map(|NoteRow { id, label, line, message }| {
                    let at = line.map(|l| format!(" · {l}")).unwrap_or_default();
                    let link = if id.is_empty() {
                        view! { <span>{label}</span> }.into_any()
                    } else {
                        view! { <a href=Route { page: Page::Article(id), ..Route::default() }.to_hash()>{label}</a> }
                            .into_any()
                    };
                    let (tip, detail) = (message.clone(), message.clone());
                    view! {
                        <li title=move || tip.get(lang.get()).to_string()>
                            {link}<span class="line">{at}</span>
                            <span class="note-detail">{move || detail.get(lang.get()).to_string()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <details class="note-group">
                    <summary>{move || note_kind(lang.get(), kind)}" "<span class="count">{count}</span></summary>
                    <ul>{list}</ul>
                </details>
            }
        })
        .collect_view();
    let articles = corpus.articles.len();
    view! {
        <div class="page about" class:en=move || lang.get() == Lang::En>
            <div class="page-head">
                <h1>{move || tr(lang.get(), "语料概览", "The corpus")}</h1>
                <p class="lede">
                    {move || match lang.get() {
                        Lang::Zh => format!("{} 个来源文件，{articles} 篇文章；正文长度中位数 {median} 字（{min}–{max}）", corpus_sources()),
                        Lang::En => format!("{} source files, {articles} articles; median length {median} characters ({min}–{max})", corpus_sources()),
                    }}
                </p>
            </div>
            <section class="panel">
                <h2>{move || tr(lang.get(), "来源文件", "Sources")}</h2>
                <div class="table-wrap" tabindex="0">
                    <table class="data">
                        <thead>
                            <tr>
                                <th scope="col">{move || tr(lang.get(), "汇编", "Compilation")}</th>
                                <th scope="col">{move || tr(lang.get(), "编码", "Encoding")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "大小", "Size")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "声明篇数", "Declared")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "识别篇数", "Found")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "无标题", "Untitled")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "小标题", "Headings")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "元数据行", "Metadata lines")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "提示", "Notes")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "去除噪声行", "Noise lines removed")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "行内噪声", "Inline noise")}</th>
                                <th scope="col" class="num">{move || tr(lang.get(), "接合断行", "Lines re-joined")}</th>
                            </tr>
                        </thead>
                        <tbody>{sources}</tbody>
                    </table>
                </div>
            </section>
            <div class="terms-grid">
                <section class="panel">
                    <h2>{move || tr(lang.get(), "文章长度（字）", "Article length (characters)")}</h2>
                    <Histogram bins title=tr(lang.get_untracked(), "文章长度分布", "Article lengths") />
                </section>
                <section class="panel">
                    <h2>{move || tr(lang.get(), "数据质量提示", "Data-quality notes")}</h2>
                    {notes}
                </section>
            </div>
            <section class="panel method">
                <h2>{move || tr(lang.get(), "标注是怎样做的", "How the tags are made")}</h2>
                {move || method(lang.get())}
            </section>
        </div>
    }
}

/// A note as listed.
struct NoteRow {
    /// The article's id; empty for a note on a whole file.
    id: String,
    /// The article's title or the file's name.
    label: String,
    /// The line it points at.
    line: Option<u32>,
    /// What it says.
    message: Text,
}

fn corpus_sources() -> usize {
    explorer().index().corpus.sources.len()
}

/// Six length bins with round edges.
fn length_bins(sorted: &[u32]) -> Vec<(String, u32)> {
    let Some(&max) = sorted.last() else { return Vec::new() };
    let step =
        [250u32, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000].into_iter().find(|s| max / s < 8).unwrap_or(100_000);
    let bins = (max / step + 1) as usize;
    let mut counts = vec![0u32; bins];
    for &l in sorted {
        counts[(l / step) as usize] += 1;
    }
    counts.into_iter().enumerate().map(|(i, n)| (format!("{}–{}", i as u32 * step, (i as u32 + 1) * step), n)).collect()
}

fn method(lang: Lang) -> impl IntoView {
    let items: [(&str, &str); 6] = [
        (
            "分段与清理：识别汇编的目录与篇数声明、文章标题与小标题，去除广告、联系方式、免责声明等噪声行，接合断行；每一步都留下可核对的说明。",
            "Parsing: the compilation's table of contents and declared count, titles and headings are recognised; ads, contact lines and disclaimers removed; broken lines re-joined; every step leaves a note.",
        ),
        (
            "地区：依据国家统计局区划代码（省、地、县、乡四级）匹配全称、简称与别称，结合上下文消歧；区分报道主体所在地与提及地。",
            "Places: matched against the NBS division codes (four levels) by full name, short form and alias, disambiguated by context; the reporting place is told from places merely mentioned.",
        ),
        (
            "机构与层级：依据机构名称表识别报道主体（如 县委组织部 → 组织部，县级）。",
            "Agency and level: the reporting body from a table of agency names (县委组织部 → organisation department, county level).",
        ),
        (
            "主题：17 个主题的词表打分；关键词：本汇编内的 TF-IDF。",
            "Themes: scored from the vocabularies of 17 themes; keywords: TF-IDF within the compilation.",
        ),
        (
            "提法：引号内的表述、数字式提法（如 “两个维护”“四风”）与并列式表述，归并变体，标注中央/地方来源。",
            "Formulations: quoted phrases, numbered formulas (“两个维护”, “四风”) and enumerations, variants merged, central or local origin marked.",
        ),
        (
            "检索：逐字精确匹配（不受分词影响），按 BM25 排序，标题与小标题加权。",
            "Search: exact character matching (independent of word segmentation), ranked by BM25 with title and heading boosts.",
        ),
    ];
    view! { <ul class="method-list">{items.into_iter().map(|(zh, en)| view! { <li>{tr(lang, zh, en)}</li> }).collect_view()}</ul> }
}
