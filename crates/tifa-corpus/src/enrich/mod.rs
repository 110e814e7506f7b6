//! Enrichment: turning parsed articles into the facets users filter by — regions, organisation type and level,
//! themes and keywords, formulations (提法), cited documents, the date — each tag with the evidence that produced it.
//!
//! Every stage reads the same segmentation ([`crate::text::segment::Segmenter::tokens`]) and is driven by data files in `data/`
//! that a user can edit.

pub mod agencies;
pub mod dates;
pub mod documents;
pub mod fields;
pub mod formulations;
pub mod gazetteer;
pub mod keywords;
pub mod regions;
pub mod stats;
pub mod themes;

use crate::model::{Article, BlockKind, Corpus};
use crate::text::segment::{Segmenter, Token};
use fields::{Field, fields};
use std::collections::HashSet;

/// Every tagger, built once from the data files and reused for any number of corpora.
#[derive(Debug)]
pub struct Enricher {
    segmenter: Segmenter,
    regions: regions::RegionTagger,
    agencies: agencies::AgencyTagger,
    themes: themes::ThemeTagger,
    formulations: formulations::FormulationTagger,
    dates: dates::DateTagger,
    stopwords: HashSet<String>,
}

impl Enricher {
    /// An enricher on jieba's full embedded dictionary plus Tifa's domain dictionary.
    #[cfg(feature = "embedded-dict")]
    pub fn with_embedded_dict() -> Result<Self, String> {
        Self::with_segmenter(Segmenter::with_embedded_dict()?)
    }

    /// An enricher around the given segmenter, with the data files shipped in `data/`. Place names and known
    /// formulations are added to the segmenter's dictionary so that they are never split.
    pub fn with_segmenter(mut segmenter: Segmenter) -> Result<Self, String> {
        let gazetteer = gazetteer::Gazetteer::builtin()?;
        let region_rules = regions::RegionRules::from_toml(regions::RULES)?;
        let regions = regions::RegionTagger::new(gazetteer, region_rules, &segmenter)?;
        let formulations = formulations::FormulationTagger::new(formulations::RULES, formulations::REFERENCE)?;
        regions.teach(&mut segmenter);
        formulations.teach(&mut segmenter);
        Ok(Enricher {
            segmenter,
            regions,
            agencies: agencies::AgencyTagger::new(agencies::TABLE)?,
            themes: themes::ThemeTagger::new(themes::TAXONOMY)?,
            formulations,
            dates: dates::DateTagger::new(dates::RULES)?,
            stopwords: crate::text::stopwords::stopwords(crate::text::stopwords::STOPWORDS),
        })
    }

    /// The segmenter every stage uses.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Tag every article of the corpus in place. Corpus-wide evidence (a formula quoted in one article counts
    /// unquoted in another; keyword document frequencies) is gathered first.
    pub fn enrich(&self, corpus: &mut Corpus) {
        self.enrich_into(corpus, &mut ());
    }

