//! Text reuse measured on planted passages: real paragraphs of the default corpus copied into other articles with
//! edits of known kind and rate (substitutions, insertions, deletions, a name masked as xx), at several lengths.
//! Reuse the corpus already had before planting is set aside, so precision counts only what planting could explain.

use tifa_corpus::model::{Block, BlockKind};
use tifa_corpus::reuse::{ReuseOptions, Span, Template, reuse};
use tifa_corpus::{Corpus, default_corpus};

/// A small deterministic generator (no dependency, same plants on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One planted passage: copied from `source` (block, characters) into a new last block of `target`.
#[derive(Debug)]
struct Plant {
    source: usize,
    block: u32,
    start: u32,
    end: u32,
    target: usize,
    target_block: u32,
    length: usize,
    rate: f64,
}

/// Edit `text` at `rate` (edited characters per character, as an edit distance counts them): substitutions,
/// insertions, deletions, and two-character names masked as xx (two edits).
fn edit(text: &[char], rate: f64, rng: &mut Lcg) -> String {
    let pool: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经".chars().collect();
    let mut budget = (text.len() as f64 * rate).round() as usize;
    let mut out: Vec<char> = text.to_vec();
    while budget > 0 {
        let at = rng.below(out.len().saturating_sub(2)) + 1;
        let kind = if budget >= 2 { rng.below(4) } else { rng.below(3) };
        budget -= if kind == 3 { 2 } else { 1 };
        match kind {
            0 => out[at] = pool[rng.below(pool.len())],
            1 => out.insert(at, pool[rng.below(pool.len())]),
            2 => {
                out.remove(at);
            }
            _ => {
                out[at] = 'x';
                out[at + 1] = 'x';
            }
        }
    }
    out.into_iter().collect()
}

/// Plant passages into a copy of the corpus; the plants.
fn plant(corpus: &mut Corpus, lengths: &[usize], rates: &[f64], per_cell: usize, rng: &mut Lcg) -> Vec<Plant> {
    let mut plants = Vec::new();
    let n = corpus.articles.len();
    for &length in lengths {
        for &rate in rates {
            let mut made = 0;
            while made < per_cell {
                let (source, target) = (rng.below(n), rng.below(n));
                if source == target {
                    continue;
                }
                let candidates: Vec<(usize, usize)> = corpus.articles[source]
                    .blocks
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.kind == BlockKind::Paragraph)
                    .map(|(i, b)| (i, b.text.chars().count()))
                    .filter(|(_, len)| *len >= length + 10)
                    .collect();
                if candidates.is_empty() {
                    continue;
                }
                let (block, len) = candidates[rng.below(candidates.len())];
                let start = rng.below(len - length);
                let text: Vec<char> = corpus.articles[source].blocks[block].text.chars().collect();
                let copied = edit(&text[start..start + length], rate, rng);
                let t = &mut corpus.articles[target];
                let line = t.lines[1];
                t.blocks.push(Block::paragraph(copied, [line, line]));
                plants.push(Plant {
                    source,
                    block: block as u32,
                    start: start as u32,
                    end: (start + length) as u32,
                    target,
                    target_block: t.blocks.len() as u32 - 1,
                    length,
                    rate,
                });
                made += 1;
            }
        }
    }
    plants
}

