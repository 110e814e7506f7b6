//! The parsed corpus: sources, articles, blocks and data-quality notes.
//!
//! These types are the contract between the parser and everything downstream (enrichment, index, app, CLI). They
//! serialise to the documented JSON schema `tifa.corpus/1` (see `docs/corpus-schema.md`); fields are only ever added.
//! The schema keeps the names it was published with where the code now says otherwise (`slogans` for formulations,
//! `organizations` for agencies).

use serde::{Deserialize, Serialize};

/// Schema identifier written into every JSON export.
pub const SCHEMA: &str = "tifa.corpus/1";

/// A whole corpus: one or more source files, split into articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The files the corpus was read from, in load order.
    pub sources: Vec<Source>,
    /// Every article of every source, in source order then reading order.
    pub articles: Vec<Article>,
}

/// One input file and what the parser learned about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name as given by the user (no directories).
    pub name: String,
    /// Encoding detected and used to decode the bytes, e.g. `"UTF-8"`, `"GB18030"`, `"UTF-16LE"`.
    pub encoding: String,
    /// The compilation's own title from its header line, if it has one.
    pub title: Option<String>,
    /// Number of articles the header claims (e.g. `（24篇）`), if it claims one. A claim, not a fact.
    pub declared_count: Option<u32>,
    /// Number of articles the parser found in this source.
    pub found_count: u32,
    /// Short stable fingerprint of the decoded text (hex), used to build article ids.
    pub fingerprint: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Header lines other than the title (e.g. a subtitle or editor's note), kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<String>,
    /// Statistics about what the parser removed or repaired.
    pub stats: SourceStats,
    /// Data-quality notes about the source as a whole.
    pub notes: Vec<Note>,
}

/// Counts of what the parser did to a source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStats {
    /// Lines of input (after line-ending normalisation).
    pub lines: u32,
    /// Whole lines removed as noise (advertising, paywall markers, contact lines).
    pub noise_lines: u32,
    /// Noise fragments removed from inside content lines (e.g. an inline paywall marker).
    pub inline_noise: u32,
    /// Line breaks removed because they cut a sentence in two.
    pub rejoined_lines: u32,
    /// Characters of content kept (white space excluded).
    pub content_chars: u64,
}

/// One article of a compilation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the source fingerprint and the article's position, e.g. `"49cddca0-07"`.
    pub id: String,
    /// Index into [`Corpus::sources`].
    pub source: u32,
    /// Position of the article within its source, from 1.
    pub ordinal: u32,
    /// The article's title as printed (empty when the source lost it).
    pub title: String,
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
    /// 1-based line range of the article in the normalised source, inclusive, title included.
    pub lines: [u32; 2],
    /// 1-based line of the title, when it has one; number or document-number lines printed before the title are
    /// blocks of the article on earlier lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_line: Option<u32>,
    /// Data-quality notes about this article.
    pub notes: Vec<Note>,
    /// Regions named in the article, the reporting body's own (`home`) and places merely mentioned.
    #[serde(default)]
    pub regions: Vec<RegionTag>,
    /// The reporting body's organisation type(s) (`organizations` in the schema).
    #[serde(default, rename = "organizations")]
    pub agencies: Vec<Tag>,
    /// The reporting body's administrative level (省/自治区, 市, 县/区, 乡镇/街道, 企业).
    #[serde(default)]
    pub level: Option<Tag>,
    /// Themes from the taxonomy, best first, with scores normalised by article length.
    #[serde(default)]
    pub themes: Vec<ThemeTag>,
    /// Characteristic words of the article (TF-IDF over the corpus), best first.
    #[serde(default)]
    pub keywords: Vec<Keyword>,
    /// Formulations (提法): quoted formulations, numbered formulas, compact enumerations.
    /// `slogans` in the schema.
    #[serde(default, rename = "slogans")]
    pub formulations: Vec<FormulationTag>,
    /// Documents cited by title in 《》.
    #[serde(default)]
    pub documents: Vec<DocumentTag>,
    /// The document number (文号) or order number printed with the document (国发〔2011〕35号), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// The issuing or signing body printed on a line of its own (中共中央 国务院, 总理 温家宝), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// When the document was signed, issued, given or published, read from its own text (`null` when it does not
    /// say).
    #[serde(default)]
    pub date: Option<ArticleDate>,
    /// Years and five-year-plan periods the text speaks of (2021年以来, 到2035年, “十四五”时期): what it is about,
    /// never its own date. One entry per year or period, block by block (in a block, years before plans).
    #[serde(default)]
    pub time_mentions: Vec<TimeMention>,
}

