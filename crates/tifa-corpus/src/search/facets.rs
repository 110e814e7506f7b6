//! Facet values of each article, and drill-down counts: for each facet, the values among the articles that match
//! the text query and every *other* facet's filter (so a facet's own selection never hides its alternatives).

use super::query::Facet;
use crate::model::Corpus;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Facet values of every article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValues {
    /// Per facet (in [`Facet::ALL`] order): value names.
    pub names: Vec<Vec<String>>,
    /// Per facet: value name → id.
    ids: Vec<HashMap<String, u32>>,
    /// Per article, per facet: value ids (sorted, unique).
    pub docs: Vec<Vec<Vec<u32>>>,
    /// Region hierarchy: region name → parent region name.
    pub region_parent: BTreeMap<String, String>,
}

/// A facet value with the number of matching articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Articles matching the query and the other facets' filters.
    pub count: u32,
    /// Whether the query filters on this value.
    pub selected: bool,
    /// For regions: the parent region (province for a prefecture …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// Counts of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// The facet's key (`region`, `theme` …).
    pub facet: &'static str,
    /// Values with a non-zero count (and every selected value), most frequent first.
    pub values: Vec<FacetCount>,
}

/// Every facet index, for articles that pass all filters.
const ALL_FACETS: [usize; Facet::ALL.len()] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

fn index_of(facet: Facet) -> usize {
    Facet::ALL.iter().position(|f| *f == facet).unwrap_or(0)
}

/// The decade facet's value of a year: `1927` → `1920s`.
pub fn decade(year: u16) -> String {
    format!("{}s", year / 10 * 10)
}

impl FacetValues {
    /// Collect the facet values of every article.
    pub fn new(corpus: &Corpus) -> FacetValues {
        let n = Facet::ALL.len();
        let mut fv = FacetValues {
            names: vec![Vec::new(); n],
            ids: vec![HashMap::new(); n],
            docs: Vec::with_capacity(corpus.articles.len()),
            region_parent: BTreeMap::new(),
        };
        for a in &corpus.articles {
            let mut per: Vec<Vec<String>> = vec![Vec::new(); n];
            // A masked place placed by inference counts under the named places above it (xx县 → 陕西省 › 汉中市).
            for r in a.regions.iter().filter(|r| r.code.is_some() || r.inferred.is_some()) {
                per[index_of(Facet::Region)].extend(r.path.iter().cloned());
                for pair in r.path.windows(2) {
                    fv.region_parent.insert(pair[1].clone(), pair[0].clone());
                }
            }
            per[index_of(Facet::Theme)].extend(a.themes.iter().map(|t| t.name.clone()));
            per[index_of(Facet::Formulation)].extend(a.formulations.iter().map(|s| s.text.clone()));
            per[index_of(Facet::Agency)].extend(a.agencies.iter().map(|o| o.name.clone()));
            per[index_of(Facet::Level)].extend(a.level.iter().map(|l| l.name.clone()));
            let year = a.date.as_ref().and_then(|d| d.year());
            per[index_of(Facet::Year)].extend(year.map(|y| y.to_string()));
            per[index_of(Facet::Decade)].extend(year.map(decade));
            per[index_of(Facet::Mentioned)].extend(a.time_mentions.iter().map(|m| m.label.clone()));
            per[index_of(Facet::Document)].extend(a.documents.iter().map(|d| d.title.clone()));
            if let Some(s) = corpus.sources.get(a.source as usize) {
                per[index_of(Facet::Source)].push(s.name.clone());
            }
            let ids: Vec<Vec<u32>> = per
                .into_iter()
                .enumerate()
                .map(|(f, values)| {
                    let mut ids: Vec<u32> = values.into_iter().map(|v| fv.intern(f, v)).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                })
                .collect();
            fv.docs.push(ids);
        }
        fv
    }

    fn intern(&mut self, facet: usize, value: String) -> u32 {
        if let Some(&id) = self.ids[facet].get(&value) {
            return id;
        }
        let id = self.names[facet].len() as u32;
        self.names[facet].push(value.clone());
        self.ids[facet].insert(value, id);
        id
    }

    /// Every facet over the whole corpus, no query and no filter: what the page's facet panel shows first and what
    /// `tifa facets` prints.
    pub fn totals(&self) -> Vec<FacetCounts> {
        let all: Vec<u32> = (0..self.docs.len() as u32).collect();
        self.counts(&all, &[])
    }

