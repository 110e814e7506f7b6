//! Exports that fit a researcher's next step: a selection of articles as CSV (UTF-8 with a byte-order mark, so that
//! Excel reads Chinese correctly), as JSON in the corpus schema, or as Markdown with citations; concordance lines,
//! the formulation register and facet counts as CSV; and the citation of an article in the style of GB/T 7714.
//! The CLI and the browser call the same functions, so their files are identical.

use crate::enrich::stats::{SloganStat, home_regions};
use crate::model::{Article, Corpus, Source};
use crate::search::facets::FacetCounts;
use crate::search::{Index, KwicLine};
use std::fmt::Write as _;

/// Byte-order mark that tells spreadsheet programs the CSV is UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One CSV cell: quoted when it holds a separator, a quote or a line break; a leading `=`, `+`, `-` or `@` is
/// prefixed with `'` so that a spreadsheet shows the text instead of running it as a formula.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from(BOM);
    out.push_str(&header.iter().map(|h| csv_cell(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The name a citation gives the compilation an article comes from.
pub fn compilation_name(source: Option<&Source>) -> String {
    source.map(|s| s.title.clone().unwrap_or_else(|| s.name.clone())).unwrap_or_default()
}

/// The citation of an article in the style of GB/T 7714-2015 for a part of a collection (`[A]`), with the
/// compilation as the containing work; what compilations do not state is marked as unknown, as the standard asks.
pub fn citation(article: &Article, source: Option<&Source>) -> String {
    let title = if article.title.trim().is_empty() { "［无标题］" } else { article.title.trim() };
    let compilation = compilation_name(source);
    format!("{title}[A]//{compilation}[G]. [出版地不详]: [出版者不详], [出版年不详]: 第{}篇.", article.ordinal)
}

fn join(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join("；")
}

/// The selected articles (positions in the corpus), one row each, with their tags.
pub fn articles_csv(index: &Index, docs: &[u32]) -> String {
    let header = [
        "序号",
        "ID",
        "标题",
        "来源",
        "篇次",
        "本地地区",
        "涉及地区",
        "机构",
        "层级",
        "主题",
        "提法",
        "引用文件",
        "字数",
        "原文行",
        "引用",
    ];
    let corpus = &index.corpus;
    let rows = docs.iter().enumerate().filter_map(|(i, &d)| {
        let a = corpus.articles.get(d as usize)?;
        let source = corpus.sources.get(a.source as usize);
        Some(vec![
            (i + 1).to_string(),
            a.id.clone(),
            a.title.clone(),
            compilation_name(source),
            a.ordinal.to_string(),
            join(home_regions(a).into_iter().map(str::to_string)),
            join(a.regions.iter().filter(|r| r.code.is_some()).map(|r| r.name.clone())),
            join(a.organizations.iter().map(|o| o.name.clone())),
            a.level.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
            join(a.themes.iter().map(|t| t.name.clone())),
            join(a.slogans.iter().map(|s| s.text.clone())),
            join(a.documents.iter().map(|d| format!("《{}》", d.title))),
            index.documents.get(d as usize).map(|doc| doc.chars).unwrap_or_default().to_string(),
            format!("{}-{}", a.lines[0], a.lines[1]),
            citation(a, source),
        ])
    });
    csv(&header, rows)
}

/// The selected articles as a corpus in the JSON schema (`tifa.corpus/1`), with the sources they come from.
pub fn articles_json(corpus: &Corpus, docs: &[u32]) -> String {
    let mut out = Corpus { schema: corpus.schema.clone(), sources: corpus.sources.clone(), articles: Vec::new() };
    out.articles = docs.iter().filter_map(|&d| corpus.articles.get(d as usize).cloned()).collect();
    out.to_json_pretty()
}

/// The selected articles as a Markdown list of titles with their citations; `heading` says what was selected.
pub fn articles_markdown(corpus: &Corpus, docs: &[u32], heading: &str) -> String {
    let mut out = format!("# {}\n\n", heading.trim());
    for (i, &d) in docs.iter().enumerate() {
        let Some(a) = corpus.articles.get(d as usize) else { continue };
        let source = corpus.sources.get(a.source as usize);
        let title = if a.title.trim().is_empty() { "（无标题）" } else { a.title.trim() };
        let _ = writeln!(out, "{}. **{}**  \n   {}", i + 1, markdown_text(title), markdown_text(&citation(a, source)));
    }
    out
}

/// Markdown's special characters escaped, so that corpus text stays text.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Concordance lines with the article each comes from.
pub fn kwic_csv(corpus: &Corpus, lines: &[KwicLine]) -> String {
    let header = ["ID", "标题", "段", "左侧语境", "检索词", "右侧语境"];
    let rows = lines.iter().map(|l| {
        let title = corpus.articles.get(l.article as usize).map(|a| a.title.clone()).unwrap_or_default();
        let block = l.block.map(|b| (b + 1).to_string()).unwrap_or_else(|| "标题".into());
        vec![l.id.clone(), title, block, l.left.clone(), l.matched.clone(), l.right.clone()]
    });
    csv(&header, rows)
}

/// The formulation register.
pub fn slogans_csv(register: &[SloganStat]) -> String {
    let header = ["提法", "类型", "来源", "次数", "篇数", "地区", "机构", "共现提法", "变体"];
    let pairs = |v: &[(String, u32)]| join(v.iter().map(|(k, n)| format!("{k}({n})")));
    let rows = register.iter().map(|s| {
        vec![
            s.text.clone(),
            format!("{:?}", s.kind).to_lowercase(),
            format!("{:?}", s.origin).to_lowercase(),
            s.count.to_string(),
            s.articles.len().to_string(),
            pairs(&s.regions),
            pairs(&s.agencies),
            pairs(&s.cooccurs),
            join(s.variants.iter().cloned()),
        ]
    });
    csv(&header, rows)
}

/// Facet counts (drill-down counts of a query), one row per value.
pub fn facets_csv(facets: &[FacetCounts]) -> String {
    let header = ["维度", "值", "篇数", "已选", "上级地区"];
    let rows = facets.iter().flat_map(|f| {
        f.values.iter().map(move |v| {
            vec![
                f.facet.to_string(),
                v.value.clone(),
                v.count.to_string(),
                if v.selected { "是".into() } else { String::new() },
                v.parent.clone().unwrap_or_default(),
            ]
        })
    });
    csv(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("营商环境"), "营商环境");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-疫情"), "'-疫情");
        assert_eq!(csv_cell("第一行\n第二行"), "\"第一行\n第二行\"");
    }

    #[test]
    fn exports_of_the_default_corpus() {
        let corpus = crate::default_corpus();
        let n = corpus.articles.len();
        let index = Index::from_parts(corpus, crate::search::index::IndexData::empty(n));
        let docs: Vec<u32> = vec![2, 0];
        let table = articles_csv(&index, &docs);
        assert!(table.starts_with(BOM));
        let lines: Vec<&str> = table.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 3, "header and one row per selected article");
        assert!(lines[1].contains(&index.corpus.articles[2].id), "rows in selection order");
        let json = articles_json(&index.corpus, &docs);
        let back: Corpus = serde_json::from_str(&json).expect("valid corpus JSON");
        assert_eq!(back.articles.len(), 2);
        assert_eq!(back.articles[0], index.corpus.articles[2]);
        let md = articles_markdown(&index.corpus, &docs, "检索：作风");
        assert!(md.starts_with("# 检索：作风\n"));
        assert_eq!(md.matches("\\[A\\]//").count(), 2, "citations, brackets escaped for Markdown");
        let a = &index.corpus.articles[0];
        let cite = citation(a, index.corpus.sources.first());
        assert!(
            cite.contains(a.title.trim()) && cite.contains("[A]//") && cite.ends_with(&format!("第{}篇.", a.ordinal))
        );
        let kwic = index.kwic("作风", None, 5, crate::search::KwicSort::Corpus);
        let k = kwic_csv(&index.corpus, &kwic);
        assert_eq!(k.trim_end().split("\r\n").count(), kwic.len() + 1);
    }

    #[test]
    fn markdown_keeps_corpus_text_as_text() {
        assert_eq!(markdown_text("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
    }
}
