//! From shared fingerprints to passages: seeds of one pair of blocks are chained along their diagonal (the offset
//! between the two copies, which drifts by the edits), each chain is widened to the first and last shared character
//! and measured with a banded edit distance.

use std::collections::BTreeMap;
use std::ops::Range;

use super::ReuseOptions;
use super::shingle::{K, Stream};

/// How many times a chain that fails as a whole is split (so at most 2^depth parts, each measured once per level:
/// a long stretch of scattered seeds costs a few measurements of it, not one per seed).
const MAX_SPLITS: u32 = 6;

/// Characters between two seeds of one chain, at most.
const MAX_GAP: usize = 40;
/// How far the diagonal may drift between two seeds: this many characters plus a fifth of their distance.
const DRIFT: usize = 4;

/// A passage found: ranges of the two streams and their similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// In the first stream.
    pub a: Range<usize>,
    /// In the second.
    pub b: Range<usize>,
    /// 1 − edit distance / longer length.
    pub similarity: f64,
}

/// The passages two streams share, given the positions of their shared fingerprints.
pub fn passages(sa: &Stream, sb: &Stream, seeds: &[(u32, u32)], options: &ReuseOptions) -> Vec<Found> {
    // Seeds per pair of blocks: a passage never crosses a block on either side.
    let mut by_blocks: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for &(pa, pb) in seeds {
        let (pa, pb) = (pa as usize, pb as usize);
        by_blocks.entry((sa.block_range(pa).start, sb.block_range(pb).start)).or_default().push((pa, pb));
    }
    let mut found: Vec<Found> = Vec::new();
    for seeds in by_blocks.values_mut() {
        seeds.sort_unstable();
        seeds.dedup();
        let (block_a, block_b) = (sa.block_range(seeds[0].0), sb.block_range(seeds[0].1));
        for chain in chains(seeds) {
            measure(sa, sb, &chain, (&block_a, &block_b), options, MAX_SPLITS, &mut found);
        }
    }
    // Passages overlapping on both sides (two chains over one stretch): the longer stays. A stretch copied twice
    // into the other text overlaps on one side only, and is two passages.
    found.sort_by(|x, y| y.a.len().cmp(&x.a.len()).then(x.a.start.cmp(&y.a.start)));
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        let overlaps =
            |g: &Found| f.a.start < g.a.end && g.a.start < f.a.end && f.b.start < g.b.end && g.b.start < f.b.end;
        if !kept.iter().any(overlaps) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.a.start);
    kept
}

/// The passage a chain of seeds spans, widened to its first and last shared character, if it is long and similar
/// enough. A chain that is not similar enough as a whole (two shared stretches with a rewritten clause between them)
/// is split at its widest gap between seeds, and each part measured again (at most [`MAX_SPLITS`] times deep).
fn measure(
    sa: &Stream,
    sb: &Stream,
    chain: &[(usize, usize)],
    blocks: (&Range<usize>, &Range<usize>),
    options: &ReuseOptions,
    splits: u32,
    found: &mut Vec<Found>,
) {
    let (block_a, block_b) = blocks;
    let (first, last) = (chain[0], chain[chain.len() - 1]);
    let mut a = first.0..(last.0 + K).min(block_a.end);
    let mut b = first.1..(last.1 + K).min(block_b.end);
    widen(sa, sb, &mut a, &mut b, block_a, block_b);
    // Long enough as printed (punctuation counts, as in every offset the user sees); parts would be shorter still.
    let printed = |s: &Stream, r: &Range<usize>| {
        let span = s.span(r);
        (span.end - span.start) as usize
    };
    if printed(sa, &a) < options.min_chars || printed(sb, &b) < options.min_chars {
        return;
    }
    if let Some(similarity) = similarity_at_least(sa.slice(a.clone()), sb.slice(b.clone()), options.min_similarity) {
        found.push(Found { a, b, similarity: (similarity * 1000.0).round() / 1000.0 });
    } else if chain.len() > 1 && splits > 0 {
        let gap = |i: usize| (chain[i + 1].0 - chain[i].0).max(chain[i + 1].1.saturating_sub(chain[i].1));
        // The widest gap; among equal ones the nearest the middle, so that the parts halve (seeds evenly spread
        // would otherwise be cut off one at a time, each cut measuring nearly the whole stretch again).
        let middle = (chain.len() - 1) / 2;
        let widest = (0..chain.len() - 1)
            .max_by_key(|&i| (gap(i), std::cmp::Reverse(i.abs_diff(middle)), std::cmp::Reverse(i)))
            .unwrap_or(0);
        let (left, right) = chain.split_at(widest + 1);
        measure(sa, sb, left, blocks, options, splits - 1, found);
        measure(sa, sb, right, blocks, options, splits - 1, found);
    }
}

