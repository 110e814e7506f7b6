//! Interface language: Chinese by default, English on request. Strings stay next to where they are used
//! (`tr(lang, "中文", "English")`); only words shared by several views live here.

use tifa_corpus::search::Facet;
use tifa_corpus::{MetaKind, NoteKind, RegionLevel, SloganKind, SloganOrigin};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The code stored in the browser and set on `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language a stored code names (anything unknown is Chinese).
    pub fn from_code(code: &str) -> Lang {
        if code == "en" { Lang::En } else { Lang::Zh }
    }
}

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
        Facet::Slogan => tr(lang, "提法", "Formulation"),
        Facet::Agency => tr(lang, "机构", "Agency"),
        Facet::Level => tr(lang, "层级", "Level"),
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
pub fn slogan_kind(lang: Lang, kind: SloganKind) -> &'static str {
    match kind {
        SloganKind::Quoted => tr(lang, "引号", "quoted"),
        SloganKind::Numbered => tr(lang, "数字式", "numbered"),
        SloganKind::Enumeration => tr(lang, "并列式", "enumeration"),
    }
}

/// Where a formulation comes from.
pub fn slogan_origin(lang: Lang, origin: SloganOrigin) -> &'static str {
    match origin {
        SloganOrigin::Central => tr(lang, "中央", "central"),
        SloganOrigin::Local => tr(lang, "地方", "local"),
        SloganOrigin::Unknown => tr(lang, "未知", "unknown"),
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
    }
}

/// The name of a kind of metadata line.
pub fn meta_kind(lang: Lang, kind: MetaKind) -> &'static str {
    let [zh, en] = kind.names();
    tr(lang, zh, en)
}

/// What a doubt about a file's division says, by how the file was read (one article or several).
pub fn shape_doubt(lang: Lang, articles: u32) -> &'static str {
    if articles <= 1 {
        tr(
            lang,
            "读作一篇文档，但文中有通常分隔汇编各篇的分隔线、出处行或编号行：请核对其中是否包含多篇文档。",
            "Read as one document, but lines inside it (separators, source lines, numbers) usually divide a compilation: check whether it holds several documents.",
        )
    } else {
        tr(
            lang,
            "读作多篇文档，但各篇标题像同一文件的各部分一样依次编号（一、二、……）：请核对是否为单篇文档。",
            "Read as several documents, but their titles are numbered in sequence (一、二、…) like the sections of one document: check whether it is a single document.",
        )
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_codes_mean_chinese() {
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::Zh);
        assert_eq!(Lang::from_code(Lang::En.code()), Lang::En);
        assert_eq!(facet_name(Lang::En, Facet::Slogan), "Formulation");
    }
}
