//! Corpus-wide views of the tags: the formulation register with co-occurrence, articles per province. Facet counts
//! have one definition, shared by the page and the CLI: [`crate::search::facets`].

use crate::model::{Article, Corpus, FormulationKind, FormulationOrigin};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// A formulation across the corpus.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FormulationStat {
    /// Canonical form.
    pub text: String,
    /// How it was recognised (the most specific kind seen).
    pub kind: FormulationKind,
    /// Central, local or unknown.
    pub origin: FormulationOrigin,
    /// Occurrences in the whole corpus.
    pub count: u32,
    /// Ids of the articles using it.
    pub articles: Vec<String>,
    /// Surface forms seen, most frequent first.
    pub variants: Vec<String>,
    /// Other formulations used in the same articles, with the number of shared articles, most shared first.
    pub cooccurs: Vec<(String, u32)>,
    /// Home regions of the articles using it (the most specific tagged place), with article counts, most first.
    pub regions: Vec<(String, u32)>,
    /// Reporting agencies of the articles using it, with article counts, most first.
    pub agencies: Vec<(String, u32)>,
    /// Its life in time: the earliest and latest dates of the articles using it, articles per year.
    #[serde(flatten)]
    pub life: FormulationLife,
}

/// A formulation's life: when it appears, how often per year, and how far down the hierarchy and across the country
/// it spread. Counted in articles; variants and numbered forms count as the formulation they are forms of.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FormulationLife {
    /// The earliest date of an article using it (ISO, at that article's precision), if any is dated.
    pub first_date: Option<String>,
    /// The latest.
    pub last_date: Option<String>,
    /// Dated articles using it per year, in time order.
    pub by_year: Vec<(u16, u32)>,
    /// Articles using it per level of the reporting body, from the national level down (levels with none left out).
    pub by_level: Vec<(String, u32)>,
    /// When each level first used it (the earliest dated article of that level), from the national level down.
    pub first_by_level: Vec<(String, String)>,
    /// Articles using it per province of the reporting body (a county's or a city's article counts for its
    /// province), most first.
    pub by_province: Vec<(String, u32)>,
}

/// The formulation register: every formulation with counts, articles, variants and co-occurring formulations.
pub fn formulation_register(corpus: &Corpus) -> Vec<FormulationStat> {
    formulation_register_of(&corpus.articles)
}

/// The formulation register over some articles (a search selection).
pub fn formulation_register_of<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<FormulationStat> {
    // Formulations are interned to numbers so that the per-article pair counting hashes integers, not strings.
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut register: Vec<FormulationStat> = Vec::new();
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::default();
    let mut places: HashMap<(u32, &str), u32> = HashMap::default();
    let mut bodies: HashMap<(u32, &str), u32> = HashMap::default();
    let mut here: Vec<u32> = Vec::new();
    for a in articles {
        here.clear();
        for s in &a.formulations {
            let id = *ids.entry(&s.text).or_insert_with(|| {
                register.push(FormulationStat {
                    text: s.text.clone(),
                    kind: s.kind,
                    origin: s.origin,
                    count: 0,
                    articles: Vec::new(),
                    variants: Vec::new(),
                    cooccurs: Vec::new(),
                    regions: Vec::new(),
                    agencies: Vec::new(),
                    life: FormulationLife::default(),
                });
                register.len() as u32 - 1
            });
            let stat = &mut register[id as usize];
            stat.count += s.evidence.len() as u32;
            if stat.articles.last() != Some(&a.id) {
                stat.articles.push(a.id.clone());
            }
            if stat.kind == FormulationKind::Quoted {
                stat.kind = s.kind;
            }
            for v in &s.surface {
                if !stat.variants.contains(v) {
                    stat.variants.push(v.clone());
                }
            }
            if !here.contains(&id) {
                here.push(id);
            }
        }
        if here.is_empty() {
            continue;
        }
        let homes = home_regions(a);
        let provinces = home_provinces(a);
        let date = a.date.as_ref();
        for &x in &here {
            let life = &mut register[x as usize].life;
            if let Some(d) = date {
                let v = &d.value;
                if life.first_date.as_ref().is_none_or(|f| v < f) {
                    life.first_date = Some(v.clone());
                }
                if life.last_date.as_ref().is_none_or(|l| v > l) {
                    life.last_date = Some(v.clone());
                }
                if let Some(y) = d.year() {
                    bump(&mut life.by_year, y);
                }
            }
            if let Some(level) = &a.level {
                bump(&mut life.by_level, level.name.clone());
                if let Some(d) = date {
                    match life.first_by_level.iter_mut().find(|(l, _)| *l == level.name) {
                        Some((_, first)) if d.value < *first => *first = d.value.clone(),
                        Some(_) => {}
                        None => life.first_by_level.push((level.name.clone(), d.value.clone())),
                    }
                }
            }
            for p in &provinces {
                bump(&mut life.by_province, p.to_string());
            }
            for &y in here.iter().filter(|&&y| y != x) {
                *pairs.entry((x, y)).or_default() += 1;
            }
            for r in &homes {
                *places.entry((x, r)).or_default() += 1;
            }
            for o in &a.agencies {
                *bodies.entry((x, o.name.as_str())).or_default() += 1;
            }
        }
    }
    for ((x, y), n) in pairs {
        let other = register[y as usize].text.clone();
        register[x as usize].cooccurs.push((other, n));
    }
    for ((x, r), n) in places {
        register[x as usize].regions.push((r.to_string(), n));
    }
    for ((x, o), n) in bodies {
        register[x as usize].agencies.push((o.to_string(), n));
    }
    let ranked = |v: &mut Vec<(String, u32)>| v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let order = crate::enrich::agencies::LEVELS;
    let rank = |level: &str| order.iter().position(|l| *l == level).unwrap_or(order.len());
    for stat in &mut register {
        ranked(&mut stat.cooccurs);
        ranked(&mut stat.regions);
        ranked(&mut stat.agencies);
        let life = &mut stat.life;
        life.by_year.sort_unstable();
        life.by_level.sort_by_key(|(l, _)| rank(l));
        life.first_by_level.sort_by_key(|(l, _)| rank(l));
        ranked(&mut life.by_province);
    }
    register.sort_by(|a, b| {
        b.articles.len().cmp(&a.articles.len()).then_with(|| b.count.cmp(&a.count)).then_with(|| a.text.cmp(&b.text))
    });
    register
}