/// Seeds (sorted by their first position) grouped into chains along a drifting diagonal.
fn chains(seeds: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut open: Vec<Vec<(usize, usize)>> = Vec::new();
    for &seed in seeds {
        let diagonal = |s: (usize, usize)| s.0 as i64 - s.1 as i64;
        let fits = |chain: &Vec<(usize, usize)>| {
            let last = chain[chain.len() - 1];
            let gap = seed.0.saturating_sub(last.0);
            seed.1 > last.1
                && gap <= MAX_GAP
                && (diagonal(seed) - diagonal(last)).unsigned_abs() as usize <= DRIFT + gap / 5
        };
        match open.iter_mut().rev().find(|c| fits(c)) {
            Some(chain) => chain.push(seed),
            None => open.push(vec![seed]),
        }
    }
    // Two chains on one diagonal with a stretch between them that shares no fingerprint (edits close together, or
    // template language whose fingerprints seed no pair) are one passage if the whole scores as one.
    open.sort_by_key(|c| c[0]);
    let mut merged: Vec<Vec<(usize, usize)>> = Vec::new();
    for chain in open {
        if let Some(last) = merged.last_mut() {
            let (end, start) = (last[last.len() - 1], chain[0]);
            let gap = start.0.saturating_sub(end.0);
            let drift = (start.0 as i64 - start.1 as i64 - (end.0 as i64 - end.1 as i64)).unsigned_abs() as usize;
            if start.0 > end.0 && start.1 > end.1 && gap <= 2 * MAX_GAP && drift <= DRIFT + gap / 5 {
                last.extend(chain);
                continue;
            }
        }
        merged.push(chain);
    }
    merged
}

/// Scores of a matching character, a differing one and a character only one copy has, when a passage is widened past
/// its outer seeds.
const MATCH: i32 = 1;
const MISMATCH: i32 = -1;
const GAP: i32 = -1;
/// How far a passage is widened at each end, at most, and how far the copies may shift against each other meanwhile.
const REACH: usize = 60;
const BAND: usize = 6;

/// Widen both ranges at either end past the outer seeds — over equal characters and isolated edits (a substitution,
/// an inserted or dropped character, a masked name) — within their blocks; each end stops where the alignment scored
/// best.
fn widen(sa: &Stream, sb: &Stream, a: &mut Range<usize>, b: &mut Range<usize>, ba: &Range<usize>, bb: &Range<usize>) {
    let x: Vec<char> = sa.slice(a.start.saturating_sub(REACH).max(ba.start)..a.start).iter().rev().copied().collect();
    let y: Vec<char> = sb.slice(b.start.saturating_sub(REACH).max(bb.start)..b.start).iter().rev().copied().collect();
    let (i, j) = extend(&x, &y);
    a.start -= i;
    b.start -= j;
    let x = sa.slice(a.end..(a.end + REACH).min(ba.end));
    let y = sb.slice(b.end..(b.end + REACH).min(bb.end));
    let (i, j) = extend(x, y);
    a.end += i;
    b.end += j;
}

/// The lengths of the prefixes of `x` and `y` whose alignment (in a band around the diagonal) scores best.
fn extend(x: &[char], y: &[char]) -> (usize, usize) {
    let (n, m) = (x.len(), y.len());
    let none = i32::MIN / 2;
    // Row i holds columns i − BAND ..= i + BAND: cell (i, j) is at i * WIDTH + (j + BAND − i).
    const WIDTH: usize = 2 * BAND + 1;
    let mut score = vec![none; (n + 1) * WIDTH];
    let at = |i: usize, j: usize| i * WIDTH + (j + BAND - i);
    score[at(0, 0)] = 0;
    let mut best = (0, 0, 0);
    for i in 0..=n {
        for j in i.saturating_sub(BAND)..=(i + BAND).min(m) {
            if i == 0 && j == 0 {
                continue;
            }
            let mut s = none;
            if i > 0 && j > 0 {
                s = s.max(score[at(i - 1, j - 1)] + if x[i - 1] == y[j - 1] { MATCH } else { MISMATCH });
            }
            // (i − 1, j) is in the band when j ≤ i − 1 + BAND; (i, j − 1) when j − 1 ≥ i − BAND.
            if i > 0 && j < i + BAND {
                s = s.max(score[at(i - 1, j)] + GAP);
            }
            if j > 0 && j > i.saturating_sub(BAND) && j + BAND > i {
                s = s.max(score[at(i, j - 1)] + GAP);
            }
            score[at(i, j)] = s;
            if s > best.0 {
                best = (s, i, j);
            }
        }
    }
    (best.1, best.2)
}