/// A year or a five-year-plan period an article speaks of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// What is meant: a year (`2035`), or a plan's years (`2021-2025`).
    pub value: String,
    /// How it is named, once for all its mentions: the year (`2035`) or the plan's short name (`十四五`).
    pub label: String,
    /// Mentions in the article.
    pub count: u32,
    /// The first mention.
    #[serde(flatten)]
    pub at: Evidence,
}

/// An article's date with its precision and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// ISO form at the precision the text gives: `2018-01-02`, `1927-03` or `2011`.
    pub value: String,
    /// Day, month or year.
    pub precision: DatePrecision,
    /// Every date the text gives for the document, the one that set [`ArticleDate::value`] first.
    pub evidence: Vec<DateEvidence>,
}

impl ArticleDate {
    /// The year.
    pub fn year(&self) -> Option<u16> {
        self.value.get(..4)?.parse().ok()
    }
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A year only.
    Year,
    /// A year and month.
    Month,
    /// A full date.
    Day,
}

/// One date the text gives for its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEvidence {
    /// What kind of evidence.
    pub source: DateSource,
    /// The date it gives, in ISO form at its own precision.
    pub value: String,
    /// Where: a block (`null`: the title, or the file name for [`DateSource::FileName`]), character offsets, text.
    #[serde(flatten)]
    pub at: Evidence,
}

/// Kinds of date evidence, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A record field for the date the document was signed or issued (成文日期：……).
    SignedField,
    /// A date line under the title or after the signature, a dated subtitle (——2019年3月5日在……上), or a date
    /// printed with the issuing body.
    DateLine,
    /// A full date in the title.
    Title,
    /// A publication date: a record field (发布日期：……), a web page's date line, a source line.
    Published,
    /// The year of the document number (〔2011〕35号).
    DocumentNumber,
    /// A year in the file's name.
    FileName,
}

/// Where a tag was found: a span of the title or of one block.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Index into the article's blocks, or `null` when the evidence is in the title.
    pub block: Option<u32>,
    /// Start, in characters (Unicode scalar values) from the beginning of the title or block text.
    pub start: u32,
    /// End (exclusive), in characters.
    pub end: u32,
    /// The matched surface text.
    pub text: String,
}

/// A named tag with its evidence (organisation type, administrative level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    /// The tag's value, e.g. `纪委监委` or `市`.
    pub name: String,
    /// Where it was found.
    pub evidence: Vec<Evidence>,
}

/// Administrative level of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionLevel {
    /// 省级: province, autonomous region, municipality, SAR.
    Province,
    /// 地级: prefecture-level city, prefecture, league, autonomous prefecture.
    Prefecture,
    /// 县级: county, district, county-level city, banner.
    County,
    /// 乡级: township, town, subdistrict.
    Township,
}

/// Whether a region is the reporting body's own or only mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionRole {
    /// The reporting body's own region (from the title, the opening, "我县").
    Home,
    /// A place visited, listed or compared.
    Mentioned,
}

/// A region named in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionTag {
    /// Official full name (`毕节市`), or the masked form (`xx市`) when the source hid the name.
    pub name: String,
    /// Administrative division code (`520500`), or `null` for a masked name.
    pub code: Option<String>,
    /// Administrative level.
    pub level: RegionLevel,
    /// The province it belongs to (itself for a province), `null` for a masked name.
    pub province: Option<String>,
    /// Names from the province down to this region (`["贵州省", "毕节市"]`), for hierarchical facets.
    #[serde(default)]
    pub path: Vec<String>,
    /// Home or mentioned.
    pub role: RegionRole,
    /// Every place in the article that named it.
    pub evidence: Vec<Evidence>,
    /// For a masked place (xx县): where it lies, inferred from the named places of the same text; `province` and
    /// `path` then hold the inferred part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inference>,
}

/// How a masked place was placed in the hierarchy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inference {
    /// The named places that place it (a prefecture it belongs to, a district within it …).
    pub from: Vec<String>,
    /// How sure the inference is.
    pub confidence: Confidence,
}

/// How sure an inference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Named right before the masked name (贵州省xx县), or several places that all agree.
    High,
    /// One named place of the text, not a visit or a comparison.
    Medium,
}

/// A theme from the taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeTag {
    /// Theme name as in `data/themes.toml`.
    pub name: String,
    /// Weighted keyword hits per 1,000 characters of the article.
    pub score: f32,
    /// Keyword occurrences that produced the score (the first few per keyword).
    pub evidence: Vec<Evidence>,
}

/// A characteristic word of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// TF-IDF weight.
    pub score: f32,
}

/// How a formulation was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormulationKind {
    /// A formulation in quotation marks (“能力作风建设年”).
    Quoted,
    /// A numbered formula (两个维护, 三个强化, 四抓四度), quoted or not.
    Numbered,
    /// A compact enumeration of single characters or short parallel items (“严真细实快”).
    Enumeration,
}

