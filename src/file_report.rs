//! What became of one file the user opened: its articles, or why it was not used, in both interface languages. Kept
//! by the own-files panel and by the browser store alike.

use crate::i18n::Lang;

/// One file's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct FileLine {
    /// File name (as the browser gives it, with its folder path when a folder was opened).
    pub name: String,
    /// Articles found, or why the file was not used.
    pub result: Result<u32, Reason>,
}

/// Why a file was not used, in both interface languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// 中文.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Reason {
    /// A reason in both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason { zh: zh.into(), en: en.into() }
    }

    /// The reason in the interface language.
    pub fn in_lang(&self, lang: Lang) -> &str {
        if lang == Lang::Zh { &self.zh } else { &self.en }
    }
}
