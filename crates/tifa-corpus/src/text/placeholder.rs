//! Anonymised placeholders: the masks sources put over names and numbers (xx, xxxx年, x月xx日, xx.x%, ○○, ***, 某某,
//! AAA). They stay in the text; their spans are marked so later stages (segmentation, regions, search statistics)
//! do not treat them as words.

/// Character spans `[start, end)` (in Unicode scalar values) of placeholders in `text`.
pub fn placeholder_spans(text: &str) -> Vec<[u32; 2]> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = mask_len(&chars, i);
        if len > 0 {
            spans.push([i as u32, (i + len) as u32]);
            i += len;
        } else {
            i += 1;
        }
    }
    spans
}

fn is_ascii_alnum(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Length of the placeholder starting at `i`, or 0.
fn mask_len(chars: &[char], i: usize) -> usize {
    let c = chars[i];
    let before = i.checked_sub(1).and_then(|j| chars.get(j));
    match c {
        // xx, xxxx, xx.x, x%, but not the x inside an English word or a code like 3x3.
        'x' | 'X' | '×' if !is_ascii_alnum(before) => {
            let mut j = run(chars, i, |c| matches!(c, 'x' | 'X' | '×'));
            if matches!(chars.get(j), Some('.' | '．')) && matches!(chars.get(j + 1), Some('x' | 'X')) {
                j = run(chars, j + 1, |c| matches!(c, 'x' | 'X'));
            }
            if is_ascii_alnum(chars.get(j)) {
                return 0;
            }
            if c == '×' && j - i == 1 {
                return 0; // a multiplication sign
            }
            if matches!(chars.get(j), Some('%' | '％')) {
                j += 1;
            }
            j - i
        }
        // ○○县, □□, ***, ＊＊
        '○' | '□' | '*' | '＊' | '■' => {
            let j = run(chars, i, |d| d == c);
            if j - i >= 2 { j - i } else { 0 }
        }
        // 某某 (张某某); a single 某 is an ordinary word (某些, 某地).
        '某' if chars.get(i + 1) == Some(&'某') => run(chars, i, |d| d == '某') - i,
        // AAA公众号: a masked brand name. Not AAAA级 (scenic-area grades) and not inside an acronym.
        'A'..='Z' if !is_ascii_alnum(before) => {
            let j = run(chars, i, |d| d == c);
            let grade = chars.get(j) == Some(&'级');
            if j - i >= 3 && !is_ascii_alnum(chars.get(j)) && !grade { j - i } else { 0 }
        }
        _ => 0,
    }
}

fn run(chars: &[char], start: usize, pred: impl Fn(char) -> bool) -> usize {
    let mut j = start;
    while j < chars.len() && pred(chars[j]) {
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        placeholder_spans(text).iter().map(|[s, e]| chars[*s as usize..*e as usize].iter().collect()).collect()
    }

    #[test]
    fn common_masks() {
        assert_eq!(masked("xxxx年x月xx日，xx市"), ["xxxx", "x", "xx", "xx"]);
        assert_eq!(masked("满意率达xx.x%，增长xx%"), ["xx.x%", "xx%"]);
        assert_eq!(masked("采取“x+N+x”方式"), ["x", "x"]);
        assert_eq!(masked("张某某违规，○○县，***同志"), ["某某", "○○", "***"]);
        assert_eq!(masked("依托AAA公众平台"), ["AAA"]);
    }

    #[test]
    fn ordinary_text_is_not_masked() {
        for text in ["国家AAAA级旅游景区", "Excel表格", "ABCD四个等级", "3x3篮球", "某些地方", "PPT设计", "2×3"]
        {
            assert!(masked(text).is_empty(), "{text}: {:?}", masked(text));
        }
    }
}
