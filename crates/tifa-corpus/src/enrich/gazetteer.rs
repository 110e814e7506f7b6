//! The gazetteer of Chinese administrative divisions (`data/gazetteer/`, National Bureau of Statistics codes) and
//! the name forms people write: full names (毕节市), short forms (毕节), province abbreviations (黔) and literary
//! names (云岭), each pointing at divisions that resolve up the hierarchy to a province.

use crate::model::RegionLevel;
use serde::Deserialize;
use std::collections::HashMap;

const PROVINCES: &str = include_str!("../../../../data/gazetteer/provinces.csv");
const PREFECTURES: &str = include_str!("../../../../data/gazetteer/cities.csv");
const COUNTIES: &str = include_str!("../../../../data/gazetteer/areas.csv");
const TOWNSHIPS: &str = include_str!("../../../../data/gazetteer/streets.csv");
const SPECIAL: &str = include_str!("../../../../data/gazetteer/HK-MO-TW.json");
/// Province abbreviations and literary names (`data/regions/aliases.toml`).
pub const ALIASES: &str = include_str!("../../../../data/regions/aliases.toml");

/// Codes of the units that the statistics code list leaves out (GB/T 2260).
const SPECIAL_CODES: &[(&str, &str)] = &[("香港特别行政区", "81"), ("澳门特别行政区", "82"), ("台湾省", "71")];

/// Rows that are groupings in the code list, not places.
const PSEUDO: &[&str] = &["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

/// Ethnic group names that appear inside autonomous-area names (黔东南苗族侗族自治州 → 黔东南).
const ETHNIC: &[&str] = &[
    "维吾尔",
    "哈萨克",
    "柯尔克孜",
    "塔吉克",
    "乌孜别克",
    "塔塔尔",
    "俄罗斯",
    "达斡尔",
    "鄂温克",
    "鄂伦春",
    "蒙古",
    "土家",
    "布依",
    "朝鲜",
    "哈尼",
    "傈僳",
    "拉祜",
    "纳西",
    "景颇",
    "仫佬",
    "仡佬",
    "毛南",
    "撒拉",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "东乡",
    "布朗",
    "高山",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "京",
];

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Official code (`52`, `5205`, `520502`, `520502001`).
    pub code: String,
    /// Official full name.
    pub name: String,
    /// Level in the hierarchy.
    pub level: RegionLevel,
    /// Index of the parent division (`None` for a province).
    pub parent: Option<usize>,
    /// Index of the province the division belongs to (itself for a province).
    pub province: usize,
}

/// How a name form was derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The official full name (毕节市).
    Full,
    /// The name without its generic suffix (毕节, 平陆, 黔东南).
    Short,
    /// A literary name of a province (齐鲁, 八闽, 云岭).
    Literary,
}

/// All divisions and the forms that name them.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Every division; provinces first, then prefectures, counties, townships.
    pub divisions: Vec<Division>,
    /// Name form → the divisions it can name.
    pub forms: HashMap<String, Vec<(usize, Form)>>,
    /// One-character province abbreviation → province index.
    pub abbreviations: HashMap<char, usize>,
}

#[derive(Deserialize)]
struct Aliases {
    province: Vec<ProvinceAliases>,
}

#[derive(Deserialize)]
struct ProvinceAliases {
    name: String,
    #[serde(default)]
    abbr: Vec<String>,
    #[serde(default)]
    literary: Vec<String>,
}

impl Gazetteer {
    /// The gazetteer shipped with Tifa.
    pub fn builtin() -> Result<Self, String> {
        Self::from_sources(PROVINCES, PREFECTURES, COUNTIES, TOWNSHIPS, SPECIAL, ALIASES)
    }

