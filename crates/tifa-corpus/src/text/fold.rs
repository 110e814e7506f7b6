//! Character folding for matching: full-width ASCII becomes half-width, Latin letters lower-case, the ideographic
//! space a space. One character in, one character out, so character offsets in folded text are offsets in the
//! original text.

/// Fold one character.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase()),
        '\u{3000}' => ' ',
        _ => c.to_ascii_lowercase(),
    }
}

/// Fold a whole string.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case_one_to_one() {
        assert_eq!(fold("ＡＢＣ１２３ＰＰＴ设计"), "abc123ppt设计");
        assert_eq!(fold("两个维护"), "两个维护");
        let s = "Ｘ市ＡＡＡ平台";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }
}
