//! Heading markers at the start of a line: 一、 （一） 1. （1） 第一， 一是 关键词： —— and their ordinals.

use crate::model::HeadingStyle;
use crate::text::is_han;

/// A heading marker found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// The marker's style.
    pub style: HeadingStyle,
    /// The number the marker carries (一 → 1, （三） → 3), if it is numbered.
    pub ordinal: Option<u32>,
    /// Length of the marker in characters.
    pub chars: usize,
}

/// Value of a Chinese numeral from 一 to 九十九 (also 〇/零 as digits, 两 as 2).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [d] => digit(*d).filter(|&n| n > 0).or((*d == '十').then_some(10)),
        ['十', d] => digit(*d).map(|n| 10 + n),
        [t, '十'] => digit(*t).filter(|&n| n > 1).map(|n| n * 10),
        [t, '十', d] => Some(digit(*t).filter(|&n| n > 1)? * 10 + digit(*d).filter(|&n| n > 0)?),
        _ => None,
    }
}

const CN_DIGITS: &str = "〇零一二两三四五六七八九十";

fn take_while_in<'a>(s: &'a str, set: &str) -> &'a str {
    let end = s.char_indices().find(|(_, c)| !set.contains(*c)).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Recognise the heading marker that opens `line`, if any.
pub fn marker(line: &str) -> Option<Marker> {
    let first = line.chars().next()?;
    // （一） （1）
    if first == '（' || first == '(' {
        let rest = &line[first.len_utf8()..];
        let cn = take_while_in(rest, CN_DIGITS);
        let ar = take_while_in(rest, "0123456789");
        let (num, style, body) = if !cn.is_empty() {
            (chinese_number(cn), HeadingStyle::ParenChineseNumber, cn)
        } else if !ar.is_empty() && ar.len() <= 2 {
            (ar.parse().ok(), HeadingStyle::ParenArabicNumber, ar)
        } else {
            return None;
        };
        let after = rest[body.len()..].chars().next()?;
        if after == '）' || after == ')' {
            return num.map(|n| Marker { style, ordinal: Some(n), chars: 2 + body.chars().count() });
        }
        return None;
    }
    // 一、 十二、 一是 一．
    let cn = take_while_in(line, CN_DIGITS);
    if !cn.is_empty() {
        let n = chinese_number(cn)?;
        let rest = &line[cn.len()..];
        let next = rest.chars().next()?;
        let width = cn.chars().count();
        return match next {
            // 一、2023年工作回顾 is a heading; 一.5 and 一，2 are not.
            '、' | '．' | '.' | '，'
                if next == '、' || !rest[next.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Some(Marker { style: HeadingStyle::ChineseNumber, ordinal: Some(n), chars: width + 1 })
            }
            '是' => {
                let punct = rest['是'.len_utf8()..].starts_with(['，', '：', ',', ':']);
                Some(Marker { style: HeadingStyle::YiShi, ordinal: Some(n), chars: width + 1 + usize::from(punct) })
            }
            _ => None,
        };
    }
    // 1. 1、 1． (but not 1.5亿 or 2022年)
    let ar = take_while_in(line, "0123456789");
    if !ar.is_empty() && ar.len() <= 2 {
        let rest = &line[ar.len()..];
        let next = rest.chars().next()?;
        let after = rest[next.len_utf8()..].chars().next();
        if matches!(next, '、' | '．' | '.') && !after.is_some_and(|c| c.is_ascii_digit()) {
            return Some(Marker {
                style: HeadingStyle::ArabicNumber,
                ordinal: ar.parse().ok(),
                chars: ar.len() + 1 + usize::from(after == Some(' ')),
            });
        }
        return None;
    }
    // 第一， 第二部分
    if let Some(rest) = line.strip_prefix('第') {
        let cn = take_while_in(rest, CN_DIGITS);
        let n = chinese_number(cn)?;
        let after = rest[cn.len()..].chars().next()?;
        if matches!(after, '，' | '、' | '：' | '是' | '章' | '节' | '部' | '篇') {
            return Some(Marker { style: HeadingStyle::Ordinal, ordinal: Some(n), chars: 2 + cn.chars().count() });
        }
        return None;
    }
    // ——聚焦…
    if line.starts_with("——") || line.starts_with("--") {
        return Some(Marker { style: HeadingStyle::Dash, ordinal: None, chars: 2 });
    }
    // 关键词：… (a short label before a colon)
    let label_end = line.char_indices().take(7).find(|(_, c)| *c == '：' || *c == ':');
    if let Some((i, _)) = label_end {
        let label = &line[..i];
        let width = label.chars().count();
        // A speaker before a colon introduces quoted speech, not a heading.
        let speech =
            label.ends_with(['说', '道', '称', '问', '答', '讲']) || label.ends_with("表示") || label.ends_with("指出");
        if (2..=5).contains(&width) && label.chars().all(is_han) && !speech {
            return Some(Marker { style: HeadingStyle::Label, ordinal: None, chars: width + 1 });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use HeadingStyle::*;

    fn m(line: &str) -> Option<(HeadingStyle, Option<u32>)> {
        marker(line).map(|m| (m.style, m.ordinal))
    }

    #[test]
    fn numerals() {
        let cases = [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("两", 2)];
        for (s, n) in cases {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(chinese_number("一十"), None);
        assert_eq!(chinese_number(""), None);
        assert_eq!(chinese_number("〇"), None);
    }

    #[test]
    fn styles() {
        assert_eq!(m("一、深入企业开展调研"), Some((ChineseNumber, Some(1))));
        assert_eq!(m("十二、其他"), Some((ChineseNumber, Some(12))));
        assert_eq!(m("一、2018年工作回顾"), Some((ChineseNumber, Some(1))));
        assert_eq!(m("（三）强化监督"), Some((ParenChineseNumber, Some(3))));
        assert_eq!(m("(2)完善制度"), Some((ParenArabicNumber, Some(2))));
        assert_eq!(m("3. 县应急管理局：筑牢防线"), Some((ArabicNumber, Some(3))));
        assert_eq!(m("4、加强宣传"), Some((ArabicNumber, Some(4))));
        assert_eq!(m("一是把方向，旗帜鲜明讲政治。"), Some((YiShi, Some(1))));
        assert_eq!(m("第二，压实责任"), Some((Ordinal, Some(2))));
        assert_eq!(m("——聚焦能力提升转变作风"), Some((Dash, None)));
        assert_eq!(m("关键词：突出“快”字"), Some((Label, None)));
    }

    #[test]
    fn not_markers() {
        for line in [
            "1.5亿元投资落地",
            "2022年是关键之年",
            "一线工作法",
            "一体推进不敢腐",
            "xx说：“好”",
            "（xx）",
            "十分重要",
            "张书记说：好",
        ] {
            assert_eq!(m(line), None, "{line}");
        }
    }
}