    /// Filters with their values turned into ids once per query (unknown values match nothing).
    pub fn resolve(&self, filters: &[(Facet, Vec<String>)]) -> Vec<(usize, Vec<u32>)> {
        filters
            .iter()
            .map(|(facet, values)| {
                let f = index_of(*facet);
                (f, values.iter().filter_map(|v| self.ids[f].get(v).copied()).collect())
            })
            .collect()
    }

    /// Whether article `doc` passes one resolved filter.
    pub fn passes(&self, doc: usize, filter: &(usize, Vec<u32>)) -> bool {
        let ids = &self.docs[doc][filter.0];
        filter.1.iter().any(|id| ids.binary_search(id).is_ok())
    }

    /// Drill-down counts over `docs` (the articles matching the text query), with `filters` applied except each
    /// facet's own.
    pub fn counts(&self, docs: &[u32], filters: &[(Facet, Vec<String>)]) -> Vec<FacetCounts> {
        let resolved = self.resolve(filters);
        let mut counts: Vec<Vec<u32>> = self.names.iter().map(|names| vec![0; names.len()]).collect();
        for &d in docs {
            let d = d as usize;
            let mut failing = resolved.iter().filter(|r| !self.passes(d, r)).map(|r| r.0);
            let counted: &[usize] = match (failing.next(), failing.next()) {
                (None, _) => &ALL_FACETS,
                (Some(only), None) => &[only],
                _ => continue,
            };
            for &f in counted {
                for &id in &self.docs[d][f] {
                    counts[f][id as usize] += 1;
                }
            }
        }
        Facet::ALL
            .iter()
            .enumerate()
            .map(|(f, facet)| {
                let selected: Vec<&String> =
                    filters.iter().filter(|(x, _)| x == facet).flat_map(|(_, vs)| vs.iter()).collect();
                let mut values: Vec<FacetCount> = counts[f]
                    .iter()
                    .enumerate()
                    .filter(|(_, count)| **count > 0)
                    .map(|(id, &count)| {
                        let value = self.names[f][id].clone();
                        FacetCount {
                            selected: selected.contains(&&value),
                            parent: (*facet == Facet::Region)
                                .then(|| self.region_parent.get(&value).cloned())
                                .flatten(),
                            value,
                            count,
                        }
                    })
                    .collect();
                for s in selected {
                    if !values.iter().any(|v| &v.value == s) {
                        values.push(FacetCount { value: s.clone(), count: 0, selected: true, parent: None });
                    }
                }
                if matches!(facet, Facet::Year | Facet::Decade) {
                    // Years and decades read as a time line, newest first.
                    values.sort_by(|a, b| b.value.cmp(&a.value));
                } else {
                    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                }
                FacetCounts { facet: facet.key(), values }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleDate, DatePrecision};

    #[test]
    fn years_and_decades_count_dated_articles_newest_first() {
        let dated = |id: &str, value: &str| Article {
            id: id.into(),
            date: Some(ArticleDate { value: value.into(), precision: DatePrecision::Year, evidence: Vec::new() }),
            ..Article::default()
        };
        let mut corpus = Corpus::new();
        corpus.articles = vec![dated("a", "1927-03"), dated("b", "1929"), dated("c", "2018-01-02"), Article::default()];
        let fv = FacetValues::new(&corpus);
        let totals = fv.totals();
        let values = |f: Facet| -> Vec<(String, u32)> {
            totals[index_of(f)].values.iter().map(|v| (v.value.clone(), v.count)).collect()
        };
        assert_eq!(values(Facet::Decade), [("2010s".to_string(), 1), ("1920s".to_string(), 2)]);
        assert_eq!(values(Facet::Year), [("2018".into(), 1), ("1929".into(), 1), ("1927".into(), 1)]);
        // A decade filter selects its articles.
        let filter = [(Facet::Decade, vec!["1920s".to_string()])];
        let resolved = fv.resolve(&filter);
        let passing: Vec<usize> = (0..4).filter(|&d| fv.passes(d, &resolved[0])).collect();
        assert_eq!(passing, [0, 1]);
        assert_eq!(decade(2009), "2000s");
    }
}