/// Whether a formulation comes from the centre or was coined locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormulationOrigin {
    /// In the reference list of central formulations (`data/formulations.toml`).
    Central,
    /// A numbered formula or enumeration not in the central list: a local invention.
    Local,
    /// A quoted phrase not in the reference list.
    Unknown,
}

/// A formulation (提法) used in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulationTag {
    /// Canonical form: no quotes, half-width letters and digits, variants mapped to one form.
    pub text: String,
    /// The surface forms seen in this article (before normalisation), most frequent first.
    pub surface: Vec<String>,
    /// How it was recognised.
    pub kind: FormulationKind,
    /// Central, local or unknown.
    pub origin: FormulationOrigin,
    /// Every occurrence.
    pub evidence: Vec<Evidence>,
}

/// A document cited by title (《…》).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentTag {
    /// Normalised title without the outer 《》 (inner 〈〉 or <> become 《》; placeholders kept).
    pub title: String,
    /// Kind guessed from the title's ending (条例, 规定, 意见, 通知, 方案, 讲话 …), if recognisable.
    pub kind: Option<String>,
    /// Every occurrence.
    pub evidence: Vec<Evidence>,
}

/// Whether a block is a heading, a paragraph or a metadata line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A section heading (小标题).
    Heading,
    /// Running text.
    Paragraph,
    /// A metadata line: an article number, a document number, a date, a source line … (see [`MetaKind`]).
    Meta,
}

/// What a metadata line says. Rules: `[[metadata]]` in `data/parser.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaKind {
    /// An article number on a line of its own (001, ３).
    Number,
    /// A volume or part header (第五卷).
    Volume,
    /// A document or order number (国发〔2011〕35号, 国务院令 第693号).
    DocNumber,
    /// The issuing or signing body (中共中央 国务院, 总理 温家宝).
    Issuer,
    /// A date on a line of its own.
    Date,
    /// Where and when a speech or report was given (——2019年3月5日在……上).
    Subtitle,
    /// Where the text was taken from (（《……》第五卷）, 来源：……).
    Source,
    /// A separator drawn with repeated marks (------).
    Separator,
    /// An attachment named on its own line (附件：……, ……名单.docx).
    Attachment,
    /// A field of the catalogue record a portal prints above a document (索引号：……, 主题分类：……).
    Record,
}

impl MetaKind {
    /// Every kind, in the order summaries list them.
    pub const ALL: [MetaKind; 10] = [
        MetaKind::Number,
        MetaKind::Volume,
        MetaKind::DocNumber,
        MetaKind::Issuer,
        MetaKind::Date,
        MetaKind::Subtitle,
        MetaKind::Source,
        MetaKind::Separator,
        MetaKind::Attachment,
        MetaKind::Record,
    ];

    /// The kind's name in Chinese and in English, as the page and the CLI show it.
    pub fn names(self) -> [&'static str; 2] {
        // Exhaustive on purpose: a new kind fails to compile until it has names here; add it to `ALL` beside them.
        match self {
            MetaKind::Number => ["篇号", "number"],
            MetaKind::Volume => ["卷次", "volume"],
            MetaKind::DocNumber => ["文号", "document number"],
            MetaKind::Issuer => ["发文机关", "issuer"],
            MetaKind::Date => ["日期", "date"],
            MetaKind::Subtitle => ["副题", "subtitle"],
            MetaKind::Source => ["出处", "source"],
            MetaKind::Separator => ["分隔线", "separator"],
            MetaKind::Attachment => ["附件", "attachment"],
            MetaKind::Record => ["目录信息", "record field"],
        }
    }
}

/// The marker style of a heading, which also gives its usual nesting level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingStyle {
    /// `一、` Chinese numeral with enumeration comma.
    ChineseNumber,
    /// `（一）` Chinese numeral in parentheses.
    ParenChineseNumber,
    /// `1.` / `1、` / `1．` Arabic numeral.
    ArabicNumber,
    /// `（1）` Arabic numeral in parentheses.
    ParenArabicNumber,
    /// `第一，` / `第一章` ordinal.
    Ordinal,
    /// `一是` / `二是` run-in enumeration standing alone as a heading.
    YiShi,
    /// `关键词：…` style label heading.
    Label,
    /// `——…` dash-led heading.
    Dash,
    /// A short, formulation-like line with no marker (e.g. `“动”起来，吹响活动集合哨`).
    Plain,
}