    /// Build from the CSV files, the HK/MO/TW JSON and the aliases TOML.
    pub fn from_sources(
        provinces: &str,
        prefectures: &str,
        counties: &str,
        townships: &str,
        special: &str,
        aliases: &str,
    ) -> Result<Self, String> {
        let mut g = Gazetteer { divisions: Vec::new(), forms: HashMap::new(), abbreviations: HashMap::new() };
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for row in csv_rows(provinces)? {
            let index = g.push(&row[0], &row[1], RegionLevel::Province, None);
            by_code.insert(row[0].clone(), index);
        }
        let special: HashMap<String, serde_json::Value> =
            serde_json::from_str(special).map_err(|e| format!("HK-MO-TW.json: {e}"))?;
        for (name, code) in SPECIAL_CODES {
            if special.contains_key(*name) {
                let index = g.push(code, name, RegionLevel::Province, None);
                by_code.insert(code.to_string(), index);
            }
        }
        let levels = [
            (prefectures, RegionLevel::Prefecture),
            (counties, RegionLevel::County),
            (townships, RegionLevel::Township),
        ];
        for (text, level) in levels {
            for row in csv_rows(text)? {
                let (code, name) = (&row[0], &row[1]);
                if PSEUDO.contains(&name.as_str()) {
                    continue;
                }
                if level == RegionLevel::Township && !is_township_name(name) {
                    continue;
                }
                // The nearest listed ancestor: county, then prefecture, then province (pseudo rows are skipped).
                let parent = [code.get(..6), code.get(..4), code.get(..2)]
                    .into_iter()
                    .flatten()
                    .filter(|c| c.len() < code.len())
                    .find_map(|c| by_code.get(c).copied());
                let Some(parent) = parent else { continue };
                let index = g.push(code, name, level, Some(parent));
                by_code.insert(code.clone(), index);
            }
        }
        g.add_forms();
        g.add_aliases(aliases)?;
        Ok(g)
    }

    fn push(&mut self, code: &str, name: &str, level: RegionLevel, parent: Option<usize>) -> usize {
        let index = self.divisions.len();
        let province = parent.map_or(index, |p| self.divisions[p].province);
        self.divisions.push(Division { code: code.to_string(), name: name.to_string(), level, parent, province });
        index
    }

    fn add_forms(&mut self) {
        let mut province_short: Vec<String> = Vec::new();
        for (index, d) in self.divisions.iter().enumerate() {
            self.forms.entry(d.name.clone()).or_default().push((index, Form::Full));
            if d.level == RegionLevel::Township {
                continue;
            }
            if let Some(alias) = autonomous_alias(&d.name, d.level) {
                // 威宁县 for 威宁彝族回族苗族自治县, 黔东南州 for 黔东南苗族侗族自治州: written like full names.
                self.forms.entry(alias).or_default().push((index, Form::Full));
            }
            if let Some(short) = short_form(&d.name, d.level) {
                if d.level == RegionLevel::Province {
                    province_short.push(short.clone());
                } else if province_short.contains(&short) {
                    // 海南 means 海南省, not 海南藏族自治州; 吉林 resolves through ambiguity to 吉林省 anyway.
                    continue;
                }
                self.forms.entry(short).or_default().push((index, Form::Short));
            }
        }
    }

    fn add_aliases(&mut self, text: &str) -> Result<(), String> {
        let aliases: Aliases = toml::from_str(text).map_err(|e| format!("regions/aliases.toml: {e}"))?;
        for p in aliases.province {
            let Some(index) = self.divisions.iter().position(|d| d.level == RegionLevel::Province && d.name == p.name)
            else {
                return Err(format!("regions/aliases.toml: unknown province {:?}", p.name));
            };
            for a in &p.abbr {
                let mut chars = a.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    self.abbreviations.insert(c, index);
                }
            }
            for name in p.literary {
                self.forms.entry(name).or_default().push((index, Form::Literary));
            }
        }
        Ok(())
    }

    /// The chain of names from the province down to `index`.
    pub fn path(&self, index: usize) -> Vec<String> {
        let mut chain = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            chain.push(self.divisions[i].name.clone());
            at = self.divisions[i].parent;
        }
        chain.reverse();
        chain
    }

    /// Whether `ancestor` is `index` or one of its ancestors.
    pub fn is_within(&self, index: usize, ancestor: usize) -> bool {
        let mut at = Some(index);
        while let Some(i) = at {
            if i == ancestor {
                return true;
            }
            at = self.divisions[i].parent;
        }
        false
    }

    /// The most specific division containing all of `indices`, if any.
    pub fn common_ancestor(&self, indices: &[usize]) -> Option<usize> {
        let first = *indices.first()?;
        let mut candidate = Some(first);
        while let Some(c) = candidate {
            if indices.iter().all(|&i| self.is_within(i, c)) {
                return Some(c);
            }
            candidate = self.divisions[c].parent;
        }
        None
    }
}

/// Township rows worth matching: towns, townships, subdistricts and sumu, by their full name.
fn is_township_name(name: &str) -> bool {
    name.chars().count() >= 3
        && (name.ends_with('镇') || name.ends_with('乡') || name.ends_with("街道") || name.ends_with("苏木"))
}

