//! A saved email (`.eml`, or a raw message pasted into a text file) or
//! web archive (`.mht`, `.mhtml`, a page saved as one MIME file): the
//! headers are dropped and the body is decoded as the mail client shows
//! it. A `multipart` message gives its `text/plain` part (the `text/html`
//! copy of the same text is left out; an HTML-only message gives its HTML,
//! which later rules read); `quoted-printable` and `base64` bodies are
//! decoded (`I=E2=80=99ve` is "I've", a line ending in `=` continues on the
//! next). Each decoded line points at the source line it starts on.

use super::{LineWriter, Rewritten};

/// The rewritten document; `None` unless the text starts with mail headers
/// (`From:` and `Subject:` or `Content-Type:` before the first blank line,
/// with a sender's address or a header only mail has: notes that open
/// with `From: Priya (mentor)` and `Subject: Conflict story` are notes).
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let (headers, body_at) = read_headers(&lines, 0, lines.len())?;
    let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    let mail_only = [
        "date",
        "message-id",
        "mime-version",
        "received",
        "return-path",
    ];
    let is_mail = names.contains(&"from")
        && (names.contains(&"subject") || names.contains(&"content-type"))
        && (field(&headers, "from").contains('@') || mail_only.iter().any(|h| names.contains(h)));
    // A web archive (`.mht`, `.mhtml`: Word's or a browser's single-file
    // web page) is a MIME message without a sender; its page is HTML.
    let web_archive = names.contains(&"mime-version")
        && field(&headers, "content-type")
            .to_ascii_lowercase()
            .starts_with("multipart/related");
    if !is_mail && !web_archive {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len());
    let mut wrote = false;
    write_part(
        &lines,
        &headers,
        body_at,
        lines.len(),
        0,
        &mut out,
        &mut wrote,
    );
    wrote.then(|| out.finish(false))
}

/// Header fields (name lowercased, value unfolded) from line `from` to the
/// first blank line before `to`, and the index of the line after it;
/// `None` when a line there is not a header.
fn read_headers(lines: &[&str], from: usize, to: usize) -> Option<(Headers, usize)> {
    let mut fields: Headers = Vec::new();
    let mut i = from;
    while i < to.min(lines.len()) {
        let line = lines[i].trim_end_matches('\r');
        if line.is_empty() {
            return Some((fields, i + 1));
        }
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous field.
            let (_, value) = fields.last_mut()?;
            value.push(' ');
            value.push_str(line.trim());
        } else {
            let (name, value) = line.split_once(':')?;
            let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_graphic());
            if !valid {
                return None;
            }
            fields.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        i += 1;
    }
    None
}

/// Header fields: (lowercased name, unfolded value).
type Headers = Vec<(String, String)>;

fn field<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A parameter of a header value: `boundary="xyz"` in `multipart/...; boundary="xyz"`.
fn parameter<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    value.split(';').skip(1).find_map(|p| {
        let (key, v) = p.trim().split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"'))
    })
}

/// Writes the readable text of the part whose body is lines `from..to`.
fn write_part(
    lines: &[&str],
    headers: &[(String, String)],
    from: usize,
    to: usize,
    depth: usize,
    out: &mut LineWriter,
    wrote: &mut bool,
) {
    let content_type = field(headers, "content-type").to_ascii_lowercase();
    if content_type.starts_with("multipart/") && depth < 4 {
        let Some(boundary) = parameter(field(headers, "content-type"), "boundary") else {
            return;
        };
        let parts = parts(lines, from, to, boundary);
        let parsed: Vec<(Headers, usize, usize)> = parts
            .into_iter()
            .filter_map(|(start, end)| {
                let (h, body) = read_headers(lines, start, end)?;
                Some((h, body, end))
            })
            .collect();
        // The plain text, else whatever else there is (HTML, nested parts).
        let plain = |h: &[(String, String)]| {
            let t = field(h, "content-type").to_ascii_lowercase();
            t.is_empty() || t.starts_with("text/plain")
        };
        let alternative = content_type.starts_with("multipart/alternative");
        let has_plain = parsed.iter().any(|(h, _, _)| plain(h));
        for (h, body, end) in &parsed {
            let t = field(h, "content-type").to_ascii_lowercase();
            let attachment = field(h, "content-disposition")
                .to_ascii_lowercase()
                .starts_with("attachment");
            let readable = t.is_empty()
                || ["text/plain", "text/html", "text/markdown", "multipart/"]
                    .iter()
                    .any(|r| t.starts_with(r));
            if attachment || !readable || (alternative && has_plain && !plain(h)) {
                continue;
            }
            write_part(lines, h, *body, *end, depth + 1, out, wrote);
        }
        return;
    }
    if !(content_type.is_empty() || content_type.starts_with("text/")) {
        return;
    }
    let encoding = field(headers, "content-transfer-encoding").to_ascii_lowercase();
    let body = &lines[from.min(to)..to];
    let decoded: Vec<(String, usize)> = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body, from),
        "base64" => base64_lines(body, from),
        _ => body
            .iter()
            .enumerate()
            .map(|(k, l)| (l.trim_end_matches('\r').to_string(), from + k + 1))
            .collect(),
    };
    // An HTML body that is a fragment (`<div dir="ltr">...`, as mail
    // clients send it) opening the text is marked as a page, for the HTML
    // page reader (`html_page`) to read it as one.
    let fragment = decoded
        .iter()
        .find(|(l, _)| !l.trim().is_empty())
        .is_some_and(|(l, _)| {
            let head = l.trim_start().to_ascii_lowercase();
            !head.starts_with("<html") && !head.starts_with("<!doctype")
        });
    if !*wrote && content_type.starts_with("text/html") && fragment {
        out.line("<html>", from + 1);
    }
    for (line, source) in decoded {
        out.line(&line, source);
    }
    out.line("", to);
    *wrote = true;
}

