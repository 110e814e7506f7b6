//! Interface language: Chinese by default, English on request. Strings stay next to where they are used
//! (`tr(lang, "中文", "English")`); only words shared by several views live here.

use tifa_corpus::search::Facet;
use tifa_corpus::{DatePrecision, DateSource, FormulationKind, FormulationOrigin, MetaKind, NoteKind, RegionLevel};

pub use tifa_corpus::lang::{Lang, Text};

/// Pick the string of the language.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A facet's name.
pub fn facet_name(lang: Lang, facet: Facet) -> &'static str {
    match facet {
        Facet::Region => tr(lang, "地区", "Region"),
        Facet::Theme => tr(lang, "主题", "Theme"),
        Facet::Formulation => tr(lang, "提法", "Formulation"),
        Facet::Agency => tr(lang, "机构", "Agency"),
        Facet::Level => tr(lang, "层级", "Level"),
        Facet::Year => tr(lang, "年份", "Year"),
        Facet::Decade => tr(lang, "年代", "Decade"),
        Facet::Mentioned => tr(lang, "提及的年份与时期", "Years spoken of"),
        Facet::Document => tr(lang, "引用文件", "Cited document"),
        Facet::Source => tr(lang, "来源文件", "Source file"),
    }
}

/// An administrative level.
pub fn region_level(lang: Lang, level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Province => tr(lang, "省级", "province"),
        RegionLevel::Prefecture => tr(lang, "地级", "prefecture"),
        RegionLevel::County => tr(lang, "县级", "county"),
        RegionLevel::Township => tr(lang, "乡级", "township"),
    }
}

/// How a formulation was recognised.
pub fn formulation_kind(lang: Lang, kind: FormulationKind) -> &'static str {
    match kind {
        FormulationKind::Quoted => tr(lang, "引号", "quoted"),
        FormulationKind::Numbered => tr(lang, "数字式", "numbered"),
        FormulationKind::Enumeration => tr(lang, "并列式", "enumeration"),
    }
}

/// Where a formulation comes from.
pub fn formulation_origin(lang: Lang, origin: FormulationOrigin) -> &'static str {
    match origin {
        FormulationOrigin::Central => tr(lang, "中央", "central"),
        FormulationOrigin::Local => tr(lang, "地方", "local"),
        FormulationOrigin::Unknown => tr(lang, "未知", "unknown"),
    }
}

/// A data-quality note's kind, in words.
pub fn note_kind(lang: Lang, kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::CountMismatch => tr(lang, "篇数与声明不符", "Count differs from the declared one"),
        NoteKind::NoiseRemoved => tr(lang, "已去除广告/噪声行", "Advertising or noise removed"),
        NoteKind::RejoinedLines => tr(lang, "断行已接合", "Broken lines re-joined"),
        NoteKind::TruncatedTitle => tr(lang, "标题疑似被截断", "Title looks cut off"),
        NoteKind::MidSentenceStart => tr(lang, "正文从句中开始", "Text starts mid-sentence"),
        NoteKind::UnseparatedTitle => tr(lang, "标题与上篇未分隔", "Title not separated from the previous article"),
        NoteKind::NumberingIrregular => tr(lang, "小标题编号不连续", "Heading numbering irregular"),
        NoteKind::Preamble => tr(lang, "汇编前言", "Preamble of the compilation"),
        NoteKind::EncodingGuessed => tr(lang, "编码为推断", "Encoding guessed"),
        NoteKind::DecodeReplaced => tr(lang, "个别字节无法解码", "Some bytes could not be decoded"),
        NoteKind::EmptyArticle => tr(lang, "文章无正文", "Article has no text"),
        NoteKind::Other => tr(lang, "其他", "Other"),
        NoteKind::ShapeDoubt => tr(lang, "请核对篇章划分", "Check how the file was divided"),
        NoteKind::DateConflict => tr(lang, "日期不一致", "Dates disagree"),
    }
}

/// The name of a kind of metadata line.
pub fn meta_kind(lang: Lang, kind: MetaKind) -> &'static str {
    let [zh, en] = kind.names();
    tr(lang, zh, en)
}

/// "Label: value" with the punctuation of the language.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// Shown in place of a title the source lost.
pub fn untitled(lang: Lang) -> &'static str {
    tr(lang, "（无标题）", "(untitled)")
}

/// How precise a date is.
pub fn date_precision(lang: Lang, precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Day => tr(lang, "精确到日", "to the day"),
        DatePrecision::Month => tr(lang, "精确到月", "to the month"),
        DatePrecision::Year => tr(lang, "仅有年份", "year only"),
    }
}

/// What dated an article.
pub fn date_source(lang: Lang, source: DateSource) -> &'static str {
    match source {
        DateSource::SignedField => tr(lang, "成文日期", "date signed"),
        DateSource::DateLine => tr(lang, "日期行", "date line"),
        DateSource::Title => tr(lang, "标题中的日期", "date in the title"),
        DateSource::Published => tr(lang, "发布日期", "date published"),
        DateSource::DocumentNumber => tr(lang, "文号年份", "year of the document number"),
        DateSource::FileName => tr(lang, "文件名中的年份", "year in the file name"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_codes_mean_chinese() {
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::Zh);
        assert_eq!(Lang::from_code(Lang::En.code()), Lang::En);
        assert_eq!(facet_name(Lang::En, Facet::Formulation), "Formulation");
    }
}
