//! # tifa-eval
//!
//! Measures Tifa's parser and taggers on real documents against a gold standard made by reading
//! (`crates/tifa-corpus/tests/fixtures/real/`, format in its README). Used by `cargo xtask eval` and by this crate's
//! test, which holds the figures to floors.
//!
//! What is measured, per file and summed per shape and over the set:
//! - **article count**: files whose number of articles is exactly the gold's;
//! - **titles**: precision, recall and F1 of the non-empty titles (normalised: no white space);
//! - **boundaries**: precision, recall and F1 of article starts (a predicted article matches a gold one when the gold
//!   line lies between the predicted article's first line, less three lines of markers, and its first body line);
//! - **headings**: precision, recall and F1 of the heading lines of matched articles;
//! - on files labelled for tags: **regions** (distinct places per article, optional ones ignored), **provinces**
//!   (the per-article province sets), **home** (places given the reporting body's role), **formulations**, **origin**
//!   (agreement on the formulations both found), **agency** and **level** (agreement where the gold names one),
//!   and the count of numbers or dates tagged as formulations;
//! - on files labelled for dates: **date** (value and precision right, on the articles the gold dates) and
//!   **invented dates** (a date where the text gives none);
//! - on pairs of files whose shared passages are labelled (`reuse_gold.toml`): text reuse's recall, precision and
//!   direction ([`evaluate_reuse`]).

mod gold;
mod reuse_eval;
mod score;

pub use gold::{Case, Gold, GoldArticle, GoldError, load_cases};
pub use reuse_eval::{PairFigures, REUSE_GOLD, evaluate_reuse, reuse_table};
pub use score::{Agreement, Counts};

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use tifa_corpus::enrich::Enricher;
use tifa_corpus::enrich::formulations::{self, FormulationTagger};
use tifa_corpus::enrich::gazetteer::Gazetteer;
use tifa_corpus::{
    Article, BlockKind, Corpus, FormulationKind, FormulationOrigin, ParseOptions, RegionRole, parse_bytes,
};

/// The figures of one file, or of a sum of files.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Files counted.
    pub files: u32,
    /// Files whose article count is exactly the gold's.
    pub count_exact: u32,
    /// Non-empty titles.
    pub titles: Counts,
    /// Article starts.
    pub boundaries: Counts,
    /// Heading lines of matched articles.
    pub headings: Counts,
    /// Files labelled for tags.
    pub tagged_files: u32,
    /// Distinct places per article.
    pub regions: Counts,
    /// Provinces per article.
    pub provinces: Counts,
    /// Places with the home role.
    pub home: Counts,
    /// Formulations per article.
    pub formulations: Counts,
    /// Origin of the formulations found by both.
    pub origin: Agreement,
    /// Formulations called local that neither the gold nor the reference list's local entries call local.
    pub local_without_evidence: u32,
    /// Formulations made of numbers or dates only.
    pub number_tags: u32,
    /// Agency type of the reporting body.
    pub agency: Agreement,
    /// Level of the reporting body.
    pub level: Agreement,
    /// Dates (value and precision) of the matched articles the gold dates.
    pub dates: Agreement,
    /// Dates given to matched articles the gold says carry none.
    pub invented_dates: u32,
    /// Files that could not be read at all.
    pub unreadable: u32,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.files += other.files;
        self.count_exact += other.count_exact;
        self.titles.add(other.titles);
        self.boundaries.add(other.boundaries);
        self.headings.add(other.headings);
        self.tagged_files += other.tagged_files;
        self.regions.add(other.regions);
        self.provinces.add(other.provinces);
        self.home.add(other.home);
        self.formulations.add(other.formulations);
        self.origin.add(other.origin);
        self.local_without_evidence += other.local_without_evidence;
        self.number_tags += other.number_tags;
        self.agency.add(other.agency);
        self.level.add(other.level);
        self.dates.add(other.dates);
        self.invented_dates += other.invented_dates;
        self.unreadable += other.unreadable;
    }

    /// Share of files whose article count is exact.
    pub fn count_exactness(&self) -> f64 {
        if self.files == 0 { 1.0 } else { f64::from(self.count_exact) / f64::from(self.files) }
    }
}

