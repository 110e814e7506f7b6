//! The two interface languages, and text a person reads in both: what the core says (notes, load errors, file
//! outcomes) is made here as [`Text`], and the page, the CLI and exports render it in the language chosen.

use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language's code (as on `<html lang>`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language a code names: English for `en…`, Chinese for anything else.
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }

    /// Pick the string of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A sentence in both interface languages. In JSON it is the pair `message` (English, as in every error and note Tifa
/// writes) and `message_zh`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    /// 中文.
    #[serde(rename = "message_zh")]
    pub zh: String,
    /// English.
    #[serde(rename = "message")]
    pub en: String,
}

impl Text {
    /// A sentence in Chinese and in English.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    /// The sentence in a language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl std::fmt::Display for Text {
    /// The English sentence (the language of logs and of the CLI's default output).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_read_in_the_language_asked_for_and_serialised_as_message_pairs() {
        let t = Text::new("文件是空的。", "the file is empty");
        assert_eq!(t.get(Lang::Zh), "文件是空的。");
        assert_eq!(t.get(Lang::En), "the file is empty");
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json, serde_json::json!({"message": "the file is empty", "message_zh": "文件是空的。"}));
        assert_eq!(Lang::from_code("en-GB"), Lang::En);
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code(""), Lang::Zh);
    }
}