/// 1 − Levenshtein distance / longer length, computed in a band around the diagonal (a distance outside the band is
/// far below any threshold worth reporting, and counts as no similarity).
#[cfg(test)]
fn similarity(x: &[char], y: &[char]) -> f64 {
    similarity_at_least(x, y, 0.0).unwrap_or(0.0)
}

/// [`similarity`] when it is at least `min`; `None` as soon as the edit distance must exceed what `min` allows (the
/// smallest value of a row never decreases further down, so a dissimilar stretch is given up early).
pub fn similarity_at_least(x: &[char], y: &[char], min: f64) -> Option<f64> {
    let (n, m) = (x.len(), y.len());
    let longer = n.max(m);
    if longer == 0 {
        return Some(1.0);
    }
    // (A hair above, so that float rounding never refuses a distance the floor allows: 1 − 20/100 is 0.8.)
    let allowed = ((1.0 - min) * longer as f64 + 1e-9).floor() as usize;
    if n.abs_diff(m) > allowed {
        return None;
    }
    let band = n.abs_diff(m) + longer / 4 + 2;
    let inf = usize::MAX / 2;
    let mut prev = vec![inf; m + 1];
    let mut row = vec![inf; m + 1];
    for (j, p) in prev.iter_mut().enumerate().take(band.min(m) + 1) {
        *p = j;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(band);
        let hi = (i + band).min(m);
        // Only the band is computed; the cells just outside it are read, so they must say "unreachable". (The band
        // only moves right: cells further right were never written, cells further left are never read again.)
        if lo == 0 {
            row[0] = i;
        } else {
            row[lo - 1] = inf;
        }
        if hi < m {
            row[hi + 1] = inf;
        }
        let mut smallest = if lo == 0 { i } else { inf };
        for j in lo.max(1)..=hi {
            let substitute = prev[j - 1] + usize::from(x[i - 1] != y[j - 1]);
            row[j] = substitute.min(prev[j] + 1).min(row[j - 1] + 1);
            smallest = smallest.min(row[j]);
        }
        if smallest > allowed {
            return None;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    let distance = prev[m];
    let similarity = if distance >= inf { 0.0 } else { 1.0 - distance as f64 / longer as f64 };
    (similarity >= min).then_some(similarity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn similarity_is_one_minus_the_edit_distance_over_the_longer_length() {
        assert_eq!(similarity(&chars("坚持以人民为中心"), &chars("坚持以人民为中心")), 1.0);
        // One substitution in ten characters.
        assert!((similarity(&chars("abcdefghij"), &chars("abcdefghiX")) - 0.9).abs() < 1e-9);
        // One deletion: distance 1 over 10.
        assert!((similarity(&chars("abcdefghij"), &chars("abcdeghij")) - 0.9).abs() < 1e-9);
        assert_eq!(similarity(&chars(""), &chars("")), 1.0);
        assert!(similarity(&chars("abcdefghij"), &chars("klmnopqrst")) < 0.1);
        // With a floor: the same value when reached, nothing when not.
        assert_eq!(similarity_at_least(&chars("abcdefghij"), &chars("abcdefghiX"), 0.8), Some(0.9));
        assert_eq!(similarity_at_least(&chars("abcdefghij"), &chars("abXXXXghij"), 0.8), None);
        assert_eq!(similarity_at_least(&chars("abcdefghij"), &chars("abc"), 0.8), None);
        // Exactly at the floor (1 − 2/10 = 0.8, which floats compute as 0.19999… below 1): kept.
        assert_eq!(similarity_at_least(&chars("abcdefghij"), &chars("XbcdefghiY"), 0.8), Some(0.8));
    }

    #[test]
    fn the_band_agrees_with_the_full_table_where_it_matters() {
        // Full Levenshtein as the oracle.
        fn full(x: &[char], y: &[char]) -> usize {
            let mut prev: Vec<usize> = (0..=y.len()).collect();
            for i in 1..=x.len() {
                let mut row = vec![i; y.len() + 1];
                for j in 1..=y.len() {
                    row[j] = (prev[j - 1] + usize::from(x[i - 1] != y[j - 1])).min(prev[j] + 1).min(row[j - 1] + 1);
                }
                prev = row;
            }
            prev[y.len()]
        }
        let base = chars("各级党委和政府要切实加强对基层治理工作的领导，把抓基层打基础作为长远之计和固本之举");
        let mut edited = base.clone();
        edited[5] = '甲';
        edited.remove(20);
        edited.insert(30, '乙');
        let expected = 1.0 - full(&base, &edited) as f64 / base.len().max(edited.len()) as f64;
        assert!((similarity(&base, &edited) - expected).abs() < 1e-9);
    }
}