    /// Tag every article in place and hand each article's segmentation to `sink` (a search index counts its terms
    /// from it instead of segmenting again).
    pub fn enrich_into(&self, corpus: &mut Corpus, sink: &mut impl TokenSink) {
        let prepared: Vec<(Vec<Field<'_>>, Vec<Vec<Token<'_>>>)> = corpus
            .articles
            .iter()
            .map(|a| {
                let fs = fields(a);
                let tokens = fs.iter().map(|f| self.segmenter.tokens(f.text, &f.placeholders)).collect();
                (fs, tokens)
            })
            .collect();
        let marked = self.formulations.marked_forms(&prepared);
        let words: Vec<Vec<&str>> = prepared
            .iter()
            .map(|(_, tokens)| {
                tokens
                    .iter()
                    .flatten()
                    .filter(|t| keywords::is_content_word(t, &self.stopwords))
                    .map(|t| t.word)
                    .collect()
            })
            .collect();
        let keywords = keywords::keywords(&words);
        let tags: Vec<_> = prepared
            .iter()
            .zip(&corpus.articles)
            .zip(keywords)
            .map(|(((fs, tokens), article), keywords)| {
                let headings: Vec<bool> = fs
                    .iter()
                    .map(|f| f.block.is_none_or(|b| article.blocks[b as usize].kind == BlockKind::Heading))
                    .collect();
                // A dateline or a source line names where a text was published, not a place it speaks of.
                let sourced = |f: &Field<'_>| {
                    f.block.is_some_and(|b| article.blocks[b as usize].meta == Some(crate::model::MetaKind::Source))
                };
                let regions = if fs.iter().any(sourced) {
                    let (pf, pt): (Vec<Field<'_>>, Vec<Vec<Token<'_>>>) =
                        fs.iter().zip(tokens).filter(|(f, _)| !sourced(f)).map(|(f, t)| (f.clone(), t.clone())).unzip();
                    self.regions.tag(&pf, &pt)
                } else {
                    self.regions.tag(fs, tokens)
                };
                let meta: Vec<_> = fs.iter().map(|f| f.block.and_then(|b| article.blocks[b as usize].meta)).collect();
                let (agencies, level) = self.agencies.tag(fs, &meta, &regions);
                let mut regions = regions;
                agencies::settle_home(&mut regions, &agencies, level.as_ref());
                // A body below the centre (a known level other than 中央/国家) may coin formulas of its own.
                let local_body = level.as_ref().is_some_and(|l| l.name != agencies::NATIONAL);
                let file = corpus.sources.get(article.source as usize).map_or("", |s| s.name.as_str());
                ArticleTags {
                    dated: self.dates.tag(article, file),
                    themes: self.themes.tag(fs),
                    formulations: self.formulations.tag(fs, tokens, &headings, &marked, &self.segmenter, local_body),
                    documents: documents::tag(fs),
                    regions,
                    agencies,
                    level,
                    keywords,
                }
            })
            .collect();
        if sink.wants_tokens() {
            for ((fs, tokens), article) in prepared.into_iter().zip(&corpus.articles) {
                sink.article(article, fs.iter().map(|f| f.block).zip(tokens).collect());
            }
        } else {
            drop(prepared);
        }
        for (article, t) in corpus.articles.iter_mut().zip(tags) {
            article.regions = t.regions;
            article.agencies = t.agencies;
            article.level = t.level;
            article.themes = t.themes;
            article.keywords = t.keywords;
            article.formulations = t.formulations;
            article.documents = t.documents;
            article.time_mentions = self.dates.mentions(article, t.dated.date.as_ref());
            article.date = t.dated.date;
            // Tagging again (a merged corpus) must not repeat the note.
            article.notes.retain(|n| n.kind != crate::model::NoteKind::DateConflict);
            article.notes.extend(t.dated.conflict);
        }
    }
}

/// Receives each article's segmentation as enrichment makes it: the title (`None`) and every block by index, with
/// their tokens.
pub trait TokenSink {
    /// Whether the tokens are wanted at all (plain tagging drops them at once).
    fn wants_tokens(&self) -> bool {
        true
    }
    /// One article's fields and their tokens, in field order.
    fn article<'t>(&mut self, article: &Article, fields: Vec<(Option<u32>, Vec<Token<'t>>)>);
}

/// No sink: enrichment only.
impl TokenSink for () {
    fn wants_tokens(&self) -> bool {
        false
    }
    fn article<'t>(&mut self, _: &Article, _: Vec<(Option<u32>, Vec<Token<'t>>)>) {}
}

struct ArticleTags {
    regions: Vec<crate::model::RegionTag>,
    agencies: Vec<crate::model::Tag>,
    level: Option<crate::model::Tag>,
    themes: Vec<crate::model::ThemeTag>,
    keywords: Vec<crate::model::Keyword>,
    formulations: Vec<crate::model::FormulationTag>,
    documents: Vec<crate::model::DocumentTag>,
    dated: dates::Dated,
}
