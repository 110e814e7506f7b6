//! The asset's binary encoding: a compact, positional format written by hand for the corpus model and the index
//! data. Unsigned integers are LEB128 varints, `f32` four little-endian bytes, strings a length and UTF-8 bytes,
//! `Option` a 0/1 byte before the value, sequences a length before the items, enums one byte, struct fields in
//! declaration order. Chosen over a serde format because the browser decodes it with a few hundred bytes of code
//! instead of a generic deserialiser (smaller wasm, faster loading); every read is checked, so damaged or foreign
//! bytes give an error, never a panic or a huge allocation.

use super::index::{IndexData, TermCounts};
use crate::lang::Text;
use crate::model::*;
use crate::reuse::{ArticleReuse, Boilerplate, Direction, Pair, Passage, Reuse, Span};
use std::fmt;

/// Why bytes do not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError(pub String);

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodecError {}

/// Reads values from a byte slice, checking every step.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn byte(&mut self) -> Result<u8, CodecError> {
        let b = *self.bytes.get(self.at).ok_or_else(|| CodecError("unexpected end of data".into()))?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        if n > self.remaining() {
            return Err(CodecError("unexpected end of data".into()));
        }
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, CodecError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(CodecError("a number is too long".into()))
    }

    /// A length that the rest of the data can hold (each item takes at least one byte).
    fn len(&mut self) -> Result<usize, CodecError> {
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.remaining())
            .ok_or_else(|| CodecError(format!("a length of {n} exceeds the data")))
    }
}

/// Write a value.
pub trait Encode {
    /// Append the encoding of `self`.
    fn encode(&self, out: &mut Vec<u8>);
}

/// Read a value.
pub trait Decode: Sized {
    /// Read one value.
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError>;
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

macro_rules! codec_uint {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                put_varint(out, u64::from(*self));
            }
        }
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
                let v = r.varint()?;
                <$t>::try_from(v).map_err(|_| CodecError(format!("{v} is out of range for {}", stringify!($t))))
            }
        }
    )*};
}
codec_uint!(u8, u16, u32, u64);

impl Encode for f32 {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Decode for f32 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
        let b = r.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
}

impl Decode for String {
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
        let n = r.len()?;
        let bytes = r.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| CodecError("a string is not UTF-8".into()))
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.encode(out);
            }
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
        match r.byte()? {
            0 => Ok(None),
            1 => T::decode(r).map(Some),
            b => Err(CodecError(format!("bad option marker {b}"))),
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.len() as u64);
        for v in self {
            v.encode(out);
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
        let n = r.len()?;
        // The length is checked against the bytes left, but an item takes more memory than a byte: reserve a
        // bounded amount and let the vector grow as items actually decode.
        let mut v = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            v.push(T::decode(r)?);
        }
        Ok(v)
    }
}

impl Encode for [u32; 2] {
    fn encode(&self, out: &mut Vec<u8>) {
        self[0].encode(out);
        self[1].encode(out);
    }
}

impl Decode for [u32; 2] {
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok([u32::decode(r)?, u32::decode(r)?])
    }
}

impl Encode for (u32, u16, u16, u32) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
        self.2.encode(out);
        self.3.encode(out);
    }
}

impl Decode for (u32, u16, u16, u32) {
    fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok((u32::decode(r)?, u16::decode(r)?, u16::decode(r)?, u32::decode(r)?))
    }
}

/// Fields in declaration order; the struct literal makes the compiler insist that every field is listed.
macro_rules! codec_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                $( self.$f.encode(out); )*
            }
        }
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
                Ok($t { $( $f: Decode::decode(r)?, )* })
            }
        }
    };
}

/// One byte per variant; the exhaustive match makes the compiler insist that every variant is listed.
macro_rules! codec_enum {
    ($t:ident { $($v:ident = $n:literal),* $(,)? }) => {
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                out.push(match self { $( $t::$v => $n, )* });
            }
        }
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, CodecError> {
                match r.byte()? {
                    $( $n => Ok($t::$v), )*
                    b => Err(CodecError(format!("bad {} value {b}", stringify!($t)))),
                }
            }
        }
    };
}

