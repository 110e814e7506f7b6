//! Articles over time: how many articles of a selection fall in each year (each decade when the years span more
//! than a lifetime), gaps included so that a chart reads as a time line, and how many carry no date.

use serde::Serialize;

use crate::model::Corpus;

/// Longest span, in years, shown year by year; longer spans are shown by decade.
pub const MAX_YEARS: u16 = 60;

/// Shortest span, in years, for which the page offers the decade facet beside the year facet.
pub const DECADE_FACET_YEARS: u16 = 30;

/// Whether a corpus's dates span long enough for the decade facet to help.
pub fn spans_decades(corpus: &Corpus) -> bool {
    let years = || corpus.articles.iter().filter_map(|a| a.date.as_ref()?.year());
    match (years().min(), years().max()) {
        (Some(first), Some(last)) => last - first >= DECADE_FACET_YEARS,
        _ => false,
    }
}

/// The width of a bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    /// One year.
    Year,
    /// Ten years (1920–1929).
    Decade,
}

/// One bin of the time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeBin {
    /// The first year of the bin.
    pub start: u16,
    /// Articles dated in it.
    pub count: u32,
}

/// A selection over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// Years or decades.
    pub unit: TimeUnit,
    /// From the earliest bin to the latest, empty ones included; empty when no article is dated.
    pub bins: Vec<TimeBin>,
    /// Articles of the selection without a date.
    pub undated: u32,
}

impl TimeBin {
    /// The bin's label: `2018`, or `1920s`.
    pub fn label(&self, unit: TimeUnit) -> String {
        match unit {
            TimeUnit::Year => self.start.to_string(),
            TimeUnit::Decade => super::facets::decade(self.start),
        }
    }
}

/// The time line of the articles at positions `docs`.
pub fn timeline(corpus: &Corpus, docs: &[u32]) -> Timeline {
    let years: Vec<u16> = docs
        .iter()
        .filter_map(|&d| corpus.articles.get(d as usize))
        .filter_map(|a| a.date.as_ref().and_then(|d| d.year()))
        .collect();
    let undated = (docs.len() - years.len()) as u32;
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Timeline { unit: TimeUnit::Year, bins: Vec::new(), undated };
    };
    let (unit, width) = if last - first < MAX_YEARS { (TimeUnit::Year, 1) } else { (TimeUnit::Decade, 10) };
    let start = first - first % width;
    let mut bins: Vec<TimeBin> =
        (start..=last).step_by(usize::from(width)).map(|start| TimeBin { start, count: 0 }).collect();
    for y in years {
        bins[usize::from((y - start) / width)].count += 1;
    }
    Timeline { unit, bins, undated }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleDate, DatePrecision};

    fn corpus(dates: &[Option<&str>]) -> Corpus {
        let mut c = Corpus::new();
        c.articles = dates
            .iter()
            .map(|d| Article {
                date: d.map(|v| ArticleDate { value: v.into(), precision: DatePrecision::Year, evidence: Vec::new() }),
                ..Article::default()
            })
            .collect();
        c
    }

    #[test]
    fn years_with_gaps_and_the_undated_apart() {
        let c = corpus(&[Some("2018-01-02"), Some("2020"), None, Some("2018-12"), Some("2021-03-05")]);
        let t = timeline(&c, &[0, 1, 2, 3, 4]);
        assert_eq!(t.unit, TimeUnit::Year);
        let counts: Vec<(u16, u32)> = t.bins.iter().map(|b| (b.start, b.count)).collect();
        assert_eq!(counts, [(2018, 2), (2019, 0), (2020, 1), (2021, 1)]);
        assert_eq!(t.undated, 1);
        // Only the selection counts.
        assert_eq!(timeline(&c, &[1, 2]).bins.iter().map(|b| b.count).sum::<u32>(), 1);
    }

    #[test]
    fn long_spans_go_by_decade_and_nothing_dated_gives_no_bins() {
        let c = corpus(&[Some("1927-03"), Some("1949-12-23"), Some("2018"), Some("1928-10-05")]);
        let t = timeline(&c, &[0, 1, 2, 3]);
        assert_eq!(t.unit, TimeUnit::Decade);
        assert_eq!(t.bins.first().map(|b| (b.start, b.count)), Some((1920, 2)));
        assert_eq!(t.bins.last().map(|b| (b.start, b.count)), Some((2010, 1)));
        assert_eq!(t.bins.len(), 10);
        assert_eq!(t.bins[0].label(t.unit), "1920s");
        let none = timeline(&corpus(&[None, None]), &[0, 1]);
        assert!(none.bins.is_empty());
        assert_eq!(none.undated, 2);
    }

    #[test]
    fn decades_are_offered_for_long_spans_only() {
        assert!(spans_decades(&corpus(&[Some("1927-03"), None, Some("2018")])));
        assert!(!spans_decades(&corpus(&[Some("2001"), Some("2022-03-05")])));
        assert!(!spans_decades(&corpus(&[None])));
    }
}
