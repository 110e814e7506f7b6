//! The parser against hand-written compilations in shapes the default corpus does not have. Each
//! `fixtures/NAME.txt` has a `NAME.expected.toml` with the truth (see `fixtures/README.md`).

#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use std::path::{Path, PathBuf};
use tifa_corpus::parse::check_conservation;
use tifa_corpus::{BlockKind, LoadError, NoteKind, ParseOptions, parse_bytes};

#[derive(Deserialize)]
struct Expected {
    title: Option<String>,
    declared: Option<u32>,
    article: Vec<ExpectedArticle>,
}

#[derive(Deserialize)]
struct ExpectedArticle {
    title: String,
    #[serde(default)]
    headings: Vec<String>,
    paragraphs: usize,
    #[serde(default)]
    truncated_title: bool,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Compare one file with its expectation; returns every mismatch (so one run shows them all).
fn check(file: &str, expectation: &str) -> Vec<String> {
    let bytes = std::fs::read(fixtures().join(file)).expect("fixture exists");
    let text = std::fs::read_to_string(fixtures().join(expectation)).expect("expectation exists");
    let expected: Expected = toml::from_str(&text).expect("expectation parses");
    let parsed = match parse_bytes(file, &bytes, ParseOptions::default()) {
        Ok(p) => p,
        Err(e) => return vec![format!("{file}: failed to parse: {e}")],
    };
    let mut problems = Vec::new();
    let mut differ = |what: String| problems.push(format!("{file}: {what}"));
    if parsed.source.title != expected.title {
        differ(format!("header {:?}, expected {:?}", parsed.source.title, expected.title));
    }
    if parsed.source.declared_count != expected.declared {
        differ(format!("declared {:?}, expected {:?}", parsed.source.declared_count, expected.declared));
    }
    let got: Vec<&str> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
    let want: Vec<&str> = expected.article.iter().map(|a| a.title.as_str()).collect();
    if got != want {
        differ(format!("titles\n  got  {got:?}\n  want {want:?}"));
    }
    for (article, want) in parsed.articles.iter().zip(&expected.article) {
        let headings: Vec<&str> =
            article.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.text.as_str()).collect();
        if headings != want.headings {
            differ(format!("“{}” headings\n  got  {headings:?}\n  want {:?}", want.title, want.headings));
        }
        let paragraphs = article.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count();
        if paragraphs != want.paragraphs {
            differ(format!("“{}” has {paragraphs} paragraphs, expected {}", want.title, want.paragraphs));
        }
        let flagged = article.notes.iter().any(|n| n.kind == NoteKind::TruncatedTitle);
        if flagged != want.truncated_title {
            differ(format!("“{}” truncated-title note {flagged}, expected {}", want.title, want.truncated_title));
        }
    }
    let declared_differs = expected.declared.is_some_and(|d| d as usize != expected.article.len());
    let mismatch_note = parsed.source.notes.iter().any(|n| n.kind == NoteKind::CountMismatch);
    if declared_differs != mismatch_note {
        differ(format!("count-mismatch note {mismatch_note}, expected {declared_differs}"));
    }
    let text = tifa_corpus::decode::decode(&bytes).expect("decodes").text;
    if let Err(e) = check_conservation(&text, &parsed) {
        differ(format!("conservation: {e}"));
    }
    problems
}

#[test]
fn every_fixture_parses_as_annotated() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let Some(stem) = name.strip_suffix(".expected.toml") else { continue };
        problems.extend(check(&format!("{stem}.txt"), &name));
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} fixtures found");
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn encodings_and_line_endings_give_the_same_corpus() {
    let base = parse_bytes("a", &std::fs::read(fixtures().join("blank_one.txt")).unwrap(), ParseOptions::default())
        .expect("utf-8 parses");
    for (file, encoding) in
        [("blank_one.gbk.txt", "GB18030"), ("blank_one.utf16.txt", "UTF-16LE"), ("blank_one.crlf.txt", "UTF-8")]
    {
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        let parsed = parse_bytes("a", &bytes, ParseOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(parsed.source.encoding, encoding, "{file}");
        assert_eq!(parsed.articles.len(), base.articles.len(), "{file}");
        for (a, b) in parsed.articles.iter().zip(&base.articles) {
            assert_eq!((&a.title, &a.blocks), (&b.title, &b.blocks), "{file}");
        }
    }
    assert!(check("blank_one.gbk.txt", "blank_one.expected.toml").is_empty());
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let read = |f: &str| std::fs::read(fixtures().join(f)).unwrap();
    let binary = parse_bytes("binary.bin", &read("binary.bin"), ParseOptions::default()).unwrap_err();
    assert!(matches!(binary, LoadError::Binary { what: Some(_), .. }), "{binary:?}");
    assert!(binary.to_string().contains("PNG"), "{binary}");
    assert_eq!(parse_bytes("empty.txt", &read("empty.txt"), ParseOptions::default()).unwrap_err(), LoadError::Empty);
    let latin1 = parse_bytes("latin1.txt", &read("latin1.txt"), ParseOptions::default()).unwrap_err();
    assert!(matches!(latin1, LoadError::Undecodable { .. }), "{latin1:?}");
    assert!(latin1.to_string().contains("UTF-8"), "{latin1}");
}

#[test]
fn only_noise_is_refused() {
    let text = "##paidstart##\n【笔杆子文库】——每日更新范文500篇，会员群同步更新，一键下载，有意请联系客服：bgz2023\n##paidend##\n";
    assert_eq!(parse_bytes("ad.txt", text.as_bytes(), ParseOptions::default()).unwrap_err(), LoadError::OnlyNoise);
}
