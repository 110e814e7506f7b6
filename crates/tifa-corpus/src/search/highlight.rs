//! Highlighting: where the query strings occur in a field, and how overlapping marks (query matches, formulations,
//! places) cut a text into runs that each carry the marks covering them. Offsets are in characters, so the viewer
//! can build spans from them without ever treating corpus text as markup.

use super::pattern::Needle;
use crate::text::fold::fold;

/// Character spans `[start, end)` where any of the (folded) `strings` occur in `text`, sorted, possibly overlapping.
pub fn match_spans(text: &str, strings: &[String]) -> Vec<[u32; 2]> {
    let needles: Vec<Needle<'_>> = strings.iter().map(|s| Needle::Text(s)).collect();
    needle_spans(text, &needles)
}

/// Character spans `[start, end)` of the matches of `needles` (strings and patterns) in `text` (folded first), sorted,
/// possibly overlapping.
pub fn needle_spans(text: &str, needles: &[Needle<'_>]) -> Vec<[u32; 2]> {
    let folded = fold(text);
    let mut spans = Vec::new();
    for needle in needles {
        let mut chars = 0u32;
        let mut last = 0usize;
        for r in needle.find_in(&folded) {
            chars += folded[last..r.start].chars().count() as u32;
            last = r.start;
            spans.push([chars, chars + folded[r].chars().count() as u32]);
        }
    }
    spans.sort_unstable();
    spans
}

/// A run of text and the marks that cover all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// First character.
    pub start: u32,
    /// Character after the last.
    pub end: u32,
    /// Indexes into the marks given to [`runs`], ascending (empty for plain text).
    pub marks: Vec<usize>,
}

/// Cut a text of `len` characters into runs at every mark boundary. Marks outside the text are clipped; empty ones
/// ignored. Concatenating the runs gives back the whole text.
pub fn runs(len: u32, marks: &[[u32; 2]]) -> Vec<Run> {
    let mut cuts: Vec<u32> = vec![0, len];
    for m in marks {
        let (s, e) = (m[0].min(len), m[1].min(len));
        if s < e {
            cuts.push(s);
            cuts.push(e);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Run {
            start: w[0],
            end: w[1],
            marks: (0..marks.len()).filter(|&i| marks[i][0] <= w[0] && w[1] <= marks[i][1]).collect(),
        })
        .collect()
}

/// The characters `[start, end)` of `text`.
pub fn slice_chars(text: &str, start: u32, end: u32) -> &str {
    let mut idx = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let s = idx.nth(start as usize).unwrap_or(text.len());
    let e = if end > start { idx.nth((end - start - 1) as usize).unwrap_or(text.len()) } else { s };
    &text[s..e]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_are_found_in_folded_text_at_char_offsets() {
        let spans = match_spans("优化ＰＰＰ营商环境，营商", &["ppp".into(), "营商".into()]);
        assert_eq!(spans, [[2, 5], [5, 7], [10, 12]]);
        assert!(match_spans("abc", &[String::new()]).is_empty());
        // A pattern's matches, in the folded text, at character offsets of the original.
        let p = super::super::pattern::Pattern::new("[0-9]+年").expect("valid");
        assert_eq!(needle_spans("到２０３５年，2020年", &[Needle::Pattern(&p)]), [[1, 6], [7, 12]]);
    }

    #[test]
    fn overlapping_marks_split_into_runs() {
        let r = runs(10, &[[2, 6], [4, 8], [9, 20]]);
        let shape: Vec<(u32, u32, Vec<usize>)> = r.into_iter().map(|r| (r.start, r.end, r.marks)).collect();
        assert_eq!(
            shape,
            [(0, 2, vec![]), (2, 4, vec![0]), (4, 6, vec![0, 1]), (6, 8, vec![1]), (8, 9, vec![]), (9, 10, vec![2])]
        );
        assert_eq!(slice_chars("营商环境", 1, 3), "商环");
        assert_eq!(slice_chars("营商", 1, 9), "商");
    }

    proptest! {
        #[test]
        fn runs_cover_the_text_exactly(len in 0u32..50, marks in proptest::collection::vec((0u32..60, 0u32..60), 0..6)) {
            let marks: Vec<[u32; 2]> = marks.into_iter().map(|(a, b)| [a.min(b), a.max(b)]).collect();
            let r = runs(len, &marks);
            let mut at = 0;
            for run in &r {
                prop_assert_eq!(run.start, at);
                prop_assert!(run.end > run.start);
                at = run.end;
            }
            prop_assert_eq!(at, len);
        }
    }
}
