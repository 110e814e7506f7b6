//! What was read in one file, at a glance — articles, untitled ones, headings, paragraphs, metadata lines by kind,
//! notes — and the doubt that the file was read in the wrong shape (one document read as many, or many as one).
//! `tifa parse` and the overview page show the same summary.

use crate::lang::Text;
use crate::model::{Article, BlockKind, MetaKind, Note, NoteKind, Source};
use crate::parse::marker::marker;

/// How many metadata lines of one kind a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaCount {
    /// The kind of line.
    pub kind: MetaKind,
    /// How many there are.
    pub count: u32,
}

/// What the parser found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// Articles found.
    pub articles: u32,
    /// Articles without a title in the source.
    pub untitled: u32,
    /// Section headings.
    pub headings: u32,
    /// Paragraphs of running text.
    pub paragraphs: u32,
    /// Metadata lines by kind, only kinds present, in [`MetaKind::ALL`] order.
    pub metadata: Vec<MetaCount>,
    /// Data-quality notes on the file and its articles.
    pub notes: u32,
    /// What the note says when the file may have been read in the wrong shape.
    pub shape_doubt: Option<Text>,
}

impl FileSummary {
    /// Summarise `source` from its articles (the articles of other sources may be passed too; they are skipped).
    pub fn of(source_index: u32, source: &Source, articles: &[Article]) -> Self {
        let mut summary = FileSummary {
            notes: source.notes.len() as u32,
            shape_doubt: source.notes.iter().find(|n| n.kind == NoteKind::ShapeDoubt).map(|n| n.message.clone()),
            ..FileSummary::default()
        };
        let mut counts = [0u32; MetaKind::ALL.len()];
        for article in articles.iter().filter(|a| a.source == source_index) {
            summary.articles += 1;
            summary.untitled += u32::from(article.title.is_empty());
            summary.notes += article.notes.len() as u32;
            for block in &article.blocks {
                match (block.kind, block.meta) {
                    (BlockKind::Heading, _) => summary.headings += 1,
                    (BlockKind::Meta, Some(kind)) => {
                        if let Some(k) = MetaKind::ALL.iter().position(|&m| m == kind) {
                            counts[k] += 1;
                        }
                    }
                    _ => summary.paragraphs += 1,
                }
            }
        }
        summary.metadata = MetaKind::ALL
            .iter()
            .zip(counts)
            .filter(|&(_, count)| count > 0)
            .map(|(&kind, count)| MetaCount { kind, count })
            .collect();
        summary
    }

    /// All metadata lines together.
    pub fn metadata_lines(&self) -> u32 {
        self.metadata.iter().map(|m| m.count).sum()
    }
}

/// A note when the articles found look like the wrong reading of the file: a single article with lines inside it
/// that usually divide a compilation (a separator or a source line between two stretches of text, article numbers,
/// a document number after running text), or several articles whose titles are numbered in sequence like the
/// sections of one document (一、…, 二、…).
pub fn shape_note(articles: &[Article]) -> Option<Note> {
    match articles {
        [] => None,
        [one] => one_read_as_many(one),
        many => many_read_as_one(many),
    }
}

fn one_read_as_many(article: &Article) -> Option<Note> {
    let blocks = &article.blocks;
    // Running text: a paragraph that ends a sentence (title pieces and author lines at the top do not count).
    let running: Vec<bool> = blocks
        .iter()
        .map(|b| b.kind != BlockKind::Meta && b.text.trim_end().ends_with(['。', '！', '？', '!', '?', '”']))
        .collect();
    let first_text = running.iter().position(|&r| r);
    let last_text = running.iter().rposition(|&r| r);
    let text_before = |i: usize| first_text.is_some_and(|f| f < i);
    let text_after = |i: usize| last_text.is_some_and(|l| l > i);
    let mut dividers = 0u32;
    let mut numbers = 0u32;
    let mut first: Option<u32> = None;
    for (i, block) in blocks.iter().enumerate() {
        let divides = match block.meta {
            // Between two stretches of text: a separator or source line ends one document, a document number or
            // volume header starts another.
            Some(MetaKind::Separator | MetaKind::Source | MetaKind::DocNumber | MetaKind::Volume) => {
                text_before(i) && text_after(i)
            }
            Some(MetaKind::Number) => {
                numbers += 1;
                numbers >= 2
            }
            _ => false,
        };
        if divides {
            dividers += 1;
            first.get_or_insert(block.lines[0]);
        }
    }
    (dividers > 0).then(|| {
        Note::at(
            NoteKind::ShapeDoubt,
            first.unwrap_or(article.lines[0]),
            Text::new(
                format!(
                    "作为一篇文件读入，但其中有 {dividers} 行（分隔线、出处、条目或文号）通常用来分隔汇编中的文件：\
                     请检查这个文件是否包含多篇文件。"
                ),
                format!(
                    "Read as one document, but {dividers} line(s) inside it (separators, source lines, article or \
                     document numbers) usually divide a compilation: check whether the file holds several documents."
                ),
            ),
        )
    })
}

