//! Reading files for the CLI: per-file errors, progress on stderr, custom rules.

use std::path::{Path, PathBuf};
use std::time::Instant;
use tifa_corpus::{Corpus, CorpusBuilder, LayoutRules, LoadError, NoiseRules, ParseOptions};

/// Rules read from the command line, or the built-in ones.
pub struct Rules {
    noise: Option<NoiseRules>,
    layout: Option<LayoutRules>,
}

impl Rules {
    /// Read custom rule files, if given. The message names the file and the problem.
    pub fn read(noise: Option<&Path>, layout: Option<&Path>) -> Result<Self, String> {
        let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let noise = match noise {
            Some(p) => Some(NoiseRules::from_toml(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))?),
            None => None,
        };
        let layout = match layout {
            Some(p) => Some(LayoutRules::from_toml(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))?),
            None => None,
        };
        Ok(Rules { noise, layout })
    }

    /// The options to parse with.
    pub fn options(&self) -> ParseOptions<'_> {
        ParseOptions {
            noise: self.noise.as_ref().unwrap_or_else(|| NoiseRules::builtin()),
            layout: self.layout.as_ref().unwrap_or_else(|| LayoutRules::builtin()),
        }
    }
}

/// The corpus built from the files that loaded, and the files that did not.
pub struct Outcome {
    /// Articles of every file that loaded.
    pub corpus: Corpus,
    /// (file name as given, reason) for each file that failed.
    pub failures: Vec<(String, LoadError)>,
}

/// Inputs larger than this (in total) get progress lines on stderr.
const PROGRESS_BYTES: u64 = 8 * 1024 * 1024;

/// Load files (or the default corpus when `files` is empty).
pub fn load(files: &[PathBuf], options: ParseOptions<'_>, progress: bool) -> Outcome {
    let mut builder = CorpusBuilder::new();
    let mut failures = Vec::new();
    if files.is_empty() {
        if let Err(e) = builder.add_with(tifa_corpus::DEFAULT_CORPUS_NAME, tifa_corpus::DEFAULT_CORPUS_BYTES, options) {
            failures.push((tifa_corpus::DEFAULT_CORPUS_NAME.to_string(), e));
        }
        return Outcome { corpus: builder.finish(), failures };
    }
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let show = progress && (total >= PROGRESS_BYTES || files.len() >= 50);
    let started = Instant::now();
    let mut done = 0u64;
    for (i, path) in files.iter().enumerate() {
        let shown = path.display().to_string();
        let name = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        match read(path) {
            Ok(bytes) => {
                done += bytes.len() as u64;
                if let Err(e) = builder.add_with(&name, &bytes, options) {
                    failures.push((shown, e));
                }
            }
            Err(e) => failures.push((shown, e)),
        }
        if show {
            eprintln!(
                "tifa: parsed {}/{} files, {:.1}/{:.1} MB, {:.1}s",
                i + 1,
                files.len(),
                done as f64 / 1e6,
                total as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Outcome { corpus: builder.finish(), failures }
}

fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory);
    }
    std::fs::read(path).map_err(|e| io_error(&e))
}

fn io_error(e: &std::io::Error) -> LoadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound,
        _ => LoadError::Io(e.to_string()),
    }
}
