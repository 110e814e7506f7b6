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

impl std::error::Error for LoadError {}
