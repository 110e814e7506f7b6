//! Data-quality notes: what the parser repaired, removed or was unsure of, in words a reader can check.

use crate::lang::Text;
use crate::model::{Article, BlockKind, Note, NoteKind};
use crate::parse::rules::LayoutRules;
use crate::parse::units::Unit;
use crate::text::punct;

/// Notes on titles that look cut short by the source. `titles` are the title units of one source, in order;
/// returns one optional note per title.
pub fn truncated_titles(titles: &[&Unit], para_gap: u32, rules: &LayoutRules) -> Vec<Option<Note>> {
    let longest = titles.iter().map(|u| u.chars).max().unwrap_or(0);
    let at_longest = titles.iter().filter(|u| u.chars == longest).count();
    let near_longest = titles.iter().filter(|u| u.chars + 1 >= longest).count();
    // Most titles are followed by a blank line; one that is not may have lost the rest of its text.
    let separated = titles.iter().filter(|u| u.gap_after > para_gap).count();
    let mostly_separated = separated * 2 > titles.len();
    titles
        .iter()
        .map(|u| {
            let mut reasons = Vec::new();
            if !punct::balanced(&u.text) {
                reasons.push(Text::new("引号或括号没有闭合", "its quotation marks or brackets are not closed"));
            }
            if let Some(end) = rules.dangling_endings.iter().filter(|e| u.text.ends_with(e.as_str())).max_by_key(|e| e.len())
            {
                reasons.push(Text::new(
                    format!("以“{end}”结尾，后面应当还有文字"),
                    format!("it ends with “{end}”, which needs a continuation"),
                ));
            }
            let capped_strict = longest >= 20 && at_longest >= 3 && u.chars == longest;
            let capped_loose = longest >= 20 && near_longest >= 2 && u.chars + 1 >= longest;
            let unseparated = mostly_separated && u.gap_after <= para_gap;
            if capped_strict || (capped_loose && (unseparated || !reasons.is_empty())) {
                reasons.push(Text::new(
                    format!("长 {} 字，与本文件最长的标题一样长（原文可能在这个长度截断标题）", u.chars),
                    format!(
                        "it is {} characters long, as long as the longest titles of this source (the source may cut titles at this length)",
                        u.chars
                    ),
                ));
            }
            if capped_loose && unseparated {
                reasons.push(Text::new(
                    "与正文之间没有空行，而多数标题有",
                    "no blank line separates it from the text, unlike most titles",
                ));
            }
            (!reasons.is_empty()).then(|| {
                let (zh, en): (Vec<&str>, Vec<&str>) = reasons.iter().map(|r| (r.zh.as_str(), r.en.as_str())).unzip();
                let message = Text::new(
                    format!("标题可能被截断：{}。", zh.join("；")),
                    format!("The title may be cut short: {}.", en.join("; ")),
                );
                Note::at(NoteKind::TruncatedTitle, u.line, message)
            })
        })
        .collect()
}

/// Notes about an article's body: re-joined lines, paragraphs starting mid-sentence, a missing body.
pub fn body_notes(article: &Article, rejoined: &[u32], rules: &LayoutRules) -> Vec<Note> {
    let mut notes = Vec::new();
    if !rejoined.is_empty() {
        let lines: Vec<String> = rejoined.iter().map(u32::to_string).collect();
        notes.push(Note::at(
            NoteKind::RejoinedLines,
            rejoined[0],
            Text::new(
                format!("接合了 {} 处把句子断开的换行（第 {} 行）。", rejoined.len(), lines.join("、")),
                format!(
                    "Re-joined {} line break{} that cut a sentence (line{} {}).",
                    rejoined.len(),
                    if rejoined.len() == 1 { "" } else { "s" },
                    if rejoined.len() == 1 { "" } else { "s" },
                    lines.join(", ")
                ),
            ),
        ));
    }
    for block in article.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        if punct::starts_mid_sentence(&block.text, &rules.mid_sentence_starts) {
            let start: String = block.text.chars().take(12).collect();
            notes.push(Note::at(
                NoteKind::MidSentenceStart,
                block.lines[0],
                Text::new(
                    format!("有一段似乎从句子中间开始（“{start}…”）：开头可能缺失。"),
                    format!(
                        "A paragraph seems to start in the middle of a sentence (“{start}…”): its beginning may be lost."
                    ),
                ),
            ));
        }
    }
    if !article.blocks.iter().any(|b| b.kind == BlockKind::Paragraph) {
        notes.push(Note::at(
            NoteKind::EmptyArticle,
            article.lines[0],
            Text::new("这篇文章有标题而没有正文段落。", "The article has a title but no paragraphs."),
        ));
    }
    notes.extend(numbering_gaps(article));
    notes
}

/// Top-level heading numbers that skip (一、 then 三、) suggest a lost section.
fn numbering_gaps(article: &Article) -> Vec<Note> {
    let mut notes = Vec::new();
    let mut last: Option<u32> = None;
    for block in article.blocks.iter().filter(|b| b.kind == BlockKind::Heading && b.level == Some(1)) {
        let Some(n) = crate::parse::marker::marker(&block.text).and_then(|m| m.ordinal) else { continue };
        if let Some(prev) = last
            && n > prev + 1
        {
            notes.push(Note::at(
                NoteKind::NumberingIrregular,
                block.lines[0],
                Text::new(
                    format!("小标题编号从 {prev} 跳到 {n}：可能缺了一节。"),
                    format!("Heading numbers jump from {prev} to {n}: a section may be missing."),
                ),
            ));
        }
        last = Some(n);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str, gap_after: u32) -> Unit {
        let mut u = Unit::new(1, text.to_string(), 2);
        u.gap_after = gap_after;
        u
    }

    #[test]
    fn dangling_and_capped_titles_are_flagged() {
        let rules = LayoutRules::builtin();
        let ts = [
            title("以能力作风建设助推营商环境优化", 1),
            title("聚焦蓝图担当实干奋勇争先xx区加强能力作风建设推动各项", 1),
            title("开门纳谏听民意规范服务促发展市公积金中心将作风成效体现", 0),
            title("锻造作风能力更加过硬的实干家队伍", 1),
        ];
        let refs: Vec<&Unit> = ts.iter().collect();
        let notes = truncated_titles(&refs, 0, rules);
        assert!(notes[0].is_none() && notes[3].is_none());
        assert!(notes[1].as_ref().unwrap().message.en.contains("各项"));
        assert!(notes[2].as_ref().unwrap().message.en.contains("no blank line"));
    }

    #[test]
    fn complete_titles_are_not_flagged() {
        let rules = LayoutRules::builtin();
        let ts = [title("守护碧水蓝天的实践", 1), title("河长制从“有名”到“有实”", 1)];
        let refs: Vec<&Unit> = ts.iter().collect();
        assert!(truncated_titles(&refs, 0, rules).iter().all(Option::is_none));
    }
}
