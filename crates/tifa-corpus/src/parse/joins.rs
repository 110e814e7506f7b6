//! Deciding where a line break cut a sentence: whether a unit continues the one before it.

use crate::parse::rules::LayoutRules;
use crate::parse::units::{Regime, Unit};
use crate::text::punct;

/// How sure we are that a unit continues the previous unit's paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// A new block starts here.
    No,
    /// Probably a continuation, unless the previous line turns out to be a title (a long title followed directly
    /// by its first paragraph looks like a broken line).
    Weak,
    /// Certainly a continuation: the break cut a sentence, a word, or a quotation.
    Strong,
}

/// For each unit, whether it continues the previous unit's paragraph (index 0 is always [`Join::No`]).
pub fn continuations(units: &[Unit], regime: Regime, rules: &LayoutRules) -> Vec<Join> {
    let mut joins = vec![Join::No; units.len()];
    for i in 1..units.len() {
        joins[i] = continues(&units[i - 1], &units[i], regime, rules);
    }
    joins
}

fn continues(prev: &Unit, next: &Unit, regime: Regime, rules: &LayoutRules) -> Join {
    if prev.meta.is_some() || next.meta.is_some() {
        return Join::No;
    }
    let starts_inside = punct::starts_mid_sentence(&next.text, &rules.mid_sentence_starts);
    if next.gap_before > 0 {
        // A blank line normally ends a paragraph; only a line that plainly starts mid-sentence continues across it.
        let plain = next.gap_before <= regime.para_gap + 1
            && starts_inside
            && !prev.ends_sentence
            && !prev.heading_shaped(rules);
        return if plain { Join::Strong } else { Join::No };
    }
    if next.marker.is_some() && next.heading_shaped(rules) && !starts_inside {
        return Join::No;
    }
    // Where indentation marks paragraphs, an indented line starts one (unless it plainly continues a sentence), and
    // an unindented line after an unfinished one continues it.
    if regime.indented_paragraphs {
        if next.indented() && !starts_inside {
            return Join::No;
        }
        if !next.indented() && !prev.ends_sentence && !prev.heading_shaped(rules) && prev.indented() {
            return Join::Strong;
        }
    }
    let at_wrap = regime.wrap.is_some_and(|w| prev.chars + 2 >= w);
    let certain = at_wrap || starts_inside || punct::ends_open(&prev.text) || !prev.balanced;
    // A line short enough to be a title or heading and not ending its sentence may stand on its own.
    let could_stand_alone = prev.title_shaped(rules) && prev.marker.is_none();
    if prev.ends_sentence {
        let wrapped_on = at_wrap && !next.heading_shaped(rules);
        return if wrapped_on || (regime.para_gap >= 1 && !prev.heading_shaped(rules)) {
            Join::Strong
        } else {
            Join::No
        };
    }
    if certain {
        Join::Strong
    } else if prev.heading_shaped(rules) {
        Join::No
    } else if could_stand_alone {
        Join::Weak
    } else {
        Join::Strong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_starts_paragraphs_where_it_marks_them() {
        let r = LayoutRules::builtin();
        let indented = Regime { para_gap: 0, wrap: None, indented_paragraphs: true };
        let open = unit("各地区各部门要切实加强组织领导，结合本地区本部门实际认真研究制定具体实施方案和配套措施", 0)
            .with_indent(4);
        // One line per paragraph: the next indented line is a new paragraph, even after an unfinished one.
        assert_eq!(Join::No, continues(&open, &unit("各级财政部门要加强资金保障。", 0).with_indent(4), indented, r));
        // A wrapped paragraph: the unindented line continues it.
        assert_eq!(Join::Strong, continues(&open, &unit("，确保各项任务落到实处。", 0), indented, r));
        assert_eq!(Join::Strong, continues(&open, &unit("确保各项任务落到实处。", 0), indented, r));
    }

    fn unit(text: &str, gap: u32) -> Unit {
        Unit::new(1, text.to_string(), gap)
    }

    const LINE: Regime = Regime { para_gap: 0, wrap: None, indented_paragraphs: false };

    #[test]
    fn broken_sentence_joins() {
        let r = LayoutRules::builtin();
        let a = unit(
            "要强化走在前列的使命担当，积极投身改革发展的火热实践，主动把各项工作放在全局中谋划，以更高标准、更严要求、更实举措推动各项工作，要强化走在前列的",
            0,
        );
        assert_eq!(Join::Strong, continues(&a, &unit("使命担当，积极投身新时代改革发展。", 0), LINE, r));
        let quote = unit("xxxx年，按照省委市委的总体安排部署，xx市xx区以机关“能力作风", 0);
        assert_eq!(Join::Strong, continues(&quote, &unit("建设年”为契机，全面统筹。", 0), LINE, r));
    }

    #[test]
    fn headings_and_finished_sentences_do_not_join() {
        let r = LayoutRules::builtin();
        let heading = unit("一、抓牢第一要事，“一把手”抓“一盘棋”推", 0);
        assert_eq!(Join::No, continues(&heading, &unit("xxxx年，xx市确立了引资目标。", 0), LINE, r));
        let done = unit("目前收到反映党员干部作风问题线索x条，已处理完毕。", 0);
        assert_eq!(Join::No, continues(&done, &unit("增强服务群众热度，计划建立正能量银行。", 0), LINE, r));
        let para = unit("今年以来，我县持续深化改革。", 0);
        assert_eq!(Join::No, continues(&para, &unit("二、优化营商环境", 0), LINE, r));
    }

    #[test]
    fn blank_separated_wrapped_text_joins() {
        let r = LayoutRules::builtin();
        let blank = Regime { para_gap: 1, wrap: Some(36), indented_paragraphs: false };
        let a = unit("今年以来，我县坚持问题导向，聚焦群众急难愁盼，扎实推进各项工作落地见效。", 0);
        assert_eq!(Join::Strong, continues(&a, &unit("取得明显成效。", 0), blank, r));
        assert_eq!(Join::No, continues(&unit("一、坚持党建引领", 0), &unit("全县上下形成合力。", 0), blank, r));
    }
}
