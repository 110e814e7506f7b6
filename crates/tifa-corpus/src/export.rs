//! Exports that fit a researcher's next step: a selection of articles as CSV (UTF-8 with a byte-order mark, so that
//! Excel reads Chinese correctly), as JSON in the corpus schema, or as Markdown with citations; concordance lines,
//! the formulation register and facet counts as CSV; and the citation of an article in the style of GB/T 7714.
//! The CLI and the browser call the same functions, so their files are identical.

use crate::enrich::stats::{FormulationStat, home_regions};
use crate::model::{Article, Corpus, Source};
use crate::search::facets::FacetCounts;
use crate::search::{Facet, Index, KwicLine};
use std::fmt::Write as _;

use crate::lang::Lang;

/// An export's header row in a language (the corpus text and the citation stay as they are).
trait Headers {
    fn header<'a>(self, pairs: &[(&'a str, &'a str)]) -> Vec<&'a str>;
}

impl Headers for Lang {
    fn header<'a>(self, pairs: &[(&'a str, &'a str)]) -> Vec<&'a str> {
        pairs.iter().map(|(zh, en)| self.pick(zh, en)).collect()
    }
}

/// Byte-order mark that tells spreadsheet programs the CSV is UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One CSV cell: quoted when it holds a separator, a quote or a line break; a leading `=`, `+`, `-` or `@` is
/// prefixed with `'` so that a spreadsheet shows the text instead of running it as a formula.
pub fn csv_cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
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

/// Shown for an article whose title the source lost.
pub const UNTITLED: &str = "（无标题）";

/// An article's title as exports show it: trimmed, or [`UNTITLED`].
pub fn display_title(article: &Article) -> &str {
    let t = article.title.trim();
    if t.is_empty() { UNTITLED } else { t }
}

/// The name a citation gives the compilation an article comes from: its title, else the file name without `.txt`.
pub fn compilation_name(source: Option<&Source>) -> String {
    let Some(s) = source else { return String::new() };
    match &s.title {
        Some(title) => title.clone(),
        None => s.name.strip_suffix(".txt").or_else(|| s.name.strip_suffix(".TXT")).unwrap_or(&s.name).to_string(),
    }
}

/// The citation of an article as a contribution (析出文献) to a compilation (汇编, type code `G`), in the form of
/// GB/T 7714-2015: `题名[G]//汇编题名. 出版地: 出版者, 出版年: 位置.` Compilations rarely state place and publisher,
/// so those are marked unknown as the standard asks; a year in the compilation's title is given as an estimated
/// year (`[2023]`); the position is the article's place in the compilation.
pub fn citation(article: &Article, source: Option<&Source>) -> String {
    let title = display_title(article);
    let compilation = compilation_name(source);
    let year = year_in(&compilation).map(|y| format!("[{y}]")).unwrap_or_else(|| "[出版年不详]".into());
    format!("{title}[G]//{compilation}. [出版地不详]: [出版者不详], {year}: 第{}篇.", article.ordinal)
}

/// A year (1949–2099) written in a title, if any.
fn year_in(title: &str) -> Option<u32> {
    let digits: Vec<char> = title.chars().collect();
    digits.windows(4).enumerate().find_map(|(i, w)| {
        let boundary = |j: Option<&char>| j.is_none_or(|c| !c.is_ascii_digit());
        let year: u32 = w.iter().collect::<String>().parse().ok()?;
        let before = if i == 0 { None } else { digits.get(i - 1) };
        ((1949..=2099).contains(&year) && boundary(before) && boundary(digits.get(i + 4))).then_some(year)
    })
}