fn many_read_as_one(articles: &[Article]) -> Option<Note> {
    let markers: Vec<_> = articles.iter().map(|a| marker(&a.title)).collect();
    let in_sequence = markers.windows(2).zip(articles.iter().skip(1)).find_map(|(pair, next)| match pair {
        [Some(a), Some(b)] if a.style == b.style && a.ordinal.is_some() && b.ordinal == a.ordinal.map(|o| o + 1) => {
            Some(next)
        }
        _ => None,
    })?;
    Some(Note::at(
        NoteKind::ShapeDoubt,
        in_sequence.title_line.unwrap_or(in_sequence.lines[0]),
        Text::new(
            "作为多篇文件读入，但它们的标题像一篇文件的各节那样按顺序编号（一、…，二、…）：请检查这个文件是否只是一篇文件。",
            "Read as several documents, but their titles are numbered in sequence (一、…, 二、…) like the sections of one \
             document: check whether the file is a single document.",
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ParseOptions, parse_bytes};

    fn article(title: &str, lines: &[(&str, Option<MetaKind>)]) -> Article {
        Article::of_lines(title, lines)
    }

    #[test]
    fn a_divider_between_two_texts_makes_one_article_doubtful() {
        let one = article(
            "关于加强管理的通知",
            &[("各单位要加强管理。", None), ("——————", Some(MetaKind::Separator)), ("各地要抓好落实。", None)],
        );
        let note = shape_note(std::slice::from_ref(&one)).expect("a doubt");
        assert_eq!((note.kind, note.line), (NoteKind::ShapeDoubt, Some(3)));
        // A source line at the end and a dateline at the top divide nothing.
        let fine = article(
            "讲话",
            &[
                ("新华社北京9月3日电", Some(MetaKind::Source)),
                ("同志们：今天开会。", None),
                ("（来源：人民日报）", Some(MetaKind::Source)),
            ],
        );
        assert_eq!(shape_note(&[fine]), None);
    }

    #[test]
    fn titles_numbered_in_sequence_make_many_articles_doubtful() {
        let parts = [article("一、过去一年的工作", &[]), article("二、今年的主要任务", &[])];
        assert_eq!(shape_note(&parts).map(|n| n.kind), Some(NoteKind::ShapeDoubt));
        let docs = [article("关于甲的通知", &[]), article("关于乙的通知", &[])];
        assert_eq!(shape_note(&docs), None);
    }

    #[test]
    fn the_summary_counts_what_was_read() {
        let text = "001\n关于甲的通知\n各单位要加强管理。\n\n002\n关于进一步加强乙项工作的意见\n一、总体要求\n各地要抓好落实。\n";
        let parsed = parse_bytes("t.txt", text.as_bytes(), ParseOptions::default()).expect("parses");
        let summary = FileSummary::of(0, &parsed.source, &parsed.articles);
        assert_eq!((summary.articles, summary.untitled, summary.headings, summary.paragraphs), (2, 0, 1, 2));
        assert_eq!(summary.metadata, [MetaCount { kind: MetaKind::Number, count: 2 }]);
        assert_eq!(summary.metadata_lines(), 2);
        assert!(summary.shape_doubt.is_none());
    }
}
