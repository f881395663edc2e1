//! Where each concept occurs in a story's text, worked out once at index
//! time and stored with the story, so that explaining a hit needs no concept
//! detection over the story at query time.
//!
//! Encoding: a flat list of LEB128 varints, four per span: source (text
//! kind + 8 x index of the text within its kind), concept, start byte, and
//! length in bytes. Decoding stops at the first malformed span, so a damaged
//! field costs explanations, never a panic.

/// Which text of a story a span lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Title,
    /// The n-th tagged question.
    Question(usize),
    /// The n-th competency.
    Competency(usize),
    /// The n-th STAR part, in [`crate::story::Story::star_parts`] order.
    Part(usize),
}

impl Source {
    fn code(self) -> u64 {
        let (kind, n) = match self {
            Source::Title => (0, 0),
            Source::Question(n) => (1, n),
            Source::Competency(n) => (2, n),
            Source::Part(n) => (3, n),
        };
        kind + 8 * n as u64
    }

    fn from_code(code: u64) -> Option<Source> {
        let n = usize::try_from(code / 8).ok()?;
        match code % 8 {
            0 => Some(Source::Title),
            1 => Some(Source::Question(n)),
            2 => Some(Source::Competency(n)),
            3 => Some(Source::Part(n)),
            _ => None,
        }
    }
}

/// One concept occurrence: a byte range of one text of the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub source: Source,
    pub concept: usize,
    pub start: usize,
    pub end: usize,
}

pub fn encode(spans: &[Span]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 5);
    for s in spans {
        for v in [
            s.source.code(),
            s.concept as u64,
            s.start as u64,
            s.end.saturating_sub(s.start) as u64,
        ] {
            put_varint(&mut out, v);
        }
    }
    out
}

/// The spans of `bytes`, up to the first malformed one.
pub fn decode(bytes: &[u8]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut at = 0;
    let mut next = || get_varint(bytes, &mut at);
    while let (Some(source), Some(concept), Some(start), Some(len)) =
        (next(), next(), next(), next())
    {
        let (Some(source), Ok(concept), Ok(start), Ok(len)) = (
            Source::from_code(source),
            usize::try_from(concept),
            usize::try_from(start),
            usize::try_from(len),
        ) else {
            break;
        };
        let Some(end) = start.checked_add(len) else {
            break;
        };
        spans.push(Span {
            source,
            concept,
            start,
            end,
        });
    }
    spans
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip() {
        let spans = vec![
            Span {
                source: Source::Title,
                concept: 3,
                start: 0,
                end: 7,
            },
            Span {
                source: Source::Question(12),
                concept: 300,
                start: 70_000,
                end: 70_011,
            },
            Span {
                source: Source::Part(3),
                concept: 0,
                start: 5,
                end: 5,
            },
        ];
        assert_eq!(decode(&encode(&spans)), spans);
    }

    #[test]
    fn damaged_bytes_decode_to_what_is_whole() {
        let span = Span {
            source: Source::Competency(1),
            concept: 2,
            start: 200,
            end: 210,
        };
        let mut bytes = encode(&[span, span]);
        bytes.truncate(bytes.len() - 1);
        assert_eq!(decode(&bytes), vec![span]);
        assert!(decode(&[0xff; 40]).is_empty());
        // An unknown source kind ends decoding.
        assert!(decode(&[7, 1, 1, 1]).is_empty());
    }
}
