//! The `tifa` binary as a user runs it: exit codes, messages, summary and JSON.

use std::path::Path;
use std::process::{Command, Output};
use tifa_corpus::search::{Query, SearchOptions};

fn tifa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tifa")).args(args).output().expect("tifa runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tifa-corpus/tests/fixtures").join(name).display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn default_corpus_summary() {
    let out = tifa(&["parse"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let corpus = tifa_corpus::default_corpus();
    let source = &corpus.sources[0];
    assert!(stdout.contains(source.title.as_deref().unwrap()));
    assert!(stdout.contains(&format!("{} found", corpus.articles.len())));
    for article in &corpus.articles {
        assert!(stdout.contains(&article.title), "summary lacks “{}”", article.title);
    }
}

#[test]
fn a_real_file_is_summarised_with_its_metadata_lines_and_document_numbers() {
    let out = tifa(&["parse", &fixture("real/d3_03_govcn_gb.txt")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("articles: 2 found"), "{stdout}");
    assert!(stdout.contains("metadata lines (") && stdout.contains("separator"), "{stdout}");
    assert!(stdout.contains("document number: 国办发〔1996〕25号"), "{stdout}");
    assert!(!stdout.contains("CHECK:"), "{stdout}");
}

#[test]
fn json_is_the_documented_schema() {
    let out = tifa(&["parse", "--json", &fixture("blank_one.txt")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(value["schema"], "tifa.corpus/1");
    assert_eq!(value["sources"][0]["name"], "blank_one.txt");
    assert!(value["articles"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn bad_files_fail_alone_with_exit_1() {
    let missing = fixture("no-such-file.txt");
    let folder = fixture("");
    let out = tifa(&["parse", &fixture("binary.bin"), &missing, &folder, &fixture("empty.txt"), &fixture("noisy.txt")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("binary.bin: this is a PNG image"), "{stderr}");
    assert!(stderr.contains("no such file"), "{stderr}");
    assert!(stderr.contains("folder"), "{stderr}");
    assert!(stderr.contains("empty.txt: the file is empty"), "{stderr}");
    assert_eq!(stderr.lines().count(), 4, "one line per failed file:\n{stderr}");
    // The good file still loads.
    assert!(text(&out.stdout).contains("noisy.txt"));
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    assert_eq!(tifa(&["parse", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(tifa(&[]).status.code(), Some(2));
    let help = tifa(&["parse", "--help"]);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("--json"));
    let top = text(&tifa(&["--help"]).stdout);
    assert!(top.contains("Exit status"), "{top}");
}

#[test]
fn broken_rules_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("noise.toml");
    std::fs::write(&rules, "threshold = 'high'").unwrap();
    let out = tifa(&["parse", "--noise", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("noise.toml"));
}

#[test]
fn facets_list_values_with_counts() {
    let out = tifa(&["facets", "--top", "0"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for facet in ["region", "theme", "formulation", "agency", "level", "document", "source"] {
        assert!(stdout.lines().any(|l| l.starts_with(facet)), "facet {facet} missing:\n{stdout}");
    }
    // Masked places are not values; a region is shown under its parent.
    assert!(!stdout.lines().any(|l| l.trim_end().ends_with("xx市")), "{stdout}");
    let json = tifa(&["facets", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("facets JSON");
    let themes = value.as_array().unwrap().iter().find(|f| f["facet"] == "theme").expect("theme facet");
    let first = &themes["values"][0];
    assert!(first["count"].as_u64().unwrap() >= 1 && first["value"].is_string());
}

#[test]
fn facet_counts_of_the_cli_are_the_pages() {
    // The page loads the asset `tifa index` writes and counts facets over it; `tifa facets` must say the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.tifa");
    assert!(tifa(&["index", "-q", "-o", path.to_str().unwrap()]).status.success());
    let index = tifa_corpus::search::asset::decode(&std::fs::read(&path).unwrap()).expect("the asset decodes");
    let page = index.search(&Query::default(), &SearchOptions { limit: 0, ..SearchOptions::default() }).facets;
    let triples = |facets: Vec<(String, String, u64)>| facets.into_iter().collect::<std::collections::BTreeSet<_>>();
    let page = triples(
        page.iter()
            .flat_map(|f| f.values.iter().map(move |v| (f.facet.to_string(), v.value.clone(), u64::from(v.count))))
            .collect(),
    );
    let out = tifa(&["facets", "--json"]);
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).expect("facets JSON");
    let cli = triples(
        cli.as_array()
            .unwrap()
            .iter()
            .flat_map(|f| {
                f["values"].as_array().unwrap().iter().map(move |v| {
                    (
                        f["facet"].as_str().unwrap().to_string(),
                        v["value"].as_str().unwrap().to_string(),
                        v["count"].as_u64().unwrap(),
                    )
                })
            })
            .collect(),
    );
    assert!(page.len() > 20, "the default corpus has facet values");
    assert_eq!(cli, page);
}

#[test]
fn parse_json_carries_the_tags_with_evidence() {
    let out = tifa(&["parse", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let articles = value["articles"].as_array().unwrap();
    let formulations: Vec<&serde_json::Value> =
        articles.iter().flat_map(|a| a["slogans"].as_array().unwrap()).collect();
    assert!(!formulations.is_empty());
    for s in formulations {
        let e = &s["evidence"][0];
        assert!(e["text"].is_string() && e["start"].as_u64() < e["end"].as_u64(), "{s}");
    }
    let bare = tifa(&["parse", "--json", "--no-enrich"]);
    let value: serde_json::Value = serde_json::from_slice(&bare.stdout).unwrap();
    assert!(value["articles"][0]["slogans"].as_array().unwrap().is_empty());
}

#[test]
fn search_finds_exactly_the_articles_containing_the_text() {
    let out = tifa(&["search", "营商环境", "--json", "--limit", "100"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let corpus = tifa_corpus::default_corpus();
    let expected = corpus
        .articles
        .iter()
        .filter(|a| a.title.contains("营商环境") || a.blocks.iter().any(|b| b.text.contains("营商环境")))
        .count();
    assert_eq!(value["total"].as_u64(), Some(expected as u64));
    assert_eq!(value["hits"].as_array().unwrap().len(), expected);
    assert!(value["facets"].as_array().unwrap().iter().any(|f| f["facet"] == "theme"));
}

#[test]
fn regular_expressions_search_count_and_explain_their_errors() {
    let pattern = "[一二三四五六七八九十]+是";
    let re = regex::Regex::new(pattern).expect("valid");
    let corpus = tifa_corpus::default_corpus();
    let fold = tifa_corpus::text::fold::fold;
    let expected = corpus
        .articles
        .iter()
        .filter(|a| re.is_match(&fold(&a.title)) || a.blocks.iter().any(|b| re.is_match(&fold(&b.text))))
        .count();
    assert!(expected > 0);
    for args in [vec!["search", "", "--regex", pattern], vec!["search", &format!("re:{pattern}")]] {
        let mut args = args.clone();
        args.extend(["--json", "--limit", "100"]);
        let out = tifa(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(value["total"].as_u64(), Some(expected as u64), "{args:?}");
    }
    // The concordance and the statistics count the same matches.
    let kwic: serde_json::Value =
        serde_json::from_slice(&tifa(&["kwic", &format!("re:{pattern}"), "--json"]).stdout).expect("JSON");
    let stats: serde_json::Value =
        serde_json::from_slice(&tifa(&["stats", "--term", &format!("re:{pattern}"), "--json"]).stdout).unwrap();
    assert_eq!(stats["frequency"].as_u64(), Some(kwic.as_array().map_or(0, |l| l.len()) as u64));
    // A bad pattern is a usage error that says what is wrong, in both languages.
    for args in [vec!["search", "", "--regex", "推进("], vec!["kwic", "re:[abc"], vec!["stats", "--term", "re:a{2,1}"]]
    {
        let out = tifa(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let why = text(&out.stderr);
        assert!(why.contains("not valid") && why.contains("正则表达式有误"), "{why}");
    }
}

#[test]
fn kwic_stats_and_keyness() {
    let out = tifa(&["kwic", "四风", "--sort", "right", "--json"]);
    let lines: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let lines = lines.as_array().unwrap();
    assert!(!lines.is_empty() && lines.iter().all(|l| l["matched"] == "四风"));
    let stats: serde_json::Value =
        serde_json::from_slice(&tifa(&["stats", "--term", "四风", "--json"]).stdout).unwrap();
    assert_eq!(stats["frequency"].as_u64(), Some(lines.len() as u64));
    let formulations = text(&tifa(&["stats", "--formulations"]).stdout);
    assert!(formulations.contains("with:"), "{formulations}");
    assert_eq!(tifa(&["keyness"]).status.code(), Some(2), "keyness needs a selection");
    assert_eq!(tifa(&["search", "x", "--filter", "colour=red"]).status.code(), Some(2));
    let key = tifa(&["keyness", "--filter", "agency=纪委监委", "--json"]);
    assert!(key.status.success(), "{}", text(&key.stderr));
}

#[test]
fn index_writes_an_asset_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.tifa");
    let out = tifa(&["index", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    let index = tifa_corpus::search::asset::decode(&bytes).expect("the asset decodes");
    assert_eq!(index.corpus.articles.len(), tifa_corpus::default_corpus().articles.len());
}

#[test]
fn exports_match_the_search_and_are_excel_ready() {
    let search = tifa(&["search", "作风", "--json", "--limit", "1000", "-q"]);
    assert!(search.status.success());
    let found: serde_json::Value = serde_json::from_slice(&search.stdout).expect("search JSON");
    let total = found["total"].as_u64().expect("total") as usize;
    let ids: Vec<String> = found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect();

    let csv = tifa(&["export", "csv", "--query", "作风", "-q"]);
    assert!(csv.status.success(), "{}", text(&csv.stderr));
    let csv = text(&csv.stdout);
    assert!(csv.starts_with('\u{FEFF}'), "UTF-8 with BOM for Excel");
    let rows: Vec<&str> = csv.trim_end().split("\r\n").skip(1).collect();
    assert_eq!(rows.len(), total, "one row per matching article");
    assert!(rows[0].contains(&ids[0]), "rows in the search's order");

    let english = text(&tifa(&["export", "csv", "--query", "作风", "--lang", "en", "-q"]).stdout);
    assert!(
        english.starts_with("\u{FEFF}No.,ID,Title,"),
        "English headers: {}",
        english.lines().next().unwrap_or_default()
    );
    assert_eq!(english.trim_end().split("\r\n").count(), total + 1);

    let json = tifa(&["export", "json", "--query", "作风", "-q"]);
    let corpus: serde_json::Value = serde_json::from_slice(&json.stdout).expect("corpus JSON");
    assert_eq!(corpus["schema"], "tifa.corpus/1");
    assert_eq!(corpus["articles"].as_array().map(Vec::len), Some(total));

    let cite = tifa(&["export", "cite", "--id", &ids[0], "-q"]);
    assert!(text(&cite.stdout).contains("[G]//"));
    let missing = tifa(&["export", "cite", "--id", "no-such-id", "-q"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no-such-id"));
    let no_term = tifa(&["export", "kwic", "-q"]);
    assert_eq!(no_term.status.code(), Some(2), "kwic needs --term");
    let kwic = tifa(&["export", "kwic", "--term", "作风", "-q"]);
    assert!(text(&kwic.stdout).lines().count() > total, "at least one line per article");
}

#[test]
fn reuse_json_names_pairs_passages_and_shares() {
    // Two national government work reports, four years apart, share their closing formula word for word.
    let real = |n: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tifa-corpus/tests/fixtures/real").join(n).display().to_string()
    };
    let (early, late) = (real("d5_02_gwr2018_part.txt"), real("d5_08_gwr2022_untitled.txt"));
    let out = tifa(&["reuse", &late, &early, "--json", "--min-chars", "40"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("reuse JSON");
    let pairs = value["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 1, "{value}");
    let pair = &pairs[0];
    // The 2018 report is the earlier text, whichever order the files come in.
    let parsed: serde_json::Value = serde_json::from_slice(&tifa(&["parse", &early, "--json"]).stdout).expect("JSON");
    let early_id = parsed["articles"][0]["id"].as_str().expect("id");
    let from_early = if pair["a"] == early_id { "a->b" } else { "b->a" };
    assert_eq!(pair["direction"], from_early);
    let passage = &pair["passages"][0];
    for side in ["a", "b"] {
        let span = &passage[side];
        assert!(span["end"].as_u64() > span["start"].as_u64().map(|s| s + 39), "{passage}");
    }
    assert!(passage["similarity"].as_f64().is_some_and(|s| s > 0.9));
    let shares = value["articles"].as_array().expect("articles");
    assert_eq!(shares.len(), 2);
    for s in shares {
        let sum = ["reused", "boilerplate", "own"].iter().map(|k| s[k].as_f64().unwrap_or(-1.0)).sum::<f64>();
        assert!((sum - 1.0).abs() < 0.01, "{s}");
    }
}
