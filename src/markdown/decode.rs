//! Turning the raw bytes of a notes file into clean text.
//!
//! People export interview notes from many editors, so the bytes may be UTF-8
//! (with or without a BOM), UTF-16 from Windows Notepad, Windows-1252, or
//! UTF-8 that went through a Windows-1252 round trip and came back as
//! mojibake (`donâ€™t`). This module decides which, and undoes the mojibake.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text ready for the Markdown parser, plus what had to be done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    pub windows_1252: bool,
    pub repaired_mojibake: bool,
}

/// The bytes are not a text document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotText;

/// Double-encoded text needs one pass per round trip; three covers every
/// real case seen and bounds the work on hostile input.
const MOJIBAKE_PASSES: usize = 3;

pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (text, windows_1252) = if bytes.starts_with(&[0xFF, 0xFE]) {
        (
            UTF_16LE.decode_with_bom_removal(bytes).0.into_owned(),
            false,
        )
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        (
            UTF_16BE.decode_with_bom_removal(bytes).0.into_owned(),
            false,
        )
    } else {
        if looks_binary(bytes) {
            return Err(NotText);
        }
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(text) => (text.to_owned(), false),
            // A file that is not UTF-8 is far more likely to be a Windows
            // export than garbage, and refusing it would only frustrate.
            Err(_) => (
                WINDOWS_1252
                    .decode_without_bom_handling(body)
                    .0
                    .into_owned(),
                true,
            ),
        }
    };
    if text.contains('\0') {
        return Err(NotText);
    }
    let mut text = normalize_line_endings(text);
    let mut repaired_mojibake = false;
    for _ in 0..MOJIBAKE_PASSES {
        match repair_mojibake(&text) {
            Some(fixed) => {
                text = fixed;
                repaired_mojibake = true;
            }
            None => break,
        }
    }
    // A BOM can reappear once mojibake (`ï»¿`) is repaired.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let text = fold_styled_letters(text);
    Ok(Decoded {
        text,
        windows_1252,
        repaired_mojibake,
    })
}

/// Letters and digits written in Unicode's mathematical alphabets (bold
/// `𝗦𝗶𝘁𝘂𝗮𝘁𝗶𝗼𝗻`, italic `𝑇𝑎𝑠𝑘`, bold digits `𝟭.`), which posts copied
/// from LinkedIn or Notion use for bold and italics, as the plain letters
/// they style: to a reader `𝗦𝗶𝘁𝘂𝗮𝘁𝗶𝗼𝗻` is the label `Situation`.
fn fold_styled_letters(text: String) -> String {
    if !text.chars().any(|c| styled_letter(c).is_some()) {
        return text;
    }
    text.chars()
        .map(|c| styled_letter(c).unwrap_or(c))
        .collect()
}

/// The plain letter or digit a styled one stands for.
fn styled_letter(c: char) -> Option<char> {
    let code = c as u32;
    let plain = match code {
        // Bold, italic, script, fraktur, double-struck, sans-serif and
        // monospace alphabets: 52 letters each, capitals first.
        0x1D400..=0x1D6A3 => {
            let i = ((code - 0x1D400) % 52) as u8;
            if i < 26 {
                b'A' + i
            } else {
                b'a' + (i - 26)
            }
        }
        // Five digit styles of ten.
        0x1D7CE..=0x1D7FF => b'0' + ((code - 0x1D7CE) % 10) as u8,
        // Letters of these alphabets Unicode had encoded earlier, which
        // leave holes in the block above.
        _ => {
            return match c {
                '\u{210E}' => Some('h'),
                '\u{212C}' => Some('B'),
                '\u{2130}' => Some('E'),
                '\u{2131}' => Some('F'),
                '\u{210B}' | '\u{210C}' | '\u{210D}' => Some('H'),
                '\u{2110}' | '\u{2111}' => Some('I'),
                '\u{2112}' => Some('L'),
                '\u{2133}' => Some('M'),
                '\u{211B}' | '\u{211C}' | '\u{211D}' => Some('R'),
                '\u{212F}' => Some('e'),
                '\u{210A}' => Some('g'),
                '\u{2134}' => Some('o'),
                '\u{212D}' | '\u{2102}' => Some('C'),
                '\u{2124}' | '\u{2128}' => Some('Z'),
                '\u{2115}' => Some('N'),
                '\u{2119}' => Some('P'),
                '\u{211A}' => Some('Q'),
                _ => None,
            };
        }
    };
    Some(plain as char)
}

/// NUL bytes never occur in text files; other control bytes occur only by
/// accident, so more than a few percent means an image, archive or PDF.
fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 6] = [
        b"%PDF-",
        b"PK\x03\x04",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"\xD0\xCF\x11\xE0",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) || bytes.contains(&0) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| matches!(b, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    controls > 8 && controls * 20 > bytes.len()
}