/// What went wrong in one file, for a person reading the evaluation.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Titles found that the gold does not have.
    pub extra_titles: Vec<String>,
    /// Gold titles not found.
    pub missed_titles: Vec<String>,
    /// Headings found that the gold does not have.
    pub extra_headings: Vec<String>,
    /// Gold headings not found.
    pub missed_headings: Vec<String>,
    /// Places tagged that the gold does not have, with the text that made them.
    pub extra_regions: Vec<String>,
    /// Gold places not tagged.
    pub missed_regions: Vec<String>,
    /// Formulations tagged that the gold does not have.
    pub extra_formulations: Vec<String>,
    /// Gold formulations not tagged.
    pub missed_formulations: Vec<String>,
    /// Agency or level disagreements.
    pub body: Vec<String>,
}

/// The evaluation of one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// File name.
    pub name: String,
    /// Its shape.
    pub shape: String,
    /// Held out from rule writing.
    pub held_out: bool,
    /// Articles in the gold and found.
    pub articles: (usize, usize),
    /// Its figures.
    pub figures: Figures,
    /// What went wrong.
    pub findings: Findings,
}

/// The evaluation of a whole set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One report per file, by name.
    pub files: Vec<FileReport>,
}

/// Which part of the set a summary covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Files used while writing the rules.
    Development,
    /// Files never read while writing the rules.
    HeldOut,
}

impl Report {
    /// The sum over one part of the set.
    pub fn total(&self, part: Part) -> Figures {
        let mut total = Figures::default();
        for f in self.files.iter().filter(|f| f.held_out == (part == Part::HeldOut)) {
            total.add(&f.figures);
        }
        total
    }

    /// Sums per shape over one part.
    pub fn by_shape(&self, part: Part) -> BTreeMap<String, Figures> {
        let mut shapes: BTreeMap<String, Figures> = BTreeMap::new();
        for f in self.files.iter().filter(|f| f.held_out == (part == Part::HeldOut)) {
            shapes.entry(f.shape.clone()).or_default().add(&f.figures);
        }
        shapes
    }

    /// The figures as Markdown tables: structure, then tags, per shape and in total, for one part.
    pub fn table(&self, part: Part) -> String {
        let shapes = self.by_shape(part);
        let total = self.total(part);
        let mut out = String::new();
        let _ = writeln!(out, "| shape | files | count exact | title P / R / F1 | boundary F1 | heading F1 |");
        let _ = writeln!(out, "|---|---:|---:|---|---:|---:|");
        let row = |out: &mut String, name: &str, f: &Figures| {
            let _ = writeln!(
                out,
                "| {name} | {} | {}/{} | {} | {:.2} | {:.2} |",
                f.files,
                f.count_exact,
                f.files,
                f.titles.prf(),
                f.boundaries.f1(),
                f.headings.f1()
            );
        };
        for (shape, f) in &shapes {
            row(&mut out, shape, f);
        }
        row(&mut out, "**all**", &total);
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "| shape | tagged files | region P / R | province P / R | home P / R | formulation P / R | origin | number tags | local w/o evidence | agency | level | date | invented dates |"
        );
        let _ = writeln!(out, "|---|---:|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        let tag_row = |out: &mut String, name: &str, f: &Figures| {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                f.tagged_files,
                f.regions.pr(),
                f.provinces.pr(),
                f.home.pr(),
                f.formulations.pr(),
                f.origin,
                f.number_tags,
                f.local_without_evidence,
                f.agency,
                f.level,
                f.dates,
                f.invented_dates
            );
        };
        for (shape, f) in shapes.iter().filter(|(_, f)| f.tagged_files > 0) {
            tag_row(&mut out, shape, f);
        }
        tag_row(&mut out, "**all**", &total);
        out
    }

    /// Per-file lines with what went wrong, for the files that are not perfect.
    pub fn details(&self, part: Part) -> String {
        let mut out = String::new();
        for f in self.files.iter().filter(|f| f.held_out == (part == Part::HeldOut)) {
            let d = &f.findings;
            let clean = f.articles.0 == f.articles.1
                && d.extra_titles.is_empty()
                && d.missed_titles.is_empty()
                && d.extra_regions.is_empty()
                && d.missed_regions.is_empty()
                && d.extra_formulations.is_empty()
                && d.missed_formulations.is_empty()
                && d.body.is_empty()
                && f.figures.headings.fp + f.figures.headings.fn_ == 0;
            if clean {
                continue;
            }
            let _ = writeln!(
                out,
                "{} [{}] articles gold {} found {}; headings {}",
                f.name,
                f.shape,
                f.articles.0,
                f.articles.1,
                f.figures.headings.prf()
            );
            let mut list = |label: &str, items: &[String]| {
                if !items.is_empty() {
                    let shown: Vec<&str> = items.iter().take(12).map(String::as_str).collect();
                    let more = if items.len() > 12 { format!(" … (+{})", items.len() - 12) } else { String::new() };
                    let _ = writeln!(out, "    {label}: {}{more}", shown.join(" | "));
                }
            };
            list("extra titles", &d.extra_titles);
            list("missed titles", &d.missed_titles);
            list("extra headings", &d.extra_headings);
            list("missed headings", &d.missed_headings);
            list("extra regions", &d.extra_regions);
            list("missed regions", &d.missed_regions);
            list("extra formulations", &d.extra_formulations);
            list("missed formulations", &d.missed_formulations);
            list("reporting body", &d.body);
        }
        out
    }
}