impl HeadingStyle {
    /// The conventional nesting level of this style in Chinese official writing (1 = top).
    pub fn level(self) -> u8 {
        match self {
            HeadingStyle::ChineseNumber | HeadingStyle::Ordinal => 1,
            HeadingStyle::ParenChineseNumber => 2,
            HeadingStyle::ArabicNumber | HeadingStyle::YiShi | HeadingStyle::Label | HeadingStyle::Dash => 3,
            HeadingStyle::ParenArabicNumber => 4,
            HeadingStyle::Plain => 2,
        }
    }
}

/// A heading or a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// The text, with broken lines re-joined and noise removed; white space normalised.
    pub text: String,
    /// For headings: nesting level, 1 = top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// For headings: the marker style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<HeadingStyle>,
    /// 1-based line range of the block in the normalised source, inclusive.
    pub lines: [u32; 2],
    /// Spans of anonymised placeholders (xx, xxxx年, x月xx日 …) as character offsets `[start, end)` into `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<[u32; 2]>,
    /// For metadata lines: what the line says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<MetaKind>,
}

impl Block {
    /// A paragraph of running text over source lines `lines` (placeholders are found later, by enrichment).
    pub fn paragraph(text: impl Into<String>, lines: [u32; 2]) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            level: None,
            style: None,
            lines,
            placeholders: Vec::new(),
            meta: None,
        }
    }

    /// A section heading of `style` at nesting `level`.
    pub fn heading(text: impl Into<String>, level: u8, style: HeadingStyle, lines: [u32; 2]) -> Self {
        Block { kind: BlockKind::Heading, level: Some(level), style: Some(style), ..Block::paragraph(text, lines) }
    }

    /// A metadata line of `kind` on source line `line`.
    pub fn meta(kind: MetaKind, text: impl Into<String>, line: u32) -> Self {
        Block { kind: BlockKind::Meta, meta: Some(kind), ..Block::paragraph(text, [line, line]) }
    }
}

/// What a data-quality note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// The header's declared article count differs from the number found.
    CountMismatch,
    /// Noise lines (advertising, paywall markers) were removed.
    NoiseRemoved,
    /// Lines broken inside a sentence were re-joined.
    RejoinedLines,
    /// The title looks cut short by the source.
    TruncatedTitle,
    /// A paragraph seems to start in the middle of a sentence (its beginning was lost).
    MidSentenceStart,
    /// A title was recognised although the source did not set it apart with blank lines.
    UnseparatedTitle,
    /// Heading numbering restarts or skips in a way that suggests lost or merged text.
    NumberingIrregular,
    /// Text before the first article title that is not part of the header.
    Preamble,
    /// The encoding was guessed rather than declared (no byte-order mark).
    EncodingGuessed,
    /// Characters that could not be decoded were replaced.
    DecodeReplaced,
    /// An article with no paragraphs.
    EmptyArticle,
    /// Anything else the parser was unsure of.
    Other,
    /// The file may have been read in the wrong shape: one document read as several, or a compilation as one.
    ShapeDoubt,
    /// The text gives different dates for the same document.
    DateConflict,
}

/// A data-quality note: something the parser did or was unsure of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Machine-readable category.
    pub kind: NoteKind,
    /// What a person reads, in both languages (`message` and `message_zh` in JSON).
    #[serde(flatten)]
    pub message: crate::lang::Text,
    /// 1-based line in the normalised source the note refers to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Note {
    /// A note without a line reference.
    pub fn new(kind: NoteKind, message: crate::lang::Text) -> Self {
        Note { kind, message, line: None }
    }

    /// A note that points at a line of the normalised source.
    pub fn at(kind: NoteKind, line: u32, message: crate::lang::Text) -> Self {
        Note { kind, message, line: Some(line) }
    }
}

#[cfg(test)]
impl Article {
    /// An article of a title and lines: metadata lines of their kind, paragraphs otherwise, one line each from line 2
    /// (for tests).
    pub(crate) fn of_lines(title: &str, lines: &[(&str, Option<MetaKind>)]) -> Article {
        let blocks = lines
            .iter()
            .enumerate()
            .map(|(i, &(text, meta))| match meta {
                Some(kind) => Block::meta(kind, text, i as u32 + 2),
                None => Block::paragraph(text, [i as u32 + 2; 2]),
            })
            .collect();
        Article {
            title: title.into(),
            blocks,
            title_line: Some(1),
            lines: [1, lines.len() as u32 + 1],
            ..Article::default()
        }
    }
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Self {
        Corpus { schema: SCHEMA.to_string(), sources: Vec::new(), articles: Vec::new() }
    }

    /// Serialise to the documented JSON (`tifa.corpus/1`), pretty-printed.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data structures cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Default for Corpus {
    fn default() -> Self {
        Self::new()
    }
}