/// Line numbers are counted on `\n`, and old Mac files use bare `\r`.
fn normalize_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Undoes one round of "UTF-8 bytes decoded as Windows-1252".
///
/// Works sequence by sequence rather than on whole runs of Windows-1252
/// characters: a run may mix mojibake with genuine accented letters
/// (`café â€” done`), and re-encoding the whole run would then fail to be
/// valid UTF-8 and repair nothing. A lone `é` or `ï` is never followed by the
/// continuation characters a UTF-8 sequence needs, so genuine text is kept.
pub(crate) fn repair_mojibake(text: &str) -> Option<String> {
    if !text.chars().any(is_lead_char) {
        return None;
    }
    let high = cp1252_high_half();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if is_lead_char(c) {
            if let Some((fixed, consumed)) = decode_sequence(rest, &high) {
                out.push(fixed);
                rest = &rest[consumed..];
                changed = true;
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

/// Characters whose Windows-1252 byte can start a multi-byte UTF-8 sequence.
fn is_lead_char(c: char) -> bool {
    ('\u{c2}'..='\u{f4}').contains(&c)
}

/// Bytes read as Windows-1252 (what Latin-1 text is too, for the letters
/// people type): for escapes and mail parts that name no UTF-8.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The characters Windows-1252 puts at bytes 0x80..=0x9F (the only part that
/// differs from Latin-1), taken from encoding_rs so the tables agree.
fn cp1252_high_half() -> Vec<char> {
    let bytes: Vec<u8> = (0x80..=0x9F).collect();
    WINDOWS_1252
        .decode_without_bom_handling(&bytes)
        .0
        .chars()
        .collect()
}

fn to_cp1252(c: char, high: &[char]) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    let index = high.iter().position(|&h| h == c)?;
    u8::try_from(0x80 + index).ok()
}

/// Tries to read one mojibake sequence at the start of `text`; returns the
/// repaired character and how many bytes of `text` it replaces.
fn decode_sequence(text: &str, high: &[char]) -> Option<(char, usize)> {
    let mut chars = text.char_indices();
    let (_, lead) = chars.next()?;
    let lead_byte = to_cp1252(lead, high)?;
    let needed = match lead_byte {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut buf = [lead_byte, 0, 0, 0];
    let mut consumed = lead.len_utf8();
    for filled in 1..=needed {
        let next = chars
            .next()
            .and_then(|(i, c)| Some((i, c, to_cp1252(c, high)?)));
        match next {
            Some((i, c, b @ 0x80..=0xBF)) => {
                buf[filled] = b;
                consumed = i + c.len_utf8();
            }
            // `â€` then a dropped 0x9D: editors lose that undefined byte, and
            // the right double quote is by far the most common character with it.
            _ if filled == 2 && buf[..2] == [0xE2, 0x80] => {
                return Some(('\u{201d}', consumed));
            }
            _ => return None,
        }
    }
    let decoded = std::str::from_utf8(&buf[..=needed]).ok()?;
    let fixed = decoded.chars().next()?;
    // A C1 control is not what anybody typed.
    if ('\u{80}'..='\u{9f}').contains(&fixed) {
        return None;
    }
    Some((fixed, consumed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> String {
        repair_mojibake(text).unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn styled_unicode_letters_read_as_plain_ones() {
        let text = "\u{1D5E6}\u{1D5F6}\u{1D601} \u{1D413}\u{1D41A}\u{1D42C}\u{1D424} \u{1D7ED}. \u{1D447}\u{210E}e \u{1D4AF}";
        let decoded = decode(text.as_bytes()).unwrap();
        assert_eq!(
            decoded.text,
            "Sit Task 1. The \u{1D4AF}".replace("\u{1D4AF}", "T")
        );
        assert_eq!(
            fold_styled_letters("caf\u{e9} \u{2192}".into()),
            "caf\u{e9} \u{2192}"
        );
    }

    #[test]
    fn common_mojibake_sequences_are_repaired() {
        assert_eq!(repaired("donâ€™t"), "don\u{2019}t");
        assert_eq!(repaired("â€œhiâ€\u{9d}"), "\u{201c}hi\u{201d}");
        assert_eq!(repaired("a â€” b â†’ c"), "a \u{2014} b \u{2192} c");
        assert_eq!(repaired("cafÃ©"), "café");
    }

    #[test]
    fn a_right_quote_with_its_last_byte_dropped_is_still_repaired() {
        assert_eq!(repaired("â€œshipâ€ it"), "\u{201c}ship\u{201d} it");
    }

    #[test]
    fn genuine_accents_are_left_alone() {
        for text in ["café", "naïve", "Ångström", "façade — déjà vu", "Â"] {
            assert_eq!(repair_mojibake(text), None, "{text}");
        }
    }

    #[test]
    fn mojibake_next_to_genuine_accents_is_repaired() {
        assert_eq!(repaired("café â€” done"), "café \u{2014} done");
    }

    #[test]
    fn double_encoded_text_is_repaired_over_several_passes() {
        let once: String = WINDOWS_1252
            .decode_without_bom_handling("it’s".as_bytes())
            .0
            .into_owned();
        let twice: String = WINDOWS_1252
            .decode_without_bom_handling(once.as_bytes())
            .0
            .into_owned();
        let decoded = decode(twice.as_bytes()).map(|d| d.text);
        assert_eq!(decoded, Ok("it’s".to_owned()));
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let decoded = decode(b"caf\xe9 \x93quoted\x94");
        let decoded = decoded.as_ref().map(|d| (d.text.as_str(), d.windows_1252));
        assert_eq!(decoded, Ok(("café \u{201c}quoted\u{201d}", true)));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let decoded = decode(b"\xEF\xBB\xBF# A\r\nb\rc").map(|d| d.text);
        assert_eq!(decoded, Ok("# A\nb\nc".to_owned()));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "S: x".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).map(|d| d.text), Ok("S: x".to_owned()));
    }

    #[test]
    fn nul_bytes_and_known_binary_formats_are_not_text() {
        assert_eq!(decode(b"abc\0def"), Err(NotText));
        assert_eq!(decode(b"%PDF-1.7 stuff"), Err(NotText));
        assert_eq!(decode(b"PK\x03\x04word"), Err(NotText));
        let noisy: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(decode(&noisy), Err(NotText));
    }
}
