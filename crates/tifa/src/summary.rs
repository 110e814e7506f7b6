//! The readable summary printed by `tifa parse`.

use std::fmt::Write;
use tifa_corpus::file_summary::FileSummary;
use tifa_corpus::search::facets::FacetCounts;
use tifa_corpus::{Article, BlockKind, Corpus, DateSource, NoteKind, RegionRole};

/// Render a corpus as a plain-text report: sources, counts, articles, notes.
pub fn render(corpus: &Corpus) -> String {
    let mut out = String::new();
    for (index, source) in corpus.sources.iter().enumerate() {
        let _ = writeln!(out, "{} ({}, {} bytes)", source.name, source.encoding, source.bytes);
        let _ = writeln!(out, "  title:    {}", source.title.as_deref().unwrap_or("(no header)"));
        let declared =
            source.declared_count.map_or_else(|| "no count declared".to_string(), |n| format!("{n} declared"));
        let read = FileSummary::of(index as u32, source, &corpus.articles);
        let untitled = if read.untitled > 0 { format!(" ({} untitled)", read.untitled) } else { String::new() };
        let _ = writeln!(out, "  articles: {} found{untitled}, {declared}", source.found_count);
        let _ = writeln!(
            out,
            "  blocks:   {} headings, {} paragraphs, {} metadata lines{}",
            read.headings,
            read.paragraphs,
            read.metadata_lines(),
            metadata_kinds(&read)
        );
        let s = &source.stats;
        let _ = writeln!(
            out,
            "  lines:    {} read, {} noise removed, {} inline markers removed, {} re-joined",
            s.lines, s.noise_lines, s.inline_noise, s.rejoined_lines
        );
        for note in &source.notes {
            let mark = if note.kind == NoteKind::ShapeDoubt { "  CHECK:    " } else { "  note:     " };
            let at = note.line.filter(|_| note.kind == NoteKind::ShapeDoubt).map(|l| format!("line {l}: "));
            let _ = writeln!(out, "{mark}{}{}", at.unwrap_or_default(), note.message);
        }
        let _ = writeln!(out);
        for article in corpus.articles.iter().filter(|a| a.source as usize == index) {
            let headings = article.blocks.iter().filter(|b| b.kind == BlockKind::Heading).count();
            let metadata = article.blocks.iter().filter(|b| b.kind == BlockKind::Meta).count();
            let paragraphs = article.blocks.len() - headings - metadata;
            let title = if article.title.is_empty() { "(untitled)" } else { article.title.as_str() };
            let _ = writeln!(
                out,
                "  {:>3}. {title}  [{}; {headings} headings, {paragraphs} paragraphs, {metadata} metadata; lines {}–{}]",
                article.ordinal, article.id, article.lines[0], article.lines[1]
            );
            let date = article.date.as_ref().map(|d| {
                let from = d.evidence.first().map(|e| format!(" ({}: {})", date_source(e.source), e.at.text));
                format!("{}{}", d.value, from.unwrap_or_default())
            });
            let about: Vec<String> =
                [("date", &date), ("document number", &article.doc_number), ("issuer", &article.issuer)]
                    .into_iter()
                    .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}: {v}")))
                    .collect();
            if !about.is_empty() {
                let _ = writeln!(out, "         {}", about.join(" | "));
            }
            let tags = tag_line(article);
            if !tags.is_empty() {
                let _ = writeln!(out, "         {tags}");
            }
            for note in &article.notes {
                let at = note.line.map(|l| format!("line {l}: ")).unwrap_or_default();
                let _ = writeln!(out, "         ! {at}{}", note.message);
            }
        }
        let _ = writeln!(out);
    }
    if corpus.sources.is_empty() {
        out.push_str("No file could be read.\n");
    }
    out
}

/// What kind of evidence dated an article, in words.
fn date_source(source: DateSource) -> &'static str {
    match source {
        DateSource::SignedField => "signed",
        DateSource::DateLine => "date line",
        DateSource::Title => "title",
        DateSource::Published => "published",
        DateSource::DocumentNumber => "document number",
        DateSource::FileName => "file name",
    }
}

/// The kinds of metadata lines with their counts, in parentheses: ` (2 number, 1 source)`.
fn metadata_kinds(read: &FileSummary) -> String {
    if read.metadata.is_empty() {
        return String::new();
    }
    let kinds: Vec<String> = read.metadata.iter().map(|m| format!("{} {}", m.count, m.kind.names()[1])).collect();
    format!(" ({})", kinds.join(", "))
}

/// One line of tags: home region, agency and level, top themes, formulations.
fn tag_line(article: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(home) = article.regions.iter().find(|r| r.role == RegionRole::Home) {
        parts.push(format!("home: {}", home.name));
    }
    let mentioned = article.regions.iter().filter(|r| r.role == RegionRole::Mentioned).count();
    if mentioned > 0 {
        parts.push(format!("{mentioned} places mentioned"));
    }
    if !article.agencies.is_empty() {
        let names: Vec<&str> = article.agencies.iter().map(|o| o.name.as_str()).collect();
        parts.push(format!("agency: {}", names.join("/")));
    }
    if let Some(level) = &article.level {
        parts.push(format!("level: {}", level.name));
    }
    if !article.themes.is_empty() {
        let names: Vec<&str> = article.themes.iter().take(3).map(|t| t.name.as_str()).collect();
        parts.push(format!("themes: {}", names.join(", ")));
    }
    if !article.formulations.is_empty() {
        let names: Vec<&str> = article.formulations.iter().take(5).map(|s| s.text.as_str()).collect();
        parts.push(format!("提法: {}", names.join(" · ")));
    }
    parts.join(" | ")
}

/// Every facet with its top values and article counts (a region under its parent: 江苏省 › 南京市).
pub fn facets(facets: &[FacetCounts], top: usize) -> String {
    let mut out = String::new();
    for facet in facets {
        let _ = writeln!(out, "{} ({} values)", facet.facet, facet.values.len());
        let shown = if top == 0 { facet.values.len() } else { top.min(facet.values.len()) };
        for v in &facet.values[..shown] {
            let value = match &v.parent {
                Some(parent) => format!("{parent} › {}", v.value),
                None => v.value.clone(),
            };
            let _ = writeln!(out, "  {:>4}  {value}", v.count);
        }
        if shown < facet.values.len() {
            let _ = writeln!(out, "     …  {} more (use --top 0 to list all)", facet.values.len() - shown);
        }
        let _ = writeln!(out);
    }
    out
}