#[test]
fn planted_passages_are_found_with_high_recall_and_precision() {
    let base = default_corpus();
    let options = ReuseOptions::default();
    let natural = reuse(&base, &options);
    let mut corpus = base.clone();
    let mut rng = Lcg(20261203);
    let (lengths, rates) = ([50, 80, 150], [0.0, 0.05, 0.10, 0.15, 0.20]);
    let plants = plant(&mut corpus, &lengths, &rates, 20, &mut rng);
    let found = reuse(&corpus, &options);
    let id = |d: usize| corpus.articles[d].id.clone();

    // Recall per length and edit rate: a plant is found when a passage of its pair covers both of its copies.
    let mut report = String::new();
    let mut template_plants = 0;
    let template = Template::of(&base, &options);
    let mut worst_main: f64 = 1.0;
    for &length in &lengths {
        for &rate in &rates {
            // A plant made mostly of language many articles of the corpus share is template language by the
            // corpus's own evidence: boilerplate, not pairwise reuse. Counted apart.
            let own = |p: &&Plant| {
                let span = Span { block: p.block, start: p.start, end: p.end };
                template.share(p.source, span) < 0.5
            };
            let all: Vec<&Plant> = plants.iter().filter(|p| p.length == length && p.rate == rate).collect();
            let cell: Vec<&Plant> = all.iter().copied().filter(own).collect();
            template_plants += all.len() - cell.len();
            let hits = cell
                .iter()
                .filter(|p| {
                    found.pairs.iter().any(|pair| {
                        let (s, t) = (id(p.source), id(p.target));
                        pair.passages.iter().any(|q| {
                            let (src, dst) = if pair.a == s && pair.b == t {
                                (q.a, q.b)
                            } else if pair.a == t && pair.b == s {
                                (q.b, q.a)
                            } else {
                                return false;
                            };
                            src.block == p.block
                                && src.start < p.end
                                && p.start < src.end
                                && dst.block == p.target_block
                        })
                    })
                })
                .count();
            let recall = hits as f64 / cell.len() as f64;
            report.push_str(&format!(
                "length {length}, edits {:.0}%: recall {recall:.2} ({hits}/{})\n",
                rate * 100.0,
                cell.len()
            ));
            if length >= 50 && rate <= 0.10 {
                worst_main = worst_main.min(recall);
            }
        }
    }
    // Precision: every passage found that was not there before planting must be a plant.
    let before = |a: &str, b: &str, block_a: u32| {
        natural.pairs.iter().any(|p| p.a == a && p.b == b && p.passages.iter().any(|q| q.a.block == block_a))
    };
    let mut right = 0;
    let mut wrong = Vec::new();
    for pair in &found.pairs {
        for q in &pair.passages {
            if before(&pair.a, &pair.b, q.a.block) {
                continue;
            }
            let planted = plants.iter().any(|p| {
                let (s, t) = (id(p.source), id(p.target));
                (pair.a == s && pair.b == t && q.b.block == p.target_block)
                    || (pair.a == t && pair.b == s && q.a.block == p.target_block)
                    || (pair.a == t && pair.b == t)
            });
            // Two plants copied from one source into two targets share text too: that is reuse as well.
            let sibling = plants.iter().any(|p| {
                plants.iter().any(|o| {
                    o.source == p.source
                        && o.block == p.block
                        && ((pair.a == id(p.target) && pair.b == id(o.target))
                            || (pair.b == id(p.target) && pair.a == id(o.target)))
                })
            });
            if planted || sibling {
                right += 1;
            } else {
                wrong.push(format!("{} {:?} ~ {} {:?}", pair.a, q.a, pair.b, q.b));
            }
        }
    }
    let precision = right as f64 / (right + wrong.len()).max(1) as f64;
    report.push_str(&format!("plants made mostly of template language (left out of recall): {template_plants}\n"));
    report.push_str(&format!("precision {precision:.2} ({right} of {})\n", right + wrong.len()));
    println!("{report}");
    assert!(worst_main >= 0.95, "recall below 0.95 in a cell of ≥ 50 characters, ≤ 10% edits:\n{report}");
    assert!(precision >= 0.95, "precision below 0.95:\n{report}{wrong:#?}");
}

#[test]
fn an_exact_copy_is_found_whole_and_points_from_the_earlier_text() {
    use tifa_corpus::model::{Article, ArticleDate, DatePrecision};
    let paragraph = "各级党委和政府要切实加强对基层治理工作的领导，把抓基层打基础作为长远之计和固本之举，健全党组织领导的自治法治德治相结合的城乡基层治理体系。";
    let article = |id: &str, date: &str, text: &str| Article {
        id: id.into(),
        blocks: vec![
            Block::paragraph("今年以来，我们围绕中心工作扎实推进各项任务。", [1, 1]),
            Block::paragraph(text, [2, 2]),
        ],
        date: Some(ArticleDate { value: date.into(), precision: DatePrecision::Day, evidence: Vec::new() }),
        ..Article::default()
    };
    let mut corpus = Corpus::new();
    corpus.articles = vec![
        article("late", "2021-06-01", &format!("我县认真落实：{paragraph}")),
        article("early", "2019-01-02", paragraph),
        article("other", "2020-01-01", "完全不同的一段文字，讲的是乡村振兴和产业发展，没有任何共同的句子可以比较。"),
    ];
    let found = reuse(&corpus, &ReuseOptions::default());
    assert_eq!(found.pairs.len(), 1, "{found:#?}");
    let pair = &found.pairs[0];
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("late", "early"));
    assert_eq!(pair.direction, Some(tifa_corpus::reuse::Direction::BToA), "from the 2019 text to the 2021 one");
    let q = &pair.passages[0];
    assert_eq!(q.similarity, 1.0);
    let copied: String = corpus.articles[0].blocks[1]
        .text
        .chars()
        .skip(q.a.start as usize)
        .take((q.a.end - q.a.start) as usize)
        .collect();
    assert_eq!(copied, paragraph.trim_end_matches('。'), "the passage is the whole copied paragraph, to its last word");
    assert!(found.articles[2].reused == 0.0 && found.articles[2].own == 1.0);
    assert!(found.articles[1].reused > 0.7, "{:?}", found.articles[1]);
}