/// Evaluate every case with the built-in rules and the embedded dictionary.
pub fn evaluate(cases: &[Case], enricher: &Enricher) -> Report {
    let gazetteer = Gazetteer::builtin().ok();
    let files = cases.iter().map(|case| evaluate_case(case, enricher, gazetteer.as_ref())).collect();
    Report { files }
}

fn evaluate_case(case: &Case, enricher: &Enricher, gazetteer: Option<&Gazetteer>) -> FileReport {
    let gold = &case.gold;
    let mut figures = Figures { files: 1, tagged_files: u32::from(gold.tags), ..Figures::default() };
    let mut findings = Findings::default();
    let parsed =
        std::fs::read(&case.path).ok().and_then(|bytes| parse_bytes(&case.name, &bytes, ParseOptions::default()).ok());
    let Some(parsed) = parsed else {
        figures.unreadable = 1;
        figures.titles.fn_ = gold.article.iter().filter(|a| !a.title.is_empty()).count() as u32;
        figures.boundaries.fn_ = gold.article.len() as u32;
        return FileReport {
            name: case.name.clone(),
            shape: gold.shape.clone(),
            held_out: case.held_out,
            articles: (gold.article.len(), 0),
            figures,
            findings,
        };
    };
    let mut corpus = Corpus::new();
    corpus.articles = parsed.articles;
    corpus.sources.push(parsed.source);
    enricher.enrich(&mut corpus);
    let found = &corpus.articles;
    if found.len() == gold.article.len() {
        figures.count_exact = 1;
    }

    // Titles, as multisets of normalised text.
    let gold_titles: Vec<String> = gold.article.iter().map(|a| squash(&a.title)).filter(|t| !t.is_empty()).collect();
    // A title printed on several lines is found whole; the gold keeps its first line: a found title that starts with
    // a gold title (of four characters or more) is that title.
    let found_titles: Vec<String> = found
        .iter()
        .map(|a| squash(&a.title))
        .filter(|t| !t.is_empty())
        .map(|t| gold_titles.iter().find(|g| g.chars().count() >= 4 && t.starts_with(g.as_str())).cloned().unwrap_or(t))
        .collect();
    let (extra, missed) = figures.titles.add_multisets(&found_titles, &gold_titles);
    findings.extra_titles = extra;
    findings.missed_titles = missed;

    // Boundaries: greedy one-to-one matching in reading order.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut used = vec![false; found.len()];
    for (g, ga) in gold.article.iter().enumerate() {
        let hit = found.iter().enumerate().find(|(k, a)| !used[*k] && starts_at(a, ga.line));
        if let Some((k, _)) = hit {
            used[k] = true;
            pairs.push((g, k));
        }
    }
    figures.boundaries.tp = pairs.len() as u32;
    figures.boundaries.fp = (found.len() - pairs.len()) as u32;
    figures.boundaries.fn_ = (gold.article.len() - pairs.len()) as u32;

    for &(g, k) in &pairs {
        let ga = &gold.article[g];
        let a = &found[k];
        let gold_headings: Vec<String> = ga.headings.iter().map(|h| squash(h)).collect();
        let found_headings: Vec<String> =
            a.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| squash(&b.text)).collect();
        let (extra, missed) = figures.headings.add_multisets(&found_headings, &gold_headings);
        findings.extra_headings.extend(extra);
        findings.missed_headings.extend(missed);
        if gold.tags {
            score_tags(ga, a, gazetteer, &mut figures, &mut findings);
        }
        if gold.dates {
            score_date(ga, a, &mut figures, &mut findings);
        }
    }
    if gold.tags {
        // Gold articles that were not found lose all their tags.
        for (g, ga) in gold.article.iter().enumerate() {
            if !pairs.iter().any(|&(pg, _)| pg == g) {
                figures.regions.fn_ += region_names(ga).len() as u32;
                figures.formulations.fn_ += ga.formulations.len() as u32;
            }
        }
    }
    FileReport {
        name: case.name.clone(),
        shape: gold.shape.clone(),
        held_out: case.held_out,
        articles: (gold.article.len(), found.len()),
        figures,
        findings,
    }
}

