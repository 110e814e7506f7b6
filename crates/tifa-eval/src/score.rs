//! Counting agreement: true and false positives for sets, hits for single answers.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and in the gold.
    pub tp: u32,
    /// Found, not in the gold.
    pub fp: u32,
    /// In the gold, not found.
    pub fn_: u32,
}

impl Counts {
    /// Add another count.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// Count two sets; returns what was found in excess and what was missed.
    pub fn add_sets(&mut self, found: &BTreeSet<String>, gold: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
        let extra: Vec<String> = found.difference(gold).cloned().collect();
        let missed: Vec<String> = gold.difference(found).cloned().collect();
        self.tp += found.intersection(gold).count() as u32;
        self.fp += extra.len() as u32;
        self.fn_ += missed.len() as u32;
        (extra, missed)
    }

    /// Count two multisets (a title may occur twice); returns what was found in excess and what was missed.
    pub fn add_multisets(&mut self, found: &[String], gold: &[String]) -> (Vec<String>, Vec<String>) {
        let mut left: BTreeMap<&str, i64> = BTreeMap::new();
        for g in gold {
            *left.entry(g.as_str()).or_default() += 1;
        }
        let mut extra = Vec::new();
        for f in found {
            match left.get_mut(f.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    self.tp += 1;
                }
                _ => {
                    extra.push(f.clone());
                    self.fp += 1;
                }
            }
        }
        let mut missed = Vec::new();
        for (g, n) in left {
            for _ in 0..n.max(0) {
                missed.push(g.to_string());
                self.fn_ += 1;
            }
        }
        (extra, missed)
    }

    /// Precision; 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall; 1 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// `P / R / F1` with two decimals.
    pub fn prf(&self) -> String {
        format!("{:.2} / {:.2} / {:.2}", self.precision(), self.recall(), self.f1())
    }

    /// `P / R (tp, fp, fn)`.
    pub fn pr(&self) -> String {
        format!("{:.2} / {:.2} ({}+{}−{})", self.precision(), self.recall(), self.tp, self.fp, self.fn_)
    }
}

/// Agreement on single answers (an article's agency, a formulation's origin).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Answers that agree with the gold.
    pub right: u32,
    /// Answers compared.
    pub total: u32,
}

impl Agreement {
    /// Record one answer.
    pub fn record(&mut self, right: bool) {
        self.right += u32::from(right);
        self.total += 1;
    }

    /// Add another tally.
    pub fn add(&mut self, other: Agreement) {
        self.right += other.right;
        self.total += other.total;
    }

    /// Share of right answers; 1 when none were compared.
    pub fn accuracy(&self) -> f64 {
        ratio(self.right, self.total)
    }
}

impl fmt::Display for Agreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2} ({}/{})", self.accuracy(), self.right, self.total)
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 { 1.0 } else { f64::from(a) / f64::from(b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sets_count_hand_computed_figures() {
        let mut c = Counts::default();
        let (extra, missed) = c.add_sets(&set(&["a", "b", "c"]), &set(&["b", "c", "d", "e"]));
        assert_eq!((c.tp, c.fp, c.fn_), (2, 1, 2));
        assert_eq!(extra, ["a"]);
        assert_eq!(missed, ["d", "e"]);
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn multisets_count_repeats() {
        let mut c = Counts::default();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (extra, missed) = c.add_multisets(&s(&["x", "x", "y"]), &s(&["x", "z"]));
        assert_eq!((c.tp, c.fp, c.fn_), (1, 2, 1));
        assert_eq!(extra, ["x", "y"]);
        assert_eq!(missed, ["z"]);
    }

    #[test]
    fn empty_sides_are_perfect_not_nan() {
        let c = Counts::default();
        assert_eq!((c.precision(), c.recall(), c.f1()), (1.0, 1.0, 1.0));
        assert_eq!(Agreement::default().accuracy(), 1.0);
    }
}
