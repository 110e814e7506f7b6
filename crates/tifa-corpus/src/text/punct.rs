//! Punctuation facts about a line of Chinese text: does it end a sentence, are its quotes balanced, and so on.

/// Characters that end a sentence or clause such that a new paragraph may follow.
const STOPS: &[char] = &['。', '！', '？', '!', '?', '…', '；', ';', '：', ':'];
/// Closing marks that may follow a stop (`……。”`).
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '】'];
/// Characters after which a line obviously continues.
const CONTINUERS: &[char] = &['，', '、', ',', '—', '-', '“', '‘', '《', '（', '('];

/// Whether the line ends a sentence (`。` `！` `？` `…` `；` `：`, possibly followed by closing quotes/brackets).
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(CLOSERS);
    trimmed.ends_with(STOPS)
}

/// Whether the line ends with a mark that makes it continue on the next line (a comma, an opening quote …).
pub fn ends_open(text: &str) -> bool {
    text.ends_with(CONTINUERS)
}

/// Whether a sentence stop occurs before the last character (a line with two sentences is no heading).
pub fn has_inner_stop(text: &str) -> bool {
    let body = text.trim_end_matches(CLOSERS).trim_end_matches(STOPS);
    body.contains(['。', '！', '？', '!', '?'])
}

/// Whether paired marks (“” ‘’ 《》 （） 「」 【】 ()) are balanced: never closed before opened, all closed at the end.
pub fn balanced(text: &str) -> bool {
    const OPEN: [char; 7] = ['“', '‘', '《', '（', '「', '【', '('];
    const CLOSE: [char; 7] = ['”', '’', '》', '）', '」', '】', ')'];
    let mut depth = [0i32; 7];
    for c in text.chars() {
        if let Some(k) = OPEN.iter().position(|&o| o == c) {
            depth[k] += 1;
        } else if let Some(k) = CLOSE.iter().position(|&o| o == c) {
            depth[k] -= 1;
            if depth[k] < 0 {
                return false;
            }
        }
    }
    depth.iter().all(|&d| d == 0)
}

/// Whether the text starts with a character from `starters` (characters that cannot begin a sentence).
pub fn starts_mid_sentence(text: &str, starters: &str) -> bool {
    text.chars().next().is_some_and(|c| starters.contains(c))
}

/// A coarse shape of a short line: runs of letters collapse to `H`, punctuation is kept. Parallel headings
/// (“动”起来，… / “练”起来，…) share a shape.
pub fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !out.ends_with('H') {
                out.push('H');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("已处理完毕。"));
        assert!(ends_sentence("“这变化，也是改革的结果。”"));
        assert!(ends_sentence("主要做法如下："));
        assert!(!ends_sentence("二、优化营商环境，当好“店小二”做好“服务员”"));
        assert!(!ends_sentence("以机关“能力作风"));
    }

    #[test]
    fn balance_and_shape() {
        assert!(balanced("聚焦蓝图“挥毫泼墨”担当实干"));
        assert!(!balanced("以机关“能力作风"));
        assert!(!balanced("建设年”为契机"));
        assert_eq!(shape("“动”起来，吹响活动集合哨"), shape("“查”起来，促进正规化管理"));
        assert!(has_inner_stop("营商环境是基础。也是试金石。"));
        assert!(!has_inner_stop("营商环境是基础。"));
    }
}
