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