codec_struct!(Corpus { schema, sources, articles });
codec_struct!(Source { name, encoding, title, declared_count, found_count, fingerprint, bytes, header, stats, notes });
codec_struct!(SourceStats { lines, noise_lines, inline_noise, rejoined_lines, content_chars });
codec_struct!(Note { kind, message, line });
codec_struct!(Text { zh, en });
codec_struct!(Article {
    id,
    source,
    ordinal,
    title,
    blocks,
    lines,
    title_line,
    notes,
    regions,
    agencies,
    level,
    themes,
    keywords,
    formulations,
    documents,
    doc_number,
    issuer,
    date,
    time_mentions
});
codec_struct!(ArticleDate { value, precision, evidence });
codec_struct!(TimeMention { value, label, count, at });
codec_struct!(DateEvidence { source, value, at });
codec_struct!(Block { kind, text, level, style, lines, placeholders, meta });
codec_struct!(Evidence { block, start, end, text });
codec_struct!(Tag { name, evidence });
codec_struct!(RegionTag { name, code, level, province, path, role, evidence, inferred });
codec_struct!(Inference { from, confidence });
codec_struct!(ThemeTag { name, score, evidence });
codec_struct!(Keyword { word, score });
codec_struct!(FormulationTag { text, surface, kind, origin, evidence });
codec_struct!(DocumentTag { title, kind, evidence });
codec_struct!(IndexData { vocabulary, term_totals, counts, reuse });
codec_struct!(Reuse { pairs, articles, boilerplate });
codec_struct!(Pair { a, b, direction, chars, passages });
codec_struct!(Passage { a, b, similarity });
codec_struct!(Span { block, start, end });
codec_struct!(ArticleReuse { id, reused, boilerplate, own });
codec_struct!(Boilerplate { text, articles, article, span });
codec_struct!(TermCounts { terms, tokens });

