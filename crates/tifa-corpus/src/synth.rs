//! Deterministic synthetic corpora for benchmarks and scale tests: the default corpus's titles, headings and
//! paragraphs shuffled and recombined into `factor` times as many articles. Never used as data for users.

use crate::model::{BlockKind, Corpus};

/// A small deterministic pseudo-random generator (xorshift64*), so that every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A compilation text `factor` times the size of `base`: same header style, articles recombined from its parts.
pub fn compilation(base: &Corpus, factor: usize, seed: u64) -> String {
    let titles: Vec<&str> = base.articles.iter().map(|a| a.title.as_str()).filter(|t| !t.is_empty()).collect();
    let paragraphs: Vec<&str> = base
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .collect();
    // Section headings by their numeral, so that each article numbers its sections 一、二、三 in order, as real ones do.
    let headings: Vec<Vec<&str>> = ['一', '二', '三']
        .iter()
        .map(|&numeral| {
            base.articles
                .iter()
                .flat_map(|a| &a.blocks)
                .filter(|b| b.kind == BlockKind::Heading && b.text.starts_with(numeral))
                .map(|b| b.text.as_str())
                .collect()
        })
        .collect();
    let articles = base.articles.len().max(1) * factor;
    let mut rng = Rng(seed | 1);
    let mut out = format!("合成基准语料汇编（{articles}篇）\n\n\n");
    if titles.is_empty() || paragraphs.is_empty() {
        return out;
    }
    for n in 0..articles {
        out.push_str(&format!("{}（之{}）\n\n", titles[rng.below(titles.len())], n + 1));
        let blocks = 4 + rng.below(12);
        for k in 0..blocks {
            let section = headings.get(k / 4 - usize::from(k >= 4)).filter(|h| !h.is_empty());
            if k > 0
                && k % 4 == 0
                && let Some(section) = section
            {
                out.push_str(section[rng.below(section.len())]);
                out.push('\n');
            }
            out.push_str(paragraphs[rng.below(paragraphs.len())]);
            out.push('\n');
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_scaled() {
        let base = crate::default_corpus();
        let a = compilation(&base, 2, 7);
        assert_eq!(a, compilation(&base, 2, 7));
        assert_ne!(a, compilation(&base, 2, 8));
        let parsed = crate::parse_bytes("synth.txt", a.as_bytes(), crate::ParseOptions::default()).unwrap();
        assert_eq!(parsed.source.declared_count, Some(2 * base.articles.len() as u32));
        assert_eq!(parsed.articles.len(), 2 * base.articles.len(), "every synthetic article is found");
    }
}
