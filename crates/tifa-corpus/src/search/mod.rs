//! Search: an index over the enriched corpus that finds every article containing the query text (exactly — bigram
//! candidates verified by substring search), ranks with BM25, counts facets for drill-down, cuts snippets and
//! concordances, computes statistics and keyness, and travels to the browser as one binary asset.

pub mod asset;
pub mod codec;
pub mod document;
pub mod engine;
pub mod facets;
pub mod highlight;
pub mod index;
pub mod kwic;
pub mod merge;
pub mod pattern;
pub mod probe;
pub mod query;
pub mod stats;
pub mod timeline;

pub use engine::{FieldHit, Hit, Results, SearchOptions, Snippet, Sort};
pub use index::Index;
pub use kwic::{KwicLine, KwicSort};
pub use query::{Facet, Query, Scope};