/// What a selection is, in words: the query and the filters (the heading of a Markdown export).
pub fn describe(query: &str, filters: &[(Facet, String)], lang: Lang) -> String {
    let mut parts = Vec::new();
    let colon = lang.pick("：", ": ");
    if !query.trim().is_empty() {
        parts.push(format!("{}{colon}{}", lang.pick("检索", "Search"), query.trim()));
    }
    for (facet, value) in filters {
        let name = match facet {
            Facet::Region => lang.pick("地区", "Region"),
            Facet::Theme => lang.pick("主题", "Theme"),
            Facet::Formulation => lang.pick("提法", "Formulation"),
            Facet::Agency => lang.pick("机构", "Agency"),
            Facet::Level => lang.pick("层级", "Level"),
            Facet::Year => lang.pick("年份", "Year"),
            Facet::Decade => lang.pick("年代", "Decade"),
            Facet::Mentioned => lang.pick("提及的年份与时期", "Years spoken of"),
            Facet::Document => lang.pick("引用文件", "Cited document"),
            Facet::Source => lang.pick("来源文件", "Source file"),
        };
        parts.push(format!("{name}{colon}{value}"));
    }
    if parts.is_empty() {
        lang.pick("全部文章", "All articles").to_string()
    } else {
        parts.join(lang.pick("；", "; "))
    }
}

fn join(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join("；")
}

/// The selected articles (positions in the corpus), one row each, with their tags.
pub fn articles_csv(index: &Index, docs: &[u32], lang: Lang) -> String {
    let header = lang.header(&[
        ("序号", "No."),
        ("ID", "ID"),
        ("标题", "Title"),
        ("来源", "Compilation"),
        ("篇次", "Position"),
        ("本地地区", "Home places"),
        ("涉及地区", "Places named"),
        ("机构", "Agencies"),
        ("层级", "Level"),
        ("主题", "Themes"),
        ("提法", "Formulations"),
        ("引用文件", "Cited documents"),
        ("字数", "Characters"),
        ("起始行", "First line"),
        ("结束行", "Last line"),
        ("引用", "Citation"),
    ]);
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
            join(a.agencies.iter().map(|o| o.name.clone())),
            a.level.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
            join(a.themes.iter().map(|t| t.name.clone())),
            join(a.formulations.iter().map(|s| s.text.clone())),
            join(a.documents.iter().map(|d| format!("《{}》", d.title))),
            index.documents.get(d as usize).map(|doc| doc.chars).unwrap_or_default().to_string(),
            // Two number columns: "3-25" in one cell would become a date in Excel.
            a.lines[0].to_string(),
            a.lines[1].to_string(),
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
    // The heading comes from a link (query and filters): one line, and text only.
    let mut out = format!("# {}\n\n", markdown_text(heading.replace(['\r', '\n'], " ").trim()));
    for (i, &d) in docs.iter().enumerate() {
        let Some(a) = corpus.articles.get(d as usize) else { continue };
        let source = corpus.sources.get(a.source as usize);
        let title = display_title(a);
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
pub fn kwic_csv(corpus: &Corpus, lines: &[KwicLine], lang: Lang) -> String {
    let header = lang.header(&[
        ("ID", "ID"),
        ("标题", "Title"),
        ("段", "Paragraph"),
        ("左侧语境", "Left context"),
        ("检索词", "Match"),
        ("右侧语境", "Right context"),
    ]);
    let rows = lines.iter().map(|l| {
        let title = corpus.articles.get(l.article as usize).map(|a| a.title.clone()).unwrap_or_default();
        let block = l.block.map(|b| (b + 1).to_string()).unwrap_or_else(|| lang.pick("标题", "title").into());
        vec![l.id.clone(), title, block, l.left.clone(), l.matched.clone(), l.right.clone()]
    });
    csv(&header, rows)
}

/// The formulation register.
pub fn formulations_csv(register: &[FormulationStat], lang: Lang) -> String {
    let header = lang.header(&[
        ("提法", "Formulation"),
        ("类型", "Kind"),
        ("来源", "Origin"),
        ("次数", "Uses"),
        ("篇数", "Articles"),
        ("地区", "Places"),
        ("机构", "Agencies"),
        ("共现提法", "Used with"),
        ("变体", "Variants"),
        ("首次使用", "First used"),
        ("最近使用", "Last used"),
    ]);
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
            s.life.first_date.clone().unwrap_or_default(),
            s.life.last_date.clone().unwrap_or_default(),
        ]
    });
    csv(&header, rows)
}

