//! The binary asset: the enriched corpus and its index data in one compact, versioned file that the browser loads
//! without segmenting again. Layout (little-endian):
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `TIFAIDX\0` |
//! | 4 | format version ([`VERSION`]) |
//! | 4 | flags (bit 0: payload is deflate-compressed) |
//! | 8 | payload length |
//! | 4 | CRC-32 of the payload |
//! | n | payload: the corpus and the index data in the positional binary encoding of [`super::codec`] |

use super::codec::{Decode, Encode, Reader};
use super::index::{Index, IndexData};
use crate::model::Corpus;
use std::fmt;
use std::io::{Read, Write};

/// The file's magic number.
pub const MAGIC: &[u8; 8] = b"TIFAIDX\0";
/// The format version this build writes and reads.
pub const VERSION: u32 = 4;
const HEADER: usize = 8 + 4 + 4 + 8 + 4;
const DEFLATE: u32 = 1;

/// Why an asset cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetError {
    /// The bytes do not start with the magic number.
    NotAnAsset,
    /// Written by a different format version.
    Version(u32),
    /// Shorter than its header says.
    Truncated,
    /// The checksum does not match: the file is damaged.
    Checksum,
    /// The payload does not decode.
    Corrupt(String),
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetError::NotAnAsset => write!(f, "not a Tifa index file (wrong magic number)"),
            AssetError::Version(v) => {
                write!(f, "index file format {v} is not supported by this build (format {VERSION}); rebuild the index")
            }
            AssetError::Truncated => write!(f, "the index file is truncated; download or build it again"),
            AssetError::Checksum => {
                write!(f, "the index file is damaged (checksum mismatch); download or build it again")
            }
            AssetError::Corrupt(e) => write!(f, "the index file cannot be decoded ({e}); rebuild it"),
        }
    }
}

impl std::error::Error for AssetError {}

struct Payload {
    corpus: Corpus,
    data: IndexData,
}

/// Encode an index as an asset.
pub fn encode(index: &Index) -> Vec<u8> {
    let mut payload = Vec::new();
    index.corpus.encode(&mut payload);
    index.data.encode(&mut payload);
    let mut compressed = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = compressed.write_all(&payload);
    let body = compressed.finish().unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&DEFLATE.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// The reuse of a corpus alone, as bytes (no header: it passes between the page and its worker, never to disk).
pub fn encode_reuse(reuse: &crate::reuse::Reuse) -> Vec<u8> {
    let mut out = Vec::new();
    reuse.encode(&mut out);
    out
}

/// Read the bytes of [`encode_reuse`].
pub fn decode_reuse(bytes: &[u8]) -> Result<crate::reuse::Reuse, AssetError> {
    let mut reader = Reader::new(bytes);
    let reuse = crate::reuse::Reuse::decode(&mut reader).map_err(|e| AssetError::Corrupt(e.to_string()))?;
    if reader.remaining() != 0 {
        return Err(AssetError::Corrupt(format!("{} bytes after the reuse", reader.remaining())));
    }
    Ok(reuse)
}

/// Decode an asset into a ready index.
pub fn decode(bytes: &[u8]) -> Result<Index, AssetError> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(AssetError::NotAnAsset);
    }
    if bytes.len() < HEADER {
        return Err(AssetError::Truncated);
    }
    let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let version = u32_at(8);
    if version != VERSION {
        return Err(AssetError::Version(version));
    }
    let flags = u32_at(12);
    let mut len_bytes = [0u8; 8];
    len_bytes.copy_from_slice(&bytes[16..24]);
    let len = u64::from_le_bytes(len_bytes);
    let checksum = u32_at(24);
    let body = bytes.get(HEADER..).filter(|b| b.len() as u64 == len).ok_or(AssetError::Truncated)?;
    if crc32fast::hash(body) != checksum {
        return Err(AssetError::Checksum);
    }
    let payload = if flags & DEFLATE != 0 {
        let mut out = Vec::new();
        // A damaged or hostile file must not inflate without bound: text compresses about 4:1, never 256:1.
        let limit = (body.len() as u64).saturating_mul(256).max(1 << 20);
        flate2::read::DeflateDecoder::new(body)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| AssetError::Corrupt(e.to_string()))?;
        if out.len() as u64 > limit {
            return Err(AssetError::Corrupt("the data inflates far beyond any corpus".into()));
        }
        out
    } else {
        body.to_vec()
    };
    let mut reader = Reader::new(&payload);
    let corrupt = |e: super::codec::CodecError| AssetError::Corrupt(e.to_string());
    let p = Payload {
        corpus: Corpus::decode(&mut reader).map_err(corrupt)?,
        data: IndexData::decode(&mut reader).map_err(corrupt)?,
    };
    if reader.remaining() != 0 {
        return Err(AssetError::Corrupt(format!("{} bytes after the data", reader.remaining())));
    }
    validate(&p)?;
    Ok(Index::from_parts(p.corpus, p.data))
}

/// The payload is ours only if its parts agree: one term-count list per article, term ids inside the vocabulary,
/// blocks and evidence inside their texts. A file with a valid checksum can still have been written by something
/// else; indexing it must not panic.
fn validate(p: &Payload) -> Result<(), AssetError> {
    let corrupt = |what: &str| Err(AssetError::Corrupt(what.to_string()));
    if p.data.counts.len() != p.corpus.articles.len() {
        return corrupt("term counts do not match the articles");
    }
    if p.data.term_totals.len() != p.data.vocabulary.len() {
        return corrupt("term totals do not match the vocabulary");
    }
    let terms = p.data.vocabulary.len() as u32;
    if p.data.counts.iter().flat_map(|c| &c.terms).any(|t| t.0 >= terms) {
        return corrupt("a term id lies outside the vocabulary");
    }
    if p.corpus.articles.iter().any(|a| a.source as usize >= p.corpus.sources.len().max(1)) {
        return corrupt("an article names a source that does not exist");
    }
    Ok(())
}
