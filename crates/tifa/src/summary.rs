//! The readable summary printed by `tifa parse`.

use std::fmt::Write;
use tifa_corpus::{BlockKind, Corpus};

/// Render a corpus as a plain-text report: sources, counts, articles, notes.
pub fn render(corpus: &Corpus) -> String {
    let mut out = String::new();
    for (index, source) in corpus.sources.iter().enumerate() {
        let _ = writeln!(out, "{} ({}, {} bytes)", source.name, source.encoding, source.bytes);
        let _ = writeln!(out, "  title:    {}", source.title.as_deref().unwrap_or("(no header)"));
        let declared =
            source.declared_count.map_or_else(|| "no count declared".to_string(), |n| format!("{n} declared"));
        let _ = writeln!(out, "  articles: {} found, {declared}", source.found_count);
        let s = &source.stats;
        let _ = writeln!(
            out,
            "  lines:    {} read, {} noise removed, {} inline markers removed, {} re-joined",
            s.lines, s.noise_lines, s.inline_noise, s.rejoined_lines
        );
        for note in &source.notes {
            let _ = writeln!(out, "  note:     {}", note.message);
        }
        let _ = writeln!(out);
        for article in corpus.articles.iter().filter(|a| a.source as usize == index) {
            let headings = article.blocks.iter().filter(|b| b.kind == BlockKind::Heading).count();
            let paragraphs = article.blocks.len() - headings;
            let title = if article.title.is_empty() { "(untitled)" } else { article.title.as_str() };
            let _ = writeln!(
                out,
                "  {:>3}. {title}  [{}; {headings} headings, {paragraphs} paragraphs; lines {}–{}]",
                article.ordinal, article.id, article.lines[0], article.lines[1]
            );
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