codec_enum!(RegionLevel { Province = 0, Prefecture = 1, County = 2, Township = 3 });
codec_enum!(RegionRole { Home = 0, Mentioned = 1 });
codec_enum!(Direction { AToB = 0, BToA = 1 });
codec_enum!(DatePrecision { Year = 0, Month = 1, Day = 2 });
codec_enum!(DateSource { SignedField = 0, DateLine = 1, Title = 2, Published = 3, DocumentNumber = 4, FileName = 5 });
codec_enum!(Confidence { High = 0, Medium = 1 });
codec_enum!(FormulationKind { Quoted = 0, Numbered = 1, Enumeration = 2 });
codec_enum!(FormulationOrigin { Central = 0, Local = 1, Unknown = 2 });
codec_enum!(BlockKind { Heading = 0, Paragraph = 1, Meta = 2 });
codec_enum!(MetaKind {
    Number = 0,
    Volume = 1,
    DocNumber = 2,
    Issuer = 3,
    Date = 4,
    Subtitle = 5,
    Source = 6,
    Separator = 7,
    Attachment = 8,
    Record = 9
});
codec_enum!(HeadingStyle {
    ChineseNumber = 0,
    ParenChineseNumber = 1,
    ArabicNumber = 2,
    ParenArabicNumber = 3,
    Ordinal = 4,
    YiShi = 5,
    Label = 6,
    Dash = 7,
    Plain = 8
});
codec_enum!(NoteKind {
    CountMismatch = 0,
    NoiseRemoved = 1,
    RejoinedLines = 2,
    TruncatedTitle = 3,
    MidSentenceStart = 4,
    UnseparatedTitle = 5,
    NumberingIrregular = 6,
    Preamble = 7,
    EncodingGuessed = 8,
    DecodeReplaced = 9,
    EmptyArticle = 10,
    Other = 11,
    ShapeDoubt = 12,
    DateConflict = 13
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip<T: Encode + Decode + PartialEq + fmt::Debug>(v: &T) {
        let mut out = Vec::new();
        v.encode(&mut out);
        let mut r = Reader::new(&out);
        assert_eq!(&T::decode(&mut r).expect("decodes"), v);
        assert_eq!(r.remaining(), 0, "every byte read");
    }

    #[test]
    fn the_parsed_default_corpus_round_trips() {
        let corpus = crate::default_corpus();
        round_trip(&corpus);
    }

    #[test]
    fn every_tag_kind_round_trips() {
        let ev = Evidence { block: Some(3), start: 1, end: 4, text: "毕节市".into() };
        let article = Article {
            id: "x".into(),
            regions: vec![RegionTag {
                name: "毕节市".into(),
                code: Some("520500".into()),
                level: RegionLevel::Prefecture,
                province: Some("贵州省".into()),
                path: vec!["贵州省".into(), "毕节市".into()],
                role: RegionRole::Home,
                evidence: vec![ev.clone()],
                inferred: Some(Inference { from: vec!["大方县".into()], confidence: Confidence::Medium }),
            }],
            agencies: vec![Tag { name: "组织部".into(), evidence: vec![ev.clone()] }],
            level: Some(Tag { name: "市".into(), evidence: Vec::new() }),
            themes: vec![ThemeTag { name: "作风建设".into(), score: 3.25, evidence: vec![ev.clone()] }],
            keywords: vec![Keyword { word: "作风".into(), score: -0.5 }],
            formulations: vec![FormulationTag {
                text: "两个维护".into(),
                surface: vec!["“两个维护”".into()],
                kind: FormulationKind::Numbered,
                origin: FormulationOrigin::Central,
                evidence: vec![ev.clone()],
            }],
            documents: vec![DocumentTag { title: "条例".into(), kind: None, evidence: vec![ev] }],
            ..Article::default()
        };
        round_trip(&article);
        round_trip(&IndexData {
            vocabulary: vec!["作风".into()],
            term_totals: vec![70_000],
            counts: vec![TermCounts { terms: vec![(0, 1, 2, 300_000)], tokens: 9 }],
            reuse: Reuse {
                pairs: vec![Pair {
                    a: "x-01".into(),
                    b: "y-02".into(),
                    direction: Some(Direction::BToA),
                    chars: 48,
                    passages: vec![Passage {
                        a: Span { block: 1, start: 2, end: 50 },
                        b: Span { block: 0, start: 0, end: 49 },
                        similarity: 0.921,
                    }],
                }],
                articles: vec![ArticleReuse { id: "x-01".into(), reused: 0.25, boilerplate: 0.125, own: 0.625 }],
                boilerplate: vec![Boilerplate {
                    text: "以习近平同志为核心的党中央".into(),
                    articles: 9,
                    article: "x-01".into(),
                    span: Span { block: 3, start: 0, end: 13 },
                }],
            },
        });
    }

    #[test]
    fn damaged_bytes_are_errors() {
        let mut out = Vec::new();
        crate::default_corpus().encode(&mut out);
        for cut in [0, 1, out.len() / 2, out.len() - 1] {
            assert!(Corpus::decode(&mut Reader::new(&out[..cut])).is_err(), "cut at {cut}");
        }
        // A length far beyond the data is refused before anything is allocated.
        let mut huge = Vec::new();
        put_varint(&mut huge, u64::MAX >> 1);
        assert!(Vec::<String>::decode(&mut Reader::new(&huge)).is_err());
        assert!(Option::<u32>::decode(&mut Reader::new(&[7])).is_err());
        assert!(RegionLevel::decode(&mut Reader::new(&[9])).is_err());
        assert!(u16::decode(&mut Reader::new(&[0xff, 0xff, 0x7f])).is_err());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Corpus::decode(&mut Reader::new(&bytes));
            let _ = IndexData::decode(&mut Reader::new(&bytes));
        }

        #[test]
        fn numbers_and_strings_round_trip(a in any::<u64>(), b in any::<u32>(), s in ".*", f in any::<f32>()) {
            let mut out = Vec::new();
            a.encode(&mut out);
            b.encode(&mut out);
            s.to_string().encode(&mut out);
            f.encode(&mut out);
            let mut r = Reader::new(&out);
            prop_assert_eq!(u64::decode(&mut r).unwrap(), a);
            prop_assert_eq!(u32::decode(&mut r).unwrap(), b);
            prop_assert_eq!(String::decode(&mut r).unwrap(), s);
            prop_assert_eq!(f32::decode(&mut r).unwrap().to_bits(), f.to_bits());
        }
    }
}