/// The name people write without the generic suffix, if it is still a distinctive name of two to four characters.
pub fn short_form(name: &str, level: RegionLevel) -> Option<String> {
    let suffixes: &[&str] = match level {
        RegionLevel::Province => &["特别行政区", "自治区", "省", "市"],
        RegionLevel::Prefecture => &["自治州", "地区", "盟", "市"],
        RegionLevel::County => &["自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗"],
        RegionLevel::Township => return None,
    };
    let mut base = suffixes.iter().find_map(|s| name.strip_suffix(s))?;
    if name.contains("自治") {
        // Strip the ethnic groups: 黔东南苗族侗族(自治州) → 黔东南, 伊犁哈萨克(自治州) → 伊犁.
        loop {
            let without_zu = base.strip_suffix('族').unwrap_or(base);
            match ETHNIC.iter().find_map(|e| without_zu.strip_suffix(e)) {
                Some(rest) if rest.chars().count() >= 2 => base = rest,
                _ => break,
            }
        }
    }
    let generic = ["开发", "高新", "经济", "技术", "工业", "管理", "园", "新区", "城区", "矿"];
    let n = base.chars().count();
    ((2..=4).contains(&n) && !generic.iter().any(|g| base.contains(g))).then(|| base.to_string())
}

/// The everyday name of an autonomous unit: its short form with the plain suffix (威宁县, 黔东南州, 鄂温克旗).
pub fn autonomous_alias(name: &str, level: RegionLevel) -> Option<String> {
    let suffix = if name.ends_with("自治县") {
        "县"
    } else if name.ends_with("自治州") {
        "州"
    } else if name.ends_with("自治旗") {
        "旗"
    } else {
        return None;
    };
    short_form(name, level).map(|short| format!("{short}{suffix}")).filter(|alias| alias != name)
}

/// Parse a simple CSV with a header row and quoted fields without embedded commas.
fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<String> = line.split(',').map(|f| f.trim().trim_matches('"').to_string()).collect();
            if fields.len() < 2 { Err(format!("gazetteer: malformed row {line:?}")) } else { Ok(fields) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms() {
        assert_eq!(short_form("毕节市", RegionLevel::Prefecture).as_deref(), Some("毕节"));
        assert_eq!(short_form("黔东南苗族侗族自治州", RegionLevel::Prefecture).as_deref(), Some("黔东南"));
        assert_eq!(short_form("伊犁哈萨克自治州", RegionLevel::Prefecture).as_deref(), Some("伊犁"));
        assert_eq!(short_form("平陆县", RegionLevel::County).as_deref(), Some("平陆"));
        assert_eq!(short_form("广西壮族自治区", RegionLevel::Province).as_deref(), Some("广西"));
        assert_eq!(short_form("内蒙古自治区", RegionLevel::Province).as_deref(), Some("内蒙古"));
        assert_eq!(short_form("长春经济技术开发区", RegionLevel::County), None);
        assert_eq!(short_form("城区", RegionLevel::County), None);
        assert_eq!(autonomous_alias("威宁彝族回族苗族自治县", RegionLevel::County).as_deref(), Some("威宁县"));
        assert_eq!(autonomous_alias("黔东南苗族侗族自治州", RegionLevel::Prefecture).as_deref(), Some("黔东南州"));
    }

    #[test]
    fn builtin_gazetteer_resolves_up_the_hierarchy() {
        let g = Gazetteer::builtin().expect("vendored gazetteer loads");
        let bijie = g.forms["毕节"].iter().find(|(_, f)| *f == Form::Short).expect("毕节 is a short form").0;
        assert_eq!(g.divisions[bijie].name, "毕节市");
        assert_eq!(g.path(bijie), ["贵州省", "毕节市"]);
        let pinglu = g.forms["平陆县"][0].0;
        assert_eq!(g.divisions[g.divisions[pinglu].province].name, "山西省");
        assert_eq!(g.abbreviations.get(&'黔').map(|&p| g.divisions[p].name.as_str()), Some("贵州省"));
        // Direct-controlled municipalities: districts hang directly under the province.
        let dongcheng = g.forms["东城区"].iter().find(|(i, _)| g.divisions[*i].code == "110101").unwrap().0;
        assert_eq!(g.path(dongcheng), ["北京市", "东城区"]);
        // 海南 is the province, not the Tibetan prefecture in Qinghai.
        assert!(g.forms["海南"].iter().all(|(i, _)| g.divisions[*i].name == "海南省"));
        assert!(g.divisions.len() > 30_000);
    }

    #[test]
    fn common_ancestors() {
        let g = Gazetteer::builtin().unwrap();
        let chaoyang: Vec<usize> = g.forms["朝阳区"].iter().map(|(i, _)| *i).collect();
        assert!(chaoyang.len() >= 2);
        assert_eq!(g.common_ancestor(&chaoyang), None, "北京 and 长春 share no province");
    }
}