/// Formulations by year: one row per formulation, one column per year from the earliest to the latest dated use
/// (articles using it that year), then the undated.
pub fn formulations_by_year_csv(register: &[FormulationStat], lang: Lang) -> String {
    let years: Vec<u16> = register.iter().flat_map(|s| s.life.by_year.iter().map(|(y, _)| *y)).collect();
    let span: Vec<u16> = match (years.iter().min(), years.iter().max()) {
        (Some(&first), Some(&last)) => (first..=last).collect(),
        _ => Vec::new(),
    };
    let year_names: Vec<String> = span.iter().map(u16::to_string).collect();
    let mut header: Vec<&str> = vec![lang.pick("提法", "Formulation")];
    header.extend(year_names.iter().map(String::as_str));
    header.push(lang.pick("无日期", "Undated"));
    let rows = register.iter().map(|s| {
        let dated: u32 = s.life.by_year.iter().map(|(_, n)| n).sum();
        let mut row = vec![s.text.clone()];
        row.extend(span.iter().map(|y| s.life.by_year.iter().find(|(x, _)| x == y).map_or(0, |(_, n)| *n).to_string()));
        row.push((s.articles.len() as u32 - dated).to_string());
        row
    });
    csv(&header, rows)
}

/// Shared passages, one row per passage: both articles (id and title), the direction, the similarity, and each copy
/// with its block and character offsets. `pairs` are those to write (a selection's, or all of a corpus's reuse).
pub fn reuse_csv(corpus: &Corpus, pairs: &[crate::reuse::Pair], lang: Lang) -> String {
    let header = lang.header(&[
        ("文章甲", "Article A"),
        ("标题甲", "Title A"),
        ("文章乙", "Article B"),
        ("标题乙", "Title B"),
        ("方向", "Direction"),
        ("相似度", "Similarity"),
        ("段落甲", "Block A"),
        ("起甲", "Start A"),
        ("止甲", "End A"),
        ("段落乙", "Block B"),
        ("起乙", "Start B"),
        ("止乙", "End B"),
        ("文字甲", "Text A"),
        ("文字乙", "Text B"),
    ]);
    let article = |id: &str| corpus.articles.iter().find(|a| a.id == id);
    let text = |id: &str, span: crate::reuse::Span| article(id).map(|a| span.text(a)).unwrap_or_default();
    let title = |id: &str| article(id).map(|a| a.title.clone()).unwrap_or_default();
    let rows = pairs.iter().flat_map(|pair| {
        let direction = match pair.direction {
            Some(crate::reuse::Direction::AToB) => "a->b",
            Some(crate::reuse::Direction::BToA) => "b->a",
            None => "",
        };
        pair.passages.iter().map(move |q| {
            vec![
                pair.a.clone(),
                title(&pair.a),
                pair.b.clone(),
                title(&pair.b),
                direction.to_string(),
                format!("{:.3}", q.similarity),
                q.a.block.to_string(),
                q.a.start.to_string(),
                q.a.end.to_string(),
                q.b.block.to_string(),
                q.b.start.to_string(),
                q.b.end.to_string(),
                text(&pair.a, q.a),
                text(&pair.b, q.b),
            ]
        })
    });
    csv(&header, rows)
}

