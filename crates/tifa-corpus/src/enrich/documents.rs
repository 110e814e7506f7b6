//! Documents cited by title in 《》: normalised (inner 〈〉 or <> become 《》, spaces dropped, placeholders kept), with
//! a kind guessed from the title's ending.

use super::fields::Field;
use crate::model::{DocumentTag, Evidence};
use std::collections::BTreeMap;

/// Endings that name a kind of document, longest first within each family.
const KINDS: &[&str] = &[
    "实施细则",
    "实施意见",
    "实施方案",
    "工作方案",
    "行动方案",
    "指导意见",
    "若干规定",
    "若干措施",
    "管理办法",
    "暂行办法",
    "条例",
    "规定",
    "办法",
    "意见",
    "通知",
    "方案",
    "决定",
    "决议",
    "规划",
    "纲要",
    "准则",
    "细则",
    "制度",
    "措施",
    "清单",
    "讲话",
    "报告",
    "指示",
    "批示",
    "公报",
    "白皮书",
    "法",
    "章程",
    "守则",
    "条令",
    "选编",
    "文选",
    "读本",
];

/// Find the 《…》 titles in the fields of one article.
pub fn tag(fields: &[Field<'_>]) -> Vec<DocumentTag> {
    let mut by: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    for field in fields {
        for (s, e) in titles(field.text) {
            let inner = &field.text[s..e];
            let title = normalise(inner);
            if title.chars().count() >= 2 {
                by.entry(title).or_default().push(field.evidence(s, e));
            }
        }
    }
    let mut docs: Vec<DocumentTag> =
        by.into_iter().map(|(title, evidence)| DocumentTag { kind: kind_of(&title), title, evidence }).collect();
    docs.sort_by_key(|d| d.evidence.first().map(|e| (e.block.map_or(-1, |b| b as i64), e.start)));
    docs
}

/// Byte spans of the insides of outermost 《…》 pairs (nesting allowed).
fn titles(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    start = i + c.len_utf8();
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    spans.push((start, i));
                }
            }
            _ => {}
        }
    }
    spans
}

/// Inner 〈〉, <> and ＜＞ become 《》; spaces are dropped.
pub fn normalise(inner: &str) -> String {
    inner
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '〈' | '<' | '＜' => '《',
            '〉' | '>' | '＞' => '》',
            _ => c,
        })
        .collect()
}

/// The kind named by the title's ending, ignoring a trailing （试行） or （草案）.
fn kind_of(title: &str) -> Option<String> {
    let core = title.trim_end_matches(['）', ')']);
    let core = match core.rfind(['（', '(']) {
        Some(i) if title.ends_with(['）', ')']) => &core[..i],
        _ => title,
    };
    KINDS.iter().find(|k| core.ends_with(*k)).map(|k| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_titles_and_kinds() {
        let text = "出台《关于贯彻落实<xx省推进作风革命的若干规定（试行）>的实施意见》，学习《优化营商环境条例》";
        let f = Field::new(Some(0), text, std::borrow::Cow::Borrowed(&[]));
        let docs = tag(&[f]);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].title, "关于贯彻落实《xx省推进作风革命的若干规定（试行）》的实施意见");
        assert_eq!(docs[0].kind.as_deref(), Some("实施意见"));
        assert_eq!(docs[1].kind.as_deref(), Some("条例"));
        assert_eq!(kind_of("xx省推进作风革命加强机关效能建设的若干规定（试行）").as_deref(), Some("若干规定"));
    }
}