/// The line ranges of the parts between `--boundary` lines.
fn parts(lines: &[&str], from: usize, to: usize, boundary: &str) -> Vec<(usize, usize)> {
    let open = format!("--{boundary}");
    let close = format!("--{boundary}--");
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let line = line.trim_end_matches('\r').trim_end();
        if line == open || line == close {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            if line == open {
                start = Some(i + 1);
            } else {
                break;
            }
        }
    }
    if let Some(s) = start {
        out.push((s, to));
    }
    out
}

/// Decodes quoted-printable lines: `=XX` is a byte, a line ending in `=`
/// continues on the next. Each decoded line reports the 1-based line it
/// starts on (`first` is the 0-based index of `body[0]`).
fn quoted_printable(body: &[&str], first: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut start: Option<usize> = None;
    for (k, raw) in body.iter().enumerate() {
        let line = raw.trim_end_matches('\r');
        start.get_or_insert(first + k + 1);
        let (line, soft) = match line.strip_suffix('=') {
            Some(rest) => (rest, true),
            None => (line.trim_end(), false),
        };
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'=' {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    bytes.push(v);
                    i += 3;
                    continue;
                }
            }
            bytes.push(b[i]);
            i += 1;
        }
        if !soft {
            out.push((text_of(&bytes), start.take().unwrap_or(first + k + 1)));
            bytes.clear();
        }
    }
    if let Some(s) = start {
        out.push((text_of(&bytes), s));
    }
    out
}

/// UTF-8 text of decoded bytes; bytes that are not UTF-8 are read as
/// Windows-1252 (Latin-1 mail too, for the letters people type).
fn text_of(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => super::decode::windows_1252(bytes),
    }
}

/// Decodes a base64 body; every decoded line reports the body's first line.
fn base64_lines(body: &[&str], first: usize) -> Vec<(String, usize)> {
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut bytes = Vec::new();
    for c in body.iter().flat_map(|l| l.bytes()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        bits = bits << 6 | u32::from(v);
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    text_of(&bytes)
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| (l.to_string(), first + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: Ana <ana@example.com>\nTo: Coach <c@example.com>\nSubject: Re: my stories\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\nHi =E2=80=93 here they are.\n\nSituation: The lab fridge failed on a Fr=\niday night.\nAction: I moved the samples =E2=80=9Cfast=E2=80=9D.\n\n--b1\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n<p>Situation: The lab fridge failed on a Friday night.</p>\n--b1--\n";

    #[test]
    fn the_plain_part_is_decoded_and_the_html_copy_left_out() {
        let (text, lines) = rewrite(MAIL).unwrap();
        assert_eq!(
            text,
            "Hi \u{2013} here they are.\n\nSituation: The lab fridge failed on a Friday night.\nAction: I moved the samples \u{201c}fast\u{201d}.\n\n\n"
        );
        // The joined line starts on line 13 of the file.
        assert_eq!(lines[2], 13);
        assert_eq!(lines[3], 15);
    }

    #[test]
    fn a_single_part_base64_message_is_decoded() {
        let mail = "From: a@example.com\nSubject: notes\nContent-Transfer-Encoding: base64\n\nU2l0dWF0aW9uOiBGbG9vZC4K\nQWN0aW9uOiBNb3BwZWQu\n";
        let (text, _) = rewrite(mail).unwrap();
        assert!(
            text.starts_with("Situation: Flood.\nAction: Mopped."),
            "{text:?}"
        );
    }

    #[test]
    fn a_boundary_with_a_colon_and_many_parts_stays_linear() {
        let mut mail = String::from(
            "From: a@example.com\nSubject: x\nContent-Type: multipart/mixed; boundary=\"x:\"\n\n",
        );
        for _ in 0..20_000 {
            mail.push_str("--x:\n");
        }
        mail.push('\n');
        // Each part's headers stop at its own end: no part reads the
        // others' (which took minutes and gigabytes before).
        let (text, _) = rewrite(&mail).unwrap();
        assert!(text.trim().is_empty(), "{text:?}");
    }

    #[test]
    fn windows_1252_mail_and_other_parts() {
        let mail = "From: a@example.com\nSubject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\nI didn=92t.\n--b\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\n--b--\n";
        let (text, _) = rewrite(mail).unwrap();
        assert_eq!(text, "I didn\u{2019}t.\n\n");
    }

    #[test]
    fn notes_that_only_mention_headers_are_not_mail() {
        assert!(rewrite(
            "From: Priya (mentor)\nSubject: Conflict story\nSituation: We argued.\n\nAction: I listened.\n"
        )
        .is_none());
        assert!(rewrite("# Stories\n\nFrom: the archive team\n").is_none());
        assert!(rewrite("Situation: From: me\nSubject: x\n").is_none());
        assert!(rewrite("From: me\nnot a header line\n\nbody").is_none());
    }
}