/// Facet counts (drill-down counts of a query), one row per value.
pub fn facets_csv(facets: &[FacetCounts], lang: Lang) -> String {
    let header = lang.header(&[
        ("维度", "Facet"),
        ("值", "Value"),
        ("篇数", "Articles"),
        ("已选", "Selected"),
        ("上级地区", "Parent region"),
    ]);
    let rows = facets.iter().flat_map(|f| {
        f.values.iter().map(move |v| {
            vec![
                f.facet.to_string(),
                v.value.clone(),
                v.count.to_string(),
                if v.selected { lang.pick("是", "yes").into() } else { String::new() },
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
    fn formulations_by_year_fill_the_gaps_and_count_the_undated() {
        use crate::model::{ArticleDate, DatePrecision, FormulationKind, FormulationOrigin, FormulationTag};
        let article = |id: &str, date: Option<&str>| Article {
            id: id.into(),
            date: date.map(|v| ArticleDate { value: v.into(), precision: DatePrecision::Year, evidence: Vec::new() }),
            formulations: vec![FormulationTag {
                text: "放管服".into(),
                surface: vec!["放管服".into()],
                kind: FormulationKind::Numbered,
                origin: FormulationOrigin::Central,
                evidence: Vec::new(),
            }],
            ..Article::default()
        };
        let (a, b, c) = (article("a", Some("2016-05-01")), article("b", Some("2018")), article("c", None));
        let register = crate::enrich::stats::formulation_register_of([&a, &b, &c]);
        let table = formulations_by_year_csv(&register, Lang::En);
        let lines: Vec<&str> = table.trim_start_matches(BOM).lines().collect();
        assert_eq!(lines, ["Formulation,2016,2017,2018,Undated", "放管服,1,0,1,1"]);
        let register_csv = formulations_csv(&register, Lang::En);
        assert!(register_csv.lines().nth(1).is_some_and(|l| l.ends_with(",2016-05-01,2018")), "{register_csv}");
    }

    #[test]
    fn shared_passages_are_one_row_each_with_both_copies() {
        use crate::model::{Article, Block};
        let text = "各级党委和政府要切实加强对基层治理工作的领导，把抓基层打基础作为长远之计和固本之举";
        let article = |id: &str, t: &str| Article {
            id: id.into(),
            title: format!("{id}的文章"),
            blocks: vec![Block::paragraph(t, [1, 1])],
            ..Article::default()
        };
        let mut corpus = Corpus::new();
        corpus.articles = vec![article("甲", text), article("乙", &format!("我们认为{text}"))];
        let found = crate::reuse::reuse(&corpus, &crate::reuse::ReuseOptions::default());
        let table = reuse_csv(&corpus, &found.pairs, Lang::En);
        let lines: Vec<&str> = table.trim_start_matches(BOM).lines().collect();
        assert_eq!(lines.len(), 2, "{table}");
        assert!(lines[0].starts_with("Article A,Title A,Article B"));
        let cells: Vec<&str> = lines[1].split(',').collect();
        assert_eq!(&cells[..5], ["甲", "甲的文章", "乙", "乙的文章", ""]);
        assert_eq!(cells[cells.len() - 1], cells[cells.len() - 2], "the same words in both copies");
    }

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
        let table = articles_csv(&index, &docs, Lang::Zh);
        assert!(articles_csv(&index, &docs, Lang::En).contains("Title,Compilation"));
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
        assert_eq!(md.matches("\\[G\\]//").count(), 2, "citations, brackets escaped for Markdown");
        assert!(
            articles_markdown(&index.corpus, &[], "<img src=x>\n# 注入").starts_with("# \\<img src=x\\> \\# 注入\n")
        );
        let a = &index.corpus.articles[0];
        let cite = citation(a, index.corpus.sources.first());
        assert!(
            cite.contains(a.title.trim())
                && cite.contains("[G]//")
                && !cite.contains(".txt")
                && cite.ends_with(&format!("第{}篇.", a.ordinal))
        );
        let kwic = index.kwic("作风", None, 5, crate::search::KwicSort::Corpus);
        let k = kwic_csv(&index.corpus, &kwic, Lang::Zh);
        assert_eq!(k.trim_end().split("\r\n").count(), kwic.len() + 1);
    }

    #[test]
    fn citations_follow_gb_t_7714() {
        let a = Article { title: "推进作风建设".into(), ordinal: 3, ..Article::default() };
        let mut s = Source {
            name: "汇编.txt".into(),
            encoding: "UTF-8".into(),
            title: None,
            declared_count: None,
            found_count: 1,
            fingerprint: String::new(),
            bytes: 0,
            header: Vec::new(),
            stats: Default::default(),
            notes: Vec::new(),
        };
        assert_eq!(citation(&a, Some(&s)), "推进作风建设[G]//汇编. [出版地不详]: [出版者不详], [出版年不详]: 第3篇.");
        s.title = Some("2023年度作风建设经验交流材料汇编（24篇）".into());
        assert!(citation(&a, Some(&s)).contains("[出版者不详], [2023]: 第3篇."));
        assert_eq!(year_in("编号12023"), None);
        assert_eq!(describe(" 作风 ", &[(Facet::Region, "贵州省".into())], Lang::Zh), "检索：作风；地区：贵州省");
        assert_eq!(describe("", &[], Lang::Zh), "全部文章");
        assert_eq!(describe("x", &[(Facet::Theme, "t".into())], Lang::En), "Search: x; Theme: t");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
    }

    #[test]
    fn markdown_keeps_corpus_text_as_text() {
        assert_eq!(markdown_text("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
    }
}
