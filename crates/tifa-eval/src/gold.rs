//! The gold standard of one real document (`NAME.gold.toml`), as described in the development set's README.

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// What a reader found in one file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Where the text came from.
    pub source: String,
    /// Why it may be vendored.
    pub licence: String,
    /// The document's shape (`national-report`, `collected-works` …).
    pub shape: String,
    /// Whether regions, formulations, agency and level are labelled.
    #[serde(default)]
    pub tags: bool,
    /// Whether every article's date is labelled.
    #[serde(default)]
    pub dates: bool,
    /// The documents in the file, in order.
    #[serde(default)]
    pub article: Vec<GoldArticle>,
}

/// One document a reader would list in a table of contents.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// The title as printed; empty when the document has none.
    #[serde(default)]
    pub title: String,
    /// The document's own date in ISO form at the precision the text gives (`2018-01-02`, `1927-03`, `2011`), or
    /// `none` when it gives none.
    #[serde(default)]
    pub date: Option<String>,
    /// 1-based line of the title (or of the first content line when untitled).
    pub line: u32,
    /// Every section heading line.
    #[serde(default)]
    pub headings: Vec<String>,
    /// The document number (文号), when it carries one.
    pub doc_number: Option<String>,
    /// Type of the reporting or issuing body.
    pub agency: Option<String>,
    /// Level of that body.
    pub level: Option<String>,
    /// Places named as places.
    #[serde(default)]
    pub regions: Vec<GoldRegion>,
    /// Places only implied: neither required nor wrong.
    #[serde(default)]
    pub optional_regions: Vec<String>,
    /// Formulations used.
    #[serde(default)]
    pub formulations: Vec<GoldFormulation>,
    /// Tempting strings that are not formulations.
    #[serde(default)]
    pub not_formulations: Vec<String>,
}

/// A place named in a document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRegion {
    /// Official full name.
    pub name: String,
    /// The surface text as written.
    #[serde(default)]
    pub text: String,
    /// `home` or `mentioned`.
    pub role: String,
}

/// A formulation used in a document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFormulation {
    /// Canonical text, without quotation marks.
    pub text: String,
    /// `central`, `local` or `unknown`.
    #[serde(default = "unknown")]
    pub origin: String,
}

fn unknown() -> String {
    "unknown".to_string()
}

/// A document of the set: its text file and its gold.
#[derive(Debug, Clone)]
pub struct Case {
    /// File name of the text.
    pub name: String,
    /// The text file's path.
    pub path: PathBuf,
    /// What the reader found.
    pub gold: Gold,
    /// Whether the file belongs to the held-out part (its name starts with `h`).
    pub held_out: bool,
}

/// A gold file that could not be read.
#[derive(Debug)]
pub struct GoldError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for GoldError {}

/// Every `NAME.txt` with a `NAME.gold.toml` beside it in `dir`, by name.
pub fn load_cases(dir: &Path) -> Result<Vec<Case>, GoldError> {
    let error = |path: &Path, message: String| GoldError { path: path.to_path_buf(), message };
    let entries = std::fs::read_dir(dir).map_err(|e| error(dir, e.to_string()))?;
    let mut cases = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| error(dir, e.to_string()))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(stem) = name.strip_suffix(".gold.toml") else { continue };
        let text_path = dir.join(format!("{stem}.txt"));
        if !text_path.exists() {
            return Err(error(&path, format!("no text file {stem}.txt beside it")));
        }
        let raw = std::fs::read_to_string(&path).map_err(|e| error(&path, e.to_string()))?;
        let gold: Gold = toml::from_str(&raw).map_err(|e| error(&path, e.to_string()))?;
        cases.push(Case { name: format!("{stem}.txt"), path: text_path, gold, held_out: stem.starts_with('h') });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}