/// Count one more for `key` in a small list of counts.
fn bump<K: PartialEq>(counts: &mut Vec<(K, u32)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

/// The provinces an article reports from (of its home regions), each once.
fn home_provinces(a: &Article) -> Vec<&str> {
    let mut provinces: Vec<&str> = a
        .regions
        .iter()
        .filter(|r| r.role == crate::model::RegionRole::Home && r.code.is_some())
        .filter_map(|r| r.province.as_deref())
        .collect();
    provinces.sort_unstable();
    provinces.dedup();
    provinces
}

/// The places an article reports from: the most specific home regions (a county over its prefecture and province).
pub fn home_regions(a: &Article) -> Vec<&str> {
    let homes: Vec<&crate::model::RegionTag> =
        a.regions.iter().filter(|r| r.role == crate::model::RegionRole::Home && r.code.is_some()).collect();
    homes
        .iter()
        .filter(|r| !homes.iter().any(|o| o.path.len() > r.path.len() && o.path.starts_with(&r.path)))
        .map(|r| r.name.as_str())
        .collect()
}

/// Article counts of a province, in total and by the level of the places mentioned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProvinceCount {
    /// Province name.
    pub province: String,
    /// Articles tagged with the province or any place in it.
    pub articles: u32,
    /// Articles whose home (reporting) region lies in it.
    pub home: u32,
    /// Articles mentioning a place in it at each level: province, prefecture, county, township.
    pub by_level: [u32; 4],
}

