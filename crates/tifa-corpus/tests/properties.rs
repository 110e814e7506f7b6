//! Property tests: the parser never panics, and never loses or invents a character of content.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tifa_corpus::parse::check_conservation;
use tifa_corpus::{LoadError, ParseOptions, parse_bytes};

/// Lines of the kinds real compilations hold, with layout variations.
fn line() -> impl Strategy<Value = String> {
    let han = prop::collection::vec(
        prop::sample::select(&['作', '风', '建', '设', '党', '员', '干', '部', '治', '理', '县', '市'][..]),
        2..20,
    )
    .prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![
        3 => Just(String::new()),
        2 => han.clone(),
        2 => (han.clone(), han.clone()).prop_map(|(a, b)| format!("{a}，{b}。")),
        1 => (1u32..12, han.clone()).prop_map(|(n, h)| format!("{}、{h}", ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"][(n as usize - 1) % 11])),
        1 => (1u32..5, han.clone()).prop_map(|(n, h)| format!("（{}）{h}", ["一", "二", "三", "四"][(n as usize - 1) % 4])),
        1 => han.clone().prop_map(|h| format!("“{h}”起来，{h}")),
        1 => han.clone().prop_map(|h| format!("{h}汇编（{}篇）", h.chars().count())),
        1 => han.clone().prop_map(|h| format!("xxxx年x月xx日，xx县{h}xx.x%")),
        1 => Just("【某某文库】——每日更新，会员群同步，一键下载，请联系客服：abc123".to_string()),
        1 => Just("##paidend##".to_string()),
        1 => han.clone().prop_map(|h| format!("{h}#paid#{h}")),
        1 => han.clone().prop_map(|h| format!("\u{3000}\u{3000}{h} \t{h}\u{FEFF}")),
        1 => "\\PC{0,30}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 0..60), prop::sample::select(&["\n", "\r\n", "\r"][..]))
        .prop_map(|(lines, eol)| lines.join(eol))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn structured_text_keeps_every_character(text in document()) {
        match parse_bytes("p.txt", text.as_bytes(), ParseOptions::default()) {
            Ok(parsed) => {
                prop_assert!(check_conservation(&text, &parsed).is_ok(), "{:?}", check_conservation(&text, &parsed));
                prop_assert_eq!(parsed.source.found_count as usize, parsed.articles.len());
                let mut ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
                ids.dedup();
                prop_assert_eq!(ids.len(), parsed.articles.len());
            }
            Err(e) => prop_assert!(matches!(e, LoadError::Empty | LoadError::OnlyNoise | LoadError::Binary { .. }), "{e}"),
        }
    }

    #[test]
    fn arbitrary_text_keeps_every_character(text in "\\PC{0,400}") {
        if let Ok(parsed) = parse_bytes("p.txt", text.as_bytes(), ParseOptions::default()) {
            prop_assert!(check_conservation(&text, &parsed).is_ok(), "{:?}", check_conservation(&text, &parsed));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_bytes("p.bin", &bytes, ParseOptions::default());
    }
}

/// Lines that look like dates, masked dates, record fields and numbers, or anything at all.
fn date_line() -> impl Strategy<Value = String> {
    let digits = "[0-9０-９xX○〇一二三四五六七八九十]{0,5}";
    prop_oneof![
        (digits, digits, digits).prop_map(|(y, m, d)| format!("（{y}年{m}月{d}日）")),
        (digits, digits).prop_map(|(y, m)| format!("发布日期：{y}-{m}-3 13:5")),
        (digits, "\\PC{0,12}").prop_map(|(y, t)| format!("——{y}年{t}通过，{t}施行")),
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Dating never panics on any metadata line, and a date it gives is well formed.
    #[test]
    fn dating_never_panics_and_gives_iso_dates(lines in prop::collection::vec(date_line(), 0..6), name in "\\PC{0,20}") {
        use tifa_corpus::model::{Article, Block, MetaKind};
        let blocks = lines.iter().enumerate().map(|(i, l)| {
            if i % 2 == 0 { Block::meta(MetaKind::Date, l.as_str(), i as u32) } else { Block::paragraph(l.as_str(), [i as u32; 2]) }
        }).collect();
        let article = Article { title: lines.first().cloned().unwrap_or_default(), blocks, ..Article::default() };
        let tagger = tifa_corpus::enrich::dates::DateTagger::new(tifa_corpus::enrich::dates::RULES).expect("rules");
        if let Some(date) = tagger.tag(&article, &name).date {
            let ok = date.value.len() == 4 || date.value.len() == 7 || date.value.len() == 10;
            prop_assert!(ok && date.value.chars().all(|c| c.is_ascii_digit() || c == '-'), "{:?}", date.value);
            prop_assert!(date.year().is_some());
        }
    }

    /// Reuse never panics, and every article's shares add up to one.
    #[test]
    fn reuse_never_panics_and_shares_add_up(texts in prop::collection::vec(prop::collection::vec(line(), 1..6), 1..6)) {
        use tifa_corpus::model::{Article, Block};
        let mut corpus = tifa_corpus::Corpus::new();
        corpus.articles = texts.iter().enumerate().map(|(i, lines)| Article {
            id: format!("a{i}"),
            blocks: lines.iter().map(|l| Block::paragraph(l.as_str(), [1, 1])).collect(),
            ..Article::default()
        }).collect();
        let options = tifa_corpus::reuse::ReuseOptions { min_chars: 8, boilerplate_articles: 2, ..Default::default() };
        let found = tifa_corpus::reuse::reuse(&corpus, &options);
        for a in &found.articles {
            let sum = a.reused + a.boilerplate + a.own;
            prop_assert!(a.own >= -0.001 && (sum - 1.0).abs() < 0.01 || sum == 0.0, "{a:?}");
        }
        for pair in &found.pairs {
            for q in &pair.passages {
                prop_assert!(q.a.start < q.a.end && q.b.start < q.b.end && q.similarity >= 0.8);
            }
        }
    }
}
