//! Specific enrichment behaviours found in review, each pinned by a small article.

#![cfg(all(not(target_arch = "wasm32"), feature = "embedded-dict"))]

use std::sync::OnceLock;
use tifa_corpus::enrich::Enricher;
use tifa_corpus::{Article, Block, Corpus};

fn enricher() -> &'static Enricher {
    static E: OnceLock<Enricher> = OnceLock::new();
    E.get_or_init(|| Enricher::with_embedded_dict().expect("enricher"))
}

fn tag(title: &str, paragraphs: &[&str]) -> Article {
    let blocks = paragraphs
        .iter()
        .map(|p| Block {
            placeholders: tifa_corpus::text::placeholder::placeholder_spans(p),
            ..Block::paragraph(*p, [2, 2])
        })
        .collect();
    let mut corpus = Corpus::new();
    corpus.articles.push(Article { id: "t-01".into(), title: title.into(), blocks, ..Article::default() });
    enricher().enrich(&mut corpus);
    corpus.articles.remove(0)
}

fn formulations(a: &Article) -> Vec<&str> {
    a.formulations.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn a_known_formulation_inside_quoted_speech_counts() {
    let a = tag("", &["县委书记强调：“要坚决做到两个维护，全面从严治党。”"]);
    assert!(formulations(&a).contains(&"两个维护"), "{:?}", formulations(&a));
}

#[test]
fn quoted_and_listed_enumerations_share_one_canonical_form() {
    let a = tag("", &["坚持“严、真、细、实、快”的要求。", "做到严、真、细、实、快，不断提升效能。"]);
    let enumerations: Vec<&str> = a
        .formulations
        .iter()
        .filter(|s| s.surface.len() > 1 || s.text == "严真细实快")
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(enumerations, ["严真细实快"], "{:?}", formulations(&a));
    assert_eq!(a.formulations.iter().find(|s| s.text == "严真细实快").map(|s| s.evidence.len()), Some(2));
}

#[test]
fn evidence_offsets_are_characters_on_long_fields() {
    let long = format!("{}毕节市纪委监委推动作风建设。", "今年以来，各级各部门持续推进作风建设。".repeat(500));
    let a = tag("", &[&long]);
    let chars: Vec<char> = long.chars().collect();
    for r in &a.regions {
        for e in &r.evidence {
            let span: String = chars[e.start as usize..e.end as usize].iter().collect();
            assert_eq!(span, e.text);
        }
    }
    assert!(a.regions.iter().any(|r| r.name == "毕节市"));
}

#[test]
fn the_bodys_own_pronoun_gives_the_level() {
    let a = tag("", &["我县扎实开展作风建设，获评全省先进单位。"]);
    assert_eq!(a.level.map(|l| l.name).as_deref(), Some("县/区"));
}

fn places(a: &Article) -> Vec<&str> {
    a.regions.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn a_name_after_a_determiner_or_before_a_suffix_is_a_common_noun() {
    // 来宾 is a prefecture's short form, 新建 a district's; here they are guests and a verb.
    let a = tag("讲话", &["尊敬的各位来宾，向参加今天大会的各国来宾表示欢迎！严控新建政府性楼堂馆所。"]);
    assert!(places(&a).is_empty(), "{:?}", places(&a));
    let b = tag("通知", &["来宾市委召开会议。"]);
    assert_eq!(places(&b), ["来宾市"]);
}

#[test]
fn a_numeral_formula_needs_its_period_word() {
    let a = tag("报告", &["第十五届全运会有十五个项目。“十四五”时期，我们完成了十五计划的目标。"]);
    let found = formulations(&a);
    assert!(found.contains(&"十四五") && found.contains(&"十五"), "{found:?}");
    assert_eq!(a.formulations.iter().find(|s| s.text == "十五").map(|s| s.evidence.len()), Some(1));
    let b = tag("报告", &["第十五届全运会有十五个项目。"]);
    assert!(formulations(&b).is_empty(), "{:?}", formulations(&b));
}

#[test]
fn a_quoted_task_named_by_its_verb_is_a_measure_not_a_formulation() {
    let a = tag("意见", &["（一）“推行企业办事一照通办”。各地要落实“放管服”改革，做到“一照通办”。"]);
    let found = formulations(&a);
    assert!(!found.contains(&"推行企业办事一照通办"), "{found:?}");
    assert!(found.contains(&"放管服") && found.contains(&"一照通办"), "{found:?}");
}

#[test]
fn quoted_problems_and_numeral_idioms_are_not_formulations() {
    let a = tag(
        "通知",
        &["避免“一哄而上、一事一端”，整治“僵尸”、“雷人雷语”等现象，坚决整治“四风”。坚持五湖四海、任人唯贤。"],
    );
    let found = formulations(&a);
    assert_eq!(found, ["四风"], "{found:?}");
}

#[test]
fn a_formulation_quoted_in_part_is_found_whole() {
    let a = tag("报告", &["推进农村承包地“三权”分置改革，推进“一带一路”倡议。"]);
    let found = formulations(&a);
    assert!(found.contains(&"三权分置") && found.contains(&"一带一路"), "{found:?}");
    assert!(!found.contains(&"三权"), "{found:?}");
}

#[test]
fn a_place_written_as_one_word_with_its_body_is_found_and_gives_the_level() {
    // jieba holds 北京市人民政府 as one word; 北京市 is a province-level city.
    let a = tag("", &["各位代表：", "现在，我代表北京市人民政府，向大会报告政府工作，请予审议。"]);
    assert_eq!(places(&a), ["北京市"]);
    assert_eq!(a.agencies.first().map(|o| o.name.as_str()), Some("党委/政府（综合）"));
    assert_eq!(a.level.as_ref().map(|l| l.name.as_str()), Some("省/自治区"));
}

#[test]
fn a_congress_report_and_a_leaders_speech_speak_for_the_centre() {
    let report = tag("", &["同志们：", "现在，我代表第十九届中央委员会向大会作报告。"]);
    assert_eq!(report.level.as_ref().map(|l| l.name.as_str()), Some("中央/国家"));
    let speech = tag("习近平在金砖国家领导人第十六次会晤上的讲话", &["尊敬的各位同事："]);
    assert_eq!(speech.level.as_ref().map(|l| l.name.as_str()), Some("中央/国家"));
    assert_eq!(speech.agencies.first().map(|o| o.name.as_str()), Some("党委/政府（综合）"));
}

#[test]
fn counts_directions_and_longer_lists_are_not_formulas() {
    let a = tag(
        "报告",
        &[
            "制定实施三个“十条”。控制区为护城河以外东、西、北至山脊线的范围。在党史、新中国史、改革开放史、社会主义发展史、中华民族发展史中。",
        ],
    );
    assert!(formulations(&a).is_empty(), "{:?}", formulations(&a));
    let b = tag("通知", &["开展“四史”学习教育，学习党史、新中国史、改革开放史、社会主义发展史。推进“两区”建设。"]);
    let found = formulations(&b);
    assert!(found.contains(&"四史") && found.contains(&"两区"), "{found:?}");
}

#[test]
fn parallel_items_of_one_length_are_a_formula_however_long() {
    let a = tag("通知", &["推出“一窗受理、一网通办、一次办结”的服务模式，坚持“讲政治、重公道、业务精、作风好”。"]);
    let found = formulations(&a);
    assert!(found.contains(&"一窗受理、一网通办、一次办结"), "{found:?}");
    assert!(found.contains(&"讲政治、重公道、业务精、作风好"), "{found:?}");
}

#[test]
fn quoted_amounts_and_zone_names_are_not_formulas() {
    let a = tag("报告", &["以“得罪千百人、不负十四亿”的使命担当，确定“地震重点危险区”，构建“一核一带一区”格局。"]);
    assert_eq!(formulations(&a), ["一核一带一区"]);
}

#[test]
fn a_quoted_leader_or_a_longer_name_does_not_make_a_local_text_national() {
    let county = tag(
        "平陆县关于开展作风整顿的实施方案",
        &["习近平总书记强调，作风建设永远在路上。", "结合平陆实际，制定本方案。"],
    );
    assert_ne!(county.level.as_ref().map(|l| l.name.as_str()), Some("中央/国家"));
    let name = tag("李鹏飞同志在全县作风建设大会上的讲话", &["同志们："]);
    assert_ne!(name.level.as_ref().map(|l| l.name.as_str()), Some("中央/国家"));
    // 现在 is no superior: the government that meets is the body.
    let meeting = tag("", &["现在，县政府召开常务会议，研究部署作风建设。"]);
    assert_eq!(meeting.agencies.first().map(|o| o.name.as_str()), Some("党委/政府（综合）"));
}