fn score_tags(
    ga: &GoldArticle,
    a: &Article,
    gazetteer: Option<&Gazetteer>,
    figures: &mut Figures,
    findings: &mut Findings,
) {
    let optional: BTreeSet<&str> = ga.optional_regions.iter().map(String::as_str).collect();
    let gold_regions = region_names(ga);
    let found_regions: BTreeSet<String> = a
        .regions
        .iter()
        .filter(|r| r.code.is_some() && !optional.contains(r.name.as_str()))
        .map(|r| r.name.clone())
        .collect();
    let (extra, missed) = figures.regions.add_sets(&found_regions, &gold_regions);
    findings.extra_regions.extend(extra.into_iter().map(|name| {
        let text = a
            .regions
            .iter()
            .find(|r| r.name == name)
            .and_then(|r| r.evidence.first())
            .map_or(String::new(), |e| e.text.clone());
        format!("{name}←{text}")
    }));
    findings.missed_regions.extend(missed);

    let gold_provinces: BTreeSet<String> =
        gold_regions.iter().filter_map(|n| gazetteer.and_then(|g| province_of(g, n, &gold_regions))).collect();
    let found_provinces: BTreeSet<String> =
        a.regions.iter().filter(|r| !optional.contains(r.name.as_str())).filter_map(|r| r.province.clone()).collect();
    figures.provinces.add_sets(&found_provinces, &gold_provinces);

    let gold_home: BTreeSet<String> = ga.regions.iter().filter(|r| r.role == "home").map(|r| r.name.clone()).collect();
    let found_home: BTreeSet<String> =
        a.regions.iter().filter(|r| r.role == RegionRole::Home && r.code.is_some()).map(|r| r.name.clone()).collect();
    figures.home.add_sets(&found_home, &gold_home);

    let not: BTreeSet<String> = ga.not_formulations.iter().map(|t| fold(t)).collect();
    let gold_formulations: BTreeMap<String, &str> =
        ga.formulations.iter().map(|f| (fold(&f.text), f.origin.as_str())).collect();
    // A formulation found under its canonical form matches the gold's surface form too (山水林田湖草 is the 2018
    // form of 山水林田湖草沙), and full-width letters and signs match half-width ones (产业大脑＋未来工厂).
    let found_formulations: BTreeMap<String, FormulationOrigin> = a
        .formulations
        .iter()
        .map(|s| {
            let forms = std::iter::once(&s.text).chain(&s.surface).map(|t| fold(t));
            let key = forms.clone().find(|f| gold_formulations.contains_key(f)).unwrap_or_else(|| fold(&s.text));
            (key, s.origin)
        })
        .collect();
    let gold_set: BTreeSet<String> = gold_formulations.keys().cloned().collect();
    let found_set: BTreeSet<String> = found_formulations.keys().cloned().collect();
    let (extra, missed) = figures.formulations.add_sets(&found_set, &gold_set);
    findings
        .extra_formulations
        .extend(extra.into_iter().map(|t| if not.contains(&t) { format!("{t} (trap)") } else { t }));
    findings.missed_formulations.extend(missed);
    for (text, origin) in &found_formulations {
        let name = origin_name(*origin);
        if let Some(gold_origin) = gold_formulations.get(text) {
            figures.origin.record(name == *gold_origin);
        }
        // Local without evidence: neither the reader nor the reference list's local entries say so (a local body
        // coining it in a title or heading is the tagger's other evidence, which the reader judges).
        if *origin == FormulationOrigin::Local && gold_formulations.get(text) != Some(&"local") && !listed_local(text) {
            figures.local_without_evidence += 1;
        }
        // Only where the reader did not list it: 十四五 and 十五 (the plans) are formulations, 三万九千 never.
        if numbers_only(text) && !gold_formulations.contains_key(text) {
            figures.number_tags += 1;
        }
    }

    if let Some(agency) = &ga.agency {
        let found = a.agencies.first().map(|t| t.name.as_str());
        figures.agency.record(found == Some(agency.as_str()));
        if found != Some(agency.as_str()) {
            findings.body.push(format!("agency {} ≠ {agency}", found.unwrap_or("—")));
        }
    }
    if let Some(level) = &ga.level {
        let found = a.level.as_ref().map(|t| t.name.as_str());
        figures.level.record(found == Some(level.as_str()));
        if found != Some(level.as_str()) {
            findings.body.push(format!("level {} ≠ {level}", found.unwrap_or("—")));
        }
    }
}

