//! Corpus-wide views of the tags: facet values with counts, the formulation register with co-occurrence.

use crate::model::{Corpus, SloganKind, SloganOrigin};
use std::collections::BTreeMap;

/// One value of a facet and the number of articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetValue {
    /// The value (a region, a theme, an agency type …).
    pub value: String,
    /// Number of articles with this value.
    pub articles: u32,
}

/// A facet: its name and its values, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facet {
    /// Facet name: `region`, `province`, `theme`, `slogan`, `agency`, `level`, `document`, `source`.
    pub name: &'static str,
    /// Values with counts.
    pub values: Vec<FacetValue>,
}

/// Every facet of the corpus with its values and article counts.
pub fn facets(corpus: &Corpus) -> Vec<Facet> {
    let count = |name: &'static str, values: &dyn Fn(&crate::model::Article) -> Vec<String>| {
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for a in &corpus.articles {
            let mut vs = values(a);
            vs.sort();
            vs.dedup();
            for v in vs {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut values: Vec<FacetValue> =
            counts.into_iter().map(|(value, articles)| FacetValue { value, articles }).collect();
        values.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.value.cmp(&b.value)));
        Facet { name, values }
    };
    vec![
        count("province", &|a| a.regions.iter().filter_map(|r| r.province.clone()).collect()),
        count("region", &|a| a.regions.iter().map(|r| r.name.clone()).collect()),
        count("home region", &|a| {
            a.regions.iter().filter(|r| r.role == crate::model::RegionRole::Home).map(|r| r.name.clone()).collect()
        }),
        count("agency", &|a| a.organizations.iter().map(|o| o.name.clone()).collect()),
        count("level", &|a| a.level.iter().map(|l| l.name.clone()).collect()),
        count("theme", &|a| a.themes.iter().map(|t| t.name.clone()).collect()),
        count("slogan", &|a| a.slogans.iter().map(|s| s.text.clone()).collect()),
        count("document", &|a| a.documents.iter().map(|d| d.title.clone()).collect()),
        count("source", &|a| corpus.sources.get(a.source as usize).map(|s| s.name.clone()).into_iter().collect()),
    ]
}

/// A formulation across the corpus.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SloganStat {
    /// Canonical form.
    pub text: String,
    /// How it was recognised (the most specific kind seen).
    pub kind: SloganKind,
    /// Central, local or unknown.
    pub origin: SloganOrigin,
    /// Occurrences in the whole corpus.
    pub count: u32,
    /// Ids of the articles using it.
    pub articles: Vec<String>,
    /// Surface forms seen, most frequent first.
    pub variants: Vec<String>,
    /// Other formulations used in the same articles, with the number of shared articles, most shared first.
    pub cooccurs: Vec<(String, u32)>,
}

/// The formulation register: every formulation with counts, articles, variants and co-occurring formulations.
pub fn slogan_register(corpus: &Corpus) -> Vec<SloganStat> {
    let mut by: BTreeMap<&str, SloganStat> = BTreeMap::new();
    for a in &corpus.articles {
        for s in &a.slogans {
            let stat = by.entry(&s.text).or_insert_with(|| SloganStat {
                text: s.text.clone(),
                kind: s.kind,
                origin: s.origin,
                count: 0,
                articles: Vec::new(),
                variants: Vec::new(),
                cooccurs: Vec::new(),
            });
            stat.count += s.evidence.len() as u32;
            stat.articles.push(a.id.clone());
            if stat.kind == SloganKind::Quoted {
                stat.kind = s.kind;
            }
            for v in &s.surface {
                if !stat.variants.contains(v) {
                    stat.variants.push(v.clone());
                }
            }
        }
    }
    let mut pairs: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    for a in &corpus.articles {
        for x in &a.slogans {
            for y in &a.slogans {
                if x.text != y.text {
                    *pairs.entry((&x.text, &y.text)).or_default() += 1;
                }
            }
        }
    }
    let mut register: Vec<SloganStat> = by.into_values().collect();
    for stat in &mut register {
        let mut with: Vec<(String, u32)> =
            pairs.iter().filter(|((x, _), _)| *x == stat.text).map(|((_, y), n)| (y.to_string(), *n)).collect();
        with.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        stat.cooccurs = with;
    }
    register.sort_by(|a, b| {
        b.articles.len().cmp(&a.articles.len()).then_with(|| b.count.cmp(&a.count)).then_with(|| a.text.cmp(&b.text))
    });
    register
}
