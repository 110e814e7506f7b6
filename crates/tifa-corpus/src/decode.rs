//! Turning bytes into text: encoding detection, decoding, and refusing what is not text.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE) is decisive; otherwise well-formed UTF-8 wins; otherwise
//! a UTF-16 layout without a mark (every other byte zero); otherwise GB18030 (a superset of GBK and GB2312), accepted
//! only if the text looks like Chinese rather than a Western or Big5 file that happens to be byte-valid GB18030.

use crate::error::LoadError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Text decoded from a file, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (byte-order mark removed, line endings untouched).
    pub text: String,
    /// Name of the encoding used: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// Malformed sequences replaced by U+FFFD (only a handful are tolerated; more is an error).
    pub replaced: usize,
}

/// At most this many malformed sequences are replaced instead of refusing the file (a file cut mid-character).
const MAX_REPLACED: usize = 8;

/// Magic numbers of common non-text formats people mistake for text, with a name for the message.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document (.docx/.xlsx)"),
    (b"\xD0\xCF\x11\xE0", "an old Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\x7FELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
];

/// Decode a file's bytes, detecting the encoding. Never panics.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..], true);
    }
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(LoadError::Binary { what: Some(what), offset: 0 });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        // Zero bytes: UTF-16 without a byte-order mark, or binary data.
        return match utf16_without_bom(bytes) {
            Some(encoding) => decode_with(encoding, bytes, false),
            None => Err(LoadError::Binary { what: None, offset }),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), "UTF-8", false, 0),
        Err(err) => {
            let utf8 = decode_with(encoding_rs::UTF_8, bytes, false);
            // A file cut in the middle of a UTF-8 character, or with a stray byte or two, is still UTF-8.
            let mostly_utf8 = err.valid_up_to() > 0 && utf8.as_ref().is_ok_and(|d| d.replaced <= MAX_REPLACED);
            if mostly_utf8 && looks_like_utf8_text(bytes) {
                return utf8;
            }
            decode_gb18030(bytes)
        }
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], bom: bool) -> Result<Decoded, LoadError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced = if had_errors { text.chars().filter(|&c| c == '\u{FFFD}').count() } else { 0 };
    if replaced > MAX_REPLACED {
        return Err(LoadError::Undecodable { offset: first_bad_offset(encoding, bytes) });
    }
    finish(text.into_owned(), display_name(encoding), bom, replaced)
}

/// The conventional spelling of an encoding's name (encoding_rs uses the WHATWG label `gb18030`).
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 { "GB18030" } else { encoding.name() }
}

fn finish(text: String, encoding: &'static str, bom: bool, replaced: usize) -> Result<Decoded, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    if let Some(offset) = control_heavy(&text) {
        return Err(LoadError::Binary { what: None, offset });
    }
    Ok(Decoded { text, encoding, bom, replaced })
}

fn decode_gb18030(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if !looks_like_gb_chinese(bytes) {
        // Chinese text in UTF-16 without a byte-order mark has no zero bytes; try it before giving up.
        if let Some(encoding) = utf16_without_bom(bytes) {
            return decode_with(encoding, bytes, false);
        }
        let offset = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
        return Err(LoadError::Undecodable { offset });
    }
    decode_with(GB18030, bytes, false)
}

/// Offset of the first malformed sequence, found by decoding prefixes with a streaming decoder.
fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(64);
    let mut read_total = 0;
    for chunk in bytes.chunks(1) {
        out.clear();
        out.reserve(16);
        let (result, read) = decoder.decode_to_string_without_replacement(chunk, &mut out, false);
        if let encoding_rs::DecoderResult::Malformed(_, _) = result {
            return read_total;
        }
        read_total += read;
    }
    read_total
}

/// UTF-16 without a byte-order mark: zero bytes in the file, and one byte order decodes to plausible text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 32 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    [UTF_16LE, UTF_16BE].into_iter().find(|encoding| {
        let (text, had_errors) = encoding.decode_without_bom_handling(sample);
        !had_errors && plausible_share(&text) >= 0.95
    })
}