/// An article's date against the gold: right when value (and so precision) agree; a date where the gold has none is
/// invented.
fn score_date(ga: &GoldArticle, a: &Article, figures: &mut Figures, findings: &mut Findings) {
    let found = a.date.as_ref().map(|d| d.value.as_str());
    match ga.date.as_deref() {
        None => {}
        Some("none") => {
            if let Some(found) = found {
                figures.invented_dates += 1;
                findings.body.push(format!("date {found} where the text gives none"));
            }
        }
        Some(gold) => {
            figures.dates.record(found == Some(gold));
            if found != Some(gold) {
                findings.body.push(format!("date {} ≠ {gold}", found.unwrap_or("—")));
            }
        }
    }
}

fn region_names(ga: &GoldArticle) -> BTreeSet<String> {
    ga.regions.iter().map(|r| r.name.clone()).collect()
}

/// The province of a gold place: the one division of that name, or the one inside another gold place.
fn province_of(g: &Gazetteer, name: &str, all: &BTreeSet<String>) -> Option<String> {
    let candidates: Vec<usize> =
        g.divisions.iter().enumerate().filter(|(_, d)| d.name == name).map(|(i, _)| i).collect();
    let pick = if candidates.len() == 1 {
        candidates[0]
    } else {
        *candidates.iter().find(|&&c| {
            g.divisions.iter().enumerate().any(|(a, d)| a != c && all.contains(&d.name) && g.is_within(c, a))
        })?
    };
    Some(g.divisions[g.divisions[pick].province].name.clone())
}

fn origin_name(origin: FormulationOrigin) -> &'static str {
    match origin {
        FormulationOrigin::Central => "central",
        FormulationOrigin::Local => "local",
        FormulationOrigin::Unknown => "unknown",
    }
}

/// Whether the reference list names `canonical` as a local formulation (its `[[local]]` entries). The built-in list
/// always builds (the core's tests say so); were it broken, nothing would count as listed.
fn listed_local(canonical: &str) -> bool {
    static TAGGER: std::sync::OnceLock<Option<FormulationTagger>> = std::sync::OnceLock::new();
    TAGGER
        .get_or_init(|| FormulationTagger::new(formulations::RULES, formulations::REFERENCE).ok())
        .as_ref()
        .is_some_and(|t| t.origin(canonical, FormulationKind::Quoted, false) == FormulationOrigin::Local)
}

/// Made only of numerals, digits and calendar units: a number or a date, never a formulation.
fn numbers_only(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_digit() || "〇零一二两三四五六七八九十百千万亿年月日号至到余多".contains(c))
}

/// Whether a found article starts where the gold says one does.
fn starts_at(a: &Article, gold_line: u32) -> bool {
    let first_body = a.blocks.iter().find(|b| b.kind != BlockKind::Meta).map_or(a.lines[1], |b| b.lines[0]);
    let from = a.lines[0].saturating_sub(3);
    let to = if a.title.is_empty() { first_body } else { a.lines[0].max(first_body.saturating_sub(1)) };
    (from..=to.max(a.lines[0])).contains(&gold_line)
}

/// Text without white space or quotation marks, folded as search folds it (full-width → half-width, ＋ → +; Latin
/// lower case), for comparing formulations.
fn fold(text: &str) -> String {
    let unquoted: String = squash(text).chars().filter(|c| !matches!(c, '“' | '”' | '‘' | '’' | '"')).collect();
    tifa_corpus::text::fold::fold(&unquoted)
}

/// Text without white space, for comparing titles and headings.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