/// Per province: how many articles of a selection mention it, report from it, and at which levels.
pub fn province_counts<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<ProvinceCount> {
    let mut by: BTreeMap<&str, ProvinceCount> = BTreeMap::new();
    for a in articles {
        let mut seen: BTreeMap<&str, (bool, [bool; 4])> = BTreeMap::new();
        // Masked places count where the text places them (xx县 in 汉中市 → 陕西省).
        for r in a.regions.iter().filter(|r| r.code.is_some() || r.inferred.is_some()) {
            let Some(p) = r.path.first() else { continue };
            let e = seen.entry(p.as_str()).or_default();
            e.0 |= r.role == crate::model::RegionRole::Home;
            e.1[r.level as usize] = true;
        }
        for (p, (home, levels)) in seen {
            let c = by.entry(p).or_insert_with(|| ProvinceCount {
                province: p.to_string(),
                articles: 0,
                home: 0,
                by_level: [0; 4],
            });
            c.articles += 1;
            c.home += u32::from(home);
            for (n, on) in c.by_level.iter_mut().zip(levels) {
                *n += u32::from(on);
            }
        }
    }
    let mut v: Vec<ProvinceCount> = by.into_values().collect();
    v.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.province.cmp(&b.province)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, FormulationTag, RegionLevel, RegionRole, RegionTag, Tag};

    fn region(path: &[&str], level: RegionLevel, role: RegionRole) -> RegionTag {
        RegionTag {
            name: path.last().unwrap_or(&"").to_string(),
            code: Some("000000".into()),
            level,
            province: path.first().map(|p| p.to_string()),
            path: path.iter().map(|p| p.to_string()).collect(),
            role,
            evidence: Vec::new(),
            inferred: None,
        }
    }

    fn formulation(text: &str, times: usize) -> FormulationTag {
        let ev = Evidence { block: Some(0), start: 0, end: 1, text: text.into() };
        FormulationTag {
            text: text.into(),
            surface: vec![text.into()],
            kind: FormulationKind::Quoted,
            origin: FormulationOrigin::Central,
            evidence: vec![ev; times],
        }
    }

    fn article(id: &str, regions: Vec<RegionTag>, formulations: Vec<FormulationTag>, agency: &str) -> Article {
        Article {
            id: id.into(),
            regions,
            formulations,
            agencies: vec![Tag { name: agency.into(), evidence: Vec::new() }],
            ..Article::default()
        }
    }

    fn dated(mut a: Article, date: &str, level: &str) -> Article {
        let precision = match date.len() {
            4 => crate::model::DatePrecision::Year,
            _ => crate::model::DatePrecision::Day,
        };
        a.date = Some(crate::model::ArticleDate { value: date.into(), precision, evidence: Vec::new() });
        a.level = Some(Tag { name: level.into(), evidence: Vec::new() });
        a
    }

    #[test]
    fn a_formulations_life_runs_from_the_centre_down_in_time() {
        let county = region(&["甲省", "乙市", "丙县"], RegionLevel::County, RegionRole::Home);
        let city = region(&["甲省", "丁市"], RegionLevel::Prefecture, RegionRole::Home);
        let other = region(&["戊省"], RegionLevel::Province, RegionRole::Home);
        let centre = dated(article("c", vec![], vec![formulation("放管服", 1)], "国务院"), "2015-05-12", "中央/国家");
        let p = dated(article("p", vec![other], vec![formulation("放管服", 1)], "政府"), "2016", "省/自治区");
        let c1 = dated(article("c1", vec![city], vec![formulation("放管服", 2)], "政府"), "2017-03-01", "市");
        let c2 = dated(article("c2", vec![county], vec![formulation("放管服", 1)], "政府"), "2016-11-30", "县/区");
        let undated = article("u", vec![], vec![formulation("放管服", 1)], "政府");
        let reg = formulation_register_of([&c1, &undated, &c2, &p, &centre]);
        let life = &reg[0].life;
        assert_eq!(life.first_date.as_deref(), Some("2015-05-12"));
        assert_eq!(life.last_date.as_deref(), Some("2017-03-01"));
        assert_eq!(life.by_year, [(2015, 1), (2016, 2), (2017, 1)], "the undated article is in no year");
        // Levels from the centre down, in the table's order.
        let levels: Vec<&str> = life.by_level.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(levels, ["中央/国家", "省/自治区", "市", "县/区"]);
        assert_eq!(life.first_by_level[3], ("县/区".to_string(), "2016-11-30".to_string()));
        // The county's and the city's articles roll up to their province.
        assert_eq!(life.by_province, [("甲省".to_string(), 2), ("戊省".to_string(), 1)]);
    }

    #[test]
    fn register_counts_places_agencies_and_cooccurrence_over_a_selection() {
        let a = article(
            "a",
            vec![
                region(&["甲省"], RegionLevel::Province, RegionRole::Home),
                region(&["甲省", "乙市"], RegionLevel::Prefecture, RegionRole::Home),
            ],
            vec![formulation("两个维护", 2), formulation("四风", 1)],
            "组织部",
        );
        let b = article("b", vec![], vec![formulation("两个维护", 1)], "宣传部");
        let reg = formulation_register_of([&a, &b]);
        assert_eq!(reg[0].text, "两个维护");
        assert_eq!(reg[0].count, 3);
        assert_eq!(reg[0].articles, ["a", "b"]);
        // The most specific home place only: 乙市, not also 甲省.
        assert_eq!(reg[0].regions, [("乙市".to_string(), 1)]);
        assert_eq!(reg[0].agencies.len(), 2);
        assert_eq!(reg[0].cooccurs, [("四风".to_string(), 1)]);
        // Over a smaller selection the numbers shrink.
        let only_b = formulation_register_of([&b]);
        assert_eq!(only_b.len(), 1);
        assert!(only_b[0].cooccurs.is_empty());
    }

    #[test]
    fn provinces_count_articles_once_with_levels() {
        let a = article(
            "a",
            vec![
                region(&["甲省", "乙市"], RegionLevel::Prefecture, RegionRole::Home),
                region(&["甲省", "乙市", "丙县"], RegionLevel::County, RegionRole::Mentioned),
                region(&["丁省"], RegionLevel::Province, RegionRole::Mentioned),
            ],
            vec![],
            "组织部",
        );
        let b = article("b", vec![region(&["甲省"], RegionLevel::Province, RegionRole::Mentioned)], vec![], "x");
        let rows = province_counts([&a, &b]);
        assert_eq!(rows[0].province, "甲省");
        assert_eq!(rows[0].articles, 2);
        assert_eq!(rows[0].home, 1);
        assert_eq!(rows[0].by_level, [1, 1, 1, 0]);
        assert_eq!(rows[1].province, "丁省");
        assert_eq!(rows[1].home, 0);
    }
}
