//! The query mix used to measure search latency, natively (criterion bench) and in the browser (wasm harness),
//! so that both report the same queries side by side.

use super::{Index, Query, SearchOptions};
use serde::Serialize;

/// (label, query text, filters) of each measured query.
pub const QUERIES: &[(&str, &str, &[&str])] = &[
    ("single term, frequent", "作风", &[]),
    ("single term, rare", "四抓四度", &[]),
    ("partial word", "商环", &[]),
    ("phrase", "\"能力作风建设\"", &[]),
    ("two terms", "作风 营商环境", &[]),
    ("filters only", "", &["level=市", "theme=作风建设"]),
    ("filters + query", "营商环境", &["level=市"]),
];

/// Latency of one query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latency {
    /// The query's label.
    pub label: String,
    /// Number of matching articles.
    pub hits: usize,
    /// Median over the runs, in milliseconds.
    pub median_ms: f64,
    /// 95th percentile, in milliseconds.
    pub p95_ms: f64,
}

/// Build a query from its text and `key=value` filters.
pub fn query(text: &str, filters: &[&str]) -> Query {
    let mut q = Query::parse(text);
    for f in filters {
        // The filters above are valid; an invalid one would simply be skipped.
        let _ = q.filter_arg(f);
    }
    q
}

/// Run every query of [`QUERIES`] `runs` times, timing with `now` (milliseconds).
pub fn latencies(index: &Index, runs: usize, mut now: impl FnMut() -> f64) -> Vec<Latency> {
    let runs = runs.max(1);
    QUERIES
        .iter()
        .map(|(label, text, filters)| {
            let q = query(text, filters);
            let mut times = Vec::with_capacity(runs);
            let mut hits = 0;
            for _ in 0..runs {
                let t = now();
                hits = index.search(&q, &SearchOptions::default()).total;
                times.push(now() - t);
            }
            times.sort_by(f64::total_cmp);
            Latency {
                label: label.to_string(),
                hits,
                median_ms: times[runs / 2],
                p95_ms: times[(runs * 95 / 100).min(runs - 1)],
            }
        })
        .collect()
}
