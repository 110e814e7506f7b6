//! # tifa-corpus
//!
//! The core of Tifa: turns raw compilation files of Chinese policy documents into clean, structured articles.
//! No web dependencies; compiles for native targets and `wasm32-unknown-unknown` alike.
//!
//! Data flows one way: raw bytes → [`decode`] → [`parse`] (lines, noise, articles, blocks, notes) → [`Corpus`].
//!
//! ```
//! let mut builder = tifa_corpus::CorpusBuilder::new();
//! builder.add("demo.txt", "基层治理经验汇编（1篇）\n\n\n网格治理的探索\n\n今年以来，xx县推行网格化管理。\n".as_bytes()).unwrap();
//! let corpus = builder.finish();
//! assert_eq!(corpus.articles[0].title, "网格治理的探索");
//! assert_eq!(corpus.sources[0].declared_count, Some(1));
//! ```

pub mod decode;
pub mod enrich;
pub mod error;
pub mod export;
pub mod file_summary;
pub mod lang;
pub mod model;
pub mod parse;
pub mod reuse;
pub mod search;
pub mod synth;
pub mod text;

pub use error::LoadError;
pub use model::*;
pub use parse::LayoutRules;
pub use parse::NoiseRules;
pub use parse::{ParseOptions, ParsedSource, parse_bytes};

/// File name of the default corpus shipped with Tifa (see `data/corpus/README.md`).
pub const DEFAULT_CORPUS_NAME: &str = "000_49cddca0a45cb7ff.txt";

/// Raw bytes of the default corpus, embedded at build time.
pub const DEFAULT_CORPUS_BYTES: &[u8] = include_bytes!("../../../data/corpus/000_49cddca0a45cb7ff.txt");

/// Collects sources one file at a time; a file that fails to load does not stop the others.
#[derive(Debug, Default)]
pub struct CorpusBuilder {
    corpus: Corpus,
}

impl CorpusBuilder {
    /// A builder with no sources yet.
    pub fn new() -> Self {
        CorpusBuilder { corpus: Corpus::new() }
    }

    /// Decode and parse one file with the built-in rules and add its articles. On error nothing is added.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<&Source, LoadError> {
        self.add_with(name, bytes, ParseOptions::default())
    }

    /// Like [`CorpusBuilder::add`], with the given rules.
    pub fn add_with(&mut self, name: &str, bytes: &[u8], options: ParseOptions<'_>) -> Result<&Source, LoadError> {
        let parsed = parse_bytes(name, bytes, options)?;
        Ok(self.add_parsed(parsed))
    }

    /// Add an already parsed source.
    pub fn add_parsed(&mut self, parsed: ParsedSource) -> &Source {
        let index = self.corpus.sources.len() as u32;
        self.corpus.articles.extend(parsed.articles.into_iter().map(|mut a| {
            a.source = index;
            a
        }));
        self.corpus.sources.push(parsed.source);
        &self.corpus.sources[index as usize]
    }

    /// The finished corpus.
    pub fn finish(self) -> Corpus {
        self.corpus
    }
}

/// The default corpus, parsed.
pub fn default_corpus() -> Corpus {
    let mut builder = CorpusBuilder::new();
    // The embedded file is tested to parse; a failure would show as an empty corpus, never a panic.
    let _ = builder.add(DEFAULT_CORPUS_NAME, DEFAULT_CORPUS_BYTES);
    builder.finish()
}