/// Share of characters that belong in a Chinese or Western text file: CJK ideographs and punctuation, printable
/// ASCII, Latin letters, white space.
fn plausible_share(text: &str) -> f64 {
    let (mut total, mut good) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        let ok = matches!(c,
            ' '..='~' | '\n' | '\r' | '\t'
            | '\u{A0}'..='\u{24F}'
            | '\u{2000}'..='\u{206F}'
            | '\u{3000}'..='\u{303F}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{25A0}'..='\u{25FF}');
        good += usize::from(ok);
    }
    if total == 0 { 0.0 } else { good as f64 / total as f64 }
}

/// A UTF-8 file with a damaged byte still has many well-formed multi-byte sequences.
fn looks_like_utf8_text(bytes: &[u8]) -> bool {
    let lead_bytes = bytes.iter().filter(|&&b| (0xC2..=0xF4).contains(&b)).count();
    lead_bytes >= 4
}

/// Whether the non-ASCII bytes read as common Chinese characters in GB2312's hanzi area (lead 0xB0–0xF7, trail
/// 0xA1–0xFE) and punctuation rows (lead 0xA1–0xA9). Western single-byte text or Big5 decodes as GB18030 without
/// errors but lands mostly outside these rows.
fn looks_like_gb_chinese(bytes: &[u8]) -> bool {
    let (mut common, mut other) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let Some(&t) = bytes.get(i + 1) else {
            other += 1;
            break;
        };
        if (0x30..=0x39).contains(&t) {
            // Four-byte GB18030 sequence: rare characters.
            other += 1;
            i += 4;
            continue;
        }
        let hanzi = (0xB0..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&t);
        let punct = (0xA1..=0xA9).contains(&b) && (0xA1..=0xFE).contains(&t);
        if hanzi || punct {
            common += 1;
        } else {
            other += 1;
        }
        i += 2;
    }
    common > 0 && common * 10 >= (common + other) * 7
}

/// Text full of control characters is binary data that happened to decode.
fn control_heavy(text: &str) -> Option<usize> {
    let mut controls = 0usize;
    let mut first = None;
    let mut total = 0usize;
    for (offset, c) in text.char_indices() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}' | '\u{0B}' | '\u{85}') {
            controls += 1;
            first.get_or_insert(offset);
        }
    }
    if controls > 0 && controls * 100 > total { first } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "关于加强基层治理工作的经验交流材料\n今年以来，xx县坚持党建引领。\n";

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.encoding, d.bom, d.text.as_str()), ("UTF-8", false, SAMPLE));
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.bom, d.text.as_str()), ("UTF-8", true, SAMPLE));
    }

    #[test]
    fn gb18030_without_bom() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("GB18030", SAMPLE));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(SAMPLE.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, SAMPLE);
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        be.extend(SAMPLE.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        let ascii_le: Vec<u8> = "Plain ASCII text in UTF-16\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&ascii_le).unwrap().encoding, "UTF-16LE");
        let chinese_be: Vec<u8> = SAMPLE.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&chinese_be).unwrap().text, SAMPLE);
    }

    #[test]
    fn refuses_empty_binary_and_undecodable() {
        assert_eq!(decode(b""), Err(LoadError::Empty));
        assert_eq!(decode(b"  \n\t\n"), Err(LoadError::Empty));
        assert!(matches!(decode(b"%PDF-1.7 ..."), Err(LoadError::Binary { what: Some(_), .. })));
        assert!(matches!(decode(b"abc\x00\x01\x02def\x00"), Err(LoadError::Binary { what: None, .. })));
        // Latin-1 French: byte-valid GB18030 in places, but not Chinese.
        let latin1 = b"R\xE9sum\xE9 du caf\xE9 \xE0 la cr\xE8me br\xFBl\xE9e, tr\xE8s \xE9l\xE9gant.";
        assert!(matches!(decode(latin1), Err(LoadError::Undecodable { .. })));
    }

    #[test]
    fn tolerates_a_utf8_file_cut_mid_character() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.extend_from_slice(&"结尾".as_bytes()[..4]);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn control_characters_mean_binary() {
        let noisy: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert!(matches!(decode(&noisy), Err(LoadError::Binary { .. })));
    }
}
