//! Errors a person can act on when a file cannot be loaded.

use std::fmt;

/// Why a file could not be turned into a source. Each message says what was found and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The path does not exist.
    NotFound,
    /// The path is a directory, not a file.
    IsDirectory,
    /// The operating system refused to read the file.
    Io(String),
    /// The file has no bytes, or only white space.
    Empty,
    /// The file is not text; `what` names the format when it was recognised (e.g. "a PDF document").
    Binary {
        /// Recognised format, if any.
        what: Option<&'static str>,
        /// Byte offset of the first tell-tale byte.
        offset: usize,
    },
    /// The bytes are neither UTF-8, UTF-16 with a byte-order mark, nor GB18030/GBK.
    Undecodable {
        /// Byte offset of the first byte that could not be decoded.
        offset: usize,
    },
    /// Everything in the file was recognised as noise (advertising, paywall markers); there is no content.
    OnlyNoise,
    /// The file is larger than this build accepts.
    TooLarge {
        /// Size of the file in bytes.
        bytes: u64,
        /// Largest size accepted, in bytes.
        limit: u64,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound => write!(f, "no such file; check the path"),
            LoadError::IsDirectory => write!(f, "this is a folder, not a file; name the .txt files inside it"),
            LoadError::Io(msg) => write!(f, "cannot read the file: {msg}"),
            LoadError::Empty => write!(f, "the file is empty"),
            LoadError::Binary { what: Some(what), .. } => {
                write!(f, "this is {what}, not plain text; save or export it as a .txt file first")
            }
            LoadError::Binary { what: None, offset } => {
                write!(f, "this is not a text file (binary data at byte {offset}); open a plain-text .txt file instead")
            }
            LoadError::Undecodable { offset } => write!(
                f,
                "the text is neither UTF-8, UTF-16 nor GB18030/GBK (first undecodable byte at offset {offset}); \
                 save it as UTF-8 and try again"
            ),
            LoadError::OnlyNoise => {
                write!(f, "the file holds only advertising or paywall lines and no article text")
            }
            LoadError::TooLarge { bytes, limit } => write!(
                f,
                "the file is {:.1} MB, more than the {:.0} MB this build accepts; split it into smaller files",
                *bytes as f64 / 1e6,
                *limit as f64 / 1e6
            ),
        }
    }
}

impl LoadError {
    /// The message in both interface languages.
    pub fn text(&self) -> crate::lang::Text {
        crate::lang::Text::new(self.message_zh(), self.to_string())
    }

    /// The same message in Chinese, for the Chinese interface.
    pub fn message_zh(&self) -> String {
        match self {
            LoadError::NotFound => "找不到这个文件，请检查路径。".into(),
            LoadError::IsDirectory => "这是文件夹而不是文件，请选择其中的 .txt 文件。".into(),
            LoadError::Io(msg) => format!("无法读取这个文件：{msg}"),
            LoadError::Empty => "文件是空的。".into(),
            LoadError::Binary { what: Some(what), .. } => {
                format!("这是{}，不是纯文本；请先另存或导出为 .txt 文件。", format_zh(what))
            }
            LoadError::Binary { what: None, offset } => {
                format!("这不是文本文件（第 {offset} 字节处为二进制数据）；请打开纯文本 .txt 文件。")
            }
            LoadError::Undecodable { offset } => format!(
                "文字编码既不是 UTF-8、UTF-16，也不是 GB18030/GBK（第 {offset} 字节起无法解码）；请另存为 UTF-8 后重试。"
            ),
            LoadError::OnlyNoise => "文件里只有广告或付费提示，没有文章正文。".into(),
            LoadError::TooLarge { bytes, limit } => format!(
                "文件有 {:.1} MB，超过本程序可接受的 {:.0} MB；请拆分成较小的文件。",
                *bytes as f64 / 1e6,
                *limit as f64 / 1e6
            ),
        }
    }
}

/// A recognised file format, in Chinese.
fn format_zh(what: &str) -> String {
    let known = [
        ("PDF", "PDF 文档"),
        ("Word", "Word 文档"),
        ("Office", "Office 文档"),
        ("ZIP", "压缩包"),
        ("PNG", "PNG 图片"),
        ("JPEG", "JPEG 图片"),
        ("GIF", "GIF 图片"),
    ];
    known.iter().find(|(k, _)| what.contains(k)).map(|(_, zh)| zh.to_string()).unwrap_or_else(|| what.to_string())
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod zh_tests {
    use super::*;

    #[test]
    fn every_message_has_a_chinese_form() {
        let all = [
            LoadError::NotFound,
            LoadError::IsDirectory,
            LoadError::Io("x".into()),
            LoadError::Empty,
            LoadError::Binary { what: Some("a PNG image"), offset: 0 },
            LoadError::Binary { what: None, offset: 9 },
            LoadError::Undecodable { offset: 3 },
            LoadError::OnlyNoise,
            LoadError::TooLarge { bytes: 9_000_000, limit: 1_000_000 },
        ];
        for e in all {
            let zh = e.message_zh();
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{e}: {zh}");
        }
        assert!(LoadError::Binary { what: Some("a PNG image"), offset: 0 }.message_zh().contains("PNG 图片"));
    }
}
