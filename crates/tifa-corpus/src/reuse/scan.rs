//! One pass over a corpus's fingerprints, in bounded memory: the occurrences of each fingerprint are gathered by
//! sorting, not in a hash map, and in as many parts (by hash) as it takes to keep each part under
//! [`PART_OCCURRENCES`] — so that a corpus of any size needs, besides its streams, one part's occurrences at a time.
//! Each group of equal hashes either marks **template language** (in more articles than the boilerplate limit) or
//! gives **seeds** to the pairs of articles it joins.

use std::collections::HashMap;

use super::ReuseOptions;
use super::shingle::{K, Stream, W};

/// Occurrences held at once, at most (16 bytes each: 64 MB).
pub const PART_OCCURRENCES: usize = 4 << 20;

/// Shared fingerprint positions of one pair of articles: (position in the first, position in the second).
pub type Seeds = Vec<(u32, u32)>;

/// What one scan finds.
pub struct Scan {
    /// Per article and compared character: 0 for an article's own text, else the number of articles carrying the
    /// most widespread template k-gram over it.
    pub template: Vec<Vec<u32>>,
    /// Per pair of articles (first < second, corpus positions): their shared fingerprints.
    pub seeds: HashMap<(u32, u32), Seeds>,
}

/// One fingerprint where it occurs.
#[derive(Clone, Copy)]
struct Occurrence {
    hash: u64,
    article: u32,
    at: u32,
}

/// Scan the streams of a corpus (seeds are gathered only when `seeds` is true).
pub fn scan(streams: &[Stream], options: &ReuseOptions, seeds: bool) -> Scan {
    let chars: usize = streams.iter().map(Stream::len).sum();
    // Winnowing keeps about 2 / (W + 1) of the k-grams.
    scan_in_parts(streams, options, seeds, (chars * 2 / (W + 1) / PART_OCCURRENCES + 1) as u64)
}

fn scan_in_parts(streams: &[Stream], options: &ReuseOptions, seeds: bool, parts: u64) -> Scan {
    let mut out = Scan { template: streams.iter().map(|s| vec![0; s.len()]).collect(), seeds: HashMap::new() };
    for part in 0..parts {
        let mut occurrences: Vec<Occurrence> = Vec::new();
        for (d, s) in streams.iter().enumerate() {
            let mine = s.fingerprints().into_iter().filter(|f| (f.hash >> 32) % parts == part);
            occurrences.extend(mine.map(|f| Occurrence { hash: f.hash, article: d as u32, at: f.at }));
        }
        occurrences.sort_unstable_by_key(|o| (o.hash, o.article, o.at));
        for group in occurrences.chunk_by(|x, y| x.hash == y.hash) {
            let articles = 1 + group.windows(2).filter(|w| w[0].article != w[1].article).count();
            if articles < 2 {
                continue;
            }
            if articles > options.boilerplate_articles {
                for o in group {
                    let cover = &mut out.template[o.article as usize];
                    let end = (o.at as usize + K).min(cover.len());
                    for c in &mut cover[o.at as usize..end] {
                        *c = (*c).max(articles as u32);
                    }
                }
            } else if seeds {
                for (i, x) in group.iter().enumerate() {
                    for y in group[i + 1..].iter().filter(|y| y.article != x.article) {
                        // Sorted by article: x's is the smaller.
                        out.seeds.entry((x.article, y.article)).or_default().push((x.at, y.at));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block};

    fn stream(text: &str) -> Stream {
        Stream::of(&Article { blocks: vec![Block::paragraph(text, [0, 0])], ..Article::default() })
    }

    #[test]
    fn a_k_gram_in_many_articles_is_template_and_one_in_two_seeds_their_pair() {
        let template = "坚持以人民为中心的发展思想";
        let mut streams: Vec<Stream> = (0..10).map(|i| stream(&format!("{template}第{i}篇自己的话"))).collect();
        streams.push(stream("两篇共有的一段较长的文字甲乙丙丁"));
        streams.push(stream("开头不同两篇共有的一段较长的文字甲乙丙丁"));
        let options = ReuseOptions { boilerplate_articles: 8, ..ReuseOptions::default() };
        let s = scan(&streams, &options, true);
        assert!(s.template[0][..5].iter().all(|&n| n == 10), "ten articles carry the opening");
        assert_eq!(s.template[10].iter().sum::<u32>(), 0);
        assert!(s.seeds.contains_key(&(10, 11)));
        assert!(s.seeds.keys().all(|&(a, b)| a < b && a >= 10), "template language seeds no pair");
        // Without seeds, the template is the same; and so is everything, scanned in parts.
        assert_eq!(scan(&streams, &options, false).template, s.template);
        let parted = scan_in_parts(&streams, &options, true, 3);
        assert_eq!(parted.template, s.template);
        let sorted = |m: &HashMap<(u32, u32), Seeds>| {
            let mut v: Vec<_> = m
                .iter()
                .map(|(k, s)| {
                    (*k, {
                        let mut s = s.clone();
                        s.sort();
                        s
                    })
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(sorted(&parted.seeds), sorted(&s.seeds));
    }
}
